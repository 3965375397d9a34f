"""Fuzzing: random mutations of the real episode and data files (hypothesis, bounded).

Whatever the mutation: no traceback and no internal error, every transcript line the
parser found is on the page in order, and the feed, JSON-LD and WebVTT stay well-formed.
A few mutated sites are built whole: no traceback, no page published unchecked.
"""

from __future__ import annotations

import io
import json
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
import webvtt
from hostile.harness import run_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs_episodes import blocks, downloads, feed, jsonld
from mkdocs_episodes.catalog import build_catalog
from mkdocs_episodes.index import build_index, entry_for
from mkdocs_episodes.parse import parse_episode
from pagetext import transcript_lines
from schemaorg_check import described, expanded
from sitekit import DATA, ROOT
from test_render import render

FIRST = (ROOT / "episodes" / "2025" / "anthropic-nvidia-export-controls.md").read_text("utf-8")
# the front matter and the first blocks keep each example fast; every kind of markup is in it
SAMPLE = "\n".join(FIRST.split("\n")[:140]) + "\n///\n"
SOURCES = (ROOT / "data" / "sources.yml").read_text("utf-8")

NASTY = [
    "///",
    "/// position | nvidia",
    "/// context",
    "/// opinion | nobody",
    "    source: nowhere",
    "  stance: opposes",
    "\tquote: x",
    "## ",
    "## 标题 {#__toc}",
    "# h1",
    "```",
    "~~~",
    "\\",
    "[99:99] 时间",
    "[00:05] 前面",
    "[链接](actor:Nvidia)",
    "[链接](#L9999)",
    "[x](https://user:pw@evil.example/)",
    "&a [*a]",
    "!!python/object:os.system",
    "2025-13-45: x",
    "title: \u202e反转",
    "\x07\x1b",
    "\u2028\x85",
    "<script>alert(1)</script>",
    "{{ 7*191 }}",
    "]]>",
    "---",
    "date: 2024-09-31",
    "draft: true",
    "",
    " ",
    "#" * 7,
    "a" * 300,
]


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(lines)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "splice", "indent"]))
        piece = draw(st.one_of(st.sampled_from(NASTY), st.text(max_size=20)))
        if op == "insert" or not lines:
            lines.insert(i, piece)
        elif op == "delete":
            del lines[min(i, len(lines) - 1)]
        elif op == "replace":
            lines[min(i, len(lines) - 1)] = piece
        elif op == "splice":
            j = min(i, len(lines) - 1)
            at = draw(st.integers(0, len(lines[j])))
            lines[j] = lines[j][:at] + piece + lines[j][at:]
        else:
            j = min(i, len(lines) - 1)
            lines[j] = draw(st.sampled_from(["", " ", "  ", "\t", "    "])) + lines[j].lstrip()
    return "\n".join(lines)


def _catalog() -> object:
    return build_catalog({k[:-4]: textwrap.dedent(v) for k, v in DATA.items()})[0]


def _project_catalog() -> object:
    texts = {
        name: (ROOT / "data" / f"{name}.yml").read_text("utf-8")
        for name in ("shows", "actors", "sources", "policies")
    }
    return build_catalog(texts)[0]


PROJECT = _project_catalog()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(SAMPLE))
def test_mutated_episodes_never_break_anything(text: str) -> None:
    episode, problems = parse_episode(text, "episodes/2025/e.md")
    assert not any("the plugin failed" in p.message for p in problems), problems
    data = {
        f"{n}.yml": (ROOT / "data" / f"{n}.yml").read_text("utf-8")
        for n in ("shows", "actors", "sources", "policies")
    }
    _, html = render(text, data)
    assert [w for _, w in transcript_lines(html)] == [line.words for line in episode.lines]
    entry = entry_for(episode, "2025/e/", PROJECT)  # type: ignore[arg-type]
    ctx = jsonld.Context(PROJECT, lambda s, r: f"https://e.org/{s}/{r}/", "zh", "站")  # type: ignore[arg-type]
    ld = jsonld.episode(
        entry, entry.record(), ctx, "https://e.org/2025/e/", "t.txt", "zh", blocks.nodes
    )
    written = json.loads(str(jsonld.script(ld)).split(">", 1)[1].rsplit("<", 1)[0])
    assert expanded(written) == ld  # nodes named again by reference: the same graph
    index = build_index([entry], PROJECT)  # type: ignore[arg-type]
    xml = feed.rss(
        index.episodes,
        PROJECT,
        site_url="https://e.org/",
        title="t",
        description="d",  # type: ignore[arg-type]
        feed_url="https://e.org/feed.xml",
        language="zh",
    )
    ET.fromstring(xml)
    for made in downloads.downloads(entry, {}):
        if made.name.endswith(".vtt"):
            captions = webvtt.from_buffer(io.StringIO(made.content)).captions
            starts = [c.start_in_seconds for c in captions]
            assert starts == sorted(starts)
        elif made.name.endswith(".json"):
            json.loads(made.content)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(SOURCES))
def test_mutated_data_never_break_anything(text: str) -> None:
    texts = {
        name: (ROOT / "data" / f"{name}.yml").read_text("utf-8")
        for name in ("shows", "actors", "policies")
    }
    texts["sources"] = text
    _, problems = build_catalog(texts)
    assert not any("the plugin failed" in p.message for p in problems), problems
    for p in problems:
        assert p.line >= 0 and p.message and p.hint


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=mutated(SAMPLE), where=st.sampled_from(["x.md", "2025/e.md", "2025/other.md"]))
def test_mutated_sites_build_or_fail_cleanly(
    tmp_path_factory: pytest.TempPathFactory,
    text: str,
    where: str,
    expect_warnings: Callable[[], list[str]],
) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    files = {
        f"data/{n}.yml": (ROOT / "data" / f"{n}.yml").read_text("utf-8")
        for n in ("shows", "actors", "sources", "policies")
    }
    files[f"episodes/{where}"] = text
    outcome, _ = run_case(root, files)  # a traceback fails here
    expect_warnings()
    assert outcome in ("built", "aborted")
    site = root / "site"
    if where == "x.md":
        assert not (site / "x").exists(), "an unchecked page was published"
        assert outcome == "aborted"
    for page in site.rglob("*.html"):
        assert "<script>alert(1)</script>" not in page.read_text("utf-8")


_IDS = ("https://e.org/actors/a/", "https://e.org/actors/b/", "https://e.org/policies/p/")
_NODE = st.sampled_from(_IDS).map(lambda u: {"@id": u, "@type": "Thing", "name": u[-2]})
_TREE = st.recursive(
    _NODE | st.text(max_size=3),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(("about", "author", "hasPart")), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(_TREE, st.booleans())
def test_structured_data_describes_each_node_once_and_loses_nothing(
    tree: object, more: bool
) -> None:
    doc = {"@id": "https://e.org/2025/e/", "hasPart": [tree, tree]}
    if more:  # a later node that says more than the first is kept whole
        doc["about"] = {"@id": _IDS[0], "@type": "Thing", "name": "a", "sameAs": "x"}
    out = jsonld.referenced(doc)
    assert expanded(out) == doc
    once = described(out)
    assert len(once) == len(set(once)) + (more and _IDS[0] in described(tree))
