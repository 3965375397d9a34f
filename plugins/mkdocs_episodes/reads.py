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
from .contract import Unfingerprintable
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


class Watched:
    """The catalog or the index, wrapped whole: every field read through it is noted in
    ``reads`` (a dictionary key by key, anything else whole), and its methods run against
    the wrapper, so what they read is noted too. A field added to the model is covered
    without declaring it anywhere."""

    def __init__(self, name: str, obj: Any, reads: set[Read]) -> None:
        self._name = name
        self._obj = obj
        self._reads = reads

    def __getattr__(self, field: str) -> Any:
        method = getattr(type(self._obj), field, None)
        if callable(method):
            return method.__get__(self)  # runs with self: its reads are noted
        value = getattr(self._obj, field)
        if isinstance(value, dict):
            return Reading(f"{self._name}.{field}", value, self._reads)
        self._reads.add((f"{self._name}.{field}", ALL))
        return value


def reading(catalog: Catalog, index: Index, reads: set[Read]) -> tuple[Catalog, Index]:
    """A catalog and an index that note into ``reads`` what is read of them."""
    # The wrappers stand in for the records (same reading interface) for every caller.
    return Watched("catalog", catalog, reads), Watched("index", index, reads)  # type: ignore[return-value]


def listed_digest(episode: Episode) -> str:
    """A digest of everything a list (of episodes or positions) can show of ``episode``:
    the whole parsed episode except the words of its transcript lines outside blocks,
    which no list shows (an edit there changes the episode's page only). Derived from the
    model rather than from a list of fields: a new field is covered, and so are the
    policies an inline link adds."""
    parts: list[object] = [episode.path, repr(episode.meta), repr(episode.refs)]
    for seg in episode.segments:
        parts.append(repr((seg.title, seg.anchor)))
        # a paragraph's words are not listed (the lines it adds renumber the blocks after
        # it, whose lines carry their numbers)
        parts += [repr(item) for item in seg.items if not isinstance(item, tuple)]
    return digest(*parts)


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
        self._pairs: dict[Read, tuple[Read, str]] = {}

    def read(self, read: Read) -> str:
        """The fingerprint of what ``read`` names, as it is now."""
        if read not in self._memo:
            container, key = read
            owner, field = container.split(".", 1)
            data: Any = getattr(self.catalog if owner == "catalog" else self.index, field)
            if key == ALL:
                value: Any = list(data.items()) if isinstance(data, dict) else data
            else:
                value = data.get(key)
            self._memo[read] = self.of(value)
        return self._memo[read]

    def valid(self, reads: tuple[tuple[Read, str], ...]) -> bool:
        """Whether every read still has the fingerprint it had."""
        return all(self.read(r) == fp for r, fp in reads)

    def note(self, reads: set[Read]) -> tuple[tuple[Read, str], ...]:
        """``reads`` with the fingerprint of each, in a stable order."""
        return tuple(self._pair(r) for r in sorted(reads, key=repr))

    def _pair(self, read: Read) -> tuple[Read, str]:
        # one tuple per read for the whole build: every page keeps its reads until it is
        # written, and most pages read the same keys
        pair = self._pairs.get(read)
        if pair is None:
            pair = self._pairs[read] = (read, self.read(read))
        return pair

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
        # fail closed: a value the contract cannot fingerprint is never taken as unchanged
        raise Unfingerprintable(f"a read of a {type(value).__name__}")

    def _entry(self, entry: EpisodeEntry) -> str:
        # an episode in a list: what lists show of it, where it is, who appears as what
        # (once a build: archive pages list the same entries hundreds of times)
        if id(entry) not in self._entries:
            source = self.episodes.get(id(entry.episode), "?")
            self._entries[id(entry)] = digest(source, entry.url, entry.host, entry.roles)
        return self._entries[id(entry)]
