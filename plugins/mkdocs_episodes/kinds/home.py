"""The home page (the newest episodes) and the archive of each year's episodes."""

from __future__ import annotations

from collections.abc import Iterator

from .. import pages
from ..index import EpisodeEntry, Index
from ..model import Catalog
from ..pages import Page, PageKind, Plan, section, year_links, year_of, years_of
from ..view import View
from .archive import part_title, parts_section


def _home_pages(catalog: Catalog, index: Index) -> Iterator[tuple[str, Page]]:
    yield "index.md", Page("home")


def _home(page: Page, view: View) -> Plan:
    index, t = view.index, view.t
    newest = index.episodes[: pages.HOME_NEWEST]
    years = year_links(view, "year", "", [e.date for e in index.episodes])
    args = {"episodes": newest, "total": len(index.episodes), "years": years}
    return Plan(t("page.home"), (section(None, None, "home", find=False, **args),))


def _year_parts(index: Index, year: int) -> list[list[EpisodeEntry]]:
    """A year's episodes on pages of at most :data:`pages.PART_ROWS`, oldest first."""
    eps = [e for e in reversed(index.episodes) if year_of(e.date) == year]  # oldest first
    return [[eps[i] for i in run][::-1] for run in pages.split_parts([1] * len(eps))]


def _year_pages(catalog: Catalog, index: Index) -> Iterator[tuple[str, Page]]:
    if len(index.episodes) > pages.HOME_NEWEST:
        for year, _ in years_of([e.date for e in index.episodes]):
            count = len(_year_parts(index, year))
            for part in range(count):
                uri = pages.part_uri(f"{year}/index.md", part, count)
                yield uri, Page("year", year=year, part=part)


def _year_plan(page: Page, view: View) -> Plan:
    parts = _year_parts(view.index, page.year)
    eps = parts[page.part - 1] if page.part else parts[-1]  # newest first on each
    links = pages.part_links(view, "year", str(page.year), len(parts), page.part)
    sections = (
        *parts_section(links),
        section(None, None, "episode_list", find=False, episodes=eps, years=[], aid=None),
    )
    return Plan(part_title(view, view.t("page.year", year=page.year), links), sections)


HOME = PageKind("home", _home_pages, _home)
YEAR = PageKind(
    "year",
    _year_pages,
    _year_plan,
    url_key=lambda page: ("year", pages.part_key(str(page.year), page.part)),
    searchable=False,
)
