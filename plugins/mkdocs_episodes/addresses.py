"""Where outputs go, and when two of them would go to one place (pure Python).

Two names are one address when they differ only in letter case or in how an accent is
encoded (NFC or NFD): browsers, macOS and Windows treat them as one. A file and a folder
cannot share a path either (``2025/one/transcript.vtt`` the file, and
``2025/one/transcript.vtt/index.html`` the page of ``2025/one/transcript.vtt.md``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


def same_address(path: str) -> str:
    """The form two paths share when they are one address: NFC, case folded."""
    return unicodedata.normalize("NFC", path).casefold()


@dataclass(frozen=True)
class Output:
    """A file the build writes: its path in the site, and the author's file it comes from
    (the page itself, or the episode whose download it is; empty for the site's own
    generated files: the feed, the policy and actor pages)."""

    dest: str
    owner: str = ""


def conflicts(outputs: Iterable[Output]) -> list[tuple[Output, Output]]:
    """Pairs ``(kept, clashing)`` of outputs that would be written to one place, or where
    one's path is a folder on the other's path. The site's own files are kept first, then
    the shallower path (an episode's downloads over a page in a folder of their name)."""
    ordered = sorted(outputs, key=lambda o: (o.owner != "", o.dest.count("/"), o.dest))
    files: dict[str, Output] = {}
    folders: dict[str, Output] = {}
    found: list[tuple[Output, Output]] = []
    for out in ordered:
        key = same_address(out.dest)
        parts = key.split("/")
        parents = ["/".join(parts[:i]) for i in range(1, len(parts))]
        clash = files.get(key) or folders.get(key)
        clash = clash or next((files[p] for p in parents if p in files), None)
        if clash is not None:
            found.append((clash, out))
            continue
        files[key] = out
        for p in parents:
            folders.setdefault(p, out)
    return found
