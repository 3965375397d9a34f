"""Lists the policy and actor pages share: positions grouped by stance or by policy, the
positions of one year, a policy's timeline."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from .. import pages
from ..index import PositionRef, count_statements
from ..model import Rich
from ..schema import STANCE_BASES, STANCES
from ..view import View

T = TypeVar("T")

Group = tuple[Any, list[PositionRef], int, int]
"""``(key, shown, passages, statements)``: the key is a policy id, or ``(stance, basis)``;
``statements`` counts the passages of one statement (``statement:``) once."""


def newest(items: list[T], key: Callable[[T], dt.date | None]) -> list[T]:
    """``items`` newest first (undated last)."""
    return sorted(items, key=lambda x: key(x) or dt.date.min, reverse=True)


def refs_in_year(refs: list[PositionRef], year: int) -> list[PositionRef]:
    """The positions of one year (0: undated) from a list sorted by date, undated first (as
    the index keeps them): a slice found by bisection, since every archive page of a build
    asks and the lists hold thousands."""

    def key(r: PositionRef) -> dt.date:
        return r.date or dt.date.min

    if year == 0:
        return refs[: bisect.bisect_right(refs, dt.date.min, key=key)]
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return refs[bisect.bisect_left(refs, first, key=key) : bisect.bisect_right(refs, last, key=key)]


STANCE_KEYS = [(s, b) for s in STANCES for b in STANCE_BASES] + [("", "inferred")]
"""Stances in the order lists show them, stated apart from inferred, then no stance."""


def stance_keys(refs: list[PositionRef]) -> dict[str, tuple[str, str]]:
    """``(stance, basis)`` of each passage: its own, else the one another passage of the same
    statement states (a figure offered in support carries no stance of its own, but is
    listed with the statement it belongs to), else ``("", "inferred")``."""
    stated: dict[str, tuple[str, str]] = {}
    for r in refs:
        p = r.position
        if p.stance and p.statement:
            stated.setdefault(p.statement, (p.stance, p.stance_basis))
    out = {}
    for r in refs:
        p = r.position
        own = (p.stance, p.stance_basis) if p.stance else None
        out[r.url] = own or stated.get(p.statement or "", ("", "inferred"))
    return out


def by_stance(refs: list[PositionRef], cap: int | None) -> list[Group]:
    """Positions by stance (their statement's), stated apart from inferred, newest first:
    ``((stance, basis), shown, passages, statements)``."""
    groups: dict[tuple[str, str], list[PositionRef]] = {k: [] for k in STANCE_KEYS}
    keys = stance_keys(refs)
    for ref in newest(refs, lambda r: r.date):
        groups[keys[ref.url]].append(ref)
    return [(k, rs[:cap], len(rs), count_statements(rs)) for k, rs in groups.items() if rs]


def by_policy(refs: list[PositionRef], cap: int | None) -> list[Group]:
    """Positions by policy, newest first: ``(policy id, shown, passages, statements)``."""
    groups: dict[str, list[PositionRef]] = {}
    for ref in newest(refs, lambda r: r.date):
        for pid in ref.position.policies or ("",):
            groups.setdefault(pid, []).append(ref)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0]))
    return [(pid, rs[:cap], len(rs), count_statements(rs)) for pid, rs in ordered]


@dataclass(frozen=True)
class TimelineItem:
    """A dated row of a policy timeline: an event of the policy, or an episode about it."""

    date: dt.date | None
    kind: str
    text: Rich | str
    sources: tuple[str, ...] = ()
    url: str | None = None
    approximate: bool = False
    """The date is an estimate (an episode with ``date_approximate``)."""
    lang: str | None = None
    """The ``lang`` of an episode's title where it is not in the site's language."""


def timeline(view: View, pid: str) -> list[TimelineItem]:
    """A policy's events and the newest episodes about it, by date."""
    policy = view.catalog.policies[pid]
    items = [TimelineItem(e.date, "event", e.event, e.sources) for e in policy.timeline]
    # the newest episodes only: the rest are on the policy's archive pages
    for entry in view.index.episodes_by_policy.get(pid, [])[: pages.NEWEST]:
        items.append(
            TimelineItem(
                entry.date,
                "episode",
                entry.title,
                url=entry.url,
                approximate=entry.episode.meta.date_approximate,
                lang=view.lang_of(entry),
            )
        )
    return sorted(items, key=lambda i: (i.date or dt.date.min, i.kind))
