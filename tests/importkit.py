"""Helpers for the importer's tests: run the command in a site folder, read what it wrote."""

from __future__ import annotations

import os
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path

from mkdocs_episodes.cli import main
from mkdocs_episodes.model import Line
from mkdocs_episodes.parse import parse_episode

CORPUS = Path(__file__).parent / "corpus" / "import"


def run_cli(root: Path, *args: str) -> tuple[int, str, str]:
    """``episodes ARGS`` in ``root``: exit code, stdout and stderr (stripped)."""
    cwd = os.getcwd()
    os.chdir(root)
    try:
        out, err = StringIO(), StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as e:  # argparse's own exit, on a command-line mistake
                code = e.code if isinstance(e.code, int) else 1
        return code, out.getvalue().strip(), err.getvalue().strip()
    finally:
        os.chdir(cwd)


def new(root: Path, source: Path, *extra: str) -> tuple[int, str, str]:
    """``episodes new`` with a title, date and show (show-a) and ``extra`` options."""
    return run_cli(
        root,
        "new",
        str(source),
        *("--title", "t", "--date", "2025-06-01", "--show", "show-a"),
        *extra,
    )


def lines_of(path: Path) -> list[Line]:
    """The transcript lines of an episode file, which must parse without a problem."""
    episode, problems = parse_episode(path.read_text("utf-8"), str(path))
    assert problems == [], problems
    return episode.lines


def said(path: Path) -> list[tuple[int | None, str]]:
    """``(seconds, words)`` of each transcript line (None: no timestamp)."""
    return [(x.timestamp.seconds if x.timestamp else None, x.words) for x in lines_of(path)]
