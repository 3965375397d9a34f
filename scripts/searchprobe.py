"""A reader's first search on a built site, in headless Chromium: how long from typing the
query to the first result, and how many bytes of search files the browser fetched for it
(from the page's first load: Material's search downloads its whole index when the page
loads; Pagefind fetches pieces when the reader types).

    python scripts/searchprobe.py SITE_DIR PAGE QUERY   # prints JSON

Used by scripts/bench.py; needs Playwright and Debian's chromium.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SEARCH_FILES = ("/pagefind/", "/search/")
"""Where the two engines keep what a query needs (Pagefind's bundle, Material's index)."""


class _Counting(SimpleHTTPRequestHandler):
    fetched: ClassVar[dict[str, int]] = {}

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.is_file() and self.path.startswith(SEARCH_FILES):
            self.fetched[self.path] = path.stat().st_size
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def first_query(site: Path, page: str, query: str, timeout_s: float = 300) -> dict[str, Any]:
    """``{"seconds", "bytes", "files", "results"}`` of the first search for ``query``
    typed into the search box of ``page`` (a path under the site); ``seconds`` is None
    when no result came within ``timeout_s``."""
    from playwright.sync_api import sync_playwright

    _Counting.fetched = {}
    handler = functools.partial(_Counting, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{page}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.goto(url)
            tab.wait_for_load_state("networkidle")
            box = tab.locator("input.md-search__input")
            box.click()
            start = time.perf_counter()
            box.fill(query)
            box.press("End")
            results = tab.locator("#ep-search-results a, .md-search-result__item")
            try:
                results.first.wait_for(timeout=timeout_s * 1000)
                seconds: float | None = time.perf_counter() - start
            except Exception:  # playwright's TimeoutError: no result in time
                seconds = None
            count = results.count()
            browser.close()
    finally:
        server.shutdown()
    fetched = dict(_Counting.fetched)
    return {
        "seconds": seconds,
        "bytes": sum(fetched.values()),
        "files": len(fetched),
        "results": count,
    }


def index_bytes(site: Path) -> int:
    """The bytes of the search files the site publishes (either engine's)."""
    total = 0
    for folder in ("pagefind", "search"):
        for path in (site / folder).rglob("*"):
            if path.is_file():
                total += path.stat().st_size
    return total


if __name__ == "__main__":
    print(json.dumps(first_query(Path(sys.argv[1]), sys.argv[2], sys.argv[3])))
