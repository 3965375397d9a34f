"""A content-addressed cache of what a build works out, under the project's ``.cache/``.

Each entry is a file named by the digest of everything its value was made from (the
episode's bytes, the plugin's code and templates, the versions of MkDocs and Material…),
so an entry is never stale by construction: a changed input is a different name. An entry
is stored with a checksum; one that does not match (a truncated write, a disk error, a
hand edit) is counted, ignored and made again, never used.

Entries are pickles: the cache lives inside the project, like its own Python hooks, and is
read only by this plugin (delete ``.cache/`` to start afresh).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

MAGIC = b"EPCACHE1"
_SUM = 32  # bytes of the blake2b checksum after MAGIC


def digest(*parts: object) -> str:
    """A hex digest of ``parts`` (str, bytes or anything with a stable ``repr``)."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@cache
def code_version() -> str:
    """The plugin's own code and interface text, and the versions of what renders pages:
    an edit to any of them makes every entry a new one."""
    package = Path(__file__).parent
    parts: list[object] = [sys.version]
    for dist in ("mkdocs", "mkdocs-material", "properdocs", "jinja2", "markupsafe", "jieba"):
        try:
            parts.append(f"{dist}={importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{dist}=-")
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yml") and path.is_file():
            parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    return digest(*parts)


def files_version(folders: list[Path]) -> str:
    """A digest of every file under ``folders`` (templates that an override may change)."""
    parts: list[object] = []
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    parts += [path.as_posix(), path.read_bytes()]
    return digest(*parts)


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

    def get(self, kind: str, key: str) -> Any:
        """The value stored for ``key``, or None (absent, corrupt, unreadable)."""
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
        if data.startswith(MAGIC) and hashlib.blake2b(body, digest_size=_SUM).digest() == check:
            try:
                value = pickle.loads(body)
            except Exception:  # an entry of an older layout: made again
                value = None
        if value is None:
            self.corrupt += 1
            self.misses += 1
            return None
        self.used.add(path)
        self.hits += 1
        return value

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store ``value`` (written to a temporary file and renamed: never half an entry)."""
        if self.folder is None:
            return
        path = self._path(kind, key)
        body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        data = MAGIC + hashlib.blake2b(body, digest_size=_SUM).digest() + body
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except OSError:  # a read-only or full disk slows the build down, never stops it
            return
        self.used.add(path)

    def prune(self, kinds: list[str]) -> int:
        """Remove the entries of ``kinds`` that this build neither read nor wrote (after a
        complete build: what it did not use belongs to sources that changed or went)."""
        if self.folder is None:
            return 0
        removed = 0
        for kind in kinds:
            for path in (self.folder / kind).glob("*/*"):
                if path not in self.used:
                    try:
                        path.unlink()
                        removed += 1
                    except OSError:
                        pass
        return removed
