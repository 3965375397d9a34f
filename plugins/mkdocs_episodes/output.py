"""Everything the plugin gives MkDocs for one page, worked out once and reused while its
inputs are unchanged.

:meth:`Outputs.page` returns a :class:`PageOutput` (Markdown with slots, the HTML and the
search text of each slot, title, description, JSON-LD) for an episode and a generated page
alike. Outputs are cached (:mod:`.cache`) under a key made of what the page is built from
(the episode's source digest and its place, or the data a generated page lists) and kept
with what rendering read of the catalog and index (:mod:`.reads`): a cached output is used
only when every one of those reads still has the value it had.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import escape
from mkdocs.structure.pages import Page

from . import blocks, jsonld, pages
from .cache import Cache, digest
from .contract import FORMAT
from .downloads import Link
from .episode_page import EpisodePage
from .i18n import Labels, base_code, code_for, labels, locale_for
from .index import EpisodeEntry, Index
from .model import Catalog
from .reads import Fingerprints, Read, reading
from .render import episode_pieces, heading_text
from .site import LIST_MARKER
from .state import Made, why
from .view import View


@dataclass
class PageOutput:
    """What the plugin sets on one page."""

    markdown: str
    html: list[str]
    search: list[str]
    title: str = ""
    description: str | None = None
    jsonld: str | None = None
    og_locale: str | None = None
    search_exclude: bool = False
    index: list[str] = field(default_factory=list)
    """The lean copy of each slot for Pagefind (episodes, when the site searches with it)."""
    annotated: bool | None = None
    """An episode's: positions and commentary declared marked (the page frame's
    ``data-annotated`` hook, format §7); None for other pages."""

    def apply(self, page: Page) -> None:
        """Set title, description (and search exclusion) on ``page``; the JSON-LD is set
        while the page is written (:meth:`.build.Build.page_context`)."""
        if self.title:
            # Material prints page.title and page.meta.title without escaping (MkDocs' Jinja
            # does not autoescape); titles come from authors and YAML: hand it escaped.
            page.title = escape(self.title)
            page.meta["title"] = page.title
        if self.description:
            # Material prints page.meta.description raw into <meta name="description">
            page.meta["description"] = escape(" ".join(self.description.split()))
        if self.og_locale:
            page.meta["og_locale"] = self.og_locale
        if self.search_exclude:
            page.meta["search"] = {"exclude": True}
        if self.annotated is not None:
            page.meta["episodes_annotated"] = "true" if self.annotated else "false"


@dataclass
class Site:
    """What every page of one build is made from."""

    catalog: Catalog
    index: Index
    entries: dict[str, EpisodeEntry]
    generated: dict[str, pages.Page]
    downloads: dict[str, list[Link]]
    env: jinja2.Environment
    t: Labels
    absolute: Callable[[str], str]
    """A site URL made absolute with ``site_url``."""
    settings: str
    """The digest of what every page depends on besides its own inputs (see
    :func:`.contract.settings_digest`)."""
    digests: dict[str, str] = field(default_factory=dict)
    """The digest of each episode's source, by uri."""
    listed: dict[int, str] = field(default_factory=dict)
    """The digest of what lists show of each episode, by ``id()`` of the Episode."""
    site_name: str = ""
    """The site's name (the editors who write its notes, in structured data)."""
    pagefind: bool = False
    """The site searches with Pagefind: episodes also get their lean copy for its index."""
    hosts: dict[str, str] = field(default_factory=dict)
    """The Markdown of each page of the site's own that a generated page's sections go
    into (at its ``<!-- episodes -->`` marker), by uri."""


@dataclass
class Stored:
    """A cached output and what making it read."""

    reads: tuple[tuple[Read, str], ...]
    output: PageOutput


Inputs = tuple[tuple[str, str], ...]
"""The named inputs of a page's key (``(name, digest)``), kept to say which changed."""


class Outputs:
    """Page outputs of one build, from the cache where it holds them."""

    def __init__(self, site: Site, cache: Cache) -> None:
        self.site = site
        self.cache = cache
        self.fingerprints = Fingerprints(site.catalog, site.index, site.listed)
        self._keys: dict[tuple[str, str], tuple[str, Inputs] | None] = {}
        self._plans: dict[tuple[str, str], pages.Plan] = {}
        self.shared: dict[tuple[object, ...], Any] = {}
        """Fragments pages share (``View.shared``), for this build."""
        self.made: list[tuple[str, str]] = []
        """``(uri, url)`` of the pages this build rendered (the rest came from the cache)."""

    def key(self, uri: str, url: str) -> tuple[str, Inputs] | None:
        """What the output of page ``uri`` is keyed by, and the named inputs of that key
        (None: not a page of the plugin). Worked out once a build (a ``--dirty`` build asks
        before the page is made)."""
        if (uri, url) not in self._keys:
            self._keys[uri, url] = self._key(uri, url)
        return self._keys[uri, url]

    def _key(self, uri: str, url: str) -> tuple[str, Inputs] | None:
        s = self.site
        inputs: list[tuple[str, str]] = [("settings", s.settings), ("uri", uri), ("url", url)]
        if uri in s.entries:
            entry = s.entries[uri]
            inputs += [
                ("source", s.digests.get(uri, "?")),
                ("hosts and roles", digest(entry.hosts, sorted(entry.roles.items()))),
                ("downloads", digest(s.downloads.get(uri, []))),
            ]
        elif uri in s.generated:
            plan = self.plan(uri, url)
            inputs += [("page", repr(s.generated[uri])), ("plan", self._plan_digest(plan))]
        else:
            return None
        named = tuple(inputs)
        return digest("page", FORMAT, *(v for _, v in named)), named

    def plan(self, uri: str, url: str) -> pages.Plan:
        """What the generated page ``uri`` shows (planned once per build)."""
        if (uri, url) not in self._plans:
            s = self.site
            view = View(s.catalog, s.index, url, t=s.t, shared=self.shared)
            page = s.generated[uri]
            self._plans[uri, url] = pages.KINDS[page.kind].plan(page, view)
        return self._plans[uri, url]

    def _plan_digest(self, plan: pages.Plan) -> str:
        return digest(
            plan.title,
            *(
                (
                    sec.title,
                    sec.anchor,
                    sec.template,
                    self.fingerprints.of(dict(sec.args)),
                    sec.find,
                )
                for sec in plan.sections
            ),
        )

    def page(self, uri: str, url: str) -> tuple[PageOutput, Made] | None:
        """The output of page ``uri`` at ``url`` and what it was made from (None: not a
        page of the plugin)."""
        found = self.key(uri, url)
        if found is None:
            return None
        key, inputs = found
        stored = self.cache.get("page", key)
        if isinstance(stored, Stored) and self.fingerprints.valid(stored.reads):
            return stored.output, Made(key, inputs, stored.reads)
        reads: set[Read] = set()
        output = self._make(uri, url, reads)
        noted = self.fingerprints.note(reads)
        output = self.cache.put("page", key, Stored(noted, output)).output
        self.made.append((uri, url))
        return output, Made(key, inputs, noted)

    def again(self, uri: str, url: str, key: str) -> PageOutput:
        """The output of page ``uri`` made earlier in this build under ``key``, read back
        from the cache (made again if another build has pruned the entry meanwhile)."""
        stored = self.cache.get("page", key, count=False)
        if isinstance(stored, Stored):
            return stored.output
        made = self.page(uri, url)
        assert made is not None
        return made[0]

    def unchanged(self, uri: str, url: str, made: Made | None) -> bool:
        """Whether page ``uri`` made now would be what ``made`` (from the last build) says
        it was made from: same key, and every read the same."""
        found = self.key(uri, url)
        return (
            made is not None
            and found is not None
            and made.key == found[0]
            and self.fingerprints.valid(made.reads)
        )

    def why(self, uri: str, url: str, made: Made | None) -> str:
        """Why page ``uri`` is made again, compared with ``made`` (from the last build)."""
        found = self.key(uri, url)
        inputs = found[1] if found else ()
        changed = [r for r, fp in made.reads if self.fingerprints.read(r) != fp] if made else []
        return why(made, inputs, changed)

    def _make(self, uri: str, url: str, reads: set[Read]) -> PageOutput:
        s = self.site
        catalog, index = reading(s.catalog, s.index, reads)
        if uri in s.entries:
            return self._episode(s.entries[uri], uri, url, catalog, index)
        page = s.generated[uri]
        kind = pages.KINDS[page.kind]
        plan = self.plan(uri, url)  # what planning read is in the key (the arguments)
        view = View(catalog, index, url, t=s.t, shared=self.shared)
        pieces = pages.draw(s.env, view, plan.sections)
        markdown, title = pieces.markdown, plan.title
        if page.host:  # the site's own page, the list at its marker; its title its own
            markdown, title = s.hosts[uri].replace(LIST_MARKER, markdown, 1), ""
        out = PageOutput(markdown, pieces.html, pieces.search, title)
        out.search_exclude = not kind.searchable
        if kind.describe is not None:
            out.description = kind.describe(page, view)
        if kind.jsonld is not None:
            data = kind.jsonld(page, view, self._ld_context(catalog, index), s.absolute(url))
            out.jsonld = jsonld.script(data) if data else None
        return out

    def _ld_context(self, catalog: Catalog, index: Index) -> jsonld.Context:
        """Structured data's context for a page reading ``catalog`` and ``index`` (the
        page's reads are noted through them)."""
        s = self.site

        def url_of(scheme: str, rid: str) -> str | None:
            url = index.url(scheme, rid)
            return s.absolute(url) if url is not None else None

        return jsonld.Context(catalog, url_of, s.t.code, s.site_name)

    def _episode(
        self, entry: EpisodeEntry, uri: str, url: str, catalog: Catalog, index: Index
    ) -> PageOutput:
        s = self.site
        meta = entry.episode.meta
        page = EpisodePage.of(entry, s.t.code)
        view = View(catalog, index, url, t=s.t, shared=self.shared)
        links = s.downloads.get(uri, [])
        downloads = [(d.label, view.to(d.url), d.media_type) for d in links]
        transcript = next((s.absolute(d.url) for d in links if d.name == "transcript.txt"), None)
        pieces = episode_pieces(s.env, page, view, downloads, index=s.pagefind)
        markdown = pieces.markdown
        if meta.draft:
            markdown = pages.draft_banner(s.t) + markdown
        lang = page.content_lang
        if lang:  # the title is the episode's words too: its own heading, marked
            markdown = f'# {heading_text(entry.title)} {{: lang="{lang}" }}\n\n' + markdown
        data = jsonld.episode(
            entry,
            page.record,
            self._ld_context(catalog, index),
            s.absolute(url),
            transcript,
            entry.language or s.t.code,
            blocks.nodes,
        )
        locale = None
        if lang and base_code(code_for(lang)) == base_code(lang):
            locale = locale_for(lang, labels(lang))  # og:locale follows the words
        return PageOutput(
            markdown,
            pieces.html,
            pieces.search,
            entry.title,
            meta.summary,
            jsonld.script(data),
            locale,
            index=pieces.index,
            annotated=entry.episode.standing.annotated,
        )
