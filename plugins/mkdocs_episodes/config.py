"""Plugin options (``plugins: - episodes: …`` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class EpisodesConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``episodes`` plugin."""

    enabled = c.Type(bool, default=True)
    """Switch the plugin off (episodes then render as plain Markdown)."""

    data_dir = c.Type(str, default="data")
    """The YAML data folder, relative to mkdocs.yml."""

    episodes = c.ListOfItems(c.Type(str), default=["[0-9][0-9][0-9][0-9]/*.md"])
    """Glob patterns (relative to docs_dir) of the files that are episodes."""

    pages = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns (relative to docs_dir) of Markdown or HTML pages that are not
    episodes and may be published as they are (an "about" page). Pages other plugins own
    (Material's blog and tags) and the page holding ``<!-- episodes -->`` need no listing;
    any other page under docs_dir is left out, named in one message: nothing is published
    unchecked."""

    drafts = c.Choice(("serve", "always", "never"), default="serve")
    """Where episodes with ``draft: true`` appear: under ``mkdocs serve`` only (default),
    in every build, or never. Drafts are checked in every build: where they appear their
    problems are warnings (``--strict`` fails); where they are left out the problems are
    printed as information, marked ``[draft]``, and do not fail the build."""

    generate_pages = c.Type(bool, default=True)
    """Generate the home, policy, actor and stance pages."""

    list_page = c.Optional(c.Type(str))
    """Where the list of episodes goes (a path under docs_dir). Unset: the page of the
    site's own that holds the marker ``<!-- episodes -->`` (the list takes its place);
    else ``index.md`` when the site has no home page of its own; else a page of its own,
    ``episodes/index.md``. The site's own ``index.md`` is never replaced. A page named
    here that is the site's own must hold the marker."""

    downloads = c.ListOfItems(
        c.Choice(("txt", "vtt", "srt", "json", "chapters")),
        default=["txt", "vtt", "srt", "json", "chapters"],
    )
    """The files published beside each episode (at ``<episode>/transcript.txt``, ``.vtt``,
    ``.srt``, ``.json`` and ``chapters.json``): leave a format out to publish it nowhere
    (the page, the feeds and structured data then leave it out too); the subtitle and
    chapter files need timestamps in the episode."""

    cache = c.Type(bool, default=True)
    """Keep what builds work out (parsed episodes, rendered pages, search entries) in
    ``cache_dir`` and reuse it while the inputs are unchanged."""

    cache_dir = c.Type(str, default=".cache/episodes")
    """Where the cache lives, relative to mkdocs.yml (delete it to start afresh)."""

    search = c.Choice(("pagefind", "material"), default="pagefind")
    """The site's search box: ``pagefind`` (the default: an index in chunks that a query
    loads as it needs them, so a search downloads a few hundred kilobytes whatever the
    size of the archive, and results that link the transcript line of the hit; Chinese
    needs ``pip install 'mkdocs-episodes[zh]'``; Material's search plugin, if listed, is
    switched off) or ``material`` (Material's search plugin: every page's text in one
    ``search_index.json`` that a reader downloads before the first result)."""
