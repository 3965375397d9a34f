"""The small HTML fragments every kind of block and row shares — a line's words, a stance
badge, a source line, an editor's caveat — made in Python once rather than by nested
template macros (archive pages show hundreds). Each takes the page's :class:`~.view.View`
(names, links and labels in the site's language)."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup, escape

from .index import EpisodeEntry
from .model import Block, Episode, Line, Position, Ref, Rich, Source, Text
from .record import SOUND_RE, voices_of
from .view import View


def esc(text: str) -> str:
    """``text`` escaped for HTML exactly as MarkupSafe's ``escape`` does it (the same
    bytes), as a plain string: fragments are joined first and marked safe once
    (four times faster than a Markup per value, on archive pages of thousands of rows)."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


def sounds(text: str) -> Markup:
    """Escaped text with its sound cues wrapped in ``<span class="ep-sound">``."""
    if "[" not in text:
        return escape(text)
    out, pos = [], 0
    for m in SOUND_RE.finditer(text):
        out.append(escape(text[pos : m.start()]))
        out.append(Markup('<span class="ep-sound" data-nonspeech>{}</span>').format(m.group()))
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def words(view: View, line: Line) -> Markup:
    """The line's words as HTML: text escaped, references linked, sound cues
    (``[laughs]``) marked as non-speech; the words themselves never changed."""
    parts = line.parts
    if not parts:  # most lines: just words
        return sounds(line.words)
    out: list[str] = []
    for part in parts:
        if isinstance(part, Text):
            out.append(sounds(part.text))
        elif isinstance(part, Ref):
            target, label = escape(part.target), escape(part.label)
            if part.scheme == "anchor":
                out.append(Markup(f'<a class="ep-ref" href="#{target}">{label}</a>'))
            elif part.scheme == "url":
                out.append(Markup(f'<a class="ep-ref" href="{target}" rel="noopener">{label}</a>'))
            else:
                out.append(view.link(part.scheme, part.target, part.label))
    return Markup("").join(out)


def link_actor(view: View, aid: str) -> Markup:
    """An actor's name in the site's language, linked to their page."""
    return view.link("actor", aid, view.actor_name(aid))


def rich(view: View, text: Rich | None) -> Markup:
    """Data text with its inline references linked (everything else escaped)."""
    if not text:
        return Markup("")
    return words(view, Line(0, 0, text.words, text.parts))


def time(value: dt.date | None) -> Markup:
    """``<time>`` of a date (empty without one)."""
    if not value:
        return Markup("")
    iso = value.isoformat()
    return Markup(f'<time datetime="{iso}">{iso}</time>')


def stance_badge(view: View, stance: str | None) -> Markup:
    """A stance in words, marked with its id (empty without one)."""
    if not stance:
        return Markup("")
    s = esc(stance)
    label = esc(view.stance_labels[stance])
    return Markup(f'<span class="ep-stance ep-stance-{s}" data-stance="{s}">{label}</span>')


def stance_basis(view: View, pos: Position) -> Markup:
    """A stance with how it is known: "反对（编者推断）", "opposes (inferred by the
    editors)" (empty when the position takes no stance)."""
    if not pos.stance:
        return Markup("")
    # keyed by what it shows, not by the position: a handful of values for the whole
    # archive, where one per position kept every position's copy for the whole build
    key = ("stance_basis", pos.stance, pos.stance_basis)
    if key not in view.shared:
        view.shared[key] = _stance_basis(view, pos)
    found: Markup = view.shared[key]
    return found


def _stance_basis(view: View, pos: Position) -> Markup:
    basis = esc(pos.stance_basis)
    words = esc(view.t("bracket", text=view.basis_labels[pos.stance_basis]))
    return stance_badge(view, pos.stance) + Markup(
        f'<span class="ep-basis ep-basis-{basis}">{words}</span>'
    )


def position_attrs(view: View, pos: Position) -> Markup:
    """The data hooks every shown position carries, wherever it is shown (with a
    leading space: they follow another attribute)."""
    hooks = _hooks(pos)
    key = ("attrs", hooks)  # keyed by what they show (see stance_basis)
    if key not in view.shared:
        view.shared[key] = Markup("".join(f' data-{name}="{esc(v)}"' for name, v in hooks))
    found: Markup = view.shared[key]
    return found


def _hooks(pos: Position) -> tuple[tuple[str, str], ...]:
    """``(name, value)`` of a position's data hooks, in order: the first five always, the
    rest where they have a value."""
    given = (
        ("stance", pos.stance),
        ("policy", " ".join(pos.policies)),
        ("qualified-by", " ".join(pos.qualified_by)),
        ("attribution", "relayed" if pos.attribution == "relayed" else None),
        ("statement", pos.statement),
        ("quote-from", pos.quote_from),
        ("checked-against", pos.checked_against),
    )
    return (
        ("kind", "position"),
        ("actor", pos.actor),
        ("stance-basis", pos.stance_basis),
        ("quote-kind", pos.quote_kind),
        ("account", pos.account),
        *((name, v) for name, v in given if v),
    )


def relayed(view: View, pos: Position, entry: EpisodeEntry) -> Markup:
    """That the argument is relayed without saying whose it is, and by whom when not the
    hosts (empty when it is attributed): the argument stays the party's, never the view
    of whoever relays it."""
    if pos.attribution != "relayed":
        return Markup("")
    who = told_by(view, pos, entry)
    text = view.t("position.relayed_by", who=who) if who else view.t("position.relayed")
    return Markup(f'<span class="ep-relayed" data-attribution="relayed">{esc(text)}</span>')


def told_by(view: View, pos: Position, entry: EpisodeEntry) -> str | None:
    """Who tells a position of ``entry``, named in their roles ("嘉宾 小李"), when anyone but
    the hosts says its lines (None: the hosts, whom the labels name without their names)."""
    roles = entry.roles
    voices = voices_of(pos, entry.host)
    if all(roles.get(v) in HOST_ROLES for v in voices):
        return None
    return view.t("list_sep").join(voice_words(view, v, roles.get(v))[0] for v in voices)


HOST_ROLES = ("host", "co-host")
"""The roles whose words the episode's own voice says (the hosts)."""


def voice_words(view: View, who: str, role: str | None) -> tuple[str, str]:
    """Someone who speaks in the episode, named in their role in it (a host, a guest):
    ``(words, words for assistive technology)``."""
    t = view.t
    name = view.actor_name(who)
    if role in HOST_ROLES:
        return t("commentary.who_host", name=name), t("commentary.who_host_aria", name=name)
    if role == "guest":
        return t("commentary.who_guest", name=name), t("commentary.who_guest_aria", name=name)
    return name, name


def how_sure(view: View, pos: Position, entry: EpisodeEntry) -> Markup:
    """The how-sure labels of a position in one line, for rows that show no more of it (a
    year's archive): relayed or not, the account against its source, what the quote is,
    and that it has no source."""
    parts = []
    if pos.kind != "clip":
        parts.append(view.account_words(pos))
    if pos.quote:
        parts.append(view.quote_label(pos))
    if pos.unsourced:
        parts.append(view.t("source.none_short"))
    text = esc(view.t("clause_sep").join(parts))
    return relayed(view, pos, entry) + Markup(
        f' <span class="ep-how">{text}</span>' if text else ""
    )


def source_line(view: View, sid: str | None, date: dt.date | None) -> Markup:
    """Where something was said or written: the source (a link, or plainly marked as
    not found online), its publisher and the date."""
    src = view.source(sid)
    if src is None:
        return time(date)
    out = [f'<span class="ep-src-label">{esc(view.t("source.label"))}</span> ']
    if src.url:
        out.append(f'<a class="ep-src" href="{esc(src.url)}" rel="noopener">')
        out.append(f"{esc(src.title)}</a>")
    else:
        out.append(unlocated(view, src))
    if src.publisher:
        out.append(f" · {view.publisher(src)}")
    if date:
        out.append(f" · {time(date)}")
    return Markup("".join(out))


def unlocated(view: View, src: Source) -> Markup:
    """A source without an address, and why it has none (``url_status``)."""
    status = src.url_status or "not-found"
    words = esc(view.t(f"source.{status}", title=src.title))
    return Markup(f'<span class="ep-src-unlocated" data-unlocated="{esc(status)}">{words}</span>')


def position_source(view: View, pos: Position, date: dt.date | None) -> Markup:
    """Where a position was said: its source, or that it has none and why (never
    styled as a citation); and the documents its quote and its check rest on when they
    are not that source."""
    if not pos.unsourced:
        return source_line(view, pos.source, date) + _secondary(view, pos)
    label = esc(view.t("source.label"))
    why = esc(view.t("source.none", why=pos.unsourced))
    out = (
        f'<span class="ep-src-label">{label}</span> '
        f'<span class="ep-unsourced" data-unsourced>{why}</span>'
    )
    return Markup(out + (f" · {time(date)}" if date else ""))


def _secondary(view: View, pos: Position) -> Markup:
    """The secondary sources a position's quote was copied from and its account checked
    against, each linked, when they are not its source."""
    out = []
    for key, sid in (
        ("source.quote_from", pos.quote_from),
        ("source.checked", pos.checked_against),
    ):
        if sid and sid != pos.source and (src := view.source(sid)) is not None:
            where = (
                f'<a class="ep-src" href="{esc(src.url)}" rel="noopener">{esc(src.title)}</a>'
                if src.url
                else unlocated(view, src)
            )
            out.append(f' · <span class="ep-src-label">{esc(view.t(key))}</span> {where}')
    return Markup("".join(out))


def caveats(view: View, pos: Position, episode: Episode, base: str = "") -> Markup:
    """The editors' notes that qualify a position, in words, each with a link to the
    note; ``base`` is the episode page's URL relative to this page ("" on the episode
    page itself)."""
    out = []
    for note in episode.caveats(pos):
        link = (
            view.t("caveat.link_dated", date=view.date(note.date))
            if note.date
            else view.t("caveat.link")
        )
        out.append(
            f'\n<p class="ep-caveat" role="note"><span class="ep-caveat-k">'
            f"{esc(view.t('caveat.label'))}</span> {esc(note_words(note))} "
            f'<a class="ep-caveat-link" href="{esc(base)}#{esc(note.anchor)}">'
            f"{esc(link)}</a></p>"
        )
    return Markup("".join(out))


def note_words(note: Block) -> str:
    """An editor's note as plain words (for showing it beside what it qualifies)."""
    return "".join(line.words for line in note.lines)


def excerpt(pos: Position, length: int = 40) -> str:
    """The start of the host's account of a position (for archive lists)."""
    words = "".join(line.words for line in pos.lines)
    return words if len(words) <= length else words[:length] + "…"
