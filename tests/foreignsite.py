"""A Material for MkDocs site of a show's own (show notes, a blog, tags, an about page) that
adds episode pages with the plugin: ``docs/`` as its docs_dir, no ``custom_dir``, its own
home page, and one episode."""

from __future__ import annotations

import textwrap
from pathlib import Path

from sitekit import DATA

PAGES = {
    "index.md": "# Our show\n\nWelcome to the show's site.\n",
    "about.md": "# About\n\nWho we are.\n",
    "notes/guests.md": "# Guests\n\nHow to be a guest.\n",
    "tags.md": "# Tags\n\n<!-- material/tags -->\n",
    "blog/index.md": "# Blog\n",
    "blog/posts/hello.md": textwrap.dedent(
        """\
        ---
        date: 2025-05-01
        categories: [News]
        tags: [launch]
        ---

        # Hello

        The first post.
        """
    ),
}

EPISODE = textwrap.dedent(
    """\
    ---
    title: Episode one
    date: 2025-05-03
    show: show-a
    language: en
    summary: Acme on the rule, and what we think of it.
    tags: [launch]
    ---

    [00:00:01] Welcome to the first episode.

    /// position | acme
        source: src-a
        policy: rule-x
        stance: supports
    Acme says it supports the rule.
    ///

    [00:00:09] That is what Acme said.

    /// opinion
    We think the rule is too broad.
    ///
    """
)


def config(
    plugins: str,
    features: str = "",
    extra: str = "",
    site_url: str = "https://example.org/show/",
) -> str:
    """The site's mkdocs.yml with ``plugins`` (a YAML list, indented two spaces)."""
    return (
        "site_name: Our show\n"
        f"site_url: {site_url}\n"
        "theme:\n"
        "  name: material\n"
        "  font: false\n"
        "  features:\n"
        "    - navigation.tracking\n"
        f"{features}"
        "plugins:\n"
        f"{plugins}"
        "markdown_extensions:\n"
        "  - attr_list\n"
        f"{extra}"
    )


DEFAULT_PLUGINS = (
    "  - search\n  - blog\n  - tags\n  - episodes:\n      pages: [index.md, about.md, notes/*.md]\n"
)


def write(root: Path, plugins: str = DEFAULT_PLUGINS, **kwargs: str) -> Path:
    """Write the site under ``root``; returns its mkdocs.yml."""
    (root / "mkdocs.yml").write_text(config(plugins, **kwargs), "utf-8")
    for rel, text in {**PAGES, "2025/episode-one.md": EPISODE}.items():
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    (root / "data").mkdir(exist_ok=True)
    for name, text in DATA.items():
        (root / "data" / name).write_text(textwrap.dedent(text), "utf-8")
    return root / "mkdocs.yml"


EPISODE_PAGE = Path("2025") / "episode-one" / "index.html"


def read(site: Path, rel: str | Path) -> str:
    return (site / rel).read_text("utf-8")


def head(html: str) -> str:
    return html.split("</head>", 1)[0]


def assert_episode_page_complete(site: Path, og_type: str = "article") -> None:
    """Everything the plugin puts on an episode page, from its own templates."""
    page = read(site, EPISODE_PAGE)
    top = head(page)
    assert top.count("application/ld+json") == 1
    assert top.count('type="application/rss+xml" title="Our show"') == 1
    assert "assets/episodes/episodes.css" in top
    assert "assets/episodes/episodes.js" in page and "assets/episodes/search.js" in page
    for prop in ("og:type", "og:title", "og:url", "og:description"):
        assert top.count(f'property="{prop}"') == 1, prop
    assert f'property="og:type" content="{og_type}"' in top
    assert 'data-ep-toggle="commentary"' in page  # the reader's control
    assert 'id="L1"' in page and "ep-opinion" in page
    for asset in ("episodes.css", "episodes.js", "search.js"):
        assert (site / "assets" / "episodes" / asset).is_file()
