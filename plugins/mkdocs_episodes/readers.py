"""Transcript files of every shape shows have, read by what they hold, not by their suffix.

- WebVTT, with or without its ``WEBVTT`` header (timing lines ``00:01.000 --> …`` say it
  is one), YouTube's rolling automatic captions, live-stream captions (concatenated HLS
  segments, each with its header and ``X-TIMESTAMP-MAP``), and the site's own WebVTT;
- SRT (timing lines with a comma before the milliseconds);
- Podcasting 2.0 JSON transcripts;
- Markdown transcripts (``**Name:** words``, ``\\[laughs\\]``, ``\\[12:34\\]``) and plain
  text with speaker labels, the site's own ``transcript.txt`` among them.

The suffix only decides what a file that fits no shape is refused as (a ``.vtt`` without a
timing line is not a WebVTT file). Subtitles are parsed with ``webvtt-py`` and ``srt``;
what they hold is then made into transcript lines by :mod:`.captions`.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .captions import (
    Timed,
    collapse,
    in_order,
    is_rolling,
    join_segments,
    mpegts_offset,
    site_lines,
)
from .speakers import (
    MD_ESCAPE_RE,
    speaker_names,
    split_label,
    split_stamp,
    unescape_markdown,
    unescape_misread,
)
from .transcript import (
    CONTROL_RE,
    LONGEST_STAMP,
    Cue,
    ImportError_,
    Transcript,
    decode,
    read_bytes,
)

MARKERS = ("Break",)
"""Labels that mark a moment of the show, not a speaker (``**Break:** \\[15:41\\]``)."""

SRT_TAG_RE = re.compile(r"</?(?:i|b|u|font|s)\b[^>]*>|\{\\[^}]*\}", re.IGNORECASE)
_VTT_TIMING = re.compile(r"^\s*(?:\d+:)?\d{1,2}:\d{1,2}\.\d{1,3}\s*-->")
_SRT_TIMING = re.compile(r"^\s*\d+:\d{1,2}:\d{1,2},\d{1,3}\s*-->")
_SNIFF_LINES = 30
"""Non-blank lines looked at for a first timing line."""
_HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
_WORD_TIMING = re.compile(r"<\d{2,}:\d{2}:\d{2}\.\d{3}>|<c[.>]")
_VOICE = re.compile(r"<v(?:\.[^\s>]+)*[ \t]+([^>]*)>")
_BOLD_LABEL = re.compile(r"^\*\*[^*\n]{1,80}?(?::\*\*|\*\*\s*[:：])", re.MULTILINE)


def read_file(
    path: Path, known: Iterable[str] = (), markers: Iterable[str] = MARKERS
) -> Transcript:
    """Read a transcript file (see :func:`read_string`), with its SHA-256."""
    data = read_bytes(path)
    transcript = read_string(decode(data, path), path, known, markers)
    transcript.sha256 = hashlib.sha256(data).hexdigest()
    return transcript


def read_string(
    text: str, path: Path, known: Iterable[str] = (), markers: Iterable[str] = MARKERS
) -> Transcript:
    """Read a transcript's text. Speakers come from WebVTT voices, the JSON ``speaker``
    or labels at the start of lines (:mod:`.speakers`); ``known`` are actor names that
    count as speakers at once; ``markers`` are labels that mark a moment (``Break``)."""
    notes: list[str] = []
    shape = sniff(text, path)
    auto = False
    if shape == "webvtt":
        cues, auto = _webvtt(text, path, notes)
    elif shape == "srt":
        cues = _srt(text, path, known, notes)
    elif shape == "podcast-json":
        cues = _podcast_json(text, path, notes)
    else:
        cues = _lines(text, shape == "markdown", known, markers, notes)
    cues = _visible(cues, notes)
    if not cues:
        raise ImportError_(f"{path}: no transcript text found in the file")
    for c in cues:
        if c.start is not None and c.start >= LONGEST_STAMP:
            raise ImportError_(
                f"{path}: a cue starts at {_clock(c.start)}, past 99:59:59, the latest time "
                "the episode format can stamp — split the file into parts of under 100 hours"
            )
    return Transcript(_forwards(cues, notes), shape, auto, notes)


def _visible(cues: list[Cue], notes: list[str]) -> list[Cue]:
    """The cues without control characters (tab aside), which no page or subtitle can
    show (a JSON ``\\u0007``, a VTT ``&#7;``), and without the lines left empty."""
    removed = 0
    out = []
    for c in cues:
        lines = []
        for line in c.lines:
            line, n = CONTROL_RE.subn("", line)
            removed += n
            if line.strip():
                lines.append(line.strip())
        speaker = (CONTROL_RE.sub("", c.speaker).strip() or None) if c.speaker else None
        if lines:
            out.append(Cue(tuple(lines), c.start, speaker, c.end))
    if removed:
        notes.append(f"{removed} control character(s) removed (they are not text)")
    return out


def sniff(text: str, path: Path) -> str:
    """The shape of a transcript's text: ``webvtt``, ``srt``, ``podcast-json``,
    ``markdown`` or ``text``. A ``.vtt``, ``.srt`` or ``.json`` file that holds none of
    its shape is refused."""
    head = text.lstrip()
    suffix = path.suffix.lower()
    if head.startswith("WEBVTT"):
        return "webvtt"
    if head.startswith("{"):
        try:
            json.loads(text)
            return "podcast-json"
        except (ValueError, RecursionError) as e:
            if suffix == ".json":
                where = (
                    f" (line {e.lineno}: {e.msg})" if isinstance(e, json.JSONDecodeError) else ""
                )
                raise ImportError_(
                    f"{path}: not valid JSON{where} — a Podcasting 2.0 transcript is "
                    '{"segments": [{"startTime": …, "body": …, "speaker": …}]}'
                ) from None
    seen = 0
    for line in text.split("\n"):
        if not line.strip():
            continue
        if "-->" in line:
            if _SRT_TIMING.match(line):
                return "srt"
            if _VTT_TIMING.match(line):
                return "webvtt"
        seen += 1
        if seen >= _SNIFF_LINES:
            break
    if suffix == ".vtt":
        raise ImportError_(
            f"{path}: not a WebVTT file (no timing line such as "
            "'00:00:01.000 --> 00:00:04.000' near its start)"
        )
    if suffix == ".srt":
        raise ImportError_(
            f"{path}: not an SRT file (line 1: expected a cue number, then a "
            "'00:00:01,000 --> 00:00:03,500' timing line)"
        )
    if suffix == ".json":
        raise ImportError_(
            f"{path}: not a Podcasting 2.0 JSON transcript (expected "
            '{"segments": [{"startTime": …, "body": …, "speaker": …}]})'
        )
    return "markdown" if _is_markdown(text) else "text"


def _is_markdown(text: str) -> bool:
    """Markdown's marks: a bold speaker label, or a backslash escape that is not the
    one escape a plain transcript line may start with, or have right after its label (the
    site's ``transcript.txt``)."""
    if _BOLD_LABEL.search(text):
        return True
    for raw in text.split("\n"):
        if "\\" not in raw:
            continue
        line = raw.strip()
        # the site's escape stands first on the line, or first after a label
        lead = {0, len(line) - len(split_label(line)[1])}
        if any(m.start() not in lead for m in MD_ESCAPE_RE.finditer(line)):
            return True
    return False


def _clock(seconds: float) -> str:
    h, rest = divmod(int(seconds), 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}"


def _forwards(cues: list[Cue], notes: list[str]) -> list[Cue]:
    """Times never go back in an episode: a start earlier than one above it is left out
    (the words stay)."""
    latest = -1.0
    dropped = 0
    out = []
    for c in cues:
        start = c.start
        if start is not None and start < latest:
            c = Cue(c.lines, None, c.speaker, c.end)
            dropped += 1
        elif start is not None:
            latest = start
        out.append(c)
    if dropped:
        notes.append(
            f"{dropped} time(s) earlier than a time above them left out (their words are kept)"
        )
    return out


def _name(name: str) -> str:
    """A speaker's name as compared and shown: NFC, so the same name typed either way is
    one speaker."""
    return unicodedata.normalize("NFC", name.strip())


def _voice_name(annotation: str) -> str | None:
    """The name in a ``<v Name>`` voice span (``&amp;`` and ``&gt;`` undone)."""
    return _name(html.unescape(annotation)) or None


# --- WebVTT ------------------------------------------------------------------------------


def _segments(text: str) -> list[tuple[list[str], str]]:
    """The file split at each ``WEBVTT`` header (concatenated HLS segments): each
    segment's header lines and its body. A file without a header is one segment."""
    lines = text.split("\n")
    out: list[tuple[list[str], str]] = []
    header: list[str] = []
    body: list[str] = []
    i = 0
    while i < len(lines):
        if _HEADER.match(lines[i]) and (i == 0 or not lines[i - 1]):
            if header or any(x.strip() for x in body):
                out.append((header, "\n".join(body)))
            header, body = [], []
            while i < len(lines) and lines[i] and "-->" not in lines[i]:
                header.append(lines[i])
                i += 1
            continue
        body.append(lines[i])
        i += 1
    out.append((header, "\n".join(body)))
    return out


def _webvtt(text: str, path: Path, notes: list[str]) -> tuple[list[Cue], bool]:
    import webvtt  # the WebVTT reader; imported here so the plugin does not need it
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    auto = False
    segments: list[tuple[float | None, list[Timed]]] = []
    for header, body in _segments(text):
        try:
            captions = webvtt.from_string("WEBVTT\n\n" + body).captions
        except (MalformedFileError, MalformedCaptionError, ValueError) as e:
            raise ImportError_(f"{path}: not a WebVTT file ({e})") from None
        timed = []
        for c in captions:
            raw = c.raw_text
            auto = auto or _WORD_TIMING.search(raw) is not None
            voice = _VOICE.search(raw)
            lines = (html.unescape(x).strip() for x in c.text.split("\n"))
            timed.append(
                Timed(
                    c.identifier.strip() if c.identifier else None,
                    tuple(x for x in lines if x),
                    c.start_time.in_milliseconds() / 1000,
                    c.end_time.in_milliseconds() / 1000,
                    _voice_name(voice.group(1)) if voice else None,
                )
            )
        segments.append((mpegts_offset(header), timed))
    cues = in_order(join_segments(segments, notes), notes)
    site = site_lines(cues)
    if site is not None:
        return site, False
    return collapse(cues, notes, rolling=auto or is_rolling(cues)), auto


# --- SRT ---------------------------------------------------------------------------------


def _srt(text: str, path: Path, known: Iterable[str], notes: list[str]) -> list[Cue]:
    import srt  # type: ignore[import-untyped]  # the SRT reader

    try:
        subs = list(srt.parse(text))
    except srt.SRTParseError as e:
        where = text[: e.expected_start].count("\n") + 1
        raise ImportError_(
            f"{path}: not an SRT file (line {where}: expected a cue number, then a "
            "'00:00:01,000 --> 00:00:03,500' timing line)"
        ) from None
    # (text, literal): a line the site escaped with one leading "\" reads as words only
    cues: list[tuple[float, float, list[tuple[str, bool]]]] = []
    for s in subs:
        lines = []
        for raw in s.content.split("\n"):
            line = SRT_TAG_RE.sub("", raw).strip()
            if line:
                lines.append(unescape_misread(line, subtitles=True))
        cues.append((s.start.total_seconds(), s.end.total_seconds(), lines))
    firsts = [lines[0][0] if lines and not lines[0][1] else None for *_, lines in cues]
    labels = [split_label(line)[0] if line is not None else None for line in firsts]
    names = _label_names([x for x in firsts if x], labels, known, labels[0] if labels else None)
    timed = []
    speaker = None
    for (start, end, lines), label in zip(cues, labels, strict=True):
        words = [line for line, _ in lines]
        if label is not None and _name(label) in names:
            rest = split_label(words[0])[1].strip()
            rest = unescape_misread(rest, subtitles=True)[0]  # "Name: \12345": words
            if rest:
                speaker, words[0] = _name(label), rest
        timed.append(Timed(None, tuple(w for w in words if w), start, end, speaker))
    timed = in_order(timed, notes)
    return collapse(timed, notes, rolling=is_rolling(timed))


def _label_names(
    lines: list[str], starts: Iterable[str | None], known: Iterable[str], first: str | None
) -> set[str]:
    """Which label names are speakers: those :func:`.speakers.speaker_names` accepts in
    ``lines``, the first line's label, and once any is a speaker, every label that starts
    a cue or a paragraph (``starts``): a labelled file labels each change of speaker, and
    the site's own files escape words that would read as a label."""
    names = {_name(n) for n in speaker_names(lines, known)}
    if first is not None:
        names.add(_name(first))
    if names:
        names |= {_name(n) for n in starts if n is not None}
    return names


# --- Podcasting 2.0 JSON --------------------------------------------------------------


def _podcast_json(text: str, path: Path, notes: list[str]) -> list[Cue]:
    """``{"segments": [{startTime, endTime, body, speaker}]}``, one cue a segment."""
    shape = (
        f"{path}: not a Podcasting 2.0 JSON transcript (expected "
        '{"segments": [{"startTime": …, "body": …, "speaker": …}]})'
    )
    data = json.loads(text)
    segments = data.get("segments") if isinstance(data, dict) else None
    if not isinstance(segments, list):
        raise ImportError_(shape)
    out = []
    for i, seg in enumerate(segments, 1):
        if not isinstance(seg, dict):
            raise ImportError_(shape)
        body = seg.get("body", "")
        if isinstance(body, bool) or not isinstance(body, (str, int, float)):
            raise ImportError_(
                f"{path}: segment {i}: body must be text — write the words in quotes"
            )
        speaker = seg.get("speaker")
        if speaker is not None and not isinstance(speaker, str):
            raise ImportError_(
                f"{path}: segment {i}: speaker must be text — write the name in quotes"
            )
        start = _seconds(seg.get("startTime"), "startTime", i, path)
        end = _seconds(seg.get("endTime"), "endTime", i, path)
        lines = tuple(x.strip() for x in str(body).split("\n") if x.strip())
        out.append(Cue(lines, start, (_name(speaker) or None) if speaker else None, end))
    if out and all(c.start is not None for c in out):
        timed = [
            Timed(None, c.lines, c.start or 0.0, c.end or c.start or 0.0, c.speaker) for c in out
        ]
        return collapse(in_order(timed, notes), notes)
    return out


def _seconds(value: Any, key: str, i: int, path: Path) -> float | None:
    """A segment's time in seconds, checked: a finite number from 0 (absent: None)."""
    if value is None:
        return None
    where = f"{path}: segment {i}: {key}"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ImportError_(
            f"{where} is {json.dumps(value, ensure_ascii=False)[:40]}, not a number of "
            f'seconds — write it as a number, e.g. "{key}": 12.5, or leave it out'
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise ImportError_(
            f"{where} is {json.dumps(value)}, not a number of seconds — write the time, "
            f'e.g. "{key}": 12.5, or leave it out'
        )
    if value < 0:
        raise ImportError_(
            f"{where} is negative ({value}) — times count in seconds from the start of "
            "the episode, from 0"
        )
    if value >= LONGEST_STAMP:
        raise ImportError_(
            f"{where} is {value} seconds, past 99:59:59, the latest time the episode "
            "format can stamp — split the transcript into parts of under 100 hours"
        )
    return float(value)


# --- Markdown and plain text -----------------------------------------------------------


def _lines(
    text: str,
    markdown: bool,
    known: Iterable[str],
    markers: Iterable[str],
    notes: list[str],
) -> list[Cue]:
    """Paragraphs of text; a speaker label or a leading timestamp starts a new cue.

    In Markdown, escapes are undone first (``\\[12:34\\]`` is then a timestamp). In plain
    text, the one leading ``\\`` the site's own ``transcript.txt`` puts before a line that
    would read as a label or a timestamp (or starts with ``\\`` or ``@``) is removed, and
    the rest of the line is words; any other backslash is a word's (``\\o/``).
    A marker (``**Break:** [15:41]``) becomes the non-speech line ``[Break]`` at its time.
    """
    marker_names = {_name(m).casefold() for m in markers}
    # (words, literal, starts a paragraph)
    lines: list[tuple[str, bool, bool]] = []
    blank = True
    for raw in text.split("\n"):
        raw = raw.strip()
        if not raw:
            lines.append(("", False, False))
            blank = True
            continue
        if markdown:
            lines.append((unescape_markdown(raw), False, blank))
        else:
            words, escaped = unescape_misread(raw)
            lines.append((words, escaped, blank))
        blank = False
    labels = [split_label(line)[0] if line and not literal else None for line, literal, _ in lines]
    first = next((i for i, (line, _, _) in enumerate(lines) if line), None)
    names = _label_names(
        [line for line, literal, _ in lines if line and not literal],
        (lab for lab, (_, _, para) in zip(labels, lines, strict=True) if para),
        known,
        labels[first] if first is not None else None,
    )
    names = {n for n in names if n.casefold() not in marker_names}

    cues: list[Cue] = []
    para: list[str] = []
    start: float | None = None
    speaker: str | None = None

    def flush() -> None:
        nonlocal para, start
        if para:
            cues.append(Cue(tuple(para), start, speaker))
        para, start = [], None

    for (line, literal, _), label in zip(lines, labels, strict=True):
        if not line:
            flush()
            continue
        if literal:
            para.append(line)
            continue
        if label is not None:
            name = _name(label)
            rest = split_label(line)[1].strip()
            seconds, after = split_stamp(rest)
            if name.casefold() in marker_names and not after.strip():
                # a moment of the show, not a speaker: "[Break]" at its time
                flush()
                cues.append(Cue((f"[{label.strip()}]",), seconds, None))
                continue
            if name in names:
                if name != speaker:
                    flush()
                speaker, line = name, rest
                if not markdown and unescape_misread(line)[1]:
                    para.append(line[1:])  # "Name: \[12:00] …": words after the label
                    continue
        seconds, rest = split_stamp(line)
        if seconds is not None:
            flush()
            start, line = seconds, rest.strip()
            if not markdown:  # "[00:04] \Note: x": words after the stamp
                line = unescape_misread(line)[0]
        if line:
            para.append(line)
    flush()
    return cues
