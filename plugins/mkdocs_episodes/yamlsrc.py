"""YAML with line numbers: every mapping key's source line, for ``path:line`` messages."""

from __future__ import annotations

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


def compose_lines(source: str, first_line: int = 1) -> tuple[Any, dict[Path, int]]:
    """Load ``source`` with SafeLoader semantics and return ``(data, lines)``.

    ``lines`` maps the path of every mapping key (a tuple of keys and list indexes) to the
    1-based line where the key is written; ``first_line`` is the line of ``source``'s first
    line in its file. Duplicate keys are an error (PyYAML would silently keep the last).
    """
    try:
        node = yaml.compose(source, Loader=_Composer)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = first_line + (mark.line if mark else 0)
        what = (e.problem or str(e)).strip()
        if e.context:
            what = f"{what} ({e.context.strip()})"
        raise YamlError(line, what, _hint(what)) from None
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


def _hint(what: str) -> str:
    if "tab" in what:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in what:
        return "put text that contains ': ' in quotes"
    if "could not find expected ':'" in what:
        return "write 'key: value' on each line"
    if "found character" in what and "cannot start any token" in what:
        return "put the value in quotes"
    return "check indentation, quotes and colons on this line"
