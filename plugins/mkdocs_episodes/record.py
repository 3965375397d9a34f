"""Who said what, and when: the one per-line record every copy of an episode reads.

The page, the transcript downloads (text, WebVTT, SRT, Podcasting 2.0 JSON, chapters),
JSON-LD, the feed and the search entries all read :class:`Record`; none of them works out
speakers, roles or times on its own. Derived once per episode from the parsed model and
the episode's hosts (pure Python).

Timing has one rule. A line with a ``[mm:ss]`` stamp starts at that *recorded* time (lines
stamped with the same second share it, each in turn by the length of its words: no line
lasts no time). Every other line of a timed episode gets an *estimated* start,
interpolated between the recorded times around it by the length of the words in between
(before the first stamp from 0; after the last one at the pace of the stamped part, or up
to ``duration``). An estimated time is marked as such wherever it goes: never shown or
exported as recorded.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from .model import Block, Episode, Line, iter_lines

ROLES = ("host", "co-host", "guest", "voice")
"""Who appears in an episode, as what: its hosts (the main one first, the others
co-hosts), its guests, and anyone else heard (in a clip, or a turn of the transcript)."""

# A sound or an editor's mark in brackets, not speech: a few words ([laughs], [Break],
# [crosstalk]), optionally with the time it was noted ([unintelligible 00:28:38]), or a few
# Chinese characters ([笑声]).
SOUND_RE = re.compile(
    r"\[(?:[A-Za-z][a-z]*(?: [a-z]+){0,3}(?: \d{1,2}:\d{2}(?::\d{2})?)?"
    r"|[\u4e00-\u9fff]{1,6})\]"
)

# Speech rates used only when an episode's own stamps cannot give one (a single stamp):
# characters a second, for text that is mostly CJK and for other text.
CJK_RATE = 4.5
OTHER_RATE = 14.0
TAIL_SECONDS = 5.0
"""The least time given to the last line when nothing else says how long it is."""


def is_sound(words: str) -> bool:
    """Whether a whole line is sound cues and marks only (``[laughs]``, ``[Break]``)."""
    rest = SOUND_RE.sub("", words)
    return rest.strip() == "" and rest != words


@functools.cache  # a few thousand characters, asked about millions of times
def is_wide(ch: str) -> bool:
    """A character that takes two columns (CJK, fullwidth): captions fit fewer of them."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def weight(words: str) -> int:
    """How long a line takes to say, in characters (spaces aside; at least 1)."""
    return max(1, sum(1 for ch in words if not ch.isspace()))


@dataclass(frozen=True)
class Said:
    """A transcript line as said: by whom, in which role and block, from when."""

    line: Line
    speaker: str | None
    """The actor id of who says it (None: nobody, for a line of only sounds or marks, or
    nobody is known, e.g. a show without hosts)."""
    role: str | None
    """The speaker's role in the episode (one of :data:`ROLES`)."""
    block: Block | None
    """The block the line is in (position, clip, opinion, analysis), None outside one."""
    start: float | None
    """Seconds from the start (None: the episode has no times at all)."""
    end: float | None
    recorded: bool
    """``start`` is the line's own timestamp; otherwise it is estimated."""
    nonspeech: bool
    """The whole line is sound cues or marks (``[laughs]``, ``[Break]``)."""

    @property
    def number(self) -> int:
        """The line's place among the episode's transcript lines, from 1 (the key of
        :attr:`Record.by_number`; readers see :attr:`~.model.Line.shown`)."""
        return self.line.number

    @property
    def words(self) -> str:
        """The words, exactly as written."""
        return self.line.words


@dataclass(frozen=True)
class Record:
    """Every transcript line of an episode with who says it and when, and the roles."""

    lines: tuple[Said, ...]
    roles: dict[str, str] = field(default_factory=dict)
    """Actor id -> role (:data:`ROLES`), hosts first."""

    @cached_property
    def by_number(self) -> dict[int, Said]:
        """The lines by number."""
        return {s.number: s for s in self.lines}

    @cached_property
    def hosts(self) -> tuple[str, ...]:
        """The hosts, the main one first."""
        return tuple(a for a, r in self.roles.items() if r in ("host", "co-host"))

    @property
    def timed(self) -> bool:
        """Whether the lines have times (recorded or estimated)."""
        return bool(self.lines) and self.lines[0].start is not None

    @property
    def recorded(self) -> bool:
        """Whether any line has a recorded time."""
        return any(s.recorded for s in self.lines)

    @property
    def all_recorded(self) -> bool:
        """Whether every line's time is its own recorded timestamp."""
        return all(s.recorded for s in self.lines)

    @cached_property
    def voices(self) -> tuple[str, ...]:
        """Everyone who speaks a line, in order of first line."""
        return tuple(dict.fromkeys(s.speaker for s in self.lines if s.speaker))

    @property
    def multi_voice(self) -> bool:
        """More than one voice speaks: each change of speaker is labelled."""
        return len(self.voices) > 1

    def turns(self) -> list[list[Said]]:
        """Runs of consecutive lines by one speaker."""
        out: list[list[Said]] = []
        for s in self.lines:
            if out and out[-1][0].speaker == s.speaker:
                out[-1].append(s)
            else:
                out.append([s])
        return out

    def segment_starts(self, episode: Episode) -> list[tuple[str, float, bool]]:
        """``(title, start, recorded)`` of each titled segment with a line: the start of
        its first transcript line (the chapter start of the Podcasting 2.0 chapters)."""
        out = []
        for seg in episode.segments:
            if seg.title is None:
                continue
            first = next((ln for ln in iter_lines(seg.items) if ln.number), None)
            said = self.by_number.get(first.number) if first else None
            if said is not None and said.start is not None:
                out.append((seg.title, said.start, said.recorded))
        return out


def hosts_of(episode: Episode, show_hosts: tuple[str, ...]) -> tuple[str, ...]:
    """The episode's hosts, the main one first: ``host`` and ``hosts`` in its front matter,
    else the show's hosts."""
    meta = episode.meta
    named = tuple(dict.fromkeys((meta.host, *meta.hosts) if meta.host else meta.hosts))
    return named or show_hosts


def roles_of(episode: Episode, hosts: tuple[str, ...]) -> dict[str, str]:
    """Who appears in the episode as what (hosts first, then guests, then other voices)."""
    roles: dict[str, str] = {}
    for i, aid in enumerate(hosts):
        roles.setdefault(aid, "host" if i == 0 else "co-host")
    for aid in episode.meta.guests:
        roles.setdefault(aid, "guest")
    for aid in episode.speakers:
        roles.setdefault(aid, "voice")
    return roles


def derive(episode: Episode, hosts: tuple[str, ...]) -> Record:
    """The record of an episode whose hosts are ``hosts`` (main host first)."""
    roles = roles_of(episode, hosts)
    host = hosts[0] if hosts else None
    placed: list[tuple[Line, Block | None]] = []
    for seg in episode.segments:
        for item in seg.items:
            if isinstance(item, tuple):
                placed += [(ln, None) for ln in item if ln.number]
            elif isinstance(item, Block):
                placed += [(ln, item) for ln in item.lines if ln.number]
    times = _times([ln for ln, _ in placed], _seconds(episode.meta.duration))
    said = []
    for (line, block), (start, end, recorded) in zip(placed, times, strict=True):
        who = speaker_of(line, host)
        said.append(
            Said(
                line,
                who,
                roles.get(who) if who else None,
                block,
                start,
                end,
                recorded,
                is_sound(line.words),
            )
        )
    return Record(tuple(said), roles)


def speaker_of(line: Line, host: str | None) -> str | None:
    """Who says a transcript line: its own speaker, else the episode's main host; nobody
    for a line of only sounds and marks (``[laughs]``, ``[Break]``)."""
    return None if is_sound(line.words) else (line.speaker or host)


def voices_of(block: Block, host: str | None) -> tuple[str, ...]:
    """Who says a block's transcript lines, in order of first line (as :func:`derive`
    has it: for lists, which show a block without its episode's record)."""
    return tuple(
        dict.fromkeys(who for ln in block.lines if ln.number and (who := speaker_of(ln, host)))
    )


def _seconds(duration: str | None) -> float | None:
    if not duration:
        return None
    total = 0
    for part in duration.split(":"):
        total = total * 60 + int(part)
    return float(total)


def _rate(lines: list[Line]) -> float:
    """Seconds a character when no stamps say: by the script most of the words are in."""
    text = "".join(ln.words for ln in lines)
    wide = sum(1 for ch in text if is_wide(ch))
    return 1 / (CJK_RATE if wide * 2 > len(text.replace(" ", "")) else OTHER_RATE)


def _times(
    lines: list[Line], duration: float | None
) -> list[tuple[float | None, float | None, bool]]:
    """``(start, end, recorded)`` of each line (see the module's timing rule)."""
    stamps = [(i, float(ln.timestamp.seconds)) for i, ln in enumerate(lines) if ln.timestamp]
    if not stamps:
        return [(None, None, False)] * len(lines)
    w = [weight(ln.words) for ln in lines]
    cum = [0]
    for x in w:
        cum.append(cum[-1] + x)
    # anchors: (index, time) pairs the estimates are interpolated between; times never go
    # back (a stamp that does is reported; the outputs stay ordered)
    anchors: list[tuple[int, float]] = [(0, 0.0)] if stamps[0][0] > 0 else []
    last = 0.0
    for i, t in stamps:
        last = max(last, t)
        anchors.append((i, last))
    pace = _pace(lines, stamps, cum)
    end_index = len(lines)
    last_time = anchors[-1][1]
    tail = max(last_time + (cum[end_index] - cum[anchors[-1][0]]) * pace, last_time + TAIL_SECONDS)
    if duration is not None and duration > last_time:
        tail = duration
    anchors.append((end_index, tail))
    recorded = {i for i, _ in stamps}
    starts = _starts(anchors, cum, recorded)
    _spread(starts, cum, recorded, tail)
    ends = [*starts[1:], tail]
    return [
        (round(s, 3), round(max(e, s), 3), k in recorded)
        for k, (s, e) in enumerate(zip(starts, ends, strict=True))
    ]


def _spread(starts: list[float], cum: list[int], recorded: set[int], tail: float) -> None:
    """Lines that would start at the same time (stamps of one second, or a stamp that goes
    back) are spread over the time they have, by the length of their words, so that no
    line lasts no time at all (``starts`` changed in place). A stamp is to the second:
    lines stamped alike stay within it, so a stamped line still starts in its recorded
    second."""
    i, n = 0, len(starts)
    while i < n:
        j = i
        while j + 1 < n and starts[j + 1] == starts[i]:
            j += 1
        if j > i:
            after = starts[j + 1] if j + 1 < n else tail
            room = after - starts[i]
            if any(k in recorded for k in range(i + 1, j + 1)):
                room = min(room, 1.0)
            total = cum[j + 1] - cum[i]
            for k in range(i + 1, j + 1):
                share = (cum[k] - cum[i]) / total if total else (k - i) / (j + 1 - i)
                if room > 0:
                    starts[k] = starts[i] + room * share
        i = j + 1


def _pace(lines: list[Line], stamps: list[tuple[int, float]], cum: list[int]) -> float:
    """Seconds a character: the pace of the stamped part, else the script's rate."""
    if len(stamps) > 1 and cum[stamps[-1][0]] > cum[stamps[0][0]]:
        pace = (stamps[-1][1] - stamps[0][1]) / (cum[stamps[-1][0]] - cum[stamps[0][0]])
    else:
        pace = _rate(lines)
    return pace if pace > 0 else _rate(lines)


def _starts(anchors: list[tuple[int, float]], cum: list[int], recorded: set[int]) -> list[float]:
    """Each line's start: its recorded time, else interpolated between the anchors around
    it by the length of the words in between."""
    starts: list[float] = []
    for (i0, t0), (i1, t1) in pairwise(anchors):
        span = cum[i1] - cum[i0]
        for k in range(i0, i1):
            share = (cum[k] - cum[i0]) / span if span else 0.0
            starts.append(t0 if k in recorded else t0 + (t1 - t0) * share)
    return starts
