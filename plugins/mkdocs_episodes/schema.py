"""The format, declared once: front matter, block kinds, data records (pure Python).

Every rule an author's text must follow is a declaration here, in the manner of
pymdown-extensions' ``Block`` (``NAME``, ``ARGUMENT``, ``OPTIONS = {key: (default,
validator)}``) and MkDocs' ``Config`` schemas, with what neither has: every problem is
collected (never only the first), each at its line as ``path:line: what — how to fix``.
The parser and the catalog read through these declarations, and the format reference
(``FORMAT.md``) is generated from them.

The checks of single values are in :mod:`.checks`, fields and sets of fields (the
validation engine) in :mod:`.fields`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .checks import (
    Bool,
    ByteCount,
    Choice,
    Date,
    Duration,
    Email,
    Found,
    Id,
    Ids,
    Invalid,
    LanguageTag,
    LineSplits,
    MediaAddress,
    NameCheck,
    RichText,
    Sha256,
    Text,
    Texts,
    Url,
    Uuid,
    Words,
)
from .errors import nearest
from .fields import Field, FieldSet, ListOf, Needs, Nested
from .media import APPLE_CATEGORIES, MEDIA_TYPES, is_site_path
from .model import (
    Actor,
    Correction,
    Event,
    Imported,
    Media,
    Name,
    Podcast,
    Policy,
    Record,
    Show,
    Source,
    Status,
)

# --- the vocabulary --------------------------------------------------------------------


STANCES = ("supports", "opposes", "mixed", "neutral")
ACTOR_KINDS = (
    "company",
    "person",
    "government",
    "agency",
    "lab",
    "organization",
    "media",
    "legislature",
    "court",
)
POLICY_STATUSES = (
    "proposed",
    "introduced",
    "enacted",
    "in-force",
    "enforcement-paused",
    "rescission-announced",
    "rescinded",
    "superseded",
    "expired",
    "struck-down",
    "pending",
)
CONFIDENCE = ("high", "medium", "low")
URL_STATUSES = ("not-public", "not-recorded", "not-found")
"""Why a source has no address (the page says which, never a blanket "not found")."""
STANCE_BASES = ("stated", "inferred")
"""Whether the actor stated the stance, or the editors inferred it (the cautious default)."""
QUOTE_KINDS = ("verbatim", "translation", "paraphrase")
"""What a position's ``quote`` is; not claimed verbatim unless the editors say so."""
ACCOUNTS = ("checked", "unchecked", "disputed")
"""Whether the host's account was checked against the source (default: unchecked)."""
COMPARED = ("checked", "disputed")
"""Accounts that say they were compared with a document: they name it (``checked_against``)."""
ATTRIBUTIONS = ("attributed", "relayed")
"""Whether the host says whose argument it is (the default), or relays it without saying."""
RESERVED_IDS = frozenset({"index"})
"""Ids whose page would replace a generated one: ``actors/index.md`` is the actors' overview."""


# --- the front matter --------------------------------------------------------------------

_CORRECTION_FIELDS = {
    "date": Field(Date(), "when the page was corrected", required=True),
    "change": Field(Text(multiline=True), "what changed", required=True),
    "reason": Field(Text(multiline=True), "why", required=True),
    "previous_date": Field(
        Date(),
        "when the correction changed the episode's `date`: the date it had before (the "
        "page keeps the address of the year it was published in)",
    ),
}
CORRECTION = FieldSet(_CORRECTION_FIELDS, noun="key", owner="", label=".{key}")
EPISODE_CORRECTION = FieldSet(
    {
        **_CORRECTION_FIELDS,
        "split": Field(
            LineSplits(),
            "the lines of the published episode this correction split at sentence ends "
            "(`episodes split` writes it)",
        ),
    },
    noun="key",
    owner="",
    label=".{key}",
)

IMPORT_KINDS = ("auto-captions", "subtitles", "transcript")
"""What an episode's words were imported from (``imported.kind``)."""


class ImportedCheck(Nested):
    """The ``imported:`` mapping, read into :class:`~.model.Imported`."""

    def __call__(self, value: Any, found: Found) -> Any:
        v = super().__call__(value, found)
        return Imported(v["from"] or "", v["sha256"], v["kind"] or "", bool(v["reviewed"]))


IMPORTED = FieldSet(
    {
        "from": Field(Text(), "the name of the file the words were imported from", required=True),
        "sha256": Field(Sha256(), "the SHA-256 of that file as imported"),
        "kind": Field(
            Choice(IMPORT_KINDS),
            "what the file was: `auto-captions` (a video site's automatic captions), "
            "`subtitles` (captions made by people) or `transcript`",
            required=True,
        ),
        "reviewed": Field(
            Bool(),
            "an editor has checked the automatic captions against the audio (default: "
            "false, and the words are said to be unreviewed)",
            default=False,
        ),
    },
    noun="key",
    owner="",
    label=".{key}",
)


class AudioCheck(Nested):
    """The ``audio:`` mapping (or just its address), read into :class:`~.model.Media`. A
    file elsewhere needs its type and length written (the site cannot measure it); a file
    in the site has them worked out when the site is built."""

    def __call__(self, value: Any, found: Found) -> Any:
        v = super().__call__(value, found)
        if v["url"] is None:
            return None
        in_site = is_site_path(v["url"])
        # a key already reported (a wrong value, or misspelt: its did-you-mean says it)
        reported = {p.at[:1] for p in found.problems} | {
            (nearest(k, AUDIO.fields),)
            for k in (value if isinstance(value, dict) else {})
            if k not in AUDIO.fields
        }
        missing = [k for k in ("type", "length") if v[k] is None and (k,) not in reported]
        if not in_site and missing:
            examples = {"type": "type: audio/mpeg", "length": "length: <size in bytes>"}
            found.problems.append(
                Invalid(
                    f"has no {' and '.join(repr(k) for k in missing)} for a file outside the site",
                    "add "
                    + ", ".join(f"'{examples[k]}'" for k in missing)
                    + " below 'url' (audio: {url: …, type: …, length: …}), or put the file "
                    "under docs_dir",
                )
            )
        return Media(v["url"], v["type"], v["length"], in_site)


AUDIO = FieldSet(
    {
        "url": Field(MediaAddress(), "where the file is", required=True),
        "type": Field(
            Choice(MEDIA_TYPES),
            "its media type (worked out from the name of a file in the site)",
        ),
        "length": Field(ByteCount(), "its size in bytes (worked out for a file in the site)"),
    },
    noun="key",
    owner="",
    label=".{key}",
)

FRONT_MATTER = FieldSet(
    {
        "title": Field(Text(), "the episode title", required=True, example="<the episode title>"),
        "date": Field(
            Date(),
            "the day the episode was published (its first airing); with "
            "`date_approximate: true` when only roughly known",
            required=True,
            example="<YYYY-MM-DD, the day it was published>",
        ),
        "date_approximate": Field(
            Bool(), "the exact day is unknown: the page says the date is approximate", default=False
        ),
        "show": Field(Id("show"), "the show it belongs to", required=True),
        "host": Field(Id("actor"), "who hosts it; may be left out when the show has one host"),
        "hosts": Field(
            Ids("actor"),
            "its hosts when there are several, the first the main host (default: the show's)",
            default=(),
        ),
        "guests": Field(Ids("actor"), "its guests", default=()),
        "video": Field(
            Url(),
            "the episode's video: a YouTube page (played on the page when the reader asks; "
            "timestamps link into it) or a video file (`.mp4`, `.webm`…: played on the "
            "page); any other page is a plain link",
        ),
        "audio": Field(
            AudioCheck(AUDIO, shorthand="url"),
            "the episode's audio file, played on the page and the feed's enclosure: "
            "`{url, type, length}` (`length` in bytes), or just the path of a file under "
            "docs_dir, whose type and length are then worked out",
        ),
        "duration": Field(Duration(), "its length"),
        "language": Field(
            LanguageTag(), "the language of its words (default: the show's, else the site's)"
        ),
        "summary": Field(Text(multiline=True), "one paragraph, for lists, feeds and search"),
        "policies": Field(
            Ids("policy"),
            "policies it discusses (also collected from positions and inline links)",
            default=(),
        ),
        "tags": Field(Words(), "free keywords", default=()),
        "draft": Field(
            Bool(),
            "left out of the published site; checked and reported in every build",
            default=False,
        ),
        "corrections": Field(
            ListOf(EPISODE_CORRECTION),
            "the page's corrections, each `{date, change, reason}` (and `split`): shown at "
            "its foot, on the site's corrections page, and in the feed",
            default=[],
        ),
        "annotated": Field(
            Bool(),
            "whether positions and commentary have been marked; `episodes import` writes "
            "`false` (a transcript published as imported), an editor changes it (default: "
            "true)",
            default=True,
        ),
        "imported": Field(
            ImportedCheck(IMPORTED),
            "where the words were imported from, written by `episodes import` and "
            "`episodes new`: `{from, sha256, kind, reviewed}`",
        ),
    },
    noun="front-matter key",
    owner="the front matter",
)


class PodcastCheck(Nested):
    """A show's ``podcast:`` mapping, read into :class:`~.model.Podcast`."""

    def __call__(self, value: Any, found: Found) -> Any:
        v = super().__call__(value, found)
        if v["artwork"] is None or v["category"] is None or v["explicit"] is None:
            return None  # reported
        owner = v["owner"] or {}
        return Podcast(
            v["artwork"],
            v["category"],
            v["explicit"],
            owner.get("email"),
            owner.get("name"),
            v["author"],
            v["guid"],
            v["description"],
        )


OWNER = FieldSet(
    {
        "name": Field(Text(), "the owner's name"),
        "email": Field(Email(), "where podcast directories write to the owner", required=True),
    },
    noun="key",
    owner="",
    label=".{key}",
)

PODCAST = FieldSet(
    {
        "artwork": Field(
            MediaAddress(images=True),
            "the show's square artwork (Apple: JPEG or PNG, 1400 to 3000 pixels a side): "
            "an https:// address or the path of a file under docs_dir",
            required=True,
        ),
        "category": Field(
            Choice(APPLE_CATEGORIES),
            "its Apple Podcasts category, `Top` or `Top/Sub` (`News/Politics`)",
            required=True,
        ),
        "explicit": Field(Bool(), "whether it has explicit content", required=True),
        "owner": Field(Nested(OWNER), "who runs the feed: `{name, email}`"),
        "author": Field(Text(), "who makes the show, as apps show it (default: its hosts)"),
        "guid": Field(
            Uuid(),
            "the feed's `podcast:guid`, which must never change: copy the one the first build "
            "reports (default: made from the feed's address, so it changes if the site moves)",
        ),
        "description": Field(
            Text(multiline=True), "what the show is, for podcast apps (default: the site's)"
        ),
    },
    noun="key",
    owner="",
    label=".{key}",
)


# --- data records -------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordType:
    """One data file: ``data/<file>.yml`` maps ids to records of these fields, each read
    into an instance of ``model``: a field's value goes to the attribute of its name (or
    ``Field.attr``), one the model has no attribute for to its ``extra`` (read as an
    attribute all the same); ``derive(id, values, line_at)`` turns the few values that are
    not what the model holds (a list of one id, a nested mapping) into what it holds."""

    file: str
    doc: str
    fields: Mapping[str, Field]
    model: type[Record]
    needs: tuple[Needs, ...] = ()
    reserved: frozenset[str] = frozenset()
    derive: Callable[[str, dict[str, Any], Callable[[tuple[Any, ...]], int]], dict[str, Any]] = (
        lambda rid, values, line_at: {}
    )

    def field_set(self, rid: str) -> FieldSet:
        """The fields, labelled for the record ``rid``."""
        return FieldSet(
            self.fields,
            noun="field",
            owner=rid,
            label=f"{rid}.{{key}}",
            needs=self.needs,
        )


STATUS = FieldSet(
    {
        "value": Field(Choice(POLICY_STATUSES), "what state the policy is in", required=True),
        "date": Field(Date(), "since when"),
        "source": Field(Id("source"), "where that is documented"),
        "confidence": Field(
            Choice(CONFIDENCE), "how sure the sources make it (default: medium)", default="medium"
        ),
        "note": Field(RichText(multiline=True), "what the status leaves out"),
        "as_of": Field(
            Date(),
            "the latest day the editors' check or the sources establish the status for (the "
            'page says "as of" it); never today by default: raise it only after a real check',
        ),
    },
    noun="key",
    owner="",
    label=".{key}",
    needs=(Needs(("source",), when=("date",), why=" for its date"),),
)
RECORD_CORRECTIONS = Field(
    ListOf(CORRECTION),
    "corrections of the record, each `{date, change, reason}`: shown on the record's page "
    "(a source's: on the pages that cite it), on the site's corrections page and in the feed",
    default=[],
)
EVENT = FieldSet(
    {
        "date": Field(Date(), "when it happened", required=True),
        "event": Field(RichText(multiline=True), "what happened", required=True),
        "source": Field(
            Ids("source"), "where it is documented", example="<id from data/sources.yml>"
        ),
        "sources": Field(Ids("source"), "the same, several"),
    },
    noun="key",
    owner="",
    label=".{key}",
    needs=(Needs(("source", "sources")),),
)


def _named(rid: str, values: dict[str, Any]) -> dict[str, Any]:
    """A record without a name is named by its id (its problem is reported)."""
    return {} if values.get("name") else {"name": Name.plain(rid)}


def corrections(values: list[dict[str, Any]] | None) -> tuple[Correction, ...]:
    """Corrections as the model holds them, newest first (incomplete ones are reported)."""
    fixes = (
        Correction(**{**c, "split": c.get("split") or ()})
        for c in values or ()
        if None not in (c["date"], c["change"], c["reason"])
    )
    return tuple(sorted(fixes, key=lambda c: c.date, reverse=True))


def _corrected(values: dict[str, Any]) -> dict[str, Any]:
    """A record's ``corrections`` as the model holds them."""
    return {"corrections": corrections(values.get("corrections"))}


def _first(values: dict[str, Any], key: str) -> dict[str, Any]:
    """A field written as a list of ids that the model holds as one (the first)."""
    ids = values.get(key)
    return {key: ids[0]} if ids else {}


def _policy(
    rid: str, values: dict[str, Any], line_at: Callable[[tuple[Any, ...]], int]
) -> dict[str, Any]:
    """A policy's status and timeline as the model holds them (records, by date)."""
    out = _named(rid, values) | _first(values, "agency") | _corrected(values)
    status = values.get("status")
    out["status"] = (
        Status(
            status["value"],
            status["date"],
            status["source"],
            status["note"],
            status["confidence"] or "medium",
            status["as_of"],
        )
        if status and status["value"]
        else None
    )
    events = []
    for i, e in enumerate(values.get("timeline") or []):
        if e["date"] is not None and e["event"] is not None:
            srcs = tuple(e["sources"] or ()) + tuple(e["source"] or ())
            events.append(Event(e["date"], e["event"], srcs, line_at(("timeline", i))))
    out["timeline"] = tuple(sorted(events, key=lambda e: e.date))
    return out


RECORDS: dict[str, RecordType] = {
    r.file: r
    for r in (
        RecordType(
            "shows",
            "A channel or podcast.",
            {
                "name": Field(NameCheck(), "its name", required=True),
                "hosts": Field(
                    Ids("actor"),
                    "its regular host(s); an episode names its host when there are several",
                    required=True,
                ),
                "url": Field(Url(), "its home page"),
                "language": Field(LanguageTag(), "the language it is in"),
                "podcast": Field(
                    PodcastCheck(PODCAST),
                    "its podcast feed, made when it has episodes with `audio`: "
                    "`{artwork, category, explicit, owner, author, guid, description}`",
                ),
            },
            Show,
            derive=lambda rid, values, line_at: _named(rid, values),
        ),
        RecordType(
            "actors",
            "A company, person, government body or other party.",
            {
                "name": Field(NameCheck(), "its name (Chinese, English or both)", required=True),
                "kind": Field(Choice(ACTOR_KINDS), "what it is", required=True),
                "description": Field(RichText(multiline=True), "one or two sentences"),
                "url": Field(Url(), "its official site"),
                "affiliation": Field(Ids("actor"), "a person's organisation"),
                "sources": Field(Ids("source"), "where the description's facts come from"),
                "corrections": RECORD_CORRECTIONS,
            },
            Actor,
            needs=(Needs(("sources",), when=("description", "affiliation"), why=" for its facts"),),
            reserved=RESERVED_IDS,
            derive=lambda rid, values, line_at: (
                _named(rid, values) | _first(values, "affiliation") | _corrected(values)
            ),
        ),
        RecordType(
            "sources",
            "A document someone said something in, or that reports a fact.",
            {
                "title": Field(
                    Text(), "its title; in 【】 when it is our description", required=True
                ),
                "publisher": Field(
                    Text(), "an actor id (linked) or the publisher's name", required=True
                ),
                "url": Field(Url(), "where it can be read"),
                "url_status": Field(
                    Choice(URL_STATUSES),
                    "instead of `url`, why there is none: `not-public` (it was never published), "
                    "`not-recorded` (it is public, but the editors did not record where), "
                    "`not-found` (the editors searched and found no public copy); every page "
                    "that cites it says which",
                ),
                "date": Field(Date(), "when it was published"),
                "language": Field(LanguageTag(), "the language of quotes taken from it"),
                "note": Field(
                    RichText(multiline=True), "what a reader should know: where to find it"
                ),
                "corrections": RECORD_CORRECTIONS,
            },
            Source,
            needs=(
                Needs(
                    ("url", "url_status"),
                    why=": where it can be read, or why there is no address",
                    only_one=True,
                ),
            ),
            derive=lambda rid, values, line_at: (
                ({} if values.get("title") else {"title": rid}) | _corrected(values)
            ),
        ),
        RecordType(
            "policies",
            "A rule, law or measure under debate.",
            {
                "name": Field(
                    NameCheck(), "its full name (Chinese, English or both)", required=True
                ),
                "short": Field(
                    NameCheck(), "a short name for lists (Chinese, English or both, or text)"
                ),
                "kind": Field(Text(), "rule, law, export control…"),
                "agency": Field(Ids("actor"), "who made it"),
                "jurisdiction": Field(Text(), "where it applies"),
                "status": Field(Nested(STATUS, shorthand="value"), "where it stands"),
                "summary": Field(RichText(multiline=True), "what it does, in a paragraph"),
                "provisions": Field(Texts(), "its main provisions", default=()),
                "timeline": Field(ListOf(EVENT), "dated events, each with its source", default=[]),
                "sources": Field(Ids("source"), "documents about it", required=True),
                "related": Field(Ids("policy"), "related policies", default=()),
                "corrections": RECORD_CORRECTIONS,
            },
            Policy,
            reserved=RESERVED_IDS,
            derive=_policy,
        ),
    )
}
