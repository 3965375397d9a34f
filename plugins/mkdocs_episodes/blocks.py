"""The ``///`` block kinds, each one declaration (:class:`BlockKind`): its name, argument
and options (validated as :mod:`.schema` declares fields), how its lines count, what its
template is given and its structured data. The parser reads blocks through these
declarations; :func:`present_block` and :func:`nodes` dispatch on them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import jsonld, present
from .checks import Choice, Date, Id, Ids, Text
from .episode_page import EpisodePage
from .fields import Field, FieldSet, Needs
from .model import Block, Clip, Commentary, Note, Position
from .schema import ACCOUNTS, ATTRIBUTIONS, COMPARED, QUOTE_KINDS, STANCE_BASES, STANCES
from .view import View

Presenter = Callable[[Any, View, EpisodePage, str], Any]
"""``present(block, view, page, label)``: what a block's template gets as ``v``."""


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
    """One kind of ``///`` block: its name, argument, options, how its lines count, and
    its behaviour: what its template is given (``present``), its structured data
    (``jsonld``). Blocks whose model is a :class:`~.model.Position` are listed on the
    actor and policy pages.

    Adding a kind is one declaration (:func:`register`) plus its template,
    ``partials/episodes/blocks/<name>.html`` in the theme's ``custom_dir``; its label on
    the page is ``label.<name>`` of the interface text tables (else its name).
    """

    name: str
    doc: str
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
    present: Presenter = present.plain
    """What the block's template gets as ``v``, from the block, the page's view, the
    episode's page and the kind's label."""
    jsonld: jsonld.Nodes | None = None
    """The block's structured data (``hasPart`` of the episode), if any."""

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
            "attribution": Field(
                Choice(ATTRIBUTIONS),
                "`relayed` when the host presents the actor's argument without saying whose "
                "it is (shown as the actor's argument relayed without attribution, never as "
                "the host's view); `attributed` (the default) when the host says it is theirs",
                default="attributed",
            ),
            "statement": Field(
                Id(),
                "a site-wide id of the statement or document the passage reports (e.g. "
                "`<actor>-<YYYY-MM-DD>-<what>`): passages of one statement, in any episode, "
                "are counted once on the debate map, the stance grid and the actor and policy "
                "pages; give `stance` only on the passage whose words state it",
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
            "quote_from": Field(
                Id("source"),
                "the secondary source the quote is copied from when the editors did not "
                "consult `source` itself (the page says: as quoted by it)",
            ),
            "account": Field(
                Choice(ACCOUNTS),
                "the host's account against the source: `checked`, `unchecked` (the "
                "default) or `disputed`",
                default="unchecked",
            ),
            "checked_against": Field(
                Id("source"),
                "the document the account was compared with, required for `checked` and "
                "`disputed`: `source` itself, or a secondary that reports it (the page says "
                "against what)",
            ),
            "date": Field(Date(), "when the actor said it (default: the source's date)"),
        },
        needs=(
            Needs(
                ("source", "unsourced"),
                why=": a position says where the actor said it, or why no source is known",
                only_one=True,
            ),
            Needs(
                ("checked_against",),
                when=("account",),
                when_is=COMPARED,
                why=": a checked or disputed account says what it was compared with",
            ),
            Needs(
                ("quote",), when=("quote_from",), why=": `quote_from` is where the quote is from"
            ),
        ),
        anchor_prefix="position",
        model=Position,
        present=present.claim,
        jsonld=jsonld.position,
    )
)
register(
    BlockKind(
        "clip",
        "A party's own recorded voice played in the episode (a clip); `| <actor id>` names "
        "them. Its lines are their words, so it counts as their position in their own words.",
        Argument("whose voice it is", required=True, attr="actor", speaks=True),
        {
            k: BLOCKS["position"].options[k]
            for k in (
                "source",
                "unsourced",
                "policy",
                "statement",
                "stance",
                "stance_basis",
                "date",
            )
        },
        needs=BLOCKS["position"].needs[:1],
        anchor_prefix="clip",
        model=Clip,
        present=present.claim,
        jsonld=jsonld.position,
    )
)
register(
    BlockKind(
        "opinion",
        "The host's judgements, wishes and criticism: commentary, never reporting.",
        Argument("another speaker than the episode's host", attr="speaker", speaks=True),
        anchor_prefix="opinion",
        model=Commentary,
        present=present.commentary,
        jsonld=jsonld.commentary,
    )
)
register(
    BlockKind(
        "analysis",
        "The host's interpretation (motives, causes, predictions): commentary.",
        Argument("another speaker than the episode's host", attr="speaker", speaks=True),
        anchor_prefix="analysis",
        model=Commentary,
        present=present.commentary,
        jsonld=jsonld.commentary,
    )
)
register(
    BlockKind(
        "context",
        "An editor's note (编者注), not said in the episode: background, a correction, "
        "what happened next. Its lines are not transcript lines.",
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
        present=present.note,
    )
)


def present_block(block: Block, view: View, page: EpisodePage) -> Any:
    """What the template of ``block`` gets as ``v``, by its kind's declaration."""
    kind = BLOCKS.get(block.kind)
    presenter = kind.present if kind is not None else present.plain
    return presenter(block, view, page, view.kind_label(block.kind))


def nodes(block: Block, scope: jsonld.Scope) -> list[dict[str, Any]]:
    """The structured data of ``block``, by its kind's declaration."""
    kind = BLOCKS.get(block.kind)
    return kind.jsonld(block, scope) if kind is not None and kind.jsonld else []
