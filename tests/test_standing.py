"""Every output tells a reader how far an episode is marked and whether its words are
unreviewed automatic captions, as its front matter declares: the page (a notice and
``data-annotated``), the list rows (home, year archive, actor page and its archive), the
search entry, the feed, every download and the JSON-LD. Each episode of a small archive
site (tests/plainsite.py) against what its front matter says, output by output.

An unannotated page is otherwise an episode page like any other: the same line anchors,
speaker labels, timestamps and downloads as the annotated page of the same transcript."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from mkdocs_episodes import pages
from mkdocs_episodes.readers import read_string
from plainsite import write_plain_site
from schemaorg_check import page_data, validate
from searchindex import pagefind_pages
from sitekit import build_site

UNREVIEWED = "未经校对的自动字幕"
"""The label of unreviewed automatic captions on the Chinese site."""

# What each episode's front matter declares, written out here (not derived by the code
# under test): the notices its outputs must carry.
EXPECTED: dict[str, set[str]] = {
    "plain": {"unannotated", "unreviewed"},
    "partial": {"partial", "unreviewed"},
    "reviewed": {"unannotated"},
    "marked": set(),
}
TAGS = {"unannotated": "未标注", "partial": "部分标注", "unreviewed": UNREVIEWED}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # short lists, so the year archive and the actor's archive of compact rows are made
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pages, "HOME_NEWEST", 2)
        mp.setattr(pages, "NEWEST", 2)
        return build_site(write_plain_site(tmp_path_factory.mktemp("plain")), strict=True)


def _page(site: Path, slug: str) -> str:
    return (site / "2025" / slug / "index.html").read_text("utf-8")


def _row_tags(html: str, slug: str) -> set[str] | None:
    """The notice labels of the list row linking ``slug``'s episode (None: no such row)."""
    for li in re.findall(r"<li\b.*?</li>", html, re.S):
        if re.search(rf'href="(?:[^"]*/)?{slug}/"', li) and "ep-goto" not in li:
            kinds = re.findall(r'class="ep-tag ep-standing-tag" data-standing="(\w+)">([^<]*)<', li)
            assert all(TAGS[k] == words for k, words in kinds), kinds  # in words, not colour
            return {k for k, _ in kinds}
    return None


@pytest.mark.parametrize("slug", list(EXPECTED))
def test_the_page_says_how_far_it_is_marked_and_whose_words_they_are(site: Path, slug: str) -> None:
    html = _page(site, slug)
    want = EXPECTED[slug]
    annotated = "false" if want & {"unannotated", "partial"} else "true"
    assert f'<div class="ep-head" data-annotated="{annotated}"' in html
    # and the episode's outermost element (head and transcript), as format §7 says
    outer = f'<div class="ep-episode" data-annotated="{annotated}">'
    assert html.count("data-annotated=") == 2 and outer in html
    assert html.index(outer) < html.index('class="ep-head"') < html.index('id="L1"')
    notes = re.findall(r'<p class="ep-standing-note" data-standing="(\w+)">', html)
    assert set(notes) == want
    # the notice stands near the top: before the first transcript line
    if want:
        assert html.index("ep-standing-note") < html.index('id="L1"')
    assert ('data-words="unreviewed-auto-captions"' in html) == ("unreviewed" in want)


@pytest.mark.parametrize("slug", ["plain", "reviewed"])
def test_an_unmarked_page_claims_no_marking_it_has_not(site: Path, slug: str) -> None:
    html = _page(site, slug)
    guide = html[html.index('<details class="ep-guide"') : html.index("</details>")]
    # no legend of positions and commentary, no "unmarked text is the host's narration"
    assert "ep-label-position" not in guide and "主持人的叙述" not in guide
    assert "ep-who-said" not in html and 'data-ep-toggle="commentary"' not in html


@pytest.mark.parametrize(
    "listing", ["index.html", "2025/index.html", "actors/acme/index.html", "actors/acme/2025/"]
)
def test_every_list_tells_annotated_from_plain_episodes(site: Path, listing: str) -> None:
    path = site / listing
    html = (path / "index.html" if path.is_dir() else path).read_text("utf-8")
    seen = {slug: _row_tags(html, slug) for slug in EXPECTED}
    listed = {slug: tags for slug, tags in seen.items() if tags is not None}
    assert listed, f"no episode row in {listing}"
    assert listed == {slug: EXPECTED[slug] for slug in listed}


def test_the_search_entry_carries_the_notices(site: Path) -> None:
    texts = pagefind_pages(site)
    for slug, want in EXPECTED.items():
        text = texts[f"/2025/{slug}/"]
        assert ("尚未做任何标注" in text) == ("unannotated" in want), slug
        assert ("标注尚未完成" in text) == ("partial" in want), slug
        assert ("尚无编辑核对" in text) == ("unreviewed" in want), slug
        assert "今天聊聊某规则" in text  # the words are searchable as on any page


def test_the_feed_carries_the_notices(site: Path) -> None:
    feed = feedparser.parse((site / "feed.xml").read_text("utf-8"))
    by_slug = {e.link.rstrip("/").rsplit("/", 1)[1]: e.description for e in feed.entries}
    for slug, want in EXPECTED.items():
        said = {k for k, tag in TAGS.items() if tag in by_slug[slug]}
        assert said == want, slug


@pytest.mark.parametrize("slug", list(EXPECTED))
def test_every_download_says_unreviewed_automatic_captions_where_they_are(
    site: Path, slug: str
) -> None:
    folder = site / "2025" / slug
    unreviewed = "unreviewed" in EXPECTED[slug]
    txt = (folder / "transcript.txt").read_text("utf-8")
    vtt = (folder / "transcript.vtt").read_text("utf-8")
    data = json.loads((folder / "transcript.json").read_text("utf-8"))
    srt = (folder / "transcript.srt").read_text("utf-8")
    assert txt.startswith(f"NOTE {UNREVIEWED}") == unreviewed
    assert (f"NOTE\n{UNREVIEWED}" in vtt) == unreviewed
    assert (UNREVIEWED in data.get("note", "")) == unreviewed
    assert UNREVIEWED not in srt  # SRT has no comments: a cue would be read as words
    # the note is never a line: the transcript read back is the page's lines
    lines = read_string(txt, Path("transcript.txt")).cues
    words = [w for c in lines for w in c.lines]
    assert words[0] == "大家好，今天聊聊某规则。" and not any(UNREVIEWED in w for w in words)


@pytest.mark.parametrize("slug", list(EXPECTED))
def test_json_ld_says_unreviewed_automatic_captions_and_validates(site: Path, slug: str) -> None:
    html = _page(site, slug)
    [data] = page_data(html)
    assert validate(data) == []
    media = data.get("associatedMedia")
    if "unreviewed" in EXPECTED[slug]:
        assert media["creativeWorkStatus"] == "unreviewed automatic captions"
        assert UNREVIEWED in media["description"]
        assert media["contentUrl"].endswith(f"/2025/{slug}/transcript.txt")
    else:
        assert media is None


def _lines(html: str) -> list[str]:
    """Each transcript line's anchor, speaker and time, as the page gives them."""
    return re.findall(r'<span class="ep-l" id="(L\d+)" data-n="\d+"([^>]*)>', html)


def test_an_unannotated_page_has_the_anchors_speakers_and_downloads_of_an_annotated_one(
    site: Path,
) -> None:
    plain, marked = _page(site, "plain"), _page(site, "marked")
    assert _lines(plain) == _lines(marked)[: len(_lines(plain))]
    assert len(_lines(plain)) == 5
    speakers = re.findall(r'<span class="ep-speaker" data-speaker="([\w-]+)">', plain)
    assert speakers == ["host-a", "acme", "host-a"]
    files = {p.name for p in (site / "2025" / "plain").iterdir()}
    assert files == {p.name for p in (site / "2025" / "marked").iterdir()}
    assert {"transcript.txt", "transcript.vtt", "transcript.srt", "transcript.json"} <= files
    for name in sorted(files - {"index.html"}):
        assert f'href="{name}"' in plain
