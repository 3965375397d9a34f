"""References to data records, checked in one place for data files and episodes alike."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import Protocol

from .checks import HOMES
from .errors import Problem, one_of
from .model import Catalog, RefUse


class _Site(Protocol):
    catalog: Catalog
    problems: list[Problem]
    broken: set[str]
    skipped: Counter[str]
    rel: str


HINT_SEARCHES = 200
"""Most "did you mean" searches per check: each compares the id with every id of its
file, so thousands of unknown ids against thousands of records would take quadratic time."""


def check_refs(site: _Site, refs: Iterable[tuple[str, RefUse]]) -> list[Problem]:
    """The problems of references to ids their data file does not define.

    References into a file that could not be read are not reported one by one (its error
    is the one to fix): they are counted in ``site.skipped`` (see :func:`with_skipped`).
    """
    problems: list[Problem] = []
    hints: dict[tuple[str, str], str] = {}
    for path, ref in refs:
        if ref.scheme not in HOMES:  # in-page anchors and speaker turns: checked apart
            continue
        home = HOMES[ref.scheme]
        table = site.catalog.ids(ref.scheme)
        if ref.target in table:
            continue
        if home in site.broken:
            site.skipped[home] += 1
            continue
        key = (ref.scheme, ref.target)
        if key not in hints:
            hint = (
                one_of(ref.target, table, "an id")
                if len(hints) < HINT_SEARCHES
                else f"use an id defined in {site.rel}/{home}.yml"
            )
            hints[key] = f"{hint} (or add it to {site.rel}/{home}.yml)"
        problems.append(
            Problem(
                path,
                ref.source_line,
                f"{ref.field}: unknown {ref.scheme} '{ref.target}'"
                if ref.field
                else f"unknown {ref.scheme} '{ref.target}'",
                hints[key],
            )
        )
    return problems


def with_skipped(problems: list[Problem], site: _Site) -> list[Problem]:
    """``problems``, the first of each unreadable data file saying how many references to
    its ids were not checked (one mistake, one message: the count is not a second one)."""
    out = list(problems)
    for home, count in sorted(site.skipped.items()):
        path = f"{site.rel}/{home}.yml"
        mine = [i for i, p in enumerate(out) if p.path == path]
        note = f"{count} reference(s) to its ids are checked once it can be read"
        if mine:
            i = min(mine, key=lambda k: (out[k].line, k))
            out[i] = replace(out[i], hint=f"{out[i].hint} ({note})")
        else:  # not reached: a file is unreadable because of a problem of its own
            out.append(Problem(path, 1, "this file could not be read", f"fix it ({note})"))
    return out
