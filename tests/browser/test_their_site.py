"""The plugin installed from its wheel into a show's own Material site with instant
navigation (issue 27): the page script works on pages reached without a full load, the
reader's choice survives moving away and back, and line numbers link their line."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import wheelsite
from browserkit import screenshot
from conftest import _Quiet

EPISODE = "2025/episode-one/"


@pytest.fixture(scope="module")
def their_url(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The show's site built with the installed wheel and served at its own ``site_url``
    (Material's instant navigation only takes over links to the address its sitemap
    names)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    root = wheelsite.site_of_its_own(tmp_path_factory.mktemp("their-site"), site_url=url)
    result = wheelsite.build(installed, root)
    assert result.returncode == 0, result.stderr
    server.RequestHandlerClass = functools.partial(_Quiet, directory=str(root / "site"))  # type: ignore[assignment]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()


def hidden(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.classList.contains('ep-hide-commentary')"))


def test_reached_by_instant_navigation_the_episode_page_works(page: Any, their_url: str) -> None:
    page.goto(their_url + "episodes/")
    page.wait_for_load_state("networkidle")  # Material has read the sitemap
    page.evaluate("window.__sameDocument = true")  # gone if the browser loads a new page
    page.locator(f'a[href$="{EPISODE}"]').first.click()
    page.wait_for_url(their_url + EPISODE)
    page.locator("[data-ep-toggle=commentary]").wait_for()
    assert page.evaluate("window.__sameDocument === true"), "not instant navigation"
    toggle = page.locator("[data-ep-toggle=commentary]")
    opinion = page.locator(".ep-opinion > p").first
    assert opinion.is_visible() and not hidden(page)
    toggle.click()
    assert hidden(page) and toggle.get_attribute("aria-pressed") == "true"
    assert not opinion.is_visible()
    screenshot(page, "their-site-hidden-commentary")
    # away and back, still without a full load: the choice and the button agree
    page.go_back()
    page.wait_for_url(their_url + "episodes/")
    page.go_forward()
    page.wait_for_url(their_url + EPISODE)
    page.locator("[data-ep-toggle=commentary]").wait_for()
    assert page.evaluate("window.__sameDocument === true")
    toggle = page.locator("[data-ep-toggle=commentary]")
    assert hidden(page) and toggle.get_attribute("aria-pressed") == "true"
    toggle.click()  # one listener: one click shows it again
    assert not hidden(page) and toggle.get_attribute("aria-pressed") == "false"
    assert page.locator(".ep-opinion > p").first.is_visible()


def test_a_line_number_links_its_line(page: Any, their_url: str) -> None:
    page.goto(their_url + EPISODE)
    line = page.locator("#L1")
    line.scroll_into_view_if_needed()
    box = line.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 5, box["y"] + box["height"] / 2)
    assert page.evaluate("location.hash") == "#L1"
    # the line is :target once the fragment navigation is done (on a loaded machine, a
    # moment after the hash reads #L1): wait for its highlight rather than race it
    page.wait_for_function(
        "() => { const bg = id => getComputedStyle(document.getElementById(id)).backgroundColor;"
        " return bg('L1') !== bg('L2'); }",
        timeout=5000,
    )
