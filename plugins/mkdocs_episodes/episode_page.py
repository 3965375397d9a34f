"""What one episode's page is drawn with: its entry, its record (who says each line, in
which role, and when), its video and the language of its words, and who answers whom.
Made once per page and passed explicitly to the fragments and presenters that need it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup, escape

from .fragments import esc, link_actor, words
from .index import EpisodeEntry
from .links import video_at
from .media import Player, player_of
from .model import Block, Paragraph, Position
from .record import Record
from .view import View


def _seconds(value: float) -> str:
    """Seconds as the shortest exact text (``12``, ``12.5``, ``12.345``)."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


@dataclass
class EpisodePage:
    """An episode as its page draws it."""

    entry: EpisodeEntry
    record: Record
    content_lang: str | None = None
    """The language of the episode's words where it differs from the site's (``lang``)."""

    @classmethod
    def of(cls, entry: EpisodeEntry, site_code: str) -> EpisodePage:
        """The page of ``entry`` on a site in the language ``site_code``."""
        return cls(entry, entry.record(), entry.lang_on(site_code))

    @property
    def video(self) -> str | None:
        """The episode's video page."""
        return self.entry.episode.meta.video

    @property
    def host(self) -> str | None:
        """The main host."""
        return self.entry.host

    @cached_property
    def positions(self) -> dict[str, Position]:
        """The episode's positions by anchor."""
        return {p.anchor: p for p in self.entry.episode.positions}

    @cached_property
    def responders(self) -> dict[str, list[Position]]:
        """The positions that respond to each position, by the anchor they answer."""
        out: dict[str, list[Position]] = {}
        for pos in self.entry.episode.positions:
            if pos.responds_to:
                out.setdefault(pos.responds_to, []).append(pos)
        return out

    def responders_target(self, pos: Position) -> str | None:
        """The actor of the position that ``pos`` responds to."""
        target = self.positions.get(pos.responds_to or "")
        return target.actor if target else None

    @cached_property
    def turn_starts(self) -> frozenset[int]:
        """The lines where another voice starts speaking (labelled with its name), when
        more than one voice speaks."""
        if not self.record.multi_voice:
            return frozenset()
        return frozenset(turn[0].number for turn in self.record.turns() if turn[0].speaker)

    @cached_property
    def voices(self) -> str:
        """Who speaks the episode, as the reading guide says it: ``""`` (its one host),
        ``"_hosts"`` (several hosts) or ``"_voices"`` (guests or others too): a suffix of
        the guide's keys."""
        rec = self.record
        if not rec.multi_voice:
            return ""
        return "_hosts" if set(rec.voices) <= set(rec.hosts) else "_voices"

    def people(self, *roles: str) -> list[str]:
        """The actors of the episode in ``roles``, in order (the main host first)."""
        return [a for a, r in self.record.roles.items() if r in roles]

    def role(self, aid: str | None) -> str | None:
        """The role of ``aid`` in the episode (host, co-host, guest, voice)."""
        return self.record.roles.get(aid or "")

    @cached_property
    def jump_key(self) -> str:
        """The label of a time link: into the audio, or into the video."""
        return "audio.jump" if self.player and self.player.kind == "audio" else "video.jump"

    @cached_property
    def player(self) -> Player | None:
        """What the page plays (see :func:`.media.player_of`)."""
        return player_of(self.entry.episode.meta, self.entry.url)

    def time_link(self, seconds: int) -> str | None:
        """Link into the played media at ``seconds`` (the page's script seeks the player
        instead), else into the video page, when the episode has either."""
        if self.player is not None:
            return self.player.at(seconds)
        return video_at(self.video, seconds) if self.video else None

    def lines(self, view: View, paragraph: Paragraph) -> Markup:
        """A paragraph's transcript lines, one ``<span class="ep-l" id="L<n>">`` each, with
        who says it (``data-speaker``) and when (``data-start``; ``data-estimated`` when
        the time is not the line's own), as the episode's record has them.

        The hot path of a build (every line of every episode), so it is plain string work
        rather than a macro per line; the paragraph and block markup around it stays in the
        theme's templates. The line number is drawn by CSS from ``data-n``.
        """
        out = []
        by_number = self.record.by_number
        turns = self.turn_starts
        for line in paragraph:
            stamp = ""
            if line.timestamp is not None:  # shown only where recorded
                label = line.timestamp.label
                href = self.time_link(line.timestamp.seconds)
                stamp = (
                    f'<a class="ep-ts" href="{escape(href)}" rel="noopener" '
                    f'aria-label="{escape(view.t(self.jump_key, time=label))}">{label}</a> '
                    if href
                    else f'<span class="ep-ts">{label}</span> '
                )
            n = line.number
            said = by_number.get(n)
            attrs = ""
            if said is not None:
                who = said.speaker
                if who:
                    attrs = f' data-speaker="{esc(who)}"'
                    if n in turns:
                        # a label at each change of speaker (outside the line: words exact)
                        out.append(
                            f'<span class="ep-speaker" data-speaker="{esc(who)}">'
                            f"{link_actor(view, who)}</span>"
                        )
                if said.start is not None:
                    attrs += f' data-start="{_seconds(said.start)}"'
                    if not said.recorded:
                        attrs += " data-estimated"
            out.append(
                f'<span class="ep-l" id="{line.anchor}" data-n="{line.shown}"{attrs}>'
                f"{stamp}{words(view, line)}</span>"
            )
        return Markup("".join(out))

    def paragraph(self, view: View, paragraph: Paragraph) -> Markup:
        """A paragraph of transcript lines (marked with the episode's language where it is
        not the site's)."""
        lang = f' lang="{escape(self.content_lang)}"' if self.content_lang else ""
        return Markup(f'<p class="ep-p"{lang}>{self.lines(view, paragraph)}</p>')

    def body(self, view: View, block: Block) -> Markup:
        """A block's paragraphs of transcript lines."""
        return Markup("".join(self.paragraph(view, p) for p in block.paragraphs))

    def group_by_actor(
        self, view: View, positions: list[Position]
    ) -> list[tuple[str, list[tuple[Position, list[Position]]]]]:
        """Positions by actor (in order of first appearance), then by what they say about
        which policy and when: ``[(actor, [(first position, [positions]), …]), …]``."""
        groups: dict[str, dict[tuple[object, ...], list[Position]]] = {}
        for pos in positions:
            when: dt.date | None = view.position_date(pos)
            key: tuple[object, ...] = (pos.stance, pos.stance_basis, pos.policies, when)
            if pos.statement:  # the passages of one statement are one thing said
                key = ("statement", pos.statement)
            groups.setdefault(pos.actor, {}).setdefault((*key, pos.responds_to), []).append(pos)
        return [(a, [(_stating(ps), ps) for ps in claims.values()]) for a, claims in groups.items()]


def _stating(passages: list[Position]) -> Position:
    """The passage that stands for a statement: the one that states its stance, else the
    first."""
    return next((p for p in passages if p.stance), passages[0])
