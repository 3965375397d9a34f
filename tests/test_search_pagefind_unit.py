"""Search with Pagefind without a browser: the lean copies, the header override, and a
deterministic index (a cached build writes the bytes of a clean one)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import material
import pytest
from mkdocs_episodes.pagefind_search import (
    ZWSP,
    lean_document,
    split_han,
    split_han_html,
    strip_headerlinks,
    url_path,
)
from sitekit import ROOT, build_site, copy_project


def test_split_han_separates_each_chinese_character() -> None:
    assert split_han("AI芯片走私") == f"AI{ZWSP}芯{ZWSP}片{ZWSP}走{ZWSP}私"
    assert split_han("Anthropic 与英伟达") == f"Anthropic 与{ZWSP}英{ZWSP}伟{ZWSP}达"
    assert split_han("no Chinese here") == "no Chinese here"


def test_split_han_html_leaves_tags_alone() -> None:
    html = '<p><a id="L1"></a>走私<b title="中文">芯片</b></p>'
    assert split_han_html(html) == f'<p><a id="L1"></a>走{ZWSP}私<b title="中文">芯{ZWSP}片</b></p>'


def test_lean_document_is_escaped_and_weighted() -> None:
    doc = lean_document("A & B", "<p>x</p>", "zh", weight="0.3")
    assert "<title>A &amp; B</title>" in doc and "<h1>A &amp; B</h1>" in doc
    assert '<div data-pagefind-weight="0.3"><p>x</p></div>' in doc
    assert '<html lang="zh">' in doc


def test_headerlinks_and_urls() -> None:
    assert strip_headerlinks('<h2 id="a">T<a class="headerlink" href="#a">¶</a></h2>') == (
        '<h2 id="a">T</h2>'
    )
    assert url_path("") == "index.html"
    assert url_path("2025/x/") == "2025/x/index.html"
    assert url_path("about.html") == "about.html"


def test_header_override_matches_material_except_the_search_box() -> None:
    ours = (
        ROOT / "plugins" / "mkdocs_episodes" / "theme-pagefind" / "partials" / "header.html"
    ).read_text("utf-8")
    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(
        "utf-8"
    )
    start = ours.index("{#- mkdocs-episodes:")
    elif_ = '{% elif "material/search" in config.plugins %}'
    end = ours.index(elif_) + len(elif_)
    mine = ours[:start] + '{% if "material/search" in config.plugins %}' + ours[end:]
    head = mine.index("#}") + 3
    assert mine[head:] == theirs[theirs.index("-#}") + 4 :], "Material's header changed"


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_index_is_deterministic_and_a_cached_build_writes_the_same(tmp_path: Path) -> None:
    pytest.importorskip("pagefind")
    config = copy_project(tmp_path)
    text = config.read_text("utf-8").replace(
        "  - episodes:\n", "  - episodes:\n      search: pagefind\n", 1
    )
    config.write_text(text, "utf-8")
    first = tree(build_site(config, site="one") / "pagefind")
    assert any(p.startswith("fragment/") for p in first) and "pagefind.js" in first
    assert not (tmp_path / "one" / "search" / "search_index.json").exists()
    cached = tree(build_site(config, site="two") / "pagefind")  # bundle from the cache
    shutil.rmtree(tmp_path / ".cache")
    clean = tree(build_site(config, site="three") / "pagefind")  # made again
    assert first == cached == clean


def test_serve_remakes_a_large_index_in_the_background(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under serve, past BACKGROUND_PAGES the last bundle stays, marked as updating, while
    the new one is made; then the new one replaces it."""
    pytest.importorskip("pagefind")
    from mkdocs_episodes import pagefind_search as pf
    from mkdocs_episodes.cache import Cache

    monkeypatch.setattr(pf, "BACKGROUND_PAGES", 1)
    index = pf.PagefindSearch(Cache(None), "zh", "salt")
    site = tmp_path / "site"
    urls = ["a/", "b/"]
    for url in urls:
        index.add(url, pf.lean_document(url, "<p>走私芯片</p>", "zh"))
    first = index.finish(site, urls, {}, serve=True)
    assert first.how == "made"  # nothing to show meanwhile: made at once
    assert (site / "pagefind" / pf.UPDATING).read_bytes() == pf.NOT_UPDATING
    entry = (site / "pagefind" / "pagefind-entry.json").read_bytes()
    last = dict(index.keys)
    index.start()
    index.add("b/", pf.lean_document("b/", "<p>新的一行</p>", "zh"))
    second = index.finish(site, urls, last, serve=True)
    assert second.how == "background"
    assert (site / "pagefind" / pf.UPDATING).read_bytes() == pf.STILL_UPDATING
    assert (site / "pagefind" / "pagefind-entry.json").read_bytes() == entry  # the last one
    assert index.worker is not None
    index.worker.join()
    assert (site / "pagefind" / pf.UPDATING).read_bytes() == pf.NOT_UPDATING
    assert (site / "pagefind" / "pagefind-entry.json").read_bytes() != entry


def test_a_bundle_file_cut_short_is_found() -> None:
    """A compressed file of the bundle that ends early (as when Pagefind's binary is
    stopped while writing) is named, so the bundle is made again, never cached or
    published cut."""
    import gzip
    import os

    from mkdocs_episodes.pagefind_search import cut_files

    whole = gzip.compress(os.urandom(100_000))
    files = {"wasm.zh.pagefind": whole, "pagefind.js": b"export {}", "a.pf_fragment": whole}
    assert cut_files(files) == []
    files["wasm.zh.pagefind"] = whole[:65536]
    assert cut_files(files) == ["wasm.zh.pagefind"]
