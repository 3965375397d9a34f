"""Published episodes whose line numbers an edit changed, found by comparing each changed
episode with its last committed version (``episodes check``, and so the pre-commit hook).

A line added, removed or split by hand in a published episode gives every later line a new
number: a reader's ``#L58`` link then shows other words, and nothing in the file itself
says so. Only git knows what was published, so this check runs where git is — never in
``mkdocs build``, whose output must depend on the files alone.
"""

from __future__ import annotations

import difflib
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
    """The problem, when a line of ``old`` is still in ``new`` with the same words under
    another anchor: the lines are aligned by their words, so a line deleted, added or split
    in the middle shows as the lines after it moving. Words corrected in place, lines added
    after the last one and a split a correction records move nothing."""
    before = [(ln.anchor, "".join(ln.words.split())) for ln in old.lines]
    after = [(ln.anchor, "".join(ln.words.split()), ln.source_line) for ln in new.lines]
    match = difflib.SequenceMatcher(
        None, [w for _, w in before], [w for _, w, _ in after], autojunk=False
    )
    for block in match.get_matching_blocks():
        for k in range(block.size):
            was, _ = before[block.a + k]
            now, _, at = after[block.b + k]
            if was != now:
                return Problem(
                    rel,
                    at,
                    f"the published episode's lines are renumbered: the words readers "
                    f"linked as #{was} are now #{now}, and the lines after move too",
                    "to split a line, undo it and run 'episodes split' (or record it under "
                    "corrections: with split: {L57: 2}); to add or remove words, edit the "
                    "line instead of adding or deleting one",
                )
    return None
