"""Raw transcripts (.txt, .srt, .vtt) -> a draft episode file.

Subtitles are read with well-kept libraries (``webvtt-py``, ``srt``); every cue's text is
kept, one transcript line per line of cue text, the first line of each cue stamped with its
start time. Lines that would read as markup get the format's ``\\`` escape, so the draft
builds as it is and shows exactly the words of the source.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .inline import LINK_RE
from .parse import FENCE_OPEN_RE, SPEAKER_RE, TIMESTAMP_LIKE_RE, option_like, slugify
from .schema import BLOCKS
from .speakers import id_for, speaker_names, split_label, split_stamp, unescape_markdown


class ImportError_(Exception):
    """A transcript that cannot be imported; the message is one line for the editor."""


@dataclass(frozen=True)
class Cue:
    """A piece of transcript: its lines, its start (seconds) and speaker when known."""

    lines: tuple[str, ...]
    start: float | None = None
    speaker: str | None = None


SRT_TAG_RE = re.compile(r"</?(?:i|b|u|font|s)\b[^>]*>|\{\\[^}]*\}", re.IGNORECASE)
MAX_BYTES = 64 * 1024 * 1024


def read_text(path: Path) -> str:
    """The file as text: UTF-8 (a BOM is dropped); anything else is refused."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ImportError_(f"{path}: is a folder, not a transcript file") from None
    except OSError as e:
        raise ImportError_(f"{path}: cannot read the file ({e.strerror})") from None
    if len(data) > MAX_BYTES:
        raise ImportError_(f"{path}: the file is larger than 64 MB — is it really a transcript?")
    if b"\x00" in data:
        raise ImportError_(f"{path}: not a text file (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ImportError_(
            f"{path}: not UTF-8 (byte {e.start}) — save it as UTF-8, e.g. "
            f"iconv -f GB18030 -t UTF-8 {path.name} > new.txt"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_transcript(path: Path, known: Iterable[str] = ()) -> list[Cue]:
    """Read ``.vtt``, ``.srt``, a Podcasting 2.0 ``.json`` transcript, Markdown or plain
    text into cues. Speakers come from WebVTT voices, the JSON ``speaker``, or labels at the
    start of lines (``Name: words``, ``**Name:** words``, ``[Name] words``; see
    :mod:`.speakers`); ``known`` are actor names that count as speakers at once."""
    text = read_text(path)
    suffix = path.suffix.lower()
    if suffix == ".vtt" or (suffix not in (".srt", ".txt", ".md") and text.startswith("WEBVTT")):
        cues = _vtt(text, path)
    elif suffix == ".srt":
        cues = _srt(text, path, known)
    elif suffix == ".json":
        cues = _podcast_json(text, path)
    else:
        if suffix in (".md", ".markdown"):
            text = "\n".join(unescape_markdown(line) for line in text.split("\n"))
        cues = _plain(text, known)
    if not any(line for cue in cues for line in cue.lines):
        raise ImportError_(f"{path}: no transcript text found in the file")
    return cues


def _vtt(text: str, path: Path) -> list[Cue]:
    import webvtt  # the WebVTT reader; imported here so the plugin does not need it
    from webvtt.errors import MalformedFileError

    try:
        captions = webvtt.from_string(text).captions
    except MalformedFileError as e:
        raise ImportError_(f"{path}: not a WebVTT file ({e})") from None
    cues = []
    for c in captions:
        lines = tuple(html.unescape(line).strip() for line in c.text.split("\n"))
        cues.append(Cue(tuple(x for x in lines if x), c.start_in_seconds, c.voice or None))
    return cues


def _srt(text: str, path: Path, known: Iterable[str] = ()) -> list[Cue]:
    import srt  # type: ignore[import-untyped]  # the SRT reader

    try:
        subs = list(srt.parse(text))
    except srt.SRTParseError as e:
        where = text[: e.expected_start].count("\n") + 1
        raise ImportError_(
            f"{path}: not an SRT file (line {where}: expected a cue number, then a "
            "'00:00:01,000 --> 00:00:03,500' timing line)"
        ) from None
    texts = []
    for s in subs:
        lines = [SRT_TAG_RE.sub("", line).strip() for line in s.content.split("\n")]
        texts.append((s.start.total_seconds(), [x for x in lines if x]))
    names = speaker_names((lines[0] for _, lines in texts if lines), known)
    cues = []
    for start, lines in texts:
        speaker = None
        if lines:
            name, rest = split_label(lines[0])
            if name in names and rest.strip():
                speaker, lines[0] = name, rest.strip()
        cues.append(Cue(tuple(lines), start, speaker))
    return cues


def _podcast_json(text: str, path: Path) -> list[Cue]:
    """A Podcasting 2.0 JSON transcript: ``{"segments": [{startTime, body, speaker}]}``."""
    try:
        data = json.loads(text)
        segments = data["segments"]
        cues = []
        for seg in segments:
            body = str(seg.get("body", ""))
            lines = tuple(x.strip() for x in body.split("\n") if x.strip())
            start = seg.get("startTime")
            speaker = seg.get("speaker")
            cues.append(
                Cue(
                    lines,
                    float(start) if isinstance(start, (int, float)) else None,
                    str(speaker) if speaker else None,
                )
            )
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ImportError_(
            f"{path}: not a Podcasting 2.0 JSON transcript (expected "
            '{"segments": [{"startTime": …, "body": …, "speaker": …}]})'
        ) from None
    return cues


def _plain(text: str, known: Iterable[str] = ()) -> list[Cue]:
    """Paragraphs of text; a speaker label or a leading timestamp starts a new cue."""
    raw_lines = [raw.strip() for raw in text.split("\n")]
    names = speaker_names((x for x in raw_lines if x), known)
    cues: list[Cue] = []
    para: list[str] = []
    start: float | None = None
    speaker: str | None = None

    def flush() -> None:
        nonlocal para, start
        if para:
            cues.append(Cue(tuple(para), start, speaker))
        para, start = [], None

    for line in raw_lines:
        if not line:
            flush()
            continue
        name, rest = split_label(line)
        if name in names:
            if name != speaker:
                flush()
            speaker, line = name, rest.strip()
        seconds, rest = split_stamp(line)
        if seconds is not None:
            if para:
                flush()
            start, line = seconds, rest.strip()
        if line:
            para.append(line)
    flush()
    return cues


def stamp(seconds: float) -> str:
    """``[mm:ss]`` or ``[h:mm:ss]`` (whole seconds, rounded down)."""
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    return f"[{h}:{m:02d}:{s:02d}]" if h else f"[{m:02d}:{s:02d}]"


# any block's options: a line like "source: …" would be misread as a mis-indented option
# once an editor puts a block opener above it
OPTION_NAMES = frozenset(k for kind in BLOCKS.values() for k in kind.option_set.fields)


def literal(line: str) -> str:
    """Escape what the episode format would read as markup, so the words stay as they are.

    A line that would start a heading, fence, block or timestamp, or read as a block
    option (``source: …``), gets a leading ``\\``;
    ``[words](target)`` inside a line gets ``\\[`` so it does not become a link.
    """
    line = LINK_RE.sub(lambda m: "\\" + m.group(0), line)
    if (
        line.startswith(("\\", "///", "#"))
        or FENCE_OPEN_RE.match(line)
        or TIMESTAMP_LIKE_RE.match(line)
        or option_like(line, OPTION_NAMES)
        or SPEAKER_RE.match(line)
    ):
        return "\\" + line
    return line


def draft(
    cues: list[Cue],
    *,
    title: str,
    date: dt.date,
    show: str,
    video: str | None = None,
    ids: dict[str, str] | None = None,
    hosts: tuple[str, ...] = (),
    guests: tuple[str, ...] = (),
) -> str:
    """The draft episode file: front matter (``draft: true``) and every cue's lines.

    Timed cues become consecutive lines, the first stamped ``[mm:ss]``; untimed text keeps
    its paragraphs. Where the speaker changes, a turn ``@<actor id>`` (``ids`` maps each
    speaker's name to an actor id) stands on its own line before the words.
    """
    ids = ids or {}
    front = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"date: {date.isoformat()}",
        f"show: {show}",
    ]
    if video:
        front.append(f"video: {json.dumps(video)}")
    if hosts:
        front.append(f"hosts: [{', '.join(hosts)}]")
    if guests:
        front.append(f"guests: [{', '.join(guests)}]")
    front += ["draft: true", "---", ""]
    body: list[str] = []
    speaker = None
    for cue in cues:
        if not cue.lines:
            continue
        lines = list(cue.lines)
        if cue.speaker and cue.speaker != speaker:
            if body and body[-1] != "":
                body.append("")
            body.append(f"@{ids.get(cue.speaker) or id_for(cue.speaker)}")
            speaker = cue.speaker
        lines = [literal(line) for line in lines]
        if cue.start is not None:
            # after a timestamp nothing reads as markup: the escape is not needed there
            first = lines[0][1:] if lines[0].startswith("\\") else lines[0]
            body.append(f"{stamp(cue.start)} {first}")
            body.extend(lines[1:])
        else:
            body.extend(lines)
            body.append("")
    while body and body[-1] == "":
        body.pop()
    return "\n".join(front + body) + "\n"


def slug_for(title: str) -> str:
    """A readable file name from the title: Chinese kept, punctuation to hyphens, <= 60."""
    slug = slugify(re.sub(r"[^\w\s-]+", " ", title))[:60].strip("-")
    return slug or "episode"
