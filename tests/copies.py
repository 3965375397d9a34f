"""Read every copy of an episode back, as a reader or an app would: the page's lines with
their speakers, and each download parsed by a real parser, as ``(speaker name, words)``
per line (per turn for SRT, whose cues cannot say which line they belong to)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

LABEL = re.compile(r"^(?P<name>[^:\n]{1,80}?): (?P<rest>.*)$")
STAMP = re.compile(r"^\[(?:\d{1,2}:)?\d{1,3}:\d{2}\] ")


class _Speakers(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.speakers: dict[int, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        ident = a.get("id") or ""
        if "ep-l" in (a.get("class") or "").split() and ident[1:].isdigit():
            self.speakers[int(ident[1:])] = a.get("data-speaker")


def page_lines(html: str) -> list[tuple[int, str | None, str]]:
    """``(n, speaker id, words)`` of every transcript line of an episode page."""
    from pagetext import transcript_lines

    parser = _Speakers()
    parser.feed(html)
    return [(n, parser.speakers.get(n), words) for n, words in transcript_lines(html)]


def join(pieces: list[str]) -> str:
    """Caption pieces of one line joined back: a space, except between two CJK
    characters (the exporters break only at spaces or between CJK characters; Korean,
    spaced like English, is joined with a space)."""
    import unicodedata

    out = ""
    for piece in pieces:
        if out and not (
            unicodedata.east_asian_width(out[-1]) in "WF"
            and unicodedata.east_asian_width(piece[0]) in "WF"
            and not (
                "HANGUL" in unicodedata.name(out[-1], "")
                and "HANGUL" in unicodedata.name(piece[0], "")
            )
        ):
            out += " "
        out += piece
    return out


def txt_lines(text: str) -> list[tuple[str | None, str]]:
    """``(speaker, words)`` per line of ``transcript.txt``: a paragraph per turn, the name
    before its first line; a time label and a ``\\`` escape before the words."""
    out: list[tuple[str | None, str]] = []
    speaker: str | None = None
    first = True
    for raw in text.split("\n"):
        if not raw:
            first = True
            continue
        line = raw
        if first:
            first = False
            m = LABEL.match(line) if not line.startswith(("\\", "[")) else None
            speaker = m.group("name") if m else None
            line = m.group("rest") if m else line
        line = STAMP.sub("", line, count=1)
        out.append((speaker, line[1:] if line.startswith("\\") else line))
    return out


def vtt_lines(path: Path) -> list[tuple[str | None, str]]:
    """``(voice, words)`` per transcript line of ``transcript.vtt`` (cues ``L<n>`` and
    ``L<n>-<k>`` rejoined), read with webvtt-py."""
    import html

    import webvtt

    lines: dict[str, tuple[str | None, list[str]]] = {}
    for cue in webvtt.read(str(path)).captions:
        key = cue.identifier.split("-")[0]
        voice = html.unescape(cue.voice) if cue.voice else None
        pieces = [html.unescape(x) for x in cue.text.split("\n")]
        if key in lines:
            assert lines[key][0] == voice, (key, voice)
            lines[key][1].extend(pieces)
        else:
            lines[key] = (voice, pieces)
    return [(voice, join(pieces)) for voice, pieces in lines.values()]


def srt_turns(path: Path) -> list[tuple[str | None, str]]:
    """``(speaker, words)`` per turn of ``transcript.srt``, read with ``srt``: a cue's
    ``Name: `` starts a turn; an escape ``\\`` is dropped."""
    import srt

    turns: list[tuple[str | None, list[str]]] = []
    for sub in srt.parse(path.read_text("utf-8")):
        lines = sub.content.split("\n")
        m = LABEL.match(lines[0]) if not lines[0].startswith("\\") else None
        if m:
            lines[0] = m.group("rest")
            turns.append((m.group("name"), []))
        elif not turns:
            turns.append((None, []))
        turns[-1][1].extend(x[1:] if x.startswith("\\") else x for x in lines)
    return [(who, join(pieces)) for who, pieces in turns]


def json_lines(path: Path) -> list[tuple[str | None, str]]:
    """``(speaker, body)`` per segment of the Podcasting 2.0 transcript."""
    data = json.loads(path.read_text("utf-8"))
    return [(seg.get("speaker"), seg["body"]) for seg in data["segments"]]


def turns_of(lines: list[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    """Consecutive lines of one speaker joined (what SRT can say)."""
    out: list[tuple[str | None, list[str]]] = []
    for who, words in lines:
        if out and out[-1][0] == who:
            out[-1][1].append(words)
        else:
            out.append((who, [words]))
    return [(who, join(ws)) for who, ws in out]
