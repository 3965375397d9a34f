"""Corrections travel with the claim: qualified positions on every page and format, how sure
we are (stated/inferred apart), a status that says what happened, unlocated sources shown
plainly, a corrections log (page, feed, sitemap), and the first episode's corrected facts."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import feedparser
import pytest
from mkdocs_episodes.catalog import build_catalog
from mkdocs_episodes.check import check_episode
from mkdocs_episodes.parse import parse_episode
from schemaorg_check import page_data
from sitekit import DATA, ROOT, build_site, episode, write_site

FIRST = ROOT / "episodes" / "2025" / "anthropic-nvidia-export-controls.md"

BODY = """\
    /// position | acme
        id: acme-claim
        source: src-a
        policy: rule-x
        stance: supports
        stance_basis: stated
        quote: We support it.
        quote_kind: verbatim
        account: checked
        checked_against: src-a
    甲公司支持这项规则
    ///

    /// position | beta
        id: beta-guess
        source: src-b
        policy: rule-x
        stance: opposes
    乙公司的说法
    ///

    /// position | beta
        id: beta-said
        source: src-b
        policy: rule-x
        stance: opposes
        stance_basis: stated
        quote: We never said that.
        quote_kind: paraphrase
        quote_by: Beta News
    乙公司明确反对
    ///

    /// context
        id: note-caveat
        date: 2026-11-29
        qualifies: [acme-claim]
    这个数字<无法>核实。
    ///
    """
FRONT = (
    "title: 测试节目\ndate: 2025-05-03\ndate_approximate: true\nshow: show-a\n"
    "corrections:\n"
    "  - {date: 2026-11-20, change: 改正了引语, reason: 原引语是转述}\n"
    "  - {date: 2026-11-25, change: 补充编者注, reason: 审核}\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corrections")
    return build_site(write_site(root, {"2025/e.md": episode(BODY, FRONT)}), strict=True)


def read(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text("utf-8")


def position(html: str, actor: str) -> str:
    """The first shown position of ``actor`` (block or list item), with what follows it."""
    m = re.search(rf'<(?:div|li)[^>]*data-kind="position" data-actor="{actor}"[^>]*>', html)
    assert m is not None, actor
    return html[m.start() : m.start() + 4000]


CAVEAT = "这个数字&lt;无法&gt;核实。"


@pytest.mark.parametrize("page", ["2025/e", "actors/acme", "policies/rule-x"])
def test_a_qualified_position_shows_its_caveat_on_every_page(site: Path, page: str) -> None:
    html = read(site, page)
    block = position(html, "acme")
    assert 'data-qualified-by="note-caveat"' in block.split(">", 1)[0]
    assert "编者保留意见" in block and CAVEAT in block
    assert "#note-caveat" in block  # and a link to the note itself
    if page != "actors/acme":  # the unqualified positions carry no such attribute
        assert "data-qualified-by" not in position(html, "beta").split(">", 1)[0]


def test_who_said_what_and_the_grid_say_so_too(site: Path) -> None:
    page = read(site, "2025/e")
    who = page[page.index('class="ep-who-said"') :]
    who = who[: who.index("</section>")]
    assert 'data-qualified-by="note-caveat"' in who and "有编者保留意见" in who
    grid = read(site, "stances")
    assert "其中 1 处有编者保留意见" in grid
    assert 'data-stance-basis="stated" data-qualified-by="note-caveat"' in grid


def test_json_ld_carries_the_caveat_and_the_certainty(site: Path) -> None:
    html = read(site, "2025/e")
    [data] = page_data(html)
    parts = {(q["@type"], q["url"].rsplit("#", 1)[1]): q for q in data["hasPart"]}
    # the party's own words (a verbatim quote), with the editors' caveat as a comment
    claim = parts["Quotation", "acme-claim"]
    assert claim["text"] == "We support it." and claim["creator"]["name"] == "甲公司"
    assert claim["comment"][0]["text"] == "这个数字<无法>核实。"
    assert claim["comment"][0]["url"].endswith("#note-caveat")
    assert claim["keywords"] == ["stance:supports"]  # stated in their words
    # the host's account is the host's, about the party, with how sure we are
    account = parts["Comment", "acme-claim"]
    assert account["text"] == "甲公司支持这项规则" and account["author"]["name"] == "主持人甲"
    assert account["about"][0]["name"] == "甲公司"
    assert account["keywords"] == [
        "stance:supports",
        "stance-basis:stated",
        "account:checked",
        "checked-against:src-a",  # what the account was checked against (issue 25)
    ]
    assert account["comment"][0]["url"].endswith("#note-caveat")
    # an inferred stance is the editors' reading: on the account, and no words of theirs
    assert "stance-basis:inferred" in parts["Comment", "beta-guess"]["keywords"]
    assert ("Quotation", "beta-guess") not in parts
    # a paraphrase by somebody else is not the party's words
    assert ("Quotation", "beta-said") not in parts
    assert "correction" not in json.dumps(data["hasPart"])  # caveats are not corrections
    assert data["dateModified"] == "2026-11-25" and len(data["correction"]) == 2


def test_every_position_says_how_sure_we_are(site: Path) -> None:
    for page, actors in (
        ("2025/e", ("acme", "beta")),
        ("actors/beta", ("beta",)),
        ("policies/rule-x", ("acme", "beta")),
    ):
        html = read(site, page)
        for pid in actors:
            tags = re.findall(rf'<[^>]*data-kind="position" data-actor="{pid}"[^>]*>', html)
            assert tags, (page, pid)
            assert all("data-stance-basis=" in t for t in tags), (page, tags)
        assert "（编者推断）" in html
    page = read(site, "2025/e")
    assert "（本人表态）" in page
    assert "原话 · 甲公司" in page  # verbatim
    assert "Beta News的转述（非原话） · 乙公司" in page  # a paraphrase, and whose
    assert "已与来源核对" in page and "未与来源逐一核对" in page


def test_stated_and_inferred_stances_are_counted_apart(site: Path) -> None:
    policy = read(site, "policies/rule-x")
    assert 'data-stance="opposes" data-stance-basis="stated"' in policy
    assert 'data-stance="opposes" data-stance-basis="inferred"' in policy
    assert re.search(r"反对</span><span class=\"ep-basis\">（本人表态）</span>（1）", policy)
    assert re.search(r"反对</span><span class=\"ep-basis\">（编者推断）</span>（1）", policy)
    grid = read(site, "stances")
    cell = r'<a class="ep-cell"[^>]*data-stance-basis="(\w+)"[^>]*>.*?(\d+) 项表态'
    cells = re.findall(cell, grid)
    assert sorted(cells) == [("inferred", "1"), ("stated", "1"), ("stated", "1")]
    who = read(site, "2025/e")
    assert who.count('class="ep-who-said-claim" data-stance-basis="stated"') == 2
    assert who.count('class="ep-who-said-claim" data-stance-basis="inferred"') == 1


def test_defaults_are_the_cautious_ones() -> None:
    text = "---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n---\n"
    text += "/// position | acme\n    source: src-a\n    stance: supports\n    quote: x\n说\n///\n"
    ep, problems = parse_episode(text, "e.md")
    assert problems == []
    pos = ep.positions[0]
    assert (pos.stance_basis, pos.quote_kind, pos.account) == (
        "inferred",
        "paraphrase",
        "unchecked",
    )


def test_qualifies_must_name_a_position() -> None:
    catalog, _ = build_catalog({k[:-4]: textwrap.dedent(v) for k, v in DATA.items()})
    text = "---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n---\n"
    text += "/// position | acme\n    id: a-1\n    source: src-a\n说\n///\n"
    text += "/// context\n    date: 2026-01-01\n    qualifies: [a-2]\n注\n///\n"
    ep, problems = parse_episode(text, "e.md")
    assert [str(p) for p in problems + check_episode(ep, catalog)] == [
        "e.md:13: 'qualifies: a-2' names no position in this episode — did you mean 'a-1'? "
        "Use the id of a position: a-1"
    ]


def test_status_says_what_happened_and_how_sure(tmp_path: Path) -> None:
    data = dict(DATA)
    data["policies.yml"] = DATA["policies.yml"].replace(
        "status: {value: rescinded, date: 2025-05-13, source: src-b}",
        "status: {value: rescission-announced, date: 2025-05-13, source: src-b, confidence: low}",
    )
    site = build_site(write_site(tmp_path, {"2025/e.md": episode("一行\n")}, data), strict=True)
    html = read(site, "policies/rule-x")
    assert 'data-status="rescission-announced" data-confidence="low"' in html
    assert "已宣布撤销（尚未正式撤销）" in html and "可信度低" in html


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ("not-found", "私下的说法（本站编辑查找过，未找到公开原文）"),
        ("not-public", "私下的说法（未公开发表）"),
        ("not-recorded", "私下的说法（已公开，但本站未记录其网址）"),
    ],
)
def test_a_source_without_url_says_why_on_every_page(
    tmp_path: Path, status: str, words: str
) -> None:
    data = dict(DATA)
    data["sources.yml"] = DATA["sources.yml"].rstrip(" ") + (
        "        src-c:\n          title: 私下的说法\n          publisher: beta\n"
        f"          url_status: {status}\n"
    )
    body = "/// position | beta\n    source: src-c\n说\n///\n"
    site = build_site(write_site(tmp_path, {"2025/e.md": episode(body)}, data), strict=True)
    for page in ("2025/e", "actors/beta"):
        html = read(site, page)
        assert f'<span class="ep-src-unlocated" data-unlocated="{status}">{words}</span>' in html
        assert not re.search(r'<(a|cite)[^>]*class="ep-src"[^>]*>私下的说法', html)


def test_corrections_page_feed_and_sitemap(site: Path) -> None:
    foot = read(site, "2025/e")
    assert 'id="corrections"' in foot
    assert foot.index("2026-11-25") < foot.index("2026-11-20")  # newest first
    log = read(site, "corrections")
    assert "改正了引语" in log and "原因：原引语是转述" in log
    assert log.index("补充编者注") < log.index("改正了引语")
    assert "../2025/e/#corrections" in log
    feed = feedparser.parse((site / "feed.xml").read_text("utf-8"))
    [item] = feed.entries
    assert item.updated == "2026-11-25T00:00:00Z"
    assert "2026-11-25 更正：补充编者注" in item.description
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    entry = sitemap[sitemap.index("/2025/e/</loc>") :]
    assert entry.split("</url>")[0].count("<lastmod>2026-11-25</lastmod>") == 1


def test_an_approximate_date_says_so_on_the_timeline(site: Path) -> None:
    html = read(site, "policies/rule-x")
    timeline = html[html.index('class="ep-timeline"') :]
    assert re.search(r'2025-05-03</time><span class="ep-approx">（约）</span>', timeline)


# --- the first episode, corrected (issue 13's audit) -----------------------------------


@pytest.fixture(scope="module")
def first() -> object:
    ep, problems = parse_episode(FIRST.read_text("utf-8"), "episodes/2025/x.md")
    assert problems == []
    return ep


def _pos(ep: object, pid: str) -> object:
    return next(p for p in ep.positions if p.anchor == pid)  # type: ignore[attr-defined]


def _note(ep: object, nid: str) -> str:
    return "".join(line.words for line in ep.notes[nid].lines)  # type: ignore[attr-defined]


def test_first_episode_rescission_note_says_the_rule_took_effect(first: object) -> None:
    note = _note(first, "note-rescission")
    assert "没有如期生效" not in note
    # the Federal Register's text says effective 2025-01-13; BIS's advance text "upon
    # publication" (2025-01-15): the note says the two differ (issue 25, F4)
    assert "2025-01-13" in note and "2025-01-15" in note and "不一致" in note
    assert "就已生效" in note and "不予执行" in note
    assert "自 2025-01-15 在联邦公报公布起即已生效" not in note
    assert "anthropic-warning" in first.notes["note-rescission"].qualifies  # type: ignore[attr-defined]


def test_first_episode_status_is_rescission_announced() -> None:
    catalog, _ = build_catalog(
        {
            n: (ROOT / "data" / f"{n}.yml").read_text("utf-8")
            for n in ("shows", "actors", "sources", "policies")
        }
    )
    status = catalog.policies["ai-diffusion-rule"].status
    assert status is not None and status.value == "rescission-announced"
    assert status.confidence == "medium" and "B-337935" in str(status.note)


def test_first_episode_quotes_are_what_the_sources_say(first: object) -> None:
    lobsters = _pos(first, "anthropic-smuggling-examples")
    assert lobsters.quote.endswith("packing GPUs alongside live lobsters.")
    assert "packed alongside" not in lobsters.quote and lobsters.quote_kind == "verbatim"
    assert "CNBC 的转述" in _note(first, "note-smuggling-cases")
    assert _pos(first, "anthropic-warning").source == "anthropic-2025-04-30-diffusion-rule"
    assert "infinite race" not in (_pos(first, "huang-china-not-behind").quote or "")
    assert "infinite race" in _pos(first, "huang-long-race").quote


def test_first_episode_caveats_travel_with_their_positions(first: object) -> None:
    tall = _pos(first, "nvidia-tall-tales")
    assert tall.qualified_by == ["note-host-rendering", "note-quote-confidence"]
    assert tall.account == "disputed"
    assert "荒谬且具有误导性" in _note(first, "note-host-rendering")
    regulators = _pos(first, "nvidia-regulators")
    assert regulators.stance_basis == "inferred" and regulators.qualified_by
    for pid in ("anthropic-deepseek", "anthropic-trends"):
        assert "note-unverified-figures" in _pos(first, pid).qualified_by
    assert "163" in _note(first, "note-h20-design") and "遵守" in _note(first, "note-h20-design")
    assert "38–49" in _note(first, "note-background-echo")
    # every position states how sure we are
    text = FIRST.read_text("utf-8")
    for block in re.findall(r"/// position \| [^\n]+\n((?:    [^\n]*\n)+)", text):
        assert "account:" in block, block
        if "stance:" in block:
            assert "stance_basis:" in block, block
        if "quote:" in block and "quote_kind:" not in block:
            # the default (not claimed verbatim) only where a note says why (issue 25, F8)
            pid = re.search(r"id: (\S+)", block)[1]  # type: ignore[index]
            assert any(pid in n.qualifies for n in first.notes.values()), block  # type: ignore[attr-defined]


def test_first_episode_has_its_corrections_log(first: object) -> None:
    assert len(first.meta.corrections) >= 4  # type: ignore[attr-defined]


def test_a_feed_joins_corrections_as_sentences_not_with_a_second_mark() -> None:
    """An editor's change that ends its sentence is followed by the next one, not by a
    clause separator too ("。；"); clauses still get theirs."""
    from mkdocs_episodes.feed import clauses
    from mkdocs_episodes.i18n import labels

    zh, en = labels("zh"), labels("en")
    assert clauses(zh, ["改了日期。", "补充编者注"]) == "改了日期。补充编者注"
    assert clauses(zh, ["改了日期", "补充编者注"]) == "改了日期；补充编者注"
    assert clauses(en, ["Fixed the date.", "Added a note"]) == "Fixed the date. Added a note"
    assert clauses(en, ["Fixed the date", "Added a note"]) == "Fixed the date; Added a note"
    assert clauses(zh, []) == ""


def test_a_feed_item_says_its_date_is_approximate(first: object) -> None:
    """<pubDate> must name a day; an episode whose day is not known says so in the item,
    as its page does ("（约，确切日期未知）")."""
    import xml.etree.ElementTree as ET

    from mkdocs_episodes.feed import item_description
    from mkdocs_episodes.i18n import labels

    assert first.meta.date_approximate  # type: ignore[attr-defined]
    text = item_description(ET.Element("item"), first, labels("zh"))  # type: ignore[arg-type]
    assert text.startswith("日期 2025-05-03 是约数，确切日期未知")
