"""The public extension API (mkdocs_episodes.api): each extension point is one declaration
(plus its template where it draws), shown here with a throwaway block kind with its own
presenter and structured data, a throwaway field shown on actor pages, and a throwaway
kind of page, each added in the test and built."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from mkdocs_episodes import api
from mkdocs_episodes.catalog import build_catalog
from mkdocs_episodes.check import check_episode
from mkdocs_episodes.parse import parse_episode
from mkdocs_episodes.reference import reference
from schemaorg_check import page_data
from sitekit import DATA, ROOT, build_site, episode, write_site

THEME = ROOT / "plugins" / "mkdocs_episodes" / "theme"

PUBLIC = [
    "Argument",
    "BlockKind",
    "Bool",
    "Check",
    "Choice",
    "Date",
    "Field",
    "Found",
    "Id",
    "Ids",
    "Invalid",
    "LanguageTag",
    "NameCheck",
    "Needs",
    "Page",
    "PageKind",
    "Plan",
    "RichText",
    "Scope",
    "Section",
    "Text",
    "Texts",
    "Url",
    "Words",
    "add_field",
    "register_block",
    "register_kind",
    "remove_field",
    "section",
    "unregister_block",
    "unregister_kind",
]


def test_the_public_api_is_this_list_and_documented() -> None:
    assert sorted(api.__all__) == PUBLIC  # a change here is a change of the public API
    for name in api.__all__:
        obj = getattr(api, name)
        assert getattr(obj, "__doc__", None), f"{name} has no docstring"


# --- a block kind with its own presenter and structured data ------------------------------


@dataclass(frozen=True)
class AsideView:
    """What the aside's template gets."""

    label: str
    mood: str
    words: str


def present_aside(block: Any, view: Any, page: Any, label: str) -> AsideView:
    words = " / ".join(line.words for line in block.lines)
    return AsideView(label, block.options["mood"], words)


def aside_nodes(block: Any, scope: api.Scope) -> list[dict[str, Any]]:
    return [{"@type": "Comment", "url": f"{scope.page_url}#{block.anchor}", "text": "aside"}]


@pytest.fixture
def aside() -> Iterator[api.BlockKind]:
    kind = api.register_block(
        api.BlockKind(
            "aside",
            "A throwaway kind for the test.",
            api.Argument("who speaks aside", speaks=True, attr="argument"),
            {"mood": api.Field(api.Choice(("calm", "angry")), "how it is said", required=True)},
            anchor_prefix="aside",
            present=present_aside,
            jsonld=aside_nodes,
        )
    )
    yield kind
    api.unregister_block("aside")


FRONT = "---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n---\n"
CATALOG, _ = build_catalog({k[:-4]: textwrap.dedent(v) for k, v in DATA.items()})


def problems_of(text: str) -> list[str]:
    ep, found = parse_episode(text, "e.md")
    return [str(p) for p in found + check_episode(ep, CATALOG)]


def test_a_block_kind_is_one_declaration_plus_its_template(
    aside: api.BlockKind, tmp_path: Path
) -> None:
    assert problems_of(FRONT + "/// aside | acme\n    mood: calm\n低声说\n///\n") == []
    assert problems_of(FRONT + "/// aside\n    mood: happy\n说\n///\n") == [
        "e.md:7: option 'mood' of '/// aside' is 'happy', not an allowed value — use one of: "
        "angry, calm"
    ]
    assert "### `/// aside | <actor id>` — aside" in reference()
    config = write_site(
        tmp_path, {"2025/e.md": episode("/// aside | acme\n    mood: calm\n低声说\n///\n")}
    )
    # a site's custom_dir holds the new kind's template (the plugin's own are in its package)
    template = tmp_path / "site_overrides" / "partials" / "episodes" / "blocks" / "aside.html"
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text(
        '<aside class="ep-block" data-kind="aside" id="{{ b.anchor }}" '
        'data-mood="{{ v.mood }}" aria-label="{{ v.label }}">{{ v.words }}</aside>',
        "utf-8",
    )
    html = (build_site(config, strict=True) / "2025" / "e" / "index.html").read_text("utf-8")
    assert (
        '<aside class="ep-block" data-kind="aside" id="aside-1" data-mood="calm" '
        'aria-label="aside">低声说</aside>'
    ) in html
    [data] = page_data(html)
    assert {
        "@type": "Comment",
        "url": "https://example.org/repo/2025/e/#aside-1",
        "text": "aside",
    } in data["hasPart"]


# --- a field of a data record -------------------------------------------------------------


@pytest.fixture
def motto() -> Iterator[None]:
    api.add_field("actors", "motto", api.Field(api.Text(), "what the actor likes to say"))
    yield
    api.remove_field("actors", "motto")


def test_a_record_field_is_one_declaration_shown_where_a_template_draws_it(
    motto: None, tmp_path: Path
) -> None:
    data = dict(DATA)
    data["actors.yml"] = DATA["actors.yml"].replace(
        "          kind: company\n", "          kind: company\n          motto: 做最好的芯片\n", 1
    )
    catalog, problems = build_catalog({k[:-4]: textwrap.dedent(v) for k, v in data.items()})
    assert problems == [] and catalog.actors["acme"].motto == "做最好的芯片"
    assert "| `motto` |" in reference()
    config = write_site(tmp_path, {"2025/e.md": episode("一行\n")}, data)
    # the plugin's template, overridden in the site's custom_dir with one line more
    rel = Path("partials") / "episodes" / "sections" / "actor_head.html"
    head = tmp_path / "site_overrides" / rel
    head.parent.mkdir(parents=True, exist_ok=True)
    head.write_text(
        (THEME / rel).read_text("utf-8")
        + '\n{% if a.motto %}<p class="motto">{{ a.motto }}</p>{% endif %}',
        "utf-8",
    )
    html = (build_site(config, strict=True) / "actors" / "acme" / "index.html").read_text("utf-8")
    assert '<p class="motto">做最好的芯片</p>' in html


def test_without_its_declaration_the_field_is_an_error() -> None:
    texts = {k[:-4]: textwrap.dedent(v) for k, v in DATA.items()}
    texts["actors"] = texts["actors"].replace("kind: company\n", "kind: company\n  motto: x\n", 1)
    _, problems = build_catalog(texts)
    assert any("unknown field 'motto'" in p.message for p in problems)


# --- a kind of page ------------------------------------------------------------------------


def _show_pages(catalog: Any, index: Any) -> Iterator[tuple[str, api.Page]]:
    for sid in catalog.shows:
        yield f"shows/{sid}.md", api.Page("show", sid)


def _show_plan(page: api.Page, view: Any) -> api.Plan:
    show = view.catalog.shows[page.id]
    episodes = [e for e in view.index.episodes if e.episode.meta.show == page.id]
    return api.Plan(
        view.name(show.name), (api.section(None, None, "show_page", episodes=episodes),)
    )


@pytest.fixture
def show_kind() -> Iterator[None]:
    api.register_kind(
        api.PageKind("show", _show_pages, _show_plan, url_key=lambda p: ("show", p.id))
    )
    yield
    api.unregister_kind("show")


def test_a_page_kind_is_one_declaration_plus_its_templates(
    show_kind: None, tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    config = write_site(tmp_path, {"2025/e.md": episode("一行\n")})
    section = tmp_path / "site_overrides" / "partials" / "episodes" / "sections" / "show_page.html"
    section.parent.mkdir(parents=True, exist_ok=True)
    section.write_text(
        '<ul class="show-episodes">{% for e in episodes %}<li><a href="{{ ep.to(e.url) }}">'
        "{{ e.title }}</a></li>{% endfor %}</ul>",
        "utf-8",
    )
    site = build_site(config)
    html = (site / "shows" / "show-a" / "index.html").read_text("utf-8")
    assert "<h1>节目甲</h1>" in html or ">节目甲<" in html
    assert '<ul class="show-episodes"><li><a href="../../2025/e/">测试节目</a></li></ul>' in html
    expect_warnings()  # the page is outside the nav (as episodes are)
