"""The one YAML loader of the project: data files, front matter and block options.

Safe by construction, whatever the input:

- only the plain YAML types (text, numbers, true/false, null, dates, lists, mappings);
  any other tag (``!!python/…``, ``!!binary``, ``!custom``) is refused;
- anchors and aliases (``&a`` / ``*a``) are refused: they are how a few lines of YAML
  expand into gigabytes, and an author never needs them in these files;
- nesting is limited (libyaml stops at 1,000 levels; we at :data:`MAX_DEPTH`);
- keys are text, taken as written (``2025-13-45:`` is the key ``"2025-13-45"``); a key that
  is a list or mapping is refused;
- every error of the YAML library becomes a :class:`YamlError` at a line, and lines are
  counted as authors count them (``\\n``, ``\\r\\n`` or ``\\r``), not as YAML counts them
  (YAML also breaks lines at U+0085, U+2028 and U+2029).

Every mapping key's line is kept, for ``path:line`` messages.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[Any, ...]

MAX_DEPTH = 20
"""Deepest nesting of lists and mappings accepted (the formats need 4)."""

_T = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _T + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "value")
)
"""The plain types; ``value`` is what YAML 1.1 calls a lone ``=``, kept as the text "="."""


class YamlError(Exception):
    """Malformed or refused YAML, at a 1-based ``line``."""

    def __init__(self, line: int, message: str, hint: str) -> None:
        super().__init__(f"{line}: {message}")
        self.line = line
        self.message = message
        self.hint = hint


@dataclass
class Doc:
    """A loaded YAML text: the data, the line of every key, and where a comment cut a value.

    ``cut`` maps the path of each plain (unquoted) value followed by `` #…`` on its line to
    the whole rest of that line, as the author wrote it:
    YAML reads ``note: Friends #63`` as ``note: Friends`` plus a comment, which for a text
    field is almost always a mistake (the schema reports it with the hint to quote).
    """

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    cut: dict[Path, str] = field(default_factory=dict)


# libyaml parses several times faster; values are still made by the code below.
_Composer = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Resolver(yaml.SafeLoader):
    """Only used to construct plain scalars and to resolve implicit tags."""


# Block options are nearly always "key: plain-value" lines. Those are read directly (the
# same values YAML would give); anything else, or any doubt, goes to YAML.
_SIMPLE_LINE = re.compile(r"^([a-z_]+): (.+)\Z")
_PLAIN = re.compile(r"^[^\s\"'\[\]{}#&*!|>%@`,:-][^\"'\[\]{}#&*!|>%@`,]*\Z")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}\Z")
_ID_LIST = re.compile(r"^\[([a-z0-9-]+(?:, [a-z0-9-]+)*)\]\Z")
_DOUBLE = re.compile(r'^"([^"\\]*)"\Z')
# what YAML does not allow unescaped in a document, and what it reads as a line break
# (NEL, LS, PS): text with any of these is left to YAML
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)
_YAML_BREAKS = re.compile("[\x85\u2028\u2029]")
_YAML_WORDS = re.compile(
    r"^(?:\?|=|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off"
    r"|OFF|null|Null|NULL|~|[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9_]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0[xob][0-9a-fA-F_]+|[0-9]+(?::[0-9]*)+)$"
)
_COMMENT_AFTER = re.compile(r"[ \t]+#")


def _simple(source: str, first_line: int) -> Doc | None:
    if _NOT_PRINTABLE.search(source) or "\t" in source or "\r" in source:
        return None
    doc = Doc({})
    for n, line in enumerate(source.split("\n")):
        m = _SIMPLE_LINE.match(line)
        if m is None or m.group(1) in doc.data:
            return None
        key, value = m.group(1), m.group(2).rstrip(" ")  # YAML trims spaces only
        if not _simple_value(doc, key, value, first_line + n):
            return None
        doc.lines[(key,)] = first_line + n
    return doc


def _simple_value(doc: Doc, key: str, value: str, line: int) -> bool:
    """Put a plain value (a date, a double-quoted text, a list of ids, plain text) at
    ``key`` of ``doc``, as YAML would read it; False when it is none of those."""
    if _DATE.match(value):
        try:
            doc.data[key] = dt.date.fromisoformat(value)
        except ValueError:
            doc.data[key] = value  # as the YAML path does for a non-date date
    elif (d := _DOUBLE.match(value)) is not None:
        doc.data[key] = d.group(1)
    elif (ids := _ID_LIST.match(value)) is not None:
        items = ids.group(1).split(", ")
        if any(_YAML_WORDS.match(item) for item in items):
            return False  # "[0]" is a list of numbers to YAML
        doc.data[key] = items
        for i, _ in enumerate(items):
            doc.lines[(key, i)] = line
    elif (
        _PLAIN.match(value)
        and not _YAML_WORDS.match(value)
        and " #" not in value
        and ": " not in value
        and not value.endswith(":")
    ):
        doc.data[key] = value
    else:
        return False
    return True


def line_at(lines: dict[Path, int], path: Path, default: int) -> int:
    """The line of the deepest prefix of ``path`` that ``lines`` knows (``default`` when
    none): where the author should look for a mistake inside a value."""
    for n in range(len(path), 0, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return default


def below(by_path: dict[Path, Any], key: Any) -> dict[Path, Any]:
    """The entries of a path-keyed mapping under ``key``, with paths relative to it."""
    return {p[1:]: v for p, v in by_path.items() if p[:1] == (key,)}


def load(source: str, first_line: int = 1) -> Doc:
    """Load ``source`` safely (see the module docstring); raises :class:`YamlError`.

    ``first_line`` is the line of ``source``'s first line in its file. Line breaks may be
    ``\\n``, ``\\r\\n`` or ``\\r``. Duplicate keys are an error (YAML would keep the last).
    """
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    fast = _simple(source, first_line)
    return fast if fast is not None else _Reader(source, first_line).read()


class _Reader:
    def __init__(self, source: str, first_line: int) -> None:
        self.source = source
        self.first = first_line
        self.doc = Doc(None)
        self.seen: set[int] = set()
        # Only when YAML's own line count differs from the author's is it recomputed
        # from the character offset (rare: those characters are rare).
        self.breaks: list[int] | None = None
        if _YAML_BREAKS.search(source):
            self.breaks = [m.start() for m in re.finditer("\n", source)]
        self.resolver = _Resolver("")

    def line(self, mark: Any) -> int:
        if mark is None:
            return self.first
        if self.breaks is None:
            return self.first + int(mark.line)
        return self.first + bisect.bisect_left(self.breaks, int(mark.index))

    def read(self) -> Doc:
        try:
            node = yaml.compose(self.source, Loader=_Composer)
        except yaml.MarkedYAMLError as e:
            raise self.syntax_error(e) from None
        except yaml.YAMLError as e:  # pragma: no cover - PyYAML marks its errors
            raise YamlError(self.first, str(e), "check the YAML syntax") from None
        try:
            if node is not None:
                self.doc.data = self.build(node, (), 0)
        finally:
            self.resolver.dispose()
        return self.doc

    def syntax_error(self, e: yaml.MarkedYAMLError) -> YamlError:
        context = (e.context or "").strip()
        # An unclosed quote is found where YAML gives up (often the end of the file): the
        # place to fix is where the quote opens.
        opened = "quoted scalar" in context and e.context_mark is not None
        mark = e.context_mark if opened else (e.problem_mark or e.context_mark)
        what = (e.problem or str(e)).strip()
        if opened:
            return YamlError(
                self.line(mark), "the quoted text is never closed", "add the closing quote"
            )
        if context:
            what = f"{what} ({context})"
        text = ""
        if mark is not None:
            start = self.source.rfind("\n", 0, int(mark.index)) + 1
            end = self.source.find("\n", int(mark.index))
            text = self.source[start : end if end >= 0 else None]
        return YamlError(self.line(mark), what, _hint(what, text))

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if id(node) in self.seen:
            raise YamlError(
                self.line(node.start_mark),
                "this value is repeated elsewhere through a YAML alias (*name)",
                "write the value out where it is needed: anchors (&name) and aliases "
                "(*name) are not allowed",
            )
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise YamlError(
                self.line(node.start_mark),
                f"the value is nested more than {MAX_DEPTH} levels deep",
                "flatten it: these files need lists and mappings a few levels deep at most",
            )
        self.check_tag(node)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self.key(key_node)
                line = self.line(key_node.start_mark)
                if key in out:
                    raise YamlError(
                        line,
                        f"the key '{key}' appears twice (first on line "
                        f"{self.doc.lines[(*path, key)]})",
                        "remove or rename one of them",
                    )
                self.doc.lines[(*path, key)] = line
                out[key] = self.build(value_node, (*path, key), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            items = []
            for i, child in enumerate(node.value):
                self.doc.lines[(*path, i)] = self.line(child.start_mark)
                items.append(self.build(child, (*path, i), depth + 1))
            return items
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node, path)

    def check_tag(self, node: yaml.Node) -> None:
        if node.tag not in _ALLOWED_TAGS:
            shown = node.tag.replace(_T, "!!")
            raise YamlError(
                self.line(node.start_mark),
                f"the YAML tag '{shown}' is not allowed",
                "remove it: values are text, numbers, dates, true/false, lists and mappings",
            )

    def key(self, node: yaml.Node) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise YamlError(
                self.line(node.start_mark),
                "a key cannot be a list or mapping",
                "write 'key: value', the key as plain text",
            )
        self.check_tag(node)
        self.seen.add(id(node))
        return str(node.value)

    def scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        try:
            value = self.resolver.construct_object(node, deep=True)
        except Exception:  # ValueError, KeyError (!!bool maybe), OverflowError…
            implicit = self.resolver.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, node.value, (True, False)
            )
            if implicit == node.tag or node.style:  # libyaml: '' for plain scalars
                # e.g. 2025-13-45 looks like a date but is none: keep the text, and let the
                # field's validation say what is wrong with it
                return node.value
            shown = node.tag.replace(_T, "!!")
            raise YamlError(
                self.line(node.start_mark),
                f"'{node.value}' is not a valid {shown} value",
                f"remove the '{shown}' tag or correct the value",
            ) from None
        if not node.style and isinstance(value, str):  # a plain (unquoted) scalar
            end = int(node.end_mark.index)
            if _COMMENT_AFTER.match(self.source, end):
                stop = self.source.find("\n", end)
                start = int(node.start_mark.index)
                self.doc.cut[path] = self.source[start : stop if stop >= 0 else None].rstrip()
        return value


def _hint(what: str, line: str = "") -> str:
    if "tab" in what or "\t" in line:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in what:
        return "put text that contains ': ' in quotes"
    if "could not find expected ':'" in what:
        return "write 'key: value' on each line"
    if "found character" in what and "cannot start any token" in what:
        return "put the value in quotes"
    if "nesting depth" in what:
        return "flatten it: these files need lists and mappings a few levels deep at most"
    return "check indentation, quotes and colons on this line"
