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
from dataclasses import dataclass
from pathlib import Path

from .inline import LINK_RE
from .parse import FENCE_OPEN_RE, SPEAKER_RE, TIMESTAMP_LIKE_RE, option_like, slugify
from .schema import BLOCKS


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


def read_transcript(path: Path) -> list[Cue]:
    """Read ``.vtt``, ``.srt`` or plain text into cues (plain text: one cue per paragraph)."""
    text = read_text(path)
    suffix = path.suffix.lower()
    if suffix == ".vtt" or (suffix not in (".srt", ".txt") and text.startswith("WEBVTT")):
        cues = _vtt(text, path)
    elif suffix == ".srt":
        cues = _srt(text, path)
    else:
        cues = _plain(text)
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


def _srt(text: str, path: Path) -> list[Cue]:
    import srt  # type: ignore[import-untyped]  # the SRT reader

    try:
        subs = list(srt.parse(text))
    except srt.SRTParseError as e:
        where = text[: e.expected_start].count("\n") + 1
        raise ImportError_(
            f"{path}: not an SRT file (line {where}: expected a cue number, then a "
            "'00:00:01,000 --> 00:00:03,500' timing line)"
        ) from None
    cues = []
    for s in subs:
        lines = tuple(SRT_TAG_RE.sub("", line).strip() for line in s.content.split("\n"))
        cues.append(Cue(tuple(x for x in lines if x), s.start.total_seconds()))
    return cues


def _plain(text: str) -> list[Cue]:
    cues: list[Cue] = []
    para: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if line:
            para.append(line)
        elif para:
            cues.append(Cue(tuple(para)))
            para = []
    if para:
        cues.append(Cue(tuple(para)))
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
) -> str:
    """The draft episode file: front matter (``draft: true``) and every cue's lines.

    Timed cues become consecutive lines, the first stamped ``[mm:ss]``; untimed text keeps
    its paragraphs. A ``<v Name>`` voice is written before the words where the speaker
    changes.
    """
    front = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"date: {date.isoformat()}",
        f"show: {show}",
    ]
    if video:
        front.append(f"video: {json.dumps(video)}")
    front += ["draft: true", "---", ""]
    body: list[str] = []
    speaker = None
    for cue in cues:
        if not cue.lines:
            continue
        lines = list(cue.lines)
        if cue.speaker and cue.speaker != speaker:
            sep = "：" if re.search(r"[\u4e00-\u9fff]", cue.speaker) else ": "
            lines[0] = f"{cue.speaker}{sep}{lines[0]}"
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
