"""Inputs that would make an output lie are refused, each with one ``path:line: what — how
to fix`` (and ``mkdocs build --strict`` fails): a speaker written otherwise than as a turn,
a language that is not a language tag, an episode filed under another year, a mis-indented
option, a source without an address that does not say why. And the smaller truths: what
is not speech is marked, chapters start where their first line does, names and titles in
the right language."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs_episodes.catalog import build_catalog
from mkdocs_episodes.check import check_episode, check_folder
from mkdocs_episodes.parse import parse_episode
from mkdocs_episodes.record import derive, is_sound
from sitekit import DATA, episode

FRONT = "---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n---\n"  # body from line 6
P = "episodes/2025/e.md"
CATALOG, _ = build_catalog({k[:-4]: textwrap.dedent(v) for k, v in DATA.items()})


def problems_of(text: str, uri: str = "2025/e.md") -> list[str]:
    ep, found = parse_episode(text, P)
    return [str(p) for p in sorted(found + check_episode(ep, CATALOG) + check_folder(uri, ep))]


# --- '@' lines -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "guess"),
    [
        ("@Host A", "host-a"),  # a name, not an id
        ("@主持人甲", "host-a"),  # a name in another language
        ("@host a", "host-a"),
        ("@Acme", "acme"),
        ("@host-a:", "host-a"),  # a label's colon
        ("@everyone, hello", None),  # words that need their escape
    ],
)
def test_a_line_starting_with_at_is_a_turn_or_an_error(line: str, guess: str | None) -> None:
    got = problems_of(FRONT + f"一行\n{line}\n二行\n")
    shown = line[1:]
    did = f"did you mean '@{guess}'? " if guess else ""
    assert got == [
        f"{P}:7: '@{shown}' is not a speaker turn — {did}a turn is '@<actor id>' alone on its "
        "line (the ids are in data/actors.yml); if these are words, start the line with '\\@'"
    ]


def test_the_line_after_a_bad_turn_is_not_blamed_and_an_escaped_at_is_words() -> None:
    ep, found = parse_episode(FRONT + "@Host A\n二行\n\\@everyone\n", P)
    assert [ln.words for ln in ep.lines] == ["二行", "@everyone"]
    assert len(found + check_episode(ep, CATALOG)) == 1


# --- language tags --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("english", "did you mean 'en'? "),
        ("Chinese", "did you mean 'zh'? "),
        ("中文", "did you mean 'zh'? "),
        ("zh_CN", "did you mean 'zh-CN'? "),
        ("xx-nonsense-tag", ""),
    ],
)
def test_a_language_must_be_a_language_tag(value: str, hint: str) -> None:
    front = FRONT.replace("show: show-a", f"show: show-a\nlanguage: {value}")
    assert problems_of(front + "一行\n") == [
        f"{P}:5: 'language' is '{value}', which is not a language tag — {hint}write a BCP 47 "
        "tag such as zh, en or zh-Hant"
    ]


@pytest.mark.parametrize("value", ["en", "zh", "zh-Hant", "pt-BR", "yue", "EN"])
def test_valid_language_tags_pass(value: str) -> None:
    front = FRONT.replace("show: show-a", f"show: show-a\nlanguage: {value}")
    assert problems_of(front + "一行\n") == []


def test_data_languages_are_language_tags_too() -> None:
    texts = {k[:-4]: textwrap.dedent(v) for k, v in DATA.items()}
    texts["shows"] += "show-b:\n  name: B\n  hosts: [host-a]\n  language: english\n"
    _, problems = build_catalog(texts)
    assert [str(p) for p in problems] == [
        "data/shows.yml:7: show-b.language is 'english', which is not a language tag — did "
        "you mean 'en'? write a BCP 47 tag such as zh, en or zh-Hant"
    ]


# --- the year folder -------------------------------------------------------------------------


def test_an_episode_filed_under_another_year_is_refused() -> None:
    text = FRONT.replace("2025-05-03", "2023-05-03") + "一行\n"
    assert problems_of(text, "2025/e.md") == [
        f"{P}:3: the episode is dated 2023-05-03 but filed under 2025/ — move the file to "
        "2023/ (its address follows the folder); if the date was corrected after the page was "
        "published, keep the file and record the old date in that correction: '- {date: …, "
        "change: …, reason: …, previous_date: 2025-…}'"
    ]
    assert problems_of(text, "2023/e.md") == []
    assert problems_of(text, "about/e.md") == []  # not a year folder


def test_a_corrected_date_keeps_the_published_address() -> None:
    text = FRONT.replace("2025-05-03", "2024-12-30").replace(
        "show: show-a",
        "show: show-a\ncorrections:\n  - {date: 2025-06-01, change: 日期更正, reason: 原日期有误,"
        " previous_date: 2025-01-02}",
    )
    assert problems_of(text + "一行\n", "2025/e.md") == []


# --- options indented otherwise: one message, no knock-on --------------------------------


OPTIONS = ["source: src-a", "policy: rule-x", "stance: supports", "quote: hi", "date: 2025-01-01"]


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=0, max_value=len(OPTIONS) - 1),
    st.sampled_from(["  ", "\t", " ", "   ", "\t  ", "      "]),
)
def test_one_misindented_option_is_one_message(at: int, indent: str) -> None:
    lines = ["    " + o for o in OPTIONS]
    lines[at] = indent + OPTIONS[at]
    text = FRONT + "/// position | acme\n" + "\n".join(lines) + "\n说\n///\n"
    got = problems_of(text)
    key = OPTIONS[at].split(":")[0]
    assert got == [
        f"{P}:{7 + at}: '{key}:' right under '/// position' is not indented as an option — "
        f"indent it by exactly four spaces ('    {key}: …'), or start the line with '\\' if it "
        "is transcript words"
    ]
    ep, _ = parse_episode(text, P)
    assert ep.positions[0].source == "src-a" and ep.positions[0].stance == "supports"


def test_nested_option_values_are_not_taken_for_misplaced_options() -> None:
    text = FRONT + (
        "/// context\n    date: 2025-01-01\n    qualifies:\n      - acme-1\n    source: src-a\n"
        "注\n///\n/// position | acme\n    source: src-a\n    quote: >\n      a long\n"
        "      quote: with a colon\n说\n///\n"
    )
    ep, found = parse_episode(text, P)
    assert [str(p) for p in found] == []
    assert ep.positions[0].quote == "a long quote: with a colon"


# --- whole-file problems have a line an editor can open ---------------------------------------


def test_pages_left_out_are_reported_at_a_line_of_mkdocs_yml(
    site: Callable[..., Path], expect_warnings: Callable[[], list[str]]
) -> None:
    """A page that is not an episode is named in the one summary, at the line of the
    plugin's entry in mkdocs.yml (where the fix goes), never at line 0."""
    site({"2025/e.md": episode("一行\n"), "notes.md": "# notes\n"})
    [got] = [w for w in expect_warnings() if "notes.md" in w]
    line = int(got.split("mkdocs.yml:", 1)[1].split(":", 1)[0])
    assert line >= 1 and "pages: [notes.md]" in got, got


# --- sources without an address say why ---------------------------------------------------


def test_a_source_without_url_must_say_why() -> None:
    texts = {k[:-4]: textwrap.dedent(v) for k, v in DATA.items()}
    texts["sources"] += "src-c:\n  title: C\n  publisher: P\n"
    texts["sources"] += "src-d:\n  title: D\n  publisher: P\n  url: https://e.org\n"
    texts["sources"] += "  url_status: not-found\n"
    _, problems = build_catalog(texts)
    assert [str(p) for p in problems] == [
        "data/sources.yml:12: src-c has no 'url' or 'url_status': where it can be read, or "
        "why there is no address — add 'url: https://…', or add 'url_status: not-public'",
        "data/sources.yml:19: src-d has both 'url' and 'url_status' — keep one: 'url_status' "
        "is for when there is no 'url'",
    ]


# --- what is not speech ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words",
    ["[laughs]", "[Break]", "[crosstalk]", "[music]", "[unintelligible 00:28:38]", "[笑声]"],
)
def test_sounds_and_marks_are_not_speech(words: str) -> None:
    assert is_sound(words) and is_sound(f"{words} {words}")
    ep, _ = parse_episode(FRONT + f"[00:01] 一行\n[00:02] {words}\n", P)
    said = derive(ep, ("host-a",)).lines[1]
    assert said.nonspeech and said.speaker is None  # nobody says a sound


@pytest.mark.parametrize("words", ["[laughs] and then", "see [1]", "It's [sic] true", "说"])
def test_lines_with_words_are_speech(words: str) -> None:
    assert not is_sound(words)


def test_unintelligible_is_marked_on_the_page(site: Callable[..., Path]) -> None:
    out = site({"2025/e.md": episode("[00:01] 他说 [unintelligible 00:28:38] 然后\n")})
    html = (out / "2025" / "e" / "index.html").read_text("utf-8")
    assert '<span class="ep-sound" data-nonspeech>[unintelligible 00:28:38]</span>' in html


# --- chapters and times ---------------------------------------------------------------------


def test_a_chapter_starts_with_its_first_line_not_its_first_stamp(
    site: Callable[..., Path],
) -> None:
    body = "## 开场 {#open}\n一行\n二行\n[06:13] 三行\n## 第二段 {#two}\n[10:00] 四行\n"
    out = site({"2025/e.md": episode(body)})
    chapters = json.loads((out / "2025" / "e" / "chapters.json").read_text("utf-8"))
    assert chapters["chapters"] == [
        {"startTime": 0, "title": "开场"},
        {"startTime": 600, "title": "第二段"},
    ]


def test_estimated_times_follow_the_words_between_recorded_ones() -> None:
    ep, _ = parse_episode(FRONT + "[00:10] 一二三\n四五六七八九\n[00:19] 十\n", P)
    rec = derive(ep, ("host-a",))
    assert [(s.start, s.recorded) for s in rec.lines] == [(10, True), (13, False), (19, True)]
    assert rec.lines[-1].end == 24  # five seconds at least for the last line


# --- names and titles in the right language ---------------------------------------------------


def test_a_policy_short_name_in_the_site_language_is_used(site: Callable[..., Path]) -> None:
    from mkdocs_episodes.i18n import labels
    from mkdocs_episodes.index import Index
    from mkdocs_episodes.view import View

    texts = {k[:-4]: textwrap.dedent(v) for k, v in DATA.items()}
    texts["policies"] = texts["policies"].replace(
        "short: X 规则", "short: {zh: X 规则, en: X rule}"
    )
    catalog, problems = build_catalog(texts)
    assert problems == []
    assert View(catalog, Index(), "", t=labels("en")).policy_name("rule-x") == "X rule"
    assert View(catalog, Index(), "", t=labels("zh")).policy_name("rule-x") == "X 规则"
    texts["policies"] = texts["policies"].replace(
        "short: {zh: X 规则, en: X rule}", "short: {zh: X 规则}"
    )
    catalog, _ = build_catalog(texts)
    assert View(catalog, Index(), "", t=labels("en")).policy_name("rule-x") == "Rule X"


def test_english_titles_and_summaries_on_a_chinese_site_say_so(site: Callable[..., Path]) -> None:
    front = (
        "title: An English episode\ndate: 2025-05-03\nshow: show-a\nlanguage: en\n"
        "summary: What was said.\n"
    )
    out = site({"2025/e.md": episode("Hello there.\n", front)})
    page = (out / "2025" / "e" / "index.html").read_text("utf-8")
    assert '<h1 id="an-english-episode" lang="en">An English episode<' in page
    assert '<p class="ep-summary" lang="en">What was said.</p>' in page
    home = (out / "index.html").read_text("utf-8")
    assert 'lang="en">An English episode</a>' in home
    assert '<p class="ep-item-summary" lang="en">What was said.</p>' in home
