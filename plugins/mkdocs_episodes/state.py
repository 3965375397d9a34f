"""Incremental state: what the last build into a site folder was made from, what a new
build finds changed since, and why (the split Sphinx makes between its environment and its
builders: this module is the environment, :mod:`.build` the builder).

A state is kept in the cache under the site folder's path relative to the project (a
moved project keeps it), validated when read (a state of another shape, written by another
version, is set aside and the build starts afresh), and pruned with the folder it
describes. The search entries a state relies on are kept by every other build's pruning,
so a ``mkdocs build`` beside a running ``mkdocs serve`` never empties the preview's search.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache
from .contract import FORMAT, state_key
from .reads import Read

KIND = "state"
KEEP_DAYS = 30
"""A state not written for this long is pruned even when its folder still exists."""


@dataclass(frozen=True)
class Made:
    """What one page of the plugin was made from: its output's key, the named inputs of
    that key (to say which changed), and what rendering read, with fingerprints."""

    key: str
    inputs: tuple[tuple[str, str], ...]
    reads: tuple[tuple[Read, str], ...]


@dataclass
class SiteState:
    """The last build into one site folder."""

    site_dir: str
    """Relative to the project."""
    layout: str = ""
    pages: dict[str, Made] = field(default_factory=dict)
    """By source uri."""
    files: dict[str, str] = field(default_factory=dict)
    """The key of each generated file (downloads, feed) by uri."""
    search: dict[str, str] = field(default_factory=dict)
    """The search entry of each page, by URL."""
    search_kind: str = ""
    """The cache folder of those entries (``search``, ``pagefind``)."""
    written: frozenset[str] = frozenset()
    """Every file the build wrote, by its path in the site folder (a --dirty build
    removes those no file makes any more: a deleted episode's page and downloads)."""
    format: str = FORMAT
    saved: float = 0.0


def load(cache: Cache, site_dir: str) -> SiteState | None:
    """The state of the last build into ``site_dir``, or None (none, or not this
    version's: the build starts afresh)."""
    state = cache.get(KIND, state_key(site_dir))
    if not isinstance(state, SiteState) or state.format != FORMAT or state.site_dir != site_dir:
        return None
    return state


def save(cache: Cache, state: SiteState) -> None:
    """Keep ``state`` for the next build into its folder."""
    state.saved = time.time()
    cache.put(KIND, state_key(state.site_dir), state, keep=False)


def live(cache: Cache, root: Path, now: float | None = None) -> list[SiteState]:
    """The states whose folders still exist and that were written lately; the others are
    removed from the cache (each ``mkdocs serve`` would otherwise leave one behind)."""
    now = time.time() if now is None else now
    out = []
    for key in cache.keys(KIND):
        state = cache.get(KIND, key)
        fresh = isinstance(state, SiteState) and now - state.saved < KEEP_DAYS * 86400
        if fresh and isinstance(state, SiteState) and (root / state.site_dir).is_dir():
            out.append(state)
        else:
            cache.remove(KIND, key)
    return out


def relied_on(states: list[SiteState]) -> set[tuple[str, str]]:
    """The cache entries ``(kind, key)`` the given states rely on (a --dirty build into
    their folder takes the search entries of pages it does not render from there)."""
    return {(s.search_kind, key) for s in states for key in s.search.values() if s.search_kind}


def remove_gone(site_dir: Path, before: frozenset[str], now: frozenset[str]) -> list[str]:
    """Remove from ``site_dir`` the files the last build wrote that no file makes now (and
    the folders that leaves empty); returns their paths."""
    gone = sorted(before - now)
    for rel in gone:
        path = site_dir / rel
        try:
            path.unlink()
        except OSError:
            continue
        for parent in path.parents:
            if parent == site_dir or not parent.is_relative_to(site_dir):
                break
            try:
                parent.rmdir()  # only when empty
            except OSError:
                break
    return gone


def why(old: Made | None, inputs: tuple[tuple[str, str], ...], changed_reads: list[Read]) -> str:
    """Why a page was made again, in words for ``mkdocs build -v``."""
    if old is None:
        return "new (or not in the last build)"
    before = dict(old.inputs)
    names = [name for name, value in inputs if before.get(name) != value]
    names += [_read_name(r) for r in changed_reads]
    return ", ".join(names) + " changed" if names else "its cached output was missing"


def _read_name(read: Read) -> str:
    container, key = read
    return container if key == "\x00all" else f"{container}[{key!r}]"
