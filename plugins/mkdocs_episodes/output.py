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

import jinja2
from markupsafe import Markup, escape
from mkdocs.structure.pages import Page

from . import jsonld, pages
from .cache import Cache, digest
from .downloads import Link
from .i18n import Labels, base_code, code_for, labels, locale_for
from .index import EpisodeEntry, Index
from .model import Catalog
from .reads import Fingerprints, Read, reading
from .render import episode_pieces, heading_text
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

    def apply(self, page: Page) -> None:
        """Set title, description, JSON-LD (and search exclusion) on ``page``."""
        if self.title:
            # Material prints page.title and page.meta.title without escaping (MkDocs' Jinja
            # does not autoescape); titles come from authors and YAML: hand it escaped.
            page.title = escape(self.title)
            page.meta["title"] = page.title
        if self.description:
            # Material prints page.meta.description raw into <meta name="description">
            page.meta["description"] = escape(" ".join(self.description.split()))
        if self.jsonld:
            page.meta["jsonld"] = self.jsonld
        if self.og_locale:
            page.meta["og_locale"] = self.og_locale
        if self.search_exclude:
            page.meta["search"] = {"exclude": True}


@dataclass
class Site:
    """What every page of one build is made from."""

    catalog: Catalog
    index: Index
    entries: dict[str, EpisodeEntry]
    generated: dict[str, pages.Generated]
    downloads: dict[str, list[Link]]
    env: jinja2.Environment
    t: Labels
    absolute: Callable[[str], str]
    """A site URL made absolute with ``site_url``."""
    salt: str
    """A digest of the code, templates and settings every page depends on."""
    digests: dict[str, str] = field(default_factory=dict)
    """The digest of each episode's source, by uri."""
    listed: dict[int, str] = field(default_factory=dict)
    """The digest of what lists show of each episode, by ``id()`` of the Episode."""
    site_name: str = ""
    """The site's name (the editors who write its notes, in structured data)."""
    pagefind: bool = False
    """The site searches with Pagefind: episodes also get their lean copy for its index."""


State = tuple[str, tuple[tuple[Read, str], ...]]
"""What a page was made from: its key and what rendering it read (with fingerprints)."""


@dataclass
class Stored:
    """A cached output and what making it read."""

    reads: tuple[tuple[Read, str], ...]
    output: PageOutput


class Outputs:
    """Page outputs of one build, from the cache where it holds them."""

    def __init__(self, site: Site, cache: Cache) -> None:
        self.site = site
        self.cache = cache
        self.fingerprints = Fingerprints(site.catalog, site.index, site.listed)
        self._keys: dict[tuple[str, str], str | None] = {}
        self.shared: dict[tuple[str, int], Markup] = {}
        """Fragments pages share (``View.shared``), for this build."""
        self.made = 0
        """How many outputs this build rendered (the rest came from the cache)."""

    def key(self, uri: str, url: str) -> str | None:
        """What the output of page ``uri`` is keyed by (None: not a page of the plugin).
        Worked out once a build (a ``--dirty`` build asks before the page is made)."""
        if (uri, url) not in self._keys:
            self._keys[uri, url] = self._key(uri, url)
        return self._keys[uri, url]

    def _key(self, uri: str, url: str) -> str | None:
        s = self.site
        if uri in s.entries:
            entry = s.entries[uri]
            return digest(
                "episode",
                s.salt,
                uri,
                url,
                s.digests.get(uri, "?"),
                entry.host,
                sorted(entry.roles.items()),
                s.downloads.get(uri, []),
            )
        if uri in s.generated:
            view = View(s.catalog, s.index, url, t=s.t, shared=self.shared)
            title, sections = pages.plan_page(s.generated[uri], view)
            return digest(
                "generated",
                s.salt,
                uri,
                url,
                repr(s.generated[uri]),
                title,
                *(
                    (
                        sec.title,
                        sec.anchor,
                        sec.call.macro,
                        self.fingerprints.of(sec.call.args),
                        sec.find,
                    )
                    for sec in sections
                ),
            )
        return None

    def page(self, uri: str, url: str) -> tuple[PageOutput, State] | None:
        """The output of page ``uri`` at ``url`` and what it was made from (None: not a
        page of the plugin)."""
        key = self.key(uri, url)
        if key is None:
            return None
        stored = self.cache.get("page", key)
        if isinstance(stored, Stored) and self.fingerprints.valid(stored.reads):
            return stored.output, (key, stored.reads)
        reads: set[Read] = set()
        output = self._make(uri, url, reads)
        noted = self.fingerprints.note(reads)
        self.cache.put("page", key, Stored(noted, output))
        self.made += 1
        return output, (key, noted)

    def unchanged(self, uri: str, url: str, state: object) -> bool:
        """Whether page ``uri`` made now would be what ``state`` (from the last build)
        says it was made from: same key, and every read the same."""
        return (
            isinstance(state, tuple)
            and len(state) == 2
            and state[0] == self.key(uri, url)
            and self.fingerprints.valid(state[1])
        )

    def _make(self, uri: str, url: str, reads: set[Read]) -> PageOutput:
        s = self.site
        catalog, index = reading(s.catalog, s.index, reads)
        if uri in s.entries:
            return self._episode(s.entries[uri], uri, url, catalog, index)
        gen = s.generated[uri]
        view = View(catalog, index, url, t=s.t, shared=self.shared)
        title, sections = pages.plan_page(gen, view)
        # what planning read is in the key already (the calls' arguments): note only what
        # the templates read while drawing
        reads.clear()
        pieces = pages.draw(s.env, sections)
        out = PageOutput(pieces.markdown, pieces.html, pieces.search, title)
        # archive pages repeat the episodes: kept out of search
        out.search_exclude = bool(gen.year)
        if gen.kind == "policy":
            policy = catalog.policies[gen.id]
            out.description = view.plain(policy.summary)
            ctx = self._ld_context(catalog, index)
            out.jsonld = jsonld.script(jsonld.policy(policy, ctx, s.absolute(url)))
        elif gen.kind == "actor":
            out.description = view.plain(catalog.actors[gen.id].description)
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
        language = entry.language
        content_lang = entry.lang_on(s.t.code)
        view = View.of_episode(
            catalog,
            index,
            entry,
            url,
            t=s.t,
            content_lang=content_lang,
            shared=self.shared,
        )
        record = view.record
        assert record is not None
        links = s.downloads.get(uri, [])
        downloads = [(d.label, view.to(d.url), d.media_type) for d in links]
        transcript = next((s.absolute(d.url) for d in links if d.name == "transcript.txt"), None)
        pieces = episode_pieces(s.env, entry, view, downloads, index=s.pagefind)
        markdown = pieces.markdown
        if meta.draft:
            markdown = pages.draft_banner(s.t) + markdown
        if content_lang:  # the title is the episode's words too: its own heading, marked
            markdown = f'# {heading_text(entry.title)} {{: lang="{content_lang}" }}\n\n' + markdown
        script = jsonld.script(
            jsonld.episode(
                entry,
                record,
                self._ld_context(catalog, index),
                s.absolute(url),
                transcript,
                language or s.t.code,
            )
        )
        locale = None
        if content_lang and base_code(code_for(content_lang)) == base_code(content_lang):
            locale = locale_for(content_lang, labels(content_lang))  # og:locale: the words
        return PageOutput(
            markdown,
            pieces.html,
            pieces.search,
            entry.title,
            meta.summary,
            script,
            locale,
            index=pieces.index,
        )
