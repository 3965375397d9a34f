"""Read a built site's search index back, whichever engine made it: Pagefind's fragments
(one per page: its URL and words) or Material's ``search_index.json``."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

ZWSP = "\u200b"


def pagefind_pages(site: Path) -> dict[str, str]:
    """URL -> the words Pagefind indexed of that page (Chinese rejoined)."""
    out = {}
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[len(b"pagefind_dcd") :])
        out[record["url"]] = record["content"].replace(ZWSP, "")
    return out


def entries(site: Path) -> list[str]:
    """Every entry of the site's search index as text, sorted (for comparing builds)."""
    if (site / "pagefind").is_dir():
        return sorted(f"{url}\t{text}" for url, text in pagefind_pages(site).items())
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    return sorted(json.dumps(d, sort_keys=True, ensure_ascii=False) for d in docs)


def found(site: Path, word: str) -> set[str]:
    """The pages (site URLs, without a leading '/') whose indexed words hold ``word``."""
    if (site / "pagefind").is_dir():
        return {u.lstrip("/") for u, text in pagefind_pages(site).items() if word in text}
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    return {d["location"].split("#")[0] for d in docs if word in d["text"]}
