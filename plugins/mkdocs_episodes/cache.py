"""A content-addressed cache of what a build works out, under the project's ``.cache/``.

Each entry is a file named by the digest of everything its value was made from (see
:mod:`.contract`), so an entry is never stale by construction: a changed input is a
different name. An entry holds its own kind and key under a checksum: one that does not
match (a truncated write, a disk error, a hand edit, an entry moved to another name, an
entry of another version) is counted, reported at debug level, ignored and made again,
never used.

Entries are pickles: the cache lives inside the project, like its own Python hooks, and is
read only by this plugin (delete ``.cache/`` to start afresh).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.exceptions import PluginError

T = TypeVar("T")

log = logging.getLogger("mkdocs.plugins.episodes")

MAGIC = b"EPCACHE2"
_SUM = 32  # bytes of the blake2b checksum after MAGIC


def digest(*parts: object) -> str:
    """A hex digest of ``parts`` (str, bytes or anything with a stable ``repr``)."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


class Cache:
    """Entries by kind and key under ``folder`` (``None``: nothing kept, every get misses)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[Path] = set()
        self.hits = 0
        self.misses = 0
        self.corrupt = 0

    def _path(self, kind: str, key: str) -> Path:
        assert self.folder is not None
        return self.folder / kind / key[:2] / key

    def get(self, kind: str, key: str, *, count: bool = True) -> Any:
        """The value stored for ``key``, or None (absent, corrupt, foreign, unreadable).
        ``count=False``: a value this build stored itself, read back (not a cache hit)."""
        if self.folder is None:
            return None
        path = self._path(kind, key)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        body = data[len(MAGIC) + _SUM :]
        check = data[len(MAGIC) : len(MAGIC) + _SUM]
        value: Any = None
        found = False
        if data.startswith(MAGIC) and hashlib.blake2b(body, digest_size=_SUM).digest() == check:
            try:
                stored = pickle.loads(body)
            except Exception:  # an entry of another layout: made again
                stored = None
            # bound to its own name: an entry moved or copied to another key is not used
            if isinstance(stored, tuple) and len(stored) == 3 and stored[:2] == (kind, key):
                value, found = stored[2], True
        if not found:
            self.corrupt += 1
            self.misses += 1
            log.debug(f"cache: {kind}/{key} is corrupt or not this version's: made again")
            return None
        self.used.add(path)
        self.hits += count
        return value

    def lost(self, what: str) -> PluginError:
        """The error for an entry this build stored and can no longer read back."""
        return PluginError(
            f"the build cache lost {what} while this build ran ({self.folder} changed under "
            "it: another build of the site at the same time?) — build again"
        )

    def has(self, kind: str, key: str) -> bool:
        """Whether an entry is stored for ``key`` (not read: it may still prove corrupt)."""
        return self.folder is not None and self._path(kind, key).is_file()

    def touch(self, kind: str, key: str) -> None:
        """Note that this build relies on an entry it did not read (one it holds in
        memory), so that pruning keeps it."""
        if self.folder is not None:
            self.used.add(self._path(kind, key))

    def put(self, kind: str, key: str, value: T, *, keep: bool = True) -> T:
        """Store ``value`` (written to a temporary file and renamed: never half an entry)
        and return the copy to keep using, read back from what was stored (``keep=False``:
        the caller keeps nothing, and gets ``value`` back, not a copy).

        Why the copy: pickling a ``str`` that is not ASCII makes CPython keep its UTF-8
        form inside that string for as long as it lives — for Chinese text, 1.5 times the
        text again. Kept for a whole build, the originals of every parsed episode and page
        would hold a second copy of the archive; the copy read back has none, and is what a
        warm build would have read anyway."""
        if self.folder is None:
            return value
        path = self._path(kind, key)
        body = pickle.dumps((kind, key, value), protocol=pickle.HIGHEST_PROTOCOL)
        data = MAGIC + hashlib.blake2b(body, digest_size=_SUM).digest() + body
        copy: T = pickle.loads(body)[2] if keep else value
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except OSError:  # a read-only or full disk slows the build down, never stops it
            return copy
        self.used.add(path)
        return copy

    def prune(self, kinds: Iterable[str], keep: Iterable[tuple[str, str]] = ()) -> int:
        """Remove the entries of ``kinds`` that this build neither read nor wrote, except
        those in ``keep`` (``(kind, key)`` that another site folder's state relies on: the
        preview of a ``serve`` running beside this build)."""
        if self.folder is None:
            return 0
        kept = self.used | {self._path(kind, key) for kind, key in keep}
        removed = 0
        for kind in kinds:
            for path in (self.folder / kind).glob("*/*"):
                if path not in kept:
                    try:
                        path.unlink()
                        removed += 1
                    except OSError:
                        pass
        return removed

    def remove(self, kind: str, key: str) -> None:
        """Remove one entry (a state that describes a folder that is gone)."""
        if self.folder is not None:
            with contextlib.suppress(OSError):
                self._path(kind, key).unlink()

    def keys(self, kind: str) -> list[str]:
        """The keys of every entry of ``kind``."""
        if self.folder is None:
            return []
        return sorted(p.name for p in (self.folder / kind).glob("*/*") if p.is_file())
