"""What the plugin renders with, registered with the site's theme: its templates (a folder
of the package put on the theme's search path, after the site's ``custom_dir`` so that a
site can override any of them), its styles and scripts (``extra_css`` and
``extra_javascript``, which Material writes on every page), and the one thing a plugin
cannot inject: the blocks of Material's ``main.html``. The package's own ``main.html``
extends ``episodes-base.html``, which holds them; a site with a ``main.html`` of its own
must extend ``episodes-base.html`` instead of ``base.html``, and :func:`base_problem` says
so, with the line to change, when it does not."""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2 import nodes
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig

from .errors import Problem

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "theme"
"""Episode templates, the page frame (``episodes-base.html``) and the assets."""
PAGEFIND_TEMPLATES = PACKAGE / "theme-pagefind"
"""Material's header with the search box of ``search: pagefind`` (only on that path when
Pagefind searches: with ``search: material`` the site keeps Material's header)."""

BASE = "episodes-base.html"
"""The template that holds the plugin's blocks of Material's ``main.html``."""
STYLES = "assets/episodes/episodes.css"
SCRIPT = "assets/episodes/episodes.js"
SEARCH_SCRIPT = "assets/episodes/search.js"


def register(config: MkDocsConfig, search: str) -> None:
    """Put the plugin's templates on the theme's search path and its styles and scripts
    in ``extra_css`` and ``extra_javascript`` (once, whatever runs ``on_config`` twice)."""
    wanted = [str(PAGEFIND_TEMPLATES)] if search == "pagefind" else []
    _on_path(config, [*wanted, str(TEMPLATES)])
    if STYLES not in config.extra_css:
        config.extra_css.append(STYLES)
    scripts = [str(s) for s in config.extra_javascript]
    if SCRIPT not in scripts:
        config.extra_javascript.append(SCRIPT)
    if search == "pagefind" and SEARCH_SCRIPT not in scripts:
        module = ExtraScriptValue(SEARCH_SCRIPT)
        module.type = "module"
        config.extra_javascript.append(module)


def register_frame(config: MkDocsConfig) -> None:
    """Only the templates on the theme's search path (the plugin switched off: pages are
    plain Markdown, but a site's ``main.html`` that extends ``episodes-base.html`` still
    finds it)."""
    _on_path(config, [str(TEMPLATES)])


def _on_path(config: MkDocsConfig, folders: list[str]) -> None:
    """Put ``folders`` (in this order) on the theme's search path, after the site's own
    ``custom_dir`` (its overrides stay first) and before the theme's; once each."""
    dirs = config.theme.dirs
    at = 1 if config.theme.custom_dir else 0
    for folder in reversed(folders):
        if folder not in dirs:
            dirs.insert(at, folder)


def base_problem(env: jinja2.Environment, root: Path) -> Problem | None:
    """The site's ``main.html`` does not lead to ``episodes-base.html`` (a ``custom_dir``
    with a ``main.html`` of its own that extends ``base.html``): the problem, at the line
    of its ``extends``; None when the page frame has the plugin's blocks."""
    seen: list[str] = []
    name: str | None = "main.html"
    first: tuple[str, int] | None = None
    while name is not None and name not in seen:
        if name == BASE:
            return None
        seen.append(name)
        try:
            source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            break
        extends = _extends(env, source)
        if first is None:
            first = (_shown(filename or name, root), extends[1] if extends else 1)
        name = extends[0] if extends else None
    if first is None:
        return None  # no main.html at all: not a theme this plugin draws in
    path, line = first
    return Problem(
        path,
        line,
        f"does not extend {BASE}, so episode pages lose their structured data (JSON-LD), "
        "feed link and sharing tags",
        f'make that line {{% extends "{BASE}" %}} (the page frame with the plugin\'s blocks, '
        "which extends Material's base.html: the site's own blocks work as before)",
    )


def _extends(env: jinja2.Environment, source: str) -> tuple[str, int] | None:
    """The template a template's source extends (a constant name) and the line."""
    try:
        tree = env.parse(source)
    except jinja2.TemplateSyntaxError:
        return None
    for node in tree.find_all(nodes.Extends):
        if isinstance(node.template, nodes.Const) and isinstance(node.template.value, str):
            return node.template.value, node.lineno
    return None


def _shown(filename: str, root: Path) -> str:
    try:
        return Path(filename).resolve().relative_to(root).as_posix()
    except ValueError:
        return filename


def head_missing(output: str, jsonld: bool, feed: bool) -> list[str]:
    """What the plugin's blocks should have put in an episode page's ``<head>`` and a
    template of the site left out (a block overridden without ``{{ super() }}``)."""
    head = output.split("</head>", 1)[0]
    missing = []
    if jsonld and "application/ld+json" not in head:
        missing.append("structured data (block site_meta)")
    if feed and 'type="application/rss+xml"' not in head:
        missing.append("the feed link (block extrahead)")
    if 'property="og:' not in head:
        missing.append("sharing tags (block extrahead)")
    return missing


def frame_path(config: MkDocsConfig, root: Path) -> str:
    """Where the site's page frame is, for messages: its ``main.html`` in ``custom_dir``,
    else ``custom_dir``, else ``mkdocs.yml``."""
    custom = config.theme.custom_dir
    if not custom:
        return "mkdocs.yml"
    main = Path(custom) / "main.html"
    return _shown(str(main if main.is_file() else Path(custom)), root)


def head_problem(uri: str, missing: list[str], where: str) -> Problem:
    """The problem of an episode page whose head lacks ``missing`` (see
    :func:`head_missing`), at the site's page frame (:func:`frame_path`)."""
    return Problem(
        where,
        1,
        f"episode pages (the first: {uri}) are written without {', '.join(missing)}: a "
        "template of the site overrides that block without {{ super() }}",
        "add {{ super() }} to the block, where the plugin's part of the page goes",
    )
