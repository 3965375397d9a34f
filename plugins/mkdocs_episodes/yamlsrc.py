"""YAML with line numbers: every mapping key's source line, for ``path:line`` messages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

Path = tuple[Any, ...]


class YamlError(Exception):
    """Malformed YAML, at a 1-based ``line``."""

    def __init__(self, line: int, message: str, hint: str) -> None:
        super().__init__(f"{line}: {message}")
        self.line = line
        self.message = message
        self.hint = hint


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as written when they are not valid dates."""


# libyaml parses the text several times faster; the values are still made by the Python
# SafeConstructor below, so both give the same data.
_Composer = getattr(yaml, "CSafeLoader", _Loader)


# Block options are nearly always "key: plain-value" lines. Those are read directly (the
# same values YAML would give); anything else, or any doubt, goes to YAML.
_SIMPLE_LINE = re.compile(r"^([a-z_]+): (.+)$")
_PLAIN = re.compile(r"^[^\s\"'\[\]{}#&*!|>%@`,:-][^\"'\[\]{}#&*!|>%@`,]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ID_LIST = re.compile(r"^\[([a-z0-9-]+(?:, [a-z0-9-]+)*)\]$")
_DOUBLE = re.compile(r'^"([^"\\]*)"$')
# what YAML does not allow unescaped in a document, and what it reads as a line break
# (NEL, LS, PS): text with any of these is left to YAML
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)
_YAML_WORDS = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off"
    r"|OFF|null|Null|NULL|~|[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9_]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0[xob][0-9a-fA-F_]+|[0-9:]+:[0-9]+)$"
)


def _simple(source: str, first_line: int) -> tuple[dict[str, Any], dict[Path, int]] | None:
    if _NOT_PRINTABLE.search(source) or "\t" in source or "\r" in source:
        return None
    data: dict[str, Any] = {}
    lines: dict[Path, int] = {}
    for n, line in enumerate(source.split("\n")):
        m = _SIMPLE_LINE.match(line)
        if m is None or m.group(1) in data:
            return None
        key, value = m.group(1), m.group(2).rstrip(" ")  # YAML trims spaces only
        if _DATE.match(value):
            try:
                data[key] = dt.date.fromisoformat(value)
            except ValueError:
                data[key] = value  # as the YAML path does for a non-date date
        elif (d := _DOUBLE.match(value)) is not None:
            data[key] = d.group(1)
        elif (ids := _ID_LIST.match(value)) is not None:
            items = ids.group(1).split(", ")
            if any(_YAML_WORDS.match(item) for item in items):
                return None  # "[0]" is a list of numbers to YAML
            data[key] = items
            for i, _ in enumerate(items):
                lines[(key, i)] = first_line + n
        elif (
            _PLAIN.match(value)
            and not _YAML_WORDS.match(value)
            and " #" not in value
            and ": " not in value
            and not value.endswith(":")
        ):
            data[key] = value
        else:
            return None
        lines[(key,)] = first_line + n
    return data, lines


def as_date(value: Any) -> dt.date | None:
    """A YAML value as a date: a date, a datetime's day, or ISO text; None when it is none."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def compose_lines(source: str, first_line: int = 1) -> tuple[Any, dict[Path, int]]:
    """Load ``source`` with SafeLoader semantics and return ``(data, lines)``.

    ``lines`` maps the path of every mapping key (a tuple of keys and list indexes) to the
    1-based line where the key is written; ``first_line`` is the line of ``source``'s first
    line in its file. Duplicate keys are an error (PyYAML would silently keep the last).
    """
    fast = _simple(source, first_line)
    return fast if fast is not None else _compose(source, first_line)


def _compose(source: str, first_line: int) -> tuple[Any, dict[Path, int]]:
    try:
        node = yaml.compose(source, Loader=_Composer)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = first_line + (mark.line if mark else 0)
        what = (e.problem or str(e)).strip()
        if e.context:
            what = f"{what} ({e.context.strip()})"
        text = source.split("\n")[mark.line] if mark and mark.line < source.count("\n") + 1 else ""
        raise YamlError(line, what, _hint(what, text)) from None
    except yaml.YAMLError as e:  # pragma: no cover - defensive, PyYAML marks its errors
        raise YamlError(first_line, str(e), "check the YAML syntax") from None
    if node is None:
        return None, {}
    lines: dict[Path, int] = {}
    loader = _Loader("")
    try:
        data = _build(node, (), lines, loader, first_line)
    except yaml.constructor.ConstructorError as e:
        mark = e.problem_mark
        line = first_line + (mark.line if mark else 0)
        raise YamlError(line, (e.problem or str(e)).strip(), "check the value's syntax") from None
    finally:
        loader.dispose()
    return data, lines


def _build(node: yaml.Node, path: Path, lines: dict[Path, int], loader: _Loader, first: int) -> Any:
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                raise YamlError(
                    first + key_node.start_mark.line,
                    "a key cannot be a list or mapping",
                    "write 'key: value'",
                )
            line = first + key_node.start_mark.line
            if key in out:
                raise YamlError(
                    line,
                    f"the key '{key}' appears twice (first on line {lines[(*path, key)]})",
                    "remove or rename one of them",
                )
            lines[(*path, key)] = line
            out[key] = _build(value_node, (*path, key), lines, loader, first)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, child in enumerate(node.value):
            lines[(*path, i)] = first + child.start_mark.line
            items.append(_build(child, (*path, i), lines, loader, first))
        return items
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:
        # e.g. 2025-13-45 looks like a date but is none: keep the text, let the
        # field's validation say what is wrong with it
        return node.value


def _hint(what: str, line: str = "") -> str:
    if "tab" in what or "\t" in line:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in what:
        return "put text that contains ': ' in quotes"
    if "could not find expected ':'" in what:
        return "write 'key: value' on each line"
    if "found character" in what and "cannot start any token" in what:
        return "put the value in quotes"
    return "check indentation, quotes and colons on this line"
