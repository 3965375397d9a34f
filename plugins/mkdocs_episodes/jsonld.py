"""Structured data (schema.org JSON-LD) for episode and policy pages, never saying more
than the page.

It reads the episode's :class:`~.record.Record` (who says each line, in which role), as the
page does. A party is credited (``Quotation.creator``) only with their own words: what they
say in a clip, or a quote the editors mark as verbatim or as a translation of their words,
with the source it was taken from. The host's account of a position is the host's
(``Comment``, ``author`` the host, ``about`` the party); a stance the editors inferred is on
that account, never on the party's words. The editors' caveats are ``comment``s; only the
page's corrections are ``correction``s.

Values come from authors and YAML, so the JSON is made safe for a ``<script>`` element:
``<``, ``>``, ``&`` and the line separators are written as ``\\u`` escapes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .i18n import labels
from .index import EpisodeEntry, position_date
from .model import (
    Block,
    Catalog,
    Commentary,
    Correction,
    Episode,
    Meta,
    Name,
    Note,
    Policy,
    Position,
    Show,
    Source,
    Status,
)
from .record import Record, voices_of
from .standing import UNREVIEWED_STATUS, words_note

LEGAL_FORCE = {
    "in-force": "https://schema.org/InForce",
    "enacted": "https://schema.org/InForce",
    "rescinded": "https://schema.org/NotInForce",
    "superseded": "https://schema.org/NotInForce",
    "expired": "https://schema.org/NotInForce",
    "struck-down": "https://schema.org/NotInForce",
}
THEIR_WORDS = ("verbatim", "translation")
"""Quote kinds that are the party's own words (a paraphrase is somebody else's)."""


def script(data: dict[str, Any]) -> Markup:
    """``<script type="application/ld+json">`` holding ``data`` (each node described once,
    see :func:`referenced`); nothing can break out."""
    text = json.dumps(referenced(data), ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def referenced(data: Any) -> Any:
    """``data`` with each node that has an ``@id`` described in full where it first appears
    (in document order) and named by ``{"@id": …}`` where it appears again: an episode's
    host is the author of every part, a party and a policy recur in each of its positions.
    JSON-LD joins nodes by ``@id``, so the graph is the same, in fewer bytes. A later node
    that says anything the first did not is kept as it is."""
    described: dict[str, dict[str, Any]] = {}

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(x) for x in node]
        if not isinstance(node, dict):
            return node
        url = node.get("@id")
        if isinstance(url, str) and len(node) > 1:
            first = described.get(url)
            if first is not None and node.items() <= first.items():
                return {"@id": url}
            if first is None:
                described[url] = node
        return {key: walk(value) for key, value in node.items()}

    return walk(data)


class Context:
    """What every node of one page's structured data is made with: the catalog, the
    address of each record's page (``url_of(scheme, id)``, absolute; None without one), the
    site's language (names are given in it, the others as ``alternateName``)."""

    def __init__(
        self,
        catalog: Catalog,
        url_of: Callable[[str, str], str | None],
        language: str,
        editors: str,
    ) -> None:
        self.catalog = catalog
        self.url_of = url_of
        self.language = language
        self.editors = editors

    def _id(self, scheme: str, rid: str) -> dict[str, str]:
        url = self.url_of(scheme, rid)
        return {"@id": url} if url else {}

    def names(self, name: Name) -> dict[str, Any]:
        """``name`` in the site's language, and the other languages it is given in."""
        main = name.get(self.language)
        others = [name.get(lang) for lang in name.given if name.get(lang) != main]
        out: dict[str, Any] = {"name": main}
        if others:
            out["alternateName"] = others[0] if len(others) == 1 else others
        return out

    def party(self, aid: str | None) -> dict[str, Any] | None:
        """A person or organisation of the catalog, with its page as ``@id``."""
        actor = self.catalog.actors.get(aid or "")
        if actor is None:
            return None
        data: dict[str, Any] = {
            "@type": "Person" if actor.kind == "person" else "Organization",
            **self._id("actor", actor.id),
            **self.names(actor.name),
        }
        if actor.url:
            data["sameAs"] = actor.url
        return data

    def law(self, pid: str) -> dict[str, Any] | None:
        """A policy of the catalog, with its page as ``@id``."""
        policy = self.catalog.policies.get(pid)
        if policy is None:
            return None
        return {
            "@type": "Legislation",
            **self._id("policy", pid),
            **self.names(policy.name),
        }

    def work(self, source: Source) -> dict[str, Any]:
        """A source document."""
        cited: dict[str, Any] = {"@type": "CreativeWork", "name": source.title}
        if source.url:
            cited["url"] = source.url
        if source.date:
            cited["datePublished"] = source.date.isoformat()
        if source.language:
            cited["inLanguage"] = source.language
        if not source.url and source.url_status:
            cited["creativeWorkStatus"] = f"no public address: {source.url_status}"
        return cited

    def editors_note(self, note: Note, page_url: str) -> dict[str, Any]:
        """An editor's note that qualifies a claim: the editors' comment on it."""
        data: dict[str, Any] = {
            "@type": "Comment",
            "url": f"{page_url}#{note.anchor}",
            "text": "".join(line.words for line in note.lines),
            "author": {"@type": "Organization", "name": self.editors},
        }
        if note.date:
            data["dateCreated"] = note.date.isoformat()
        return data


@dataclass(frozen=True)
class Scope:
    """What the structured data of one block is made with: its episode and record (who
    says each line), the page's context, address and language."""

    entry: EpisodeEntry
    record: Record
    ctx: Context
    page_url: str
    language: str


Nodes = Callable[[Block, Scope], list[dict[str, Any]]]
"""A block kind's structured data (see ``blocks.BlockKind.jsonld``)."""


def episode(
    entry: EpisodeEntry,
    record: Record,
    ctx: Context,
    page_url: str,
    transcript_url: str | None,
    language: str,
    nodes: Nodes,
) -> dict[str, Any]:
    """The episode: its show, hosts and guests in their roles, date, video, the host's
    accounts of positions, the parties' own words, and the hosts' commentary."""
    ep = entry.episode
    meta = ep.meta
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Episode",
        "@id": page_url,
        "url": page_url,
        "name": meta.title,
        "inLanguage": language,
    }
    _add_dates(data, ep, page_url)
    if meta.summary:
        data["description"] = meta.summary
    _add_series(data, ctx.catalog.shows.get(meta.show), ctx)
    hosts = [p for aid in record.hosts if (p := ctx.party(aid))]
    if hosts:
        data["author"] = hosts[0] if len(hosts) == 1 else hosts
    _add_roles(data, record, ctx)
    _add_video(data, meta, transcript_url)
    _add_words(data, ep, transcript_url, ctx)
    if meta.duration:
        data["timeRequired"] = _iso_duration(meta.duration)
    about = [law for p in ep.policies if (law := ctx.law(p))]
    if about:
        data["about"] = about
    scope = Scope(entry, record, ctx, page_url, language)
    parts = [node for block in ep.blocks for node in nodes(block, scope)]
    if parts:
        data["hasPart"] = parts
    return data


def _add_dates(data: dict[str, Any], ep: Episode, page_url: str) -> None:
    """The episode's publication date, and its corrections with the newest one's date."""
    meta = ep.meta
    if meta.date:
        # an approximate day is not claimed: the month is what the page is sure of
        data["datePublished"] = (
            meta.date.isoformat()[:7] if meta.date_approximate else meta.date.isoformat()
        )
    if ep.updated:
        data["dateModified"] = ep.updated.isoformat()
        data["correction"] = corrections(meta.corrections, page_url)


def corrections(fixes: Iterable[Correction], page_url: str) -> list[dict[str, Any]]:
    """Corrections of a page or a data record, as the page lists them."""
    return [
        {
            "@type": "CorrectionComment",
            "datePublished": c.date.isoformat(),
            "text": f"{c.change} ({c.reason})",
            "url": f"{page_url}#corrections",
        }
        for c in fixes
    ]


def _add_series(data: dict[str, Any], show: Show | None, ctx: Context) -> None:
    """The show the episode is part of (nothing when it is not in the catalog)."""
    if show:
        data["partOfSeries"] = {"@type": "CreativeWorkSeries", **ctx.names(show.name)}
        if show.url:
            data["partOfSeries"]["url"] = show.url


def _add_roles(data: dict[str, Any], record: Record, ctx: Context) -> None:
    """``actor`` and ``contributor``: who is heard, in their roles."""
    # who is heard, in the roles the page names: hosts as "actor", guests and other
    # voices as "contributor" (schema.org's Role pattern)
    for prop, wanted in (("actor", ("host", "co-host")), ("contributor", ("guest", "voice"))):
        roles = [
            {
                "@type": "PerformanceRole" if prop == "actor" else "Role",
                "roleName": role,
                prop: person,
            }
            for aid, role in record.roles.items()
            if role in wanted and (person := ctx.party(aid))
        ]
        if roles:
            data[prop] = roles


def _add_video(data: dict[str, Any], meta: Meta, transcript_url: str | None) -> None:
    """The episode's video, with its transcript download."""
    if meta.video:
        video: dict[str, Any] = {"@type": "VideoObject", "url": meta.video, "name": meta.title}
        if transcript_url:
            video["transcript"] = transcript_url
        data["video"] = video


def _add_words(data: dict[str, Any], ep: Episode, transcript_url: str | None, ctx: Context) -> None:
    """The transcript as a ``MediaObject`` whose ``creativeWorkStatus`` says its words are
    unreviewed automatic captions, as the page and the downloads do (nothing is added for
    words people wrote or an editor reviewed)."""
    note = words_note(labels(ctx.language), ep.standing)
    if note is None:
        return
    words: dict[str, Any] = {
        "@type": "MediaObject",
        "creativeWorkStatus": UNREVIEWED_STATUS,
        "description": note,
    }
    if transcript_url:
        words |= {"contentUrl": transcript_url, "encodingFormat": "text/plain"}
    data["associatedMedia"] = words


def _speakers(block: Position | Commentary, record: Record, ctx: Context) -> list[dict[str, Any]]:
    """Who says the block's lines, by the record's rule (:func:`.record.voices_of`)."""
    host = record.hosts[0] if record.hosts else None
    return [p for aid in voices_of(block, host) if (p := ctx.party(aid))]


def commentary(block: Block, scope: Scope) -> list[dict[str, Any]]:
    """An opinion or an analysis: commentary by whoever says its lines."""
    assert isinstance(block, Commentary)
    record, ctx, page_url, language = scope.record, scope.ctx, scope.page_url, scope.language
    part: dict[str, Any] = {
        "@type": "OpinionNewsArticle" if block.kind == "opinion" else "AnalysisNewsArticle",
        "genre": block.kind,
        "url": f"{page_url}#{block.anchor}",
        "text": "\n".join(line.words for line in block.lines),
        "inLanguage": language,
    }
    authors = _speakers(block, record, ctx)
    if authors:
        part["author"] = authors[0] if len(authors) == 1 else authors
    return [part]


def position(pos: Block, scope: Scope) -> list[dict[str, Any]]:
    """A position as the page shows it: the host's account of it (not for a clip: its
    lines are the party's own), and the party's own words when the page has them."""
    assert isinstance(pos, Position)
    ctx, page_url = scope.ctx, scope.page_url
    source = ctx.catalog.sources.get(pos.source or "")
    party = ctx.party(pos.actor)
    caveats = [ctx.editors_note(n, page_url) for n in scope.entry.episode.caveats(pos)]
    url = f"{page_url}#{pos.anchor}"
    laws = [law for p in pos.policies if (law := ctx.law(p))]
    out: list[dict[str, Any]] = []
    if pos.kind != "clip":
        out.append(_account(pos, scope, url, party, laws, source, caveats))
    words = _their_words(pos, source)
    if words is None or party is None:
        return out
    out.append(_quotation(pos, scope, url, words, party, laws, source, caveats))
    return out


def _account(
    pos: Position,
    scope: Scope,
    url: str,
    party: dict[str, Any] | None,
    laws: list[dict[str, Any]],
    source: Source | None,
    caveats: list[dict[str, Any]],
) -> dict[str, Any]:
    """The host's account of a position: a comment about the party and the policies, by
    whoever says its lines."""
    stance = [f"stance:{pos.stance}", f"stance-basis:{pos.stance_basis}"] if pos.stance else []
    account: dict[str, Any] = {
        "@type": "Comment",
        "url": url,
        "text": "\n".join(line.words for line in pos.lines),
        "inLanguage": scope.language,
        "about": [x for x in (party, *laws) if x],
        "keywords": [*stance, f"account:{pos.account}", *_provenance(pos)],
    }
    if pos.attribution == "relayed":
        # the host's words, relaying the party's argument unattributed: neither the
        # host's own analysis nor a statement credited to the party
        account["disambiguatingDescription"] = (
            "the host relays this party's argument without saying whose it is"
        )
    against = scope.ctx.catalog.sources.get(pos.checked_against or "")
    if against is not None and pos.account != "unchecked":
        account["isBasedOn"] = scope.ctx.work(against)
    authors = _speakers(pos, scope.record, scope.ctx)
    if authors:
        account["author"] = authors[0] if len(authors) == 1 else authors
    if source:
        account["citation"] = scope.ctx.work(source)
    if caveats:
        account["comment"] = caveats
    return account


def _provenance(pos: Position) -> list[str]:
    """Keywords for what the page says of a position's provenance: relayed without
    attribution, the statement it reports, what its account and quote rest on."""
    out = []
    if pos.attribution == "relayed":
        out.append("attribution:relayed")
    if pos.statement:
        out.append(f"statement:{pos.statement}")
    if pos.checked_against and pos.account != "unchecked":
        out.append(f"checked-against:{pos.checked_against}")
    if pos.quote_from:
        out.append(f"quote-from:{pos.quote_from}")
    return out


def _their_words(pos: Position, source: Source | None) -> str | None:
    """The party's own words as the page has them: a clip's lines, or a quote marked as
    verbatim or a translation with its source (None: the page has none)."""
    if pos.kind == "clip":
        return "\n".join(line.words for line in pos.lines)
    if pos.quote and pos.quote_kind in THEIR_WORDS and source is not None:
        return pos.quote
    return None


def _quotation(
    pos: Position,
    scope: Scope,
    url: str,
    words: str,
    party: dict[str, Any],
    laws: list[dict[str, Any]],
    source: Source | None,
    caveats: list[dict[str, Any]],
) -> dict[str, Any]:
    """The party's own words, credited to them, with where and when they said them."""
    quote: dict[str, Any] = {"@type": "Quotation", "url": url, "text": words, "creator": party}
    if pos.kind == "clip":
        quote["inLanguage"] = scope.language
    elif pos.quote_kind == "verbatim" and source and source.language:
        quote["inLanguage"] = source.language
    if pos.quote_kind == "translation":
        by = f" by {pos.quote_by}" if pos.quote_by else ""
        quote["disambiguatingDescription"] = f"translation{by} of their words"
    date = position_date(pos, scope.ctx.catalog)
    if date:
        quote["dateCreated"] = date.isoformat()
    _based_on(quote, pos, scope.ctx, source)
    if laws:
        quote["about"] = laws
    if pos.stance and pos.stance_basis == "stated":  # their words take that stance
        quote["keywords"] = [f"stance:{pos.stance}"]
    if caveats:
        quote["comment"] = caveats
    return quote


def _based_on(quote: dict[str, Any], pos: Position, ctx: Context, source: Source | None) -> None:
    """Where the quote was read: its source, or the report it was copied from (the
    original, then only cited, was not consulted)."""
    secondary = ctx.catalog.sources.get(pos.quote_from or "")
    if secondary is None:
        if source:
            quote["isBasedOn"] = ctx.work(source)
        return
    quote["disambiguatingDescription"] = (
        f"{quote.get('disambiguatingDescription', 'their words')} as quoted by "
        f"{secondary.publisher or secondary.title}; the original was not consulted"
    )
    if pos.quote_kind == "verbatim" and secondary.language:
        quote["inLanguage"] = secondary.language
    quote["isBasedOn"] = ctx.work(secondary)
    if source:
        quote["citation"] = ctx.work(source)


def _status(data: dict[str, Any], status: Status) -> None:
    """A policy's legal force, when it expired, and as of when the page says so."""
    force = LEGAL_FORCE.get(status.value)
    if force:
        data["legislationLegalForce"] = force
    if status.value in ("rescinded", "expired", "struck-down") and status.date:
        data["expires"] = status.date.isoformat()
    if status.as_of:  # the page says "as of": so does its structured data
        data["disambiguatingDescription"] = (
            f"status {status.value} as of {status.as_of.isoformat()}"
        )


def policy(p: Policy, ctx: Context, page_url: str) -> dict[str, Any]:
    """The policy with its agency, jurisdiction, status and dates."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": page_url,
        "url": page_url,
        **ctx.names(p.name),
    }
    if p.summary:
        data["description"] = p.summary.words
    if p.kind:
        data["legislationType"] = p.kind
    if p.jurisdiction:
        data["legislationJurisdiction"] = p.jurisdiction
    agency = ctx.party(p.agency)
    if agency:
        data["legislationPassedBy"] = agency
    if p.timeline:
        data["legislationDate"] = p.timeline[0].date.isoformat()
    if p.status:
        _status(data, p.status)
    if p.corrections:
        data["correction"] = corrections(p.corrections, page_url)
    sources = [ctx.catalog.sources[s].url for s in p.sources if s in ctx.catalog.sources]
    if any(sources):
        data["citation"] = [u for u in sources if u]
    return data


def _iso_duration(text: str) -> str:
    parts = [int(x) for x in text.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0)
    h, m, s = parts
    return f"PT{h}H{m}M{s}S"
