"""URLs between pages: site-root paths made relative to the page that links."""

from __future__ import annotations

import posixpath
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


def relative(url: str, from_url: str) -> str:
    """``url`` (site-root relative, e.g. ``policies/x/``) as seen from the page ``from_url``.

    Works the way MkDocs' ``get_relative_url`` does for directory URLs, without importing it.
    """
    if url.startswith(("http://", "https://", "#")):
        return url
    path, _, frag = url.partition("#")
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    if base and not base.endswith("/"):
        base += "/"
    rel = posixpath.relpath("/" + path, "/" + base) if path else ""
    if path.endswith("/") and rel != "." and not rel.endswith("/"):
        rel += "/"
    if rel == ".":
        rel = "./"
    return rel + (f"#{frag}" if frag else "")


def video_at(video: str, seconds: int) -> str:
    """A link to ``seconds`` into ``video`` (YouTube and Bilibili query, else a media fragment)."""
    parts = urlsplit(video)
    host = parts.netloc.lower()
    if host.endswith(("youtube.com", "youtu.be", "bilibili.com", "b23.tv")):
        query = [(k, v) for k, v in parse_qsl(parts.query) if k != "t"]
        query.append(("t", f"{seconds}s" if "youtube" in host else str(seconds)))
        return urlunsplit(parts._replace(query=urlencode(query), fragment=""))
    return urlunsplit(parts._replace(fragment=f"t={seconds}"))


def absolute(site_url: str | None, url: str) -> str:
    """A site URL (percent-encoded, as MkDocs gives it) made absolute with ``site_url``
    (root-relative when there is none): the one way every published address is made."""
    base = site_url or "/"
    return base.rstrip("/") + "/" + url.lstrip("/")
