"""Load ``data/*.yml`` into a validated :class:`Catalog` (pure Python, no MkDocs)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import Problem, one_of
from .model import Actor, Catalog, Event, Name, Policy, Ref, Show, Source, Status
from .parse import ID_RE, URL_RE, parse_inline
from .yamlsrc import YamlError, as_date, compose_lines

DATA_FILES = ("shows", "actors", "sources", "policies")
ACTOR_KINDS = (
    "company",
    "person",
    "government",
    "agency",
    "lab",
    "organization",
    "media",
    "legislature",
    "court",
)
POLICY_STATUSES = (
    "proposed",
    "introduced",
    "in-force",
    "enacted",
    "rescinded",
    "superseded",
    "expired",
    "struck-down",
    "pending",
)

FIELDS: dict[str, tuple[str, ...]] = {
    "shows": ("name", "hosts", "url", "language"),
    "actors": ("name", "kind", "description", "url", "affiliation", "sources"),
    "sources": ("title", "publisher", "url", "date", "language", "note"),
    "policies": (
        "name",
        "short",
        "kind",
        "agency",
        "jurisdiction",
        "status",
        "summary",
        "provisions",
        "timeline",
        "sources",
        "related",
    ),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "shows": ("name", "hosts"),
    "actors": ("name", "kind"),
    "sources": ("title", "publisher"),
    "policies": ("name", "sources"),
}


def load_catalog(data_dir: Path, rel: str = "data") -> tuple[Catalog, list[Problem]]:
    """Read every data file under ``data_dir``; ``rel`` is its path for messages."""
    texts: dict[str, str | None] = {}
    problems: list[Problem] = []
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
                    0,
                    f"cannot read the file ({e.strerror})",
                    "check that it exists and is readable",
                )
            )
            continue
        try:
            texts[name] = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            problems.append(
                Problem(
                    f"{rel}/{name}.yml",
                    raw[: e.start].count(b"\n") + 1,
                    f"the file is not UTF-8 text (byte {raw[e.start]:#04x})",
                    "save it as UTF-8, e.g. iconv -f GB18030 -t UTF-8",
                )
            )
    catalog, more = build_catalog(texts, rel)
    return catalog, problems + more


def build_catalog(texts: dict[str, str | None], rel: str = "data") -> tuple[Catalog, list[Problem]]:
    """Build and cross-check a catalog from the files' texts (missing files are None)."""
    b = _Builder(rel)
    raw: dict[str, tuple[dict[Any, Any], dict[tuple[Any, ...], int]]] = {}
    for name in DATA_FILES:
        text = texts.get(name)
        if text is None:
            continue
        try:
            data, lines = compose_lines(text)
        except YamlError as e:
            b.add(name, e.line, f"not valid YAML: {e.message}", e.hint)
            continue
        if data is None:
            continue
        if not isinstance(data, dict):
            b.add(
                name,
                1,
                "the file must map ids to records",
                "write 'some-id:' at the start of a line, its fields indented below",
            )
            continue
        raw[name] = (data, lines)
    for name, make in (
        ("shows", b.show),
        ("actors", b.actor),
        ("sources", b.source),
        ("policies", b.policy),
    ):
        data, lines = raw.get(name, ({}, {}))
        for rid, record in data.items():
            rec = b.record(name, rid, record, lines)
            if rec is not None:
                make(rec)
    b.cross_check()
    return b.catalog, b.problems


class _Rec:
    """One record being read: typed field access that reports mistakes at their line."""

    def __init__(
        self,
        builder: _Builder,
        file: str,
        rid: str,
        data: dict[Any, Any],
        lines: dict[tuple[Any, ...], int],
    ) -> None:
        self.b, self.file, self.id, self.data, self.lines = builder, file, rid, data, lines
        self.line = lines.get((rid,), 1)

    def at(self, *key: Any) -> int:
        return self.lines.get((self.id, *key), self.line)

    def bad(self, key: str, what: str, hint: str, *sub: Any) -> None:
        self.b.add(self.file, self.at(key, *sub), f"{self.id}.{key}: {what}", hint)

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.bad(key, f"must be text, not {type(value).__name__}", f"write '{key}: <text>'")
            return None
        return str(value).strip() or None

    def url(self, key: str) -> str | None:
        value = self.text(key)
        if value is not None and not URL_RE.match(value):
            self.bad(key, f"'{value}' is not an http(s) URL", "write the full https:// address")
            return None
        return value

    def date(self, value: Any, key: str, *sub: Any) -> dt.date | None:
        date = as_date(value)
        if date is None:
            self.bad(key, f"malformed date '{value}'", "write an ISO date, e.g. 2025-05-13", *sub)
        return date

    def name(self) -> Name | None:
        value = self.data.get("name")
        if isinstance(value, dict):
            zh, en = value.get("zh"), value.get("en")
            for lang, v in (("zh", zh), ("en", en)):
                if not isinstance(v, str) or not v.strip():
                    self.bad("name", f"has no '{lang}' name", f"add '{lang}: <name>' under 'name:'")
            return Name(str(zh or en or self.id), str(en or zh or self.id))
        if isinstance(value, str) and value.strip():
            if self.file != "shows":
                self.bad(
                    "name",
                    "must give the name in Chinese and English",
                    "write 'name: {zh: 英伟达, en: NVIDIA}'",
                )
            return Name(value, value)
        if value is not None:
            self.bad("name", "must be a mapping of zh and en", "write 'name: {zh: …, en: …}'")
        return None

    def ids(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        out = []
        for i, item in enumerate(items):
            if isinstance(item, str) and ID_RE.match(item):
                out.append(item)
            else:
                self.bad(
                    key,
                    f"'{item}' is not an id",
                    "ids are lower-case letters, digits and hyphens",
                    *((i,) if isinstance(value, list) else ()),
                )
        return tuple(out)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.bad(
                key, "must be a list of text items", f"write each item as '- …' under '{key}:'"
            )
            return ()
        return tuple(v.strip() for v in value)


class _Builder:
    def __init__(self, rel: str) -> None:
        self.rel = rel
        self.catalog = Catalog()
        self.problems: list[Problem] = []
        self.refs: list[tuple[str, int, str, str, str]] = []  # file, line, field, scheme, id

    def add(self, file: str, line: int, message: str, hint: str) -> None:
        self.problems.append(Problem(f"{self.rel}/{file}.yml", line, message, hint))

    def ref(self, rec: _Rec, key: str, scheme: str, target: str, *sub: Any) -> None:
        self.refs.append((rec.file, rec.at(key, *sub), f"{rec.id}.{key}", scheme, target))

    def rich(self, rec: _Rec, key: str, text: str | None, *sub: Any) -> str | None:
        """Text that may hold inline references (``[词](policy:id)``): check them later."""
        if text:
            parts, _, bad = parse_inline(text)
            line = rec.at(key, *sub)
            for what, hint in bad:
                self.add(rec.file, line, f"{rec.id}.{key}: {what}", hint)
            for part in parts:
                if isinstance(part, Ref) and part.scheme in ("policy", "actor", "source"):
                    self.refs.append((rec.file, line, f"{rec.id}.{key}", part.scheme, part.target))
        return text

    def record(
        self, file: str, rid: Any, data: Any, lines: dict[tuple[Any, ...], int]
    ) -> _Rec | None:
        line = lines.get((rid,), 1)
        if not isinstance(rid, str) or not ID_RE.match(rid):
            self.add(
                file,
                line,
                f"invalid id '{rid}'",
                "ids are lower-case letters, digits and hyphens, e.g. 'nvidia'",
            )
            return None
        if not isinstance(data, dict):
            self.add(
                file,
                line,
                f"{rid}: the record must be a mapping of fields",
                f"indent its fields under '{rid}:', e.g. '  name: …'",
            )
            return None
        rec = _Rec(self, file, rid, data, lines)
        for key in data:
            if key not in FIELDS[file]:
                self.add(
                    file,
                    rec.at(key),
                    f"{rid}: unknown field '{key}'",
                    one_of(key, FIELDS[file], "the fields"),
                )
        for key in REQUIRED[file]:
            if data.get(key) in (None, "", []):
                self.add(
                    file,
                    line,
                    f"{rid}: missing required field '{key}'",
                    f"add '{key}:' to the record",
                )
        return rec

    # --- records ---------------------------------------------------------------

    def show(self, r: _Rec) -> None:
        hosts = r.ids("hosts")
        for i, h in enumerate(hosts):
            self.ref(r, "hosts", "actor", h, i)
        self.catalog.shows[r.id] = Show(
            r.id, r.name() or Name(r.id, r.id), hosts, r.url("url"), r.text("language"), r.line
        )

    def actor(self, r: _Rec) -> None:
        kind = r.text("kind") or ""
        if kind and kind not in ACTOR_KINDS:
            r.bad("kind", f"unknown kind '{kind}'", one_of(kind, ACTOR_KINDS, "one of"))
        affiliation = r.ids("affiliation")
        sources = r.ids("sources")
        for s in sources:
            self.ref(r, "sources", "source", s)
        for a in affiliation:
            self.ref(r, "affiliation", "actor", a)
        description = self.rich(r, "description", r.text("description"))
        if (description or affiliation) and not sources:
            self.add(
                "actors",
                r.line,
                f"{r.id}: the description or affiliation has no source",
                "add 'sources: [<id from data/sources.yml>]' for these facts",
            )
        self.catalog.actors[r.id] = Actor(
            r.id,
            r.name() or Name(r.id, r.id),
            kind,
            description,
            r.url("url"),
            affiliation[0] if affiliation else None,
            sources,
            r.line,
        )

    def source(self, r: _Rec) -> None:
        url = r.url("url")
        note = self.rich(r, "note", r.text("note"))
        if url is None and note is None and "url" not in r.data:
            self.add(
                "sources",
                r.line,
                f"{r.id}: a source needs a 'url' (or a 'note' saying where it can be found)",
                "add 'url: https://…'",
            )
        date = r.date(r.data["date"], "date") if r.data.get("date") is not None else None
        publisher = r.text("publisher") or ""
        self.catalog.sources[r.id] = Source(
            r.id, r.text("title") or r.id, publisher, url, date, r.text("language"), note, r.line
        )

    def policy(self, r: _Rec) -> None:
        agency = r.ids("agency")
        for a in agency:
            self.ref(r, "agency", "actor", a)
        sources = r.ids("sources")
        for i, s in enumerate(sources):
            self.ref(r, "sources", "source", s, i)
        related = r.ids("related")
        for i, p in enumerate(related):
            self.ref(r, "related", "policy", p, i)
        self.catalog.policies[r.id] = Policy(
            r.id,
            r.name() or Name(r.id, r.id),
            r.text("short"),
            r.text("kind"),
            agency[0] if agency else None,
            r.text("jurisdiction"),
            self.status(r),
            self.rich(r, "summary", r.text("summary")),
            tuple(
                self.rich(r, "provisions", t, i) or "" for i, t in enumerate(r.texts("provisions"))
            ),
            self.timeline(r),
            sources,
            related,
            r.line,
        )

    def status(self, r: _Rec) -> Status | None:
        value = r.data.get("status")
        if value is None:
            return None
        if isinstance(value, str):
            value = {"value": value}
        if not isinstance(value, dict):
            r.bad(
                "status",
                "must be a word or a mapping",
                "write 'status: {value: rescinded, date: 2025-05-13, source: <id>}'",
            )
            return None
        for key in value:
            if key not in ("value", "date", "source", "note"):
                r.bad(
                    "status",
                    f"unknown key '{key}'",
                    one_of(key, ("value", "date", "source", "note"), "the keys"),
                    key,
                )
        state = str(value.get("value") or "")
        if state not in POLICY_STATUSES:
            r.bad("status", f"unknown status '{state}'", one_of(state, POLICY_STATUSES, "one of"))
        date = r.date(value["date"], "status", "date") if value.get("date") is not None else None
        source = value.get("source")
        if source is not None:
            if isinstance(source, str) and ID_RE.match(source):
                self.ref(r, "status", "source", source, "source")
            else:
                r.bad("status", f"'{source}' is not a source id", "write 'source: <id>'", "source")
                source = None
        elif date is not None:
            r.bad(
                "status",
                "the status date has no source",
                "add 'source: <id from data/sources.yml>' under 'status:'",
            )
        note = self.rich(r, "status", str(value["note"]), "note") if value.get("note") else None
        return Status(state, date, source, note)

    def timeline(self, r: _Rec) -> tuple[Event, ...]:
        value = r.data.get("timeline")
        if value is None:
            return ()
        if not isinstance(value, list):
            r.bad(
                "timeline",
                "must be a list of events",
                "write '- {date: …, event: …, source: …}' items",
            )
            return ()
        events = []
        for i, item in enumerate(value):
            line = r.at("timeline", i)
            if not isinstance(item, dict):
                r.bad(
                    "timeline",
                    "each event must be a mapping",
                    "write '- date: …' with 'event:' and 'source:' below it",
                    i,
                )
                continue
            for key in item:
                if key not in ("date", "event", "source", "sources"):
                    self.add(
                        "policies",
                        r.lines.get((r.id, "timeline", i, key), line),
                        f"{r.id}.timeline: unknown key '{key}'",
                        one_of(key, ("date", "event", "source"), "the keys"),
                    )
            date = r.date(item.get("date"), "timeline", i, "date") if "date" in item else None
            if "date" not in item:
                self.add(
                    "policies",
                    line,
                    f"{r.id}.timeline: an event has no date",
                    "add 'date: YYYY-MM-DD'",
                )
            event = item.get("event")
            if not isinstance(event, str) or not event.strip():
                self.add(
                    "policies",
                    line,
                    f"{r.id}.timeline: an event has no text",
                    "add 'event: <what happened>'",
                )
            raw_sources = item.get("sources", item.get("source"))
            srcs = raw_sources if isinstance(raw_sources, list) else [raw_sources]
            srcs = [s for s in srcs if s is not None]
            if not srcs:
                self.add(
                    "policies",
                    line,
                    f"{r.id}.timeline: the event has no source",
                    "add 'source: <id from data/sources.yml>'",
                )
            for s in srcs:
                if isinstance(s, str) and ID_RE.match(s):
                    self.refs.append(("policies", line, f"{r.id}.timeline", "source", s))
                else:
                    self.add(
                        "policies",
                        line,
                        f"{r.id}.timeline: '{s}' is not a source id",
                        "ids are lower-case letters, digits and hyphens",
                    )
            if isinstance(event, str):
                self.rich(r, "timeline", event, i)
            if date is not None and isinstance(event, str):
                events.append(Event(date, event.strip(), tuple(map(str, srcs)), line))
        return tuple(sorted(events, key=lambda e: e.date))

    # --- references across files -------------------------------------------------

    def cross_check(self) -> None:
        tables: dict[str, Callable[[], dict[str, Any]]] = {
            "actor": lambda: self.catalog.actors,
            "source": lambda: self.catalog.sources,
            "policy": lambda: self.catalog.policies,
        }
        home = {"actor": "actors", "source": "sources", "policy": "policies"}
        for file, line, where, scheme, target in self.refs:
            table = tables[scheme]()
            if target not in table:
                self.add(
                    file,
                    line,
                    f"{where}: unknown {scheme} '{target}'",
                    f"{one_of(target, table, 'an id')} (or add it to "
                    f"{self.rel}/{home[scheme]}.yml)",
                )
