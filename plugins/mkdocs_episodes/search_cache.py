"""Material's search index, reused page by page.

Material's search plugin parses each page's HTML and cuts its Chinese text with jieba
(most of a build's time on a Chinese archive). The entries it makes of a page depend only
on the page (its URL, title, content, table of contents, ``search`` and ``tags`` metadata),
the search settings and the words jieba was taught, so they are cached under a digest of
those; a page that did not change costs a file read.

A ``--dirty`` build renders only the pages that changed: the index is then completed with
the entries of every other page (from the last build), in site order, so it is the same
index a full build writes. This module relies on Material's ``SearchIndex`` internals
(``entries``, ``add_entry_from_context``); when they are not there (another search plugin,
a newer Material) it does nothing and search works as Material makes it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from mkdocs.structure.pages import Page

from .cache import Cache, digest


def _toc(items: Any) -> list[object]:
    return [(i.id, i.title, i.level, _toc(i.children)) for i in items]


class SearchCache:
    """Wraps Material's search index of one build."""

    def __init__(self, plugin: Any, cache: Cache, salt: str, before: Callable[[], None]) -> None:
        self.plugin = plugin
        self.index: Any = plugin.search_index
        self.cache = cache
        self.salt = digest(
            salt, json.dumps(dict(plugin.config), sort_keys=True, default=str), plugin.__module__
        )
        self.before = before
        """Called once before Material first indexes a page itself (teach jieba then)."""
        self.taught = False
        self.keys: dict[str, str] = {}
        """The cache key of each page indexed this build, by URL."""
        self.pages: dict[str, list[Any]] = {}
        """The entries of each page indexed this build, by URL."""
        self.made = 0
        original = self.index.add_entry_from_context

        def add_entry_from_context(page: Page) -> None:
            self._add(page, original)

        self.index.add_entry_from_context = add_entry_from_context

    @staticmethod
    def install(
        plugins: Any, cache: Cache, salt: str, before: Callable[[], None]
    ) -> SearchCache | None:
        """Wrap the search index of Material's search plugin, if it is in ``plugins``."""
        for plugin in plugins.values():
            index = getattr(plugin, "search_index", None)
            if (
                type(plugin).__module__.startswith("material.plugins.search")
                and index is not None
                and isinstance(getattr(index, "entries", None), list)
                and hasattr(index, "add_entry_from_context")
            ):
                return SearchCache(plugin, cache, salt, before)
        return None

    def _add(self, page: Page, original: Callable[[Page], None]) -> None:
        key = digest(
            self.salt,
            page.url,
            page.title,
            page.content,
            _toc(page.toc),
            json.dumps(page.meta.get("search"), sort_keys=True, default=str),
            json.dumps(page.meta.get("tags"), default=str),
            json.dumps(page.meta.get("title"), default=str),
        )
        self.keys[page.url] = key
        cached = self.cache.get("search", key)
        if isinstance(cached, list):
            self.index.entries.extend(cached)
            self.pages[page.url] = cached
            return
        if not self.taught:
            self.taught = True
            self.before()
        start = len(self.index.entries)
        original(page)
        # the index keeps the copy read back (see Cache.put: no UTF-8 twin of each text)
        entries = self.cache.put("search", key, self.index.entries[start:])
        self.index.entries[start:] = entries
        self.pages[page.url] = entries
        self.made += 1

    def has(self, key: str) -> bool:
        """Whether the entries ``key`` of a page are in the cache (read and checked)."""
        return isinstance(self.cache.get("search", key), list)

    def finish(self, dirty: bool, urls: list[str], last: dict[str, str]) -> None:
        """Before Material writes the index. After a ``--dirty`` build: the index of every
        page in ``urls`` (site order), from this build where it indexed the page, else
        from the last build's entries."""
        if dirty:
            entries: list[Any] = []
            for url in urls:
                made = self.pages.get(url)
                if made is None and url in last:  # a page this build did not render
                    cached = self.cache.get("search", last[url])
                    made = cached if isinstance(cached, list) else None
                    self.keys[url] = last[url]
                if made is not None:
                    entries.extend(made)
            self.index.entries = entries
        # Material would merge in the index it kept from its last --dirty build (made for
        # one page; kept by the plugin instance, which MkDocs reuses across builds)
        if hasattr(self.plugin, "search_index_prev"):
            self.plugin.search_index_prev = None
