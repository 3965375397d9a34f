"""The MkDocs adapter: hooks only, each delegating to a domain module."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import downloads as dl
from . import feed, pages
from .addresses import Output, conflicts
from .cache import Cache, code_version, digest, files_version
from .catalog import load_data
from .config import EpisodesConfig
from .config_check import (
    ConfigError,
    encoded_site_url,
    site_url_notice,
    templates_missing,
)
from .errors import Problem
from .i18n import Labels, base_code, labels, locale_for, table_notice
from .index import EpisodeEntry, Index, build_index, entry_for
from .model import Catalog, Episode
from .output import Outputs, PageOutput, Site
from .pagefind_search import LIST_WEIGHT, PagefindSearch, lean_document, strip_headerlinks
from .parse import parse_episode
from .reads import listed_digest
from .render import fill_slots, make_env
from .search_cache import SearchCache
from .search_words import load_jieba, read_search_words, teach_jieba, words_for
from .site import SourceFile, check_site, collector_paused, rel_path
from .virtual import VirtualFile

log = get_plugin_logger("episodes")


class EpisodesPlugin(BasePlugin[EpisodesConfig]):  # type: ignore[no-untyped-call]
    """Turn episode files and ``data/*.yml`` into episode, policy and actor pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.is_serve = False
        self.is_dirty = False
        self.parsed: dict[str, tuple[Episode, list[Problem], str]] = {}
        """Parsed episodes by key, kept in memory between the rebuilds of ``serve``."""
        self.pagefind: PagefindSearch | None = None
        """The Pagefind index (``search: pagefind``), kept between the rebuilds of ``serve``."""
        self._reset()

    def _reset(self) -> None:
        self.catalog = Catalog()
        self.index = Index()
        self.entries: dict[str, EpisodeEntry] = {}
        self.generated: dict[str, pages.Generated] = {}
        self.outputs: dict[str, PageOutput] = {}
        self.pending: dict[str, str] = {}
        self.downloads: dict[str, list[dl.Link]] = {}
        self.owners: dict[str, str] = {}
        """The episode each download belongs to, by the download's uri."""
        self.env: Any = None
        self.t: Labels = labels("zh")
        self.problems: list[Problem] = []
        self.docs_rel = ""
        self.salt = ""
        self.layout = ""
        self.cache = Cache(None)
        self.made: Outputs | None = None
        self.search: SearchCache | None = None
        self.words: list[str] = []
        self.states: dict[str, object] = {}
        """What each page was made from, by uri (kept for the next ``--dirty`` build)."""
        self.last: dict[str, Any] = {}
        self.urls: list[str] = []
        self.parse_keys: dict[str, str] = {}
        """The digest of each episode's source, by its path (as ``_parse`` saw it)."""
        self.digests: dict[str, str] = {}
        """The same digests, by uri (what pages are keyed by)."""
        self.fresh: dict[str, tuple[Episode, list[Problem], str]] = {}
        self.listed: dict[int, str] = {}
        """What lists show of each episode (digest), by ``id()`` of the parsed episode."""

    # --- lifecycle -------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.is_serve = command == "serve"
        self.is_dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()  # every (re)build under serve starts from the sources again
        if not self.config.enabled:
            return None
        config.site_url = encoded_site_url(config.site_url)
        try:
            notice = site_url_notice(config.site_url, self.command)
        except ConfigError as e:
            raise PluginError(str(e)) from None
        missing = templates_missing(config.theme.dirs)
        if missing:
            raise PluginError(missing)
        if notice:
            log.info(notice)
        # the feed is made only with an address to put in it; pages link it only then
        config.extra["episodes_feed"] = "feed.xml" if config.site_url else None
        language = config.theme.get("language")
        self.t = labels(language)
        notice = table_notice(language)
        if notice:
            log.info(notice)
        # what main.html needs: og:locale of the site's language
        config.extra.setdefault("episodes_locale", locale_for(language, self.t))
        # Segment headings carry explicit {#anchors}.
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")
        if self.config.cache:
            self.cache = Cache(_root(config) / self.config.cache_dir)
        # worked out once a build: both read files (templates, mkdocs.yml, custom_dir)
        self.salt = self._salt(config)
        self.layout = self._layout(config)
        if self.config.search == "pagefind":
            self._use_pagefind(config)
        else:
            self.pagefind = None
        return config

    def _use_pagefind(self, config: MkDocsConfig) -> None:
        """Search with Pagefind: Material's search plugin (if listed) is switched off, so
        no second index is made; the templates learn it from ``extra.episodes_search``."""
        for name, plugin in config.plugins.items():
            if type(plugin).__module__.startswith("material.plugins.search"):
                if plugin.config.enabled:
                    log.info(f"search: pagefind, so the '{name}' plugin is switched off")
                plugin.config.enabled = False
        config.extra["episodes_search"] = "pagefind"
        config.extra["episodes_search_line"] = self.t("search.line", n="{n}")
        config.extra["episodes_search_failed"] = self.t("search.failed")
        config.extra["episodes_search_updating"] = self.t("search.updating")
        language = base_code(config.theme.get("language") or "en")
        if self.pagefind is None or self.pagefind.language != language:
            self.pagefind = PagefindSearch(self.cache, language, self.salt)
        self.pagefind.cache = self.cache
        self.pagefind.salt = self.salt

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.pagefind is not None:
            self.pagefind.start()
        elif self.config.enabled:
            # Material made its search index in its on_config; reuse its work per page
            self.search = SearchCache.install(config.plugins, self.cache, self.salt, self._teach)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        with collector_paused():  # the archive, its index and its pages' keys
            result = self._files(files, config)
            # They live until the build ends: set apart from what the collector walks
            # while pages are made (each full collection would walk them all again).
            gc.freeze()
        return result

    def _files(self, files: Files, config: MkDocsConfig) -> Files | None:
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
            parse=self._parse,
        )
        if self.is_serve:  # keep this build's parses for the next (and only those)
            self.parsed = self.fresh
        for uri in result.left_out:
            files.remove(by_uri[uri])
        problems = result.problems
        entries = []
        for uri, episode in result.episodes.items():
            self.digests[uri] = self.parse_keys.get(f"{docs_rel}/{uri}", "?")
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
        # taught to jieba when search first segments a page itself (not on a cached build)
        self.words = words_for(self.catalog, extra)
        if self.search is None and self.pagefind is None:
            teach_jieba(self.words)
        self.env = make_env(config.theme.get_env())
        if self.config.generate_pages:
            planned = pages.plan(self.catalog, self.index)
            existing = {f.src_uri for f in files}
            for uri in planned.keys() & set(self.entries):
                problems.append(
                    Problem(
                        f"{docs_rel}/{uri}",
                        1,
                        "has the address of a page the site generates",
                        "rename the episode file",
                    )
                )
            # a page the configuration allows (pages:) may replace a generated one
            self.generated = {uri: g for uri, g in planned.items() if uri not in existing}
            for uri in self.generated:
                self._generate(files, config, uri, lambda: "")
            pages.register_urls(self.index, planned, files)
        self._refuse_clashes(files)
        self.made = Outputs(
            Site(
                self.catalog,
                self.index,
                self.entries,
                self.generated,
                self.downloads,
                self.env,
                self.t,
                lambda url: _absolute(config, url),
                self.salt,
                self.digests,
                self.listed,
                config.site_name,
                self.pagefind is not None,
            ),
            self.cache,
        )
        if self.is_dirty:
            self._mark_changed(files, config)
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

    def _parse(self, text: str, path: str) -> tuple[Episode, list[Problem]]:
        """Parse an episode, or take it from the cache (keyed by its text and path)."""
        key = digest("parse", code_version(), path, text)
        self.parse_keys[path] = key
        parsed = self.parsed.get(key)
        if parsed is None:
            cached = self.cache.get("parse", key)
            if isinstance(cached, tuple) and len(cached) == 3:
                parsed = cached
            else:
                episode, problems = parse_episode(text, path)
                parsed = (episode, problems, listed_digest(episode))
                self.cache.put("parse", key, parsed)
        self.fresh[key] = parsed
        self.listed[id(parsed[0])] = parsed[2]
        return parsed[0], parsed[1]

    def _layout(self, config: MkDocsConfig) -> str:
        """What every page's frame is made from: mkdocs.yml and the theme's custom_dir."""
        parts: list[object] = []
        if config.config_file_path and os.path.isfile(config.config_file_path):
            parts.append(Path(config.config_file_path).read_bytes())
        folders = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        return digest(*parts, files_version(folders))

    def _teach(self) -> None:
        teach_jieba(self.words)

    def _salt(self, config: MkDocsConfig) -> str:
        """What every page depends on besides its own inputs: the plugin's code, the
        templates of every theme folder, the site's language, address and options."""
        folders = [Path(d) / "partials" / "episodes" for d in config.theme.dirs]
        return digest(
            code_version(),
            files_version(folders),
            config.theme.get("language"),
            config.site_url,
            config.site_name,
            config.use_directory_urls,
            sorted(self.config.items()),
        )

    def _add_downloads(self, files: Files, config: MkDocsConfig) -> None:
        names = {aid: a.name.get(self.t.code) for aid, a in self.catalog.actors.items()}
        names_digest = digest(sorted(names.items()))
        for uri, entry in self.entries.items():
            links = []
            for d in dl.downloads(entry, names, self.t):
                state = digest(self.digests.get(uri), entry.hosts, names_digest, d.name)
                file = self._generate(files, config, _folder(uri) + d.name, d.make, state)
                self.owners[_folder(uri) + d.name] = uri
                if file is not None:
                    links.append(dl.Link(d.label, d.name, file.url, d.media_type))
            self.downloads[uri] = links

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
        self._generate(files, config, "feed.xml", lambda: text, digest(text))

    def _generate(
        self,
        files: Files,
        config: MkDocsConfig,
        uri: str,
        make: Callable[[], str],
        state: str | None = None,
    ) -> VirtualFile | None:
        """Add a generated file, unless a file of the site has its address (reported).
        ``state`` tells a ``--dirty`` build whether the file changed since the last."""
        taken = files.get_file_from_path(uri)
        if taken is not None:
            self.problems.append(
                Problem(
                    f"{self.docs_rel}/{taken.src_uri}",
                    1,
                    "has the address of a file the site generates",
                    "rename or remove it",
                )
            )
            return None
        file = VirtualFile.lazy(config, uri, make)
        files.append(file)
        if state is not None:
            self.states[uri] = state
        return file

    def _refuse_clashes(self, files: Files) -> None:
        """Report and leave out an author's file that would be written where another output
        is (the same address, or a file where a folder must be), with what it brings (an
        episode's downloads): never a crash."""
        owner_of = {f.src_uri: self.owners.get(f.src_uri, f.src_uri) for f in files}
        generated = {f.src_uri for f in files if isinstance(f, VirtualFile)}
        outputs = [
            Output(
                f.dest_uri,
                ""
                if f.src_uri in generated and f.src_uri not in self.owners
                else owner_of[f.src_uri],
            )
            for f in files
        ]
        refused: set[str] = set()
        for kept, clash in conflicts(outputs):
            if not clash.owner or clash.owner in refused:
                continue
            refused.add(clash.owner)
            what = f"{self.docs_rel}/{kept.owner}" if kept.owner else "a file the site makes"
            self.problems.append(
                Problem(
                    f"{self.docs_rel}/{clash.owner}",
                    1,
                    f"would be written to {clash.dest}, where {what} has {kept.dest}",
                    "rename or move the file",
                )
            )
        for f in list(files):
            if owner_of[f.src_uri] in refused:
                files.remove(f)

    def _mark_changed(self, files: Files, config: MkDocsConfig) -> None:
        """Under ``--dirty``: make MkDocs rebuild every page and file whose output changed
        since the last build (not only those whose source file changed): the policy and
        actor pages that list an edited episode, the episodes that show an edited record."""
        assert self.made is not None
        self.last = self.cache.get("state", digest(config.site_dir)) or {}
        # an edit to mkdocs.yml or to the theme's templates and styles may change every page
        before = self.last.get("pages", {}) if self.last.get("layout") == self.layout else {}
        for file in files:
            uri = file.src_uri
            old = before.get(uri)
            if uri in self.entries or uri in self.generated:
                same = self.made.unchanged(uri, file.url, old)
                if same:
                    self.states[uri] = old
            elif isinstance(file, VirtualFile):  # downloads, feed
                same = uri in self.states and self.states[uri] == old
            else:  # the theme's and the author's own files: MkDocs compares their times
                continue
            if isinstance(file, VirtualFile):
                file.unchanged = same
            elif not same and os.path.isfile(file.abs_dest_path):
                os.remove(file.abs_dest_path)  # MkDocs rebuilds a page whose output is gone

    def _show_drafts(self) -> bool:
        mode = self.config.drafts
        return mode == "always" or (mode == "serve" and self.is_serve)

    # --- pages -----------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        uri = page.file.src_uri
        made = self.made.page(uri, page.url) if self.made else None
        if made is None:
            return None
        output, stored = made
        output.apply(page)
        self.outputs[uri] = output
        self.states[uri] = stored
        return output.markdown

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # The sitemap's <lastmod> of every episode (also those a --dirty build skips): the
        # newest correction, else the publication date.
        for uri, entry in self.entries.items():
            file = files.get_file_from_path(uri)
            changed = entry.episode.updated or entry.episode.meta.date
            if file is not None and file.page is not None and changed:
                file.page.update_date = changed.isoformat()
        shown = InclusionLevel.is_in_serve if self.is_serve else InclusionLevel.is_included
        self.urls = [f.page.url for f in files.documentation_pages(inclusion=shown) if f.page]
        return env

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        # Search plugins index page.content in on_page_context: give them the lean text
        # version now, and the full markup after them (see on_page_context below).
        output = self.outputs.get(page.file.src_uri)
        if self.pagefind is not None:
            self._index_page(html, page, output, config)
        if output is None:
            return None
        self.pending[page.file.src_uri] = html
        return fill_slots(html, output.search)

    def _index_page(
        self, html: str, page: Page, output: PageOutput | None, config: MkDocsConfig
    ) -> None:
        """Hand Pagefind the lean copy of a page: an episode's words with their line
        anchors; a generated page's list text, weighted below the episodes' words; any
        other page as it is. Pages kept out of search (year archives) are left out."""
        assert self.pagefind is not None
        meta = page.meta.get("search")
        if isinstance(meta, dict) and meta.get("exclude"):
            return
        weight = None
        if output is None:
            body = html
        elif output.index:
            body = fill_slots(html, output.index)
        else:
            body = fill_slots(html, output.search)
            weight = LIST_WEIGHT
        title = page.title or config.site_name
        doc = lean_document(title, strip_headerlinks(body), self.pagefind.language, weight=weight)
        self.pagefind.add(page.url, doc)

    @event_priority(-100)  # after Material's search plugin has indexed the lean version
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        uri = page.file.src_uri
        html = self.pending.pop(uri, None)
        output = self.outputs.pop(uri, None)
        if html is not None and output is not None:
            page.content = fill_slots(html, output.html)
        return context

    @event_priority(50)  # before Material's search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()
        if not self.config.enabled:
            return
        if self.search is not None:
            self.search.finish(self.is_dirty, self.urls, self.last.get("search", {}))
        indexed: dict[str, str] = {}
        if self.pagefind is not None:
            last = self.last.get("pagefind", {}) if self.is_dirty else {}
            done = self.pagefind.finish(Path(config.site_dir), self.urls, last, self.is_serve)
            indexed = self.pagefind.keys
            how = {"cache": " (the same as before)", "background": " (being made)"}
            log.info(
                f"search index (Pagefind): {done.pages} pages in {done.seconds:.1f} s"
                + how.get(done.how, "")
            )
        pages_now = dict(self.last.get("pages", {})) if self.is_dirty else {}
        pages_now.update(self.states)
        search_now = dict(self.last.get("search", {})) if self.is_dirty else {}
        search_now.update(self.search.keys if self.search else {})
        self.cache.put(
            "state",
            digest(config.site_dir),
            {
                "layout": self.layout,
                "pages": pages_now,
                "search": search_now,
                "pagefind": indexed,
            },
        )
        made = self.made.made if self.made else 0
        searched = self.search.made if self.search else 0
        log.info(
            f"pages made: {made}, search entries made: {searched} "
            f"(the rest from the cache: {self.cache.hits} hits, {self.cache.corrupt} corrupt)"
        )
        if not self.is_dirty:
            self.cache.prune(["parse", "page", "search", "pagefind", "pagefind-bundle"])

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # MkDocs watches docs_dir and mkdocs.yml; the data and the templates (custom_dir,
        # watched by MkDocs only with --watch-theme) shape every page too.
        if self.config.enabled:
            root = Path(config.config_file_path or ".").resolve().parent
            for folder in (root / self.config.data_dir, config.theme.custom_dir):
                if folder and Path(folder).is_dir():
                    server.watch(str(folder))
            if self.search is not None:
                # A warm start builds from the cache without segmenting any Chinese: load
                # jieba's dictionary (half a second) while the editor reads, not after
                # their first save (Material segments with it; its lock makes a build that
                # needs it first wait).
                threading.Thread(target=load_jieba, name="jieba", daemon=True).start()
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


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent


__all__ = ["EpisodesPlugin", "Problem"]
