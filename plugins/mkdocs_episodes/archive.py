"""The episodes a site already has, by their front matter only (pure Python).

``episodes import`` asks which sources were imported before; ``episodes status`` lists
every episode. Neither needs the transcript, so only the front matter is parsed (a few
lines, however long the episode).
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

from .model import Meta
from .parse import parse_episode, split_lines
from .transcript import ImportError_, read_bytes


@dataclass(frozen=True)
class Entry:
    """One episode file: where it is and what its front matter says."""

    path: Path
    uri: str
    """Its path under ``docs_dir`` (``2025/x.md``)."""
    meta: Meta


def is_episode(uri: str, patterns: list[str]) -> bool:
    """Whether ``uri`` (relative to ``docs_dir``) is an episode by the plugin's patterns."""
    return uri.endswith(".md") and any(fnmatch.fnmatch(uri, p) for p in patterns)


def front_meta(text: str, path: str) -> Meta:
    """The validated front matter of an episode's text (the body is not read)."""
    lines = split_lines(text)
    if lines and lines[0].rstrip() == "---":
        for end in range(1, len(lines)):
            if lines[end].rstrip() in ("---", "..."):
                text = "\n".join([*lines[: end + 1], "", "x"])
                break
    return parse_episode(text, path)[0].meta


def read_archive(docs: Path, patterns: list[str]) -> list[Entry]:
    """Every episode file under ``docs`` (as MkDocs finds them: links followed, hidden
    files skipped), in path order. Unreadable files are skipped (``episodes check`` says
    why)."""
    out = []
    for folder, dirs, names in os.walk(docs, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(folder) / name
            uri = path.relative_to(docs).as_posix()
            if name.startswith(".") or not is_episode(uri, patterns):
                continue
            try:
                text = read_bytes(path).decode("utf-8-sig")
            except (ImportError_, UnicodeDecodeError):
                continue
            out.append(Entry(path, uri, front_meta(text, uri)))
    return out
