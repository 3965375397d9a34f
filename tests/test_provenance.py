"""Issue 25: say exactly what we know. A party's argument relayed without attribution, the
passages of one statement counted once, what a quote and a check rest on, why a source
has no address, a status's "as of" date and the corrections of data records: each
validated at its line, and said the same on every output that shows it (the episode, the
actor and policy pages, the archives, the grid, the corrections page, JSON-LD, the feed)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from mkdocs_episodes.catalog import build_catalog
from mkdocs_episodes.check import check_episode
from mkdocs_episodes.parse import parse_episode
from schemaorg_check import page_data
from sitekit import DATA, ROOT, build_site, episode, write_site

STATEMENT = "acme-2025-04-30-letter"

BODY = f"""\
    /// position | acme
        id: acme-relayed
        attribution: relayed
        statement: {STATEMENT}
        source: src-a
        policy: rule-x
    另一方面，这条规则保住了领先
    ///

    /// position | acme
        id: acme-stated
        statement: {STATEMENT}
        source: src-a
        policy: rule-x
        stance: supports
        stance_basis: stated
        quote: We support it.
        quote_kind: verbatim
        quote_from: src-report
        account: checked
        checked_against: src-report
    甲公司支持这项规则
    ///

    /// position | acme
        id: acme-figure
        statement: {STATEMENT}
        source: src-a
        policy: rule-x
        account: disputed
        checked_against: src-report
    甲公司说走私涉及数亿美元
    ///

    /// position | beta
        id: beta-1
        source: src-b
        policy: rule-x
        stance: opposes
    乙公司反对
    ///

    /// opinion
    这是主持人的看法
    ///
"""

SOURCES = """\
    src-a:
      title: Acme letter
      publisher: acme
      url: https://example.org/acme
      date: 2025-04-30
      language: en
    src-b:
      title: Beta reply
      publisher: Beta News
      url: https://example.org/beta
      date: 2025-05-01
    src-report:
      title: 【某报道】
      publisher: Daily Report
      url: https://example.org/report
      date: 2025-05-02
      language: en
    src-unkept:
      title: 【没有记下地址的报道】
      publisher: Wire
      url_status: not-recorded
      corrections:
        - {date: 2026-11-30, change: 说明有报道可查, reason: 原记录读来像查无原文}
"""

POLICIES = """\
    rule-x:
      name: {zh: 某规则, en: Rule X}
      status: {value: in-force, date: 2025-01-13, source: src-a, as_of: 2025-05-28}
      sources: [src-a, src-unkept]
      corrections:
        - {date: 2026-11-30, change: 补记状态的日期, reason: 读来像是现状}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("provenance")
    data = {**DATA, "sources.yml": SOURCES, "policies.yml": POLICIES}
    config = write_site(root, {"2025/e.md": episode(BODY)}, data)
    text = (root / "mkdocs.yml").read_text("utf-8")
    (root / "mkdocs.yml").write_text(text.replace("/repo/", "/"), "utf-8")
    from mkdocs_episodes import pages

    newest, pages.NEWEST = pages.NEWEST, 3  # so that the policy's year archive is made
    try:
        return build_site(config, strict=True)
    finally:
        pages.NEWEST = newest


def read(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text("utf-8")


def shown(html: str, anchor_or_actor: str) -> str:
    """The opening tag and first 3000 characters of a shown position."""
    m = re.search(rf'<(?:div|li)[^>]*data-kind="position"[^>]*{anchor_or_actor}[^>]*>', html)
    assert m is not None, anchor_or_actor
    return html[m.start() : m.start() + 3000]


# --- validation: one message at the line, with how to fix it ---------------------------


def problems(body: str, sources: str = SOURCES) -> list[str]:
    catalog, loaded = build_catalog(
        {
            **{k[:-4]: textwrap.dedent(v) for k, v in DATA.items()},
            "sources": textwrap.dedent(sources),
        }
    )
    assert not loaded, loaded
    ep, found = parse_episode(episode(body), "episodes/e.md")
    return [str(p) for p in found + check_episode(ep, catalog)]


@pytest.mark.parametrize("account", ["checked", "disputed"])
def test_a_compared_account_names_what_it_was_compared_with(account: str) -> None:
    body = f"/// position | acme\n    source: src-a\n    account: {account}\n甲\n///\n"
    assert problems(body) == [
        "episodes/e.md:9: '/// position' has no 'checked_against': a checked or disputed "
        "account says what it was compared with — add "
        "'    checked_against: <id from data/sources.yml>'"
    ]


def test_an_unchecked_account_needs_nothing_and_defaults_claim_nothing() -> None:
    body = "/// position | acme\n    source: src-a\n甲\n///\n"
    assert problems(body) == []
    ep, _ = parse_episode(episode(body), "e.md")
    p = ep.positions[0]
    assert (p.account, p.attribution, p.quote_kind, p.statement) == (
        "unchecked",
        "attributed",
        "paraphrase",
        None,
    )


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ("attribution: relay", "did you mean 'relayed'?"),
        ("checked_against: src-nope", "unknown source 'src-nope'"),
        ("quote_from: src-report", "has no 'quote'"),
        ("statement: Not An Id", "must be an id"),
    ],
)
def test_each_new_option_is_checked_at_its_line(option: str, expected: str) -> None:
    body = f"/// position | acme\n    source: src-a\n    {option}\n甲\n///\n"
    found = problems(body)
    assert len(found) == 1 and expected in found[0], found
    assert found[0].startswith("episodes/e.md:") and " — " in found[0]


def test_a_misspelt_option_gets_a_did_you_mean() -> None:
    body = "/// position | acme\n    source: src-a\n    checked_agianst: src-a\n甲\n///\n"
    [found] = problems(body)
    assert "checked_against" in found and found.startswith("episodes/e.md:")


def test_data_record_corrections_and_as_of_are_checked() -> None:
    _, loaded = build_catalog(
        {
            "sources": "s:\n  title: T\n  publisher: P\n  url: https://x.org\n"
            "  corrections:\n    - {date: 2026-11-30, change: c}\n",
            "policies": "p:\n  name: N\n  sources: [s]\n  status: {value: in-force, as_of: soon}\n",
        }
    )
    messages = [str(p) for p in loaded]
    assert any("data/sources.yml:6" in m and "reason" in m for m in messages), messages
    assert any("data/policies.yml:4" in m and "as_of" in m for m in messages), messages
    assert len(messages) == 2, messages


# --- one statement, counted once --------------------------------------------------------


def test_one_statement_through_several_passages_is_counted_once(site: Path) -> None:
    policy = read(site, "policies/rule-x")
    # the debate map: supports (stated) lists all three passages, counted as one statement
    head = re.search(r'<h3 id="stance-supports">(.*?)</h3>', policy)
    assert head is not None and "（1 项表态，3 段）" in head[1]
    group = policy[policy.index('id="stance-supports"') : policy.index('id="stance-opposes')]
    for text in ("另一方面", "甲公司支持", "数亿美元"):
        assert text in group
    grid = read(site, "stances")
    cells = re.findall(r'<a class="ep-cell"[^>]*data-stance="(\w+)"[^>]*>(.*?)</a>', grid)
    texts = [(s, re.sub(r"<[^>]+>", "", c)) for s, c in cells]
    assert [s for s, _ in texts] == ["supports", "opposes"]
    assert texts[0][1].startswith("支持（本人表态）1 项表态（3 段）")
    assert texts[1][1].startswith("反对（编者推断）1 项表态未与来源逐一核对 1 段2025")
    # and how sure, as the episode says it, passage by passage
    assert "已与来源核对 1 段；与来源有出入 1 段；未与来源逐一核对 1 段" in texts[0][1]
    index = read(site, "actors")
    assert "1 个立场" in index  # acme: one statement, three passages


def test_who_said_what_groups_a_statement(site: Path) -> None:
    page = read(site, "2025/e")
    who = page[page.index('class="ep-who-said"') :]
    who = who[: who.index("</section>")]
    assert who.count("ep-who-said-claim") == 2  # acme's statement, beta's position


def test_only_the_stating_passage_carries_a_stance(site: Path) -> None:
    page = read(site, "2025/e")
    for pid, stance in (("acme-relayed", None), ("acme-stated", "supports"), ("acme-figure", None)):
        tag = re.search(rf'<div class="ep-block ep-position"[^>]*id="{pid}"', page)
        assert tag is not None
        assert ('data-stance="' in tag[0]) == bool(stance), tag[0]
        assert f'data-statement="{STATEMENT}"' in tag[0]


# --- relayed without attribution --------------------------------------------------------


@pytest.mark.parametrize(
    "page", ["2025/e", "actors/acme", "policies/rule-x", "policies/rule-x/2025"]
)
def test_a_relayed_argument_is_shown_as_theirs_relayed_on_every_page(site: Path, page: str) -> None:
    html = read(site, page)
    m = re.search(r'<(?:div|li)[^>]*data-attribution="relayed"[^>]*>', html)
    assert m is not None, page
    assert 'data-kind="position" data-actor="acme"' in m[0]  # theirs, not commentary
    block = html[m.start() : m.start() + 2500]
    assert "主持人复述，未说明出处" in block
    assert "ep-commentary" not in m[0] and "ep-analysis" not in m[0]
    # only the relayed passage is marked relayed
    tags = re.findall(r'<(?:div|li)[^>]*data-kind="position"[^>]*>', html)
    assert sum('data-attribution="relayed"' in t for t in tags) == 1


def test_the_reporting_only_view_keeps_a_relayed_argument(site: Path) -> None:
    """The view that hides commentary hides blocks marked as commentary; a relayed
    argument is a position (``data-kind="position"``), never marked as commentary."""
    page = read(site, "2025/e")
    tag = re.search(r'<div class="ep-block ep-position"[^>]*id="acme-relayed"[^>]*>', page)
    assert tag is not None and "ep-commentary" not in tag[0] and "data-commentary" not in tag[0]


def test_json_ld_says_relayed_and_never_credits_it_as_their_quotation(site: Path) -> None:
    page = read(site, "2025/e")
    [data] = page_data(page)
    parts = {(q["@type"], q["url"].rsplit("#", 1)[1]): q for q in data["hasPart"]}
    relayed = parts["Comment", "acme-relayed"]
    assert "attribution:relayed" in relayed["keywords"]
    assert f"statement:{STATEMENT}" in relayed["keywords"]
    assert "without saying whose" in relayed["disambiguatingDescription"]
    assert ("Quotation", "acme-relayed") not in parts
    # a quote copied from a report: based on the report, the original only cited
    quote = parts["Quotation", "acme-stated"]
    assert quote["isBasedOn"]["url"] == "https://example.org/report"
    assert quote["citation"]["url"] == "https://example.org/acme"
    assert "as quoted by Daily Report" in quote["disambiguatingDescription"]
    account = parts["Comment", "acme-figure"]
    assert "checked-against:src-report" in account["keywords"]
    assert account["isBasedOn"]["url"] == "https://example.org/report"


# --- what a check and a quote rest on ---------------------------------------------------


@pytest.mark.parametrize("page", ["2025/e", "actors/acme", "policies/rule-x"])
def test_the_page_says_against_what_and_as_quoted_by_whom(site: Path, page: str) -> None:
    html = read(site, page)
    stated = shown(html, 'data-quote-from="src-report"')
    assert "已与来源核对，对照：Daily Report" in stated
    assert "原话，据Daily Report所引（本站未查阅原始来源）" in stated
    assert 'data-checked-against="src-report"' in stated.split(">", 1)[0]
    figure = shown(html, 'data-account="disputed"')
    assert "与来源有出入，对照：Daily Report" in figure
    assert "核对所据" in figure and "https://example.org/report" in figure


def test_archive_rows_show_the_how_sure_labels(site: Path) -> None:
    html = read(site, "policies/rule-x/2025")
    rows = re.findall(r"<li[^>]*data-kind=\"position\".*?</li>", html, re.S)
    assert rows
    text = " ".join(rows)
    assert "对照：Daily Report" in text and "未与来源逐一核对" in text
    assert "主持人复述，未说明出处" in text


# --- sources without an address, dated status, corrections of records -----------------


def test_a_source_without_address_says_why_everywhere(site: Path) -> None:
    html = read(site, "policies/rule-x")
    assert 'data-unlocated="not-recorded"' in html and "已公开，但本站未记录其网址" in html
    for path in site.rglob("*.html"):
        assert "未找到公开原文" not in path.read_text("utf-8"), path


def test_status_as_of_is_on_the_page_and_in_json_ld(site: Path) -> None:
    html = read(site, "policies/rule-x")
    assert '<span class="ep-as-of" data-as-of="2025-05-28">截至 2025-05-28</span>' in html
    [data] = page_data(html)
    assert data["disambiguatingDescription"] == "status in-force as of 2025-05-28"
    assert data["correction"][0]["text"].startswith("补记状态的日期")
    index = read(site, "policies")
    assert "截至 2025-05-28" in index


def test_record_corrections_are_where_a_reader_sees_them(site: Path) -> None:
    policy = read(site, "policies/rule-x")
    assert 'id="corrections"' in policy and "补记状态的日期" in policy
    assert "说明有报道可查" in policy  # the cited source's correction, in its sources list
    log = read(site, "corrections")
    assert "资料：某规则" in log and "补记状态的日期" in log and "读来像是现状" in log
    assert "资料：【没有记下地址的报道】" in log
    feed = (site / "feed.xml").read_text("utf-8")
    assert "资料：某规则" in feed and "补记状态的日期" in feed
    assert "https://example.org/corrections/" in feed


# --- the first episode, as the audit found it -------------------------------------------


@pytest.fixture(scope="module")
def first() -> object:
    path = ROOT / "episodes" / "2025" / "anthropic-nvidia-export-controls.md"
    ep, found = parse_episode(path.read_text("utf-8"), "x.md")
    assert not found
    return ep


def test_first_episode_counts_each_document_once(first: object) -> None:
    positions = first.positions  # type: ignore[attr-defined]
    by_statement: dict[str, list[str]] = {}
    for p in positions:
        if p.statement:
            by_statement.setdefault(p.statement, []).append(p.anchor)
    assert {k: len(v) for k, v in by_statement.items()} == {
        "anthropic-2025-04-30-diffusion-rule-post": 9,
        "nvidia-2025-05-01-statement-to-cnbc": 2,
        "huang-2025-04-30-hill-valley-forum": 4,
    }
    stances = [(p.actor, p.stance, p.stance_basis) for p in positions if p.stance]
    assert stances == [("anthropic", "supports", "stated"), ("nvidia", "opposes", "inferred")]


def test_first_episode_background_is_relayed_not_analysis(first: object) -> None:
    bg = next(b for b in first.blocks if b.anchor == "background-analysis")  # type: ignore[attr-defined]
    assert bg.kind == "position" and bg.attribution == "relayed" and bg.actor == "anthropic"
    assert [line.number for line in bg.lines][:: len(bg.lines) - 1] == [38, 49]


def test_first_episode_checks_name_what_they_were_checked_against(first: object) -> None:
    for p in first.positions:  # type: ignore[attr-defined]
        if p.account != "unchecked":
            assert p.checked_against, p.anchor
        if p.quote_kind == "verbatim" and p.source == "anthropic-2025-04-30-diffusion-rule":
            assert p.quote_from, p.anchor  # the editors did not read the post's text
    huawei = next(p for p in first.positions if p.anchor == "huang-huawei-progress")  # type: ignore[attr-defined]
    assert huawei.account == "disputed" and [ln.number for ln in huawei.lines] == [143, 144]


def test_one_statement_takes_one_stance_per_policy() -> None:
    body = (
        "/// position | acme\n    statement: s-1\n    source: src-a\n    policy: rule-x\n"
        "    stance: supports\n甲\n///\n\n"
        "/// position | acme\n    statement: s-1\n    source: src-a\n    policy: rule-x\n"
        "    stance: opposes\n乙\n///\n"
    )
    [found] = problems(body)
    assert found.startswith("episodes/e.md:19: 'stance: opposes' differs from 'stance: "), found
    assert "(line 11)" in found and " — give the stance once" in found
    assert (
        problems(
            body.replace(
                "statement: s-1\n    source: src-a\n    policy: rule-x\n    stance: opposes",
                "statement: s-2\n    source: src-a\n    policy: rule-x\n    stance: opposes",
            )
        )
        == []
    )


def test_search_names_a_relayed_argument_as_theirs_relayed() -> None:
    from mkdocs_episodes.index import Index
    from mkdocs_episodes.model import Catalog, Position
    from mkdocs_episodes.view import View

    view = View(Catalog(), Index(), "x/")
    relayed = Position("a", 1, actor="acme", attribution="relayed")
    assert view.position_label(relayed) == "立场（acme，主持人复述，未说明出处） · 未与来源逐一核对"
    assert view.position_label(Position("b", 1, actor="acme")) == (
        "立场（acme） · 主持人转述 · 未与来源逐一核对"
    )
