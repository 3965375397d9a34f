"""The plugin in a Material site of a show's own (issue 27): its pages, blog, tags and home
kept; the episode page complete with the plugin's own templates (no copied files); one
summary of pages left out; the episode list where the site wants it; and Material's
plugins and features alongside (blog in either order, tags, social, privacy, instant
navigation) and mkdocs-rss-plugin."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from foreignsite import (
    DEFAULT_PLUGINS,
    EPISODE_PAGE,
    assert_episode_page_complete,
    head,
    read,
    write,
)
from mkdocs.exceptions import Abort
from sitekit import build_site, run


def nav_links(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"[^>]*class="md-nav__link', html)


@pytest.mark.parametrize("order", ["episodes last", "episodes first"])
def test_a_site_of_its_own_keeps_its_pages_blog_tags_and_home(tmp_path: Path, order: str) -> None:
    plugins = DEFAULT_PLUGINS
    if order == "episodes first":
        lines = plugins.splitlines(keepends=True)
        plugins = "".join(lines[:1] + lines[3:] + lines[1:3])  # search, episodes, blog, tags
    site = build_site(write(tmp_path, plugins), strict=True)
    assert_episode_page_complete(site)
    home = read(site, "index.html")
    assert "Welcome to the show&#39;s site." in home or "Welcome to the show's site." in home
    assert "ep-list" not in home  # the site's own home is not replaced
    listing = read(site, "episodes/index.html")
    assert 'href="../2025/episode-one/"' in listing
    assert "The first post." in read(site, "blog/2025/05/01/hello/index.html")
    assert "Hello" in read(site, "blog/index.html")
    tags = read(site, "tags/index.html")
    assert "Episode one" in tags and "Hello" in tags
    assert read(site, "about/index.html").count("Who we are.") == 1
    links = nav_links(home)
    assert links, "no nav"
    # with no nav: of the site's, MkDocs lists every page: of the plugin's, only the list
    assert not [u for u in links if u.startswith(("policies", "actors", "stances", "2025"))]
    assert "episodes/" in links and "about/" in links


def test_pages_left_out_are_named_in_one_line(
    tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    plugins = DEFAULT_PLUGINS.replace(
        "  - episodes:\n      pages: [index.md, about.md, notes/*.md]\n", "  - episodes\n"
    )
    with pytest.raises(Abort):
        build_site(write(tmp_path, plugins), strict=True)
    [message] = expect_warnings()
    assert message.startswith("episodes: mkdocs.yml:12: 3 page(s) under docs_dir are not episodes")
    assert "about.md, index.md, notes/guests.md" in message
    assert "pages: [about.md, index.md, notes/guests.md]" in message
    site = build_site(tmp_path / "mkdocs.yml")  # not strict: the rest is built
    expect_warnings()
    assert not (site / "about" / "index.html").exists()
    assert (site / "blog" / "index.html").is_file() and (site / "tags" / "index.html").is_file()
    assert "ep-list" not in read(site, "index.html") if (site / "index.html").exists() else True
    assert (site / "episodes" / "index.html").is_file()  # the list in a page of its own


def test_the_list_goes_where_the_sites_page_has_its_marker(tmp_path: Path) -> None:
    config = write(tmp_path)
    about = tmp_path / "docs" / "about.md"
    about.write_text("# About\n\nWho we are.\n\n<!-- episodes -->\n\nWrite to us.\n", "utf-8")
    site = build_site(config, strict=True)
    page = read(site, "about/index.html")
    assert page.index("Who we are.") < page.index("ep-list") < page.index("Write to us.")
    assert "<title>About - Our show</title>" in page
    assert 'href="../2025/episode-one/"' in page
    assert not (site / "episodes").exists()
    assert "ep-list" not in read(site, "index.html")


def test_list_page_naming_a_page_without_the_marker_says_so(
    tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    config = write(
        tmp_path,
        DEFAULT_PLUGINS + "      list_page: about.md\n",
    )
    with pytest.raises(Abort):
        build_site(config, strict=True)
    [message] = expect_warnings()
    assert message.startswith("episodes: docs/about.md:1: is where the episode list goes")
    assert "<!-- episodes -->" in message


def test_list_page_may_name_a_page_of_its_own(tmp_path: Path) -> None:
    config = write(tmp_path, DEFAULT_PLUGINS + "      list_page: shows/all.md\n")
    site = build_site(config, strict=True)
    assert 'href="../../2025/episode-one/"' in read(site, "shows/all/index.html")
    assert not (site / "episodes").exists()


def test_without_a_home_of_its_own_the_list_is_the_home(tmp_path: Path) -> None:
    config = write(tmp_path)
    (tmp_path / "docs" / "index.md").unlink()
    site = build_site(config, strict=True)
    assert 'href="2025/episode-one/"' in read(site, "index.html")


# --- Material's plugins and features, and mkdocs-rss-plugin ----------------------------------


def _fonts_for_social(root: Path) -> None:
    """Material's social plugin downloads its font from Google Fonts unless its cache has
    it: a local font in its place (the tests run offline)."""
    fonts = root / ".cache" / "plugin" / "social" / "fonts" / "Roboto"
    fonts.mkdir(parents=True)
    for style in ("Regular", "Bold"):
        shutil.copy("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", fonts / f"{style}.ttf")


def test_with_materials_social_plugin_a_page_has_one_set_of_open_graph_tags(
    tmp_path: Path,
) -> None:
    pytest.importorskip("cairosvg")
    if not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").is_file():
        pytest.skip("no DejaVu font for the social cards")
    config = write(tmp_path, DEFAULT_PLUGINS + "  - social\n")
    _fonts_for_social(tmp_path)
    site = build_site(config, strict=True)
    assert_episode_page_complete(site, og_type="website")  # the social plugin's
    top = head(read(site, EPISODE_PAGE))
    assert top.count('property="og:image"') == 1
    assert top.count('property="og:site_name"') == 1 and top.count('property="og:locale"') == 1
    for rel in ("index.html", "about/index.html", "blog/2025/05/01/hello/index.html"):
        page = head(read(site, rel))
        assert page.count('property="og:type"') == 1, rel
        assert page.count('property="og:title"') == 1, rel


def test_with_privacy_instant_navigation_and_the_rss_plugin(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs_rss_plugin")
    plugins = DEFAULT_PLUGINS + (
        "  - privacy:\n"
        # Material's script names mermaid on unpkg.com, which the plugin would download
        # (the tests run offline)
        "      assets_exclude: [unpkg.com/*]\n"
        "  - rss:\n"
        "      use_git: false\n"
        # mkdocs-rss-plugin reads every matching page's source file, which generated
        # pages (the plugin's, the blog's archive) do not have: its feed gets the posts
        # and the episodes
        "      match_path: (blog/posts|[0-9]{4})/.*\n"
        "      date_from_meta:\n"
        "        as_creation: date\n"
    )
    features = "    - navigation.instant\n"
    site = build_site(write(tmp_path, plugins, features=features), strict=True)
    assert_episode_page_complete(site)
    assert (site / "feed_rss_created.xml").is_file() and (site / "feed.xml").is_file()
    rss = read(site, "feed_rss_created.xml")
    assert "Episode one" in rss
    top = head(read(site, EPISODE_PAGE))
    assert "feed_rss_created.xml" in top and "feed.xml" in top


def test_switched_off_the_plugin_leaves_a_plain_site_that_builds(tmp_path: Path) -> None:
    """``enabled: false`` (say from an environment variable): episodes are plain Markdown,
    and a site's ``main.html`` that extends the plugin's frame still builds."""
    from sitekit import write_site

    config = write_site(tmp_path, {"2025/e.md": "---\ntitle: 一期\n---\n\n一行\n"})
    text = config.read_text("utf-8").replace(
        "  - episodes\n", "  - episodes:\n      enabled: false\n"
    )
    config.write_text(text.split("nav:\n")[0] + "plugins:" + text.split("plugins:", 1)[1], "utf-8")
    (tmp_path / "episodes" / "index.md").write_text("# 首页\n", "utf-8")
    main = (tmp_path / "site_overrides" / "main.html").read_text("utf-8")
    assert 'extends "episodes-base.html"' in main  # the project's own, as copied
    site = build_site(config)
    page = read(site, "2025/e/index.html")
    assert "一行" in page and "ep-l" not in page  # plain: no line markup


HOOK = (
    "def on_post_page(output, page, config):\n"
    "    return output.replace('</body>', '<!-- hooked: {mark} --></body>')\n"
)


def test_a_site_with_a_hooks_file_builds_and_the_hooks_code_is_an_input(tmp_path: Path) -> None:
    """MkDocs lists a ``hooks:`` file among the plugins, as a module with no options: the
    plugin builds beside it, and takes the file's code as part of the configuration (an
    edit to it is an edit to every page)."""
    from mkdocs.config import load_config
    from mkdocs_episodes.contract import config_digest

    config = write(tmp_path, DEFAULT_PLUGINS, extra="hooks:\n  - hooks.py\n")
    hook = tmp_path / "hooks.py"
    hook.write_text(HOOK.format(mark="one"), "utf-8")
    site = build_site(config, strict=True)
    assert_episode_page_complete(site)
    assert "<!-- hooked: one -->" in read(site, EPISODE_PAGE)

    def digest() -> str:
        return config_digest(load_config(str(config)), tmp_path)

    before = digest()
    assert digest() == before  # the same code, the same configuration
    hook.write_text(HOOK.format(mark="two"), "utf-8")
    assert digest() != before
    # a new process, as `mkdocs build` is (one process does not load a changed hook again)
    done = run("mkdocs", "build", "--strict", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "<!-- hooked: two -->" in read(site, EPISODE_PAGE)
