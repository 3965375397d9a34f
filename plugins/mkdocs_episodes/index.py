"""The cross-reference index: every episode's positions by policy and by actor.

Built once per build from the parsed episodes (in ``on_files``), so it is complete before
any page renders and stays correct under ``mkdocs serve --dirty``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .i18n import code_for
from .model import Catalog, Commentary, Episode, Media, Position
from .record import Record, derive, hosts_of, roles_of

_RECENT: dict[int, tuple[EpisodeEntry, Episode, Record, tuple[str, ...]]] = {}
"""The records derived last, by entry: the entry and its episode are kept with the record so
an id is never reused while it is here, and a new parse (another episode object) misses."""
_RECENT_MAX = 4


@dataclass
class EpisodeEntry:
    """An episode and where it lives on the site."""

    episode: Episode
    url: str
    hosts: tuple[str, ...] = ()
    """Its hosts, the main one first."""
    roles: dict[str, str] = field(default_factory=dict)
    """Who appears and as what: ``host``, ``co-host``, ``guest`` or ``voice`` (heard in a
    clip or a turn of the transcript); see :mod:`.record`."""
    language: str | None = None
    """The language of its words: its own ``language``, else its show's (None: the
    site's)."""
    audio: Media | None = None
    """Its audio, a file in the site measured (type and length) by the site check."""

    def lang_on(self, site_code: str) -> str | None:
        """The ``lang`` of the episode's own words (title, summary, lines) on a site in
        ``site_code``: None where they are in the site's language."""
        lang = self.language
        return lang if lang and code_for(lang) != site_code else None

    @property
    def host(self) -> str | None:
        """The main host."""
        return self.hosts[0] if self.hosts else None

    def record(self) -> Record:
        """Who says each line, in which role, and when: derived once for the page and once
        for the downloads, which are written one after another (:data:`_RECENT`); an
        archive of records is never held (it would not fit in memory)."""
        hit = _RECENT.get(id(self))
        if hit is not None and hit[0] is self and hit[1] is self.episode and hit[3] == self.hosts:
            return hit[2]
        made = derive(self.episode, self.hosts)
        if len(_RECENT) >= _RECENT_MAX:
            del _RECENT[next(iter(_RECENT))]
        _RECENT[id(self)] = (self, self.episode, made, self.hosts)
        return made

    @property
    def title(self) -> str:
        """The episode title."""
        return self.episode.meta.title

    @property
    def date(self) -> dt.date | None:
        """The publication date."""
        return self.episode.meta.date


@dataclass
class PositionRef:
    """A position in an episode, as listed on policy and actor pages."""

    entry: EpisodeEntry
    position: Position
    date: dt.date | None

    @property
    def url(self) -> str:
        """Site-root URL of the position's anchor."""
        return f"{self.entry.url}#{self.position.anchor}"


@dataclass
class Index:
    """Episodes newest first, positions by policy and actor, and page URLs by id."""

    episodes: list[EpisodeEntry] = field(default_factory=list)
    by_policy: dict[str, list[PositionRef]] = field(default_factory=dict)
    by_actor: dict[str, list[PositionRef]] = field(default_factory=dict)
    episodes_by_policy: dict[str, list[EpisodeEntry]] = field(default_factory=dict)
    episodes_by_actor: dict[str, list[EpisodeEntry]] = field(default_factory=dict)
    urls: dict[tuple[str, str], str] = field(default_factory=dict)

    def url(self, scheme: str, rid: str) -> str | None:
        """Site-root URL of a policy or actor page (or a source's own URL)."""
        return self.urls.get((scheme, rid))


def statement_of(ref: PositionRef) -> str:
    """What a passage counts as: its statement (``statement:``, site-wide), else itself."""
    return ref.position.statement or ref.url


def count_statements(refs: list[PositionRef]) -> int:
    """How many statements some passages report (the passages of one counted once)."""
    return len({statement_of(r) for r in refs})


def position_date(pos: Position, catalog: Catalog) -> dt.date | None:
    """When the actor said it: the position's own date, else its source's."""
    if pos.date:
        return pos.date
    source = catalog.sources.get(pos.source or "")
    return source.date if source else None


def _newest_first(entry: EpisodeEntry) -> tuple[dt.date, str]:
    return (entry.date or dt.date.min, entry.url)


def build_index(entries: list[EpisodeEntry], catalog: Catalog) -> Index:
    """Index the episodes' positions and appearances against the catalog."""
    index = Index(episodes=sorted(entries, key=_newest_first, reverse=True))
    for entry in index.episodes:
        _add_episode(index, entry, catalog)
    for refs in (*index.by_policy.values(), *index.by_actor.values()):
        refs.sort(key=lambda r: (r.date or dt.date.min, r.entry.url, r.position.source_line))
    for sid, source in catalog.sources.items():
        if source.url:
            index.urls[("source", sid)] = source.url
    return index


def _add_episode(index: Index, entry: EpisodeEntry, catalog: Catalog) -> None:
    """Index one episode: under its policies, its positions, and everyone who appears."""
    ep = entry.episode
    for pid in ep.policies:
        if pid in catalog.policies:
            index.episodes_by_policy.setdefault(pid, []).append(entry)
    appear: dict[str, None] = dict.fromkeys(entry.roles)
    _add_positions(index, entry, catalog, appear)
    for block in ep.blocks:
        if isinstance(block, Commentary) and block.speaker:
            appear[block.speaker] = None
    appear.update(dict.fromkeys(ep.mentioned))
    for aid in appear:
        if aid in catalog.actors:
            index.episodes_by_actor.setdefault(aid, []).append(entry)


def _add_positions(
    index: Index, entry: EpisodeEntry, catalog: Catalog, appear: dict[str, None]
) -> None:
    """Index an episode's positions by actor and by policy; add each actor of the catalog
    who takes one to ``appear``."""
    for pos in entry.episode.positions:
        ref = PositionRef(entry, pos, position_date(pos, catalog))
        if pos.actor in catalog.actors:
            index.by_actor.setdefault(pos.actor, []).append(ref)
            appear[pos.actor] = None
        for pid in pos.policies:
            if pid in catalog.policies:
                index.by_policy.setdefault(pid, []).append(ref)


def entry_for(
    episode: Episode, url: str, catalog: Catalog, audio: Media | None = None
) -> EpisodeEntry:
    """An index entry for a parsed episode at ``url``, with who appears in it as what;
    ``audio`` its audio as the site check measured it (else as written)."""
    show = catalog.shows.get(episode.meta.show)
    hosts = hosts_of(episode, show.hosts if show is not None else ())
    language = episode.meta.language or (show.language if show is not None else None)
    return EpisodeEntry(
        episode, url, hosts, roles_of(episode, hosts), language, audio or episode.meta.audio
    )
