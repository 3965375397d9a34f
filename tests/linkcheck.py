"""Follow every internal link of a built site: each target file and anchor must exist."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from schemaorg_check import JSON_LD


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.labels: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "label" and a.get("for"):
            self.labels.append(a["for"] or "")
        for key in ("id", "name"):
            if a.get(key) and (key == "id" or tag == "a"):
                self.ids.add(a[key] or "")
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("alternate",)):
                self.links.append(a[key] or "")


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def broken_links(site: Path, base: str = "/") -> list[str]:
    """``page -> link: reason`` for every internal link that leads nowhere.

    ``base`` is the path of ``site_url`` (``/repo/`` for a GitHub project site): links that
    start with ``/`` must be under it.
    """
    pages: dict[Path, _Page] = {p: parse(p) for p in site.rglob("*.html")}
    problems: list[str] = []
    for path, page in pages.items():
        for target in page.labels:
            if target not in page.ids:
                problems.append(f"{path.relative_to(site)}: <label for={target!r}> has no target")
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
                continue
            target_path = unquote(parts.path)
            if target_path.startswith("/"):
                if not target_path.startswith(base):
                    problems.append(f"{path.relative_to(site)} -> {link}: outside {base}")
                    continue
                target_path = target_path[len(base) :] or "."
                rel_dir = ""
            else:
                rel_dir = path.parent.relative_to(site).as_posix()
            if target_path:
                joined = posixpath.normpath(posixpath.join(rel_dir, target_path))
                if joined.startswith(".."):
                    problems.append(f"{path.relative_to(site)} -> {link}: leaves the site")
                    continue
                target = site / joined
                if target.is_dir():
                    target = target / "index.html"
            else:
                target = path
            if not target.exists():
                problems.append(f"{path.relative_to(site)} -> {link}: no such file")
                continue
            frag = unquote(parts.fragment)
            if frag and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if frag not in ids:
                    problems.append(f"{path.relative_to(site)} -> {link}: no anchor #{frag}")
    return problems


def published_urls(site: Path, site_url: str) -> list[tuple[str, str]]:
    """``(where, url)`` of every absolute address of the site that it publishes: in pages'
    attributes (canonical, og:url, the feed link), JSON-LD, the feed and the sitemap."""
    import json
    import re

    found: list[tuple[str, str]] = []

    def walk(where: str, value: object) -> None:
        if isinstance(value, str) and value.startswith(site_url):
            found.append((where, value))
        elif isinstance(value, dict):
            for v in value.values():
                walk(where, v)
        elif isinstance(value, list):
            for v in value:
                walk(where, v)

    for page in sorted(site.rglob("*.html")):
        text = page.read_text("utf-8")
        rel = page.relative_to(site).as_posix()
        for url in re.findall(r'(?:href|content|src)="([^"]+)"', text):
            walk(rel, url.replace("&amp;", "&"))
        for block in JSON_LD.findall(text):
            walk(f"{rel} (JSON-LD)", json.loads(block))
    for name in ("feed.xml", "sitemap.xml"):
        path = site / name
        if path.exists():
            for url in re.findall(r"<(?:link|guid|loc)[^>]*>([^<]+)<", path.read_text("utf-8")):
                walk(name, url.replace("&amp;", "&"))
            for url in re.findall(r'href="([^"]+)"', path.read_text("utf-8")):
                walk(name, url.replace("&amp;", "&"))
    return found


def broken_published(site: Path, site_url: str) -> list[str]:
    """``where -> url: reason`` for every published absolute address of the site that
    leads to no file (or no anchor) in the built site."""
    problems: list[str] = []
    for where, url in published_urls(site, site_url):
        parts = urlsplit(url[len(site_url) :])
        path = unquote(parts.path)
        target = site / path if path else site
        if target.is_dir() or not path:
            target = target / "index.html"
        if not target.exists():
            problems.append(f"{where} -> {url}: no such file")
            continue
        frag = unquote(parts.fragment)
        if frag and target.suffix == ".html" and frag not in parse(target).ids:
            problems.append(f"{where} -> {url}: no anchor #{frag}")
    return problems
