"""The ``episodes`` command: ``episodes new TRANSCRIPT --title … --date … --show …``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import yaml

from .catalog import load_catalog
from .errors import one_of
from .importer import ImportError_, draft, read_transcript, slug_for
from .inline import url_problem
from .parse import parse_episode

EXIT_BAD_INPUT = 2


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !!python tags (only two keys are needed)."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
_ConfigLoader.add_multi_constructor("!", lambda *_: None)


def _site_dirs(config_file: Path) -> tuple[Path, Path]:
    """docs_dir and the plugin's data_dir, from mkdocs.yml (defaults: episodes, data)."""
    root = config_file.parent
    try:
        config: dict[str, Any] = yaml.load(config_file.read_text("utf-8"), _ConfigLoader) or {}
    except (OSError, yaml.YAMLError):
        config = {}
    docs = root / str(config.get("docs_dir") or "docs")
    data = root / "data"
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("episodes"), dict):
            data = root / str(plugin["episodes"].get("data_dir") or "data")
    return docs, data


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date — write YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="episodes", description="Tools for commentary-episode sites."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    new = sub.add_parser(
        "new",
        help="make a draft episode from a transcript (.txt, .srt or .vtt)",
        description="Write episodes/<year>/<slug>.md from a transcript and print its path.",
    )
    new.add_argument("transcript", type=Path, help="plain text, .srt or .vtt subtitles")
    new.add_argument("--title", required=True, help="the episode title")
    new.add_argument("--date", required=True, type=_date, help="publication date, YYYY-MM-DD")
    new.add_argument("--show", required=True, help="show id from data/shows.yml")
    new.add_argument("--slug", help="file name (default: made from the title)")
    new.add_argument("--video", help="the episode's video page (https://…)")
    new.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the site's mkdocs.yml (default: ./mkdocs.yml)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit code (2 for bad input, with one line on stderr)."""
    args = _parser().parse_args(argv)
    try:
        print(new_episode(args))
    except ImportError_ as e:
        print(f"episodes: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def new_episode(args: argparse.Namespace) -> Path:
    """Import ``args.transcript`` and write the draft; returns its path."""
    if not args.config_file.is_file():
        raise ImportError_(
            f"{args.config_file}: no such file — run this in the site's folder "
            "or pass -f path/to/mkdocs.yml"
        )
    docs, data = _site_dirs(args.config_file)
    catalog, _ = load_catalog(data)
    if args.show not in catalog.shows:
        hint = one_of(args.show, catalog.shows, "an id")
        raise ImportError_(f"unknown show '{args.show}' — {hint} (from {data}/shows.yml)")
    if args.video and (bad := url_problem(args.video)) is not None:
        raise ImportError_(f"--video '{args.video}' {bad[0]} — {bad[1]}")
    slug = args.slug or slug_for(args.title)
    if slug_for(slug) != slug:
        raise ImportError_(f"--slug '{slug}' — use letters, digits and hyphens")
    cues = read_transcript(args.transcript)
    text = draft(cues, title=args.title, date=args.date, show=args.show, video=args.video)
    target = docs / str(args.date.year) / f"{slug}.md"
    if target.exists():
        raise ImportError_(f"{target} already exists — choose another --slug (nothing written)")
    _, problems = parse_episode(text, str(target))
    if problems:  # a bug in the importer, never the editor's: say so rather than write it
        raise ImportError_(f"the draft would not build ({problems[0]}); please report this")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as f:
        f.write(text)
    return target


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
