"""The stance overview: a grid of actors and policies, a cell per stance each actor took
on each policy, counted, dated, and linked to the positions behind it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from ..index import Index, PositionRef, count_statements
from ..model import Catalog
from ..pages import Page, PageKind, Plan, section
from ..view import View
from .lists import STANCE_KEYS, stance_keys


@dataclass(frozen=True)
class Cell:
    """One stance of an actor on a policy: how many positions, and where to read them."""

    stance: str
    count: int
    """How many statements (the passages of one ``statement:`` counted once)."""
    url: str
    first: dt.date | None
    last: dt.date | None
    basis: str = "inferred"
    qualified: int = 0
    """How many of its positions an editor's note qualifies."""
    notes: tuple[str, ...] = ()
    """The anchors of those notes (``data-qualified-by``)."""
    passages: int = 0
    """How many passages report them."""
    how: tuple[tuple[str, int], ...] = ()
    """How sure, as the episode says it: ``(account or "unsourced", passages)``."""


def grid(index: Index) -> dict[tuple[str, str], list[Cell]]:
    """(actor, policy) -> a cell per stance; one position links to itself, several to the
    actor page's section on that policy."""
    refs_by_cell: dict[tuple[str, str], dict[tuple[str, str], list[PositionRef]]] = {}
    for pid, refs in index.by_policy.items():
        keys = stance_keys(refs)
        for ref in refs:
            cell = refs_by_cell.setdefault((ref.position.actor, pid), {})
            cell.setdefault(keys[ref.url], []).append(ref)
    out: dict[tuple[str, str], list[Cell]] = {}
    for (aid, pid), by_key in refs_by_cell.items():
        actor_url = index.url("actor", aid)
        out[(aid, pid)] = [
            _cell(stance, basis, found, actor_url, pid)
            for stance, basis in STANCE_KEYS
            if (found := by_key.get((stance, basis)))
        ]
    return out


def _cell(
    stance: str, basis: str, refs: list[PositionRef], actor_url: str | None, pid: str
) -> Cell:
    one = len(refs) == 1 or actor_url is None
    url = refs[0].url if one else f"{actor_url}#on-{pid}"
    dates = [r.date for r in refs if r.date]
    return Cell(
        stance,
        count_statements(refs),
        url,
        min(dates, default=None),
        max(dates, default=None),
        basis,
        sum(1 for r in refs if r.position.qualified_by),
        tuple(dict.fromkeys(a for r in refs for a in r.position.qualified_by)),
        len(refs),
        _how(refs),
    )


def _how(refs: list[PositionRef]) -> tuple[tuple[str, int], ...]:
    """How many passages of a cell were checked, not checked, disputed, or have no source
    (a clip is the party's own voice: no account to check)."""
    counts: dict[str, int] = {}
    for r in refs:
        p = r.position
        if p.unsourced:
            counts["unsourced"] = counts.get("unsourced", 0) + 1
        if p.kind != "clip":
            counts[p.account] = counts.get(p.account, 0) + 1
    order = ("checked", "disputed", "unchecked", "unsourced")
    return tuple((k, counts[k]) for k in order if k in counts)


def _pages(catalog: Catalog, index: Index) -> Iterator[tuple[str, Page]]:
    yield "stances/index.md", Page("stances")


def _plan(page: Page, view: View) -> Plan:
    cells = grid(view.index)
    actors = [a for a in view.catalog.actors if any(k[0] == a for k in cells)]
    policies = [p for p in view.catalog.policies if any(k[1] == p for k in cells)]
    args = {"actors": actors, "policies": policies, "grid": cells}
    return Plan(view.t("page.stances"), (section(None, None, "stances", find=False, **args),))


STANCES = PageKind("stances", _pages, _plan)
