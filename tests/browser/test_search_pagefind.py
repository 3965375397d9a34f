"""Search with Pagefind (``search: pagefind``) in a real browser: the site's own search box
finds Chinese words in a Chinese episode and English words in an English one, Enter lands
on the transcript line of the hit with the words marked, it keeps working across
Material's instant navigation, and under ``mkdocs serve --dirty`` a saved line is found."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from browserkit import screenshot
from conftest import _Quiet
from english import write_english_site
from sitekit import build_site, copy_project
from test_english_site import _served
from test_reading import run_axe
from test_serve import Server, fetch, wait_for

pytest.importorskip("pagefind")

EPISODE = "2025/anthropic-nvidia-export-controls/"


def use_pagefind(config: Path, instant: bool = True) -> Path:
    """Switch a site's mkdocs.yml to ``search: pagefind`` (and navigation.instant)."""
    text = config.read_text("utf-8")
    text = re.sub(r"(\n  - episodes:?\n)", r"\1      search: pagefind\n", text, count=1)
    text = text.replace("\n  - episodes\n", "\n  - episodes:\n      search: pagefind\n")
    if instant:
        if "  features:\n" in text:
            text = text.replace("  features:\n", "  features:\n    - navigation.instant\n", 1)
        else:
            text = text.replace(
                "  font: false\n", "  font: false\n  features:\n    - navigation.instant\n"
            )
    assert "search: pagefind" in text
    config.write_text(text, "utf-8")
    return config


@pytest.fixture(scope="module")
def zh_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The project with ``search: pagefind`` and navigation.instant, built with its
    ``site_url`` the address it is served at (instant navigation follows the sitemap)."""
    root = tmp_path_factory.mktemp("pf-zh")
    handler = functools.partial(_Quiet, directory=str(root / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    os.environ["SITE_URL"] = url
    try:
        site = build_site(use_pagefind(copy_project(root)), strict=True)
    finally:
        del os.environ["SITE_URL"]
    yield url, site
    server.shutdown()


@pytest.fixture(scope="module")
def zh_url(zh_served: tuple[str, Path]) -> str:
    return zh_served[0]


@pytest.fixture(scope="module")
def zh_site(zh_served: tuple[str, Path]) -> Path:
    return zh_served[1]


@pytest.fixture(scope="module")
def en_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("pf-en")
    # served at another address than its site_url: no instant navigation (see zh_served)
    config = use_pagefind(write_english_site(root), instant=False)
    yield from _served(build_site(config, strict=True))


def open_search(page: Any) -> Any:
    if page.width_name == "phone":
        page.locator("label.md-header__button[for=__search]").click()
    else:
        page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.wait_for()
    return box


def search(page: Any, query: str) -> list[str]:
    """Type ``query`` into the site's search box; the result links once they are in."""
    box = open_search(page)
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    box.fill(query)
    box.press("End")
    links = page.locator("#ep-search-results a")
    # results of this query: their links carry what was found (?hl=)
    page.wait_for_function(
        """q => [...document.querySelectorAll('#ep-search-results a')]
             .some(a => new URL(a.href).searchParams.getAll('hl').length)""",
        arg=query,
        timeout=15_000,
    )
    return [links.nth(i).get_attribute("href") or "" for i in range(links.count())]


def follow(page: Any, href_part: str) -> None:
    """Follow the first result linking ``href_part`` from the keyboard (focus, Enter)."""
    page.locator(f"#ep-search-results a[href*='{href_part}']").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: href_part in url)


def landed_on_hit(page: Any, query: str) -> str:
    """After following a result: the URL's target is a line or block holding a mark of
    ``query`` (case-insensitively), shown as the hit. Returns the target id."""
    target = unquote(urlsplit(page.url).fragment)
    assert target, page.url
    element = page.locator(f"[id='{target}']")
    element.wait_for()
    page.wait_for_function(
        "id => document.getElementById(id).classList.contains('ep-hit')", arg=target
    )
    marks = element.locator("mark[data-md-highlight]")
    assert marks.count() >= 1, target
    assert query.lower() in " ".join(marks.all_inner_texts()).lower()
    assert query.lower() in element.inner_text().lower()
    return target


@pytest.mark.parametrize("query", ["走私", "扩散规则", "黄仁勋", "英伟达"])
def test_chinese_word_leads_to_its_line(page: Any, zh_url: str, query: str) -> None:
    page.goto(zh_url)
    hrefs = search(page, query)
    assert any(EPISODE in h for h in hrefs), hrefs
    # keyboard only: down to the first link of the episode, Enter
    first_episode = next(i for i, h in enumerate(hrefs) if EPISODE in h)
    for _ in range(first_episode + 1):
        page.keyboard.press("ArrowDown")
    assert EPISODE in (page.evaluate("document.activeElement.getAttribute('href')") or "")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(EPISODE)))
    target = landed_on_hit(page, query)
    assert re.fullmatch(r"L\d+|[a-z0-9-]+", target)
    screenshot(page, f"pagefind-{query}")


def test_english_word_in_english_episode(page: Any, en_url: str) -> None:
    page.goto(en_url)
    hrefs = search(page, "enforced")
    assert any("2025/chip-rule/" in h and "#L" in h for h in hrefs), hrefs
    follow(page, "2025/chip-rule/")
    target = landed_on_hit(page, "enforced")
    assert target.startswith("L")


def test_english_word_in_a_chinese_episode_quote(page: Any, zh_url: str) -> None:
    """An English quote in a position: the result links the position block."""
    page.goto(zh_url)
    search(page, "smuggling")
    follow(page, EPISODE)
    page.wait_for_url(re.compile(re.escape(EPISODE)))
    target = landed_on_hit(page, "smuggling")
    assert page.locator(f"[id='{target}']").get_attribute("data-kind") == "position"


def test_escape_closes_and_no_second_index(browser: Any, zh_url: str, zh_site: Path) -> None:
    assert not (zh_site / "search" / "search_index.json").exists()
    assert (zh_site / "pagefind" / "pagefind.js").exists()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.width_name = "desktop"
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(zh_url + "policies/")
    assert not any("pagefind" in u for u in requested)  # loaded when search opens
    search(page, "龙虾")
    assert any("pagefind/pagefind.js" in u for u in requested)
    assert not any("search_index.json" in u for u in requested)
    assert run_axe(page) == []
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    context.close()


def test_works_across_instant_navigation(browser: Any, zh_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.width_name = "desktop"
    page.goto(zh_url)
    page.evaluate("window.__same_document = true")
    page.locator(".md-nav__link", has_text="政策").first.click()  # instant navigation
    page.wait_for_url(re.compile(r"policies/$"))
    assert page.evaluate("window.__same_document === true")
    search(page, "孕肚")
    follow(page, EPISODE)
    page.wait_for_url(re.compile(re.escape(EPISODE)))
    landed_on_hit(page, "孕肚")
    assert page.evaluate("window.__same_document === true")  # still no full page load
    context.close()


def test_serve_finds_a_saved_line(browser: Any, tmp_path: Path) -> None:
    config = use_pagefind(copy_project(tmp_path), instant=False)
    text = config.read_text("utf-8").replace(
        'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]', "site_url: https://example.org/repo/"
    )
    config.write_text(text, "utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=tmp_path, check=False)
    server = Server(tmp_path, "--dirty")
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.width_name = "desktop"
        word = "保存后新加的词"
        page.goto(server.base)
        search(page, "龙虾")  # the index is there
        page.close()
        source = tmp_path / "episodes" / "2025" / "anthropic-nvidia-export-controls.md"
        before = fetch(server.base + "pagefind/pagefind-entry.json")[1]
        source.write_text(source.read_text("utf-8") + f"\n{word}就在这里\n", "utf-8")
        wait_for(
            lambda: fetch(server.base + "pagefind/pagefind-entry.json")[1] not in ("", before),
            "the index to follow the save",
        )
        wait_for(lambda: word in server.body(EPISODE), "the page to follow the save")
        page = context.new_page()
        page.width_name = "desktop"
        page.goto(server.base)
        hrefs = search(page, word)
        assert any(EPISODE in h for h in hrefs), hrefs
        follow(page, EPISODE)
        target = landed_on_hit(page, word)
        last = page.locator(".ep-l").last.get_attribute("id")
        assert target == last
        context.close()
    finally:
        server.stop()
