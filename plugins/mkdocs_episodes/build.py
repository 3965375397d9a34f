"""One build's products — the catalog, the index, the episodes' entries, the generated
pages, the downloads, every page's output, and the problems found — made from the sources
for the hooks of :mod:`.plugin`, which only hand MkDocs' objects over and log what this
module returns. The incremental state a ``--dirty`` build starts from is in
:mod:`.state`, the keys of everything cached in :mod:`.contract`."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import meta

from . import contract, feed, kinds, pages, podcast, site_files, theme
from . import downloads as dl
from . import state as st
from .cache import Cache, digest
from .catalog import Loaded, load_data
from .config import EpisodesConfig
from .config_check import encoded_site_url, plugin_line, site_url_notice
from .download_cache import KIND, DownloadCache
from .errors import Problem
from .i18n import Labels, base_code, labels, locale_for, table_notice
from .index import EpisodeEntry, Index, build_index, entry_for
from .links import absolute
from .model import Catalog, Episode
from .output import Outputs, PageOutput, Site
from .pagefind_search import (
    LIST_WEIGHT,
    PagefindSearch,
    lean_document,
    segmenter_missing,
    strip_headerlinks,
)
from .parse import parse_episode
from .reads import listed_digest
from .render import fill_slots, make_env
from .search_cache import SearchCache
from .search_words import read_search_words, teach_jieba, words_for
from .site import LIST_MARKER, check_site, collector_paused, rel_path

assert kinds  # the site's page kinds register themselves on import

Parsed = tuple[Episode, list[Problem], str]
"""A parsed episode, its problems, and the digest of what lists show of it."""


@dataclass
class Session:
    """What one MkDocs command keeps across its builds (``serve`` rebuilds on each save)."""

    command: str = "build"
    dirty: bool = False
    parsed: dict[str, Parsed] = field(default_factory=dict)
    """Parsed episodes by key: this build's, for the next build of ``serve``."""
    pagefind: PagefindSearch | None = None
    """The Pagefind index, kept between the builds of ``serve``."""

    @property
    def serve(self) -> bool:
        """Whether this is ``mkdocs serve``."""
        return self.command == "serve"


FALLBACK_LIST = "episodes/index.md"
"""Where the episode list goes when the site has a home page of its own and no page
holds the list's marker (``list_page`` names another place)."""


@dataclass
class Report:
    """What a step found: problems (warnings: ``--strict`` fails), problems of drafts
    (warnings or information, by the ``drafts`` option) and information."""

    problems: list[Problem] = field(default_factory=list)
    drafts: list[Problem] = field(default_factory=list)
    drafts_warn: bool = False
    info: list[str] = field(default_factory=list)
    debug: list[str] = field(default_factory=list)


class Build:
    """One build of the site (MkDocs makes a new one for each rebuild of ``serve``)."""

    def __init__(self, options: EpisodesConfig, session: Session, config: MkDocsConfig) -> None:
        self.options = options
        self.session = session
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.t: Labels = labels(config.theme.get("language"))
        self.cache = Cache(self.root / options.cache_dir if options.cache else None)
        self.site_dir = contract.relative(config.site_dir, self.root) or ""
        self.catalog = Catalog()
        self.index = Index()
        self.entries: dict[str, EpisodeEntry] = {}
        self.generated: dict[str, pages.Page] = {}
        self.downloads: dict[str, list[dl.Link]] = {}
        self.owners: dict[str, str] = {}
        """The episode each download belongs to, by the download's uri."""
        self.files_made: dict[str, str] = {}
        """The key of each generated file (downloads, feed) by uri."""
        self.made_downloads = DownloadCache(self.cache)
        self.parse_keys: dict[str, str] = {}
        self.digests: dict[str, str] = {}
        self.listed: dict[int, str] = {}
        self.fresh: dict[str, Parsed] = {}
        self.outputs: Outputs | None = None
        self.pending: dict[str, Held] = {}
        self.made: dict[str, st.Made] = {}
        self.last: st.SiteState | None = None
        self.urls: list[str] = []
        self.search: SearchCache | None = None
        self.other_search = False
        self.words: list[str] = []
        self.written: frozenset[str] = frozenset()
        self.docs_rel = ""
        self.frame_problem = False
        self.head_missing: tuple[str, list[str]] | None = None
        self.frame_path = "mkdocs.yml"
        self.site_pages: set[str] = set()
        """Every page of the site's own, also those left out (the home is never taken)."""
        self.hosts: list[str] = []
        self.host_markdown: dict[str, str] = {}
        """The Markdown of each page of the site's own that holds the episode list."""
        self.has_feed = False
        self.layout = ""
        self.settings = ""

    # --- on_config ------------------------------------------------------------------

    def configure(self, config: MkDocsConfig) -> Report:
        """Check the configuration and settle what every page depends on; raises
        :class:`ConfigError` for a configuration that must not be built."""
        report = Report()
        # the whole configuration, before this plugin changes anything in it
        self.layout = contract.layout_digest(
            self._config_digest(config, report),
            contract.files([Path(d) for d in config.theme.dirs], self.root),
        )
        config.site_url = encoded_site_url(config.site_url)
        notice = site_url_notice(config.site_url, self.session.command)
        theme.register(config, self.options.search)
        frame = theme.base_problem(config.theme.get_env(), self.root)
        report.problems += [frame] if frame else []
        self.frame_problem = frame is not None
        self.frame_path = theme.frame_path(config, self.root)
        language = config.theme.get("language")
        report.info += [n for n in (notice, table_notice(language)) if n]
        # what main.html needs: the feed (made only with an address to put in it) and
        # og:locale of the site's language
        config.extra["episodes_feed"] = "feed.xml" if config.site_url else None
        self.has_feed = bool(config.site_url)
        config.extra.setdefault("episodes_locale", locale_for(language, self.t))
        if "attr_list" not in config.markdown_extensions:  # segments' explicit {#anchors}
            config.markdown_extensions.append("attr_list")
        episode_templates = contract.files(
            [Path(d) / "partials" / "episodes" for d in config.theme.dirs], self.root
        )
        self.settings = contract.settings_digest(
            self.t.code,
            config.site_url,
            config.site_name,
            config.use_directory_urls,
            dict(self.options.items()),
            episode_templates,
        )
        if self.options.search == "pagefind":
            report.info += self._use_pagefind(config)
            report.problems += self._segmenter(config)
        else:
            self.session.pagefind = None
        return report

    def _config_digest(self, config: MkDocsConfig, report: Report) -> str:
        try:
            return contract.config_digest(config, self.root)
        except contract.Unfingerprintable as e:
            if os.environ.get(contract.STRICT):
                raise
            # fail closed: a value that cannot be compared is taken as changed
            report.debug.append(f"configuration not fingerprinted ({e}): every page remade")
            return digest("unfingerprinted", id(config))

    def _use_pagefind(self, config: MkDocsConfig) -> list[str]:
        """Search with Pagefind: Material's search plugin (if listed) is switched off, so
        no second index is made; the templates learn it from ``extra.episodes_search``."""
        notes = []
        for name, plugin in config.plugins.items():
            if type(plugin).__module__.startswith("material.plugins.search"):
                if plugin.config.enabled:
                    notes.append(f"search: pagefind, so the '{name}' plugin is switched off")
                plugin.config.enabled = False
        config.extra["episodes_search"] = "pagefind"
        config.extra["episodes_search_line"] = self.t("search.line", n="{n}")
        config.extra["episodes_search_failed"] = self.t("search.failed")
        config.extra["episodes_search_updating"] = self.t("search.updating")
        language = base_code(config.theme.get("language") or "en")
        session = self.session
        if session.pagefind is None or session.pagefind.language != language:
            session.pagefind = PagefindSearch(self.cache, language, self.settings)
        session.pagefind.cache = self.cache
        session.pagefind.salt = self.settings
        session.pagefind.hold = session.serve or self.cache.folder is None
        return notes

    def _segmenter(self, config: MkDocsConfig) -> list[Problem]:
        language = base_code(config.theme.get("language") or "en")
        if not segmenter_missing(language):
            return []
        config_file = config.config_file_path or "mkdocs.yml"
        return [
            Problem(
                rel_path(Path(config_file), self.root),
                plugin_line(config_file),
                f"the site's language is '{language}', but only Pagefind's standard binary is "
                "installed, which does not cut Chinese or Japanese into words (searching a "
                "word inside a sentence would find nothing)",
                "install the plugin with its [zh] extra: pip install 'mkdocs-episodes[zh]' "
                "(it brings pagefind[extended])",
            )
        ]

    # --- on_pre_build -------------------------------------------------------------------

    def pre_build(self, config: MkDocsConfig) -> None:
        """Start the search index of this build."""
        if self.session.pagefind is not None:
            self.session.pagefind.start()
        else:  # Material made its search index in its on_config: reuse its work per page
            self.search = SearchCache.install(
                config.plugins, self.cache, self.settings, self._teach
            )
        # another search plugin may cut Chinese with jieba; with none, jieba's dictionary
        # (tens of megabytes, a second to load) is not needed at all
        self.other_search = self.search is None and any(
            "search" in type(p).__module__
            for p in config.plugins.values()
            if getattr(getattr(p, "config", None), "enabled", True) is not False
        )

    def _teach(self) -> None:
        teach_jieba(self.words)

    # --- on_files ----------------------------------------------------------------------

    def collect(self, files: Files, config: MkDocsConfig) -> Report:
        """Check and read every source, index the episodes, add the generated files and
        pages, and (``--dirty``) mark what must be written again."""
        with collector_paused():  # the archive, its index and its pages' keys
            report = self._collect(files, config)
            # They live until the build ends: set apart from what the collector walks
            # while pages are made (each full collection would walk them all again).
            gc.freeze()
        return report

    def _collect(self, files: Files, config: MkDocsConfig) -> Report:
        report = Report(drafts_warn=self._show_drafts())
        data_dir = self.root / self.options.data_dir
        data_rel = rel_path(data_dir, self.root)
        self.docs_rel = rel_path(Path(config.docs_dir), self.root)
        data = load_data(data_dir, data_rel)
        self.catalog = data.catalog
        self._read_episodes(data, files, config, report)
        report.problems += self._add_downloads(files, config)
        report.problems += self._add_feed(files, config, report)
        report.problems += self._add_podcasts(files, config, report)
        report.problems += self._read_search_words(data_dir, data_rel)
        env = make_env(config.theme.get_env())
        if self.options.generate_pages:
            report.problems += self._add_pages(files, config)
        report.problems += site_files.refuse_clashes(files, self.owners, self.docs_rel)
        self.outputs = Outputs(self._site(config, env), self.cache)
        self.last = st.load(self.cache, self.site_dir)
        self.written = frozenset(f.dest_uri for f in files)
        if self.session.dirty:
            report.debug += self._mark_changed(files)
            report.debug += self._remove_gone(config)
        return report

    def _read_episodes(
        self, data: Loaded, files: Files, config: MkDocsConfig, report: Report
    ) -> None:
        """Check every source, leave out what must not be published, and index the
        episodes."""
        by_uri = {f.src_uri: f for f in files}
        self.site_pages = {f.src_uri for f in files.documentation_pages()}
        config_file = config.config_file_path
        claims = site_files.claims(config)
        result = check_site(
            data,
            site_files.sources(files, config, self.docs_rel, claims),
            episodes=self.options.episodes,
            pages=self.options.pages,
            root=self.root,
            show_drafts=self._show_drafts(),
            parse=self._parse,
            claims=claims,
            checked=self._release,
            config_at=(
                rel_path(Path(config_file or "mkdocs.yml"), self.root),
                plugin_line(config_file),
            ),
        )
        self.hosts = result.hosts
        if self.session.serve:  # keep this build's parses for the next (and only those)
            self.session.parsed = self.fresh
        for uri in result.left_out:
            files.remove(by_uri[uri])
        report.problems = result.problems
        report.drafts = result.draft_problems
        if result.drafts_left_out:
            report.info.append(
                f"left out {result.drafts_left_out} draft(s) (drafts: {self.options.drafts}); "
                "they were checked: their problems are marked [draft] above"
            )
        for uri, episode in result.episodes.items():
            # in the nav only where mkdocs.yml's nav puts it (an archive in every sidebar
            # would weigh on every page)
            by_uri[uri].inclusion = InclusionLevel.NOT_IN_NAV
            self.digests[uri] = self.parse_keys.get(f"{self.docs_rel}/{uri}", "?")
            self.entries[uri] = entry_for(
                episode, by_uri[uri].url, self.catalog, result.audio.get(uri)
            )
        self.index = build_index(list(self.entries.values()), self.catalog)

    def _release(self, path: str, episode: Episode) -> None:
        """An episode is checked: a build holds its words only while its page and
        downloads are made (``serve`` keeps its parses whole for its next build)."""
        if not self.session.serve and self.cache.folder is not None:
            episode.release(self._reloader(self.parse_keys[path]))

    def _reloader(self, key: str) -> Callable[[], Episode]:
        def reload() -> Episode:
            parsed = self.cache.get("parse", key, count=False)
            if not (isinstance(parsed, tuple) and len(parsed) == 3):
                raise self.cache.lost("an episode")
            episode: Episode = parsed[0]
            return episode

        return reload

    def _read_search_words(self, data_dir: Path, data_rel: str) -> list[Problem]:
        """The words search must keep whole, taught to the segmenter that needs them."""
        extra, unreadable = read_search_words(data_dir / "search_words.txt", data_rel)
        self.words = words_for(self.catalog, extra)
        if self.search is not None:
            # the words taught to the segmenter shape every entry: part of their key
            taught = contract.search_settings("material", {}, self.words)
            self.search.salt = digest(self.search.salt, taught)
        elif self.session.pagefind is None and self.other_search:
            teach_jieba(self.words)  # another search plugin segments with jieba itself
        return unreadable

    def _site(self, config: MkDocsConfig, env: jinja2.Environment) -> Site:
        """What every page of this build is made from."""
        return Site(
            self.catalog,
            self.index,
            self.entries,
            self.generated,
            self.downloads,
            env,
            self.t,
            lambda url: absolute(config.site_url, url),
            self.settings,
            self.digests,
            self.listed,
            config.site_name,
            self.session.pagefind is not None,
            self.host_markdown,
        )

    def _remove_gone(self, config: MkDocsConfig) -> list[str]:
        """Under ``--dirty``: remove what the last build wrote and nothing makes now."""
        if self.last is None:
            return []
        gone = st.remove_gone(Path(config.site_dir), self.last.written, self.written)
        return [f"{rel}: removed (no file makes it any more)" for rel in gone]

    def _show_drafts(self) -> bool:
        mode = self.options.drafts
        return mode == "always" or (mode == "serve" and self.session.serve)

    def _parse(self, text: str, path: str) -> tuple[Episode, list[Problem]]:
        """Parse an episode, or take it from memory (``serve``) or the cache."""
        key = contract.parse_key(path, text)
        self.parse_keys[path] = key
        parsed = self.session.parsed.get(key)
        if parsed is not None:
            self.cache.touch("parse", key)  # relied on: kept when the cache is pruned
        else:
            cached = self.cache.get("parse", key)
            if isinstance(cached, tuple) and len(cached) == 3:
                parsed = cached
            else:
                episode, problems = parse_episode(text, path)
                parsed = (episode, problems, listed_digest(episode))
                parsed = self.cache.put("parse", key, parsed)
        self.fresh[key] = parsed
        self.listed[id(parsed[0])] = parsed[2]
        return parsed[0], parsed[1]

    def _add_downloads(self, files: Files, config: MkDocsConfig) -> list[Problem]:
        problems = []
        names = {aid: a.name.get(self.t.code) for aid, a in self.catalog.actors.items()}
        names_digest = digest(sorted(names.items()))
        for uri, entry in self.entries.items():
            links = []
            folder = site_files.download_folder(uri)
            for d in dl.downloads(entry, names, self.t):
                if d.format not in self.options.downloads:
                    continue  # switched off: not made, not linked, not in any feed
                self.owners[folder + d.name] = uri
                inputs = (self.digests.get(uri), entry.hosts, entry.roles, names_digest)
                key = digest(self.settings, d.name, *inputs)
                make = self.made_downloads.maker(uri, key, d.make)
                file, problem = site_files.add(files, config, folder + d.name, make, self.docs_rel)
                problems += [problem] if problem else []
                if file is not None:
                    self.files_made[file.src_uri] = key
                    links.append(dl.Link(d.label, d.name, file.url, d.media_type))
            self.downloads[uri] = links
        return problems

    def _add_feed(self, files: Files, config: MkDocsConfig, report: Report) -> list[Problem]:
        if not config.site_url:
            report.info.append("no site_url in mkdocs.yml: the episode feed (feed.xml) is not made")
            return []
        text = feed.rss(
            self.index.episodes,
            self.catalog,
            site_url=absolute(config.site_url, ""),
            title=config.site_name,
            description=config.site_description or "",
            feed_url=absolute(config.site_url, "feed.xml"),
            language=self.t.code,
            corrections_url=absolute(
                config.site_url,
                "corrections/" if config.use_directory_urls else "corrections/index.html",
            ),
        )
        file, problem = site_files.add(files, config, "feed.xml", lambda: text, self.docs_rel)
        if file is not None:
            self.files_made[file.src_uri] = digest(text)
        return [problem] if problem else []

    def _add_podcasts(self, files: Files, config: MkDocsConfig, report: Report) -> list[Problem]:
        """Each show's podcast feed (made, like feed.xml, only with a site_url)."""
        if not config.site_url:
            return []
        uri_of = {id(e): uri for uri, e in self.entries.items()}
        made = podcast.show_feeds(
            [(uri_of[id(e)], e) for e in self.index.episodes],
            self.catalog,
            self.downloads,
            {
                "url": absolute(config.site_url, ""),
                "description": config.site_description or "",
                "data": rel_path(self.root / self.options.data_dir, self.root),
            },
            self.t,
            lambda uri: files.get_file_from_path(uri) is not None,
        )
        report.info += made.info
        problems = made.problems
        for path, text in made.texts.items():
            file, problem = site_files.add(files, config, path, _const(text), self.docs_rel)
            problems += [problem] if problem else []
            if file is not None:
                self.files_made[file.src_uri] = digest(text)
        return problems

    def _add_pages(self, files: Files, config: MkDocsConfig) -> list[Problem]:
        problems = []
        planned = pages.plan(self.catalog, self.index)
        existing = {f.src_uri for f in files}
        for uri in planned.keys() & set(self.entries):
            problems.append(
                Problem(
                    f"{self.docs_rel}/{uri}",
                    1,
                    "has the address of a page the site generates",
                    "rename the episode file",
                )
            )
        planned, hosted, placed = self._place_list(planned, files)
        problems += placed
        # a page the configuration allows (pages:) may replace a generated one
        self.generated = {
            uri: g for uri, g in planned.items() if uri not in existing or uri in hosted
        }
        for uri, page in self.generated.items():
            if uri not in hosted:
                file, problem = site_files.add(files, config, uri, lambda: "", self.docs_rel)
                problems += [problem] if problem else []
                # in the nav only as mkdocs.yml's nav says; with no nav:, MkDocs lists
                # every page, and of the plugin's the episode list alone (else nothing
                # would lead a reader of a site of its own to the episodes)
                if file is not None and not (config.nav is None and page.kind == "home"):
                    file.inclusion = InclusionLevel.NOT_IN_NAV
        pages.register_urls(self.index, planned, files)
        return problems

    def _place_list(
        self, planned: dict[str, pages.Page], files: Files
    ) -> tuple[dict[str, pages.Page], set[str], list[Problem]]:
        """Move the episode list (the ``home`` page) where it goes (see the ``list_page``
        option): the planned pages, the site's own pages that hold it, the problems."""
        home = next((uri for uri, p in planned.items() if p.kind == "home"), None)
        if home is None:
            return planned, set(), []
        hosts = sorted(self.hosts)
        problems = [self._second_marker(other, hosts[0]) for other in hosts[1:]]
        target = self.options.list_page or (hosts[0] if hosts else None)
        if target is None:
            target = home if home not in self.site_pages else FALLBACK_LIST
        others = {u: p for u, p in planned.items() if u != home}
        if target not in self.site_pages:
            return (
                {**others, target: pages.Page("home", "" if target == home else "list")},
                set(),
                problems,
            )
        # a page of the site's own: never replaced; the list goes where its marker is
        file = files.get_file_from_path(target)
        if target not in hosts or file is None:
            return others, set(), [*problems, self._no_marker(target)]
        text = file.content_string
        self.host_markdown[target] = meta.get_data(text)[0]
        return {**others, target: pages.Page("home", "list", host=digest(text))}, {target}, problems

    def _second_marker(self, other: str, first: str) -> Problem:
        return Problem(
            f"{self.docs_rel}/{other}",
            1,
            f"holds {LIST_MARKER} too: the episode list goes in one page ({first})",
            "remove the marker from all but one page",
        )

    def _no_marker(self, target: str) -> Problem:
        return Problem(
            f"{self.docs_rel}/{target}",
            1,
            f"is where the episode list goes (list_page), but has no {LIST_MARKER}",
            f"put {LIST_MARKER} where the list goes, or set list_page to a page of its own "
            "(one the site does not have)",
        )

    def _mark_changed(self, files: Files) -> list[str]:
        """Under ``--dirty``: make MkDocs write again every page and file whose output
        changed since the last build into this folder (not only those whose source file
        changed: the pages that list an edited episode, the episodes that show an edited
        record), and every page whose search entry is not at hand. Returns why each
        page is made again."""
        assert self.outputs is not None
        last = self.last
        # a new layout (mkdocs.yml, what it INHERITs, an !ENV value, the theme's files,
        # the plugin's code) may change every page's frame: every page is written again
        fresh = last is None or last.layout != self.layout
        searched = self._search_entries()
        reasons: list[str] = []
        for file in files:
            same = self._unchanged(file, fresh, reasons)
            if same is None:
                continue
            if file.is_documentation_page() and file.url not in searched:
                same = False  # its search entry must be made again
                reasons.append(f"{file.src_uri}: made again — its search entry is not at hand")
            (site_files.keep if same else site_files.write_again)(file)
        return reasons

    def _unchanged(self, file: File, fresh: bool, reasons: list[str]) -> bool | None:
        """Whether a file's output is the last build's (never when ``fresh``), adding
        why to ``reasons`` for one of the plugin's pages made again; None for any other
        file (left as MkDocs decides)."""
        assert self.outputs is not None
        last = self.last
        uri, url = file.src_uri, file.url
        plugin_page = uri in self.entries or uri in self.generated
        if plugin_page:
            old = last.pages.get(uri) if last else None
            same = not fresh and self.outputs.unchanged(uri, url, old)
            if same and old is not None:
                self.made[uri] = old
            else:
                reasons.append(f"{uri}: made again — {self.outputs.why(uri, url, old)}")
        elif file.src_uri in self.files_made:  # downloads, feed
            same = not fresh and last is not None
            same = same and last.files.get(uri) == self.files_made[uri]  # type: ignore[union-attr]
        elif file.is_documentation_page():  # the author's own pages: MkDocs' times
            same = not fresh
        else:
            return None
        return same

    def _search_entries(self) -> set[str]:
        """The pages whose search entry from the last build is at hand (read and
        checked now, so that the index this build writes is complete)."""
        last = self.last
        if last is None:
            return set()
        if self.session.pagefind is not None and last.search_kind == "pagefind":
            return {u for u, k in last.search.items() if self.session.pagefind.has(k)}
        if self.search is not None and last.search_kind == "search":
            return {u for u, k in last.search.items() if self.search.has(k)}
        return set()

    # --- pages --------------------------------------------------------------------------

    def page_markdown(self, page: Page) -> str | None:
        """The Markdown of one of the plugin's pages (None: not one of them)."""
        uri = page.file.src_uri
        made = self.outputs.page(uri, page.url) if self.outputs else None
        if made is None:
            return None
        output, self.made[uri] = made
        output.apply(page)
        self.pending[uri] = Held(output)
        self.made_downloads.make_now(uri)  # while the episode's words are at hand
        return output.markdown

    def env(self, files: Files) -> None:
        """Before pages are written: the sitemap's ``<lastmod>`` of every episode (also
        those a ``--dirty`` build skips: the newest correction, else the publication
        date), and the pages of the site in order (for the search index)."""
        for uri, entry in self.entries.items():
            file = files.get_file_from_path(uri)
            changed = entry.episode.updated or entry.episode.meta.date
            if file is not None and file.page is not None and changed:
                file.page.update_date = changed.isoformat()
        shown = InclusionLevel.is_in_serve if self.session.serve else InclusionLevel.is_included
        self.urls = [f.page.url for f in files.documentation_pages(inclusion=shown) if f.page]

    def page_content(self, html: str, page: Page, site_name: str) -> str | None:
        """The HTML search plugins index in ``on_page_context``: the lean text version of
        the plugin's pages (the full markup follows in :meth:`page_context`)."""
        uri = page.file.src_uri
        held = self.pending.get(uri)
        output = held.output if held else None
        if self.session.pagefind is not None:
            self._index_page(html, page, output, site_name)
        if held is None or output is None:
            return None
        held.html = html
        # what search plugins index; with none listed, the page as Markdown made it
        searched = self.search is not None or self.other_search
        held.lean = fill_slots(html, output.search) if searched else html
        if self.cache.folder is not None:
            # MkDocs reads every page before it writes the first: the full markup is read
            # back from the cache when the page is written, not held for the whole archive
            held.output = None
        return held.lean

    def _index_page(self, html: str, page: Page, output: PageOutput | None, site_name: str) -> None:
        """Hand Pagefind the lean copy of a page: an episode's words with their line
        anchors; a generated page's list text, weighted below the episodes' words; any
        other page as it is. Pages kept out of search (year archives) are left out."""
        pagefind = self.session.pagefind
        assert pagefind is not None
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
        title = page.title or site_name
        doc = lean_document(title, strip_headerlinks(body), pagefind.language, weight=weight)
        pagefind.add(page.url, doc)

    def page_context(self, page: Page) -> None:
        """After the search plugins: the page's full markup."""
        held = self.pending.get(page.file.src_uri)
        if held is not None and held.html:
            output = self._output(page, held)
            page.content = fill_slots(held.html, output.html)
            if output.jsonld:
                page.meta["jsonld"] = output.jsonld

    def _output(self, page: Page, held: Held) -> PageOutput:
        if held.output is not None:
            return held.output
        assert self.outputs is not None
        uri = page.file.src_uri
        return self.outputs.again(uri, page.url, self.made[uri].key)

    def post_page(self, output: str, page: Page) -> None:
        """A page is written: its full markup is let go (``page.content`` is the lean
        version again, as search plugins read it). The first episode page whose
        ``<head>`` lacks what the plugin's blocks put there (a block of the site's
        templates without ``{{ super() }}``) is kept for :meth:`finish` to report once."""
        uri = page.file.src_uri
        held = self.pending.pop(uri, None)
        jsonld = bool(page.meta.get("jsonld"))
        if held is not None and held.html:  # let go of what only writing the page needed
            page.content = held.lean
            page.meta.pop("jsonld", None)
        if self.head_missing is not None or uri not in self.entries or self.frame_problem:
            return
        missing = theme.head_missing(output, jsonld, self.has_feed)
        if missing:
            self.head_missing = (uri, missing)

    # --- on_post_build --------------------------------------------------------------------

    def finish(self, config: MkDocsConfig) -> Report:
        """Write the search index, keep the state for the next build, prune the cache."""
        report = Report()
        if self.head_missing is not None:
            report.problems.append(theme.head_problem(*self.head_missing, self.frame_path))
        last = self.last if self.session.dirty else None
        search: dict[str, str] = {}
        kind = ""
        if self.search is not None:
            self.search.finish(self.session.dirty, self.urls, last.search if last else {})
            search, kind = dict(self.search.keys), "search"
        pagefind = self.session.pagefind
        if pagefind is not None:
            before = last.search if last and last.search_kind == "pagefind" else {}
            done = pagefind.finish(Path(config.site_dir), self.urls, before, self.session.serve)
            search, kind = dict(pagefind.keys), "pagefind"
            how = {"cache": " (the same as before)", "background": " (being made)"}
            report.info.append(
                f"search index (Pagefind): {done.pages} pages in {done.seconds:.1f} s"
                + how.get(done.how, "")
            )
        pages_now = dict(last.pages) if last else {}
        pages_now.update(self.made)
        files_now = dict(last.files) if last else {}
        files_now.update(self.files_made)
        state = st.SiteState(
            self.site_dir, self.layout, pages_now, files_now, search, kind, self.written
        )
        st.save(self.cache, state)
        made = self.outputs.made if self.outputs else []
        report.info.append(
            f"pages made: {len(made)}, the rest from the cache ({self.cache.hits} hits, "
            f"{self.cache.corrupt} corrupt or foreign)"
        )
        if not self.session.dirty:
            others = [s for s in st.live(self.cache, self.root) if s.site_dir != self.site_dir]
            keep = st.relied_on([*others, state])
            kinds_ = ["parse", "page", "search", "pagefind", "pagefind-bundle", KIND]
            self.cache.prune(kinds_, keep)
        return report

    def reasons(self) -> list[str]:
        """Why each page this build made was made (for ``mkdocs build -v``)."""
        if self.outputs is None or self.session.dirty:
            return []
        last = self.last
        out = []
        for uri, url in self.outputs.made:
            old = last.pages.get(uri) if last else None
            out.append(f"{uri}: made again — {self.outputs.why(uri, url, old)}")
        return out


@dataclass(slots=True)
class Held:
    """One of the plugin's pages between MkDocs' hooks: its output until its HTML is
    rendered, then that HTML with the slots still empty and the lean version."""

    output: PageOutput | None
    html: str = ""
    lean: str = ""


def _const(text: str) -> Callable[[], str]:
    """A maker of a file whose text is already made."""
    return lambda: text
