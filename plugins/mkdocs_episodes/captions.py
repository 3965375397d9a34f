"""Timed cues as caption files really hold them, made into transcript lines (pure Python).

- Cues out of order are sorted by start time (stably: cues that start together keep
  their order).
- The site's own WebVTT (cue ids ``L<n>`` and ``L<n>-<k>``) is rejoined into its lines.
- Rolling captions (YouTube's automatic ones: each cue repeats the line before and adds
  the next) give each line once, at the time it was first shown; a cue that repeats the
  one before it word for word while that one is still shown is kept once.
- Two voices that overlap (crosstalk) are both kept: only a speaker's own cues are ever
  compared.

Nothing here rewords a line: a line is kept, or left out as a repeat of one kept.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .transcript import Cue

TOUCHING = 0.05
"""Seconds a segment without a timestamp map may start before the one above it ended
and still count as going on (not as starting its times again)."""

SITE_ID_RE = re.compile(r"^L([1-9]\d*)(?:-([2-9]|[1-9]\d+))?$")
"""The cue ids of the site's own WebVTT: ``L<n>`` opens transcript line n, ``L<n>-<k>``
(k >= 2) continues it."""

_MPEGTS = re.compile(r"MPEGTS:(\d+)")
_LOCAL = re.compile(r"LOCAL:((?:\d+:)?\d{1,2}:\d{2}(?:\.\d{1,3})?)")
_WRAP = 2**33
"""MPEG-TS presentation times count 90 kHz ticks in 33 bits, then start again at 0."""


@dataclass(frozen=True)
class Timed:
    """A cue as a caption file gives it: its id, its text lines, start, end, speaker."""

    ident: str | None
    lines: tuple[str, ...]
    start: float
    end: float
    speaker: str | None = None

    def cue(self, lines: tuple[str, ...] | None = None) -> Cue:
        """The transcript cue (with ``lines`` instead of its own, when given)."""
        return Cue(self.lines if lines is None else lines, self.start, self.speaker, self.end)


def wide(ch: str) -> bool:
    """A CJK or fullwidth character: no space is written between two of them."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def hangul(ch: str) -> bool:
    """A Hangul syllable or jamo: wide, but Korean writes spaces between its words."""
    return (
        "\uac00" <= ch <= "\ud7ff"
        or "\u1100" <= ch <= "\u11ff"
        or "\u3130" <= ch <= "\u318f"
        or "\ua960" <= ch <= "\ua97f"
    )


def tight(ch: str) -> bool:
    """A character written with no space between it and the next such one: CJK or
    fullwidth, but not Hangul. Caption lines of the site's own files break without a space
    only between two of these, and never at a space between two (it would be lost)."""
    return wide(ch) and not hangul(ch)


def join_caption(parts: Sequence[str]) -> str:
    """Caption lines of one transcript line joined back: a single space between two, none
    where the characters on both sides are :func:`tight` (``你好，`` + ``世界``)."""
    out = ""
    for part in (" ".join(p.split()) for p in parts):
        if not part:
            continue
        if out and not (tight(out[-1]) and tight(part[0])):
            out += " "
        out += part
    return out


def in_order(cues: list[Timed], notes: list[str]) -> list[Timed]:
    """The cues sorted by start time (stable), with a note when any was out of order."""
    late = sum(1 for a, b in itertools.pairwise(cues) if b.start < a.start)
    if not late:
        return cues
    notes.append(
        f"{late} cue(s) started before the cue above them — sorted by start time "
        "(check the order of the lines around them)"
    )
    return sorted(cues, key=lambda c: c.start)


def site_lines(cues: list[Timed]) -> list[Cue] | None:
    """The site's own WebVTT rejoined: every cue of ``L<n>`` (and its caption lines) as
    one line n. None when the cue ids do not follow that pattern."""
    if not cues or not all(c.ident and SITE_ID_RE.match(c.ident) for c in cues):
        return None
    groups: dict[int, list[Timed]] = {}
    for c in cues:
        m = SITE_ID_RE.match(c.ident or "")
        assert m is not None
        groups.setdefault(int(m.group(1)), []).append(c)
    out = []
    for parts in groups.values():
        line = join_caption([x for c in parts for x in c.lines])
        if line:
            first = parts[0]
            out.append(Cue((line,), first.start, first.speaker, parts[-1].end))
    return out


def _same(a: str, b: str) -> bool:
    return a == b or a.split() == b.split()


def _overlap(shown: tuple[str, ...], lines: tuple[str, ...]) -> int:
    """How many of ``lines``' first lines repeat the last lines of ``shown``."""
    for k in range(min(len(shown), len(lines)), 0, -1):
        if all(_same(x, y) for x, y in zip(shown[-k:], lines[:k], strict=True)):
            return k
    return 0


def is_rolling(cues: Sequence[Timed]) -> bool:
    """Whether the captions roll: in a good share of the cues, a cue of two lines starts
    with the last line of the cue before (of the same voice)."""
    pairs = rolls = 0
    last: dict[str | None, Timed] = {}
    for c in cues:
        before = last.get(c.speaker)
        last[c.speaker] = c
        if before is None or not before.lines or not c.lines:
            continue
        pairs += 1
        # a cue of two lines or more whose first repeats: a cue of one line repeating the
        # one before is a duplicate (an HLS segment's), not a roll
        rolls += len(c.lines) > 1 and _same(before.lines[-1], c.lines[0])
    return rolls >= 2 and rolls * 4 >= pairs


def collapse(cues: list[Timed], notes: list[str], rolling: bool = False) -> list[Cue]:
    """Each line once. In ``rolling`` captions a cue's first lines that repeat the last
    lines of the cue before (of the same voice) are left out; otherwise a cue that repeats
    the one before word for word while it is still shown (an HLS segment repeats a cue that
    spans its start) is left out. A line said again after the one before ended is kept."""
    out: list[Cue] = []
    last: dict[str | None, Timed] = {}
    repeated = 0
    for c in cues:
        before = last.get(c.speaker)
        last[c.speaker] = c
        k = 0
        if before is not None:
            if rolling:
                k = _overlap(before.lines, c.lines)
            elif (
                len(before.lines) == len(c.lines)
                and c.start < before.end
                and all(_same(x, y) for x, y in zip(before.lines, c.lines, strict=True))
            ):
                k = len(c.lines)
        repeated += k
        if k < len(c.lines):
            out.append(c.cue(c.lines[k:]))
    if repeated and rolling:
        notes.append(
            f"rolling captions: {repeated} repeated line(s) left out — each line is kept "
            "once, at the time it was first shown"
        )
    elif repeated:
        notes.append(
            f"{repeated} line(s) repeated the cue before them while it was still shown — kept once"
        )
    return out


def mpegts_offset(header: Sequence[str]) -> float | None:
    """Seconds to add to a segment's cue times from its ``X-TIMESTAMP-MAP`` header line
    (HLS: the cue time ``LOCAL`` is shown at the presentation time ``MPEGTS``)."""
    for line in header:
        if not line.startswith("X-TIMESTAMP-MAP="):
            continue
        ts, local = _MPEGTS.search(line), _LOCAL.search(line)
        if ts is None:
            return None
        return int(ts.group(1)) / 90000 - (clock(local.group(1)) if local else 0.0)
    return None


def clock(text: str) -> float:
    """Seconds from ``[h:]mm:ss[.ttt]``."""
    total = 0.0
    for part in text.split(":"):
        total = total * 60 + float(part)
    return total


def join_segments(
    segments: list[tuple[float | None, list[Timed]]], notes: list[str]
) -> list[Timed]:
    """Concatenated HLS caption segments (each with its ``X-TIMESTAMP-MAP`` offset, or
    None) on one time line, starting where the first segment starts. A segment without a
    map whose times go back continues where the segment before it ended (or, when it
    repeats the cue that ended it, so that the two copies end together)."""
    if len(segments) == 1 and segments[0][0] is None:
        return segments[0][1]
    timeline = _Timeline()
    for offset, cues in segments:
        if cues:
            timeline.add(offset, cues)
    mapped = sum(1 for offset, cues in segments if offset is not None and cues)
    if len(segments) > 1:
        how = "X-TIMESTAMP-MAP honoured" if mapped else "each segment's times continued"
        notes.append(f"{len(segments)} WebVTT segments read one after another ({how})")
    elif timeline.continued:
        notes.append("a segment's times went back: continued where the one before ended")
    return timeline.cues


@dataclass
class _Timeline:
    """Caption segments' cues on one time line, a segment at a time."""

    cues: list[Timed] = field(default_factory=list)
    base: float | None = None
    """The first mapped segment's offset: mapped times count from it."""
    previous: float | None = None
    """The last mapped segment's offset (after a wrap of the clock)."""
    end: float = 0.0
    """When the latest cue so far ends."""
    continued: int = 0
    """Segments without a map whose times went back."""

    def add(self, offset: float | None, cues: list[Timed]) -> None:
        """Put a segment's cues (one or more) on the time line."""
        shift = self._mapped(offset) if offset is not None else self._unmapped(cues)
        moved = [replace(c, start=c.start + shift, end=c.end + shift) for c in cues]
        self.end = max(self.end, *(c.end for c in moved))
        self.cues += moved

    def _mapped(self, offset: float) -> float:
        """The shift of a segment with a map: its offset from the first one's."""
        if self.previous is not None and offset < self.previous - _WRAP / 90000 / 2:
            offset += _WRAP / 90000  # the 33-bit clock started again
        self.previous = offset
        if self.base is None:
            self.base = offset
        return offset - self.base

    def _unmapped(self, cues: list[Timed]) -> float:
        """The shift of a segment without a map: none, unless its times go back."""
        first = min(cues, key=lambda c: c.start)
        if not (self.cues and first.start < self.end - TOUCHING):
            return 0.0
        # times went back: the segment goes on where the one before ended, or, when it
        # starts with the cue that ended the one before (a cue spanning the boundary is
        # repeated), where that cue ends
        last = self.cues[-1]
        spans = last.lines == first.lines and last.speaker == first.speaker
        self.continued += 1
        return last.end - first.end if spans else self.end - first.start
