"""Published episodes whose line numbers an edit changed, found by comparing each changed
episode with its last committed version (``episodes check``, and so the pre-commit hook).

A line added, removed or split by hand in a published episode gives every later line a new
number: a reader's ``#L58`` link then shows other words, and nothing in the file itself
says so. Only git knows what was published, so this check runs where git is — never in
``mkdocs build``, whose output must depend on the files alone.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

from .errors import Problem
from .model import Episode
from .parse import parse_episode


def _git(root: Path, *args: str) -> str | None:
    """Git's output, or None when there is no git, no repository or no such object."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, check=False, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace")


def renumbered(root: Path, episodes: Iterable[tuple[str, Episode]]) -> list[Problem]:
    """A problem for each published episode (``(path relative to root, parsed episode)``)
    whose lines were renumbered since the last commit (``HEAD``)."""
    top = _git(root, "rev-parse", "--show-toplevel")
    changed = _git(root, "diff", "--name-only", "-z", "HEAD", "--", ".")
    if top is None or changed is None:
        return []
    base = Path(top.strip())
    changed_paths = {(base / p).resolve() for p in changed.split("\0") if p}
    problems = []
    for rel, episode in episodes:
        path = (root / rel).resolve()
        if path not in changed_paths:
            continue
        old_text = _git(root, "show", f"HEAD:{path.relative_to(base).as_posix()}")
        if old_text is None:
            continue  # new in this commit
        old, _ = parse_episode(old_text, rel)
        if old.meta.draft or episode.meta.draft:
            continue  # numbers of a draft are free: nobody links them yet
        problem = _compare(rel, old, episode)
        if problem is not None:
            problems.append(problem)
    return problems


def _compare(rel: str, old: Episode, new: Episode) -> Problem | None:
    """The problem, when ``new`` has another count of lines than ``old`` (the parts of a
    declared split aside) and the words under ``old``'s anchors moved. Words corrected in
    place renumber nothing; nor do lines added after the last one."""
    before = [(ln.anchor, "".join(ln.words.split())) for ln in old.lines]
    known = {a for a, _ in before}
    # the parts a correction declared (L57.2, …) are new anchors that break nothing
    after = [(ln.anchor, "".join(ln.words.split())) for ln in new.lines]
    kept = [(a, w) for a, w in after if a in known or "." not in a]
    if len(kept) == len(before):
        return None
    words_of = dict(kept)
    moved = next((a for a, w in before if words_of.get(a) != w), None)
    if moved is None:
        return None  # lines added at the end: no link pointed at them
    at = next((ln.source_line for ln in new.lines if ln.anchor == moved), 1)
    return Problem(
        rel,
        at,
        f"the published episode's lines are renumbered from #{moved} on ({len(before)} "
        f"lines before, {len(kept)} now): readers' links to them would show other words",
        "to split a line, undo it and run 'episodes split' (or record it under "
        "corrections: with split: {L57: 2}); to add or remove words, edit the line "
        "instead of adding or deleting one",
    )
