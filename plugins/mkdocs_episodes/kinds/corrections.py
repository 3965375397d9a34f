"""The corrections log: every correction of every page, newest first, with its reason."""

from __future__ import annotations

from collections.abc import Iterator

from ..index import Index
from ..model import Catalog
from ..pages import Page, PageKind, Plan, section
from ..view import View


def _pages(catalog: Catalog, index: Index) -> Iterator[tuple[str, Page]]:
    yield "corrections/index.md", Page("corrections")


def _plan(page: Page, view: View) -> Plan:
    log = sorted(
        ((c, e) for e in view.index.episodes for c in e.episode.meta.corrections),
        key=lambda ce: (ce[0].date, ce[1].url),
        reverse=True,
    )
    return Plan(view.t("corrections.title"), (section(None, None, "corrections_log", log=log),))


CORRECTIONS = PageKind("corrections", _pages, _plan)
