"""Rendering an episode through the theme's templates: the stable hooks of §7, escaping."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import jinja2
from hypothesis import given
from hypothesis import strategies as st
from mkdocs_episodes.catalog import build_catalog
from mkdocs_episodes.episode_page import EpisodePage
from mkdocs_episodes.index import build_index, entry_for
from mkdocs_episodes.parse import parse_episode
from mkdocs_episodes.render import episode_pieces, fill_slots, make_env
from mkdocs_episodes.view import View
from pagetext import transcript_lines
from sitekit import DATA, ROOT

GOLDEN = Path(__file__).parent / "golden" / "parse"


def render(text: str, data: dict[str, str] | None = None) -> tuple[str, str]:
    texts = {k[:-4]: textwrap.dedent(v) for k, v in (data or DATA).items()}
    catalog, _ = build_catalog(texts)
    episode, _ = parse_episode(text, "episodes/2025/e.md")
    entry = entry_for(episode, "2025/e/", catalog)
    index = build_index([entry], catalog)
    index.urls.update({("policy", p): f"policies/{p}/" for p in catalog.policies})
    index.urls.update({("actor", a): f"actors/{a}/" for a in catalog.actors})
    env = make_env(
        jinja2.Environment(
            loader=jinja2.FileSystemLoader(ROOT / "plugins" / "mkdocs_episodes" / "theme")
        )
    )
    view = View(catalog, index, "2025/e/")
    pieces = episode_pieces(env, EpisodePage.of(entry, view.t.code), view)
    return pieces.markdown, fill_slots(pieces.markdown, pieces.html)


def blocks(html: str) -> list[str]:
    return re.findall(r'<div class="ep-block[^"]*"([^>]*)>', html)


def test_markdown_carries_segments_with_anchors() -> None:
    md, _ = render((GOLDEN / "basic.md").read_text("utf-8"))
    assert "## 第一段 {#part-one}" in md
    assert "## 没有 ID 的段落 {#没有-id-的段落}" in md


def test_hooks_of_section_7() -> None:
    _, html = render((GOLDEN / "blocks.md").read_text("utf-8"))
    attrs = blocks(html)
    assert len(attrs) == 5
    for attr in (
        'data-kind="position"',
        'id="acme-1"',
        'data-actor="acme"',
        'data-stance="supports"',
        'data-policy="rule-x"',
        'data-stance-basis="inferred"',  # the cautious default
    ):
        assert attr in attrs[0], attr
    assert 'data-policy="rule-x rule-y"' in attrs[1] and 'id="beta-reply"' in attrs[1]
    assert 'data-kind="opinion"' in attrs[2] and "data-speaker" not in attrs[2]
    assert 'data-kind="analysis"' in attrs[3] and 'data-speaker="beta"' in attrs[3]
    assert 'data-kind="context"' in attrs[4]
    assert [n for n, _ in transcript_lines(html)] == [1, 2, 3, 4, 5, 6, 7]


def test_transcript_lines_are_inside_their_block() -> None:
    _, html = render((GOLDEN / "blocks.md").read_text("utf-8"))
    start = html.index('id="beta-reply"')
    end = html.index('data-kind="opinion"')
    assert 'id="L3"' in html[start:end] and 'id="L4"' in html[start:end]


def test_commentary_is_labelled_in_text_and_for_assistive_technology() -> None:
    _, html = render((GOLDEN / "blocks.md").read_text("utf-8"))
    assert '<span class="ep-label ep-label-opinion">观点</span>' in html
    assert '<span class="ep-label ep-label-analysis">分析</span>' in html
    assert '<span class="ep-label ep-label-context">编者注</span>' in html
    assert 'role="note" aria-label="观点：主持人主持人甲的评论，不是事实报道"' in html
    assert 'aria-label="分析：乙公司的解读，不是事实报道"' in html


def test_position_card_shows_quote_source_and_response() -> None:
    _, html = render((GOLDEN / "blocks.md").read_text("utf-8"))
    card = html[html.index('id="acme-1"') : html.index('id="beta-reply"')]
    assert '<blockquote class="ep-quote" lang="en" cite="https://example.org/acme">' in card
    assert "We support it." in card
    assert '<a class="ep-src" href="https://example.org/acme" rel="noopener">Acme statement' in card
    assert '<time datetime="2025-04-30">' in card  # the source's date
    assert 'href="#beta-reply">乙公司的回应 ↓' in card
    reply = html[html.index('id="beta-reply"') : html.index('data-kind="opinion"')]
    assert 'href="#acme-1">回应甲公司的立场 ↑' in reply
    assert '<time datetime="2025-05-02">' in reply  # its own date wins
    assert 'href="../../policies/rule-y/"' in reply


def test_inline_links_of_every_kind_are_markup() -> None:
    body = (
        "见[第 1 行](#L1)、[原文](source:src-a)、[网站](https://example.org/a?b=1&c=2)、"
        "[规则](policy:rule-x)和[甲](actor:acme)\n"
    )
    _, html = render(f"---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n---\n{body}")
    assert '<a class="ep-ref" href="#L1">第 1 行</a>' in html
    assert 'href="https://example.org/acme" rel="noopener">原文</a>' in html
    assert (
        '<a class="ep-ref" href="https://example.org/a?b=1&amp;c=2" rel="noopener">网站</a>' in html
    )
    assert '<a class="ep-ref ep-ref-policy" href="../../policies/rule-x/">规则</a>' in html
    assert '<a class="ep-ref ep-ref-actor" href="../../actors/acme/">甲</a>' in html
    assert "&lt;a" not in html


def test_timestamps_link_into_the_video() -> None:
    _, html = render((GOLDEN / "timestamps.md").read_text("utf-8"))
    assert 'href="https://www.youtube.com/watch?v=abc&amp;t=83s"' in html
    assert ">01:23</a>" in html and ">1:02:03</a>" in html


def test_words_are_escaped_and_never_become_markup() -> None:
    body = "<script>alert(1)</script> **不是粗体** &amp; {{ x }}\n"
    _, html = render(f"---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n---\n{body}")
    assert "<script>alert" not in html
    [(_, words)] = transcript_lines(html)
    assert words == body.strip()


def test_data_values_are_escaped() -> None:
    data = dict(DATA)
    data["actors.yml"] = DATA["actors.yml"].replace(
        "name: {zh: 甲公司, en: Acme}",
        "name: {zh: '<script>alert(1)</script>', en: '\"><img src=x onerror=alert(1)>'}",
    )
    data["sources.yml"] = DATA["sources.yml"].replace(
        "title: Acme statement", "title: '</a><b>x</b>'"
    )
    _, html = render((GOLDEN / "blocks.md").read_text("utf-8"), data)
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;/a&gt;&lt;b&gt;x&lt;/b&gt;" in html


def test_relative_urls_with_anchors_equal_the_plain_computation() -> None:
    """``View.to`` reuses a page's relative URL for its anchors: same result as working
    each out in full."""
    from mkdocs_episodes.catalog import Catalog
    from mkdocs_episodes.index import Index
    from mkdocs_episodes.links import relative

    targets = [
        "2025/ep/#acme-1",
        "2025/ep/",
        "2025/ep/#L3",
        "#L3",
        "policies/x/#debate",
        "https://example.org/a#b",
        "index.html#x",
        "",
    ]
    for page in ["", "2025/ep/", "policies/x/2024/", "a/b/c.html"]:
        view = View(Catalog(), Index(), page)
        for target in targets + targets:  # the second round comes from the cache
            assert view.to(target) == relative(target, page), (page, target)


@given(st.text())
def test_fast_escape_gives_markupsafes_bytes(text: str) -> None:
    """The fragments' plain-string escape is MarkupSafe's, byte for byte."""
    from markupsafe import escape
    from mkdocs_episodes.fragments import esc

    assert esc(text) == str(escape(text))
