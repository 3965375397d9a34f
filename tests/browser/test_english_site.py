"""The English site in a browser: English interface, lang attributes, search, axe-core."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from browserkit import no_horizontal_scroll, screenshot
from conftest import _Quiet
from english import write_english_site
from sitekit import build_site
from test_reading import run_axe

EPISODE = "2025/chip-rule/"


def _served(site: Path) -> Iterator[str]:
    """A built site over HTTP on a free loopback port, while the fixture lives."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def en_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _served(build_site(write_english_site(tmp_path_factory.mktemp("en")), strict=True))


@pytest.mark.parametrize("path", ["", EPISODE, "policies/chip-rule/", "actors/acme/", "stances/"])
def test_english_pages_have_no_axe_violations(page: Any, en_url: str, path: str) -> None:
    page.goto(en_url + path)
    assert run_axe(page) == []


def test_english_episode_reads_in_english(page: Any, en_url: str) -> None:
    page.goto(en_url + EPISODE)
    assert page.locator("html").get_attribute("lang") == "en"
    text = page.locator("article").inner_text()
    assert "Who said what" in text and "Editors' caveat" in text
    assert "The letter was sent before the rule changed." in text
    assert page.locator("#acme-supports").get_attribute("data-qualified-by") == "note-1"
    assert no_horizontal_scroll(page)
    screenshot(page, "english-episode", full_page=True)


@pytest.fixture(scope="module")
def second_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from secondshow import write_english

    yield from _served(build_site(write_english(tmp_path_factory.mktemp("second")), strict=True))


def test_multi_voice_episode_reads_on_a_phone_and_a_desktop(page: Any, second_url: str) -> None:
    page.goto(second_url + "2025/scooter-ban/")
    labels = page.locator(".ep-speaker")
    assert labels.count() > 50
    assert labels.first.inner_text().startswith("Ana Lima")
    assert page.locator(".ep-l[data-speaker]").count() == page.locator(".ep-l").count()
    clip = page.locator("#glide-trips")
    assert "Clip" in clip.inner_text() and "Priya Natarajan" in clip.inner_text()
    assert no_horizontal_scroll(page)
    assert run_axe(page) == []
    clip.scroll_into_view_if_needed()
    screenshot(page, "second-show-clip")
    screenshot(page, "second-show", full_page=False)
