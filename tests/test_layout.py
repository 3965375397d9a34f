"""The package's shape, measured: no import cycle between its modules, ``plugin.py`` only
hooks (under 250 lines), and no function over 60 lines or with a cyclomatic complexity
over 15 (as radon measures it; ``make lint`` runs the same check)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "mkdocs_episodes"
MAX_LINES = 60
MAX_COMPLEXITY = 15


def _module(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(parts) or "__init__"


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports at module level (not under
    ``TYPE_CHECKING``, not inside functions)."""
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module(path)
        package = (
            name.rsplit(".", 1)[0]
            if path.name != "__init__.py" and "." in name
            else (name if path.name == "__init__.py" else "")
        )
        found: set[str] = set()
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.split(".") if package and package != "__init__" else []
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
                for alias in node.names:
                    full = f"{target}.{alias.name}" if target else alias.name
                    found.add(
                        full
                        if (PACKAGE / (full.replace(".", "/") + ".py")).exists()
                        or (PACKAGE / full.replace(".", "/")).is_dir()
                        else target
                    )
        graph[name] = {m for m in found if m and m != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    out: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                out.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return out


def test_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_plugin_py_is_hooks_only_and_short() -> None:
    source = (PACKAGE / "plugin.py").read_text("utf-8")
    assert len(source.splitlines()) < 250
    tree = ast.parse(source)
    [plugin] = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    methods = [n.name for n in plugin.body if isinstance(n, ast.FunctionDef)]
    assert all(m == "__init__" or m.startswith("on_") for m in methods), methods


def test_no_function_is_long_or_complex() -> None:
    from radon.complexity import cc_visit

    too: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text("utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_LINES:
                    too.append(f"{path.name}:{node.lineno} {node.name}: {lines} lines")
        for block in cc_visit(source):
            if block.complexity > MAX_COMPLEXITY:
                too.append(
                    f"{path.name}:{block.lineno} {block.name}: complexity {block.complexity}"
                )
    assert too == []
