"""The home page (the newest episodes) and the archive of each year's episodes."""

from __future__ import annotations

from collections.abc import Iterator

from .. import pages
from ..index import Index
from ..model import Catalog
from ..pages import Page, PageKind, Plan, section, year_links, year_of, years_of
from ..view import View


def _home_pages(catalog: Catalog, index: Index) -> Iterator[tuple[str, Page]]:
    yield "index.md", Page("home")


def _home(page: Page, view: View) -> Plan:
    index, t = view.index, view.t
    newest = index.episodes[: pages.HOME_NEWEST]
    years = year_links(view, "year", "", [e.date for e in index.episodes])
    args = {"episodes": newest, "total": len(index.episodes), "years": years}
    return Plan(t("page.home"), (section(None, None, "home", find=False, **args),))


def _year_pages(catalog: Catalog, index: Index) -> Iterator[tuple[str, Page]]:
    if len(index.episodes) > pages.HOME_NEWEST:
        for year, _ in years_of([e.date for e in index.episodes]):
            yield f"{year}/index.md", Page("year", year=year)


def _year_plan(page: Page, view: View) -> Plan:
    eps = [e for e in view.index.episodes if year_of(e.date) == page.year]
    sections = (section(None, None, "episode_list", find=False, episodes=eps, years=[], aid=None),)
    return Plan(view.t("page.year", year=page.year), sections)


HOME = PageKind("home", _home_pages, _home)
YEAR = PageKind(
    "year",
    _year_pages,
    _year_plan,
    url_key=lambda page: ("year", str(page.year)),
    searchable=False,
)
