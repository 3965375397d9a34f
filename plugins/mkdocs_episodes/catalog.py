"""Load ``data/*.yml`` into a validated :class:`Catalog` (pure Python, no MkDocs).

Each file's records are read through their declaration in :mod:`.schema`; references
between records are checked by :func:`.refs.check_refs`, the same check as an episode's.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .checks import shown
from .errors import Problem, internal_error
from .fields import value
from .inline import ID_HINT, is_id
from .model import Catalog, RefUse
from .refs import check_refs, with_skipped
from .schema import RECORDS, RecordType
from .textfile import decode
from .yamlsrc import YamlError, below, line_at, load

DATA_FILES = tuple(RECORDS)


@dataclass
class Loaded:
    """A catalog and what reading it found."""

    catalog: Catalog
    rel: str = "data"
    """The data folder's path, for messages."""
    problems: list[Problem] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)
    """Data files that could not be read (bad YAML, not UTF-8): their ids are unknown, so
    references to them are counted rather than reported one by one."""
    refs: list[tuple[str, RefUse]] = field(default_factory=list)
    """``(path, reference)`` of every reference a data record makes."""
    skipped: Counter[str] = field(default_factory=Counter)
    """References not checked, by the unreadable data file they point into."""


def load_catalog(data_dir: Path, rel: str = "data") -> tuple[Catalog, list[Problem]]:
    """Read every data file under ``data_dir``; ``rel`` is its path for messages."""
    loaded = load_data(data_dir, rel)
    return loaded.catalog, with_skipped(loaded.problems, loaded)


def load_data(data_dir: Path, rel: str = "data") -> Loaded:
    """Read and check every data file; see :class:`Loaded`."""
    texts: dict[str, str | None] = {}
    problems: list[Problem] = []
    broken: set[str] = set()
    for name in DATA_FILES:
        path = data_dir / f"{name}.yml"
        texts[name] = None
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError as e:
            problems.append(
                Problem(
                    f"{rel}/{name}.yml",
                    1,
                    f"cannot read the file ({e.strerror})",
                    "check that it exists and is readable",
                )
            )
            broken.add(name)
            continue
        text, problem = decode(raw, f"{rel}/{name}.yml")
        if problem is not None:
            problems.append(problem)
            broken.add(name)
        texts[name] = text
    loaded = build_data(texts, rel)
    loaded.problems[:0] = problems
    loaded.broken |= broken
    loaded.problems += check_refs(loaded, loaded.refs)
    return loaded


def build_catalog(texts: dict[str, str | None], rel: str = "data") -> tuple[Catalog, list[Problem]]:
    """Build and cross-check a catalog from the files' texts (missing files are None)."""
    loaded = build_data(texts, rel)
    loaded.problems += check_refs(loaded, loaded.refs)
    return loaded.catalog, with_skipped(loaded.problems, loaded)


def build_data(texts: dict[str, str | None], rel: str = "data") -> Loaded:
    """Read the records of each file's text; references are collected, not yet checked."""
    loaded = Loaded(Catalog(), rel)
    for name in DATA_FILES:
        text = texts.get(name)
        if text is None:
            continue
        path = f"{rel}/{name}.yml"
        try:
            doc = load(text)
        except YamlError as e:
            loaded.problems.append(Problem(path, e.line, f"not valid YAML: {e.message}", e.hint))
            loaded.broken.add(name)
            continue
        if doc.data is None:
            continue
        if not isinstance(doc.data, dict):
            loaded.problems.append(
                Problem(
                    path,
                    1,
                    "the file must map ids to records",
                    "write 'some-id:' at the start of a line, its fields indented below",
                )
            )
            loaded.broken.add(name)
            continue
        for rid, record in doc.data.items():
            try:
                _Record(loaded, name, path, rid, record, doc.lines, doc.cut).read()
            except Exception as e:  # never a traceback, even for our bugs
                problem = internal_error(path, e)
                loaded.problems.append(replace(problem, line=doc.lines.get((rid,), 1)))
    return loaded


class _Record:
    """One record being read through its declaration."""

    def __init__(
        self,
        loaded: Loaded,
        file: str,
        path: str,
        rid: str,
        data: Any,
        lines: dict[tuple[Any, ...], int],
        cut: dict[tuple[Any, ...], str],
    ) -> None:
        self.loaded, self.file, self.path, self.id, self.data = loaded, file, path, rid, data
        self.lines = lines
        self.cut = below(cut, rid)
        self.line = lines.get((rid,), 1)

    def at(self, path: tuple[Any, ...]) -> int:
        """The line of the deepest known prefix of ``path`` below the record."""
        return line_at(self.lines, (self.id, *path), self.line)

    def problem(self, at: tuple[Any, ...], what: str, hint: str) -> None:
        self.loaded.problems.append(Problem(self.path, self.at(at), what, hint))

    def read(self) -> None:
        rtype = RECORDS[self.file]
        if not is_id(self.id):
            self.problem((), f"invalid id '{shown(self.id)}'", ID_HINT)
            return
        if self.id in rtype.reserved:
            self.problem(
                (),
                f"the id '{self.id}' is reserved: its page would replace a page of the site",
                f"choose another id, e.g. '{self.id}-1'",
            )
            return
        if not isinstance(self.data, dict):
            self.problem(
                (),
                f"{self.id}: the record must be a mapping of fields",
                f"indent its fields under '{self.id}:', e.g. '  name: …'",
            )
            return
        values, refs = rtype.field_set(self.id).read(self.data, self.problem, self.cut)
        for scheme, target, at in refs:
            where = self.id + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in at)
            self.loaded.refs.append((self.path, RefUse(scheme, target, self.at(at), field=where)))
        self._build(rtype, {k: value(values, k) for k in values})

    def _build(self, rtype: RecordType, values: dict[str, Any]) -> None:
        """The record as its declaration's model holds it."""
        attrs = {f.name for f in dataclasses.fields(rtype.model)}  # type: ignore[arg-type]
        kwargs: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, spec in rtype.fields.items():
            attr = spec.attr or key
            if values[key] is not None:
                (kwargs if attr in attrs else extra)[attr] = values[key]
        kwargs |= rtype.derive(self.id, kwargs | extra, self.at)
        record = rtype.model(id=self.id, line=self.line, extra=extra, **kwargs)  # type: ignore[call-arg]
        getattr(self.loaded.catalog, self.file)[self.id] = record
