"""An episode published as imported (``annotated: false``, unreviewed automatic captions)
in a browser, at phone and desktop width: the notices are visible above the transcript, in
words; its speaker labels, line anchors, search and downloads work as on any episode; the
home page's list labels it."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from typing import Any

import pytest
from browserkit import no_horizontal_scroll, screenshot
from conftest import _Quiet
from plainsite import PLAIN, write_plain_site
from sitekit import build_site
from test_reading import run_axe
from test_search_pagefind import search

pytest.importorskip("pagefind")


@pytest.fixture(scope="module")
def plain_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The archive site, built with its ``site_url`` the address it is served at."""
    root = tmp_path_factory.mktemp("plain-browser")
    handler = functools.partial(_Quiet, directory=str(root / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    config = write_plain_site(root)
    text = config.read_text("utf-8").replace("https://example.org/repo/", url)
    config.write_text(text, "utf-8")
    build_site(config, strict=True)
    yield url
    server.shutdown()


def test_an_unannotated_auto_caption_page_says_so_above_its_words(
    page: Any, plain_url: str
) -> None:
    page.goto(plain_url + PLAIN)
    head = page.locator(".ep-head")
    assert head.get_attribute("data-annotated") == "false"
    notes = page.locator(".ep-standing-note")
    assert notes.count() == 2
    for i, words in enumerate(("未标注", "未经校对的自动字幕")):
        assert notes.nth(i).is_visible()
        assert notes.nth(i).inner_text().startswith(words)
    first_line = page.locator(".ep-l").first.bounding_box()
    assert notes.last.bounding_box()["y"] < first_line["y"]
    assert no_horizontal_scroll(page)
    assert run_axe(page) == []
    screenshot(page, "plain-episode", full_page=True)


def test_its_speakers_anchors_and_downloads_work(page: Any, plain_url: str) -> None:
    page.goto(plain_url + PLAIN + "#L3")
    assert page.evaluate("location.hash") == "#L3"
    target = page.locator(".ep-l:target")
    assert target.get_attribute("id") == "L3" and target.get_attribute("data-speaker") == "acme"
    labels = [page.locator(".ep-speaker").nth(i).inner_text() for i in range(3)]
    assert labels == ["主持人甲", "甲公司", "主持人甲"]
    for link in page.locator(".ep-downloads a[download]").all():
        response = page.request.get(plain_url + PLAIN + (link.get_attribute("href") or ""))
        assert response.ok
        if not (link.get_attribute("href") or "").endswith(".srt"):  # SRT has no notes
            assert "未经校对的自动字幕" in response.text()


def test_search_finds_its_words(page: Any, plain_url: str) -> None:
    page.goto(plain_url)
    assert any(PLAIN in href for href in search(page, "沟通"))


def test_the_home_list_labels_it(page: Any, plain_url: str) -> None:
    page.goto(plain_url)
    row = page.locator(f".ep-item:has(a[href='{PLAIN}'])")
    tags = row.locator(".ep-standing-tag")
    words = [tags.nth(i).inner_text() for i in range(tags.count())]
    assert words == ["未标注", "未经校对的自动字幕"]
    assert tags.first.is_visible()
    screenshot(page, "plain-home")
