"""``episodes status``: every episode, newest first — annotated or not, and whether its
words are automatic captions nobody has checked yet (pure Python)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol

from .archive import Entry, read_archive
from .captions import wide


class Site(Protocol):
    """What the listing needs of the site's configuration."""

    docs: Path
    episodes: list[str]


def _width(text: str) -> int:
    """Columns a text takes in a terminal (CJK characters take two)."""
    return sum(2 if wide(ch) else 1 for ch in text)


def words_of(entry: Entry) -> str:
    """Where an episode's words come from, as the listing says it."""
    imported = entry.meta.imported
    if imported is None:
        return "-"
    if imported.kind == "auto-captions":
        return "auto-captions, " + ("reviewed" if imported.reviewed else "UNREVIEWED")
    return imported.kind


def status(site: Site) -> str:
    """The listing: one line an episode (date, annotated, words, draft, path, title), newest
    first, then the counts."""
    entries = read_archive(site.docs, site.episodes)
    entries.sort(key=lambda e: (e.meta.date or dt.date.min, e.uri), reverse=True)
    rows = [("date", "annotated", "words", "file", "title"), *(_row(e) for e in entries)]
    lines = [*_aligned(rows), _counts(entries)]
    return "\n".join(line.rstrip() for line in lines) + "\n"


_Row = tuple[str, str, str, str, str]


def _row(e: Entry) -> _Row:
    """An episode's columns: date, annotated, words, file, title."""
    date = e.meta.date.isoformat() if e.meta.date else "?"
    annotated = "yes" if e.meta.annotated else "no"
    file = f"{e.uri} (draft)" if e.meta.draft else e.uri
    return (date, annotated, words_of(e), file, e.meta.title)


def _aligned(rows: list[_Row]) -> list[str]:
    """The rows as lines, every column but the last padded to its widest."""
    widths = [max(_width(r[i]) for r in rows) for i in range(4)]
    return [
        "  ".join([*(c + " " * (w - _width(c)) for c, w in zip(r[:4], widths, strict=True)), r[4]])
        for r in rows
    ]


def _counts(entries: list[Entry]) -> str:
    """The closing line: how many episodes, annotated or not, unreviewed and drafts."""
    unannotated = sum(1 for e in entries if not e.meta.annotated)
    unreviewed = sum(1 for e in entries if e.meta.unreviewed_captions)
    drafts = sum(1 for e in entries if e.meta.draft)
    return (
        f"{len(entries)} episode(s): {len(entries) - unannotated} annotated, {unannotated} "
        f"not annotated; {unreviewed} with unreviewed automatic captions; {drafts} draft(s)"
    )
