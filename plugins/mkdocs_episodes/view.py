"""The view templates call: names, labels, links and URLs relative to the page rendered,
and the small HTML fragments every kind of block and row shares (a stance badge, a source
line, an editor's caveat), made here once rather than by nested template macros."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from markupsafe import Markup, escape

from .i18n import Labels, labels
from .index import EpisodeEntry, Index, PositionRef, position_date
from .links import relative, video_at
from .model import (
    Actor,
    Block,
    Catalog,
    Episode,
    Line,
    Name,
    Paragraph,
    Policy,
    Position,
    Ref,
    Rich,
    Source,
    Text,
)
from .present import (
    EpisodeRow,
    RefRow,
    WhoSaidRow,
    compact_rows,
    episode_rows,
    esc,
    ref_rows,
    who_said,
)
from .schema import ACCOUNTS, BLOCKS, CONFIDENCE, POLICY_STATUSES, STANCE_BASES, STANCES

# a sound cue in brackets: a few lower-case words, the first maybe capitalised, or a few
# Chinese characters ([laughs], [crosstalk], [Music], [Break], [笑声]); it stays in the
# words, marked as not speech
SOUND_RE = re.compile(r"\[(?:(?:[a-z]+|[A-Z][a-z]+)(?: [a-z]+){0,3}|[\u4e00-\u9fff]{1,6})\]")


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
    shared: dict[tuple[str, int], Markup] = field(default_factory=dict)
    """Fragments of a position that do not depend on the page or the data (its data
    hooks, its stance in words), by ``id()`` of the position: shared by the pages of a
    build, where archive pages show the same positions hundreds of times. They read
    nothing of the catalog or the index, so a page that reuses one misses no read of its
    own (see reads.py)."""
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
            path, hash_, anchor = site_url.partition("#")
            if hash_ and path:  # positions of one episode share its page's relative URL
                cache[site_url] = f"{self.to(path)}#{anchor}"
            else:
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

    def position_date(self, pos: Position) -> dt.date | None:
        """When the actor said it: the position's date, else its source's."""
        return position_date(pos, self.catalog)

    # -- fragments shared by blocks and rows (the markup the templates used to nest
    #    macros for: made once here, a call each instead of a dozen) --

    def time(self, value: dt.date | None) -> Markup:
        """``<time>`` of a date (empty without one)."""
        if not value:
            return Markup("")
        iso = value.isoformat()
        return Markup(f'<time datetime="{iso}">{iso}</time>')

    def stance_badge(self, stance: str | None) -> Markup:
        """A stance in words, marked with its id (empty without one)."""
        if not stance:
            return Markup("")
        s = esc(stance)
        label = esc(self.stance_labels[stance])
        return Markup(f'<span class="ep-stance ep-stance-{s}" data-stance="{s}">{label}</span>')

    def stance_basis(self, pos: Position) -> Markup:
        """A stance with how it is known: "反对（编者推断）", "opposes (inferred by the
        editors)" (empty when the position takes no stance)."""
        if not pos.stance:
            return Markup("")
        key = ("stance_basis", id(pos))
        if key not in self.shared:
            self.shared[key] = self._stance_basis(pos)
        return self.shared[key]

    def _stance_basis(self, pos: Position) -> Markup:
        basis = esc(pos.stance_basis)
        words = esc(self.t("bracket", text=self.basis_labels[pos.stance_basis]))
        return self.stance_badge(pos.stance) + Markup(
            f'<span class="ep-basis ep-basis-{basis}">{words}</span>'
        )

    def position_attrs(self, pos: Position) -> Markup:
        """The data hooks every shown position carries, wherever it is shown (with a
        leading space: they follow another attribute)."""
        key = ("attrs", id(pos))
        if key not in self.shared:
            self.shared[key] = self._position_attrs(pos)
        return self.shared[key]

    def _position_attrs(self, pos: Position) -> Markup:
        out = [
            f' data-kind="position" data-actor="{esc(pos.actor)}"'
            f' data-stance-basis="{esc(pos.stance_basis)}"'
            f' data-quote-kind="{esc(pos.quote_kind)}" data-account="{esc(pos.account)}"'
        ]
        if pos.stance:
            out.append(f' data-stance="{esc(pos.stance)}"')
        if pos.policies:
            out.append(f' data-policy="{esc(" ".join(pos.policies))}"')
        if pos.qualified_by:
            out.append(f' data-qualified-by="{esc(" ".join(pos.qualified_by))}"')
        return Markup("".join(out))

    def source_line(self, sid: str | None, date: dt.date | None) -> Markup:
        """Where something was said or written: the source (a link, or plainly marked as
        not found online), its publisher and the date."""
        src = self.source(sid)
        if src is None:
            return self.time(date)
        out = [f'<span class="ep-src-label">{esc(self.t("source.label"))}</span> ']
        if src.url:
            out.append(f'<a class="ep-src" href="{esc(src.url)}" rel="noopener">')
            out.append(f"{esc(src.title)}</a>")
        else:
            words = esc(self.t("source.unlocated", title=src.title))
            out.append(f'<span class="ep-src-unlocated" data-unlocated>{words}</span>')
        if src.publisher:
            out.append(f" · {self.publisher(src)}")
        if date:
            out.append(f" · {self.time(date)}")
        return Markup("".join(out))

    def position_source(self, pos: Position, date: dt.date | None) -> Markup:
        """Where a position was said: its source, or that it has none and why (never
        styled as a citation)."""
        if not pos.unsourced:
            return self.source_line(pos.source, date)
        label = esc(self.t("source.label"))
        why = esc(self.t("source.none", why=pos.unsourced))
        out = (
            f'<span class="ep-src-label">{label}</span> '
            f'<span class="ep-unsourced" data-unsourced>{why}</span>'
        )
        return Markup(out + (f" · {self.time(date)}" if date else ""))

    def caveats(self, pos: Position, episode: Episode, base: str = "") -> Markup:
        """The editors' notes that qualify a position, in words, each with a link to the
        note; ``base`` is the episode page's URL relative to this page ("" on the episode
        page itself)."""
        out = []
        for note in episode.caveats(pos):
            link = (
                self.t("caveat.link_dated", date=self.date(note.date))
                if note.date
                else self.t("caveat.link")
            )
            out.append(
                f'\n<p class="ep-caveat" role="note"><span class="ep-caveat-k">'
                f"{esc(self.t('caveat.label'))}</span> {esc(self.note_words(note))} "
                f'<a class="ep-caveat-link" href="{esc(base)}#{esc(note.anchor)}">'
                f"{esc(link)}</a></p>"
            )
        return Markup("".join(out))

    def paragraph(self, paragraph: Paragraph) -> Markup:
        """A paragraph of transcript lines (marked with the episode's language where it is
        not the site's)."""
        lang = f' lang="{escape(self.content_lang)}"' if self.content_lang else ""
        return Markup(f'<p class="ep-p"{lang}>{self.lines(paragraph)}</p>')

    def body(self, block: Block) -> Markup:
        """A block's paragraphs of transcript lines."""
        return Markup("".join(self.paragraph(p) for p in block.paragraphs))

    # -- rows of the generated pages' lists (see present.py) --

    def ref_rows(self, refs: list[PositionRef]) -> list[RefRow]:
        """The rows of a list of positions."""
        return ref_rows(self, refs)

    def compact_rows(self, refs: list[PositionRef]) -> Markup:
        """The rows of a year's archive of positions (``<li>`` each)."""
        return compact_rows(self, refs)

    def episode_rows(
        self, entries: list[EpisodeEntry], actor: str | None = None
    ) -> list[EpisodeRow]:
        """The rows of a list of episodes (``actor``: the actor whose page it is)."""
        return episode_rows(self, entries, actor)

    def who_said(self, positions: list[Position]) -> list[WhoSaidRow]:
        """The rows of the episode's "who said what"."""
        return who_said(self, positions)
