"""The ``episodes`` command.

- ``episodes new TRANSCRIPT --title … --date … --show …``: draft an episode from subtitles;
- ``episodes import FOLDER``: every episode of a folder (yt-dlp downloads, transcripts),
  published as unannotated transcripts;
- ``episodes status``: every episode, newest first: annotated or not, reviewed or not;
- ``episodes check``: check the whole site (episodes, drafts, data) without building it;
- ``episodes reference``: print the format reference generated from the schema.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml

from . import owners
from .actors_file import data_for_speakers, entries, with_actors, write_atomic
from .archive import is_episode
from .bulk import Importer, Outcome, kind_of, speakers
from .catalog import load_catalog, load_data
from .checks import Found, Invalid
from .config_check import plugin_line
from .errors import one_of
from .importer import ImportError_, Transcript, draft, load_transcript, slug_for, source_name
from .model import Catalog, Imported
from .parse import parse_episode
from .readers import MARKERS
from .renumbered import renumbered
from .schema import FRONT_MATTER
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
    plugins: dict[str, dict[Any, Any]] = field(default_factory=dict)
    """Every plugin listed, by name, with its options (what other plugins own)."""
    language: str | None = None
    """The site's language (``theme.language``): the language of texts the commands write."""


def site_config(config_file: Path) -> SiteConfig:
    """Read mkdocs.yml (without running its tags) for the folders and plugin options."""
    base = config_file.parent  # paths as the user gave them (printed back to them)
    config = _read_config(config_file)
    site = SiteConfig(
        config_file.resolve().parent, base / str(config.get("docs_dir") or "docs"), base / "data"
    )
    plugins = config.get("plugins") or []
    for plugin in plugins.items() if isinstance(plugins, dict) else plugins:
        name, options = _plugin_entry(plugin)
        if name:
            site.plugins[name] = options
    if "episodes" in site.plugins:
        _plugin_options(site, site.plugins["episodes"], base)
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("language"), str):
        site.language = theme["language"]
    return site


def _plugin_entry(entry: Any) -> tuple[str | None, dict[Any, Any]]:
    """A plugin's name and options from an entry of ``plugins:`` (a name, a one-key
    mapping, or a pair of the mapping form)."""
    if isinstance(entry, str):
        return entry, {}
    if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], str):
        return entry[0], entry[1] if isinstance(entry[1], dict) else {}
    if isinstance(entry, dict) and len(entry) == 1:
        name, options = next(iter(entry.items()))
        return str(name), options if isinstance(options, dict) else {}
    return None, {}


def _read_config(config_file: Path) -> dict[Any, Any]:
    """mkdocs.yml as a mapping ({} when it cannot be read, or is not one)."""
    try:
        config: Any = yaml.load(config_file.read_text("utf-8"), _ConfigLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        config = {}
    return config if isinstance(config, dict) else {}


def _plugin_options(site: SiteConfig, options: dict[Any, Any], base: Path) -> None:
    """The episodes plugin's options that the commands need, into ``site``."""
    site.data = base / str(options.get("data_dir") or "data")
    for key in ("episodes", "pages"):
        if isinstance(options.get(key), list):
            setattr(site, key, [str(p) for p in options[key]])
    site.drafts = str(options.get("drafts") or "serve")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date — write YYYY-MM-DD") from None


class _ArgumentParser(argparse.ArgumentParser):
    """A mistake in the command line is one line with its fix, like every other."""

    def error(self, message: str) -> NoReturn:
        hint = "" if " — " in message else f" — see '{self.prog} --help'"
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message}{hint}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(prog="episodes", description="Tools for commentary-episode sites.")
    sub = parser.add_subparsers(dest="command", required=True)
    commands = [
        _new_parser(sub),
        _import_parser(sub),
        _check_parser(sub),
        _split_parser(sub),
        sub.add_parser(
            "reference",
            help="print the format reference (FORMAT.md) generated from the schema",
        ),
        sub.add_parser(
            "status",
            help="list every episode, newest first: annotated or not, automatic captions "
            "reviewed or not",
        ),
    ]
    for p in commands:
        p.add_argument(
            "-f",
            "--config-file",
            type=Path,
            default=Path("mkdocs.yml"),
            help="the site's mkdocs.yml (default: ./mkdocs.yml)",
        )
    return parser


def _new_parser(sub: argparse._SubParsersAction[_ArgumentParser]) -> argparse.ArgumentParser:
    """``episodes new``'s arguments."""
    new = sub.add_parser(
        "new",
        help="make a draft episode from a transcript (WebVTT, SRT, JSON, Markdown or text)",
        description="Write episodes/<year>/<slug>.md from a transcript and print its path.",
    )
    new.add_argument(
        "transcript",
        type=Path,
        help="WebVTT or SRT subtitles, a Podcasting 2.0 JSON transcript, Markdown or plain "
        "text (read by what it holds, whatever its suffix)",
    )
    new.add_argument("--title", required=True, help="the episode title")
    new.add_argument("--date", required=True, type=_date, help="publication date, YYYY-MM-DD")
    new.add_argument("--show", required=True, help="show id from data/shows.yml")
    new.add_argument("--slug", help="file name (default: made from the title)")
    new.add_argument("--video", help="the episode's video page (https://…)")
    _reading_options(new, unknown_speakers="printed)")
    return new


def _import_parser(sub: argparse._SubParsersAction[_ArgumentParser]) -> argparse.ArgumentParser:
    """``episodes import``'s arguments."""
    bulk = sub.add_parser(
        "import",
        help="publish every episode of a folder (yt-dlp downloads or transcripts) as an "
        "unannotated transcript",
        description="Write docs_dir/<year>/<slug>.md for each episode in FOLDER: yt-dlp's "
        "<name>.info.json beside <name>.<lang>.vtt or .srt, or transcripts named "
        "YYYY-MM-DD-<title>.txt (.md, .srt, .vtt, .json). Not drafts: published with "
        "'annotated: false'. Run it again to add what is new; nothing is overwritten.",
    )
    bulk.add_argument("folder", type=Path, help="the folder to import (subfolders too)")
    bulk.add_argument(
        "--show", help="show id from data/shows.yml (may be left out when there is one show)"
    )
    bulk.add_argument(
        "--lang",
        help="the language of the episodes' words, to choose caption files (default: the "
        "show's language in data/shows.yml)",
    )
    _reading_options(bulk, unknown_speakers="reported and their episodes skipped)")
    return bulk


def _reading_options(p: argparse.ArgumentParser, unknown_speakers: str) -> None:
    """The options of ``new`` and ``import`` for reading transcripts (``unknown_speakers``:
    the end of --add-actors' help, what happens without it)."""
    p.add_argument(
        "--add-actors",
        action="store_true",
        help="append the speakers who are not in data/actors.yml to it (else they are "
        + unknown_speakers,
    )
    p.add_argument(
        "--split-sentences",
        action="store_true",
        help="split long lines at sentence ends (。！？!?. and …); no character other "
        "than the whitespace at a split changes",
    )
    p.add_argument(
        "--marker",
        action="append",
        default=[],
        metavar="WORD",
        help="a label that marks a moment, not a speaker (like the default 'Break': "
        "'**Break:** [15:41]' becomes the line '[15:41] [Break]'); repeatable",
    )


def _check_parser(sub: argparse._SubParsersAction[_ArgumentParser]) -> argparse.ArgumentParser:
    """``episodes check``'s arguments."""
    check = sub.add_parser(
        "check",
        help="check the whole site (episodes, drafts, data) without building it",
        description="Print every problem as path:line: what — how to fix; exit 1 if any. "
        "Problems of drafts are printed marked [draft] and do not count unless --drafts.",
    )
    check.add_argument("--drafts", action="store_true", help="count drafts' problems too")
    check.add_argument("files", nargs="*", help=argparse.SUPPRESS)  # pre-commit passes them
    return check


def _split_parser(sub: argparse._SubParsersAction[_ArgumentParser]) -> argparse.ArgumentParser:
    """``episodes split``'s arguments."""
    split = sub.add_parser(
        "split",
        help="split one transcript line at its sentence ends (a published episode: "
        "recorded as a correction, and every other line keeps its number)",
        description="Cut the line at its sentence ends (。！？!?. and …), changing no "
        "character but the whitespace at each cut. In a draft the lines after it are "
        "renumbered; in a published episode the parts become L57, L57.2, … and a "
        "correction with split: {L57: n} is added, so readers' links keep working.",
    )
    split.add_argument("file", type=Path, help="the episode's Markdown file")
    split.add_argument("line", help="the line's anchor: L57 (or L57.2)")
    split.add_argument(
        "--reason", help="why, for the correction (default: so a position can mark one sentence)"
    )
    split.add_argument(
        "--dry-run", action="store_true", help="print the lines it would make; change nothing"
    )
    split.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        default=dt.date.today(),
        help="the correction's date, YYYY-MM-DD (default: today)",
    )
    return split


def split_command(args: argparse.Namespace) -> int:
    """``episodes split``: one line cut at its sentence ends, logged when published."""
    from .split_line import split_line

    site = _site(args.config_file)
    path: Path = args.file
    if not path.is_file():
        raise ImportError_(f"{path}: no such file — give the episode's Markdown file")
    rel = rel_path(path.resolve(), site.root)
    docs = site.docs.resolve()
    uri = path.resolve().relative_to(docs).as_posix() if path.resolve().is_relative_to(docs) else ""
    if not is_episode(uri, site.episodes):
        raise ImportError_(
            f"{rel}: not an episode of this site — give a file under {rel_path(docs, site.root)}/"
            f" that matches the plugin's episodes patterns ({', '.join(site.episodes)})"
        )
    done = split_line(path, rel, args.line, args.date, site.language, args.reason, args.dry_run)
    what = "a correction records it" if done.corrected else "a draft: later lines renumbered"
    if args.dry_run:
        print(f"{rel}:{done.line}: would split into {', '.join(done.anchors)} ({what}):")
        print("\n".join(f"  {p}" for p in done.pieces))
        return 0
    print(f"{rel}:{done.line}: split into {', '.join(done.anchors)} ({what})")
    return 0


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
        if args.command == "import":
            return import_command(args)
        if args.command == "split":
            return split_command(args)
        if args.command == "status":
            from .status import status

            print(status(_site(args.config_file)), end="")
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
    if args.files and not _touches(site, args.config_file, args.files):
        print(f"episodes: none of the {len(args.files)} file(s) is the site's", file=sys.stderr)
        return 0
    data_rel = rel_path(site.data, site.root)
    docs_rel = rel_path(site.docs, site.root)
    data = load_data(site.data, data_rel)
    show_drafts = site.drafts == "always"
    claims = owners.claims(site.plugins)
    config_at = (rel_path(args.config_file, site.root), plugin_line(str(args.config_file)))
    result = check_site(
        data,
        _walk(site.docs, docs_rel),
        episodes=site.episodes,
        pages=site.pages,
        root=site.root,
        show_drafts=show_drafts,
        claims=claims,
        config_at=config_at,
    )
    problems = result.problems + read_search_words(site.data / "search_words.txt", data_rel)[1]
    # only here, where git is: a published episode's lines renumbered since the last commit
    problems += renumbered(site.root, ((e.path, e) for e in result.episodes.values()))
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


def _touches(site: SiteConfig, config_file: Path, files: list[str]) -> bool:
    """Whether any of ``files`` (as pre-commit passes them: relative to the repository,
    which is the current folder) is the site's: under docs_dir or the data folder, or
    mkdocs.yml."""
    folders = [site.docs.resolve(), site.data.resolve()]
    config = config_file.resolve()
    for name in files:
        path = Path(name).resolve()
        if path == config or any(path.is_relative_to(f) for f in folders):
            return True
    return False


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


def _checked(key: str, flag: str, value: str) -> None:
    """Refuse an option whose value the front matter would refuse, with the fix."""
    try:
        FRONT_MATTER.fields[key].check(value, Found())
    except Invalid as e:
        raise ImportError_(f"{flag} {e.what} — {e.hint}") from None


def _folder_for(target: Path) -> None:
    """Make the target's folder, or say why it cannot be (a file or a broken link there)."""
    for folder in reversed([target.parent, *target.parent.parents]):
        if os.path.lexists(folder) and not folder.is_dir():
            raise ImportError_(
                f"{folder} is not a folder (a file or a link to nothing) — rename or "
                "remove it (nothing written)"
            )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ImportError_(
            f"cannot make the folder {target.parent} ({e.strerror}) — check its permissions"
        ) from None


def new_episode(args: argparse.Namespace) -> Path:
    """Import ``args.transcript`` and write the draft; returns its path."""
    site = _site(args.config_file)
    data = site.data
    catalog, _ = load_catalog(data)
    target = _new_target(args, site, catalog)
    transcript = _read_new(args, catalog)
    texts, taken = data_for_speakers(data, args.add_actors)
    ids = actor_ids(speakers(transcript), catalog, taken)
    text = _new_draft(args, catalog, transcript, ids)
    _, problems = parse_episode(text, str(target))
    if problems:  # a bug in the importer, never the editor's: say so rather than write it
        raise ImportError_(f"the draft would not build ({problems[0]}); please report this")
    new = {name: rid for name, rid in ids.items() if rid not in catalog.actors}
    actors_text = with_actors(texts, new, data) if new and args.add_actors else None
    _write_new(target, text)
    _new_speakers(data, new, actors_text, target)
    return target


def _new_target(args: argparse.Namespace, site: SiteConfig, catalog: Catalog) -> Path:
    """The draft's path, once the options are checked (show, title, video, slug) and the
    path is free and an episode's."""
    data = site.data
    if args.show not in catalog.shows:
        hint = one_of(args.show, catalog.shows, "an id")
        raise ImportError_(f"unknown show '{args.show}' — {hint} (from {data}/shows.yml)")
    _checked("title", "--title", args.title)
    if args.video:
        _checked("video", f"--video '{args.video}'", args.video)
    slug = args.slug or slug_for(args.title)
    if slug_for(slug) != slug:
        raise ImportError_(f"--slug '{slug}' — use letters, digits and hyphens")
    target = site.docs / str(args.date.year) / f"{slug}.md"
    uri = f"{args.date.year}/{slug}.md"
    if not is_episode(uri, site.episodes):
        raise ImportError_(
            f"{uri} would not be an episode under the plugin's 'episodes' patterns in "
            "mkdocs.yml — add a pattern that matches <year>/<slug>.md"
        )
    if os.path.lexists(target):
        what = "already exists" if target.exists() else "already exists (a link to nothing)"
        raise ImportError_(f"{target} {what} — choose another --slug (nothing written)")
    return target


def _read_new(args: argparse.Namespace, catalog: Catalog) -> Transcript:
    """The transcript of ``episodes new``, what reading it noticed printed."""
    known = [n for a in catalog.actors.values() for n in a.name.all()]
    transcript = load_transcript(
        args.transcript,
        known,
        markers=(*MARKERS, *args.marker),
        sentences=args.split_sentences,
    )
    for note in transcript.notes:
        print(f"episodes: {args.transcript}: {note}", file=sys.stderr)
    return transcript


def _new_draft(
    args: argparse.Namespace, catalog: Catalog, transcript: Transcript, ids: dict[str, str]
) -> str:
    """The text of the draft (``ids``: each speaker's actor id)."""
    show_hosts = catalog.shows[args.show].hosts
    speaking = list(dict.fromkeys(ids.values()))
    # the show's hosts are the episode's by default; anyone else who speaks is a guest
    guests = tuple(a for a in speaking if a not in show_hosts)
    return draft(
        transcript.cues,
        title=args.title,
        date=args.date,
        show=args.show,
        video=args.video,
        ids=ids,
        guests=guests,
        imported=Imported(
            source_name(args.transcript), transcript.sha256, kind_of(transcript), False
        ),
    )


def _write_new(target: Path, text: str) -> None:
    """Write the draft, never over a file."""
    _folder_for(target)
    try:
        with target.open("x", encoding="utf-8") as f:
            f.write(text)
    except FileExistsError:
        raise ImportError_(
            f"{target} already exists — choose another --slug (nothing written)"
        ) from None
    except OSError as e:
        raise ImportError_(f"cannot write {target} ({e.strerror}) — check the folder") from None


def _new_speakers(data: Path, new: dict[str, str], actors_text: str | None, target: Path) -> None:
    """Add the draft's new speakers to actors.yml (``actors_text``: its new text, with
    --add-actors), or print the entries to add."""
    if actors_text is not None:
        try:
            write_atomic(data / "actors.yml", actors_text)
        except OSError as e:
            raise ImportError_(
                f"{data}/actors.yml: cannot write it ({e.strerror}); the draft {target} was "
                f"written — add these speakers by hand:{' '.join(entries(new).split())}"
            ) from None
        print(f"episodes: added {len(new)} speaker(s) to {data}/actors.yml", file=sys.stderr)
    elif new:
        print(
            f"episodes: add these speakers to {data}/actors.yml (or rerun with "
            f"--add-actors; check each kind):{entries(new)}",
            file=sys.stderr,
        )


def import_command(args: argparse.Namespace) -> int:
    """``episodes import FOLDER``: 0 when everything new was imported, 1 when some files
    could not be (each reason printed), 2 for a mistake in the command."""
    site = _site(args.config_file)
    if not args.folder.is_dir():
        raise ImportError_(f"{args.folder}: not a folder — give the folder of the downloads")
    catalog, _ = load_catalog(site.data)
    show = args.show
    if show is None:
        if len(catalog.shows) != 1:
            hint = one_of("", catalog.shows, "an id")
            raise ImportError_(f"which show? — pass --show; {hint} (from {site.data}/shows.yml)")
        show = next(iter(catalog.shows))
    elif show not in catalog.shows:
        hint = one_of(show, catalog.shows, "an id")
        raise ImportError_(f"unknown show '{show}' — {hint} (from {site.data}/shows.yml)")
    importer = Importer(
        site.docs,
        site.data,
        site.episodes,
        show,
        lang=args.lang or catalog.shows[show].language,
        add_actors=args.add_actors,
        sentences=args.split_sentences,
        markers=(*MARKERS, *args.marker),
    )
    outcome = importer.run(args.folder, _progress())
    for line in _summary(outcome, site.docs):
        print(line, file=sys.stderr)
    return 1 if outcome.failed else 0


PROGRESS_EVERY = 50
"""Without a terminal, a progress line every this many files."""


def _progress() -> Callable[[int, int], None]:
    """A counter on a terminal (redrawn in place), else a line every few files."""
    tty = sys.stderr.isatty()

    def show(i: int, n: int) -> None:
        if tty:
            end = "\n" if i == n else ""
            print(f"\repisodes: reading {i}/{n}", end=end, file=sys.stderr, flush=True)
        elif i % PROGRESS_EVERY == 0 and i < n:
            print(f"episodes: read {i} of {n} files", file=sys.stderr, flush=True)

    return show


def _summary(outcome: Outcome, docs: Path) -> list[str]:
    """The closing lines of an import: imported, skipped (by reason), notes."""
    skipped = sum(len(v) for v in outcome.skipped.values())
    lines = [
        f"episodes: imported {len(outcome.imported)} episode(s) into {docs}/, skipped "
        f"{skipped}" + (f", passed over {outcome.ignored} other file(s)" if outcome.ignored else "")
    ]
    if outcome.actors:
        lines.append(f"episodes: added {len(outcome.actors)} speaker(s) to actors.yml")
    for why, names in outcome.skipped.items():
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        lines.append(f"  skipped {len(names)}: {why}: {shown}")
    for note, files in sorted(outcome.notes.items()):
        lines.append(f"  note ({files} file(s)): {note}")
    return lines


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
