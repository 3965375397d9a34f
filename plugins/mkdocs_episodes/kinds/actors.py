"""The people and organisations: their overview, a page per actor (who they are, their
positions by policy, the episodes they appear in, with their role), and the year
archives of a long record."""

from __future__ import annotations

from collections.abc import Iterator

from .. import pages
from ..index import Index
from ..model import Catalog
from ..pages import Page, PageKind, Plan, section, year_links
from ..view import View
from .archive import archive_plan, year_key, year_pages
from .lists import by_policy


def _index_pages(catalog: Catalog, index: Index) -> Iterator[tuple[str, Page]]:
    yield "actors/index.md", Page("actors")


def _index(page: Page, view: View) -> Plan:
    actors = list(view.catalog.actors.values())
    return Plan(view.t("page.actors"), (section(None, None, "actor_index", actors=actors),))


def _actor_pages(catalog: Catalog, index: Index) -> Iterator[tuple[str, Page]]:
    for aid in catalog.actors:
        yield f"actors/{aid}.md", Page("actor", aid)


def _actor(page: Page, view: View) -> Plan:
    catalog, index, t = view.catalog, view.index, view.t
    actor = catalog.actors[page.id]
    refs = index.by_actor.get(page.id, [])
    eps = index.episodes_by_actor.get(page.id, [])
    years = year_links(view, "actor-year", page.id, [r.date for r in refs] + [e.date for e in eps])
    sections = [
        section(None, None, "actor_head", a=actor),
        section(
            t("section.positions"),
            "positions",
            "actor_positions",
            find=False,
            groups=by_policy(refs, pages.NEWEST),
            years=years,
        ),
        section(
            t("section.appearances"),
            "episodes",
            "episode_list",
            find=False,
            episodes=eps[: pages.NEWEST],
            years=years,
            aid=page.id,
        ),
    ]
    if actor.sources:
        sections.append(section(t("section.sources"), "sources", "sources", ids=actor.sources))
    if actor.corrections:
        sections.append(
            section(
                t("section.record_corrections"),
                "corrections",
                "record_corrections",
                corrections=actor.corrections,
            )
        )
    return Plan(view.name(actor.name), tuple(sections))


def _describe(page: Page, view: View) -> str | None:
    return view.plain(view.catalog.actors[page.id].description)


def _year_pages(catalog: Catalog, index: Index) -> Iterator[tuple[str, Page]]:
    for aid in catalog.actors:
        refs = index.by_actor.get(aid, [])
        eps = index.episodes_by_actor.get(aid, [])
        yield from year_pages("actor-year", "actors", aid, refs, eps)


def _year(page: Page, view: View) -> Plan:
    index = view.index
    refs = index.by_actor.get(page.id, [])
    eps = index.episodes_by_actor.get(page.id, [])
    return archive_plan(page, view, "actor", view.actor_name(page.id), refs, eps)


def _key(page: Page) -> tuple[str, str]:
    return (page.kind, f"{page.id}/{page.year}" if page.year else page.id)


INDEX = PageKind("actors", _index_pages, _index)
ACTOR = PageKind("actor", _actor_pages, _actor, _key, _describe)
YEAR = PageKind("actor-year", _year_pages, _year, year_key, searchable=False)
