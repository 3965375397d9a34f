"""Hostile input, round 3: each class tested as a class.

1. file names and URLs: every address the site publishes resolves, whatever the file
   names, the URL style or the sub-path; names that are one address are reported; no two
   outputs share a place; ids match in full;
2. escaping per output format: random text through the feed, WebVTT, SRT, JSON and
   JSON-LD, read back by real parsers, gives exactly what went in;
3. configuration mistakes: one clear message or a correct site.
"""

from __future__ import annotations

import html
import io
import json
import re
import textwrap
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from linkcheck import broken_links, broken_published, published_urls
from mkdocs_episodes import caption_cut, downloads, feed, jsonld
from mkdocs_episodes.captions import join_caption, tight
from mkdocs_episodes.catalog import build_catalog
from mkdocs_episodes.checks import Date, Duration, Found, Invalid, LanguageTag, Url
from mkdocs_episodes.i18n import code_for, labels, locale_for, table_notice
from mkdocs_episodes.index import build_index, entry_for
from mkdocs_episodes.inline import is_id
from mkdocs_episodes.parse import parse_episode
from sitekit import DATA, SITE_CONFIG, build_site, episode, write_site

TIMED = "## 开场 {#open}\n[00:01] 第一句\n[00:05] 第二句\n"
NAMES = ["hash#tag", "what?", "100%", "space name", "café", "a&b", "引号“”", "plus+sign"]


def _site(root: Path, config: str, names: list[str] = NAMES) -> Path:
    write_site(root, {f"2025/{n}.md": episode(TIMED) for n in names})
    (root / "mkdocs.yml").write_text(config, "utf-8")
    return build_site(root / "mkdocs.yml", strict=True)


# --- 1. file names and URLs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "edit", "base"),
    [
        ("directory URLs", lambda c: c, "/repo/"),
        ("use_directory_urls: false", lambda c: c + "use_directory_urls: false\n", "/repo/"),
        (
            "a deeper sub-path",
            lambda c: c.replace("https://example.org/repo/", "https://example.org/a/b c/"),
            "/a/b%20c/",
        ),
    ],
)
def test_every_published_address_resolves_whatever_the_file_names(
    tmp_path: Path, label: str, edit: Callable[[str], str], base: str
) -> None:
    config = edit(SITE_CONFIG)
    site_url = re.search(r"site_url: (.+)", config)[1]  # type: ignore[index]
    out = _site(tmp_path, config)
    assert broken_links(out, unquote_base(base)) == []
    published = published_urls(out, site_url.replace(" ", "%20"))
    assert any("JSON-LD" in where for where, _ in published)
    assert any(where == "feed.xml" for where, _ in published)
    assert any(where == "sitemap.xml" for where, _ in published)
    assert broken_published(out, site_url.replace(" ", "%20")) == [], label
    for _, url in published:  # percent-encoded: nothing a reader's browser would cut
        assert not re.search(r"[\s\"<>]", url) and "#tag" not in url, url


def unquote_base(base: str) -> str:
    from urllib.parse import unquote

    return unquote(base)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="/\\\x00"
        ),
        min_size=1,
        max_size=12,
    ).filter(lambda s: s.strip(". ") == s and s not in (".", "..") and s.lower() != "index")
)
def test_any_file_name_gives_links_that_resolve(name: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_site(root, {f"2025/{name}.md": episode(TIMED)})
        out = build_site(root / "mkdocs.yml")
        assert broken_links(out, "/repo/") == []
        assert broken_published(out, "https://example.org/repo/") == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("café", unicodedata.normalize("NFD", "café")),
        ("Foo", "foo"),
        ("ÉTÉ", "été"),
    ],
)
def test_names_that_are_one_address_are_reported(
    tmp_path: Path,
    expect_warnings: Callable[[], list[str]],
    first: str,
    second: str,
) -> None:
    write_site(
        tmp_path, {f"2025/{first}.md": episode("一\n"), f"2025/{second}.md": episode("二\n")}
    )
    build_site(tmp_path / "mkdocs.yml")
    warnings = [w for w in expect_warnings() if "has the same address" in w]
    assert len(warnings) == 1, warnings
    assert (
        f"episodes/2025/{first}.md" in warnings[0] and f"episodes/2025/{second}.md" in warnings[0]
    )
    assert "case" in warnings[0]


def test_two_outputs_in_one_place_are_reported_not_raised(
    tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    root = tmp_path
    write_site(
        root,
        {
            "2025/one.md": episode(TIMED),
            "2025/one/transcript.vtt.md": episode("x\n"),
            "2025/one/chapters.json/index.md": episode("y\n"),
        },
    )
    config = (root / "mkdocs.yml").read_text("utf-8")
    config = config.replace("  - episodes\n", "  - episodes:\n      episodes: ['**/*.md']\n")
    (root / "mkdocs.yml").write_text(config, "utf-8")
    out = build_site(root / "mkdocs.yml")
    warnings = expect_warnings()
    clash = [w for w in warnings if "would be written to" in w]
    assert len(clash) == 2, warnings
    assert any("episodes/2025/one/transcript.vtt.md:1:" in w for w in clash)
    assert (out / "2025" / "one" / "transcript.vtt").is_file()  # the download is kept


@pytest.mark.parametrize("rid", ["evil\n", "acme\n", "a-b\r", "x\n\n"])
def test_ids_match_in_full(rid: str) -> None:
    assert not is_id(rid)
    texts = {k[:-4]: textwrap.dedent(v) for k, v in DATA.items()}
    texts["actors"] += f'"{rid.encode("unicode_escape").decode()}":\n  name: X\n  kind: person\n'
    catalog, problems = build_catalog(texts)
    assert rid not in catalog.actors
    assert any("invalid id" in p.message for p in problems), problems


@pytest.mark.parametrize(
    ("check", "value"),
    [
        (Date(), "2025-01-01\n"),
        (Duration(), "17:40\n"),
        (Url(), "https://example.org/\n"),
        (LanguageTag(), "en\n"),
    ],
)
def test_values_match_in_full(check: object, value: str) -> None:
    # refused, or taken without what trails it: never a value that ends in a line break
    try:
        got = check(value, Found())  # type: ignore[operator]
    except Invalid:
        return
    assert "\n" not in str(got)


# --- 2. escaping per output format --------------------------------------------------------

HOSTILE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() == s and s.strip())
CATALOG, _ = build_catalog({k[:-4]: textwrap.dedent(v) for k, v in DATA.items()})


def _entry(body: str, front: str = "") -> tuple[object, object]:
    text = f"---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n{front}---\n{body}"
    ep, problems = parse_episode(text, "episodes/2025/e.md")
    return entry_for(ep, "2025/e/", CATALOG), problems


def _literal(words: str) -> str:
    return "\\" + words  # the format's escape: the line is words, whatever it looks like


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HOSTILE_TEXT, min_size=1, max_size=4), HOSTILE_TEXT)
def test_any_text_survives_every_subtitle_format(lines: list[str], speaker: str) -> None:
    import srt
    import webvtt
    from copies import join

    body = "".join(f"[00:{10 + i:02d}] {_literal(w)}\n" for i, w in enumerate(lines))
    entry, problems = _entry(body)
    if problems:  # words the format refuses (a control character) are not this test's
        return
    words = [ln.words for ln in entry.episode.lines]  # type: ignore[attr-defined]
    made = {d.name: d.content for d in downloads.downloads(entry, {"host-a": speaker})}  # type: ignore[arg-type]
    captions = webvtt.from_buffer(io.StringIO(made["transcript.vtt"])).captions
    by_line: dict[str, list[str]] = {}
    for cue in captions:
        assert html.unescape(cue.voice) == speaker
        by_line.setdefault(cue.identifier.split("-")[0], []).extend(
            html.unescape(x) for x in cue.text.split("\n")
        )
    # each line whole: exact, or with a run of whitespace a caption broke at made one space
    rejoined = [join(p) for p in by_line.values()]
    assert len(rejoined) == len(words)
    for back, w in zip(rejoined, words, strict=True):
        assert back in (w, " ".join(w.split()))
    subs = list(srt.parse(made["transcript.srt"]))
    assert len(subs) == len(captions)  # no transcript line read as a cue of its own
    first = subs[0].content.split("\n")[0]
    assert first.startswith(f"{speaker}: ")
    segments = json.loads(made["transcript.json"])["segments"]
    assert [(s["speaker"], s["body"]) for s in segments] == [(speaker, w) for w in words]
    rows = made["transcript.json"].split("\n")  # one segment a line, whatever its words
    assert len(rows) == len(segments) + 2 and all(json.loads(r.rstrip(",")) for r in rows[1:-1])


@given(
    st.text(
        st.sampled_from("ab Z9 \t\n\u3000\u00a0中文字的，。）…—.,한국어") | st.characters(),
        max_size=60,
    ),
    st.integers(1, 48),
)
def test_caption_lines_are_as_few_as_the_long_way_cuts_and_even(words: str, columns: int) -> None:
    """A line that fits comes back as cutting it atom by atom gives it; a line that must
    be cut gets as many lines as that, with the same words in order (a break replaces
    only whitespace, or falls between two CJK characters), none wider than ``columns``
    but a single unbreakable word, and none much wider than an even share: no word or
    character is left on a line alone."""
    sized = caption_cut.sized(words)
    greedy = caption_cut.greedy(sized, columns)  # each line as full as it goes
    lines = caption_cut.caption_lines(words, columns)
    assert caption_cut.count(sized, columns) == len(greedy)
    if len(greedy) < 2:
        assert lines == greedy
        return
    assert len(lines) == len(greedy)
    assert "".join("".join(x.split()) for x in lines) == "".join(words.split())
    at = 0  # each break replaces whitespace, or falls between two tight characters
    for k, x in enumerate(lines):
        found = words.index(x, at)
        assert found == at or (k and not words[at:found].strip())
        assert k == 0 or found > at or (tight(words[at - 1]) and tight(words[at]))
        at = found + len(x)
    # so the site's own WebVTT reads back as the line (whitespace runs as one space)
    assert join_caption(lines) == join_caption([words])
    atoms = list(caption_cut.atoms(words))
    widest = max(caption_cut.width(t) + caption_cut.width(g) for t, g in atoms)
    width = [caption_cut.width(x) for x in lines]
    assert all(
        w <= columns or len(list(caption_cut.atoms(x))) == 1
        for x, w in zip(lines, width, strict=True)
    )
    total = sum(caption_cut.width(t) + caption_cut.width(g) for t, g in atoms)
    assert max(width) <= -(-total // len(lines)) + widest + caption_cut.SLACK


def test_a_caption_line_is_not_left_with_one_character() -> None:
    """A Chinese line a word over the width: two even halves, not 20 characters and 2."""
    words = "我们今天要讨论的是美国芯片出口管制的最好办法"
    assert caption_cut.width(words) == caption_cut.CAPTION_COLUMNS + 4
    assert caption_cut.greedy(caption_cut.sized(words), caption_cut.CAPTION_COLUMNS)[1] == "办法"
    lines = caption_cut.caption_lines(words)
    assert lines == ["我们今天要讨论的是美国", "芯片出口管制的最好办法"]


@pytest.mark.parametrize(
    ("words", "want"),
    [
        # a comma near the middle: the break goes there, not two characters on, in a word
        (
            "美国政府在今年四月，宣布了新的芯片出口管制规则",
            ["美国政府在今年四月，", "宣布了新的芯片出口管制规则"],
        ),
        # between two words, not inside one ("芯 / 片", "公 / 司")
        (
            "我们先来了解一下美国AI芯片出口管制政策的大背景",
            ["我们先来了解一下美国AI芯片", "出口管制政策的大背景"],
        ),
        (
            "竟然是美国著名AI公司Anthropic对中国的无证据指责",
            ["竟然是美国著名AI公司Anthropic对", "中国的无证据指责"],
        ),
        # Korean: at a space, not between two syllables of a word ("통 / 제")
        (
            "우리는 오늘 미국의 반도체 수출 통제 정책에 대해 이야기하겠습니다",
            ["우리는 오늘 미국의 반도체 수출", "통제 정책에 대해 이야기하겠습니다"],
        ),
        # a title in 《》 is read on one line
        (
            "美国正式公布了《人工智能扩散暂行最终规则》，",
            ["美国正式公布了", "《人工智能扩散暂行最终规则》，"],
        ),
        # a space between two Chinese characters is no break: the lines would lose it
        (
            "第一部分\u3000背景介绍\u3000第二部分\u3000双方观点\u3000第三部分\u3000主持人的看法",
            [
                "第一部分\u3000背景介绍\u3000第二部分\u3000双方",
                "观点\u3000第三部分\u3000主持人的看法",
            ],
        ),
        # a no-break space is none, and an abbreviation's dot ends no sentence
        (
            "The bill (H.R. 3447) was introduced in the U.S. House in May 2025 by members",
            ["The bill (H.R. 3447) was introduced in", "the U.S. House in May 2025 by members"],
        ),
        (
            "100\u00a0km 100\u00a0km 100\u00a0km 100\u00a0km 100\u00a0km 100\u00a0km 100\u00a0km",
            [
                "100\u00a0km 100\u00a0km 100\u00a0km",
                "100\u00a0km 100\u00a0km 100\u00a0km 100\u00a0km",
            ],
        ),
        # English: after the sentence, not the even split
        (
            "The rule took effect in April. Nvidia said it would comply with it",
            ["The rule took effect in April.", "Nvidia said it would comply with it"],
        ),
    ],
)
def test_a_caption_breaks_where_a_subtitler_would(words: str, want: list[str]) -> None:
    """Of the cuts with as few lines, none much wider than an even share, the one that
    breaks after a sentence or a clause, or between two words."""
    assert caption_cut.caption_lines(words) == want


def test_a_caption_does_not_cut_a_name_the_site_knows() -> None:
    """jieba's dictionary splits 阿莫 / 迪; the names the site's files show are words."""
    words = "今天我们请到了Anthropic的CEO阿莫迪来和大家聊一聊出口管制"
    assert caption_cut.caption_lines(words)[0].endswith("阿莫")  # the dictionary alone
    known = caption_cut.words_with(["阿莫迪", "英伟达", "Dario Amodei"])
    assert caption_cut.caption_lines(words, known=known) == [
        "今天我们请到了Anthropic的CEO阿莫迪",
        "来和大家聊一聊出口管制",
    ]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE_TEXT, HOSTILE_TEXT, HOSTILE_TEXT)
@example("Â¡", "0", "0")  # UTF-8 read as Latin-1: feedparser repairs it
def test_any_text_survives_the_feed(title: str, summary: str, change: str) -> None:
    import feedparser

    front = (
        f"summary: {json.dumps(summary)}\ncorrections:\n"
        f"  - {{date: 2026-01-01, change: {json.dumps(change)}, reason: r}}\n"
    )
    entry, problems = _entry("一行\n", front)
    if problems:
        return
    entry.episode.meta.title = title  # type: ignore[attr-defined]
    index = build_index([entry], CATALOG)  # type: ignore[list-item]
    xml = feed.rss(
        index.episodes,
        CATALOG,
        site_url="https://e.org/",
        title=title,
        description=summary,
        feed_url="https://e.org/feed.xml",
        language="zh",
    )
    # the feed's bytes: a strict XML parser reads the title back (RSS titles are HTML)
    channel = ET.fromstring(xml.encode("utf-8")).find("channel")
    assert channel is not None
    assert html.unescape(channel.findtext("title") or "") == title
    assert html.unescape(channel.findtext("item/title") or "") == title
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.bozo_exception
    [item] = parsed.entries

    def shown(value: str, detail: object) -> str:  # what a reader displays
        kind = getattr(detail, "type", "text/plain")
        return html.unescape(value) if kind == "text/html" else value

    # feedparser takes text that is also UTF-8 read as Latin-1 for that mistake and
    # repairs it ("Â¡" -> "¡", its mixin.py): a reader's guess, not what the feed says
    assert shown(item.title, item.title_detail) == _feedparser_reads(title)
    assert shown(parsed.feed.title, parsed.feed.title_detail) == _feedparser_reads(title)
    text = shown(item.summary, item.summary_detail)
    assert text.startswith(summary) and change in text
    assert "<script" not in item.summary.lower()  # markup never reaches a reader as markup


def _feedparser_reads(text: str) -> str:
    """``text`` as feedparser gives it back: repaired when it is UTF-8 taken for Latin-1."""
    try:
        return text.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def test_feedparser_is_the_reader_that_repairs_latin_1() -> None:
    # the example hypothesis found: the feed carries "Â¡"; feedparser shows "¡"
    assert _feedparser_reads("Â¡") == "¡" and _feedparser_reads("¡") == "¡"
    assert _feedparser_reads("英伟达") == "英伟达"


@settings(max_examples=60, deadline=None)
@given(HOSTILE_TEXT)
def test_any_text_stays_inside_json_ld(text: str) -> None:
    data = {"@type": "Episode", "name": text, "description": f"</script>{text}"}
    markup = str(jsonld.script(data))
    inner = markup[len('<script type="application/ld+json">') : -len("</script>")]
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == data


def test_the_quoted_examples(site: Callable[..., Path]) -> None:
    import srt
    import webvtt

    body = "[00:01] 2\n[00:02] \\00:00:09,000 --> 00:00:10,000\n[00:03] 好\n"
    data = dict(DATA)
    data["actors.yml"] = DATA["actors.yml"].replace("{zh: 主持人甲, en: Host A}", "'A<b>&B>C'")
    front = 'title: t\ndate: 2025-05-03\nshow: show-a\nsummary: "<b>粗</b> & <script>x</script>"\n'
    out = site({"2025/e.md": episode(body, front)}, data)
    folder = out / "2025" / "e"
    subs = list(srt.parse((folder / "transcript.srt").read_text("utf-8")))
    assert len(subs) == 3
    vtt = webvtt.read(str(folder / "transcript.vtt"))
    assert {html.unescape(c.voice) for c in vtt.captions} == {"A<b>&B>C"}
    raw = (out / "feed.xml").read_text("utf-8")
    assert "&amp;lt;script&amp;gt;" in raw and "<script" not in raw


# --- 3. configuration mistakes ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "table", "locale", "notice"),
    [
        ("zh", "zh", "zh_CN", False),
        ("zh-Hans", "zh", "zh_CN", False),
        ("zh_CN", "zh", "zh_CN", False),
        ("zh-Hant", "zh-Hant", "zh_TW", False),
        ("zh-TW", "zh-Hant", "zh_TW", False),
        ("zh-HK", "zh-Hant", "zh_HK", False),
        ("zh-Hant-TW", "zh-Hant", "zh_TW", False),
        ("en", "en", "en_US", False),
        ("en-GB", "en", "en_GB", False),
        ("fr", "en", "en_US", True),
        ("ja", "en", "en_US", True),
    ],
)
def test_each_site_language_gets_the_nearest_table_by_the_rule(
    language: str, table: str, locale: str, notice: bool
) -> None:
    assert code_for(language) == table
    assert locale_for(language, labels(language)) == locale
    assert (table_notice(language) is not None) == notice


def test_a_traditional_chinese_site_speaks_traditional_chinese(tmp_path: Path) -> None:
    write_site(tmp_path, {"2025/e.md": episode(TIMED)})
    config = (tmp_path / "mkdocs.yml").read_text("utf-8").replace("language: zh", "language: zh-TW")
    (tmp_path / "mkdocs.yml").write_text(config, "utf-8")
    out = build_site(tmp_path / "mkdocs.yml", strict=True)
    page = (out / "2025" / "e" / "index.html").read_text("utf-8")
    assert "閱讀指南" in page and "阅读指南" not in page
    assert 'property="og:locale" content="zh_TW"' in page


def test_a_site_without_a_custom_dir_draws_episodes_with_the_plugins_templates(
    tmp_path: Path,
) -> None:
    write_site(tmp_path, {"2025/e.md": episode(TIMED)})
    config = (tmp_path / "mkdocs.yml").read_text("utf-8")
    config = config.replace("  custom_dir: site_overrides\n", "")
    (tmp_path / "mkdocs.yml").write_text(config, "utf-8")
    site = build_site(tmp_path / "mkdocs.yml", strict=True)
    page = (site / "2025" / "e" / "index.html").read_text("utf-8")
    assert "application/ld+json" in page and 'property="og:title"' in page
    assert "assets/episodes/episodes.css" in page and "assets/episodes/episodes.js" in page
    assert (site / "assets" / "episodes" / "episodes.css").is_file()


def test_a_main_html_of_the_sites_own_that_extends_base_gets_one_message(
    tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    from mkdocs.exceptions import Abort

    write_site(tmp_path, {"2025/e.md": episode(TIMED)})
    main = tmp_path / "site_overrides" / "main.html"
    main.write_text(
        '{#- ours -#}\n{% extends "base.html" %}\n{% block announce %}x{% endblock %}\n'
    )
    with pytest.raises(Abort):
        build_site(tmp_path / "mkdocs.yml", strict=True)
    [message] = expect_warnings()
    message = message.removeprefix("episodes: ")
    assert message.startswith("site_overrides/main.html:2: does not extend episodes-base.html")
    assert '{% extends "episodes-base.html" %}' in message


def test_a_block_overridden_without_super_is_named(
    tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    from mkdocs.exceptions import Abort

    write_site(tmp_path, {"2025/e.md": episode(TIMED)})
    main = tmp_path / "site_overrides" / "main.html"
    main.write_text(
        '{% extends "episodes-base.html" %}\n{% block site_meta %}<meta charset="utf-8">'
        "{% endblock %}\n"
    )
    with pytest.raises(Abort):
        build_site(tmp_path / "mkdocs.yml", strict=True)
    [message] = expect_warnings()
    message = message.removeprefix("episodes: ")
    assert message.startswith("site_overrides/main.html:1: episode pages (the first: 2025/e.md)")
    assert "structured data (block site_meta)" in message and "super()" in message


# --- lines stamped with the same second ---------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.integers(0, 4)),  # no stamp, or seconds after the last
            st.text(st.sampled_from("中文字 ab"), min_size=1, max_size=12).filter(str.strip),
        ),
        min_size=1,
        max_size=14,
    )
)
def test_no_line_lasts_no_time_and_a_stamped_line_starts_in_its_second(
    lines: list[tuple[int | None, str]],
) -> None:
    """Captions of second-resolution stamps (several lines in one second, as imported
    captions have them): every line gets some time, times never go back, and a stamped
    line starts within the second it was stamped with; every copy reads these times."""
    from mkdocs_episodes.record import derive

    body, now, stamped = [], 0, {}
    for k, (step, words) in enumerate(lines, 1):
        if step is None:
            body.append(words.strip())
        else:
            now += step
            stamped[k] = now
            body.append(f"[{now // 60:02d}:{now % 60:02d}] {words.strip()}")
    text = "---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n---\n" + "\n".join(body) + "\n"
    ep, problems = parse_episode(text, "episodes/2025/e.md")
    assert problems == []
    record = derive(ep, ("host-a",))
    if not stamped:
        assert all(s.start is None for s in record.lines)
        return
    starts = [s.start for s in record.lines]
    assert all(s.end is not None and s.start is not None for s in record.lines)
    assert all(s.end > s.start for s in record.lines), starts  # type: ignore[operator]
    assert starts == sorted(starts)  # type: ignore[type-var]
    for said in record.lines:
        if said.number in stamped:
            assert said.recorded and stamped[said.number] <= said.start < stamped[said.number] + 1
        else:
            assert not said.recorded
