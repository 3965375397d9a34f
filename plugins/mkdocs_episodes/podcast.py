"""A show's podcast feed (``podcast/<show>.xml``): RSS 2.0 with the ``itunes:`` tags Apple
Podcasts asks for and the Podcasting 2.0 ``podcast:`` namespace (guid, transcripts,
chapters, persons), for the show's episodes that have audio.

Written with the standard library's ElementTree like the page feed (:mod:`.feed`), whose
escaping (:func:`.feed.rss_text`, then XML) and item description (summary and
corrections) it shares: one writer, tested once. feedgen's podcast extension covers only
the ``itunes:`` tags and would bring a second XML writer (lxml) for half the feed.

Everything an item says is what the page says: its people and their roles from the
episode's record (:attr:`.index.EpisodeEntry.roles`), its transcript files and chapters
the downloads the page links (:mod:`.downloads`), its audio as the site check measured it.
An episode without audio (or whose audio's type or length is unknown) is not an item: a
podcast app could not play it, and an enclosure must not guess."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .downloads import Link
from .errors import Problem
from .feed import ATOM, item_description, rfc822, rss_text
from .i18n import Labels, labels
from .index import EpisodeEntry
from .links import absolute
from .media import is_site_path, site_uri
from .model import Catalog, Media, Podcast, Show

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
"""The namespace of ``podcast:guid`` (UUIDv5 of the feed's address without its scheme)."""

TRANSCRIPT_REL = {"transcript.vtt": "captions", "transcript.srt": "captions"}
"""Transcript files that are timed captions (``rel="captions"``)."""
PERSON_ROLES = {"host": "host", "co-host": "co-host", "guest": "guest"}
"""The page's roles -> the Podcast Taxonomy's roles (group ``cast``); a voice heard in a
clip is not a person of the episode."""


def feed_path(show: str) -> str:
    """Where a show's podcast feed is, under the site."""
    return f"podcast/{show}.xml"


def feed_guid(feed_url: str) -> str:
    """The ``podcast:guid`` the namespace derives from a feed's address."""
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def item_guid(show_guid: str, uri: str) -> str:
    """An episode's guid: from the show's guid and the episode's file under docs_dir
    (``2025/x.md``), so it stays when the site's address changes."""
    return str(uuid.uuid5(uuid.UUID(show_guid), uri))


def seconds(duration: str | None) -> int | None:
    """``mm:ss`` or ``h:mm:ss`` as seconds."""
    if not duration:
        return None
    total = 0
    for part in duration.split(":"):
        total = total * 60 + int(part)
    return total


def playable(audio: Media | None) -> bool:
    """Whether an episode's audio can be an enclosure (its type and length known)."""
    return audio is not None and audio.type is not None and audio.length is not None


@dataclass(frozen=True)
class Channel:
    """What a show's feed says about the show, with the addresses made absolute."""

    show: Show
    podcast: Podcast
    site_url: str
    feed_url: str
    guid: str
    title: str
    description: str
    language: str


def podcast_rss(
    channel: Channel,
    entries: list[tuple[str, EpisodeEntry]],
    downloads: Mapping[str, list[Link]],
    catalog: Catalog,
    t: Labels,
) -> str:
    """The show's feed: the channel, then an item for each of ``entries`` (``(uri,
    entry)``, newest first) that has playable audio; ``downloads`` by uri."""
    for prefix, ns in (("atom", ATOM), ("itunes", ITUNES), ("podcast", PODCAST)):
        ET.register_namespace(prefix, ns)
    root = ET.Element("rss", {"version": "2.0"})
    ch = ET.SubElement(root, "channel")
    _channel(ch, channel, catalog, t)
    dates = [e.date for _, e in entries if e.date and playable(e.audio)]
    if dates:
        ET.SubElement(ch, "lastBuildDate").text = rfc822(max(dates))
    for uri, entry in entries:
        if playable(entry.audio):
            _item(ch, channel, uri, entry, downloads.get(uri, []), catalog, t)
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _channel(ch: ET.Element, c: Channel, catalog: Catalog, t: Labels) -> None:
    """The show: what Apple requires (title, description, artwork, language, category,
    explicit) and recommends (author, owner, link), and the feed's ``podcast:guid``."""
    p = c.podcast
    ET.SubElement(ch, "title").text = rss_text(c.title)
    ET.SubElement(ch, "link").text = c.show.url or c.site_url
    ET.SubElement(ch, "description").text = rss_text(c.description)
    ET.SubElement(ch, "language").text = c.language
    ET.SubElement(
        ch, f"{{{ATOM}}}link", {"href": c.feed_url, "rel": "self", "type": "application/rss+xml"}
    )
    ET.SubElement(ch, f"{{{ITUNES}}}image", {"href": site_address(c.site_url, p.artwork)})
    top, _, sub = p.category.partition("/")
    cat = ET.SubElement(ch, f"{{{ITUNES}}}category", {"text": top})
    if sub:
        ET.SubElement(cat, f"{{{ITUNES}}}category", {"text": sub})
    ET.SubElement(ch, f"{{{ITUNES}}}explicit").text = "true" if p.explicit else "false"
    # the hosts as the feed's language names and lists them (an English show's feed on a
    # Chinese site: "Mara Quinn, Devi Rao")
    hosts = [catalog.actors[h].name.get(c.language) for h in c.show.hosts if h in catalog.actors]
    author = p.author or labels(c.language)("list_sep").join(hosts)
    if author:
        ET.SubElement(ch, f"{{{ITUNES}}}author").text = author
    if p.owner_email:
        owner = ET.SubElement(ch, f"{{{ITUNES}}}owner")
        if p.owner_name:
            ET.SubElement(owner, f"{{{ITUNES}}}name").text = p.owner_name
        ET.SubElement(owner, f"{{{ITUNES}}}email").text = p.owner_email
    ET.SubElement(ch, f"{{{ITUNES}}}type").text = "episodic"
    ET.SubElement(ch, f"{{{PODCAST}}}guid").text = c.guid


def site_address(site_url: str, url: str) -> str:
    """A media address as published: a file in the site made absolute."""
    return absolute(site_url, url) if is_site_path(url) else url


def _item(
    ch: ET.Element,
    c: Channel,
    uri: str,
    entry: EpisodeEntry,
    links: list[Link],
    catalog: Catalog,
    t: Labels,
) -> None:
    """One episode: its page, guid, date, description, audio, duration, transcripts,
    chapters and people."""
    ep, audio = entry.episode, entry.audio
    assert audio is not None and audio.type is not None and audio.length is not None
    item = ET.SubElement(ch, "item")
    ET.SubElement(item, "title").text = rss_text(ep.meta.title)
    ET.SubElement(item, "link").text = absolute(c.site_url, entry.url)
    guid = item_guid(c.guid, uri)
    ET.SubElement(item, "guid", {"isPermaLink": "false"}).text = guid
    if ep.meta.date:
        ET.SubElement(item, "pubDate").text = rfc822(ep.meta.date)
    description = item_description(item, ep, t)
    if description:
        ET.SubElement(item, "description").text = rss_text(description)
    ET.SubElement(
        item,
        "enclosure",
        {
            "url": site_address(c.site_url, audio.url),
            "length": str(audio.length),
            "type": audio.type,
        },
    )
    duration = seconds(ep.meta.duration)
    if duration is not None:
        ET.SubElement(item, f"{{{ITUNES}}}duration").text = str(duration)
    ET.SubElement(item, f"{{{ITUNES}}}episodeType").text = "full"
    _files(item, c, links, entry.language or c.language)
    _people(item, entry, catalog, t)


def _files(item: ET.Element, c: Channel, links: list[Link], language: str) -> None:
    """``podcast:transcript`` for each timed transcript file, ``podcast:chapters``."""
    for link in links:
        url = absolute(c.site_url, link.url)
        if link.name == "chapters.json":
            ET.SubElement(item, f"{{{PODCAST}}}chapters", {"url": url, "type": link.media_type})
        elif link.name != "transcript.txt":  # plain text has no times: apps want those
            attrs = {"url": url, "type": link.media_type, "language": language}
            if link.name in TRANSCRIPT_REL:
                attrs["rel"] = TRANSCRIPT_REL[link.name]
            ET.SubElement(item, f"{{{PODCAST}}}transcript", attrs)


def _people(item: ET.Element, entry: EpisodeEntry, catalog: Catalog, t: Labels) -> None:
    """``podcast:person`` for the hosts and guests, in the roles the page gives them."""
    for aid, role in entry.roles.items():
        actor = catalog.actors.get(aid)
        if actor is None or role not in PERSON_ROLES:
            continue
        attrs = {"role": PERSON_ROLES[role], "group": "cast"}
        if actor.url:
            attrs["href"] = actor.url
        ET.SubElement(item, f"{{{PODCAST}}}person", attrs).text = actor.name.get(t.code)


@dataclass
class Feeds:
    """The podcast feeds of a site: text by path, problems, and what the build reports."""

    texts: dict[str, str]
    problems: list[Problem]
    info: list[str]


def show_feeds(
    entries: list[tuple[str, EpisodeEntry]],
    catalog: Catalog,
    downloads: Mapping[str, list[Link]],
    site: Mapping[str, str],
    t: Labels,
    has_file: Callable[[str], bool],
) -> Feeds:
    """A feed for each show that declares ``podcast:`` and has an episode with playable
    audio. ``site`` holds ``url`` (absolute, with a slash), ``name``, ``description``,
    ``data`` (the data folder, for messages); ``has_file(uri)`` whether the site has a file
    (artwork in the site)."""
    out = Feeds({}, [], [])
    for sid, show in sorted(catalog.shows.items()):
        own = [(uri, e) for uri, e in entries if e.episode.meta.show == sid]
        if not any(playable(e.audio) for _, e in own):
            continue
        if show.podcast is None:
            out.info.append(
                f"show '{sid}' has episodes with audio but no 'podcast:' in shows.yml: its "
                "podcast feed is not made"
            )
            continue
        path = feed_path(sid)
        channel = _channel_of(show, show.podcast, path, site, t)
        if not show.podcast.guid:
            out.info.append(
                f"{path}: its podcast:guid is {channel.guid}, made from its address; add "
                f"'guid: {channel.guid}' to {sid}.podcast in shows.yml so that it stays if "
                "the site moves"
            )
        art = show.podcast.artwork
        if is_site_path(art) and not has_file(site_uri(art)):
            out.problems.append(
                Problem(
                    f"{site['data']}/shows.yml",
                    show.line,
                    f"{sid}.podcast.artwork is '{art}', which is not a file under docs_dir",
                    "put the image at that path under docs_dir, or correct the path",
                )
            )
        out.texts[path] = podcast_rss(channel, own, downloads, catalog, t)
    return out


def _channel_of(
    show: Show, podcast: Podcast, path: str, site: Mapping[str, str], t: Labels
) -> Channel:
    feed_url = absolute(site["url"], path)
    language = show.language or t.code
    title = show.name.get(language)
    # the feed is in the show's language: the site's description only when it is the same
    # language (an English show on a Chinese site says its name, not a Chinese sentence)
    same = language.split("-")[0].lower() == t.code.split("-")[0].lower()
    return Channel(
        show,
        podcast,
        site["url"],
        feed_url,
        podcast.guid or feed_guid(feed_url),
        title,
        podcast.description or (site["description"] if same else "") or title,
        language,
    )
