"""Policy and actor pages from YAML, cross-linked both ways with the episodes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from htmlcheck import html_errors
from linkcheck import broken_links
from sitekit import DATA, episode

EPISODES = {
    "2025/first.md": episode("""
        ## 开场 {#open}
        美国公布了[某规则](policy:rule-x)
        /// position | acme
            source: src-a
            policy: rule-x
            stance: supports
        甲公司支持
        ///
        /// position | beta
            id: beta-no
            source: src-b
            policy: [rule-x, rule-y]
            stance: opposes
            responds_to: acme-1
        乙公司反对
        ///
        """),
    "2025/second.md": episode(
        """
        /// position | beta
            source: src-b
            policy: rule-y
            stance: mixed
        乙公司对另一规则有保留
        ///
        /// context
            date: 2025-05-04
        编者提到[甲公司](actor:acme)
        ///
        """,
        "title: 第二期\ndate: 2025-06-01\nshow: show-a\n",
    ),
}


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


def hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


def test_positions_appear_on_policy_and_actor_pages_and_link_back(
    site: Callable[..., Path],
) -> None:
    out = site(EPISODES, strict=True)
    rule_x = read(out, "policies/rule-x")
    rule_y = read(out, "policies/rule-y")
    acme = read(out, "actors/acme")
    beta = read(out, "actors/beta")
    # every position, on each policy it names, linking to its exact anchor
    assert "../../2025/first/#acme-1" in hrefs(rule_x)
    assert "../../2025/first/#beta-no" in hrefs(rule_x)
    assert "../../2025/first/#beta-no" in hrefs(rule_y)
    assert "../../2025/second/#beta-1" in hrefs(rule_y)
    assert "../../2025/second/#beta-1" not in hrefs(rule_x)
    # ... and on its actor's page
    assert "../../2025/first/#acme-1" in hrefs(acme)
    assert {"../../2025/first/#beta-no", "../../2025/second/#beta-1"} <= hrefs(beta)
    # grouped by stance on the policy page
    supports = rule_x.index('data-stance="supports" data-stance-basis="inferred" aria-labelledby')
    opposes = rule_x.index('data-stance="opposes" data-stance-basis="inferred" aria-labelledby')
    assert supports < rule_x.index("甲公司支持") < opposes < rule_x.index("乙公司反对")
    # the other direction: each episode links to the policy and actor pages it references
    first = read(out, "2025/first")
    assert {
        "../../policies/rule-x/",
        "../../policies/rule-y/",
        "../../actors/acme/",
        "../../actors/beta/",
    } <= hrefs(first)
    second = read(out, "2025/second")
    assert {"../../policies/rule-y/", "../../actors/beta/", "../../actors/acme/"} <= hrefs(second)
    # status, agency and timeline of the policy, merged with the episodes discussing it
    assert "已撤销" in rule_x and "2025-05-13" in rule_x
    assert '<a class="ep-ref ep-ref-actor" href="../../actors/agency-x/">某机构</a>' in rule_x
    timeline = rule_x[rule_x.index('class="ep-timeline"') :]
    assert timeline.index("宣布。") < timeline.index("测试节目")
    # an editor's note mentioning an actor does not make the episode one they appear in
    assert "../../2025/second/" not in hrefs(acme)
    assert "../../2025/second/" in hrefs(beta)
    # stance overview: actor x policy cells link to the positions behind them
    grid = read(out, "stances")
    assert "../2025/first/#acme-1" in hrefs(grid)
    assert "../2025/second/#beta-1" in hrefs(grid)
    assert broken_links(out, "/repo/") == []


def test_project_site_has_no_broken_links_or_anchors(project_site: Path) -> None:
    assert broken_links(project_site, "/") == []


def test_project_pages_parse_without_html_errors(project_site: Path) -> None:
    """Every page, by the HTML standard's parser: a fused attribute or tag is an error."""
    assert html_errors(project_site) == []


def test_generated_pages_escape_data_values(site: Callable[..., Path]) -> None:
    data = dict(DATA)
    data["policies.yml"] = (
        DATA["policies.yml"]
        .replace(
            "name: {zh: 某规则, en: Rule X}",
            "name: {zh: '<script>alert(1)</script>', en: 'X \"quoted\" <b>'}",
        )
        .replace("short: X 规则", "short: '\"><img src=x onerror=alert(1)>'")
    )
    data["actors.yml"] = DATA["actors.yml"].replace(
        "kind: company\n        beta:",
        "kind: company\n          description: "
        "'<iframe src=x>'\n          sources: "
        "[src-a]\n        beta:",
    )
    out = site(EPISODES, data)
    for page in ("policies/rule-x", "policies", "actors/acme", "stances", "2025/first", ""):
        html = read(out, page) if page else (out / "index.html").read_text("utf-8")
        assert "<script>alert(1)" not in html, page
        assert "<img src=x" not in html and "<iframe src=x>" not in html, page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in read(out, "policies/rule-x")
    assert "&lt;iframe src=x&gt;" in read(out, "actors/acme")


def test_inline_references_in_data_text_resolve(site: Callable[..., Path]) -> None:
    data = dict(DATA)
    data["policies.yml"] = DATA["policies.yml"].replace(
        "name: {zh: 另一规则, en: Rule Y}",
        "name: {zh: 另一规则, en: Rule Y}\n          summary: 取代[某规则](policy:rule-x)，"
        "由[某机构](actor:agency-x)发布，见[原文](source:src-b)。",
    )
    out = site(EPISODES, data, strict=True)
    html = read(out, "policies/rule-y")
    assert '<a class="ep-ref ep-ref-policy" href="../rule-x/">某规则</a>' in html
    assert '<a class="ep-ref ep-ref-actor" href="../../actors/agency-x/">某机构</a>' in html
    assert 'href="https://example.org/beta" rel="noopener">原文</a>' in html


def test_long_lists_move_to_year_archives(site: Callable[..., Path], monkeypatch) -> None:
    """With more positions than fit, the policy page shows the newest and links per-year
    archive pages, which list every position and stay out of search."""
    from mkdocs_episodes import pages

    monkeypatch.setattr(pages, "NEWEST", 2)
    monkeypatch.setattr(pages, "HOME_NEWEST", 2)
    episodes = {}
    for k, day in enumerate(["2024-03-01", "2024-06-01", "2025-01-01", "2025-02-01"]):
        episodes[f"{day[:4]}/e{k}.md"] = episode(
            f"/// position | acme\n    source: src-a\n    policy: rule-x\n    stance: supports\n"
            f"    date: {day}\n第 {k} 期的立场\n///\n",
            f"title: 第 {k} 期\ndate: {day}\nshow: show-a\n",
        )
    out = site(episodes, strict=True)
    policy = read(out, "policies/rule-x")
    shown = re.findall(r'href="\.\./\.\./(20\d\d/e\d)/#acme-1"', policy.split('id="debate"')[1])
    assert shown[:2] == ["2025/e3", "2025/e2"]  # the newest first, two of them
    assert "2024/e0" not in shown
    assert {"2025/", "2024/"} <= hrefs(policy)  # policies/rule-x/2025/ and …/2024/
    archive = read(out, "policies/rule-x/2024")
    assert "../../../2024/e0/#acme-1" in hrefs(archive) and "../../../2024/e1/#acme-1" in hrefs(
        archive
    )
    home = (out / "index.html").read_text("utf-8")
    assert "最新节目（共 4 期）" in home and 'href="2024/"' in home
    assert "第 0 期" in read(out, "2024")
    from searchindex import pagefind_pages

    indexed = pagefind_pages(out)  # archives repeat the episodes: kept out of search
    # Pagefind's URLs are relative to the site's root (the page finds its bundle there)
    assert "/policies/rule-x/2024/" not in indexed and "/2024/" not in indexed
    assert "/policies/rule-x/" in indexed
    assert broken_links(out, "/repo/") == []
    assert html_errors(out) == []  # archive rows are whole <li> elements


def test_a_dense_year_goes_on_several_pages_oldest_cut_first(
    site: Callable[..., Path], monkeypatch
) -> None:
    """A year with more rows than fit on one page is cut oldest first into pages of at most
    PART_ROWS rows (an episode and its positions kept together): the newest part at the
    year's own address, the older ones under pages/<n>/, linked both ways; every row is
    on exactly one page; adding the newest episode changes only the newest part."""
    from mkdocs_episodes import pages

    monkeypatch.setattr(pages, "NEWEST", 1)
    monkeypatch.setattr(pages, "HOME_NEWEST", 1)
    monkeypatch.setattr(pages, "PART_ROWS", 4)  # two episodes and their positions a page

    def episodes(n: int) -> dict[str, str]:
        out = {}
        for k in range(n):
            day = f"2024-{k + 1:02d}-01"
            out[f"2024/e{k}.md"] = episode(
                f"/// position | acme\n    source: src-a\n    policy: rule-x\n"
                f"    stance: supports\n    date: {day}\n第 {k} 期的立场\n///\n",
                f"title: 第 {k} 期\ndate: {day}\nshow: show-a\n",
            )
        return out

    out = site(episodes(5), strict=True)
    # rows: each episode 1 + its position 1 = 2; 4 a page: e0 e1 | e2 e3 | e4 (newest)
    newest = read(out, "policies/rule-x/2024")
    first, second = (
        read(out, "policies/rule-x/2024/pages/1"),
        read(out, "policies/rule-x/2024/pages/2"),
    )

    def shown(html: str) -> list[str]:
        return sorted(set(re.findall(r"(2024/e\d)/#acme-1", html)))

    assert shown(first) == ["2024/e0", "2024/e1"]
    assert shown(second) == ["2024/e2", "2024/e3"]
    assert shown(newest) == ["2024/e4"]
    assert "（第 3 页，共 3 页）" in newest and "（第 1 页，共 3 页）" in first
    assert {"pages/2/", "pages/1/"} <= hrefs(newest)  # the older parts, from the year
    assert {"../../", "../2/"} <= hrefs(first)  # the newest and the next, from an old one
    home_year = read(out, "2024")
    assert "第 4 期" in home_year and "第 0 期" not in home_year  # 4 a page: e0–e3 | e4
    assert "第 0 期" in read(out, "2024/pages/1")
    assert broken_links(out, "/repo/") == []
    assert html_errors(out) == []
    older = {
        p: (out / p / "index.html").read_bytes()
        for p in ("policies/rule-x/2024/pages/1", "policies/rule-x/2024/pages/2", "2024/pages/1")
    }
    out = site(episodes(6), strict=True)  # e5: the newest part grows, the older stay
    assert shown(read(out, "policies/rule-x/2024")) == ["2024/e4", "2024/e5"]
    for path, before in older.items():
        assert (out / path / "index.html").read_bytes() == before, path


def test_parts_are_cut_oldest_first_and_never_split_an_item() -> None:
    from mkdocs_episodes.pages import split_parts

    assert split_parts([2, 2, 2, 2, 2], 4) == [range(0, 2), range(2, 4), range(4, 5)]
    assert split_parts([5, 1, 1], 4) == [range(0, 1), range(1, 3)]  # too big: alone
    assert split_parts([], 4) == [range(0, 0)]
    sizes = [1, 3, 2, 2, 1, 4, 1]
    parts = split_parts(sizes, 4)
    assert [i for run in parts for i in run] == list(range(len(sizes)))  # each once, in order
    assert all(sum(sizes[i] for i in run) <= 4 or len(run) == 1 for run in parts)


def test_a_dense_years_parts_are_cut_as_the_row_by_row_way_cuts_them() -> None:
    """:func:`archive.year_parts` in one pass gives what filtering every part gives."""
    import datetime as dt
    from collections import Counter
    from types import SimpleNamespace as NS

    from hypothesis import given
    from hypothesis import strategies as st
    from mkdocs_episodes import pages
    from mkdocs_episodes.kinds.archive import year_parts

    def slow(refs: list, eps: list) -> list:  # type: ignore[type-arg]
        entries = {e.url: e for e in [*(r.entry for r in refs), *eps]}
        oldest = sorted(entries.values(), key=lambda e: (e.date, e.url))
        counts = Counter(r.entry.url for r in refs)
        out = []
        for run in pages.split_parts([1 + counts[e.url] for e in oldest]):
            urls = {oldest[i].url for i in run}
            out.append(
                ([r for r in refs if r.entry.url in urls], [e for e in eps if e.url in urls])
            )
        return out

    @given(st.lists(st.tuples(st.integers(1, 28), st.integers(0, 7), st.booleans()), max_size=60))
    def check(shape: list[tuple[int, int, bool]]) -> None:
        eps = [NS(url=f"e{i}/", date=dt.date(2025, 1, day)) for i, (day, _, _) in enumerate(shape)]
        refs = sorted(
            (
                NS(entry=e, date=e.date, n=k)
                for e, (_, n, _) in zip(eps, shape, strict=True)
                for k in range(n)
            ),
            key=lambda r: r.date,
        )
        listed = [e for e, (_, _, shown) in zip(eps, shape, strict=True) if shown]
        assert year_parts(refs, listed, 2025) == slow(refs, listed)  # type: ignore[arg-type]

    rows, pages.PART_ROWS = pages.PART_ROWS, 5
    try:
        check()
    finally:
        pages.PART_ROWS = rows
