"""Hostile and broken input: clear errors, nothing lost, nothing injected, same output."""

from __future__ import annotations

import filecmp
import itertools
import json
import re
import textwrap
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hostile.cases import CASES
from hostile.expected import EXPECTED
from hostile.harness import run_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs_episodes.importer import literal
from mkdocs_episodes.parse import parse_episode
from pagetext import transcript_lines
from sitekit import DATA, build_site, episode, write_site
from test_render import render

MESSAGE = re.compile(r"^(episodes|data)/[^:]+:\d+: .+ — .+$")


def test_corpus_is_large_and_every_case_has_its_message() -> None:
    assert len(CASES) >= 30
    assert set(CASES) == set(EXPECTED)
    for message in EXPECTED.values():
        assert MESSAGE.match(message), message


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_fails_strict_with_its_message(
    name: str, tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    outcome, messages = run_case(tmp_path, CASES[name])  # a traceback would fail here
    assert outcome == "aborted"
    assert EXPECTED[name] in messages
    assert all(MESSAGE.match(m) for m in messages), messages


# --- odd but valid input: builds, nothing lost ---------------------------------------


def test_bom_crlf_long_lines_build_losslessly(tmp_path: Path) -> None:
    long_line = "长" * 5000 + "x" * 5000
    text = episode(f"第一行\n  第二行  \n\n{long_line}\n")
    files = {"episodes/2025/e.md": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()}
    outcome, messages = run_case(tmp_path, files)
    assert (outcome, messages) == ("built", [])
    html = (tmp_path / "site" / "2025" / "e" / "index.html").read_text("utf-8")
    assert transcript_lines(html) == [(1, "第一行"), (2, "第二行"), (3, long_line)]


def test_five_megabyte_transcript_parses_and_renders_losslessly() -> None:
    lines = [f"第 {i} 行：" + "字" * 25 for i in range(170_000)]
    text = "---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n---\n" + "\n".join(lines) + "\n"
    assert len(text.encode()) > 5_000_000
    episode_model, problems = parse_episode(text, "e.md")
    assert problems == [] and len(episode_model.lines) == len(lines)
    _, html = render(text)
    assert [w for _, w in transcript_lines(html)] == lines


# --- property: any transcript text survives, nothing but our own errors --------------

LINE_TEXT = (
    st.lists(
        st.one_of(
            st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
            st.sampled_from(
                [
                    *"abcXYZ 0123456789*_[]()<>&#|`/\\:!{}%~\"'",
                    "///",
                    "😀",
                    "👍🏽",
                    "[x](policy:y)",
                    "{#id}",
                    "[01:02]",
                    "```",
                ]
            ),
        ),
        min_size=1,
        max_size=25,
    )
    .map(lambda parts: "".join(parts).strip())
    .filter(bool)
)


@st.composite
def episodes(draw: st.DrawFn) -> tuple[str, list[str]]:
    """An episode with random lines, blocks and segments; the lines it must keep."""
    out, kept = [], []
    ids = itertools.count()
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            # a heading's explicit {#id} must be unique (a repeat is an author mistake the
            # parser reports, not what this test is about)
            heading = re.sub(r"\{#id\}", lambda _: f"{{#id-{next(ids)}}}", draw(LINE_TEXT))
            out.append(f"## 段落 {heading}")
        kind = draw(st.sampled_from([None, "opinion", "analysis", "position | acme", "context"]))
        lines = draw(st.lists(LINE_TEXT, min_size=1, max_size=6))
        if kind:
            out.append(f"/// {kind}")
            out += {
                "context": ["    date: 2025-05-04"],
                "position | acme": ["    source: src-a"],
            }.get(kind, [])
        out.extend(literal(line) for line in lines)
        if kind:
            out.append("///")
        if kind != "context":
            kept.extend(lines)
        out.append("")
    if not kept:
        out.append(literal("最后一行"))
        kept.append("最后一行")
    return "---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n---\n" + "\n".join(out) + "\n", kept


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(episodes())
def test_any_transcript_text_is_kept_exactly(case: tuple[str, list[str]]) -> None:
    text, kept = case
    parsed, problems = parse_episode(text, "e.md")
    assert [p for p in problems if "unknown" not in p.message] == [], problems
    assert [line.words for line in parsed.lines] == kept
    _, html = render(text)
    assert [w for _, w in transcript_lines(html)] == kept


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_parser_never_raises(text: str) -> None:
    parse_episode(text, "e.md")  # problems are reported as data, never raised
    parse_episode("---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n---\n" + text, "e.md")


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(episodes())
def test_built_pages_keep_random_transcripts(tmp_path_factory, case) -> None:  # type: ignore[no-untyped-def]
    text, kept = case
    root = tmp_path_factory.mktemp("prop")
    run_case(root, {"episodes/2025/e.md": text})
    html = (root / "site" / "2025" / "e" / "index.html").read_text("utf-8")
    assert [w for _, w in transcript_lines(html)] == kept


# --- injection ------------------------------------------------------------------------

PAYLOADS = [
    '<script>alert("x1")</script>',
    '"><img src=x onerror=alert("x2")>',
    "</script><script>alert('x3')</script>",
    "{{ 7*191 }}{% raw %}x4",
    "javascript:alert('x5')",
    "' onmouseover='alert(6)",
]


class _Danger(HTMLParser):
    """Records markup that would run: script bodies, on* attributes, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if key.startswith("on"):
                self.found.append(f"<{tag} {key}=…>")
            if key in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {key}={value}>")
        if tag == "script":
            self.in_script = dict(attrs).get("type") or "js"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = None

    def handle_data(self, data: str) -> None:
        if self.in_script == "application/ld+json":
            json.loads(data)  # still one valid JSON value: nothing broke out
        elif self.in_script and "alert" in data:
            self.found.append(f"script: {data[:60]}")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_every_field_are_escaped_or_rejected(
    payload: str, tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    quoted = json.dumps(payload)  # a YAML double-quoted scalar
    data = {
        "shows.yml": f"show-a:\n  name: {{zh: {quoted}, en: {quoted}}}\n  hosts: [host-a]\n"
        f"  url: {quoted}\n",
        "actors.yml": textwrap.dedent(DATA["actors.yml"]).replace(
            "name: {zh: 甲公司, en: Acme}",
            f"name: {{zh: {quoted}, en: {quoted}}}\n"
            f"  description: {quoted}\n  url: {quoted}\n  sources: [src-a]",
        ),
        "sources.yml": textwrap.dedent(DATA["sources.yml"])
        .replace("title: Acme statement", f"title: {quoted}")
        .replace("publisher: Beta News", f"publisher: {quoted}"),
        "policies.yml": textwrap.dedent(DATA["policies.yml"])
        .replace("name: {zh: 某规则, en: Rule X}", f"name: {{zh: {quoted}, en: {quoted}}}")
        .replace(
            "short: X 规则",
            f"short: {quoted}\n  summary: {quoted}\n  kind: {quoted}\n"
            f"  jurisdiction: {quoted}\n  provisions: [{quoted}]",
        ),
    }
    body = f"""
        ## {payload}
        /// position | acme
            source: src-a
            policy: rule-x
            stance: supports
            quote: {quoted}
        {literal(payload)}
        ///
        /// context
            date: 2025-05-04
            source: src-b
        {literal(payload)}
        ///
        """
    front = (
        f"title: {quoted}\ndate: 2025-05-03\nshow: show-a\nsummary: {quoted}\ntags: [{quoted}]\n"
    )
    out = build_site(write_site(tmp_path, {"2025/e.md": episode(body, front)}, data))
    for path in out.rglob("*"):
        if path.suffix not in (".html", ".xml", ".json", ".txt", ".vtt"):
            continue
        text = path.read_text("utf-8")
        assert "1337" not in text, f"{path}: template syntax was evaluated"
        if path.suffix == ".html":
            danger = _Danger()
            danger.feed(text)
            assert danger.found == [], f"{path.relative_to(out)}: {danger.found}"
        if path.suffix == ".xml":
            import xml.etree.ElementTree as ET

            ET.fromstring(text.encode())  # well-formed: nothing broke the markup
    page = (out / "2025" / "e" / "index.html").read_text("utf-8")
    assert transcript_lines(page)[0][1] == payload  # the words are kept, as text
    # the only complaints: the URL fields, which take http(s) addresses only
    warnings = expect_warnings()
    assert warnings and all("is not an http(s) URL" in w for w in warnings), warnings
    # javascript: URLs are refused, never linked
    assert "javascript:alert" not in " ".join(
        re.findall(r'href="([^"]*)"', "".join(p.read_text("utf-8") for p in out.rglob("*.html")))
    )


def test_rejected_urls_are_reported(
    tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    data = dict(DATA)
    data["shows.yml"] = "show-a:\n  name: A\n  hosts: [host-a]\n  url: 'javascript:alert(1)'\n"
    build_site(write_site(tmp_path, {"2025/e.md": episode("一行\n")}, data))
    assert any(
        "data/shows.yml:4: show-a.url is 'javascript:alert(1)', which is not an http(s) URL" in m
        for m in expect_warnings()
    )


# --- determinism ----------------------------------------------------------------------


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    """Same input, same bytes: every file of two builds compared (none may differ)."""
    from sitekit import copy_project

    sites = []
    for name in ("one", "two"):
        root = tmp_path / name
        root.mkdir()
        copy_project(root)
        sites.append(build_site(root / "mkdocs.yml", strict=True))
    files = sorted(p.relative_to(sites[0]) for p in sites[0].rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(sites[1]) for p in sites[1].rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(
        sites[0], sites[1], [str(f) for f in files], shallow=False
    )
    assert (mismatch, errors) == ([], [])
