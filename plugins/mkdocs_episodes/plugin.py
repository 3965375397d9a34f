"""The MkDocs adapter: hooks only, each handing MkDocs' objects to :mod:`.build` and
logging what it reports. No build state lives here (it is in :class:`.build.Build`, made
anew for every build; what ``serve`` keeps across builds is in :class:`.build.Session`)."""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from . import theme
from .build import Build, Report, Session
from .config import EpisodesConfig
from .config_check import ConfigError
from .errors import Problem
from .search_words import load_jieba

log = get_plugin_logger("episodes")


class EpisodesPlugin(BasePlugin[EpisodesConfig]):  # type: ignore[no-untyped-call]
    """Turn episode files and ``data/*.yml`` into episode, policy and actor pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.session = Session()
        self.build: Build | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """MkDocs says which command runs (``gh-deploy`` must not publish a preview
        address) and whether it is ``--dirty``; ``serve`` keeps the session across its
        builds."""
        self.session = Session(command, dirty)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Each build (every rebuild of ``serve``) starts from the sources again: check the
        configuration and settle what every page depends on."""
        self.build = None
        if not self.config.enabled:
            # a site's main.html extends the plugin's frame: it must still be found
            theme.register_frame(config)
            return None
        self.build = Build(self.config, self.session, config)
        try:
            _log(self.build.configure(config))
        except ConfigError as e:
            raise PluginError(str(e)) from None
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """After every plugin's ``on_config``: start this build's search index."""
        if self.build is not None:
            self.build.pre_build(config)

    @event_priority(-100)  # after Material's blog has made the pages it owns
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Read and check every source, index the episodes and add the generated pages and
        files here, so that the index is complete before any page is rendered (and stays
        correct under ``serve --dirty``, which skips pages before ``on_page_markdown``)."""
        if self.build is None:
            return None
        _log(self.build.collect(files, config))
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """The Markdown of an episode or generated page (from the cache when unchanged)."""
        return self.build.page_markdown(page) if self.build else None

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Every page is read: the sitemap's dates and the pages' order for search."""
        if self.build is not None:
            self.build.env(files)
        return env

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Search plugins index ``page.content`` in ``on_page_context``: hand them the lean
        text version now, and the full markup after them (:meth:`on_page_context`)."""
        return self.build.page_content(html, page, config.site_name) if self.build else None

    @event_priority(-100)  # after Material's search plugin has indexed the lean version
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """The page's full markup, once search has read the lean version."""
        if self.build is not None:
            self.build.page_context(page)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """A written page: what the theme's templates left out of an episode's head (after
        Material's social plugin has added its tags)."""
        if self.build is not None:
            self.build.post_page(output, page)
        return None

    @event_priority(50)  # before Material's search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the search index, keep the state for the next build, prune the cache."""
        gc.unfreeze()
        if self.build is not None:
            report = self.build.finish(config)
            report.debug = self.build.reasons() + report.debug
            _log(report)

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build gives the garbage collector back too."""
        gc.unfreeze()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """MkDocs watches docs_dir and mkdocs.yml; the data and the templates (custom_dir,
        watched by MkDocs only with --watch-theme) shape every page too."""
        if self.config.enabled:
            root = Path(config.config_file_path or ".").resolve().parent
            for folder in (root / self.config.data_dir, config.theme.custom_dir):
                if folder and Path(folder).is_dir():
                    server.watch(str(folder))
            if self.session.pagefind is None:
                # A warm start builds from the cache without segmenting any Chinese: load
                # jieba's dictionary (half a second) while the editor reads, not after
                # their first save (Material segments with it).
                threading.Thread(target=load_jieba, name="jieba", daemon=True).start()
        return server


def _log(report: Report) -> None:
    for problem in report.problems:
        log.warning(str(problem))
    for problem in report.drafts:
        (log.warning if report.drafts_warn else log.info)(f"{problem} [draft]")
    for line in report.info:
        log.info(line)
    for line in report.debug:
        log.debug(line)


__all__ = ["EpisodesPlugin", "Problem"]
