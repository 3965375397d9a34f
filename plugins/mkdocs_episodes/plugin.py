"""The MkDocs adapter: hooks only, each delegating to a domain module."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import downloads as dl
from . import feed, jsonld, pages
from .catalog import load_data
from .config import EpisodesConfig
from .errors import Problem
from .i18n import Labels, base_code, code_for, labels
from .index import EpisodeEntry, Index, build_index, entry_for
from .model import Catalog
from .render import Pieces, View, episode_pieces, fill_slots, make_env
from .search_words import read_search_words, teach_jieba, words_for
from .site import SourceFile, check_site, rel_path

log = get_plugin_logger("episodes")


class EpisodesPlugin(BasePlugin[EpisodesConfig]):  # type: ignore[no-untyped-call]
    """Turn episode files and ``data/*.yml`` into episode, policy and actor pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self._reset()

    def _reset(self) -> None:
        self.catalog = Catalog()
        self.index = Index()
        self.entries: dict[str, EpisodeEntry] = {}
        self.generated: dict[str, pages.Generated] = {}
        self.pieces: dict[str, Pieces] = {}
        self.pending: dict[str, str] = {}
        self.downloads: dict[str, list[tuple[str, str, str]]] = {}
        self.env: Any = None
        self.t: Labels = labels("zh")
        self.problems: list[Problem] = []
        self.docs_rel = ""

    # --- lifecycle -------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()  # every (re)build under serve starts from the sources again
        if not self.config.enabled:
            return None
        language = config.theme.get("language")
        self.t = labels(language)
        if code_for(language) != base_code(language):
            log.info(
                f"no interface text for theme.language '{language}': using English "
                "(add plugins/mkdocs_episodes/i18n/<code>.yml to translate it)"
            )
        # what main.html needs: og:locale of the site's language
        config.extra.setdefault("episodes_locale", self.t("locale"))
        # Segment headings carry explicit {#anchors}.
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        root = _root(config)
        data_dir = root / self.config.data_dir
        data_rel = rel_path(data_dir, root)
        docs_rel = rel_path(Path(config.docs_dir), root)
        data = load_data(data_dir, data_rel)
        self.catalog = data.catalog
        by_uri = {f.src_uri: f for f in files}
        result = check_site(
            data,
            (
                SourceFile(
                    f.src_uri,
                    f"{docs_rel}/{f.src_uri}",
                    _reader(f),
                    Path(os.path.realpath(f.abs_src_path)) if f.abs_src_path else None,
                )
                for f in files
                if _in_docs(f, config)
            ),
            episodes=self.config.episodes,
            pages=self.config.pages,
            root=root,
            show_drafts=self._show_drafts(),
        )
        for uri in result.left_out:
            files.remove(by_uri[uri])
        problems = result.problems
        entries = []
        for uri, episode in result.episodes.items():
            entry = entry_for(episode, by_uri[uri].url, self.catalog)
            self.entries[uri] = entry
            entries.append(entry)
        self.index = build_index(entries, self.catalog)
        self.problems = problems
        self.docs_rel = docs_rel
        self._add_downloads(files, config)
        self._add_feed(files, config)
        extra, unreadable = read_search_words(data_dir / "search_words.txt", data_rel)
        problems += unreadable
        teach_jieba(words_for(self.catalog, extra))
        self.env = make_env(config.theme.get_env())
        if self.config.generate_pages:
            planned = pages.plan(self.catalog, self.index)
            existing = {f.src_uri for f in files}
            for uri in planned.keys() & set(self.entries):
                problems.append(
                    Problem(
                        f"{docs_rel}/{uri}",
                        0,
                        "has the address of a page the site generates",
                        "rename the episode file",
                    )
                )
            # a page the configuration allows (pages:) may replace a generated one
            self.generated = {uri: g for uri, g in planned.items() if uri not in existing}
            for uri in self.generated:
                self._generate(files, config, uri, "")
            pages.register_urls(self.index, planned, files)
        for problem in problems:
            log.warning(str(problem))
        for problem in result.draft_problems:
            (log.warning if self._show_drafts() else log.info)(f"{problem} [draft]")
        if result.drafts_left_out:
            log.info(
                f"left out {result.drafts_left_out} draft(s) (drafts: {self.config.drafts}); "
                "they were checked: their problems are marked [draft] above"
            )
        return files

    def _add_downloads(self, files: Files, config: MkDocsConfig) -> None:
        names = {aid: a.name.get(self.t.code) for aid, a in self.catalog.actors.items()}
        for uri, entry in self.entries.items():
            made = dl.downloads(entry.episode, entry.host, names, self.t)
            for d in made:
                self._generate(files, config, _folder(uri) + d.name, d.content)
            self.downloads[uri] = [(d.label, d.name, d.media_type) for d in made]

    def _add_feed(self, files: Files, config: MkDocsConfig) -> None:
        if not config.site_url:
            log.info("no site_url in mkdocs.yml: the episode feed (feed.xml) is not made")
            return
        text = feed.rss(
            self.index.episodes,
            self.catalog,
            site_url=_absolute(config, ""),
            title=config.site_name,
            description=config.site_description or "",
            feed_url=_absolute(config, "feed.xml"),
            language=self.t.code,
        )
        self._generate(files, config, "feed.xml", text)

    def _generate(self, files: Files, config: MkDocsConfig, uri: str, content: str) -> None:
        """Add a generated file, unless a file of the site has its address (reported)."""
        taken = files.get_file_from_path(uri)
        if taken is not None:
            self.problems.append(
                Problem(
                    f"{self.docs_rel}/{taken.src_uri}",
                    0,
                    "has the address of a file the site generates",
                    "rename or remove it",
                )
            )
            return
        files.append(File.generated(config, uri, content=content))

    def _show_language(self, entry: EpisodeEntry) -> str | None:
        show = self.catalog.shows.get(entry.episode.meta.show)
        return show.language if show else None

    def _show_drafts(self) -> bool:
        mode = self.config.drafts
        return mode == "always" or (mode == "serve" and self.is_serve)

    # --- pages -----------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        uri = page.file.src_uri
        if uri in self.entries:
            entry = self.entries[uri]
            language = entry.episode.meta.language or self._show_language(entry)
            differs = bool(language) and base_code(language) != self.t.code
            view = View(
                self.catalog,
                self.index,
                page.url,
                entry.episode.meta.video,
                entry.host,
                t=self.t,
                content_lang=language if differs else None,
            )
            if differs and code_for(language) == base_code(language):  # og:locale follows the words
                page.meta["og_locale"] = labels(language)("locale")
            downloads = [
                (label, view.to(_folder(uri) + name), kind)
                for label, name, kind in self.downloads.get(uri, [])
            ]
            self.pieces[uri] = episode_pieces(self.env, entry, view, downloads)
            _set_title(page, entry.title)
            _set_description(page, entry.episode.meta.summary)
            # the sitemap's <lastmod>: the newest correction, else the publication date
            changed = entry.episode.updated or entry.episode.meta.date
            if changed:
                page.update_date = changed.isoformat()
            transcript = _absolute(config, _folder(uri) + "transcript.txt")
            page.meta["jsonld"] = jsonld.script(
                jsonld.episode(
                    entry,
                    self.catalog,
                    _absolute(config, page.url),
                    _absolute(config, ""),
                    transcript,
                    self.t.code,
                )
            )
            md = self.pieces[uri].markdown
            return pages.draft_banner(self.t) + md if entry.episode.meta.draft else md
        if uri in self.generated:
            view = View(self.catalog, self.index, page.url, t=self.t)
            gen = self.generated[uri]
            title, self.pieces[uri] = pages.render(self.env, gen, view)
            _set_title(page, title)
            if gen.year:  # archive pages repeat the episodes: keep them out of search
                page.meta["search"] = {"exclude": True}
            if gen.kind == "policy":
                policy = self.catalog.policies[gen.id]
                _set_description(page, view.plain(policy.summary))
                page.meta["jsonld"] = jsonld.script(
                    jsonld.policy(
                        policy, self.catalog, _absolute(config, page.url), _absolute(config, "")
                    )
                )
            elif gen.kind == "actor":
                _set_description(page, view.plain(self.catalog.actors[gen.id].description))
            return self.pieces[uri].markdown
        return None

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        # Search plugins index page.content in on_page_context: give them the lean text
        # version now, and the full markup after them (see on_page_context below).
        pieces = self.pieces.get(page.file.src_uri)
        if pieces is None:
            return None
        self.pending[page.file.src_uri] = html
        return fill_slots(html, pieces.search)

    @event_priority(-100)  # after Material's search plugin has indexed the lean version
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        uri = page.file.src_uri
        html = self.pending.pop(uri, None)
        pieces = self.pieces.pop(uri, None)
        if html is not None and pieces is not None:
            page.content = fill_slots(html, pieces.html)
        return context

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # MkDocs watches docs_dir and mkdocs.yml; the data and the templates (custom_dir,
        # watched by MkDocs only with --watch-theme) shape every page too.
        if self.config.enabled:
            root = Path(config.config_file_path or ".").resolve().parent
            for folder in (root / self.config.data_dir, config.theme.custom_dir):
                if folder and Path(folder).is_dir():
                    server.watch(str(folder))
        return server


def _in_docs(file: File, config: MkDocsConfig) -> bool:
    """A file of the site's own (not the theme's, not generated)."""
    return bool(file.abs_src_path) and file.src_dir == config.docs_dir


def _reader(file: File) -> Callable[[], bytes]:
    def read() -> bytes:
        return file.content_bytes

    return read


def _folder(src_uri: str) -> str:
    """Where an episode's downloads live: ``2025/x.md`` -> ``2025/x/``."""
    return src_uri[: -len(".md")] + "/"


def _absolute(config: MkDocsConfig, url: str) -> str:
    """A site URL made absolute with ``site_url`` (root-relative when it is not set)."""
    base = config.site_url or "/"
    return base.rstrip("/") + "/" + url.lstrip("/")


def _set_description(page: Page, text: str | None) -> None:
    # Material prints page.meta.description raw into <meta name="description">
    if text:
        page.meta["description"] = escape(" ".join(text.split()))


def _set_title(page: Page, title: str) -> None:
    # Material prints page.title and page.meta.title without escaping (MkDocs' Jinja does
    # not autoescape); titles come from authors and YAML, so hand it escaped Markup.
    if title:
        page.title = escape(title)
        page.meta["title"] = page.title


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent


__all__ = ["EpisodesPlugin", "Problem"]
