"""Structured data (schema.org JSON-LD) for episode and policy pages.

Values come from authors and YAML, so the JSON is made safe for a ``<script>`` element:
``<``, ``>``, ``&`` and the line separators are written as ``\\u`` escapes.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from .index import EpisodeEntry, position_date
from .model import Catalog, Commentary, Note, Policy, Position

LEGAL_FORCE = {
    "in-force": "InForce",
    "enacted": "InForce",
    "rescinded": "NotInForce",
    "superseded": "NotInForce",
    "expired": "NotInForce",
    "struck-down": "NotInForce",
}


def script(data: dict[str, Any]) -> Markup:
    """``<script type="application/ld+json">`` holding ``data``; nothing can break out."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def _person(catalog: Catalog, aid: str | None, base: str) -> dict[str, Any] | None:
    actor = catalog.actors.get(aid or "")
    if actor is None:
        return None
    data: dict[str, Any] = {
        "@type": "Person" if actor.kind == "person" else "Organization",
        "@id": f"{base}actors/{actor.id}/",
        "name": actor.name.zh,
        "alternateName": actor.name.en,
    }
    if actor.url:
        data["sameAs"] = actor.url
    return data


def episode(
    entry: EpisodeEntry,
    catalog: Catalog,
    page_url: str,
    base: str,
    transcript_url: str | None,
    site_language: str = "zh",
) -> dict[str, Any]:
    """The episode with its show, host, date, video, transcript, quotations, commentary."""
    ep = entry.episode
    meta = ep.meta
    show = catalog.shows.get(meta.show)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Episode",
        "@id": page_url,
        "url": page_url,
        "name": meta.title,
        "inLanguage": meta.language or (show.language if show else None) or site_language,
    }
    if meta.date:
        data["datePublished"] = meta.date.isoformat()
    if ep.updated:
        data["dateModified"] = ep.updated.isoformat()
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "datePublished": c.date.isoformat(),
                "text": f"{c.change} ({c.reason})",
                "url": f"{page_url}#corrections",
            }
            for c in meta.corrections
        ]
    if meta.summary:
        data["description"] = meta.summary
    if show:
        data["partOfSeries"] = {"@type": "CreativeWorkSeries", "name": show.name.zh}
        if show.url:
            data["partOfSeries"]["url"] = show.url
    host = _person(catalog, entry.host, base)
    if host:
        data["author"] = host
    # who is heard, as schema.org Roles: hosts (the main one first) as "actor", guests and
    # the voices of clips and turns as "contributor"
    for prop, wanted in (("actor", ("host", "co-host")), ("contributor", ("guest", "voice"))):
        roles = [
            {"@type": "Role", "roleName": role, prop: person}
            for aid, role in entry.roles.items()
            if role in wanted and (person := _person(catalog, aid, base))
        ]
        if roles:
            data[prop] = roles
    if meta.video:
        data["video"] = {"@type": "VideoObject", "url": meta.video, "name": meta.title}
    if transcript_url:
        data["transcript"] = transcript_url
    if meta.duration:
        data["timeRequired"] = _iso_duration(meta.duration)
    about = [catalog.policies[p].name.zh for p in ep.policies if p in catalog.policies]
    if about:
        data["about"] = [{"@type": "Legislation", "name": n} for n in about]
    parts: list[dict[str, Any]] = []
    for block in ep.blocks:
        if isinstance(block, Position):
            parts.append(_quotation(block, catalog, page_url, base, ep.caveats(block)))
        elif isinstance(block, Commentary):
            speaker = _person(catalog, block.speaker or entry.host, base)
            part: dict[str, Any] = {
                "@type": "OpinionNewsArticle" if block.kind == "opinion" else "AnalysisNewsArticle",
                "genre": block.kind,
                "url": f"{page_url}#{block.anchor}",
                "text": "\n".join(line.words for line in block.lines),
            }
            if speaker:
                part["author"] = speaker
            parts.append(part)
    if parts:
        data["hasPart"] = parts
    return {k: v for k, v in data.items() if v is not None}


def _quotation(
    pos: Position, catalog: Catalog, page_url: str, base: str, caveats: list[Note]
) -> dict[str, Any]:
    source = catalog.sources.get(pos.source or "")
    date = position_date(pos, catalog)
    data: dict[str, Any] = {
        "@type": "Quotation",
        "url": f"{page_url}#{pos.anchor}",
        "text": pos.quote or "\n".join(line.words for line in pos.lines),
        "description": "\n".join(line.words for line in pos.lines),
    }
    if pos.quote and source and source.language:
        data["inLanguage"] = source.language
    creator = _person(catalog, pos.actor, base)
    if creator:
        data["creator"] = creator
    if date:
        data["dateCreated"] = date.isoformat()
    if source:
        cited: dict[str, Any] = {"@type": "CreativeWork", "name": source.title}
        if source.url:
            cited["url"] = source.url
        if source.date:
            cited["datePublished"] = source.date.isoformat()
        data["isBasedOn"] = cited
    if pos.policies:
        data["about"] = [
            {
                "@type": "Legislation",
                "@id": f"{base}policies/{p}/",
                "name": catalog.policies[p].name.zh,
            }
            for p in pos.policies
            if p in catalog.policies
        ]
    if pos.stance:
        data["keywords"] = pos.stance
    # how sure we are, machine-readable and in words
    quote = f"quote: {pos.quote_kind}" + (f" by {pos.quote_by}" if pos.quote_by else "")
    stance = f"; stance {pos.stance_basis}" if pos.stance else ""
    data["disambiguatingDescription"] = f"{quote}{stance}; host's account {pos.account}"
    if pos.unsourced:
        data["disambiguatingDescription"] += f"; no source: {pos.unsourced}"
    if caveats:  # the editors' qualification travels with the claim
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "url": f"{page_url}#{note.anchor}",
                "text": "".join(line.words for line in note.lines),
                **({"datePublished": note.date.isoformat()} if note.date else {}),
            }
            for note in caveats
        ]
    return {k: v for k, v in data.items() if v is not None}


def policy(p: Policy, catalog: Catalog, page_url: str, base: str) -> dict[str, Any]:
    """The policy with its agency, jurisdiction, status and dates."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": page_url,
        "url": page_url,
        "name": p.name.zh,
        "alternateName": p.name.en,
    }
    if p.summary:
        data["description"] = p.summary.words
    if p.kind:
        data["legislationType"] = p.kind
    if p.jurisdiction:
        data["legislationJurisdiction"] = p.jurisdiction
    agency = _person(catalog, p.agency, base)
    if agency:
        data["legislationPassedBy"] = agency
    if p.timeline:
        data["legislationDate"] = p.timeline[0].date.isoformat()
    if p.status:
        force = LEGAL_FORCE.get(p.status.value)
        if force:
            data["legislationLegalForce"] = force
        if p.status.value in ("rescinded", "expired", "struck-down") and p.status.date:
            data["expires"] = p.status.date.isoformat()
    sources = [catalog.sources[s].url for s in p.sources if s in catalog.sources]
    if any(sources):
        data["citation"] = [u for u in sources if u]
    return data


def _iso_duration(text: str) -> str:
    parts = [int(x) for x in text.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0)
    h, m, s = parts
    return f"PT{h}H{m}M{s}S"
