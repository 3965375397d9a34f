"""One error type for every author mistake: where it is, what is wrong, how to fix it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """An author mistake at ``path:line``.

    ``path`` is relative to the site root (``episodes/2025/x.md``, ``data/actors.yml``);
    ``line`` counts from 1 (1 also when the mistake concerns the whole file: every
    message points at a line an editor can open).
    """

    path: str
    line: int
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} — {self.hint}"


def nearest(value: object, choices: Iterable[str]) -> str | None:
    """The closest of ``choices`` to ``value`` (for "did you mean" hints), or None."""
    found = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def one_of(
    value: object, choices: Iterable[str], what: str = "one of", limit: int | None = 12
) -> str:
    """A hint naming the nearest valid choice, then all of them (the first ``limit``: ids
    of the data can be thousands; None: all, for a short fixed list such as options)."""
    ordered = sorted(choices)
    guess = nearest(value, ordered)
    shown = ordered if limit is None or len(ordered) <= limit else [*ordered[:limit], "…"]
    listing = ", ".join(shown)
    if guess is not None:
        return f"did you mean '{guess}'? Use {what}: {listing}"
    return f"use {what}: {listing}" if ordered else "none are defined yet"


def internal_error(path: str, error: BaseException) -> Problem:
    """A failure of the plugin's own on an author's file: still one line, never a traceback
    (and ``mkdocs serve`` keeps answering)."""
    return Problem(
        path,
        1,
        f"the plugin failed on this file ({type(error).__name__}: {str(error)[:200]})",
        "this is a bug: please report it with the file; the file is left out until then",
    )
