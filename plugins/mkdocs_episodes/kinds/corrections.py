"""The corrections log: every correction of every page, newest first, with its reason."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..index import Index
from ..model import Actor, Catalog, Correction, Policy, Source
from ..pages import Page, PageKind, Plan, section
from ..view import View


def _pages(catalog: Catalog, index: Index) -> Iterator[tuple[str, Page]]:
    yield "corrections/index.md", Page("corrections")


@dataclass(frozen=True)
class Logged:
    """A correction as the log lists it: of which page or record, and where to read it."""

    correction: Correction
    title: str
    href: str | None
    """Site-root URL of the corrected page (None: a source, which has no page)."""
    lang: str | None = None


def log(view: View) -> list[Logged]:
    """Every correction of every episode and data record, newest first."""
    out = [
        Logged(c, e.title, f"{e.url}#corrections", view.lang_of(e))
        for e in view.index.episodes
        for c in e.episode.meta.corrections
    ]
    records: list[tuple[str, dict[str, Policy] | dict[str, Actor] | dict[str, Source]]] = [
        ("policy", view.catalog.policies),
        ("actor", view.catalog.actors),
        ("source", view.catalog.sources),
    ]
    for scheme, table in records:
        for rid, rec in table.items():
            name = rec.title if isinstance(rec, Source) else view.name(rec.name)
            page = view.index.url(scheme, rid) if scheme != "source" else None
            href = f"{page}#corrections" if page else None
            title = view.t("corrections.record", name=name)
            out += [Logged(c, title, href) for c in rec.corrections]
    return sorted(out, key=lambda x: (x.correction.date, x.href or "", x.title), reverse=True)


def _plan(page: Page, view: View) -> Plan:
    entries = log(view)
    return Plan(view.t("corrections.title"), (section(None, None, "corrections_log", log=entries),))


CORRECTIONS = PageKind("corrections", _pages, _plan)
