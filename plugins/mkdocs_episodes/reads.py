"""What a page's rendering read of the data, so its cached output is reused only while
those records are unchanged.

A page is rendered against a :class:`Catalog` and an :class:`Index` whose dictionaries
note every key read (``Reading``). The reads and a fingerprint of each value are kept with
the cached page; the page is reused when every one of them still has that fingerprint. A
template that reads one more record is covered without declaring it anywhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from .cache import digest
from .index import EpisodeEntry, Index, PositionRef
from .model import Catalog, Episode
from .view import View

ALL = "\x00all"
"""The key noted when a template goes through a whole dictionary."""

Read = tuple[str, Any]
"""``(container, key)``: ``("catalog.actors", "nvidia")``, ``("index.urls", ("actor", "x"))``."""


class Reading(Mapping[Any, Any]):
    """A read-only view of a dictionary that notes the keys read into ``reads``."""

    def __init__(self, name: str, data: Mapping[Any, Any], reads: set[Read]) -> None:
        self._name = name
        self._data = data
        self._reads = reads

    def __getitem__(self, key: Any) -> Any:
        self._reads.add((self._name, key))
        return self._data[key]

    def get(self, key: Any, default: Any = None) -> Any:
        self._reads.add((self._name, key))
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._reads.add((self._name, key))
        return key in self._data

    def __iter__(self) -> Iterator[Any]:
        self._reads.add((self._name, ALL))
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.add((self._name, ALL))
        return len(self._data)


CATALOG_FIELDS = ("shows", "actors", "sources", "policies")
INDEX_FIELDS = ("by_policy", "by_actor", "episodes_by_policy", "episodes_by_actor", "urls")


def reading(catalog: Catalog, index: Index, reads: set[Read]) -> tuple[Catalog, Index]:
    """A catalog and an index that note into ``reads`` what is read of them."""
    # The readers stand in for the dictionaries (same reading interface); the typed fields
    # stay dict for every other caller.
    cat_fields: dict[str, Any] = {
        f: Reading(f"catalog.{f}", getattr(catalog, f), reads) for f in CATALOG_FIELDS
    }
    idx_fields: dict[str, Any] = {
        f: Reading(f"index.{f}", getattr(index, f), reads) for f in INDEX_FIELDS
    }
    return dataclasses.replace(catalog, **cat_fields), dataclasses.replace(index, **idx_fields)


def listed_digest(episode: Episode) -> str:
    """A digest of what a list of episodes or positions can show of ``episode``: its
    front matter, positions and editors' notes (not the other transcript lines: an edit
    there changes the episode's page, not the pages that list it)."""
    return digest(
        repr(episode.meta),
        *(repr(p) for p in episode.positions),
        *(repr(n) for n in episode.notes.values()),
    )


class Fingerprints:
    """Fingerprints of values as this build has them (each worked out once per build)."""

    def __init__(self, catalog: Catalog, index: Index, episode_digests: dict[int, str]) -> None:
        self.catalog = catalog
        self.index = index
        self.episodes = episode_digests
        """What lists show of each episode (:func:`listed_digest`), by ``id()`` of its
        parsed Episode."""
        self._memo: dict[Read, str] = {}
        self._entries: dict[int, str] = {}

    def read(self, read: Read) -> str:
        """The fingerprint of what ``read`` names, as it is now."""
        if read not in self._memo:
            container, key = read
            owner, field = container.split(".", 1)
            data: Mapping[Any, Any] = getattr(
                self.catalog if owner == "catalog" else self.index, field
            )
            value: Any = list(data.items()) if key == ALL else data.get(key)
            self._memo[read] = self.of(value)
        return self._memo[read]

    def valid(self, reads: tuple[tuple[Read, str], ...]) -> bool:
        """Whether every read still has the fingerprint it had."""
        return all(self.read(r) == fp for r, fp in reads)

    def note(self, reads: set[Read]) -> tuple[tuple[Read, str], ...]:
        """``reads`` with the fingerprint of each, in a stable order."""
        return tuple((r, self.read(r)) for r in sorted(reads, key=repr))

    def of(self, value: Any) -> str:
        """A fingerprint of ``value``: records and lists by content; an episode (and what
        lists it) by the digest of its source and its address."""
        return digest(*self._parts(value))

    def _parts(self, value: Any) -> list[object]:
        if isinstance(value, View):  # the page's URL and the data are keyed apart
            return ["view"]
        if isinstance(value, EpisodeEntry):
            return ["E", self._entry(value)]
        if isinstance(value, PositionRef):
            return ["P", self._entry(value.entry), value.position.anchor, value.date]
        if isinstance(value, (list, tuple)):
            out: list[object] = ["["]
            for item in value:
                out += self._parts(item)
            return [*out, "]"]
        if isinstance(value, dict):
            out = ["{"]
            for k, v in value.items():
                out += [repr(k), *self._parts(v)]
            return [*out, "}"]
        if value is None or isinstance(value, (str, int, float, dt.date)):
            return [type(value).__name__, repr(value)]
        if dataclasses.is_dataclass(value):
            return [repr(value)]
        return [type(value).__name__]  # a view or helper object: not data

    def _entry(self, entry: EpisodeEntry) -> str:
        # an episode in a list: what lists show of it, where it is, who appears as what
        # (once a build: archive pages list the same entries hundreds of times)
        if id(entry) not in self._entries:
            source = self.episodes.get(id(entry.episode), "?")
            self._entries[id(entry)] = digest(source, entry.url, entry.host, entry.roles)
        return self._entries[id(entry)]
