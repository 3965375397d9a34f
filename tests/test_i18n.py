"""Any language: the interface text comes from a table per language; an English site shows
no Chinese interface text; an episode's language marks its words."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from english import write_english_site
from htmlcheck import html_errors
from mkdocs_episodes.i18n import HERE, code_for, labels, shipped
from schemaorg_check import page_data
from sitekit import ROOT, build_site, episode, write_site

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_shipped_language_has_every_key_with_the_same_placeholders() -> None:
    assert {"zh", "en"} <= set(shipped())
    reference = labels("en").table
    for code in shipped():
        table = labels(code).table
        assert set(table) == set(reference), (code, set(table) ^ set(reference))
        for key, text in table.items():
            assert _fields(text) == _fields(reference[key]), (code, key)


def test_every_key_is_used_and_every_used_key_exists() -> None:
    sources = "\n".join(
        p.read_text("utf-8")
        for p in [
            *(ROOT / "plugins").rglob("*.py"),
            *(ROOT / "plugins" / "mkdocs_episodes").rglob("*.html"),
        ]
    )
    table = labels("en").table
    dynamic = (
        "stance.",
        "status.",
        "confidence.",
        "basis.",
        "account.",
        "actor_kind.",
        "label.",
        "quote.",
        "commentary.head.",
        "commentary.aria.",
        "role.",
        "source.not-",  # by a source's url_status
        # by who speaks the episode (View.voices): "", "_hosts" or "_voices"
        "toggle.",
        "guide.lines",
        "guide.commentary",
        # by an episode's Standing (standing.notices): its marking, its words
        "standing.",
    )
    for key in table:
        if key.startswith(dynamic) or key == "locale":
            continue
        assert f'"{key}"' in sources or f"'{key}'" in sources, f"unused key {key}"
    # ours are t(…) and t.html(…); lang.t(…) is Material's own table (its header partial)
    ours = r"""(?<!lang\.)\bt(?:\.html)?\(\s*["']([a-z_-]+\.[a-z_.-]+|[a-z_]+)["']"""
    for key in re.findall(ours, sources):
        if key != "key" and not key.endswith("."):  # "key" is the docstring's; "x." + kind
            assert key in table, f"missing key {key}"


def test_texts_by_who_speaks_exist_for_each_kind_of_episode() -> None:
    for code in ("zh", "en"):
        table = labels(code).table
        for key in ("toggle.hide", "toggle.show", "guide.lines", "guide.commentary"):
            for suffix in ("", "_hosts", "_voices"):
                assert key + suffix in table, (code, key + suffix)


def test_language_codes() -> None:
    assert code_for("zh") == code_for("zh-Hans") == code_for("zh_CN") == "zh"
    assert code_for("en-GB") == "en" and code_for("fr") == "en" and code_for(None) == "en"
    assert (HERE / "en.yml").is_file()


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(write_english_site(tmp_path_factory.mktemp("en")), strict=True)


def test_an_english_site_shows_no_chinese_anywhere(english: Path) -> None:
    pages = sorted(english.rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        html = page.read_text("utf-8")
        found = CJK.search(html)
        assert found is None, (
            f"{page.relative_to(english)}: {html[found.start() - 80 : found.end() + 20]}"
        )
    feed = (english / "feed.xml").read_text("utf-8")
    assert CJK.search(feed) is None and "Corrected 2025-03-09" in feed


def test_english_pages_parse_without_html_errors(english: Path) -> None:
    assert html_errors(english) == []


def test_an_english_site_speaks_english(english: Path) -> None:
    page = (english / "2025" / "chip-rule" / "index.html").read_text("utf-8")
    assert '<html lang="en"' in page and 'property="og:locale" content="en_US"' in page
    for words in (
        "Who said what",
        'supports</span><span class="ep-basis ep-basis-stated"> (stated by them)</span>',
        "Their words · Acme Chips",
        "checked against the source",
        "Editors&#39; caveat",
        "opinion of host Ana Lima",
        "Download the transcript",
        "Corrections",
    ):
        assert words in page, words
    # names given in one language are enough
    actor = (english / "actors" / "acme" / "index.html").read_text("utf-8")
    assert '<span lang="en">Acme Chips</span>' in actor
    policy = (english / "policies" / "chip-rule" / "index.html").read_text("utf-8")
    assert "rescission announced (not yet formally rescinded)" in policy
    assert "(low confidence)" in policy and "An internal memo (never published)" in policy
    [data] = page_data(page)
    assert data["inLanguage"] == "en"


def test_an_english_episode_on_a_chinese_site_marks_its_words(tmp_path: Path) -> None:
    body = "## The letter {#letter}\n\nWelcome back.\n\n/// opinion\nI agree.\n///\n"
    front = "title: An English episode\ndate: 2025-05-03\nshow: show-a\nlanguage: en\n"
    site = build_site(write_site(tmp_path, {"2025/e.md": episode(body, front)}), strict=True)
    html = (site / "2025" / "e" / "index.html").read_text("utf-8")
    assert '<html lang="zh"' in html
    assert '<p class="ep-p" lang="en"><span class="ep-l" id="L1"' in html
    assert re.search(r'<h2 id="letter" lang="en">The letter', html)
    assert 'property="og:locale" content="en_US"' in html
    assert "主持人" in html  # the interface stays in the site's language
    [data] = page_data(html)
    assert data["inLanguage"] == "en"
