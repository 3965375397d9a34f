"""Check a whole site: data, every file under ``docs_dir``, every episode and draft.

Shared by the plugin (``on_files``) and ``episodes check``, so both say the same thing.
Pure Python: the caller lists the files (MkDocs' ``Files``, or a walk of the folder).
"""

from __future__ import annotations

import fnmatch
import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .addresses import same_address
from .catalog import Loaded
from .check import check_episode, check_folder
from .errors import Problem
from .media import AUDIO_TYPES, VIDEO_TYPES, extension, measured
from .model import Episode, Media
from .owners import Claims
from .parse import parse_episode
from .refs import with_skipped
from .textfile import decode

LIST_MARKER = "<!-- episodes -->"
"""Where in a page of the site's own the episode list goes."""

SHOWN_UNLISTED = 8
"""How many unlisted pages the summary names (then how many more)."""

PAGE_SUFFIXES = (".md", ".markdown", ".html", ".htm")
"""Files MkDocs publishes as pages or as raw HTML: each must be checked or refused."""


Parse = Callable[[str, str], tuple[Episode, list[Problem]]]
"""Parse an episode's ``(text, path)``: the episode and its problems."""


@dataclass(frozen=True)
class SourceFile:
    """A file under ``docs_dir``: its ``uri`` there, its path for messages, its bytes."""

    uri: str
    path: str
    read: Callable[[], bytes]
    real: Path | None = None
    """Where it really is (symlinks resolved), to refuse files from outside the project."""
    owner: str | None = None
    """The plugin that owns it (Material's blog, its post or index): left alone."""


@dataclass
class SiteCheck:
    """What checking a site found."""

    episodes: dict[str, Episode] = field(default_factory=dict)
    """Episodes to build, by uri."""
    left_out: set[str] = field(default_factory=set)
    """Uris of files that must not be published (unchecked pages, unreadable files,
    links out of the project, drafts not shown, colliding pages)."""
    drafts_left_out: int = 0
    hosts: list[str] = field(default_factory=list)
    """Uris of the site's pages that hold the episode list's marker (:data:`LIST_MARKER`)."""
    audio: dict[str, Media] = field(default_factory=dict)
    """Each episode's audio by uri, a file in the site measured (its type and length)."""
    problems: list[Problem] = field(default_factory=list)
    """Problems that fail a strict build, the data files' own errors first."""
    draft_problems: list[Problem] = field(default_factory=list)
    """Problems of drafts: warnings where drafts are built, information where they are
    left out (a team can keep unfinished drafts on main and still build strictly)."""


def page_url(uri: str) -> str:
    """The URL MkDocs gives a page (directory URLs): ``2025/x.md`` -> ``2025/x/``."""
    stem = uri.rsplit(".", 1)[0]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")].rstrip("/")
    return f"{stem}/" if stem else ""


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the archive is parsed or loaded from
    the cache and indexed: a million-odd objects that all stay alive, which the collector
    would walk again and again for nothing (1,000 cached episodes load in 0.5 s instead of
    3 s)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@collector_paused()
def check_site(
    data: Loaded,
    files: Iterable[SourceFile],
    *,
    episodes: list[str],
    pages: list[str],
    root: Path,
    show_drafts: bool,
    parse: Parse = parse_episode,
    claims: Claims | None = None,
    config_at: tuple[str, int] = ("mkdocs.yml", 1),
    checked: Callable[[str, Episode], None] | None = None,
) -> SiteCheck:
    """Check every file: ``episodes`` and ``pages`` are the glob patterns (relative to
    ``docs_dir``) of episode files and of pages allowed without the episode format.
    ``parse`` parses one episode's text (the plugin passes one that uses its cache);
    ``claims`` are what other plugins own (left alone); pages neither episodes, listed
    nor owned are left out, with one problem at ``config_at`` (the plugin's entry in
    ``mkdocs.yml``) that names them. ``checked(path, episode)`` is called once each
    episode is checked (the plugin lets go of its words then)."""
    check = _Check(data, episodes, pages, root, show_drafts, parse)
    check.checked = checked
    check.claims = claims or Claims()
    check.config_at = config_at
    for f in files:
        check.file(f)
    return check.result()


class _Check:
    """One check of a site (see :func:`check_site`), file by file."""

    def __init__(
        self,
        data: Loaded,
        episodes: list[str],
        pages: list[str],
        root: Path,
        show_drafts: bool,
        parse: Parse,
    ) -> None:
        self.data = data
        self.episodes = episodes
        self.pages = pages
        self.root = root
        self.show_drafts = show_drafts
        self.parse = parse
        self.found = SiteCheck()
        self.file_problems: list[Problem] = []
        self.urls: dict[str, tuple[str, str]] = {}
        self.claims = Claims()
        self.config_at = ("mkdocs.yml", 1)
        self.checked: Callable[[str, Episode], None] | None = None
        self.unlisted: list[str] = []
        self.media_files: dict[str, SourceFile] = {}
        self.paths: dict[str, str] = {}

    def file(self, f: SourceFile) -> None:
        """Check one file: refuse it, pass it by (not a page, or a page of its own), or
        read it as an episode."""
        if f.real is not None and not _inside(f.real, self.root):
            self.refuse(
                f,
                "is a link to a file outside the project",
                "copy the file into the project, or remove the link",
            )
            return
        if extension(f.uri) in AUDIO_TYPES or extension(f.uri) in VIDEO_TYPES:
            self.media_files[f.uri] = f
        if f.owner is not None or not f.uri.lower().endswith(PAGE_SUFFIXES):
            return
        if not _matches(f.uri, self.episodes):
            self.page(f)
            return
        if self.clashes(f):
            return
        text = self.text(f)
        if text is not None:
            self.episode(f, text)

    def page(self, f: SourceFile) -> None:
        """A page that is not an episode: kept when listed (``pages``), owned by another
        plugin or holding the episode list; else left out (named in one summary)."""
        if self.claims.of_path(f.uri):
            return
        listed = _matches(f.uri, self.pages)
        try:
            text, _ = decode(f.read(), f.path)
        except OSError:
            text = None
        if text is not None and LIST_MARKER in text:
            self.found.hosts.append(f.uri)
            return
        if listed or (text is not None and self.claims.of_text(text)):
            return
        self.unlisted.append(f.uri)
        self.found.left_out.add(f.uri)

    def unlisted_problem(self) -> list[Problem]:
        """The one problem naming every page left out for being neither an episode nor
        listed."""
        if not self.unlisted:
            return []
        names = sorted(self.unlisted)
        shown = ", ".join(names[:SHOWN_UNLISTED])
        if len(names) > SHOWN_UNLISTED:
            shown += f" and {len(names) - SHOWN_UNLISTED} more"
        path, line = self.config_at
        return [
            Problem(
                path,
                line,
                f"{len(names)} page(s) under docs_dir are not episodes and are left out, so "
                f"that nothing is published unchecked: {shown}",
                "list a page of the site's own under the episodes plugin's 'pages' option "
                f"(pages: [{', '.join(names[:3])}{', …' if len(names) > 3 else ''}], or a "
                "pattern such as 'about/*.md'); move an episode to <year>/<slug>.md",
            )
        ]

    def refuse(self, f: SourceFile, message: str, hint: str) -> None:
        """Leave a file out, with the problem that says why."""
        self.file_problems.append(Problem(f.path, 1, message, hint))
        self.found.left_out.add(f.uri)

    def clashes(self, f: SourceFile) -> bool:
        """Whether an episode file has the address of one before it (then it is refused);
        else the address is its."""
        url = page_url(f.uri)
        key = same_address(url)
        if key in self.urls:
            other, other_url = self.urls[key]
            why = (
                ""
                if other_url == url
                else " (names that differ only in case or in how an accent is encoded are "
                "one address in browsers and on macOS and Windows)"
            )
            self.refuse(
                f, f"has the same address /{url} as {other}{why}", "rename one of the two files"
            )
            return True
        self.urls[key] = (f.path, url)
        return False

    def text(self, f: SourceFile) -> str | None:
        """The file's text (None: it cannot be read or decoded, and is refused)."""
        try:
            raw = f.read()
        except OSError as e:
            self.refuse(f, f"cannot read the file ({e.strerror})", "check the file")
            return None
        text, unreadable = decode(raw, f.path)
        if text is None:
            assert unreadable is not None
            self.file_problems.append(unreadable)
            self.found.left_out.add(f.uri)
        return text

    def episode(self, f: SourceFile, text: str) -> None:
        """Parse and check an episode; keep it unless it is a draft not shown."""
        found = self.found
        self.paths[f.uri] = f.path
        episode, problems = self.parse(text, f.path)
        problems = list(problems)
        problems += check_episode(episode, self.data) + check_folder(f.uri, episode)
        if self.checked is not None:
            self.checked(f.path, episode)
        if episode.meta.draft:
            found.draft_problems += problems
            if not self.show_drafts:
                found.drafts_left_out += 1
                found.left_out.add(f.uri)
                return
        else:
            found.problems += problems
        found.episodes[f.uri] = episode

    def size(self, uri: str) -> int | None:
        """The size in bytes of a media file in the site (None: there is none)."""
        f = self.media_files.get(uri)
        if f is None:
            return None
        try:
            return f.real.stat().st_size if f.real is not None else len(f.read())
        except OSError:
            return None

    def measure_audio(self) -> None:
        """Every episode's audio, a file in the site with its type and length (a missing
        file, or one that contradicts what the author wrote, is a problem)."""
        for uri, episode in self.found.episodes.items():
            audio = episode.meta.audio
            if audio is None:
                continue
            where = (self.paths[uri], episode.meta.lines.get("audio", 1))
            audio, problems = measured(audio, self.size, sorted(self.media_files), where)
            self.found.audio[uri] = audio
            target = self.found.draft_problems if episode.meta.draft else self.found.problems
            target += problems

    def result(self) -> SiteCheck:
        """What the check found, its problems in order."""
        self.measure_audio()
        data, found = self.data, self.found
        # The data files' own errors first (a YAML error explains what follows it, and says
        # how many references it left unchecked), then everything else in file order.
        broken = {f"{data.rel}/{name}.yml" for name in data.broken}
        found.problems = (
            with_skipped(sorted(p for p in data.problems if p.path in broken), data)
            + sorted(p for p in data.problems if p.path not in broken)
            + self.unlisted_problem()
            + sorted(self.file_problems)
            + sorted(found.problems)
        )
        found.draft_problems.sort()
        return found


def rel_path(path: Path, root: Path) -> str:
    """``path`` relative to the project root, for messages (as given when outside it)."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _matches(uri: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(uri, p) for p in patterns)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True
