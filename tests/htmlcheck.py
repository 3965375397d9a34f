"""Parse errors in built pages, by the HTML standard's parsing algorithm (html5lib).

A missing space between attributes (``class="a"data-x``) or a tag run into its attribute
(``<lidata-kind``) still renders in a browser, silently differently: only the parser's
error list shows it."""

from __future__ import annotations

from pathlib import Path

import html5lib


def html_errors(site: Path, limit: int = 20) -> list[str]:
    """``page:line:col: error`` for the parse errors of every page under ``site``."""
    out: list[str] = []
    for page in sorted(site.rglob("*.html")):
        parser = html5lib.HTMLParser()
        parser.parse(page.read_bytes(), transport_encoding="utf-8")
        for (line, col), code, data in parser.errors:
            out.append(f"{page.relative_to(site)}:{line}:{col}: {code} {data or ''}")
            if len(out) >= limit:
                return out
    return out
