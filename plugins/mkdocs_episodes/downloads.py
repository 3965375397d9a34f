"""Transcript downloads: plain text always; WebVTT, SRT, the Podcasting 2.0 transcript and
chapters JSON when the episode has timestamps. Pure functions of the episode's
:class:`~.record.Record`: each file says who speaks each line exactly as the page does.

Conventions (documented in AUTHORING.md; the importer reads them back):

- ``transcript.txt``: one paragraph per turn; a turn's first line starts ``Name: ``; a
  recorded timestamp is kept as ``[mm:ss] `` at the start of its line.
- ``transcript.vtt``: a cue per caption-sized piece of a line (at most two lines of about
  40 columns), never holding two lines or two voices; its voice ``<v Name>``; cue ids
  ``L<n>`` (the line's first piece) and ``L<n>-<k>`` (the next ones); a ``NOTE`` names the
  cues whose times were recorded (the others are estimated).
- ``transcript.srt``: the same cues; ``Name: `` before a cue's words at each change of
  speaker (SRT has no voice markup).
- ``transcript.json``: a segment per line, with its speaker.

A line that would be read as something else (a label, a timestamp, a cue number or timing)
starts with ``\\``, which the importer drops again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from .caption_cut import CAPTION_LINES, Words, caption_lines, width, words_with
from .i18n import Labels, labels
from .index import EpisodeEntry
from .record import Record, Said
from .speakers import NOTE, escape_misread
from .standing import words_note

MIN_CUE = 0.001


@dataclass(frozen=True)
class Cue:
    """A timed, caption-sized piece of one transcript line, said by one voice."""

    id: str
    start: float
    end: float
    lines: tuple[str, ...]
    speaker: str | None
    """The speaker's name (None when nobody is known)."""
    said: Said = field(repr=False, compare=False)


@dataclass(frozen=True)
class Download:
    """One downloadable file of an episode; its content is made when first asked for
    (a rebuild that does not write the file does not make it)."""

    name: str
    label: str
    media_type: str
    make: Callable[[], str] = field(repr=False, compare=False)

    @property
    def content(self) -> str:
        """The file's text."""
        return self.make()

    @property
    def format(self) -> str:
        """Its name in the ``downloads`` option: ``txt``, ``vtt``, ``srt``, ``json`` or
        ``chapters``."""
        return "chapters" if self.name == "chapters.json" else self.name.rsplit(".", 1)[-1]


class Link(NamedTuple):
    """A download as pages link it: its label, file name, site URL (percent-encoded, as
    MkDocs gives it) and media type."""

    label: str
    name: str
    url: str
    media_type: str


Names = Callable[[str | None], str | None]
"""An actor id -> the name the files show (None for nobody)."""


def namer(names: dict[str, str]) -> Names:
    """Names from a map of actor ids to names (an unknown id is shown as itself)."""

    def name(aid: str | None) -> str | None:
        return names.get(aid, aid) if aid else None

    return name


_LAST_CUES: list[tuple[Record, Names, list[Cue]]] = []
"""The cues made last: WebVTT and SRT are written one after the other from the same record."""


def cues(record: Record, name: Names, known: Words | None = None) -> list[Cue]:
    """The caption cues of every line: one or more per line, each at most
    :data:`CAPTION_LINES` lines, timed within the line by the length of its words (Chinese
    words as ``known`` finds them: :func:`.caption_cut.words_with`)."""
    if _LAST_CUES and _LAST_CUES[0][0] is record and _LAST_CUES[0][1] is name:
        return _LAST_CUES[0][2]
    out = _cues(record, name, known)
    _LAST_CUES[:] = [(record, name, out)]
    return out


def _cues(record: Record, name: Names, known: Words | None) -> list[Cue]:
    out: list[Cue] = []
    for said in record.lines:
        if said.start is None or said.end is None:
            continue
        pieces = caption_lines(said.words, known=known)
        chunks = [
            tuple(pieces[i : i + CAPTION_LINES]) for i in range(0, len(pieces), CAPTION_LINES)
        ]
        total = sum(width("".join(c)) for c in chunks) or 1
        start, span = said.start, said.end - said.start
        done = 0
        for k, chunk in enumerate(chunks, 1):
            done += width("".join(chunk))
            end = said.end if k == len(chunks) else said.start + span * done / total
            end = max(end, start + MIN_CUE)
            cue_id = said.line.anchor if k == 1 else f"{said.line.anchor}-{k}"
            out.append(Cue(cue_id, start, end, chunk, name(said.speaker), said))
            start = end
    return out


# --- the files --------------------------------------------------------------------------


def _clock(seconds: float, sep: str) -> str:
    ms = round(seconds * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def vtt_text(text: str) -> str:
    """WebVTT cue text: ``&``, ``<`` and ``>`` as character references (``-->`` too)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def vtt_voice(name: str) -> str:
    """A WebVTT voice annotation: ``&`` and ``>`` are not allowed in it as they are."""
    return name.replace("&", "&amp;").replace(">", "&gt;").replace("\n", " ")


def _vtt_note(text: str) -> list[str]:
    """A WebVTT ``NOTE`` block of ``text`` (which may not hold ``-->``)."""
    return ["NOTE", vtt_text(text).replace("-->", "--&gt;"), ""]


def webvtt(cue_list: list[Cue], t: Labels | None = None, words: str | None = None) -> str:
    """A WebVTT file: a voice span on every cue, ``L<n>`` cue ids, a note naming the
    cues whose start was recorded (the others' times are estimated), and first the note
    ``words`` says of the words (unreviewed automatic captions), when there is one."""
    t = t or labels("zh")
    out = ["WEBVTT", ""]
    if words:
        out += _vtt_note(words)
    recorded = [c.id for c in cue_list if c.said.recorded and c.start == c.said.start]
    out += _vtt_note(t("download.vtt_note", recorded=", ".join(recorded) or "-"))
    for cue in cue_list:
        out.append(cue.id)
        out.append(f"{_clock(cue.start, '.')} --> {_clock(cue.end, '.')}")
        lines = [vtt_text(x) for x in cue.lines]
        if cue.speaker:
            lines[0] = f"<v {vtt_voice(cue.speaker)}>{lines[0]}"
        out.extend(lines)
        out.append("")
    return "\n".join(out)


def srt_line(line: str) -> str:
    """A line of SRT cue text that cannot be misread (a cue number, a timing line, a
    speaker label, an escape): those get a leading ``\\``."""
    return escape_misread(line, subtitles=True)


def srt(cue_list: list[Cue]) -> str:
    """An SRT file; ``Name: `` before a cue's words at each change of speaker."""
    out = []
    last: str | None = None
    for i, cue in enumerate(cue_list, 1):
        out.append(str(i))
        out.append(f"{_clock(cue.start, ',')} --> {_clock(cue.end, ',')}")
        lines = [srt_line(x) for x in cue.lines]
        if cue.speaker and cue.speaker != last:
            lines[0] = f"{cue.speaker}: {lines[0]}"
        # a cue of nobody's (a sound, a mark) ends the turn, as in the text file: the words
        # after it are named again
        last = cue.speaker
        out.extend(lines)
        out.append("")
    return "\n".join(out)


def podcast_transcript(record: Record, name: Names, words: str | None = None) -> str:
    """Podcasting 2.0 JSON transcript (version 1.0.0): a segment per line; ``words``, what
    is to be said of the words (unreviewed automatic captions), as a top-level ``note``
    (the format defines no such field; readers of it ignore keys they do not know)."""
    segments = []
    for said in record.lines:
        if said.start is None or said.end is None:
            continue
        seg: dict[str, object] = {
            "startTime": said.start,
            "endTime": max(said.end, said.start + MIN_CUE),
            "body": said.words,
        }
        who = name(said.speaker)
        if who:
            seg["speaker"] = who
        segments.append(seg)
    head: dict[str, object] = {"version": "1.0.0"}
    if words:
        head["note"] = words
    return json_rows(head, "segments", segments)


def json_rows(head: dict[str, object], key: str, rows: list[dict[str, object]]) -> str:
    """A JSON object: ``head``'s members, then ``key``, the list ``rows``, one row a line
    (readable and diffable; ``json.dumps(indent=…)`` would take its pure-Python encoder,
    the slow part of a build's downloads, and a larger file)."""
    members = [json.dumps(head, ensure_ascii=False)[1:-1], f"{json.dumps(key)}: ["]
    opening = ", ".join(m for m in members if m)
    body = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    return f"{{{opening}\n{body}\n]}}" if rows else f"{{{opening}]}}"


def text_line(line: str) -> str:
    """A line of ``transcript.txt`` that cannot be misread as a label, a timestamp or an
    escape: those get a leading ``\\``."""
    return escape_misread(line)


def plain_text(record: Record, name: Names, words: str | None = None) -> str:
    """The transcript as text: a paragraph per turn, ``Name: `` at each change of
    speaker, recorded timestamps kept; every line's words exactly as written. ``words``:
    what is to be said of the words (unreviewed automatic captions), a first paragraph
    ``NOTE …`` that the importer leaves out again."""
    out: list[str] = [NOTE + " ".join(words.split())] if words else []
    for turn in record.turns():
        if out:
            out.append("")
        who = name(turn[0].speaker)
        for k, said in enumerate(turn):
            text = text_line(said.words)
            if said.line.timestamp is not None:
                text = f"[{said.line.timestamp.label}] {text}"
            if k == 0 and who:
                text = f"{who}: {text}"
            out.append(text)
    return "".join(x + "\n" for x in out)


def chapters(starts: list[tuple[str, float, bool]]) -> str | None:
    """Podcasting 2.0 chapters JSON: each segment from the start of its first line."""
    items = [{"startTime": round(start, 3), "title": title} for title, start, _ in starts]
    if not items:
        return None
    return json_rows({"version": "1.2.0"}, "chapters", items)


FORMATS = ("txt", "vtt", "srt", "json", "chapters")
"""Every download format, as the ``downloads`` option names them."""


def downloads(
    entry: EpisodeEntry, names: dict[str, str], t: Labels | None = None
) -> list[Download]:
    """Every download of an episode, plain text first; ``t`` names them (site language).
    Which files there are is known from the episode; their contents are made from its
    record when they are written (a build does not hold an archive of records)."""
    t = t or labels("zh")
    name = namer(names)
    known = words_with(names.values())
    episode = entry.episode
    # SRT has no comments: a cue would be shown over the video and read back as a line
    words = words_note(t, episode.standing)
    files = [
        Download(
            "transcript.txt",
            t("download.txt"),
            "text/plain",
            lambda: plain_text(entry.record(), name, words),
        )
    ]
    if not episode.has_timestamps:
        return files
    files += [
        Download(
            "transcript.vtt",
            t("download.vtt"),
            "text/vtt",
            lambda: webvtt(cues(entry.record(), name, known), t, words),
        ),
        Download(
            "transcript.srt",
            t("download.srt"),
            "application/x-subrip",
            lambda: srt(cues(entry.record(), name, known)),
        ),
        Download(
            "transcript.json",
            t("download.json"),
            "application/json",
            lambda: podcast_transcript(entry.record(), name, words),
        ),
    ]
    if episode.has_chapters:
        files.append(
            Download(
                "chapters.json",
                t("download.chapters"),
                "application/json+chapters",
                lambda: chapters(entry.record().segment_starts(episode)) or "",
            )
        )
    return files
