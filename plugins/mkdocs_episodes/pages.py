"""Generated pages: home, policy and actor pages, their indexes and the stance overview.

Pages are virtual files; when MkDocs reaches one, :func:`plan_page` says what it shows (the
macro calls and their arguments, from the index that ``on_files`` completed) and
:func:`draw` makes the calls through the theme's templates (``output.Outputs`` skips the
drawing when the cache holds the page for that plan).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2

from .i18n import Labels
from .index import EpisodeEntry, Index, PositionRef
from .model import Catalog, Rich
from .render import SLOT, Pieces
from .schema import STANCE_BASES, STANCES
from .view import View


def draft_banner(t: Labels) -> str:
    """The notice at the top of a draft shown in the preview."""
    return f'<div class="ep-draft" role="status">{t.html("draft.banner")}</div>\n\n'


# Lists on the home, policy and actor pages show the newest entries; the rest are on
# per-year archive pages, so no page grows with the archive (1,000 episodes is normal).
NEWEST = 10
HOME_NEWEST = 30


@dataclass(frozen=True)
class Generated:
    """A page to generate: its kind, the record id (policy, actor pages) and the year
    (archive pages)."""

    kind: str
    id: str = ""
    year: int = 0

    @property
    def key(self) -> tuple[str, str]:
        """How the page's URL is looked up in ``Index.urls``."""
        if self.kind in ("home", "policies", "actors", "stances", "corrections"):
            return ("page", self.kind)
        if self.kind == "year":
            return ("year", str(self.year))
        return (self.kind, f"{self.id}/{self.year}" if self.year else self.id)


def _year(date: dt.date | None) -> int:
    return date.year if date else 0


def years_of(dates: list[dt.date | None]) -> list[tuple[int, int]]:
    """``(year, count)`` newest first."""
    counts: dict[int, int] = {}
    for d in dates:
        counts[_year(d)] = counts.get(_year(d), 0) + 1
    return sorted(counts.items(), reverse=True)


def plan(catalog: Catalog, index: Index) -> dict[str, Generated]:
    """The pages the site has, by source URI (an author's own file of a name replaces the
    generated one)."""
    wanted: dict[str, Generated] = {
        "index.md": Generated("home"),
        "policies/index.md": Generated("policies"),
        "actors/index.md": Generated("actors"),
        "stances/index.md": Generated("stances"),
        "corrections/index.md": Generated("corrections"),
    }
    for pid in catalog.policies:
        wanted[f"policies/{pid}.md"] = Generated("policy", pid)
        refs = index.by_policy.get(pid, [])
        eps = index.episodes_by_policy.get(pid, [])
        if _long(refs, eps):
            for year, _ in years_of([r.date for r in refs] + [e.date for e in eps]):
                wanted[f"policies/{pid}/{year}.md"] = Generated("policy-year", pid, year)
    for aid in catalog.actors:
        wanted[f"actors/{aid}.md"] = Generated("actor", aid)
        refs = index.by_actor.get(aid, [])
        eps = index.episodes_by_actor.get(aid, [])
        if _long(refs, eps):
            for year, _ in years_of([r.date for r in refs] + [e.date for e in eps]):
                wanted[f"actors/{aid}/{year}.md"] = Generated("actor-year", aid, year)
    if len(index.episodes) > HOME_NEWEST:
        for year, _ in years_of([e.date for e in index.episodes]):
            wanted[f"{year}/index.md"] = Generated("year", year=year)
    return wanted


def _long(refs: list[PositionRef], episodes: list[EpisodeEntry]) -> bool:
    return len(refs) > NEWEST or len(episodes) > NEWEST


def _newest(items: list, key) -> list:  # type: ignore[type-arg, no-untyped-def]
    return sorted(items, key=lambda x: key(x) or dt.date.min, reverse=True)


def register_urls(index: Index, planned: dict[str, Generated], files: object) -> None:
    """Record the URL of every planned page, generated or the author's own (for links)."""
    for uri, page in planned.items():
        file = files.get_file_from_path(uri)  # type: ignore[attr-defined]
        if file is not None:
            index.urls[page.key] = file.url


@dataclass(frozen=True)
class Call:
    """A call of a macro of ``partials/episodes/pages.html``, not made yet."""

    macro: str
    args: tuple[Any, ...]


class _Calls:
    """Stands in for the template module while a page is planned: notes each macro call."""

    def __getattr__(self, name: str) -> Callable[..., Call]:
        return lambda *args: Call(name, args)


@dataclass(frozen=True)
class Section:
    """A part of a generated page: a heading (optional) and the macro call that draws it."""

    title: str | None
    anchor: str | None
    call: Call
    find: bool = True
    """Whether search indexes it (long lists repeat the episode pages: left out)."""


def draw(env: jinja2.Environment, sections: list[Section]) -> Pieces:
    """Make the macro calls of a planned page: its :class:`Pieces`."""
    macros: Any = env.get_template("partials/episodes/pages.html").module
    md: list[str] = []
    html: list[str] = []
    search: list[str] = []
    for s in sections:
        if s.title:
            md.append(f"## {s.title} {{#{s.anchor}}}")
        md.append(SLOT.format(n=len(html)))
        markup = str(getattr(macros, s.call.macro)(*s.call.args))
        html.append(markup)
        search.append(markup if s.find else "")
    return Pieces("\n\n".join(md) + "\n", html, search)


def plan_page(page: Generated, view: View) -> tuple[str, list[Section]]:
    """What a generated page shows: its title and its sections, as macro calls with their
    arguments (what the page's cached output is keyed by), without drawing anything."""
    macros: Any = _Calls()
    catalog, index, t = view.catalog, view.index, view.t
    sections: list[Section] = []
    title = ""

    def section(title: str | None, anchor: str | None, call: Call, find: bool = True) -> None:
        sections.append(Section(title, anchor, call, find))

    if page.kind == "home":
        title = t("page.home")
        newest = index.episodes[:HOME_NEWEST]
        years = _year_links(view, "year", "", [e.date for e in index.episodes])
        section(None, None, macros.home(view, newest, len(index.episodes), years), find=False)
    elif page.kind == "year":
        title = t("page.year", year=page.year)
        eps = [e for e in index.episodes if _year(e.date) == page.year]
        section(None, None, macros.episode_list(view, eps), find=False)
    elif page.kind == "policies":
        title = t("page.policies")
        section(None, None, macros.policy_index(view, list(catalog.policies.values())))
    elif page.kind == "actors":
        title = t("page.actors")
        section(None, None, macros.actor_index(view, list(catalog.actors.values())))
    elif page.kind == "stances":
        title = t("page.stances")
        grid = _grid(index)
        actors = [a for a in catalog.actors if any(k[0] == a for k in grid)]
        policies = [p for p in catalog.policies if any(k[1] == p for k in grid)]
        section(None, None, macros.stances(view, actors, policies, grid), find=False)
    elif page.kind == "corrections":
        title = t("corrections.title")
        log = sorted(
            ((c, e) for e in index.episodes for c in e.episode.meta.corrections),
            key=lambda ce: (ce[0].date, ce[1].url),
            reverse=True,
        )
        section(None, None, macros.corrections_log(view, log))
    elif page.kind == "policy":
        policy = catalog.policies[page.id]
        refs = index.by_policy.get(page.id, [])
        eps = index.episodes_by_policy.get(page.id, [])
        years = _year_links(
            view, "policy-year", page.id, [r.date for r in refs] + [e.date for e in eps]
        )
        title = view.name(policy.name)
        section(None, None, macros.policy_head(view, policy))
        section(
            t("section.timeline"),
            "timeline",
            macros.timeline(view, _timeline(view, page.id), years),
        )
        section(
            t("section.debate"),
            "debate",
            macros.debate(view, _by_stance(refs, NEWEST), years),
            find=False,
        )
        if policy.provisions:
            section(t("section.provisions"), "provisions", macros.provisions(view, policy))
        if policy.related:
            section(t("section.related"), "related", macros.related(view, policy))
        section(t("section.sources"), "sources", macros.sources(view, policy.sources))
    elif page.kind in ("policy-year", "actor-year"):
        title = _archive(view, page, section, macros)
    elif page.kind == "actor":
        actor = catalog.actors[page.id]
        refs = index.by_actor.get(page.id, [])
        eps = index.episodes_by_actor.get(page.id, [])
        years = _year_links(
            view, "actor-year", page.id, [r.date for r in refs] + [e.date for e in eps]
        )
        title = view.name(actor.name)
        section(None, None, macros.actor_head(view, actor))
        section(
            t("section.positions"),
            "positions",
            macros.actor_positions(view, _by_policy(refs, NEWEST), years),
            find=False,
        )
        section(
            t("section.appearances"),
            "episodes",
            macros.episode_list(view, eps[:NEWEST], years, page.id),
            find=False,
        )
        if actor.sources:
            section(t("section.sources"), "sources", macros.sources(view, actor.sources))
    return title, sections


Group = tuple[Any, list[PositionRef], int]
"""``(key, shown, total)``: the key is a policy id, or ``(stance, basis)``."""


def _archive(view: View, page: Generated, section: Callable[..., None], macros: Any) -> str:
    """One year of a policy's or an actor's positions and episodes (compact rows); returns
    the page title."""
    index, t = view.index, view.t
    if page.kind == "policy-year":
        kind = "policy"
        refs, eps = index.by_policy.get(page.id, []), index.episodes_by_policy.get(page.id, [])
        title = view.name(view.catalog.policies[page.id].name)
    else:
        kind = "actor"
        refs, eps = index.by_actor.get(page.id, []), index.episodes_by_actor.get(page.id, [])
        title = view.actor_name(page.id)
    refs = refs_in_year(refs, page.year)
    eps = [e for e in eps if _year(e.date) == page.year]
    groups = _by_stance(refs, None) if kind == "policy" else _by_policy(refs, None)
    section(None, None, macros.archive_intro(view, kind, page.id), find=False)
    section(t("section.positions"), "positions", macros.compact_refs(view, groups), find=False)
    heading = t("section.discussed_in") if kind == "policy" else t("section.appearances")
    section(heading, "episodes", macros.compact_episodes(view, eps), find=False)
    return t("page.archive", title=title, year=page.year)


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


def _by_stance(refs: list[PositionRef], cap: int | None) -> list[Group]:
    """Positions by stance, stated apart from inferred, newest first:
    ``((stance, basis), shown, total)``."""
    keys = [(s, b) for s in STANCES for b in STANCE_BASES] + [("", "inferred")]
    groups: dict[tuple[str, str], list[PositionRef]] = {k: [] for k in keys}
    for ref in _newest(refs, lambda r: r.date):
        p = ref.position
        groups[(p.stance, p.stance_basis) if p.stance else ("", "inferred")].append(ref)
    return [(k, rs[:cap], len(rs)) for k, rs in groups.items() if rs]


def _by_policy(refs: list[PositionRef], cap: int | None) -> list[Group]:
    """Positions by policy, newest first: ``(policy id, shown, total)``."""
    groups: dict[str, list[PositionRef]] = {}
    for ref in _newest(refs, lambda r: r.date):
        for pid in ref.position.policies or ("",):
            groups.setdefault(pid, []).append(ref)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0]))
    return [(pid, rs[:cap], len(rs)) for pid, rs in ordered]


def _year_links(
    view: View, kind: str, rid: str, dates: list[dt.date | None]
) -> list[tuple[int, int, str]]:
    """``(year, count, url)`` of the archive pages, newest first (none for short lists)."""
    out = []
    for year, count in years_of(dates):
        url = view.index.url(kind, f"{rid}/{year}" if rid else str(year))
        if url is not None:
            out.append((year, count, view.to(url)))
    return out


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


def _timeline(view: View, pid: str) -> list[TimelineItem]:
    policy = view.catalog.policies[pid]
    items = [TimelineItem(e.date, "event", e.event, e.sources) for e in policy.timeline]
    # the newest episodes only: the rest are on the policy's archive pages
    for entry in view.index.episodes_by_policy.get(pid, [])[:NEWEST]:
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


@dataclass(frozen=True)
class Cell:
    """One stance of an actor on a policy: how many positions, and where to read them."""

    stance: str
    count: int
    url: str
    first: dt.date | None
    last: dt.date | None
    basis: str = "inferred"
    qualified: int = 0
    """How many of its positions an editor's note qualifies."""
    notes: tuple[str, ...] = ()
    """The anchors of those notes (``data-qualified-by``)."""


def _grid(index: Index) -> dict[tuple[str, str], list[Cell]]:
    """(actor, policy) -> a cell per stance; one position links to itself, several to the
    actor page's section on that policy."""
    refs_by_cell: dict[tuple[str, str], dict[tuple[str, str], list[PositionRef]]] = {}
    for pid, refs in index.by_policy.items():
        for ref in refs:
            p = ref.position
            cell = refs_by_cell.setdefault((p.actor, pid), {})
            key = (p.stance, p.stance_basis) if p.stance else ("", "inferred")
            cell.setdefault(key, []).append(ref)
    grid: dict[tuple[str, str], list[Cell]] = {}
    keys = [(s, b) for s in STANCES for b in STANCE_BASES] + [("", "inferred")]
    for (aid, pid), by_stance in refs_by_cell.items():
        actor_url = index.url("actor", aid)
        cells = []
        for stance, basis in keys:
            stance_refs = by_stance.get((stance, basis))
            if not stance_refs:
                continue
            one = len(stance_refs) == 1 or actor_url is None
            url = stance_refs[0].url if one else f"{actor_url}#on-{pid}"
            dates = [r.date for r in stance_refs if r.date]
            cells.append(
                Cell(
                    stance,
                    len(stance_refs),
                    url,
                    min(dates, default=None),
                    max(dates, default=None),
                    basis,
                    sum(1 for r in stance_refs if r.position.qualified_by),
                    tuple(dict.fromkeys(a for r in stance_refs for a in r.position.qualified_by)),
                )
            )
        grid[(aid, pid)] = cells
    return grid
