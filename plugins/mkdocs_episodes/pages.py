"""Generated pages, by kind: each kind is one declaration (:class:`PageKind`, registered
with :func:`register_kind`; the site's kinds are in :mod:`.kinds`) that says which pages it
makes from the catalog and the index, how to plan one (its title and its sections), and
what the page says of itself (description, structured data, whether search lists it).

Pages are virtual files; a page is planned once per build (:class:`Planned`): its plan is
what the page's cached output is keyed by, and :func:`draw` renders the sections through
the theme's templates, ``partials/episodes/sections/<name>.html``, each given ``ep`` (the
page's :class:`~.view.View`), ``rows`` (:mod:`.present`), ``frag`` (:mod:`.fragments`) and
the section's arguments by name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import jinja2

from . import fragments, present
from .i18n import Labels
from .index import Index
from .model import Catalog
from .render import SLOT, Pieces
from .view import View


def draft_banner(t: Labels) -> str:
    """The notice at the top of a draft shown in the preview."""
    return f'<div class="ep-draft" role="status">{t.html("draft.banner")}</div>\n\n'


@dataclass(frozen=True)
class Page:
    """A page to generate: its kind, the record id (policy, actor pages) and the year
    (archive pages)."""

    kind: str
    id: str = ""
    year: int = 0
    host: str = ""
    """The digest of the text of the site's own page this one's sections go into (at
    its ``<!-- episodes -->`` marker), for the episode list in a page of the site's."""
    part: int = 0
    """Which page of a year's archive (1: the oldest); 0: the newest, at the year's own
    address (see :func:`split_parts`)."""


@dataclass(frozen=True)
class Section:
    """A part of a generated page: a heading (optional) and the template that draws it
    with its arguments."""

    title: str | None
    anchor: str | None
    template: str
    """The name of its template, ``partials/episodes/sections/<template>.html``."""
    args: Mapping[str, Any]
    find: bool = True
    """Whether search indexes it (long lists repeat the episode pages: left out)."""


@dataclass(frozen=True)
class Plan:
    """What a generated page shows: its title and its sections (not drawn yet)."""

    title: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class PageKind:
    """One kind of generated page.

    ``pages(catalog, index)`` yields ``(source uri, Page)`` for every page of the kind the
    site has; ``plan(page, view)`` says what one shows; ``url_key(page)`` is how other
    pages find its address (``Index.url(*url_key)``). ``describe`` and ``jsonld`` give
    the page's description and structured data (``jsonld(page, view, context, url)``);
    ``searchable`` False keeps it out of search (archives that repeat the episodes).
    """

    name: str
    pages: Callable[[Catalog, Index], Iterable[tuple[str, Page]]]
    plan: Callable[[Page, View], Plan]
    url_key: Callable[[Page], tuple[str, str]] = field(default=lambda page: ("page", page.kind))
    describe: Callable[[Page, View], str | None] | None = None
    jsonld: Callable[..., dict[str, Any] | None] | None = None
    searchable: bool = True


KINDS: dict[str, PageKind] = {}


def register_kind(kind: PageKind) -> PageKind:
    """Declare a kind of generated page (replacing one of the same name); returns it."""
    KINDS[kind.name] = kind
    return kind


def unregister_kind(name: str) -> None:
    """Remove a declared kind (for tests that declare a throwaway kind)."""
    KINDS.pop(name, None)


def plan(catalog: Catalog, index: Index) -> dict[str, Page]:
    """Every page the site generates, by source URI, in the kinds' order."""
    wanted: dict[str, Page] = {}
    for kind in KINDS.values():
        wanted.update(kind.pages(catalog, index))
    return wanted


def register_urls(index: Index, planned: dict[str, Page], files: Any) -> None:
    """Record the URL of every planned page, generated or the author's own (for links)."""
    for uri, page in planned.items():
        file = files.get_file_from_path(uri)
        if file is not None:
            index.urls[KINDS[page.kind].url_key(page)] = file.url


def section(
    title: str | None, anchor: str | None, template: str, find: bool = True, **args: Any
) -> Section:
    """A section drawn by ``partials/episodes/sections/<template>.html`` with ``args``."""
    return Section(title, anchor, template, args, find)


def draw(env: jinja2.Environment, view: View, sections: Iterable[Section]) -> Pieces:
    """Draw the sections of a planned page: its :class:`Pieces`."""
    md: list[str] = []
    html: list[str] = []
    search: list[str] = []
    for s in sections:
        if s.title:
            md.append(f"## {s.title} {{#{s.anchor}}}")
        md.append(SLOT.format(n=len(html)))
        template = env.get_template(f"partials/episodes/sections/{s.template}.html")
        markup = template.render(ep=view, rows=present, frag=fragments, **s.args)
        html.append(markup)
        search.append(markup if s.find else "")
    return Pieces("\n\n".join(md) + "\n", html, search)


# --- lists the kinds share --------------------------------------------------------------

# Lists on the home, policy and actor pages show the newest entries; the rest are on
# per-year archive pages, so no page grows with the archive (1,000 episodes is normal).
NEWEST = 10
HOME_NEWEST = 30


PART_ROWS = 200
"""At most about this many rows on one archive page: a dense year goes on several."""


def split_parts(sizes: Sequence[int], limit: int | None = None) -> list[range]:
    """Cut items (oldest first, each ``sizes[i]`` rows: an episode and its positions) into
    consecutive parts of at most ``limit`` rows (an item larger than that alone is one
    part). Cut oldest first, so a new episode changes only the last part and the older
    parts keep their pages; readers see the newest part at the year's own address."""
    limit = limit or PART_ROWS
    parts: list[range] = []
    start, rows = 0, 0
    for i, size in enumerate(sizes):
        if rows and rows + size > limit:
            parts.append(range(start, i))
            start, rows = i, 0
        rows += size
    if start < len(sizes) or not parts:
        parts.append(range(start, len(sizes)))
    return parts


def part_uri(base: str, part: int, count: int) -> str:
    """The source path of part ``part`` of ``count`` of the archive at ``base`` (a
    ``….md`` path): the newest (``part`` 0 or ``count``) at ``base`` itself, an older one
    at ``…/pages/<part>.md`` (a folder no episode can be in: episodes are files directly
    in their year's folder)."""
    if part in (0, count):
        return base
    folder = base[: -len("/index.md")] if base.endswith("/index.md") else base[: -len(".md")]
    return f"{folder}/pages/{part}.md"


def part_key(key: str, part: int) -> str:
    """The key an archive's part is found by (``Index.url``): the year's key, with
    ``/<part>`` for an older part."""
    return f"{key}/{part}" if part else key


def part_links(
    view: View, kind: str, key: str, count: int, current: int
) -> list[tuple[int, str | None]]:
    """``(part, url)`` of every part of an archive, newest first (``url`` None for the
    page being drawn; the newest is part ``count``)."""
    out: list[tuple[int, str | None]] = []
    for part in range(count, 0, -1):
        here = part == (current or count)
        url = view.index.url(kind, part_key(key, 0 if part == count else part))
        out.append((part, None if here or url is None else view.to(url)))
    return out


def year_of(date: dt.date | None) -> int:
    """The year of a date (0: undated)."""
    return date.year if date else 0


def years_of(dates: list[dt.date | None]) -> list[tuple[int, int]]:
    """``(year, count)`` newest first."""
    counts: dict[int, int] = {}
    for d in dates:
        counts[year_of(d)] = counts.get(year_of(d), 0) + 1
    return sorted(counts.items(), reverse=True)


def year_links(
    view: View, kind: str, rid: str, dates: list[dt.date | None]
) -> list[tuple[int, int, str]]:
    """``(year, count, url)`` of the archive pages, newest first (none for short lists)."""
    out = []
    for year, count in years_of(dates):
        url = view.index.url(kind, f"{rid}/{year}" if rid else str(year))
        if url is not None:
            out.append((year, count, view.to(url)))
    return out
