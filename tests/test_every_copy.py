"""Every copy tells the page's truth: for every episode the tests build, each line's speaker
and words are the same on the page, in the WebVTT, SRT, Podcasting 2.0 JSON and text
downloads; roles are the same in the head, commentary labels, actor pages and JSON-LD;
JSON-LD credits a party only with their own words and validates against schema.org."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import secondshow
import twohosts
from copies import json_lines, page_lines, srt_turns, turns_of, txt_lines, vtt_lines
from english import write_english_site
from mkdocs_episodes.catalog import load_catalog
from schemaorg_check import JSON_LD, dangling, described, expanded, page_data, validate
from sitekit import build_site


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The project with the second show and the two-hosts episode (Chinese site), and the
    English test site with the two-hosts episode."""
    zh = tmp_path_factory.mktemp("zh")
    secondshow.write_beside_the_project(zh)
    twohosts.add_to(zh)
    en = tmp_path_factory.mktemp("en")
    write_english_site(en)
    twohosts.add_to(en)
    return {
        "zh": build_site(zh / "mkdocs.yml", strict=True),
        "en": build_site(en / "mkdocs.yml", strict=True),
    }


def episodes(site: Path) -> list[Path]:
    """The folders of the site's episode pages."""
    return sorted(p.parent for p in site.rglob("transcript.txt"))


def names(site: Path, lang: str) -> dict[str | None, str | None]:
    catalog, problems = load_catalog(site.parent / "data")
    assert problems == []
    out: dict[str | None, str | None] = {None: None}
    out.update({aid: a.name.get(lang) for aid, a in catalog.actors.items()})
    return out


CASES = [("zh", "zh"), ("en", "en")]


def test_the_sites_hold_the_episodes_the_issue_names(sites: dict[str, Path]) -> None:
    got = {p.relative_to(sites["zh"]).as_posix() for p in episodes(sites["zh"])}
    assert got == {
        "2025/anthropic-nvidia-export-controls",
        "2025/scooter-ban",
        "2025/peak-cap",
    }
    assert len(episodes(sites["en"])) == 2


@pytest.mark.parametrize(("key", "lang"), CASES)
def test_every_download_gives_each_line_the_speaker_the_page_gives(
    sites: dict[str, Path], key: str, lang: str
) -> None:
    site = sites[key]
    name = names(site, lang)
    checked = 0
    for folder in episodes(site):
        page = page_lines((folder / "index.html").read_text("utf-8"))
        want = [(name[who], words) for _, who, words in page]
        assert txt_lines((folder / "transcript.txt").read_text("utf-8")) == want, folder
        if not (folder / "transcript.vtt").exists():
            continue
        assert vtt_lines(folder / "transcript.vtt") == want, folder
        assert json_lines(folder / "transcript.json") == want, folder
        # SRT carries a speaker over its cues: a line said by nobody ([Break]) stays in the
        # turn it falls in
        carried: list[tuple[str | None, str]] = []
        for who, words in want:
            carried.append((who if who is not None or not carried else carried[-1][0], words))
        assert srt_turns(folder / "transcript.srt") == turns_of(carried), folder
        checked += 1
    assert checked >= 1


def test_a_cue_never_holds_two_voices_and_fits_a_caption(sites: dict[str, Path]) -> None:
    import unicodedata

    import webvtt

    for folder in episodes(sites["zh"]):
        if not (folder / "transcript.vtt").exists():
            continue
        for cue in webvtt.read(str(folder / "transcript.vtt")).captions:
            lines = cue.text.split("\n")
            assert len(lines) <= 2 and "<v" not in cue.text, cue.text
            for line in lines:
                width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
                # at most 40 columns, unless one word is longer than that
                assert width <= 40 or " " not in line, line


def test_a_line_without_a_timestamp_is_never_shown_or_exported_as_recorded(
    sites: dict[str, Path],
) -> None:
    folder = sites["zh"] / "2025" / "scooter-ban"
    html = (folder / "index.html").read_text("utf-8")
    tags = re.findall(r'(<span class="ep-l" id="L(\d+)"[^>]*>)(<span class="ep-ts")?', html)
    estimated = [n for tag, n, _ in tags if "data-estimated" in tag]
    assert estimated, "the second show has lines without a timestamp"
    for tag, _, label in tags:  # a time label only where the time was recorded
        assert bool(label) == ("data-estimated" not in tag and "data-start" in tag), tag
    vtt = (folder / "transcript.vtt").read_text("utf-8")
    note = vtt[vtt.index("NOTE") : vtt.index("\n\n", vtt.index("NOTE"))]
    for n in estimated:
        assert not re.search(rf"\bL{n}\b", note)  # not listed as recorded
    assert "估算" in note  # the site is Chinese: its note says which times are estimated


# --- roles ------------------------------------------------------------------------------


def record_roles(html: str) -> dict[str, str]:
    [data] = page_data(html)
    roles = {}
    for prop in ("actor", "contributor"):
        for role in data.get(prop, []):
            roles[role[prop]["@id"].rstrip("/").rsplit("/", 1)[1]] = role["roleName"]
    return roles


HOST_WORDS = {"zh": ("主持人", "嘉宾"), "en": ("host", "guest")}


@pytest.mark.parametrize(("key", "lang"), CASES)
def test_roles_are_the_same_in_the_head_labels_actor_pages_and_json_ld(
    sites: dict[str, Path], key: str, lang: str
) -> None:
    site = sites[key]
    host_word, guest_word = HOST_WORDS[lang]
    for folder in episodes(site):
        html = (folder / "index.html").read_text("utf-8")
        roles = record_roles(html)
        head = html[html.index('class="ep-meta"') : html.index("</div>", html.index("ep-meta"))]
        shown = dict(re.findall(r'<span data-role="([a-z-]+)"><a[^>]*actors/([a-z0-9-]+)/', head))
        shown = {aid: role for role, aid in shown.items()}
        for aid, role in roles.items():
            if role in ("host", "co-host", "guest"):
                assert shown.get(aid) == role, (folder, aid, role)
        # commentary: labelled with the role its speaker has in the episode
        for m in re.finditer(r'<div class="ep-block ep-commentary[^"]*"([^>]*)>', html):
            speaker = re.search(r'data-speaker="([^"]+)"', m.group(1))
            who = html[m.end() : m.end() + 600]
            who = re.search(r'<span class="ep-who">([^<]*)</span>', who)[1]  # type: ignore[index]
            aid = speaker[1] if speaker else next(a for a, r in roles.items() if r == "host")
            if roles.get(aid) in ("host", "co-host"):
                assert host_word in who, (folder, who)
            elif roles.get(aid) == "guest":
                assert guest_word in who, (folder, who)
        # actor pages list the episode with the same role
        for aid, role in roles.items():
            actor = (site / "actors" / aid / "index.html").read_text("utf-8")
            rel = folder.relative_to(site).as_posix()
            row = actor[actor.index(f'{rel}/"') :][:1500]
            assert f'data-role="{role}"' in row, (aid, role, rel)


def test_two_hosts_are_both_named_hosts_and_the_guide_speaks_of_voices(
    sites: dict[str, Path],
) -> None:
    html = (sites["en"] / "2025" / "peak-cap" / "index.html").read_text("utf-8")
    assert 'data-role="host"><a class="ep-ref ep-ref-actor" href="../../actors/mara-quinn/"' in html
    assert (
        'data-role="co-host"><a class="ep-ref ep-ref-actor" href="../../actors/devi-rao/"' in html
    )
    assert ">Hosts</span>" in html and ">Guests</span>" in html
    assert "Unmarked text is what the hosts and guests say" in html
    assert "opinion of host Devi Rao" in html and "analysis by guest Owen Hale" in html
    assert "host&#39;s narration" not in html


# --- structured data ----------------------------------------------------------------------


@pytest.mark.parametrize("key", ["zh", "en"])
def test_every_json_ld_block_validates_against_schema_org(sites: dict[str, Path], key: str) -> None:
    blocks = 0
    for page in sites[key].rglob("*.html"):
        for text in JSON_LD.findall(page.read_text("utf-8")):
            blocks += 1
            doc = json.loads(text)
            # a node named again is a reference to where the page describes it
            assert dangling(doc) == [], page
            ids = described(doc)
            assert len(ids) == len(set(ids)), page  # each node described once
            assert validate(expanded(doc)) == [], page
    assert blocks >= 3


@pytest.mark.parametrize(("key", "lang"), CASES)
def test_no_quotation_credits_a_party_with_words_not_theirs(
    sites: dict[str, Path], key: str, lang: str
) -> None:
    quotations = 0
    for folder in episodes(sites[key]):
        html = (folder / "index.html").read_text("utf-8")
        lines = page_lines(html)
        [data] = page_data(html)
        for part in data.get("hasPart", []):
            if part["@type"] != "Quotation":
                continue
            quotations += 1
            creator = part["creator"]["@id"].rstrip("/").rsplit("/", 1)[1]
            for _, who, words in lines:
                if who != creator and len(words) >= 6:
                    assert words not in part["text"], (folder, creator, words)
            # a party's words are a quote the editors mark as theirs, or lines they say
            theirs = [w for _, who, w in lines if who == creator]
            position = html[html.index(f'id="{part["url"].rsplit("#", 1)[1]}"') - 400 :][:3000]
            assert part["text"] in "\n".join(theirs) or (
                'data-quote-kind="verbatim"' in position
                or 'data-quote-kind="translation"' in position
            ), part
    assert quotations >= 2


def test_the_host_account_is_the_hosts_about_the_party(sites: dict[str, Path]) -> None:
    html = (sites["zh"] / "2025" / "anthropic-nvidia-export-controls" / "index.html").read_text(
        "utf-8"
    )
    [data] = page_data(html)
    accounts = [p for p in data["hasPart"] if p["@type"] == "Comment"]
    assert accounts and all(a["author"]["name"] == "大飞" for a in accounts)
    deepseek = next(a for a in accounts if "DeepSeek" in a["text"])
    assert deepseek["about"][0]["name"] == "Anthropic"
    quotes = [p for p in data["hasPart"] if p["@type"] == "Quotation"]
    assert not any("DeepSeek举例" in q["text"] for q in quotes)
    assert "correction" not in json.dumps(data["hasPart"])


# --- our own exports, read back by the importer -----------------------------------------


def _draft_lines(root: Path, export: Path, show: str) -> list[tuple[str | None, str]]:
    """``(speaker id, words)`` per line of the draft ``episodes new`` makes of ``export``,
    as the record has them (a line of only sounds is nobody's, as on the page)."""
    from importkit import run_cli
    from mkdocs_episodes.catalog import load_catalog
    from mkdocs_episodes.index import entry_for
    from mkdocs_episodes.parse import parse_episode

    slug = f"rt-{export.parent.name}-{export.suffix[1:]}"
    code, out, err = run_cli(
        root,
        "new",
        str(export),
        *("--title", "t", "--date", "2025-06-01", "--show", show, "--slug", slug),
    )
    assert code == 0, err
    path = root / out
    episode, problems = parse_episode(path.read_text("utf-8"), str(path))
    path.unlink()
    assert problems == [], problems
    catalog, _ = load_catalog(root / "data")
    record = entry_for(episode, "x/", catalog).record()
    return [(s.speaker, s.words) for s in record.lines]


@pytest.mark.parametrize("key", ["zh", "en"])
def test_our_exports_read_back_to_the_same_speakers_and_words(
    sites: dict[str, Path], key: str
) -> None:

    site = sites[key]
    root = site.parent
    checked = 0
    for folder in episodes(site):
        html = (folder / "index.html").read_text("utf-8")
        want = [(who, words) for _, who, words in page_lines(html)]
        rel = folder.relative_to(site).as_posix()
        source = (root / "episodes" / f"{rel}.md").read_text("utf-8")
        show = re.search(r"^show: (\S+)$", source, re.M)[1]  # type: ignore[index]
        exports = ["transcript.txt", "transcript.vtt", "transcript.json", "transcript.srt"]
        for name in exports:
            export = folder / name
            if not export.exists():
                continue
            got = _draft_lines(root, export, show)
            if name.endswith(".srt"):  # turn by turn: SRT cannot say where a line ends
                carried: list[tuple[str | None, str]] = []
                for who, words in want:
                    carried.append((who or (carried[-1][0] if carried else None), words))
                mine: list[tuple[str | None, str]] = []
                for who, words in got:
                    mine.append((who or (mine[-1][0] if mine else None), words))
                assert turns_of(mine) == turns_of(carried), (folder, name)
            else:
                assert got == want, (folder, name)
            checked += 1
    assert checked >= 5


@pytest.mark.parametrize("key", ["zh", "en"])
def test_no_page_shows_a_python_value(sites: dict[str, Path], key: str) -> None:
    """A model object printed into a template (a policy's short name once showed as
    ``Name(zh=…)``) is caught on every page of every test site."""
    leak = re.compile(r"\b(?:Name|Rich|Status|Event|Position|Actor|Source|Policy)\(|object at 0x")
    for page in sites[key].rglob("*.html"):
        text = page.read_text("utf-8")
        assert not leak.search(text), (page, leak.search(text))
