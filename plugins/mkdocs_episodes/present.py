"""Presenters: what a block or a list row shows, prepared once in Python.

A block template (``partials/episodes/blocks/<kind>.html``) gets ``v``, its presenter, and
reads fields (``v.actor_link``, ``v.on``, ``v.source``) instead of calling back into the
plugin a few dozen times per block; the list macros of ``pages.html`` do the same with the
rows of :func:`ref_rows` and :func:`episode_rows`. The HTML structure stays in the theme's
templates; names, links, labels and dates are worked out here (the one-line rows of the
year archives, hundreds a page, are made whole: :func:`compact_rows`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import fragments as fr
from .episode_page import EpisodePage
from .fragments import esc
from .index import EpisodeEntry, PositionRef
from .model import Block, Commentary, Line, Note, Position
from .standing import Notice, notices
from .view import View


@dataclass(frozen=True)
class BlockView:
    """Any block: its label and its paragraphs."""

    label: str
    body: Markup


@dataclass(frozen=True)
class ClaimView:
    """A position or a clip: who, what stance on which policies, in whose words, from which
    source, and what the editors say about it."""

    label: str
    """The kind's label (立场, 原声)."""
    actor_name: str
    actor_link: Markup
    on: Markup
    """The stance with its basis and the quoted policies ("" when neither is given)."""
    attrs: Markup
    """The ``data-*`` hooks, with a leading space."""
    aria: str
    sub: str
    """The heading over the words: the host's account, or the party's own words."""
    account: str
    """How the host's account compares with the source, in words."""
    body: Markup
    quote_label: str
    quote_lang: str | None
    quote_cite: str | None
    caveats: Markup
    source: Markup
    responds: str | None
    """The words of the link to the position this one responds to."""
    responded: tuple[tuple[str, str], ...]
    """``(anchor, words)`` of the positions in the episode that respond to this one."""


@dataclass(frozen=True)
class CommentaryView:
    """An opinion or an analysis: whose commentary it is."""

    label: str
    aria: str
    who: str
    hidden: str | None
    """What the page says of the line numbers hidden when commentary is hidden."""
    body: Markup


@dataclass(frozen=True)
class NoteView:
    """An editor's note: by the editors, when, on what source."""

    label: str
    aria: str
    by: Markup
    body: Markup
    source: Markup


def plain(block: Block, view: View, page: EpisodePage, label: str) -> BlockView:
    """Any block: its label and its paragraphs (a kind declared without a presenter)."""
    return BlockView(label, page.body(view, block))


def claim(pos: Block, view: View, page: EpisodePage, label: str) -> ClaimView:
    """What a position or a clip shows on its episode's page."""
    assert isinstance(pos, Position)
    t = view.t
    actor_name = view.actor_name(pos.actor)
    src = view.source(pos.quote_from or pos.source) if pos.quote else None
    responds = None
    if pos.responds_to:
        responds = t("position.responds", actor=view.actor_name(page.responders_target(pos)))
    responded = tuple(
        (r.anchor, t("position.responded", actor=view.actor_name(r.actor)))
        for r in page.responders.get(pos.anchor, [])
    )
    return ClaimView(
        label=label,
        actor_name=actor_name,
        actor_link=view.link("actor", pos.actor, actor_name),
        on=on(pos, view, page.entry),
        attrs=fr.position_attrs(view, pos),
        aria=t(_aria_key(pos), actor=actor_name),
        sub=account_heading(view, pos, page.entry),
        account=view.account_words(pos),
        body=page.body(view, pos),
        quote_label=view.quote_label(pos) if pos.quote else "",
        quote_lang=src.language if src else None,
        quote_cite=src.url if src else None,
        caveats=fr.caveats(view, pos, page.entry.episode),
        source=fr.position_source(view, pos, view.position_date(pos)),
        responds=responds,
        responded=responded,
    )


def _aria_key(pos: Position) -> str:
    if pos.kind == "clip":
        return "clip.aria"
    return "position.aria_relayed" if pos.attribution == "relayed" else "position.aria"


def account_heading(view: View, pos: Position, entry: EpisodeEntry) -> str:
    """The heading over a position's lines: the party's words (a clip), else whose account
    they are — the host's, or the guest's (or anyone's) who says them, by name — and
    whether it relays the party's argument without saying whose it is."""
    t = view.t
    if pos.kind == "clip":
        return t("clip.words")
    who = fr.told_by(view, pos, entry)
    if pos.attribution != "relayed":
        return view.account_of(who)
    return t("position.relayed_account_by", who=who) if who else t("position.relayed_account")


def on(pos: Position, view: View, entry: EpisodeEntry) -> Markup:
    """Whether it is relayed unattributed (and by whom), the position's stance with its
    basis, then each policy it is about, linked."""
    out = [fr.relayed(view, pos, entry), fr.stance_basis(view, pos)]
    for pid in pos.policies:
        name = view.t("quoted_policy", name=view.policy_name(pid))
        out.append(Markup(" ") + view.link("policy", pid, name))
    return Markup("").join(out)


def commentary_who(block: Commentary, view: View, page: EpisodePage) -> tuple[str, str]:
    """Whose commentary a block is, in their role in the episode as the record has it (a
    host, a guest): ``(words, words for assistive technology)``."""
    t = view.t
    who = block.speaker or page.host
    if not who:
        return t("commentary.host"), t("commentary.host")
    return fr.voice_words(view, who, page.role(who))


def commentary(block: Block, view: View, page: EpisodePage, label: str) -> CommentaryView:
    """An opinion or an analysis, labelled with whose it is."""
    assert isinstance(block, Commentary)
    t = view.t
    words, aria_who = commentary_who(block, view, page)
    hidden = t("commentary.hidden", lines=line_span(block.lines)) if block.lines else None
    return CommentaryView(
        label=label,
        aria=t(f"commentary.aria.{block.kind}", who=aria_who),
        who=t(f"commentary.head.{block.kind}", who=words),
        hidden=hidden,
        body=page.body(view, block),
    )


def note(block: Block, view: View, page: EpisodePage, label: str) -> NoteView:
    """An editor's note: its words are the editors', not transcript lines."""
    assert isinstance(block, Note)
    t = view.t
    by = escape(t("note.by"))
    if block.date:
        by += Markup(escape(t("comma"))) + fr.time(block.date)
    body = "".join(f'<p class="ep-p">{_note_lines(view, p)}</p>' for p in block.paragraphs)
    source = fr.source_line(view, block.source, None) if block.source else Markup("")
    return NoteView(label, t("note.aria"), by, Markup(body), source)


def _note_lines(view: View, lines: Iterable[Line]) -> Markup:
    """Lines shown as words rather than as numbered transcript lines (an editor's note, a
    position quoted in a list), each in a ``<span class="ep-note-line">``."""
    spans = (f'<span class="ep-note-line">{fr.words(view, line)}</span>' for line in lines)
    return Markup("".join(spans))


# -- rows of the generated pages' lists --


@dataclass(frozen=True)
class RefRow:
    """A position shown in a list (policy debate, actor page), linked to its episode."""

    ref: PositionRef
    attrs: Markup
    actor_link: Markup
    stance: Markup
    """The stance with its basis ("" when the position takes none)."""
    date: Markup
    sub: str
    account: str | None
    """How the host's account compares with the source (None for a clip: their words)."""
    words: Markup
    quote_label: str
    quote_lang: str | None
    caveats: Markup
    source: Markup
    responds: tuple[str, str] | None
    """``(href, words)`` of the position it responds to."""
    goto: tuple[str, str]
    """``(href, words)`` of the position in its episode."""


def ref_rows(view: View, refs: list[PositionRef]) -> list[RefRow]:
    """The rows of a list of positions."""
    return [_ref_row(view, ref) for ref in refs]


def _ref_row(view: View, ref: PositionRef) -> RefRow:
    t, p, entry = view.t, ref.position, ref.entry
    src = view.source(p.quote_from or p.source) if p.quote else None
    responds = None
    if p.responds_to:
        other = responded_actor(entry, p)
        responds = (
            view.to(f"{entry.url}#{p.responds_to}"),
            t("position.responds_plain", actor=view.actor_name(other)),
        )
    clip = p.kind == "clip"
    first_line = p.lines[0].shown if p.lines else ""
    return RefRow(
        ref=ref,
        attrs=fr.position_attrs(view, p),
        actor_link=view.link("actor", p.actor, view.actor_name(p.actor)),
        stance=fr.relayed(view, p, entry) + fr.stance_basis(view, p),
        date=fr.time(ref.date),
        sub=account_heading(view, p, entry),
        account=None if clip else view.account_words(p),
        words=_note_lines(view, p.lines),
        quote_label=view.quote_label(p) if p.quote else "",
        quote_lang=src.language if src else None,
        caveats=fr.caveats(view, p, entry.episode, view.to(entry.url)),
        source=fr.position_source(view, p, None),
        responds=responds,
        goto=(view.to(ref.url), t("position.goto", title=entry.title, line=first_line)),
    )


def compact_rows(view: View, refs: list[PositionRef]) -> Markup:
    """The rows of a year's archive of positions, each an ``<li>`` on a line of its own:
    date, actor, stance, the start of the host's account linked to the position, and the
    editors' caveats. Made here rather than in a template loop: an archive page has
    hundreds of rows, and a save in the preview redraws the archives that list the episode.
    """
    out = []
    for r in refs:
        p = r.position
        date = fr.time(r.date)
        out.append(
            f"\n<li{fr.position_attrs(view, p)}>{date + ' ' if date else ''}"
            f"{esc(view.actor_name(p.actor))} {fr.stance_basis(view, p)} "
            f'<a href="{esc(view.to(r.url))}">{esc(fr.excerpt(p))}</a> '
            f"{fr.how_sure(view, p, r.entry)}"
            f"{fr.caveats(view, p, r.entry.episode, view.to(r.entry.url))}</li>"
        )
    return Markup("".join(out))


@dataclass(frozen=True)
class EpisodeRow:
    """An episode in a list: title, date, show, the listed actor's role, its policies."""

    entry: EpisodeEntry
    href: str
    date: Markup
    approximate: bool
    show: str | None
    role: tuple[str, str] | None
    """``(role id, words)`` of the actor whose page lists the episode."""
    policies: Markup
    lang: str | None = None
    """The ``lang`` of its title and summary where they are not in the site's language."""
    tags: tuple[Notice, ...] = ()
    """Its notices (not annotated, unreviewed automatic captions), shown as labels."""


def episode_rows(
    view: View, entries: list[EpisodeEntry], actor: str | None = None
) -> list[EpisodeRow]:
    """The rows of a list of episodes (``actor``: the actor whose page it is)."""
    t, shows, sep = view.t, view.catalog.shows, view.t("list_sep")
    rows = []
    for e in entries:
        meta = e.episode.meta
        show = shows.get(meta.show)
        role = e.roles.get(actor) if actor else None
        links = [view.link("policy", pid, view.policy_name(pid)) for pid in e.episode.policies]
        rows.append(
            EpisodeRow(
                entry=e,
                href=view.to(e.url),
                date=fr.time(e.date),
                approximate=meta.date_approximate,
                show=view.name(show.name) if show else None,
                role=(role, t(f"role.{role}")) if role else None,
                policies=Markup(escape(sep)).join(links),
                lang=view.lang_of(e),
                tags=notices(t, e.episode.standing),
            )
        )
    return rows


def standing_tags(view: View, entry: EpisodeEntry) -> Markup:
    """The labels of an episode's notices in a list row (words, not only a colour: ``未标注``,
    ``自动字幕，未校对``), each a ``<span class="ep-standing-tag" data-standing>``."""
    return Markup("").join(
        Markup(' <span class="ep-tag ep-standing-tag" data-standing="{}">{}</span>').format(
            n.kind, n.tag
        )
        for n in notices(view.t, entry.episode.standing)
    )


# -- the episode's "who said what" summary --


@dataclass(frozen=True)
class WhoSaidLink:
    """A link to one position of a claim: its line numbers, and the notes qualifying it."""

    anchor: str
    lines: str
    qualified_by: tuple[str, ...]


@dataclass(frozen=True)
class WhoSaidClaim:
    """One thing an actor said (a stance on policies, a response): when, and where."""

    basis: str
    what: Markup
    date: Markup
    positions: tuple[WhoSaidLink, ...]


@dataclass(frozen=True)
class WhoSaidRow:
    """An actor and what they said in the episode, in order of first appearance."""

    actor_link: Markup
    claims: tuple[WhoSaidClaim, ...]


def responded_actor(entry: EpisodeEntry, pos: Position) -> str | None:
    """The actor whose position (in the same episode) ``pos`` responds to."""
    for other in entry.episode.positions:
        if other.anchor == pos.responds_to:
            return other.actor
    return None


def who_said(view: View, page: EpisodePage, positions: list[Position]) -> list[WhoSaidRow]:
    """The rows of "who said what": positions by actor, then by stance, policies, date and
    what they respond to."""
    t, sep = view.t, view.t("word_sep")
    rows = []
    for actor, claims in page.group_by_actor(view, positions):
        out = []
        for p, same in claims:
            if p.stance:
                what = fr.stance_basis(view, p) + Markup("").join(
                    escape(sep + t("quoted_policy", name=view.policy_name(pid)))
                    for pid in p.policies
                )
            elif p.responds_to:
                what = escape(
                    t("who_said.responds", actor=view.actor_name(page.responders_target(p)))
                )
            else:
                what = escape(t("who_said.position"))
            links = tuple(
                WhoSaidLink(
                    q.anchor, line_span(q.lines) if q.lines else q.anchor, tuple(q.qualified_by)
                )
                for q in same
            )
            out.append(WhoSaidClaim(p.stance_basis, what, fr.time(view.position_date(p)), links))
        rows.append(WhoSaidRow(view.link("actor", actor, view.actor_name(actor)), tuple(out)))
    return rows


def line_span(lines: Sequence[Line]) -> str:
    """``12`` or ``12–14``: the numbers readers see of some transcript lines (at least one)."""
    first, last = lines[0].shown, lines[-1].shown
    return f"{first}–{last}" if len(lines) > 1 else str(first)
