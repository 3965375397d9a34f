"""The page context templates call: names, labels, links and URLs relative to the page
being rendered, in the site's language. The HTML fragments every kind of block and row
shares are in :mod:`.fragments`; what one episode's page is drawn with (its record, who
answers whom) in :mod:`.episode_page`; the presenters in :mod:`.present`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from markupsafe import Markup, escape

from .i18n import Labels, base_code, labels
from .index import EpisodeEntry, Index, PositionRef, count_statements, position_date
from .links import relative
from .model import Actor, Catalog, Name, Policy, Position, Rich, Source
from .schema import ACCOUNTS, CONFIDENCE, POLICY_STATUSES, STANCE_BASES, STANCES


@dataclass
class View:
    """What templates call: names, labels and URLs relative to the page being rendered."""

    catalog: Catalog
    index: Index
    page_url: str
    t: Labels = field(default_factory=lambda: labels("zh"))
    """The interface text of the site's language: ``ep.t("key")`` in templates."""
    shared: dict[tuple[object, ...], Any] = field(default_factory=dict)
    """What the pages of a build work out alike: fragments of a position that do not
    depend on the page or the data (its data hooks, its stance in words), by the values
    they show, where archive pages show the same positions hundreds of times; and the
    parts of a dense archive year, which each of its pages cuts from lists it has read
    itself. They read nothing more of the catalog or the index, so a page that reuses one
    misses no read of its own (see reads.py)."""
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
        """What the quote is, in words: their words, or whose translation or paraphrase;
        and, when copied from a secondary source, as quoted by whom."""
        kind = pos.quote_kind
        if kind == "verbatim":
            label = self.t("quote.verbatim")
        elif pos.quote_by:
            label = self.t(f"quote.{kind}_by", by=pos.quote_by)
        else:
            label = self.t(f"quote.{kind}")
        if pos.quote_from:
            label += self.t("quote.from", source=self.source_name(pos.quote_from))
        return label

    def quoted(self, pos: Position) -> str:
        """A position's quote as search shows it: what it is (their words, or whose
        paraphrase), then the quote ("转述（非原话）：…")."""
        return f"{self.quote_label(pos)}{self.t('colon')}{pos.quote or ''}"

    def position_label(self, pos: Position, told_by: str | None = None) -> str:
        """A position named in search as its head on the page names it: whose, whose
        account its lines are (or relayed without attribution, and by whom), and how that
        account compares with the source ("立场（黄仁勋） · 主持人转述 · 与来源有出入"); a
        clip as the party's recorded voice. ``told_by``: who tells it, when not the hosts
        (see :func:`.fragments.told_by`)."""
        name = self.actor_name(pos.actor)
        if pos.kind == "clip":
            return self.t("clip.aria", actor=name)
        if pos.attribution == "relayed" and told_by:
            head = self.t("search.position_relayed_by", actor=name, who=told_by)
        elif pos.attribution == "relayed":
            head = self.t("search.position_relayed", actor=name)
        else:
            head = f"{self.t('search.position', actor=name)} · {self.account_of(told_by)}"
        return f"{head} · {self.account_words(pos)}"

    def account_of(self, told_by: str | None) -> str:
        """Whose account a position's lines are: the host's ("主持人转述"), or ``told_by``'s
        ("嘉宾 小李转述")."""
        return self.t("position.account_by", who=told_by) if told_by else self.t("position.account")

    def account_words(self, pos: Position) -> str:
        """How the host's account compares with a source, in words, naming the document it
        was compared with ("已与来源核对，对照：TechPowerUp")."""
        words = self.account_labels[pos.account]
        if pos.checked_against and pos.account != "unchecked":
            words += self.t("account.against", source=self.source_name(pos.checked_against))
        return words

    def source_name(self, sid: str) -> str:
        """A source named briefly: its publisher (an actor's name, or the text given)."""
        src = self.source(sid)
        if src is None:
            return sid
        if src.publisher in self.catalog.actors:
            return self.actor_name(src.publisher)
        return src.publisher or src.title

    def counted(self, passages: int, statements: int) -> str:
        """A count of positions: the statements, and the passages when they differ."""
        if passages == statements:
            return str(statements)
        return self.t("count.statements", statements=statements, passages=passages)

    def statements(self, refs: list[PositionRef]) -> int:
        """How many statements some passages report (those of one counted once)."""
        return count_statements(refs)

    def name(self, name: Name) -> str:
        """A record's name in the site's language (Chinese, else English)."""
        return name.get(self.t.code)

    def name_parts(self, name: Name) -> list[tuple[str, str]]:
        """``(lang, text)`` of each language a name is given in, the site's first, without
        repeats (``lang`` empty for plain text)."""
        if not name.given:
            return [("", name.texts[0][1])]
        site = base_code(self.t.code)
        order = sorted(name.given, key=lambda lang: lang != site)
        parts: list[tuple[str, str]] = []
        for lang in order:
            text = name.get(lang)
            if all(text != t for _, t in parts):
                parts.append((lang, text))
        return parts

    def kind_label(self, name: str) -> str:
        """A block kind's label in the site's language (立场, Position…; the interface
        text tables hold them: a kind they do not know is shown by its name)."""
        return self.t.table.get(f"label.{name}", name)

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
        """The policy's short name in the site's language, else its name in it."""
        policy = self.policy(rid)
        if policy is None:
            return rid
        code = self.t.code
        if policy.short is not None and policy.short.has(code):
            return policy.short.get(code)
        return policy.name.get(code)

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

    def plain(self, text: Rich | None) -> str | None:
        """Data text as the reader sees it (inline references reduced to their words)."""
        return text.words if text else None

    def lang_of(self, entry: EpisodeEntry) -> str | None:
        """The ``lang`` of an episode's own words (title, summary, lines) where it is not
        the site's language (None where it is)."""
        return entry.lang_on(self.t.code)

    def date(self, value: dt.date | None) -> str:
        """ISO date, or an empty string."""
        return value.isoformat() if value else ""

    def position_date(self, pos: Position) -> dt.date | None:
        """When the actor said it: the position's date, else its source's."""
        return position_date(pos, self.catalog)
