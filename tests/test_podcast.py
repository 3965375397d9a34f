"""A show's podcast feed, as podcast apps read it: parsed with feedparser (the feed parser
of many apps' servers) and held to a written checklist of what Apple Podcasts and the
Podcasting 2.0 namespace require (no validator is reachable offline). Every address the
feed gives resolves to a file of the built site, the enclosure's length and type are the
file's, and an episode without audio is not offered as one."""

from __future__ import annotations

import html
import json
import re
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from mkdocs_episodes.media import APPLE_CATEGORIES
from mkdocs_episodes.podcast import ITUNES, PODCAST, feed_guid
from sitekit import DATA, build_site, episode, write_site

SITE_URL = "https://example.org/repo/"
GUID = "917393e3-1b1e-5cef-ace4-edfa1ebe1d3b"
SHOWS = """\
    show-a:
      name: {zh: 节目甲, en: Show A}
      hosts: [host-a]
      podcast:
        artwork: media/cover.png
        category: News/Politics
        explicit: false
        owner: {name: 编辑部, email: editors@example.org}
    """
AUDIO = b"ID3" + bytes(range(256)) * 40
WITH_AUDIO = episode(
    """
    ## 开场 {#opening}

    [00:00] 大家好
    @acme
    [00:05] 我们不同意 <b>&</b>
    ## 第二段 {#second}

    [00:09] 再见
    """,
    "title: 有音频 <一期> & 更多\ndate: 2025-05-03\nshow: show-a\nguests: [acme]\n"
    'audio: media/2025/a.mp3\nduration: "00:12"\nsummary: 一段 <script>x</script>\n',
)
NO_AUDIO = episode("[00:00] 没有音频\n", "title: 无音频\ndate: 2025-05-04\nshow: show-a\n")

APPLE_CHANNEL = ("title", "description", "language", "link")
"""Apple's required channel elements (besides itunes:image, category, explicit)."""
ROLES = {"host", "co-host", "guest"}
"""Podcast Taxonomy roles this site gives (group cast)."""


def make_site(tmp_path: Path, shows: str = SHOWS, site_url: str = SITE_URL) -> Path:
    config = write_site(
        tmp_path, {"2025/a.md": WITH_AUDIO, "2025/b.md": NO_AUDIO}, {**DATA, "shows.yml": shows}
    )
    text = config.read_text(encoding="utf-8").replace(SITE_URL, site_url)
    config.write_text(text, encoding="utf-8")
    media = tmp_path / "episodes" / "media"
    (media / "2025").mkdir(parents=True)
    (media / "2025" / "a.mp3").write_bytes(AUDIO)
    (media / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    return build_site(config, strict=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site(tmp_path_factory.mktemp("podcast"))


def local(site: Path, url: str) -> Path:
    """The built file an absolute address of the site names."""
    assert url.startswith(SITE_URL), url
    path = urlsplit(url).path[len(urlsplit(SITE_URL).path) :]
    return site / path


def shown(value: str, detail: object) -> str:
    """What a reader displays of a feed's text (as tests/test_hostile3.py reads it)."""
    kind = getattr(detail, "type", "text/plain")
    return html.unescape(value) if kind == "text/html" else value


def test_the_feed_parses_and_passes_apples_checklist(site: Path) -> None:
    parsed = feedparser.parse((site / "podcast" / "show-a.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    ch = parsed.feed
    for key in APPLE_CHANNEL:
        assert ch.get(key), key
    assert ch.title == "节目甲" and ch.language == "zh"
    assert local(site, ch.image.href).is_file()
    # Apple's values are true/false (feedparser knows only the older yes/clean)
    channel, _ = podcast_items(site)
    assert channel.findtext(f"{{{ITUNES}}}explicit") == "false"
    assert [t.term for t in ch.tags] == ["News", "Politics"]
    assert ch.publisher_detail.email == "editors@example.org"
    assert channel.findtext(f"{{{ITUNES}}}author") == "主持人甲"  # the show's hosts
    titles = [shown(e.title, e.title_detail) for e in parsed.entries]
    assert titles == ["有音频 <一期> & 更多"]  # not the episode without audio
    item = parsed.entries[0]
    assert shown(item.summary, item.summary_detail) == "一段 <script>x</script>"
    assert "<script" not in item.summary  # plain text, never markup
    assert item.itunes_duration == "12"
    assert item.itunes_episodetype == "full"
    [enclosure] = item.enclosures
    assert enclosure.type == "audio/mpeg"
    assert local(site, enclosure.href).read_bytes() == AUDIO
    assert int(enclosure.length) == len(AUDIO)


def test_every_category_the_schema_allows_is_apples_top_or_sub() -> None:
    tops = {c for c in APPLE_CATEGORIES if "/" not in c}
    assert all(c.split("/")[0] in tops for c in APPLE_CATEGORIES)
    assert {"News", "News/Politics", "Technology", "TV & Film/After Shows"} <= set(APPLE_CATEGORIES)


def podcast_items(site: Path) -> tuple[ET.Element, list[ET.Element]]:
    root = ET.parse(site / "podcast" / "show-a.xml").getroot()
    channel = root.find("channel")
    assert channel is not None
    return channel, channel.findall("item")


def test_the_podcasting_2_checklist(site: Path) -> None:
    channel, [item] = podcast_items(site)
    guid = channel.findtext(f"{{{PODCAST}}}guid")
    assert guid == feed_guid(SITE_URL + "podcast/show-a.xml")
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", guid
    )
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link is not None and self_link.get("href") == SITE_URL + "podcast/show-a.xml"
    assert item.find("guid").get("isPermaLink") == "false"  # type: ignore[union-attr]
    transcripts = {t.get("type"): t for t in item.findall(f"{{{PODCAST}}}transcript")}
    assert set(transcripts) == {"text/vtt", "application/x-subrip", "application/json"}
    assert transcripts["text/vtt"].get("rel") == "captions"
    assert transcripts["application/json"].get("rel") is None
    for t in transcripts.values():
        assert local(site, t.get("url", "")).is_file()
        assert t.get("language") == "zh"
    body = json.loads(local(site, transcripts["application/json"].get("url", "")).read_text())
    assert [s["body"] for s in body["segments"]] == ["大家好", "我们不同意 <b>&</b>", "再见"]
    [chapters] = item.findall(f"{{{PODCAST}}}chapters")
    assert chapters.get("type") == "application/json+chapters"
    doc = json.loads(local(site, chapters.get("url", "")).read_text())
    assert doc["version"].startswith("1.")
    assert [(c["startTime"], c["title"]) for c in doc["chapters"]] == [(0, "开场"), (9, "第二段")]


def test_people_are_the_pages_hosts_and_guests_in_their_roles(site: Path) -> None:
    _, [item] = podcast_items(site)
    people = [(p.text, p.get("role"), p.get("group")) for p in item.findall(f"{{{PODCAST}}}person")]
    assert people == [("主持人甲", "host", "cast"), ("甲公司", "guest", "cast")]
    assert {role for _, role, _ in people} <= ROLES
    page = (site / "2025" / "a" / "index.html").read_text(encoding="utf-8")
    for name, _, _ in people:
        assert name in page


def test_the_page_feed_offers_no_enclosure_for_an_episode_without_audio(site: Path) -> None:
    parsed = feedparser.parse((site / "feed.xml").read_bytes())
    without = [e for e in parsed.entries if e.title == "无音频"]
    assert without and not without[0].get("enclosures")


def test_pinned_guids_stay_when_the_site_moves(tmp_path: Path) -> None:
    shows = SHOWS.rstrip(" ") + f"        guid: {GUID}\n"
    guids = []
    for n, url in enumerate(("https://example.org/repo/", "https://new.example.com/")):
        (tmp_path / str(n)).mkdir()
        site = make_site(tmp_path / str(n), textwrap.dedent(shows), url)
        channel, items = podcast_items(site)
        guids.append((channel.findtext(f"{{{PODCAST}}}guid"), [i.findtext("guid") for i in items]))
    assert guids[0] == guids[1]
    assert guids[0][0] == GUID


def test_a_show_without_podcast_gets_no_podcast_feed(tmp_path: Path) -> None:
    shows = "show-a:\n  name: 节目甲\n  hosts: [host-a]\n"
    site = make_site(tmp_path, shows)
    assert not (site / "podcast").exists()


def test_itunes_namespace_is_apples(site: Path) -> None:
    text = (site / "podcast" / "show-a.xml").read_text(encoding="utf-8")
    assert f'xmlns:itunes="{ITUNES}"' in text
    assert f'xmlns:podcast="{PODCAST}"' in text


def test_an_english_shows_feed_names_and_lists_its_hosts_in_english() -> None:
    """On a Chinese site, an English show's feed (``<language>en</language>``) gives its
    hosts' English names, listed as English lists them — not "Mara Quinn；Devi Rao"."""
    import xml.etree.ElementTree as ET

    from mkdocs_episodes.i18n import labels
    from mkdocs_episodes.model import Actor, Catalog, Name, Podcast, Show
    from mkdocs_episodes.podcast import Channel, podcast_rss

    names = {"mara": ("玛拉", "Mara Quinn"), "devi": ("德薇", "Devi Rao")}
    catalog = Catalog(
        actors={
            aid: Actor(id=aid, name=Name((("zh", zh), ("en", en))), kind="person")
            for aid, (zh, en) in names.items()
        }
    )
    show = Show(id="ledger", name=Name.plain("Open Ledger"), hosts=("mara", "devi"))
    podcast = Podcast(artwork="https://example.org/a.png", category="News", explicit=False)
    channel = Channel(
        show,
        podcast,
        "https://example.org/",
        "https://example.org/podcast/ledger.xml",
        "guid",
        "Open Ledger",
        "A show.",
        "en",
    )
    rss = podcast_rss(channel, [], {}, catalog, labels("zh"))
    author = ET.fromstring(rss.split("\n", 1)[1]).findtext(f"channel/{{{ITUNES}}}author")
    assert author == "Mara Quinn, Devi Rao"


@pytest.mark.parametrize(
    ("language", "title", "description"),
    [
        ("en", "Open Ledger", "Open Ledger"),  # not the Chinese site's sentence
        ("zh", "公开账本", "关于政策辩论的节目。"),
        (None, "公开账本", "关于政策辩论的节目。"),  # the site's language
    ],
)
def test_a_shows_feed_is_titled_and_described_in_the_shows_language(
    language: str | None, title: str, description: str
) -> None:
    """The channel's title is the show's name in the feed's language, and without a
    description of its own the feed says the site's only when it is in that language:
    an English show on a Chinese site is not described in Chinese."""
    from mkdocs_episodes.i18n import labels
    from mkdocs_episodes.model import Name, Podcast, Show
    from mkdocs_episodes.podcast import _channel_of

    show = Show(
        id="ledger",
        name=Name((("zh", "公开账本"), ("en", "Open Ledger"))),
        hosts=(),
        language=language,
    )
    podcast = Podcast(artwork="https://example.org/a.png", category="News", explicit=False)
    site = {"url": "https://example.org/", "description": "关于政策辩论的节目。", "name": "站"}
    channel = _channel_of(show, podcast, "podcast/ledger.xml", site, labels("zh"))
    assert (channel.title, channel.description) == (title, description)
    assert channel.language == (language or "zh")
