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

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .checks import (
    Bool,
    Choice,
    Date,
    Duration,
    Found,
    Id,
    Ids,
    LanguageTag,
    NameCheck,
    RichText,
    Sha256,
    Text,
    Texts,
    Url,
    Words,
)
from .fields import Field, FieldSet, ListOf, Needs, Nested
from .model import Block, Clip, Commentary, Imported, Note, Position

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
RESERVED_IDS = frozenset({"index"})
"""Ids whose page would replace a generated one: ``actors/index.md`` is the actors' overview."""


# --- the front matter --------------------------------------------------------------------

CORRECTION = FieldSet(
    {
        "date": Field(Date(), "when the page was corrected", required=True),
        "change": Field(Text(multiline=True), "what changed", required=True),
        "reason": Field(Text(multiline=True), "why", required=True),
        "previous_date": Field(
            Date(),
            "when the correction changed the episode's `date`: the date it had before (the "
            "page keeps the address of the year it was published in)",
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
        "video": Field(Url(), "the episode's video page; timestamps link into it"),
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
            ListOf(CORRECTION),
            "the page's corrections, each `{date, change, reason}`: shown at its foot, on the "
            "site's corrections page, and in the feed",
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


# --- block kinds -------------------------------------------------------------------------


@dataclass(frozen=True)
class Argument:
    """What may follow ``|`` in a block's header."""

    doc: str
    scheme: str | None = "actor"
    required: bool = False
    example: str = "<actor id>"
    attr: str = "argument"
    """The model attribute it goes to (a position's ``actor``)."""
    speaks: bool = False
    """The actor named is who speaks the block's lines (a clip, another speaker's
    commentary); a position's actor does not: the host reports it."""


@dataclass(frozen=True)
class BlockKind:
    """One kind of ``///`` block: its name, argument, options and how its lines count.

    Adding a kind is one declaration (:func:`register`) plus its template,
    ``partials/episodes/blocks/<name>.html`` in the theme's ``custom_dir``.
    """

    name: str
    doc: str
    label: str
    """The label shown on the page and in search (``立场``)."""
    argument: Argument | None = None
    options: Mapping[str, Field] = field(default_factory=dict)
    needs: tuple[Needs, ...] = ()
    transcript: bool = True
    """Whether its lines are transcript lines (numbered, ``#L<n>``); a note's are not."""
    anchor_prefix: str = ""
    """Automatic anchors: ``<prefix>-<n>`` (a position's: ``<actor>-<n>``)."""
    model: type[Block] = Block
    """The model class; each option's value goes to the attribute of its name (or
    ``Field.attr``); a plain :class:`Block` keeps them in ``options``."""

    @property
    def option_set(self) -> FieldSet:
        """The options as a :class:`FieldSet` (with the ``id`` every block has)."""
        return FieldSet(
            {"id": ID_OPTION, **self.options},
            noun="option",
            owner=f"'/// {self.name}'",
            label=f"option '{{key}}' of '/// {self.name}'",
            indent="    ",
            needs=self.needs,
        )


ID_OPTION = Field(Id(), "the block's anchor, unique in the episode (default: made for it)")

BLOCKS: dict[str, BlockKind] = {}


def register(kind: BlockKind) -> BlockKind:
    """Declare a block kind (replacing one of the same name); returns it."""
    BLOCKS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """Remove a declared kind (for tests that declare a throwaway kind)."""
    BLOCKS.pop(name, None)


register(
    BlockKind(
        "position",
        "The host's account of what an actor holds; `| <actor id>` names the actor.",
        "立场",
        Argument("the actor who holds the position", required=True, attr="actor"),
        {
            "source": Field(
                Id("source"), "the document where the actor said it (where the claim is checked)"
            ),
            "unsourced": Field(
                Text(),
                "instead of `source`: why there is none (the page says the position is "
                "unsourced, with this reason)",
            ),
            "policy": Field(
                Ids("policy"), "the policy or policies it is about", default=(), attr="policies"
            ),
            "stance": Field(Choice(STANCES), "towards those policies"),
            "stance_basis": Field(
                Choice(STANCE_BASES),
                "`stated` when the actor's own words take that stance on that policy; "
                "`inferred` (the default) when the editors read it from what they said",
                default="inferred",
            ),
            "responds_to": Field(Id(), "the `id` of another position in this episode it answers"),
            "quote": Field(
                Text(multiline=True),
                "the actor's words as the source gives them, in its language",
            ),
            "quote_kind": Field(
                Choice(QUOTE_KINDS),
                "what `quote` is: `verbatim` (the actor's own words, checked in the source), "
                "a `translation`, or a `paraphrase` (the default: never claimed verbatim "
                "unless stated)",
                default="paraphrase",
            ),
            "quote_by": Field(
                Text(), "whose translation or paraphrase the quote is (e.g. CNBC, 本站)"
            ),
            "account": Field(
                Choice(ACCOUNTS),
                "the host's account against the source: `checked`, `unchecked` (the "
                "default) or `disputed`",
                default="unchecked",
            ),
            "date": Field(Date(), "when the actor said it (default: the source's date)"),
        },
        needs=(
            Needs(
                ("source", "unsourced"),
                why=": a position says where the actor said it, or why no source is known",
                only_one=True,
            ),
        ),
        anchor_prefix="position",
        model=Position,
    )
)
register(
    BlockKind(
        "clip",
        "A party's own recorded voice played in the episode (a clip); `| <actor id>` names "
        "them. Its lines are their words, so it counts as their position in their own words.",
        "原声",
        Argument("whose voice it is", required=True, attr="actor", speaks=True),
        {
            k: BLOCKS["position"].options[k]
            for k in ("source", "unsourced", "policy", "stance", "stance_basis", "date")
        },
        needs=BLOCKS["position"].needs,
        anchor_prefix="clip",
        model=Clip,
    )
)
register(
    BlockKind(
        "opinion",
        "The host's judgements, wishes and criticism: commentary, never reporting.",
        "观点",
        Argument("another speaker than the episode's host", attr="speaker", speaks=True),
        anchor_prefix="opinion",
        model=Commentary,
    )
)
register(
    BlockKind(
        "analysis",
        "The host's interpretation (motives, causes, predictions): commentary.",
        "分析",
        Argument("another speaker than the episode's host", attr="speaker", speaks=True),
        anchor_prefix="analysis",
        model=Commentary,
    )
)
register(
    BlockKind(
        "context",
        "An editor's note (编者注), not said in the episode: background, a correction, "
        "what happened next. Its lines are not transcript lines.",
        "编者注",
        None,
        {
            "date": Field(Date(), "when the note was written", required=True),
            "source": Field(Id("source"), "where the facts in the note come from"),
            "qualifies": Field(
                Ids(None),
                "the `id`s of the positions in this episode the note qualifies: wherever "
                "such a position is shown, it says so and gives the note",
                default=(),
            ),
        },
        transcript=False,
        anchor_prefix="note",
        model=Note,
    )
)


# --- data records -------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordType:
    """One data file: ``data/<file>.yml`` maps ids to records of these fields."""

    file: str
    doc: str
    fields: Mapping[str, Field]
    needs: tuple[Needs, ...] = ()
    reserved: frozenset[str] = frozenset()

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
    },
    noun="key",
    owner="",
    label=".{key}",
    needs=(Needs(("source",), when=("date",), why=" for its date"),),
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
            },
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
            },
            needs=(Needs(("sources",), when=("description", "affiliation"), why=" for its facts"),),
            reserved=RESERVED_IDS,
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
            },
            needs=(
                Needs(
                    ("url", "url_status"),
                    why=": where it can be read, or why there is no address",
                    only_one=True,
                ),
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
            },
            reserved=RESERVED_IDS,
        ),
    )
}
