"""Hostile input, round 2: each class tested as a class (several members each), not only
the examples that found it.

1. no traceback, whatever YAML the reader gets;  2. no unchecked page;  3. no file from
outside the project;  4. no page lost or counted twice;  5. no broken output;  6. linear
time;  7. line numbers as authors count them.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import textwrap
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile.harness import run_case
from mkdocs_episodes.catalog import build_catalog
from mkdocs_episodes.check import check_episode
from mkdocs_episodes.parse import parse_episode
from mkdocs_episodes.yamlsrc import YamlError, load
from sitekit import DATA, episode

FRONT = "---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n---\n"  # body from line 6
OK = FRONT + "一行\n"
P = "episodes/2025/e.md"
CATALOG, _ = build_catalog({k[:-4]: textwrap.dedent(v) for k, v in DATA.items()})


def data_with(**files: str) -> list[str]:
    texts = {k[:-4]: textwrap.dedent(v) for k, v in DATA.items()}
    texts.update(files)
    return [str(p) for p in build_catalog(texts)[1]]


def problems_of(text: str) -> list[str]:
    ep, found = parse_episode(text, P)
    return [str(p) for p in sorted(found + check_episode(ep, CATALOG))]


# --- 1. whatever the YAML, a message at a line, never a traceback ---------------------

HOSTILE_YAML = {
    "impossible date as key": "2025-13-45: x\n",
    "impossible date as value key": "a:\n  2025-02-30: y\n",
    "int key": "1: x\n",
    "bool key": "yes: x\n",
    "null key": "~: x\n",
    "float key": "1.5: x\n",
    "list key": "? [a, b]\n: x\n",
    "mapping key": "? {a: 1}\n: x\n",
    "self alias": "a: &x [*x]\n",
    "mapping self alias": "a: &x {b: *x}\n",
    "alias bomb": "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n",
    "merge key": "base: &b {k: 1}\nx:\n  <<: *b\n",
    "bad int tag": "a: !!int abc\n",
    "bad float tag": "a: !!float abc\n",
    "bad bool tag": "a: !!bool maybe\n",
    "bad timestamp tag": "a: !!timestamp 2025-13-45\n",
    "python tag": "a: !!python/object/apply:os.system ['true']\n",
    "binary tag": "a: !!binary aGk=\n",
    "custom tag": "a: !custom x\n",
    "set tag": "a: !!set {x: null}\n",
    "deep flow": "a: " + "[" * 2000 + "]" * 2000 + "\n",
    "deep block": "a:\n" + "".join("  " * i + "- \n" for i in range(1, 60)),
    "deep but allowed": "a: " + "[" * 15 + "]" * 15 + "\n",
    "huge int": "a: " + "9" * 5000 + "\n",
    "unclosed quote": "a: 'x\nb: y\n",
    "tab indent": "a:\n\tb: 1\n",
    "document markers": "---\na: 1\n---\nb: 2\n",
    "directive": "%YAML 1.1\n---\na: 1\n",
    "nul": "a: \x00\n",
    "surrogate-like": "a: \ufffe\n",
}


@pytest.mark.parametrize("name", list(HOSTILE_YAML))
def test_any_yaml_gives_data_or_a_message(name: str) -> None:
    source = HOSTILE_YAML[name]
    try:
        doc = load(source)
    except YamlError as e:
        assert e.line >= 1 and e.message and e.hint
        return
    json.dumps(doc.data, default=str)  # plain data: text keys, no objects, no cycles
    assert all(isinstance(k[0], str) for k in doc.lines), doc.lines


@pytest.mark.parametrize("name", list(HOSTILE_YAML))
@pytest.mark.parametrize("where", ["actors", "front matter", "options"])
def test_hostile_yaml_anywhere_is_reported_not_raised(name: str, where: str) -> None:
    source = HOSTILE_YAML[name]
    if where == "actors":
        got = data_with(actors=source)
        assert all(m.startswith("data/") and " — " in m for m in got)
        return
    if where == "front matter":
        if source.startswith(("---", "%")):
            return  # these end the front matter: another case
        text = "---\n" + source + "---\n一行\n"
    else:
        lines = source.replace("\t", "    \t").splitlines()
        text = FRONT + "/// opinion\n" + "".join(f"    {x}\n" for x in lines) + "说\n///\n"
    got = problems_of(text)
    assert all(m.startswith(P + ":") and " — " in m for m in got), got


def test_refused_yaml_says_what_and_where() -> None:
    def msg(source: str) -> str:
        with pytest.raises(YamlError) as e:
            load(source, first_line=10)
        return f"{e.value.line}: {e.value.message} — {e.value.hint}"

    assert msg("a: 1\nb: &x [*x]\n").startswith("11: this value is repeated elsewhere through")
    assert msg("a: 1\nb: !!python/name:os.system x\n") == (
        "11: the YAML tag '!!python/name:os.system' is not allowed — remove it: values are "
        "text, numbers, dates, true/false, lists and mappings"
    )
    assert msg("a: !!int abc\n") == (
        "10: 'abc' is not a valid !!int value — remove the '!!int' tag or correct the value"
    )
    assert msg("? [a]\n: b\n") == (
        "10: a key cannot be a list or mapping — write 'key: value', the key as plain text"
    )
    assert msg("a: " + "[" * 30 + "]" * 30).startswith("10: the value is nested more than 20")
    assert load("2025-13-45: x\n1.5: y\n").data == {"2025-13-45": "x", "1.5": "y"}


def test_keys_that_are_not_ids_are_reported_as_written() -> None:
    got = data_with(actors="2025-13-45:\n  name: {zh: 甲, en: A}\n  kind: company\n1.5: {}\n")
    assert (
        "data/actors.yml:4: invalid id '1.5' — ids are lower-case letters, digits and "
        "hyphens, at most 64 characters, e.g. ai-diffusion-rule" in got
    )
    front = "---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n2025-13-45: x\n---\n一行\n"
    assert problems_of(front)[0].startswith(f"{P}:5: unknown front-matter key '2025-13-45'")


def test_an_id_too_long_for_a_file_name_is_refused(
    tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    long_id = "a" * 300
    got = data_with(actors=f"{long_id}:\n  name: {{zh: 甲, en: A}}\n  kind: company\n")
    assert any(m.startswith(f"data/actors.yml:1: invalid id '{'a' * 79}…'") for m in got)
    outcome, messages = run_case(
        tmp_path, {"episodes/2025/e.md": OK, "data/policies.yml": f"{'p' * 65}:\n  name: x\n"}
    )
    assert outcome == "aborted" and any("invalid id 'ppp" in m for m in messages)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "latin-1"])
def test_search_words_in_another_encoding_is_reported(
    tmp_path: Path, encoding: str, expect_warnings: Callable[[], list[str]]
) -> None:
    words = "扩散规则\n黄仁勋\nÀ bientôt\n".encode(encoding, errors="replace")
    outcome, messages = run_case(
        tmp_path, {"episodes/2025/e.md": OK, "data/search_words.txt": words}
    )
    assert outcome == "aborted"
    assert any(
        m.startswith("data/search_words.txt:") and "is not UTF-8 text" in m for m in messages
    ), messages


# --- 2 & 3. no unchecked page, no file from outside -----------------------------------

UNCHECKED = {
    "x.md": "<script>alert(1)</script>\n",
    "about/index.md": "---\ntitle: <script>x</script>\n---\n# hi\n",
    "drafts/deep.md": "<script>alert(3)</script>\n",
    "page.html": "<script>alert(4)</script>\n",
    "notes.markdown": "<script>alert(5)</script>\n",
    "2025.md": "<script>alert(6)</script>\n",
}


@pytest.mark.parametrize("uri", list(UNCHECKED))
def test_pages_outside_the_episode_pattern_are_refused(
    tmp_path: Path, uri: str, expect_warnings: Callable[[], list[str]]
) -> None:
    outcome, messages = run_case(
        tmp_path, {"episodes/2025/e.md": OK, f"episodes/{uri}": UNCHECKED[uri]}
    )
    assert outcome == "aborted"
    # one summary at the plugin's line of mkdocs.yml names every page left out and the fix
    [summary] = [m for m in messages if "not episodes" in m]
    assert summary.startswith("mkdocs.yml:")
    assert "1 page(s) under docs_dir are not episodes and are left out" in summary
    assert uri in summary and f"pages: [{uri}]" in summary
    site = tmp_path / "site"
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".md", ".markdown"):
            assert "alert(" not in path.read_text("utf-8", errors="replace"), path


def test_a_page_the_configuration_allows_is_published(tmp_path: Path) -> None:
    from sitekit import build_site, write_site

    config = write_site(tmp_path, {"2025/e.md": OK, "about.md": "# 关于\n\n本站。\n"})
    config.write_text(
        config.read_text("utf-8").replace(
            "  - episodes\n", "  - episodes:\n      pages: [about.md]\n"
        ),
        "utf-8",
    )
    site = build_site(config, strict=True)
    assert "本站。" in (site / "about" / "index.html").read_text("utf-8")


@pytest.mark.parametrize("target", ["file", "folder"])
def test_links_out_of_the_project_are_refused(
    tmp_path: Path, target: str, expect_warnings: Callable[[], list[str]]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(FRONT + "秘密\n", "utf-8")
    (outside / "secret.txt").write_text("SECRET-7f3a\n", "utf-8")
    root = tmp_path / "site-root"
    root.mkdir()
    from sitekit import write_site

    write_site(root, {"2025/e.md": OK})
    if target == "file":
        (root / "episodes" / "2025" / "secret.md").symlink_to(outside / "secret.md")
        (root / "episodes" / "secret.txt").symlink_to(outside / "secret.txt")
        names = ["episodes/2025/secret.md", "episodes/secret.txt"]
    else:
        (root / "episodes" / "2024").symlink_to(outside, target_is_directory=True)
        names = ["episodes/2024/secret.md", "episodes/2024/secret.txt"]
    outcome, messages = run_case(root, {})
    assert outcome == "aborted"
    for name in names:
        assert (
            f"{name}:1: is a link to a file outside the project — copy the file into the "
            "project, or remove the link"
        ) in messages
    published = "".join(
        p.read_text("utf-8", errors="replace") for p in (root / "site").rglob("*") if p.is_file()
    )
    assert "SECRET-7f3a" not in published and "秘密" not in published


# --- 4. no page lost or counted twice --------------------------------------------------


@pytest.mark.parametrize("rid", ["index"])
@pytest.mark.parametrize("file", ["actors", "policies"])
def test_reserved_ids_are_refused(rid: str, file: str) -> None:
    record = (
        f"{rid}:\n  name: {{zh: 甲, en: A}}\n  kind: company\n"
        if file == "actors"
        else f"{rid}:\n  name: {{zh: 甲, en: A}}\n  sources: [src-a]\n"
    )
    got = data_with(**{file: record})
    assert (
        f"data/{file}.yml:1: the id '{rid}' is reserved: its page would replace a page of the "
        f"site — choose another id, e.g. '{rid}-1'"
    ) in got


def test_two_files_with_one_address_are_reported(
    tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    from sitekit import write_site

    config = write_site(
        tmp_path,
        {"2025/x.md": OK, "2025/x/index.md": FRONT + "另一个\n", "policies/index.md": OK},
    )
    config.write_text(
        config.read_text("utf-8").replace(
            "  - episodes\n", "  - episodes:\n      episodes: ['*.md', '*/*.md', '*/*/*.md']\n"
        ),
        "utf-8",
    )
    outcome, messages = run_case(tmp_path, {})
    assert outcome == "aborted"
    assert (
        "episodes/2025/x/index.md:1: has the same address /2025/x/ as episodes/2025/x.md — "
        "rename one of the two files"
    ) in messages or (
        "episodes/2025/x.md:1: has the same address /2025/x/ as episodes/2025/x/index.md — "
        "rename one of the two files"
    ) in messages
    assert (
        "episodes/policies/index.md:1: has the address of a page the site generates — rename "
        "the episode file"
    ) in messages


def test_a_file_where_the_site_writes_a_download_is_reported(
    tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    outcome, messages = run_case(
        tmp_path,
        {
            "episodes/2025/e.md": OK,
            "episodes/2025/e/transcript.txt": "x",
            "episodes/feed.xml": "<x/>",
        },
    )
    assert outcome == "aborted"
    assert (
        "episodes/2025/e/transcript.txt:1: has the address of a file the site generates — "
        "rename or remove it"
    ) in messages
    assert (
        "episodes/feed.xml:1: has the address of a file the site generates — rename or "
        "remove it" in messages
    )


def test_duplicates_inside_a_list_are_reported() -> None:
    front = FRONT.replace("show: show-a", "show: show-a\npolicies: [rule-x, rule-y, rule-x]")
    assert problems_of(front + "一行\n") == [
        f"{P}:5: 'policies' names 'rule-x' twice — remove the repeated id"
    ]
    shows = "show-a:\n  name: A\n  hosts: [host-a, host-a]\n"
    assert "data/shows.yml:3: show-a.hosts names 'host-a' twice — remove the repeated id" in (
        data_with(shows=shows)
    )


# --- 5. text checked at the boundary; outputs stay well-formed -----------------------

# as YAML escapes (YAML itself refuses most of them written raw, and the parser refuses
# raw C0 controls on any line): what reaches the value is checked by the field
CONTROL = ["\\a", "\\e", "\\x7f", "\\v", "\\f", "\\x1b", "\\x9b", "\\0", "\\L", "\\P"]
BIDI = ["\\u202e", "\\u202d", "\\u202a", "\\u2066", "\\u2067", "\\u2068"]


@pytest.mark.parametrize("char", CONTROL + BIDI)
def test_control_and_bidi_characters_are_refused_in_titles_and_names(char: str) -> None:
    front = FRONT.replace("title: t", f'title: "a{char}b"')
    got = problems_of(front + "一行\n")
    assert len(got) == 1 and got[0].startswith(f"{P}:2: 'title' contains the "), got
    names = data_with(actors=f'acme:\n  name: {{zh: "甲{char}", en: A}}\n  kind: company\n')
    assert any(m.startswith("data/actors.yml:2: acme.name") and "contains the" in m for m in names)


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x0b", "\x7f"])
def test_raw_control_characters_in_front_matter_are_reported_at_their_line(char: str) -> None:
    got = problems_of(FRONT.replace("title: t", f"title: a{char}b") + "一行\n")
    assert got == [
        f"{P}:2: the line contains the control character U+{ord(char):04X} — remove it (it "
        "cannot be shown, and breaks feeds and subtitles); save the file as UTF-8 text"
    ]


@pytest.mark.parametrize("value", ['"\u200b"', '"\u00a0\u3000"', '"\u200d\u2060"', '"\t"'])
def test_values_of_only_invisible_characters_are_refused(value: str) -> None:
    got = problems_of(FRONT.replace("title: t", f"title: {value}") + "一行\n")
    assert got == [f"{P}:2: 'title' is empty or only invisible characters — write visible text"], (
        got
    )


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x7f", "\x08"])
def test_control_characters_in_transcript_lines_are_reported(char: str) -> None:
    got = problems_of(FRONT + f"一{char}行\n")
    assert got == [
        f"{P}:6: the line contains the control character U+{ord(char):04X} — remove it (it "
        "cannot be shown, and breaks feeds and subtitles); save the file as UTF-8 text"
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://user:pw@example.org/",
        "https://user@example.org/",
        "https://example.org@evil.example/",
        "https:///nohost",
        "https://example.org:99999/",
        "javascript:alert(1)",
        "data:text/html,x",
        "https://exa mple.org/",
    ],
)
def test_bad_urls_are_refused_everywhere(url: str) -> None:
    front = FRONT.replace("show: show-a", f"show: show-a\nvideo: '{url}'")
    got = problems_of(front + "一行\n")
    assert len(got) == 1 and got[0].startswith(f"{P}:5: 'video' is '{url}', which "), got
    link = problems_of(FRONT + f"见[这里]({url})\n")
    assert len(link) <= 1 and all("address" in m or "link scheme" in m for m in link)
    ep, _ = parse_episode(FRONT + f"见[这里]({url})\n", P)
    assert not any(getattr(p, "scheme", "") == "url" for p in ep.lines[0].parts)


@pytest.mark.parametrize(
    "anchor",
    ["__toc", "__search", "_x", "1abc", "L12", "l3", "a b", 'a"b', "x" * 101, "-x"],
)
def test_anchors_that_could_clash_are_refused(anchor: str) -> None:
    got = problems_of(FRONT + f"## 标题 {{#{anchor}}}\n一行\n")
    if " " in anchor:  # not an anchor at all: the braces are part of the title
        assert got == []
        return
    assert len(got) == 1 and got[0].startswith(f"{P}:6: invalid anchor"), got


@pytest.mark.parametrize(
    ("stamps", "bad"),
    [
        (["[01:00]", "[00:30]"], 7),
        (["[1:00:00]", "[59:59]"], 7),
        (["[00:10]", "[00:20]", "[00:15]"], 8),
        (["[00:10]", "[00:10]"], None),  # equal is in order
    ],
)
def test_timestamps_must_not_go_backwards(stamps: list[str], bad: int | None) -> None:
    text = FRONT + "".join(f"{s} 第{i}行\n" for i, s in enumerate(stamps))
    got = problems_of(text)
    if bad is None:
        assert got == []
    else:
        assert len(got) == 1 and got[0].startswith(f"{P}:{bad}: the timestamp ")
        assert "is earlier than the one on line" in got[0]


@pytest.mark.parametrize(
    "duration", ['"1:60"', '"100:00:00"', '"1:2:3:4"', '"12"', '"-1:00"', "3600", '"1:60:00"']
)
def test_durations_are_range_checked(duration: str) -> None:
    front = FRONT.replace("show: show-a", f"show: show-a\nduration: {duration}")
    got = problems_of(front + "一行\n")
    assert len(got) == 1 and got[0].startswith(f"{P}:5: 'duration' must be a duration"), got


def test_outputs_stay_well_formed_with_hostile_text(
    tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    """Backwards stamps (reported) still give valid subtitles; titles, summaries and
    transcript lines with XML/HTML specials give a well-formed feed and JSON-LD."""
    import webvtt
    from sitekit import build_site, write_site

    body = "[00:30] <b>&amp; ]]> --> \u2029 words\n[00:10] second\n[00:20] 第三 \u202e rtl\n"
    front = "title: '</title><script>x</script> ]]>'\ndate: 2025-05-03\nshow: show-a\n"
    front += 'summary: "& < > \\" \' ]]>"\n'
    site = build_site(write_site(tmp_path, {"2025/e.md": episode(body, front)}))
    ET.parse(site / "feed.xml")  # well-formed XML
    captions = webvtt.read(str(site / "2025" / "e" / "transcript.vtt")).captions
    starts = [c.start_in_seconds for c in captions]
    assert starts == sorted(starts) and len(captions) == 3
    html = (site / "2025" / "e" / "index.html").read_text("utf-8")
    for block in html.split('<script type="application/ld+json">')[1:]:
        json.loads(block.split("</script>")[0])
    assert "<script>x</script>" not in html


# --- 6. linear time on every input -------------------------------------------------------


def _grows_linearly(make: Callable[[int], Callable[[], object]], n: int) -> tuple[float, float]:
    """Best-of-5 times at size n and 4n, the garbage collector paused while timing (its
    pauses are noise on a shared machine, not the algorithm's cost)."""
    times = []
    for size in (n, 4 * n):
        run = make(size)
        best = float("inf")
        for _ in range(5):
            gc.collect()
            gc.disable()
            try:
                start = time.perf_counter()
                run()
                best = min(best, time.perf_counter() - start)
            finally:
                gc.enable()
        times.append(best)
    return times[0], times[1]


def _episode_check(text: str) -> Callable[[], object]:
    def run() -> object:
        ep, found = parse_episode(text, P)
        return found + check_episode(ep, CATALOG)

    return run


GROWING: dict[str, tuple[Callable[[int], Callable[[], object]], int]] = {
    "heading full of spaces": (
        lambda n: _episode_check(FRONT + "## a" + " " * n + "b\n一\n"),
        20_000,
    ),
    "heading id full of spaces": (
        lambda n: _episode_check(FRONT + "## a {#" + " " * n + "x}\n一\n"),
        20_000,
    ),
    "block header full of spaces": (
        lambda n: _episode_check(FRONT + "/// opinion |" + " " * n + "x\n一\n///\n"),
        20_000,
    ),
    "broken line links": (
        lambda n: _episode_check(FRONT + "".join(f"[见](#L{i + 9000})\n" for i in range(n))),
        1_500,
    ),
    "broken anchor links": (
        lambda n: _episode_check(
            FRONT + "".join(f"## 段{i}\n[见](#nowhere-{i})\n" for i in range(n))
        ),
        1_500,
    ),
    "unknown ids": (
        lambda n: _episode_check(FRONT + "".join(f"[某](actor:nobody-{i})\n" for i in range(n))),
        1_500,
    ),
    "unanswered positions": (
        lambda n: _episode_check(
            FRONT
            + "".join(
                f"/// position | acme\n    source: src-a\n    responds_to: x-{i}\n说\n///\n"
                for i in range(n)
            )
        ),
        800,
    ),
    "same anchor again and again": (
        lambda n: _episode_check(FRONT + "".join("## 同\n一\n" for _ in range(n))),
        1_500,
    ),
    "sexagesimal-looking option": (
        lambda n: _episode_check(FRONT + "/// opinion\n    id: " + "1:" * n + "x\n说\n///\n"),
        5_000,
    ),
    "unclosed link brackets": (lambda n: _episode_check(FRONT + "[a" * n + "\n"), 10_000),
    "link without its end": (lambda n: _episode_check(FRONT + "[a](" + "b" * n + "\n"), 20_000),
    "many nested YAML levels": (
        lambda n: lambda: _safe_load("a: " + "[" * 19 + "x, " * n + "]" * 19),
        5_000,
    ),
    "alias chain": (
        lambda n: lambda: _safe_load("a: &a [x]\n" + "".join(f"b{i}: *a\n" for i in range(n))),
        2_000,
    ),
    "data records with unknown refs": (
        lambda n: (
            lambda: data_with(
                actors="".join(
                    f"a{i}:\n  name: {{zh: 甲, en: A}}\n  kind: company\n  affiliation: zz{i}\n"
                    for i in range(n)
                )
            )
        ),
        300,
    ),
}


def _safe_load(source: str) -> object:
    try:
        return load(source)
    except YamlError as e:
        return e


@pytest.mark.parametrize("name", list(GROWING))
def test_time_grows_at_most_linearly(name: str) -> None:
    make, n = GROWING[name]
    small, large = _grows_linearly(make, n)
    # linear: ×4; quadratic: ×16. Allow for noise and fixed costs at small sizes.
    assert large <= max(8 * small, 0.05), f"{name}: {small:.4f}s -> {large:.4f}s at 4x input"


# --- 7. line numbers as authors count them -------------------------------------------------


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\x85"])
def test_yaml_line_breaks_do_not_shift_later_lines(brk: str) -> None:
    sources = (
        f"src-a:\n  title: 'A{brk}B'\n  publisher: acme\n  url: https://example.org/a\n"
        "src-b:\n  title: B\n  publisher: P\n  url: javascript:x\n"
    )
    got = data_with(sources=sources)
    assert any(m.startswith("data/sources.yml:8: src-b.url is 'javascript:x'") for m in got), got
    front = f"---\ntitle: 'a{brk}b'\ndate: 2025-02-30\nshow: show-a\n---\n一行\n"
    assert any(m.startswith(f"{P}:3: 'date' is '2025-02-30'") for m in problems_of(front))


@pytest.mark.parametrize("newline", [b"\r", b"\r\n", b"\n"])
def test_a_bad_byte_is_reported_at_its_line_whatever_the_line_ends(
    tmp_path: Path, newline: bytes, expect_warnings: Callable[[], list[str]]
) -> None:
    text = b"---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n---\n" + b"a\n" * 3 + b"\xff\n"
    raw = text.replace(b"\n", newline)
    outcome, messages = run_case(tmp_path, {"episodes/2025/e.md": raw})
    assert outcome == "aborted"
    assert any(m.startswith("episodes/2025/e.md:9: the file is not UTF-8 text") for m in messages)
    data = b"acme:\n  name: {zh: A, en: A}\n  kind: company\n  url: \xff\n".replace(b"\n", newline)
    outcome, messages = run_case(
        tmp_path / "d", {"episodes/2025/e.md": OK, "data/actors.yml": data}
    )
    assert any(m.startswith("data/actors.yml:4: the file is not UTF-8 text") for m in messages)


# --- never a traceback: the importer under any terminal encoding ------------------------


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_importer_never_raises_whatever_the_terminal_encoding(
    tmp_path: Path, encoding: str
) -> None:
    from sitekit import write_site

    write_site(tmp_path, {})
    transcript = tmp_path / "t.txt"
    transcript.write_text("第一行\n第二行\n", "utf-8")
    exe = Path(sys.executable).with_name("episodes")
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    for args in (
        ["new", str(transcript), "--title", "中文标题", "--date", "2025-05-03", "--show", "show-a"],
        ["new", str(transcript), "--title", "中文", "--date", "2025-05-03", "--show", "显示"],
        ["check"],
    ):
        result = subprocess.run(
            [str(exe), *args], cwd=tmp_path, capture_output=True, env=env, check=False
        )
        assert b"Traceback" not in result.stderr, result.stderr
    assert any((tmp_path / "episodes" / "2025").glob("*.md"))
