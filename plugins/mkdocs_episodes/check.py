"""Check an episode against the catalog: every id it names must exist."""

from __future__ import annotations

import re

from .errors import Problem, nearest, one_of
from .model import Catalog, Episode, Position, Subheading

_HOME = {"policy": "policies", "actor": "actors", "source": "sources", "show": "shows"}


def host_of(episode: Episode, catalog: Catalog) -> str | None:
    """The episode's host: front matter ``host``, else the show's only host."""
    if episode.meta.host:
        return episode.meta.host
    show = catalog.shows.get(episode.meta.show)
    if show is not None and len(show.hosts) == 1:
        return show.hosts[0]
    return None


def _anchor_hint(target: str, anchors: set[str]) -> str:
    if re.fullmatch(r"L\d+", target):
        count = sum(1 for a in anchors if re.fullmatch(r"L\d+", a))
        return f"the episode has {count} transcript lines: link one of #L1 to #L{count}"
    named = sorted(a for a in anchors if not a.startswith("L"))
    guess = nearest(target, named)
    hint = f"did you mean '#{guess}'? " if guess else ""
    hint += "link a line as #L<n> (e.g. #L1), or a segment or block by its id"
    return hint + (f": {', '.join(named[:12])}" if named else "")


def episode_anchors(episode: Episode) -> set[str]:
    """Every anchor of the episode page: segments, subheadings, blocks and ``L<n>`` lines."""
    anchors = {seg.anchor for seg in episode.segments if seg.anchor}
    anchors.update(b.anchor for b in episode.blocks)
    anchors.update(line.anchor for line in episode.lines)
    for seg in episode.segments:
        anchors.update(it.anchor for it in seg.items if isinstance(it, Subheading))
    return anchors


def check_episode(episode: Episode, catalog: Catalog, data_rel: str = "data") -> list[Problem]:
    """Problems with the ids an episode references (unknown show, actor, policy, source…)."""
    problems: list[Problem] = []
    path = episode.path

    anchors = episode_anchors(episode)
    for ref in episode.refs:
        if ref.scheme == "anchor":
            if ref.target not in anchors:
                problems.append(
                    Problem(
                        path,
                        ref.source_line,
                        f"the link '#{ref.target}' points to no place in this episode",
                        _anchor_hint(ref.target, anchors),
                    )
                )
            continue
        table = catalog.ids(ref.scheme)
        if ref.target not in table:
            problems.append(
                Problem(
                    path,
                    ref.source_line,
                    f"unknown {ref.scheme} '{ref.target}'",
                    f"{one_of(ref.target, table, 'an id')} (or add it to "
                    f"{data_rel}/{_HOME[ref.scheme]}.yml)",
                )
            )

    show = catalog.shows.get(episode.meta.show)
    if show is not None and not episode.meta.host and len(show.hosts) != 1:
        problems.append(
            Problem(
                path,
                episode.meta.lines.get("show", 1),
                f"the show '{show.id}' has {len(show.hosts)} hosts, so the episode must name one",
                f"add 'host: <one of {', '.join(show.hosts) or 'the show hosts'}>'",
            )
        )

    positions: dict[str, Position] = {p.anchor: p for p in episode.positions}
    for pos in episode.positions:
        if pos.responds_to is None:
            continue
        line = pos.option_lines.get("responds_to", pos.source_line)
        if pos.responds_to == pos.anchor:
            problems.append(
                Problem(
                    path,
                    line,
                    f"the position '{pos.anchor}' responds to itself",
                    "name the id of the position it answers",
                )
            )
        elif pos.responds_to not in positions:
            problems.append(
                Problem(
                    path,
                    line,
                    f"'responds_to: {pos.responds_to}' names no position in this episode",
                    one_of(pos.responds_to, others, "the id of another position")
                    if (others := [p for p in positions if p != pos.anchor])
                    else "there is no other position in this episode yet — remove the option "
                    "or add the position it answers",
                )
            )
    return problems
