"""A year of a policy's or an actor's positions and episodes, in compact rows (the pages
a long list continues on); a dense year on several pages (:func:`pages.split_parts`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from .. import pages
from ..index import EpisodeEntry, PositionRef
from ..pages import Page, Plan, part_key, part_links, part_uri, section, year_of, years_of
from ..view import View
from .lists import by_policy, by_stance, refs_in_year

Part = tuple[list[PositionRef], list[EpisodeEntry]]


def year_parts(refs: list[PositionRef], episodes: list[EpisodeEntry], year: int) -> list[Part]:
    """The parts of one year of a record's lists, oldest first: each episode with its
    positions on one part, at most about :data:`pages.PART_ROWS` rows a part."""
    refs = refs_in_year(refs, year)
    eps = [e for e in episodes if year_of(e.date) == year]
    entries = {e.url: e for e in [*(r.entry for r in refs), *eps]}
    oldest = sorted(entries.values(), key=lambda e: (e.date or dt.date.min, e.url))
    counts = Counter(r.entry.url for r in refs)
    runs = pages.split_parts([1 + counts[e.url] for e in oldest])
    # one pass over the rows, not one a part: a dense year of a large archive has hundreds
    # of parts, and every part's page asks for them
    part_of = {oldest[i].url: k for k, run in enumerate(runs) for i in run}
    out: list[Part] = [([], []) for _ in runs]
    for r in refs:
        out[part_of[r.entry.url]][0].append(r)
    for e in eps:
        out[part_of[e.url]][1].append(e)
    return out


def year_pages(
    kind: str, folder: str, rid: str, refs: list[PositionRef], episodes: list[EpisodeEntry]
) -> Iterator[tuple[str, Page]]:
    """Every archive page of the record ``rid`` (``folder/<rid>/<year>.md`` and a dense
    year's older parts), for a record whose lists are long."""
    if not long(refs, episodes):
        return
    for year, _ in years_of([r.date for r in refs] + [e.date for e in episodes]):
        base = f"{folder}/{rid}/{year}.md"
        count = len(year_parts(refs, episodes, year))
        for part in range(count):
            yield part_uri(base, part, count), Page(kind, rid, year, part=part)


def year_key(page: Page) -> tuple[str, str]:
    """How other pages find a record's archive page (see :func:`pages.part_key`)."""
    return (page.kind, part_key(f"{page.id}/{page.year}", page.part))


def archive_plan(
    page: Page,
    view: View,
    kind: str,
    title: str,
    refs: list[PositionRef],
    episodes: list[EpisodeEntry],
) -> Plan:
    """One year (``page.year``, its part ``page.part``) of ``refs`` and ``episodes`` of the
    policy or actor ``page.id`` (``kind``), titled after ``title``."""
    t = view.t
    # every page of a dense year needs its parts: cut once a build (from the lists each
    # page has read itself: see View.shared)
    key = ("year parts", kind, page.id, page.year)
    parts: list[Part] = view.shared.get(key) or year_parts(refs, episodes, page.year)
    view.shared[key] = parts
    refs, eps = parts[page.part - 1] if page.part else parts[-1]
    groups = by_stance(refs, None) if kind == "policy" else by_policy(refs, None)
    heading = t("section.discussed_in") if kind == "policy" else t("section.appearances")
    links = part_links(view, page.kind, f"{page.id}/{page.year}", len(parts), page.part)
    sections = (
        section(
            None, None, "archive_intro", find=False, kind=kind, rid=page.id, paged=len(links) > 1
        ),
        *parts_section(links),
        section(t("section.positions"), "positions", "compact_refs", find=False, groups=groups),
        section(heading, "episodes", "compact_episodes", find=False, episodes=eps),
    )
    return Plan(part_title(view, t("page.archive", title=title, year=page.year), links), sections)


def parts_section(links: list[tuple[int, str | None]]) -> tuple[pages.Section, ...]:
    """The links between the parts of a dense year (none for a year on one page)."""
    if len(links) < 2:
        return ()
    return (section(None, None, "parts", find=False, links=links),)


def part_title(view: View, title: str, links: list[tuple[int, str | None]]) -> str:
    """A part's title: the year's, with which page of how many when there are several."""
    if len(links) < 2:
        return title
    [here] = [part for part, url in links if url is None] or [links[0][0]]
    return view.t("page.part", title=title, part=here, count=len(links))


def long(refs: list[PositionRef], episodes: list[EpisodeEntry]) -> bool:
    """Whether a record's lists go on to archive pages."""
    return len(refs) > pages.NEWEST or len(episodes) > pages.NEWEST
