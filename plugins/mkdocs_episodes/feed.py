"""The episode feed (RSS 2.0), written with the standard library's ElementTree, which
escapes every value for XML. Dates and order come from the episodes, so two builds of the
same input give the same bytes.

Feed readers show an item's title and description as HTML; our values are plain text, so
they are escaped for HTML first (:func:`rss_text`) and then for XML: ``<b>`` reaches the
reader as the characters ``<b>``, never as markup (and ``<script>`` never runs)."""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import xml.etree.ElementTree as ET

from .i18n import Labels, labels
from .index import EpisodeEntry
from .model import Catalog, Correction, Episode
from .sentences import CJK_ENDS, ENDS
from .standing import notices

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
MAX_ITEMS = 50


def rss_text(text: str) -> str:
    """Plain text for an RSS element that readers show as HTML (title, description)."""
    return html.escape(text, quote=False)


def rfc822(day: dt.date) -> str:
    return email.utils.format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))


def rss(
    entries: list[EpisodeEntry],
    catalog: Catalog,
    *,
    site_url: str,
    title: str,
    description: str,
    feed_url: str,
    language: str = "zh",
    corrections_url: str | None = None,
) -> str:
    """RSS 2.0 of the newest episodes: title, link, date, summary, categories = policies."""
    t = labels(language)
    ET.register_namespace("atom", ATOM)
    ET.register_namespace("dc", DC)
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = rss_text(title)
    ET.SubElement(channel, "link").text = site_url
    ET.SubElement(channel, "description").text = rss_text(description or title)
    ET.SubElement(channel, "language").text = language
    ET.SubElement(
        channel, f"{{{ATOM}}}link", {"href": feed_url, "rel": "self", "type": "application/rss+xml"}
    )
    dates = [d for e in entries for d in (e.date, e.episode.updated) if d]
    records = corrected_records(catalog, t.code)
    dates += [fixes[0].date for _, _, fixes in records]
    if dates:
        ET.SubElement(channel, "lastBuildDate").text = rfc822(max(dates))
    for entry in entries[:MAX_ITEMS]:
        _item(channel, entry, catalog, site_url, t)
    for key, name, fixes in records:
        _record_item(channel, key, name, fixes, corrections_url or f"{site_url}corrections/", t)
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _item(
    channel: ET.Element, entry: EpisodeEntry, catalog: Catalog, site_url: str, t: Labels
) -> None:
    """One episode's ``<item>``: title, link, date, hosts, description, categories."""
    ep = entry.episode
    item = ET.SubElement(channel, "item")
    link = site_url + entry.url
    ET.SubElement(item, "title").text = rss_text(ep.meta.title)
    ET.SubElement(item, "link").text = link
    ET.SubElement(item, "guid", {"isPermaLink": "true"}).text = link
    if ep.meta.date:
        ET.SubElement(item, "pubDate").text = rfc822(ep.meta.date)
    for aid in entry.hosts:  # the hosts, as the page names them
        actor = catalog.actors.get(aid)
        if actor is not None:
            ET.SubElement(item, f"{{{DC}}}creator").text = actor.name.get(t.code)
    description = item_description(item, ep, t)
    if description:
        ET.SubElement(item, "description").text = rss_text(description)
    for pid in ep.policies:
        policy = catalog.policies.get(pid)
        if policy:
            ET.SubElement(item, "category").text = policy.name.get(t.code)


def corrected_records(catalog: Catalog, lang: str) -> list[tuple[str, str, tuple[Correction, ...]]]:
    """``(scheme-id, name, corrections newest first)`` of each corrected data record."""
    out: list[tuple[str, str, tuple[Correction, ...]]] = []
    for pid, p in catalog.policies.items():
        out += [(f"policy-{pid}", p.name.get(lang), p.corrections)] if p.corrections else []
    for aid, a in catalog.actors.items():
        out += [(f"actor-{aid}", a.name.get(lang), a.corrections)] if a.corrections else []
    for sid, src in catalog.sources.items():
        out += [(f"source-{sid}", src.title, src.corrections)] if src.corrections else []
    return out


def _record_item(
    channel: ET.Element,
    key: str,
    name: str,
    fixes: tuple[Correction, ...],
    link: str,
    t: Labels,
) -> None:
    """A corrected data record's ``<item>``: its corrections, linked to the corrections
    page; a new correction is a new item (its guid holds the date)."""
    item = ET.SubElement(channel, "item")
    ET.SubElement(item, "title").text = rss_text(t("corrections.record", name=name))
    ET.SubElement(item, "link").text = link
    guid = f"{link}#{key}-{fixes[0].date.isoformat()}"
    ET.SubElement(item, "guid", {"isPermaLink": "false"}).text = guid
    ET.SubElement(item, "pubDate").text = rfc822(fixes[0].date)
    text = clauses(
        t, [t("feed.corrected", date=c.date.isoformat(), change=c.change) for c in fixes]
    )
    ET.SubElement(item, "description").text = rss_text(text)


def clauses(t: Labels, parts: list[str]) -> str:
    """``parts`` in one run of text: after a part that ends a sentence (an editor's
    "…的日期。"), the next follows it as a sentence, not after a clause separator too
    ("。；")."""
    out = ""
    for part in parts:
        if not out:
            out = part
        elif out[-1] in CJK_ENDS:
            out += part
        elif out[-1] in ENDS:
            out += f" {part}"
        else:
            out += t("clause_sep") + part
    return out


def item_description(item: ET.Element, ep: Episode, t: Labels) -> str:
    """The item's description: the episode's notices (not annotated, unreviewed automatic
    captions, an approximate date) as their labels, the summary, and the corrections of a
    corrected episode (which also gets Atom's ``<updated>`` in ``item``)."""
    said = [n.tag for n in notices(t, ep.standing)]
    if ep.meta.date_approximate and ep.meta.date:  # <pubDate> must name a day: say so
        said.append(t("feed.date_approximate", date=ep.meta.date.isoformat()))
    tags = clauses(t, said)
    description = "\n\n".join(x for x in (tags, ep.meta.summary) if x)
    if ep.updated:
        # subscribers learn that a page they may have read was corrected: Atom's
        # <updated> (readers such as feedparser expose it) and the words themselves
        ET.SubElement(item, f"{{{ATOM}}}updated").text = f"{ep.updated.isoformat()}T00:00:00Z"
        fixes = clauses(
            t,
            [
                t("feed.corrected", date=c.date.isoformat(), change=c.change)
                for c in ep.meta.corrections
            ],
        )
        description = f"{description}\n\n{fixes}" if description else fixes
    return description
