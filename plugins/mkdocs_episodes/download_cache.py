"""An episode's downloads kept in the build cache.

A build lets go of each episode's words once it is checked and reads them back when they
are needed (:meth:`.model.Episode.release`). Its page needs them, and so do its downloads,
which MkDocs writes after it has read every page. So the downloads are made while the page
is made, when the words are at hand, and kept in the cache under their key (the
``download`` artifact of :mod:`.contract`). When MkDocs writes them, their text comes from
there. A download missing from the cache is made when written, as before.
"""

from __future__ import annotations

from collections.abc import Callable

from .cache import Cache

KIND = "download"


class DownloadCache:
    """The downloads of one build, by episode."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache
        self.makers: dict[str, list[tuple[str, Callable[[], str]]]] = {}
        self.stored: set[str] = set()
        """The keys this build stored (reading them back is not a cache hit)."""

    def maker(self, uri: str, key: str, make: Callable[[], str]) -> Callable[[], str]:
        """What MkDocs calls to write a download of episode ``uri`` whose key is ``key``
        and whose text ``make()`` makes."""
        if self.cache.folder is None:
            return make
        self.makers.setdefault(uri, []).append((key, make))

        def text() -> str:
            cached = self.cache.get(KIND, key, count=key not in self.stored)
            return cached if isinstance(cached, str) else make()

        return text

    def make_now(self, uri: str) -> None:
        """The page of episode ``uri`` is being made: make its downloads that the cache
        does not hold yet, and keep them there."""
        for key, make in self.makers.pop(uri, []):
            if not self.cache.has(KIND, key):
                self.cache.put(KIND, key, make(), keep=False)
                self.stored.add(key)
