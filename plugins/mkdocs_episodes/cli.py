"""The ``episodes`` command.

- ``episodes new TRANSCRIPT --title … --date … --show …``: draft an episode from subtitles;
- ``episodes check``: check the whole site (episodes, drafts, data) without building it;
- ``episodes reference``: print the format reference generated from the schema.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .catalog import load_catalog, load_data
from .errors import one_of
from .importer import ImportError_, draft, read_transcript, slug_for
from .inline import url_problem
from .parse import parse_episode
from .search_words import read_search_words
from .site import SourceFile, check_site, rel_path
from .speakers import actor_ids

EXIT_BAD_INPUT = 2


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !!python tags (only two keys are needed)."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
_ConfigLoader.add_multi_constructor("!", lambda *_: None)


@dataclass
class SiteConfig:
    """What the commands need of mkdocs.yml: folders and the plugin's options."""

    root: Path
    docs: Path
    data: Path
    episodes: list[str] = field(default_factory=lambda: ["[0-9][0-9][0-9][0-9]/*.md"])
    pages: list[str] = field(default_factory=list)
    drafts: str = "serve"


def site_config(config_file: Path) -> SiteConfig:
    """Read mkdocs.yml (without running its tags) for the folders and plugin options."""
    base = config_file.parent  # paths as the user gave them (printed back to them)
    try:
        config: Any = yaml.load(config_file.read_text("utf-8"), _ConfigLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        config = {}
    if not isinstance(config, dict):
        config = {}
    site = SiteConfig(
        config_file.resolve().parent, base / str(config.get("docs_dir") or "docs"), base / "data"
    )
    for plugin in config.get("plugins") or []:
        options = plugin.get("episodes") if isinstance(plugin, dict) else None
        if isinstance(options, dict):
            site.data = base / str(options.get("data_dir") or "data")
            for key in ("episodes", "pages"):
                if isinstance(options.get(key), list):
                    setattr(site, key, [str(p) for p in options[key]])
            site.drafts = str(options.get("drafts") or "serve")
    return site


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
        "--add-actors",
        action="store_true",
        help="append the speakers who are not in data/actors.yml to it (else they are printed)",
    )
    new.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the site's mkdocs.yml (default: ./mkdocs.yml)",
    )
    check = sub.add_parser(
        "check",
        help="check the whole site (episodes, drafts, data) without building it",
        description="Print every problem as path:line: what — how to fix; exit 1 if any. "
        "Problems of drafts are printed marked [draft] and do not count unless --drafts.",
    )
    check.add_argument("--drafts", action="store_true", help="count drafts' problems too")
    check.add_argument("files", nargs="*", help=argparse.SUPPRESS)  # pre-commit passes them
    sub.add_parser(
        "reference",
        help="print the format reference (FORMAT.md) generated from the schema",
    )
    for p in (check, sub.choices["reference"]):
        p.add_argument(
            "-f",
            "--config-file",
            type=Path,
            default=Path("mkdocs.yml"),
            help="the site's mkdocs.yml (default: ./mkdocs.yml)",
        )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit code (1: problems found; 2: bad input, with one
    line on stderr). Never a traceback: an unexpected error is one line too."""
    for stream in (sys.stdout, sys.stderr):
        # a terminal that cannot show a character gets '?' rather than a traceback
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return check_command(args)
        if args.command == "reference":
            from .reference import reference

            print(reference(), end="")
            return 0
        print(new_episode(args))
    except ImportError_ as e:
        print(f"episodes: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as e:
        print(
            f"episodes: internal error ({type(e).__name__}: {e}) — please report it",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    return 0


def check_command(args: argparse.Namespace) -> int:
    """``episodes check``: the same checks as a build, in a fraction of its time."""
    site = _site(args.config_file)
    data_rel = rel_path(site.data, site.root)
    docs_rel = rel_path(site.docs, site.root)
    data = load_data(site.data, data_rel)
    show_drafts = site.drafts == "always"
    result = check_site(
        data,
        _walk(site.docs, docs_rel),
        episodes=site.episodes,
        pages=site.pages,
        root=site.root,
        show_drafts=show_drafts,
    )
    problems = result.problems + read_search_words(site.data / "search_words.txt", data_rel)[1]
    for problem in problems:
        print(problem)
    for problem in result.draft_problems:
        print(f"{problem} [draft]")
    counted = len(problems) + (len(result.draft_problems) if args.drafts else 0)
    episodes = len(result.episodes) + result.drafts_left_out
    print(
        f"episodes: checked {episodes} episode(s) and the data: {len(problems)} problem(s), "
        f"{len(result.draft_problems)} in drafts",
        file=sys.stderr,
    )
    return 1 if counted else 0


def _site(config_file: Path) -> SiteConfig:
    if not config_file.is_file():
        raise ImportError_(
            f"{config_file}: no such file — run this in the site's folder "
            "or pass -f path/to/mkdocs.yml"
        )
    return site_config(config_file)


def _walk(docs: Path, docs_rel: str) -> list[SourceFile]:
    """Every file under ``docs`` (as MkDocs finds them: links followed, hidden skipped)."""
    out = []
    for folder, dirs, names in os.walk(docs, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            uri = path.relative_to(docs).as_posix()
            out.append(
                SourceFile(uri, f"{docs_rel}/{uri}", path.read_bytes, Path(os.path.realpath(path)))
            )
    return out


def new_episode(args: argparse.Namespace) -> Path:
    """Import ``args.transcript`` and write the draft; returns its path."""
    site = _site(args.config_file)
    docs, data = site.docs, site.data
    catalog, _ = load_catalog(data)
    if args.show not in catalog.shows:
        hint = one_of(args.show, catalog.shows, "an id")
        raise ImportError_(f"unknown show '{args.show}' — {hint} (from {data}/shows.yml)")
    if args.video and (bad := url_problem(args.video)) is not None:
        raise ImportError_(f"--video '{args.video}' {bad[0]} — {bad[1]}")
    slug = args.slug or slug_for(args.title)
    if slug_for(slug) != slug:
        raise ImportError_(f"--slug '{slug}' — use letters, digits and hyphens")
    known = [n for a in catalog.actors.values() for n in (a.name.zh, a.name.en)]
    cues = read_transcript(args.transcript, known)
    names = list(dict.fromkeys(c.speaker for c in cues if c.speaker))
    ids = actor_ids(names, catalog)
    show_hosts = catalog.shows[args.show].hosts
    speaking = list(dict.fromkeys(ids.values()))
    # the show's hosts are the episode's by default; anyone else who speaks is a guest
    guests = tuple(a for a in speaking if a not in show_hosts)
    text = draft(
        cues,
        title=args.title,
        date=args.date,
        show=args.show,
        video=args.video,
        ids=ids,
        guests=guests,
    )
    target = docs / str(args.date.year) / f"{slug}.md"
    if target.exists():
        raise ImportError_(f"{target} already exists — choose another --slug (nothing written)")
    _, problems = parse_episode(text, str(target))
    if problems:  # a bug in the importer, never the editor's: say so rather than write it
        raise ImportError_(f"the draft would not build ({problems[0]}); please report this")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as f:
        f.write(text)
    new = {name: rid for name, rid in ids.items() if rid not in catalog.actors}
    if new:
        entries = "".join(
            f"\n{rid}:\n  name: {json.dumps(name, ensure_ascii=False)}\n  kind: person\n"
            for name, rid in new.items()
        )
        if args.add_actors:
            with (data / "actors.yml").open("a", encoding="utf-8") as f:
                f.write(entries)
            print(f"episodes: added {len(new)} speaker(s) to {data}/actors.yml", file=sys.stderr)
        else:
            print(
                f"episodes: add these speakers to {data}/actors.yml (or rerun with "
                f"--add-actors; check each kind):{entries}",
                file=sys.stderr,
            )
    return target


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
