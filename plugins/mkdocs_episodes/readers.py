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
from dataclasses import dataclass, field
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
    NOTE,
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
    if head.startswith("WEBVTT"):
        return "webvtt"
    if head.startswith("{") and _is_json(text, path):
        return "podcast-json"
    timed = _timing_shape(text)
    if timed is not None:
        return timed
    refused = _NOT_THE_SHAPE.get(path.suffix.lower())
    if refused is not None:
        raise ImportError_(f"{path}: {refused}")
    return "markdown" if _is_markdown(text) else "text"


def _not_srt(line: int) -> str:
    """What a file that is not SRT is refused as (``line``: where it stops being SRT)."""
    return (
        f"not an SRT file (line {line}: expected a cue number, then a "
        "'00:00:01,000 --> 00:00:03,500' timing line)"
    )


_NOT_PODCAST_JSON = (
    "not a Podcasting 2.0 JSON transcript (expected "
    '{"segments": [{"startTime": …, "body": …, "speaker": …}]})'
)
_NOT_THE_SHAPE = {
    ".vtt": "not a WebVTT file (no timing line such as "
    "'00:00:01.000 --> 00:00:04.000' near its start)",
    ".srt": _not_srt(1),
    ".json": _NOT_PODCAST_JSON,
}
"""What a file of each suffix is refused as when its text has no shape of its own."""


def _is_json(text: str, path: Path) -> bool:
    """Whether the text is JSON; a ``.json`` file that is not is refused, with where."""
    try:
        json.loads(text)
        return True
    except (ValueError, RecursionError) as e:
        if path.suffix.lower() == ".json":
            where = f" (line {e.lineno}: {e.msg})" if isinstance(e, json.JSONDecodeError) else ""
            raise ImportError_(
                f"{path}: not valid JSON{where} — a Podcasting 2.0 transcript is "
                '{"segments": [{"startTime": …, "body": …, "speaker": …}]}'
            ) from None
    return False


def _timing_shape(text: str) -> str | None:
    """``srt`` or ``webvtt`` by the first timing line among the first non-blank lines
    (None: there is none)."""
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
    return None


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
            header, body = [lines[i]], []  # the WEBVTT line itself, whatever follows on it
            i += 1
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
    timed = _srt_speakers(_srt_cues(text, path), known)
    timed = in_order(timed, notes)
    return collapse(timed, notes, rolling=is_rolling(timed))


@dataclass(frozen=True)
class _SrtCue:
    """An SRT cue: its times and its lines, each ``(text, literal)``: a line the site
    escaped with one leading ``\\`` reads as words only."""

    start: float
    end: float
    lines: list[tuple[str, bool]]


def _srt_cues(text: str, path: Path) -> list[_SrtCue]:
    """The cues of SRT subtitles, without formatting tags and blank lines."""
    import srt  # type: ignore[import-untyped]  # the SRT reader

    try:
        subs = list(srt.parse(text))
    except srt.SRTParseError as e:
        where = text[: e.expected_start].count("\n") + 1
        raise ImportError_(f"{path}: {_not_srt(where)}") from None
    cues = []
    for s in subs:
        lines = (SRT_TAG_RE.sub("", raw).strip() for raw in s.content.split("\n"))
        cues.append(
            _SrtCue(
                s.start.total_seconds(),
                s.end.total_seconds(),
                [unescape_misread(line, subtitles=True) for line in lines if line],
            )
        )
    return cues


def _srt_speakers(cues: list[_SrtCue], known: Iterable[str]) -> list[Timed]:
    """The cues with their speakers: a cue that starts with a speaker's label
    (:func:`_label_names`) is theirs, and so is every cue after it until another label."""
    labels, names = _cue_labels(cues, known)
    timed = []
    speaker = None
    for cue, label in zip(cues, labels, strict=True):
        words = [line for line, _ in cue.lines]
        if label is not None and _name(label) in names:
            rest = split_label(words[0])[1].strip()
            rest = unescape_misread(rest, subtitles=True)[0]  # "Name: \12345": words
            if rest:
                speaker, words[0] = _name(label), rest
        timed.append(Timed(None, tuple(w for w in words if w), cue.start, cue.end, speaker))
    return timed


def _cue_labels(cues: list[_SrtCue], known: Iterable[str]) -> tuple[list[str | None], set[str]]:
    """The label each cue starts with (None: none, or a line the site escaped), and the
    label names that are speakers."""
    firsts = [c.lines[0][0] if c.lines and not c.lines[0][1] else None for c in cues]
    labels = [split_label(line)[0] if line is not None else None for line in firsts]
    names = _label_names([x for x in firsts if x], labels, known, labels[0] if labels else None)
    return labels, names


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
    data = json.loads(text)
    segments = data.get("segments") if isinstance(data, dict) else None
    if not isinstance(segments, list):
        raise ImportError_(f"{path}: {_NOT_PODCAST_JSON}")
    out = [_segment(seg, i, path) for i, seg in enumerate(segments, 1)]
    if out and all(c.start is not None for c in out):
        timed = [
            Timed(None, c.lines, c.start or 0.0, c.end or c.start or 0.0, c.speaker) for c in out
        ]
        return collapse(in_order(timed, notes), notes)
    return out


def _segment(seg: Any, i: int, path: Path) -> Cue:
    """The cue of segment ``i``, its values checked."""
    if not isinstance(seg, dict):
        raise ImportError_(f"{path}: {_NOT_PODCAST_JSON}")
    body = seg.get("body", "")
    if isinstance(body, bool) or not isinstance(body, (str, int, float)):
        raise ImportError_(f"{path}: segment {i}: body must be text — write the words in quotes")
    speaker = seg.get("speaker")
    if speaker is not None and not isinstance(speaker, str):
        raise ImportError_(f"{path}: segment {i}: speaker must be text — write the name in quotes")
    start = _seconds(seg.get("startTime"), "startTime", i, path)
    end = _seconds(seg.get("endTime"), "endTime", i, path)
    lines = tuple(x.strip() for x in str(body).split("\n") if x.strip())
    return Cue(lines, start, (_name(speaker) or None) if speaker else None, end)


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
    lines = _text_lines(text, markdown)
    if not markdown:
        lines = _without_note(lines, notes)
    labels = [split_label(x.words)[0] if x.words and not x.literal else None for x in lines]
    names = {n for n in _text_speakers(lines, labels, known) if n.casefold() not in marker_names}
    paragraphs = _Paragraphs(markdown, names, marker_names)
    for line, label in zip(lines, labels, strict=True):
        paragraphs.add(line, label)
    paragraphs.flush()
    return paragraphs.cues


@dataclass(frozen=True)
class _Line:
    """A line of a text transcript, its escapes undone."""

    words: str
    """The line (empty: a blank line)."""
    literal: bool
    """The site escaped it: words only, never a label or a timestamp."""
    opens: bool
    """It starts a paragraph."""


def _text_lines(text: str, markdown: bool) -> list[_Line]:
    """The lines of a text, stripped; Markdown escapes undone, or the site's one leading
    escape of a plain text line."""
    lines = []
    blank = True
    for raw in text.split("\n"):
        raw = raw.strip()
        if not raw:
            lines.append(_Line("", False, False))
            blank = True
            continue
        if markdown:
            lines.append(_Line(unescape_markdown(raw), False, blank))
        else:
            words, escaped = unescape_misread(raw)
            lines.append(_Line(words, escaped, blank))
        blank = False
    return lines


def _without_note(lines: list[_Line], notes: list[str]) -> list[_Line]:
    """The lines without the note the site's ``transcript.txt`` opens with (``NOTE …``, a
    paragraph of one line: see :data:`.speakers.NOTE`); said on the terminal, since it is
    text of the file that does not become a line."""
    first = next((i for i, x in enumerate(lines) if x.words), None)
    if first is None:
        return lines
    line = lines[first]
    alone = first + 1 == len(lines) or not lines[first + 1].words
    if line.literal or not line.words.startswith(NOTE) or not alone:
        return lines
    notes.append(f"the file's note left out (not a transcript line): {line.words}")
    return lines[:first] + lines[first + 1 :]


def _text_speakers(lines: list[_Line], labels: list[str | None], known: Iterable[str]) -> set[str]:
    """The label names that are speakers in a text (:func:`_label_names`); ``labels``:
    the label each line starts with."""
    first = next((i for i, x in enumerate(lines) if x.words), None)
    return _label_names(
        [x.words for x in lines if x.words and not x.literal],
        (lab for lab, x in zip(labels, lines, strict=True) if x.opens),
        known,
        labels[first] if first is not None else None,
    )


@dataclass
class _Paragraphs:
    """Text lines gathered into cues: a blank line, a change of speaker or a timestamp
    ends a cue."""

    markdown: bool
    names: set[str]
    """The label names that are speakers."""
    markers: set[str]
    """Labels that mark a moment (case-folded)."""
    cues: list[Cue] = field(default_factory=list)
    para: list[str] = field(default_factory=list)
    start: float | None = None
    speaker: str | None = None

    def flush(self) -> None:
        """End the cue being gathered (if any)."""
        if self.para:
            self.cues.append(Cue(tuple(self.para), self.start, self.speaker))
        self.para, self.start = [], None

    def add(self, line: _Line, label: str | None) -> None:
        """Read one line (``label``: the label it starts with, if any)."""
        if not line.words:
            self.flush()
        elif line.literal:
            self.para.append(line.words)
        else:
            words = line.words if label is None else self._after_label(line.words, label)
            if words is not None:
                self._words(words)

    def _after_label(self, line: str, label: str) -> str | None:
        """What is left to read of a line that starts with a label: the words after a
        speaker's label (whose turn it is now), the whole line when the label is not a
        speaker's; None when nothing is left (a marker, or escaped words after the label)."""
        name = _name(label)
        rest = split_label(line)[1].strip()
        seconds, after = split_stamp(rest)
        if name.casefold() in self.markers and not after.strip():
            # a moment of the show, not a speaker: "[Break]" at its time
            self.flush()
            self.cues.append(Cue((f"[{label.strip()}]",), seconds, None))
            return None
        if name not in self.names:
            return line
        if name != self.speaker:
            self.flush()
        self.speaker = name
        if not self.markdown and unescape_misread(rest)[1]:
            self.para.append(rest[1:])  # "Name: \[12:00] …": words after the label
            return None
        return rest

    def _words(self, line: str) -> None:
        """Words, after a timestamp that starts a new cue when the line opens with one."""
        seconds, rest = split_stamp(line)
        if seconds is not None:
            self.flush()
            self.start, line = seconds, rest.strip()
            if not self.markdown:  # "[00:04] \Note: x": words after the stamp
                line = unescape_misread(line)[0]
        if line:
            self.para.append(line)
