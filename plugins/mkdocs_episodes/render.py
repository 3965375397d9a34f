"""Render an episode (and generated pages) through the theme's Jinja templates.

The episode becomes Markdown headings (so the table of contents and search see the
segments) interleaved with slots; each slot is filled with HTML rendered from the model.
Templates live in the theme's ``custom_dir`` (``partials/episodes/``) and are rendered in an
autoescaping overlay of the theme's environment, so every data value is escaped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

import jinja2
from markupsafe import Markup, escape

from .i18n import Labels, labels
from .index import EpisodeEntry, Index, position_date
from .links import relative, video_at
from .model import (
    Actor,
    Block,
    Catalog,
    Item,
    Line,
    Name,
    Paragraph,
    Policy,
    Position,
    Ref,
    Rich,
    Source,
    Subheading,
    Text,
)
from .schema import ACCOUNTS, BLOCKS, CONFIDENCE, POLICY_STATUSES, STANCE_BASES, STANCES

SLOT = '<div class="ep-slot" data-ep-slot="{n}"></div>'
# a sound cue in brackets: a few lower-case words or a few Chinese characters ([laughs],
# [crosstalk], [笑声]); it stays in the words, marked as not speech
SOUND_RE = re.compile(r"\[(?:[a-z]+(?: [a-z]+){0,3}|[\u4e00-\u9fff]{1,6})\]")


def _sounds(text: str) -> Markup:
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


def make_env(theme_env: jinja2.Environment) -> jinja2.Environment:
    """An autoescaping overlay of the theme's environment (same loader, so overrides work)."""
    return theme_env.overlay(autoescape=True)


@dataclass
class View:
    """What templates call: names, labels and URLs relative to the page being rendered."""

    catalog: Catalog
    index: Index
    page_url: str
    video: str | None = None
    host: str | None = None
    responders: dict[str, list[Position]] | None = None
    positions: dict[str, Position] | None = None
    t: Labels = field(default_factory=lambda: labels("zh"))
    """The interface text of the site's language: ``ep.t("key")`` in templates."""
    content_lang: str | None = None
    """The language of the episode's words where it differs from the site's (``lang``)."""
    multi_voice: bool = False
    """More than one voice speaks: a speaker label marks each change of speaker."""
    _last_speaker: str | None = None
    _relative: dict[str, str] = field(default_factory=dict)

    stances = STANCES

    @cached_property
    def stance_labels(self) -> dict[str, str]:
        """Stance words (支持, supports…)."""
        return self.t.group("stance", STANCES)

    @cached_property
    def status_labels(self) -> dict[str, str]:
        """Policy status words."""
        return self.t.group("status", POLICY_STATUSES)

    @cached_property
    def confidence_labels(self) -> dict[str, str]:
        """How sure a status is, in words."""
        return self.t.group("confidence", CONFIDENCE)

    @cached_property
    def basis_labels(self) -> dict[str, str]:
        """Stated by the actor, or inferred by the editors, in words."""
        return self.t.group("basis", STANCE_BASES)

    @cached_property
    def account_labels(self) -> dict[str, str]:
        """The host's account against the source, in words."""
        return self.t.group("account", ACCOUNTS)

    def quote_label(self, pos: Position) -> str:
        """What the quote is, in words: their words, or whose translation or paraphrase."""
        kind = pos.quote_kind
        if kind == "verbatim":
            return self.t("quote.verbatim")
        return (
            self.t(f"quote.{kind}_by", by=pos.quote_by) if pos.quote_by else self.t(f"quote.{kind}")
        )

    def name(self, name: Name) -> str:
        """A record's name in the site's language (Chinese, else English)."""
        return name.get(self.t.code)

    def name_parts(self, name: Name) -> list[tuple[str, str]]:
        """``(lang, text)`` of each language a name is given in, the site's first, without
        repeats (``lang`` empty for plain text)."""
        if not name.given:
            return [("", name.zh)]
        order = sorted(name.given, key=lambda lang: lang != self.t.code)
        parts: list[tuple[str, str]] = []
        for lang in order:
            text = name.get(lang)
            if all(text != t for _, t in parts):
                parts.append((lang, text))
        return parts

    def note_words(self, note: Block) -> str:
        """An editor's note as plain words (for showing it beside what it qualifies)."""
        return "".join(line.words for line in note.lines)

    @cached_property
    def kind_labels(self) -> dict[str, str]:
        """The label of each declared block kind (``立场``, ``Position``…); a kind the tables
        do not know keeps the label of its declaration."""
        table = self.t.table
        return {name: table.get(f"label.{name}", kind.label) for name, kind in BLOCKS.items()}

    def url(self, scheme: str, rid: str) -> str | None:
        """Relative URL of a policy/actor page or a source's URL; None when there is none."""
        target = self.index.url(scheme, rid)
        return self.to(target) if target is not None else None

    def to(self, site_url: str) -> str:
        """A site-root URL relative to this page (cached: pages link the same few targets
        many times)."""
        cache = self._relative
        if site_url not in cache:
            cache[site_url] = relative(site_url, self.page_url)
        return cache[site_url]

    def actor(self, rid: str | None) -> Actor | None:
        """The actor record, if known."""
        return self.catalog.actors.get(rid or "")

    def actor_name(self, rid: str | None) -> str:
        """The actor's name in the site's language (the id when unknown)."""
        actor = self.actor(rid)
        return self.name(actor.name) if actor else (rid or "")

    def actor_kind(self, kind: str) -> str:
        """A label for an actor kind."""
        return self.t.table.get(f"actor_kind.{kind}", kind)

    def policy(self, rid: str) -> Policy | None:
        """The policy record, if known."""
        return self.catalog.policies.get(rid)

    def policy_name(self, rid: str) -> str:
        """The policy's short name (Chinese sites) or its name in the site's language."""
        policy = self.policy(rid)
        if policy is None:
            return rid
        return (policy.short or policy.name.zh) if self.t.code == "zh" else policy.name.en

    def source(self, rid: str | None) -> Source | None:
        """The source record, if known."""
        return self.catalog.sources.get(rid or "")

    def publisher(self, source: Source) -> Markup:
        """A source's publisher: a linked actor name, or the text as given."""
        if source.publisher in self.catalog.actors:
            return self.link("actor", source.publisher, self.actor_name(source.publisher))
        return escape(source.publisher)

    def link(self, scheme: str, rid: str, label: str) -> Markup:
        """``<a>`` to a policy/actor page or source URL; plain text when there is none."""
        href = self.url(scheme, rid)
        if href is None:
            return escape(label)
        ext = ' rel="noopener"' if scheme == "source" else ""
        return Markup(
            f'<a class="ep-ref ep-ref-{scheme}" href="{escape(href)}"{ext}>{escape(label)}</a>'
        )

    def words(self, line: Line) -> Markup:
        """The line's words as HTML: text escaped, references linked, sound cues
        (``[laughs]``) marked as non-speech; the words themselves never changed."""
        parts = line.parts
        if len(parts) == 1 and isinstance(parts[0], Text):  # most lines: just words
            return _sounds(parts[0].text)
        out: list[str] = []
        for part in parts:
            if isinstance(part, Text):
                out.append(_sounds(part.text))
            elif isinstance(part, Ref):
                target, label = escape(part.target), escape(part.label)
                if part.scheme == "anchor":
                    out.append(Markup(f'<a class="ep-ref" href="#{target}">{label}</a>'))
                elif part.scheme == "url":
                    out.append(
                        Markup(f'<a class="ep-ref" href="{target}" rel="noopener">{label}</a>')
                    )
                else:
                    out.append(self.link(part.scheme, part.target, part.label))
        return Markup("").join(out)

    def rich(self, text: Rich | None) -> Markup:
        """Data text with its inline references linked (everything else escaped)."""
        if not text:
            return Markup("")
        return self.words(Line(0, 0, text.words, text.parts))

    def plain(self, text: Rich | None) -> str | None:
        """Data text as the reader sees it (inline references reduced to their words)."""
        return text.words if text else None

    def responded_actor(self, entry: EpisodeEntry, pos: Position) -> str | None:
        """The actor whose position (in the same episode) ``pos`` responds to."""
        for other in entry.episode.positions:
            if other.anchor == pos.responds_to:
                return other.actor
        return None

    def lines(self, paragraph: Paragraph) -> Markup:
        """A paragraph's transcript lines, one ``<span class="ep-l" id="L<n>">`` each.

        The hot path of a build (every line of every episode), so it is plain string work
        rather than a macro per line; the paragraph and block markup around it stays in the
        theme's templates. The line number is drawn by CSS from ``data-n``.
        """
        out = []
        for line in paragraph:
            stamp = ""
            if line.timestamp is not None:
                label = line.timestamp.label
                href = self.time_link(line.timestamp.seconds)
                stamp = (
                    f'<a class="ep-ts" href="{escape(href)}" rel="noopener" '
                    f'aria-label="{escape(self.t("video.jump", time=label))}">{label}</a> '
                    if href
                    else f'<span class="ep-ts">{label}</span> '
                )
            n = line.number
            who = line.speaker or self.host
            voice = ""
            if who:
                voice = f' data-speaker="{escape(who)}"'
                if self.multi_voice and who != self._last_speaker:
                    # a label at each change of speaker (outside the line: words stay exact)
                    out.append(
                        f'<span class="ep-speaker" data-speaker="{escape(who)}">'
                        f"{self.link('actor', who, self.actor_name(who))}</span>"
                    )
                self._last_speaker = who
            out.append(
                f'<span class="ep-l" id="L{n}" data-n="{n}"{voice}>{stamp}{self.words(line)}</span>'
            )
        return Markup("".join(out))

    def time_link(self, seconds: int) -> str | None:
        """Link into the video at ``seconds``, when the episode has a video."""
        return video_at(self.video, seconds) if self.video else None

    def date(self, value: dt.date | None) -> str:
        """ISO date, or an empty string."""
        return value.isoformat() if value else ""

    def excerpt(self, pos: Position, length: int = 40) -> str:
        """The start of the host's account of a position (for archive lists)."""
        words = "".join(line.words for line in pos.lines)
        return words if len(words) <= length else words[:length] + "…"

    def responders_target(self, pos: Position) -> str | None:
        """The actor of the position that ``pos`` responds to."""
        target = self.positions.get(pos.responds_to or "") if self.positions else None
        return target.actor if target else None

    def group_by_actor(
        self, positions: list[Position]
    ) -> list[tuple[str, list[tuple[Position, list[Position]]]]]:
        """Positions by actor (in order of first appearance), then by what they say about
        which policy and when: ``[(actor, [(first position, [positions]), …]), …]``."""
        groups: dict[str, dict[tuple[object, ...], list[Position]]] = {}
        for pos in positions:
            key = (
                pos.stance,
                pos.stance_basis,
                pos.policies,
                self.position_date(pos),
                pos.responds_to,
            )
            groups.setdefault(pos.actor, {}).setdefault(key, []).append(pos)
        return [(a, [(ps[0], ps) for ps in claims.values()]) for a, claims in groups.items()]

    def kind_of(self, item: Item) -> str:
        """What an item is, for templates: paragraph, code, or the block's kind."""
        if isinstance(item, tuple):
            return "paragraph"
        if isinstance(item, Block):
            return item.kind
        return "code"

    def position_date(self, pos: Position) -> dt.date | None:
        """When the actor said it: the position's date, else its source's."""
        return position_date(pos, self.catalog)


@dataclass
class Pieces:
    """A page in pieces: Markdown (headings, for the TOC) with slots, the full HTML of each
    slot, and a lean text version of each slot for the search index."""

    markdown: str
    html: list[str]
    search: list[str]


def search_text(items: list[Item], view: View) -> str:
    """What the search index should see of some items: their words, with the marking each
    is under as a short prefix, and nothing else (no labels, buttons or line numbers)."""
    out = []
    for item in items:
        if isinstance(item, tuple):
            out.append(f"<p>{_text(line.words for line in item)}</p>")
        elif isinstance(item, Block):
            words = _text(line.words for line in item.lines)
            if isinstance(item, Position):
                quote = f"\n{_text([item.quote])}" if item.quote else ""
                label = _text([view.t("search.position", actor=view.actor_name(item.actor))])
                out.append(f"<p>{label}{view.t('colon')}{words}{quote}</p>")
            else:
                label = _text([view.kind_labels.get(item.kind, "")])
                out.append(f"<p>{label}{view.t('colon')}{words}</p>")
    return "".join(out)


def _text(lines: Iterable[str]) -> str:
    # str(): Markup + str would escape the str side, so keep plain strings here
    return str(escape("\n".join(lines)))


def episode_pieces(
    env: jinja2.Environment,
    entry: EpisodeEntry,
    view: View,
    downloads: list[tuple[str, str, str]] | None = None,
) -> Pieces:
    """Render an episode into :class:`Pieces`.

    ``downloads`` are ``(label, relative href, media type)`` of the transcript files."""
    ep = entry.episode
    chunk = env.get_template("partials/episodes/items.html")
    head = env.get_template("partials/episodes/episode-head.html")
    md: list[str] = []
    html: list[str] = []
    search: list[str] = []

    def slot(items: list[Item], prefix: str = "") -> None:
        if not items and not prefix:
            return
        body = chunk.render(items=items, ep=view, episode=ep) if items else ""
        md.append(SLOT.format(n=len(html)))
        html.append(prefix + body)
        summary = ep.meta.summary if prefix and ep.meta.summary else ""
        search.append((f"<p>{_text([summary])}</p>" if summary else "") + search_text(items, view))

    positions = ep.positions
    view.multi_voice = len({line.speaker or view.host for line in ep.lines} - {None}) > 1
    view.responders = {}
    view.positions = {p.anchor: p for p in positions}
    for pos in positions:
        if pos.responds_to:
            view.responders.setdefault(pos.responds_to, []).append(pos)
    view_head = head.render(
        ep=view,
        episode=ep,
        entry=entry,
        positions=positions,
        host=entry.host,
        show=view.catalog.shows.get(ep.meta.show),
        downloads=downloads or [],
    )
    # headings are the episode's words: marked with its language where it is not the site's
    lang = f' lang="{view.content_lang}"' if view.content_lang else ""
    for n, seg in enumerate(ep.segments):
        if seg.title is not None:
            md.append(f"## {_heading_text(seg.title)} {{#{seg.anchor}{lang}}}")
        run: list[Item] = []
        prefix = view_head if n == 0 else ""
        for item in seg.items:
            if isinstance(item, Subheading):
                slot(run, prefix)
                prefix, run = "", []
                heading = f"{_heading_text(item.title)} {{#{item.anchor}{lang}}}"
                md.append(f"{'#' * item.level} {heading}")
            else:
                run.append(item)
        slot(run, prefix)
    if ep.meta.corrections:
        md.append(f"## {_heading_text(view.t('corrections.title'))} {{#corrections}}")
        md.append(SLOT.format(n=len(html)))
        foot = env.get_template("partials/episodes/corrections.html")
        html.append(foot.render(corrections=ep.meta.corrections, ep=view))
        search.append("")
    return Pieces("\n\n".join(md) + "\n", html, search)


def _heading_text(title: str) -> str:
    # Headings go through Markdown (for the TOC); escape what Markdown or HTML would eat.
    return "".join("\\" + c if c in "\\`*_{}[]<>()#+!|" else c for c in title).replace("&", "&amp;")


def fill_slots(html: str, chunks: list[str]) -> str:
    """Replace the slot placeholders in rendered page HTML with their chunks."""
    for n, chunk in enumerate(chunks):
        html = html.replace(SLOT.format(n=n), chunk, 1)
    return html
