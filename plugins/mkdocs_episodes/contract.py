"""The dependency contract: every artifact a build makes, every input it is made from, and
the function that keys it, declared once.

A cached artifact is reused only under the key of all its inputs; an input that cannot be
fingerprinted fails closed (:class:`Unfingerprintable`: an error in the tests, a value that
never matches in a build). Keys carry :data:`FORMAT`, so entries of another shape are
never read. Paths in keys are relative to the project, so a moved project keeps its cache.

Sphinx declares per config value what a change invalidates and versions its pickled
environment; this table does the same for the plugin's artifacts.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.metadata
import os
import sys
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .cache import digest

FORMAT = "episodes-cache-3"
"""The shape of cache entries; a new value makes every entry a new one."""

VERSIONED = (
    "mkdocs",
    "mkdocs-material",
    "properdocs",
    "jinja2",
    "markupsafe",
    "markdown",
    "pymdown-extensions",
    "jieba",
    "rjieba",
    "pagefind",
    "pagefind-bin",
    "pagefind-bin-extended",
)
"""Distributions whose version shapes what the plugin makes (templates, Markdown, search)."""


class Unfingerprintable(TypeError):
    """A value an input holds whose type the contract cannot fingerprint."""


STRICT = "EPISODES_STRICT_FINGERPRINTS"
"""Set (the tests do) to make an input that cannot be fingerprinted an error rather than
a value that never matches (which makes a build remake every page, correctly but slowly)."""


@dataclass(frozen=True)
class Artifact:
    """Something a build makes, what it is made from, and where the cache keeps it."""

    name: str
    inputs: tuple[str, ...]
    kept: str | None
    """The cache folder of its entries (None: made anew or written by MkDocs)."""
    doc: str


ARTIFACTS: tuple[Artifact, ...] = (
    Artifact(
        "parsed episode",
        ("format", "code", "episode path", "episode text"),
        "parse",
        "The model of one episode file and its problems (see parse.py).",
    ),
    Artifact(
        "episode page",
        (
            "format",
            "code",
            "settings",
            "page uri",
            "page url",
            "episode source",
            "hosts and roles",
            "downloads",
            "reads",
        ),
        "page",
        "What the plugin gives MkDocs for an episode page; 'reads' are the catalog and index "
        "values rendering read, each with its fingerprint (see reads.py).",
    ),
    Artifact(
        "generated page",
        ("format", "code", "settings", "page uri", "page url", "page", "plan", "reads"),
        "page",
        "A home, policy, actor, stance or corrections page: 'plan' is its title and the "
        "fingerprint of every section's arguments (see pages.py).",
    ),
    Artifact(
        "search entry",
        ("format", "code", "settings", "search settings", "taught words", "page text"),
        "search",
        "What the site's search keeps of one page (Pagefind: its lean copy; Material: its "
        "entries), from the page as rendered: URL, title, content, headings, metadata.",
    ),
    Artifact(
        "search index",
        ("search entry of every page, in site order", "search settings", "code"),
        "pagefind-bundle",
        "The whole index a build publishes: always from an entry of every page the site "
        "has (a page without one is rendered again).",
    ),
    Artifact(
        "download",
        ("episode source", "hosts and roles", "names", "settings", "file name"),
        "download",
        "An episode's transcript files, made with its page (while its words are at hand) "
        "and written from the cache; under --dirty rewritten when this key changes.",
    ),
    Artifact("feed", ("its text",), None, "feed.xml, made from the index every build."),
    Artifact(
        "layout",
        ("format", "code", "config", "theme files"),
        None,
        "Every page's frame (mkdocs.yml with what it INHERITs and its !ENV values, the "
        "theme's templates and assets in the project): under --dirty a change remakes "
        "every page, the author's own pages too.",
    ),
    Artifact(
        "state",
        ("site_dir",),
        "state",
        "What the last build of one site folder was made from (for the next --dirty).",
    ),
)


# --- inputs ----------------------------------------------------------------------------


@cache
def code() -> str:
    """The plugin's own files (code, interface text, templates, script and styles) and the
    versions of what renders and searches pages: any change makes every entry new."""
    package = Path(__file__).parent
    parts: list[object] = [FORMAT, sys.version]
    for dist in VERSIONED:
        try:
            parts.append(f"{dist}={importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{dist}=-")
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    return digest(*parts)


def files(folders: Iterable[Path], root: Path) -> str:
    """Every file under ``folders`` that lies in the project (``root``), by its path
    relative to the project; folders outside it (an installed theme) are covered by their
    package's version in :func:`code`."""
    parts: list[object] = []
    for folder in folders:
        folder = folder.resolve()
        if not folder.is_dir() or not _inside(folder, root):
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                parts += [path.relative_to(root).as_posix(), path.read_bytes()]
    return digest(*parts)


def relative(path: str | os.PathLike[str] | None, root: Path) -> str | None:
    """A path as a key holds it: relative to the project when inside it."""
    if path is None:
        return None
    p = Path(path).resolve()
    return p.relative_to(root).as_posix() if _inside(p, root) else p.as_posix()


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def canonical(value: Any, root: Path, where: str = "config") -> object:
    """A config value as plain data that digests the same in every build: mappings, lists,
    text, numbers, dates; paths relative to the project; functions by their name and
    arguments. Any other type raises :class:`Unfingerprintable`."""
    if isinstance(value, str) and value.startswith(f"{root}{os.sep}"):
        return relative(value, root)  # an absolute path in the project (theme.custom_dir)
    if value is None or isinstance(value, (bool, int, float, str, dt.date)):
        return value
    if isinstance(value, Path):
        return relative(value, root)
    if isinstance(value, Mapping) or (hasattr(value, "items") and callable(value.items)):
        items = value.items()
        return {str(k): canonical(v, root, f"{where}.{k}") for k, v in sorted(items, key=repr)}
    if isinstance(value, (list, tuple, set, frozenset)):
        seq = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return [canonical(v, root, f"{where}[{i}]") for i, v in enumerate(seq)]
    return _named(value, root, where)


def _named(value: Any, root: Path, where: str) -> object:
    """A function, a partial or a locale by what names it (see :func:`canonical`); any
    other value raises :class:`Unfingerprintable`."""
    if isinstance(value, functools.partial):
        return {
            "partial": canonical(value.func, root, where),
            "args": canonical(value.args, root, where),
            "keywords": canonical(value.keywords, root, where),
        }
    if type(value).__name__ == "Locale" and hasattr(value, "language"):
        return f"locale:{value}"  # theme.locale (MkDocs' or Babel's): its tag says it all
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
        cells = [c.cell_contents for c in getattr(value, "__closure__", None) or ()]
        name = f"{value.__module__}.{value.__qualname__}"
        return {"function": name, "closure": canonical(cells, root, where)}
    raise Unfingerprintable(f"{where}: a {type(value).__name__}")


def _plugin_inputs(plugin: object, name: str) -> object:
    """A plugin's options; for a ``hooks:`` file (a module, with no options) its code,
    which can change any page."""
    if isinstance(plugin, types.ModuleType):
        try:
            return {"hook": digest(Path(plugin.__file__ or "").read_bytes())}
        except OSError as e:  # fail closed: what cannot be read cannot be compared
            raise Unfingerprintable(f"plugins: the hook '{name}' ({e})") from e
    return dict(plugin.config.items())  # type: ignore[attr-defined]


def config_digest(config: Mapping[str, Any], root: Path) -> str:
    """The site's resolved configuration (mkdocs.yml with what it INHERITs and its !ENV
    values applied; the theme's settings; every plugin's options) as a digest."""
    plain: dict[str, object] = {}
    for key, value in sorted(config.items()):
        if key == "theme":
            value = {"name": value.name, **dict(value.items()), "dirs": list(value.dirs)}
        elif key == "plugins":
            value = {name: _plugin_inputs(p, name) for name, p in value.items()}
        elif key == "hooks":  # their modules are among the plugins, by these names
            value = list(value)
        elif key in ("config_file_path", "docs_dir", "site_dir"):
            value = relative(value, root)
        plain[key] = canonical(value, root, key)
    return digest(repr(plain))


# --- keys ------------------------------------------------------------------------------


def parse_key(path: str, text: str) -> str:
    """The parsed episode of the file at ``path`` (relative to the project) holding
    ``text``."""
    return digest("parse", FORMAT, code(), path, text)


def settings_digest(
    language: str,
    site_url: str | None,
    site_name: str,
    directory_urls: bool,
    options: Mapping[str, Any],
    episode_templates: str,
) -> str:
    """What every page the plugin makes depends on besides its own inputs: the site's
    language, address and name, its URL style, the plugin's options and the episode
    templates (``partials/episodes/`` of the theme's folders)."""
    return digest(
        "settings",
        FORMAT,
        code(),
        language,
        site_url,
        site_name,
        directory_urls,
        sorted(options.items()),
        episode_templates,
    )


def layout_digest(config: str, theme_files: str) -> str:
    """Every page's frame (see the ``layout`` artifact)."""
    return digest("layout", FORMAT, code(), config, theme_files)


def state_key(site_dir: str | None) -> str:
    """The state of the last build into ``site_dir`` (relative to the project)."""
    return digest("state", FORMAT, site_dir)


def search_settings(engine: str, options: Mapping[str, Any], words: Iterable[str]) -> str:
    """What every page's search entry depends on besides the page: the engine and its
    options, and the words taught to a segmenter (Material's search with jieba)."""
    return digest("search", FORMAT, code(), engine, sorted(options.items()), sorted(words))


__all__ = [
    "ARTIFACTS",
    "FORMAT",
    "Artifact",
    "Unfingerprintable",
    "canonical",
    "code",
    "config_digest",
    "files",
    "layout_digest",
    "parse_key",
    "relative",
    "search_settings",
    "settings_digest",
    "state_key",
]
