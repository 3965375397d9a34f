"""Many voices: hosts and guests, '@' speaker turns, clips; every line knows its speaker and
the pages, structured data and subtitles say who speaks."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
import searchindex
import webvtt
from mkdocs_episodes.catalog import build_catalog
from mkdocs_episodes.check import check_episode
from mkdocs_episodes.importer import literal
from mkdocs_episodes.parse import parse_episode
from pagetext import transcript_lines
from schemaorg_check import page_data
from sitekit import DATA, ROOT, build_site, episode, write_site

CATALOG, _ = build_catalog({k[:-4]: textwrap.dedent(v) for k, v in DATA.items()})
FRONT = "---\ntitle: t\ndate: 2025-05-03\nshow: show-a\nguests: [beta]\n---\n"

BODY = """\
[00:01] 开场的话
@beta
[00:05] 乙公司的嘉宾说话
还是嘉宾
@host-a
[00:10] 主持人接话

/// clip | acme
    source: src-a
    policy: rule-x
    stance: supports
    stance_basis: stated
[00:15] 甲公司的原声
///

/// opinion | beta
[00:20] 嘉宾的观点
///

[00:25] 主持人收尾
"""


def test_every_line_knows_its_speaker() -> None:
    ep, problems = parse_episode(FRONT + BODY, "e.md")
    assert problems == []
    assert [(line.words, line.speaker) for line in ep.lines] == [
        ("开场的话", None),
        ("乙公司的嘉宾说话", "beta"),
        ("还是嘉宾", "beta"),
        ("主持人接话", "host-a"),
        ("甲公司的原声", "acme"),
        ("嘉宾的观点", "beta"),
        ("主持人收尾", "host-a"),
    ]
    assert ep.meta.guests == ("beta",)
    clip = ep.positions[0]
    assert clip.kind == "clip" and clip.actor == "acme" and clip.quote_kind == "verbatim"


def test_speaker_turns_are_checked_and_can_be_escaped() -> None:
    ep, problems = parse_episode(FRONT + "@nobody\n一行\n", "e.md")
    found = [str(p) for p in problems + check_episode(ep, CATALOG)]
    assert found[0].startswith("e.md:7: unknown actor 'nobody'")
    ep, problems = parse_episode(FRONT + "\\@host-a\n一行\n", "e.md")
    assert problems == [] and [line.words for line in ep.lines] == ["@host-a", "一行"]
    assert literal("@host-a") == "\\@host-a"
    ep, problems = parse_episode(
        FRONT + "/// context\n    date: 2025-01-01\n@beta\n注\n///\n一行\n", "e.md"
    )
    assert [str(p) for p in problems] == [
        "e.md:9: '@beta' cannot be inside an editor's note — a note is not said in the "
        "episode: put the turn before or after the note"
    ]


def test_hosts_name_the_hosts_of_a_show_with_several() -> None:
    data = dict(DATA)
    data["shows.yml"] = "show-a:\n  name: A\n  hosts: [host-a, acme]\n"
    catalog, _ = build_catalog({k[:-4]: textwrap.dedent(v) for k, v in data.items()})
    from mkdocs_episodes.index import entry_for

    ep, _ = parse_episode(FRONT + "一行\n", "e.md")  # the show's hosts are the default
    entry = entry_for(ep, "e/", catalog)
    assert check_episode(ep, catalog) == [] and entry.hosts == ("host-a", "acme")
    assert entry.roles == {"host-a": "host", "acme": "co-host", "beta": "guest"}
    front = FRONT.replace("guests:", "hosts: [acme]\nguests:")
    ep, problems = parse_episode(front + "一行\n", "e.md")
    entry = entry_for(ep, "e/", catalog)
    assert problems == [] and check_episode(ep, catalog) == [] and entry.host == "acme"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("voices")
    front = "title: 多人节目\ndate: 2025-05-03\nshow: show-a\nguests: [beta]\n"
    return build_site(write_site(root, {"2025/e.md": episode(BODY, front)}), strict=True)


def test_line_elements_carry_their_speaker_and_labels_mark_each_change(site: Path) -> None:
    html = (site / "2025" / "e" / "index.html").read_text("utf-8")
    speakers = re.findall(
        r'<span class="ep-l" id="L(\d+)" data-n="\d+" data-speaker="([a-z-]+)"', html
    )
    assert speakers == [
        ("1", "host-a"), ("2", "beta"), ("3", "beta"), ("4", "host-a"),
        ("5", "acme"), ("6", "beta"), ("7", "host-a"),
    ]  # fmt: skip
    labels = re.findall(r'<span class="ep-speaker" data-speaker="([a-z-]+)">', html)
    assert labels == ["host-a", "beta", "host-a", "acme", "beta", "host-a"]
    assert [w for _, w in transcript_lines(html)][1] == "乙公司的嘉宾说话"  # words unchanged
    clip = html[html.index('id="acme-1"') - 200 :]
    assert 'data-kind="position"' in clip[:600] and "原声" in clip[:1200]


def test_actor_pages_show_appearances_with_their_role(site: Path) -> None:
    beta = (site / "actors" / "beta" / "index.html").read_text("utf-8")
    assert "../../2025/e/" in beta and 'data-role="guest">嘉宾' in beta
    host = (site / "actors" / "host-a" / "index.html").read_text("utf-8")
    assert 'data-role="host">主持人' in host
    acme = (site / "actors" / "acme" / "index.html").read_text("utf-8")
    assert "甲公司的原声" in acme  # the clip is acme's position in its own words


def test_structured_data_and_subtitles_carry_the_speakers(site: Path) -> None:
    html = (site / "2025" / "e" / "index.html").read_text("utf-8")
    [data] = page_data(html)
    assert (
        data["actor"][0]["roleName"] == "host" and data["actor"][0]["actor"]["name"] == "主持人甲"
    )
    roles = {(r["roleName"], r["contributor"]["name"]) for r in data["contributor"]}
    assert roles == {("guest", "乙公司"), ("voice", "甲公司")}
    captions = webvtt.read(str(site / "2025" / "e" / "transcript.vtt")).captions
    # a cue never holds two lines, so never two voices: each line's own speaker
    assert [c.voice for c in captions] == [
        "主持人甲", "乙公司", "乙公司", "主持人甲", "甲公司", "乙公司", "主持人甲",
    ]  # fmt: skip
    podcast = json.loads((site / "2025" / "e" / "transcript.json").read_text("utf-8"))
    assert [s["speaker"] for s in podcast["segments"]][1] == "乙公司"


def test_the_first_episode_lines_carry_the_host() -> None:
    text = (ROOT / "episodes" / "2025" / "anthropic-nvidia-export-controls.md").read_text("utf-8")
    ep, _ = parse_episode(text, "x.md")
    assert {line.speaker for line in ep.lines} == {None}  # the host, who is not named per line


def test_the_first_episode_page_marks_the_host_on_every_line(project_site: Path) -> None:
    html = (project_site / "2025" / "anthropic-nvidia-export-controls" / "index.html").read_text(
        "utf-8"
    )
    assert html.count('data-speaker="dafei">') == 239
    assert 'class="ep-speaker"' not in html  # one voice: no labels


GUEST_ACCOUNT = """\
[00:01] 开场的话
@beta
[00:05] 嘉宾开始说

/// position | acme
    source: src-a
    policy: rule-x
    stance: supports
[00:10] 嘉宾转述甲公司的立场
///

/// position | acme
    source: src-a
    policy: rule-x
    stance: opposes
    attribution: relayed
[00:15] 嘉宾复述甲公司的论证
///

@host-a
/// position | acme
    source: src-a
    policy: rule-x
    stance: mixed
[00:20] 主持人转述甲公司的第三个立场
///
"""


def test_a_position_says_whose_account_it_is_on_every_page_and_in_structured_data(
    tmp_path: Path,
) -> None:
    """A party's position told by a guest is the guest's account, by name — on the episode
    page, on the lists of the actor and the policy, and in JSON-LD — never the host's."""
    front = "title: 嘉宾转述\ndate: 2025-05-03\nshow: show-a\nguests: [beta]\n"
    config = write_site(tmp_path, {"2025/e.md": episode(GUEST_ACCOUNT, front)})
    # Material's search, whose index file shows what search sees (Pagefind's is compressed)
    text = config.read_text("utf-8").replace(
        "  - episodes\n", "  - episodes:\n      search: material\n"
    )
    config.write_text(text, "utf-8")
    site = build_site(config, strict=True)
    html = (site / "2025" / "e" / "index.html").read_text("utf-8")

    def heading(page: str, anchor: str) -> str:
        card = page[page.index(anchor) :]
        return re.search(r'<div class="ep-sub">([^<·]*)', card)[1].strip()

    assert heading(html, 'id="acme-1"') == "嘉宾 乙公司转述"
    assert heading(html, 'id="acme-2"') == (
        "嘉宾 乙公司复述这一方的论证，节目中未说明出处（不是嘉宾 乙公司自己的分析）"
    )
    assert heading(html, 'id="acme-3"') == "主持人转述"
    relayed = html[html.index('id="acme-2"') :]
    assert (
        '<span class="ep-relayed" data-attribution="relayed">嘉宾 乙公司复述，未说明出处' in relayed
    )
    assert "主持人或嘉宾（标出是谁）转述的某一方的立场" in html  # the reading guide says so
    [data] = page_data(html)
    authors = {
        part["url"].rsplit("#", 1)[1]: part["author"]["name"]
        for part in data["hasPart"]
        if "author" in part
    }
    assert authors["acme-1"] == authors["acme-2"] == "乙公司" and authors["acme-3"] == "主持人甲"
    for page in ("actors/acme/index.html", "policies/rule-x/index.html"):
        listed = (site / page).read_text("utf-8")
        assert "嘉宾 乙公司转述" in listed and "主持人转述" in listed, page
        assert "嘉宾 乙公司复述，未说明出处" in listed and "主持人复述" not in listed, page
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    found = "".join(doc["text"] for doc in index["docs"]).replace("\u200b", "")
    assert "立场（甲公司，嘉宾 乙公司复述，未说明出处）" in found
    assert "主持人复述" not in found


SEARCHED = """\
[00:01] 开场的话
@beta
/// position | acme
    source: src-a
    policy: rule-x
    stance: supports
    account: disputed
    checked_against: src-a
    quote: 我们支持这项规则
[00:10] 嘉宾转述甲公司的立场
///

@host-a
/// clip | acme
    source: src-a
[00:20] 甲公司发言人的原声
///

/// opinion
[00:30] 主持人自己的看法
///
"""


@pytest.mark.parametrize("engine", ["pagefind", "material"])
def test_search_names_each_block_as_its_head_on_the_page_does(tmp_path: Path, engine: str) -> None:
    """What search shows of a block carries the qualifiers the page shows over it: whose
    account a position is and how it compares with the source, what its quote is (their
    words or a paraphrase), a clip as the party's recorded voice, commentary as whose.
    Both engines read the same labels."""
    front = "title: 搜索标签\ndate: 2025-05-03\nshow: show-a\nguests: [beta]\n"
    config = write_site(tmp_path, {"2025/e.md": episode(SEARCHED, front)})
    if engine == "material":
        text = config.read_text("utf-8").replace(
            "  - episodes\n", "  - episodes:\n      search: material\n"
        )
        config.write_text(text, "utf-8")
    site = build_site(config, strict=True)
    words = "".join(searchindex.entries(site)).replace(searchindex.ZWSP, "")
    assert "立场（甲公司） · 嘉宾 乙公司转述 · 与来源有出入" in words
    assert "转述（非原话）：我们支持这项规则" in words
    assert "原声：甲公司" in words and "立场（甲公司） · 主持人转述" not in words
    assert "观点（主持人 主持人甲）" in words


def test_a_bracketed_mark_is_nobodys_and_the_words_after_it_are_named_again() -> None:
    """``[Break]`` in a turn is no one's words (the page gives it no speaker); the text file
    and the subtitles put it on its own and name whoever speaks next, so that neither
    reads as the speaker before it saying it."""
    from mkdocs_episodes import downloads
    from mkdocs_episodes.record import derive

    body = "@beta\n[00:01] 嘉宾说了第一句\n[00:05] [Break]\n[00:09] 嘉宾又说了一句\n"
    front = "title: 标记\ndate: 2025-05-03\nshow: show-a\nguests: [beta]\n"
    ep, problems = parse_episode(episode(body, front), "episodes/2025/e.md")
    assert problems == []
    record = derive(ep, ("host-a",))
    assert [s.speaker for s in record.lines] == ["beta", None, "beta"]
    name = downloads.namer({"beta": "乙公司"})
    assert downloads.plain_text(record, name).split("\n\n") == [
        "乙公司: [00:01] 嘉宾说了第一句",
        "[00:05] [Break]",
        "乙公司: [00:09] 嘉宾又说了一句\n",
    ]
    cues = downloads.srt(downloads.cues(record, name)).split("\n\n")
    assert [c.split("\n", 2)[2] for c in cues if c] == [
        "乙公司: 嘉宾说了第一句",
        "[Break]",
        "乙公司: 嘉宾又说了一句\n",
    ]
