"""Whole-site builds in tmp_path: the first episode lossless, strict builds, ProperDocs."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pagetext import element_ids, transcript_lines
from sitekit import ROOT, copy_project, episode, run

TRANSCRIPT = ROOT / "tests" / "corpus" / "first-episode.txt"
FIRST = "2025/anthropic-nvidia-export-controls"


def test_first_episode_has_every_transcript_line_once_in_order(project_site: Path) -> None:
    html = (project_site / FIRST / "index.html").read_text("utf-8")
    expected = TRANSCRIPT.read_text("utf-8").rstrip("\n").split("\n")
    assert len(expected) == 239
    assert transcript_lines(html) == list(enumerate(expected, 1))
    ids = element_ids(html)
    assert len(ids) == len(set(ids)), "duplicate ids on the page"


def test_first_episode_marks_positions_commentary_and_notes(project_site: Path) -> None:
    html = (project_site / FIRST / "index.html").read_text("utf-8")
    kinds = re.findall(
        r'<div class="ep-block[^"]*"[^>]*?data-kind="(\w+)"[^>]*? id="([^"]+)"', html
    )
    by_kind: dict[str, list[str]] = {}
    for kind, anchor in kinds:
        by_kind.setdefault(kind, []).append(anchor)
    assert {
        "anthropic-supports",
        "nvidia-tall-tales",
        "nvidia-regulators",
        "huang-china-not-behind",
    } <= set(by_kind["position"])
    assert len(by_kind["opinion"]) >= 5 and len(by_kind["analysis"]) >= 5
    assert {"note-rescission", "note-40-million", "note-smuggling-cases", "note-h20"} <= set(
        by_kind["context"]
    )
    # the page head is markup, not escaped text
    assert '<details class="ep-guide" open data-search-exclude>' in html
    assert "&lt;details" not in html
    assert '<section class="ep-who-said"' in html
    # the NVIDIA spokesperson's verbatim words, in English, beside the host's account
    assert "rather than tell tall tales" in html
    assert 'data-stance="opposes" data-policy="ai-diffusion-rule"' in html
    # the opening lines' loaded framing is commentary
    opening = html[html.index('id="opening-framing"') :]
    assert opening.index('id="L4"') < opening.index("</div>\n</div>") + 10_000


@pytest.fixture(scope="module")
def material_search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with ``search: material`` (Material's search plugin, jieba)."""
    from sitekit import build_site, copy_project

    root = tmp_path_factory.mktemp("material-search")
    config = copy_project(root)
    text = config.read_text("utf-8").replace(
        "      data_dir: data", "      data_dir: data\n      search: material"
    )
    config.write_text(text, "utf-8")
    return build_site(config, strict=True)


def test_pagefind_indexes_the_words_and_the_lines(project_site: Path) -> None:
    """The default search: each page's words, Chinese rejoined, with its line anchors."""
    from searchindex import pagefind_pages

    pages = pagefind_pages(project_site)
    episode = pages[f"/{FIRST}/"]
    for word in ("走私", "龙虾", "扩散规则", "黄仁勋", "英伟达", "Anthropic"):
        assert word in episode, word
    assert not (project_site / "search" / "search_index.json").exists()  # no second index


def test_search_index_segments_chinese(material_search_site: Path) -> None:
    """search: material — jieba cuts the episode's text so that each query word is a token
    of its own (the words taught in data/search_words.txt included)."""
    site = material_search_site
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    # the index holds the episode's words as text, with the marking as a prefix
    text = "".join(d["text"] for d in docs if d["location"].startswith(FIRST))
    text = text.replace("\u200b", "")  # jieba's word boundaries
    assert "&lt;p&gt;" not in text and "<p>" in text
    # commentary says whose it is, as the page does
    assert "观点（主持人 大飞）：" in text and "立场（" in text
    assert "编者注" not in text.split("观点（")[0]
    for word in ("走私", "龙虾", "扩散规则", "黄仁勋"):
        hits = {
            d["location"].split("#")[0]
            for d in docs
            if re.search(f"(^|\u200b){word}(\u200b|$)", d["text"])
        }
        assert f"{FIRST}/" in hits, word


def test_strict_build_of_two_episodes_is_clean(site: Callable[..., Path]) -> None:
    out = site(
        {
            "2025/a.md": episode("""
            ## 甲 {#a}
            /// position | acme
                source: src-a
                policy: rule-x
                stance: supports
            甲说
            ///
            """),
            "2025/b.md": episode(
                """
            /// position | beta
                source: src-b
                policy: rule-x
                stance: opposes
            乙说
            ///
            /// opinion
            我说
            ///
            """,
                "title: 第二期\ndate: 2025-05-04\nshow: show-a\n",
            ),
        },
        strict=True,
    )
    a = (out / "2025" / "a" / "index.html").read_text("utf-8")
    assert 'id="L1"' in a and 'data-actor="acme"' in a
    home = (out / "index.html").read_text("utf-8")
    assert home.index("第二期") < home.index("测试节目")  # newest first


def test_broken_episode_fails_strict_with_path_line_and_no_traceback(tmp_path: Path) -> None:
    from sitekit import write_site

    write_site(tmp_path, {"2025/a.md": episode("/// position | acmee\n说\n///\n")})
    result = run("mkdocs", "build", "--strict", cwd=tmp_path)
    assert result.returncode == 1
    assert "episodes/2025/a.md:7: unknown actor 'acmee' — did you mean 'acme'?" in result.stderr
    assert "Traceback" not in result.stderr
    # without --strict the page still builds (so `mkdocs serve` keeps serving)
    result = run("mkdocs", "build", cwd=tmp_path)
    assert result.returncode == 0 and (tmp_path / "site" / "2025" / "a" / "index.html").exists()


def test_broken_data_fails_strict_with_path_line(tmp_path: Path) -> None:
    from sitekit import DATA, write_site

    data = dict(DATA)
    data["actors.yml"] = "acme:\n  name: {zh: 甲, en: A\n"
    write_site(tmp_path, {"2025/a.md": episode("一行\n")}, data)
    result = run("mkdocs", "build", "--strict", cwd=tmp_path)
    assert result.returncode == 1
    assert "data/actors.yml:3: not valid YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_properdocs_builds_the_project_strictly(tmp_path: Path) -> None:
    pytest.importorskip("properdocs")
    copy_project(tmp_path)
    result = run("properdocs", "build", "-f", "mkdocs.yml", "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    html = (tmp_path / "site" / FIRST / "index.html").read_text("utf-8")
    assert len(transcript_lines(html)) == 239


def test_front_matter_title_cannot_break_out(site: Callable[..., Path]) -> None:
    title = "&lt;/title&gt;</title><script>alert(1)</script><img src=x onerror=alert(2)>"
    out = site(
        {"2025/a.md": episode("一行\n", f"title: '{title}'\ndate: 2025-05-03\nshow: show-a\n")}
    )
    html = (out / "2025" / "a" / "index.html").read_text("utf-8")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "</title><script>" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 2  # header and h1
