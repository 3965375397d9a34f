"""Check an episode against the catalog: every id it names must exist, every in-page link
must land, every answered position must be there."""

from __future__ import annotations

import re

from .catalog import Loaded
from .errors import Problem, nearest, one_of
from .model import Catalog, Episode, Position, Subheading
from .refs import HINT_SEARCHES, check_refs

_LINE_ANCHOR = re.compile(r"L\d+")
HINT_CANDIDATES = 500
"""Most anchors a "did you mean" hint compares a broken link with."""


def hosts_of(episode: Episode, catalog: Catalog) -> tuple[str, ...]:
    """The episode's hosts, the main one first: ``host`` and ``hosts`` in the front matter,
    else the show's hosts."""
    meta = episode.meta
    named = tuple(dict.fromkeys((meta.host, *meta.hosts) if meta.host else meta.hosts))
    if named:
        return named
    show = catalog.shows.get(meta.show)
    return show.hosts if show is not None else ()


def host_of(episode: Episode, catalog: Catalog) -> str | None:
    """The episode's main host: the first named, else the show's first host."""
    hosts = hosts_of(episode, catalog)
    return hosts[0] if hosts else None


def episode_anchors(episode: Episode) -> set[str]:
    """Every anchor of the episode page: segments, subheadings, blocks and ``L<n>`` lines."""
    anchors = {seg.anchor for seg in episode.segments if seg.anchor}
    anchors.update(b.anchor for b in episode.blocks)
    anchors.update(line.anchor for line in episode.lines)
    for seg in episode.segments:
        anchors.update(it.anchor for it in seg.items if isinstance(it, Subheading))
    return anchors


def check_episode(
    episode: Episode, data: Catalog | Loaded, data_rel: str = "data"
) -> list[Problem]:
    """Problems with what an episode references (unknown show, actor, policy, source,
    anchor, answered position)."""
    site = data if isinstance(data, Loaded) else Loaded(data, data_rel)
    path = episode.path
    problems = check_refs(site, ((path, ref) for ref in episode.refs))
    problems += _anchor_links(episode)

    problems += _responses(episode)
    problems += _qualifies(episode)
    return problems


def _qualifies(episode: Episode) -> list[Problem]:
    positions = {p.anchor for p in episode.positions}
    problems = []
    for note in episode.notes.values():
        line = note.option_lines.get("qualifies", note.source_line)
        for pid in note.qualifies:
            if pid not in positions:
                problems.append(
                    Problem(
                        episode.path,
                        line,
                        f"'qualifies: {pid}' names no position in this episode",
                        one_of(pid, sorted(positions)[:HINT_CANDIDATES], "the id of a position")
                        if positions
                        else "there is no position in this episode — remove the option",
                    )
                )
    return problems


def _anchor_links(episode: Episode) -> list[Problem]:
    links = [r for r in episode.refs if r.scheme == "anchor"]
    if not links:
        return []
    anchors = episode_anchors(episode)
    named: list[str] | None = None  # computed once, for the first broken link only
    count: int | None = None
    hints: dict[str, str] = {}
    problems = []
    for ref in links:
        if ref.target in anchors:
            continue
        if ref.target not in hints:
            if _LINE_ANCHOR.fullmatch(ref.target):
                count = count if count is not None else len(episode.lines)
                hints[ref.target] = (
                    f"the episode has {count} transcript lines: link one of #L1 to #L{count}"
                )
            else:
                if named is None:
                    named = sorted(a for a in anchors if not _LINE_ANCHOR.fullmatch(a))
                searches = len(hints) < HINT_SEARCHES
                guess = nearest(ref.target, named[:HINT_CANDIDATES]) if searches else None
                hint = f"did you mean '#{guess}'? " if guess else ""
                hint += "link a line as #L<n> (e.g. #L1), or a segment or block by its id"
                hints[ref.target] = hint + (f": {', '.join(named[:12])}" if named else "")
        problems.append(
            Problem(
                episode.path,
                ref.source_line,
                f"the link '#{ref.target}' points to no place in this episode",
                hints[ref.target],
            )
        )
    return problems


def _responses(episode: Episode) -> list[Problem]:
    problems = []
    positions: dict[str, Position] = {p.anchor: p for p in episode.positions}
    ids = list(positions)[:HINT_CANDIDATES]
    searches = 0
    for pos in episode.positions:
        if pos.responds_to is None:
            continue
        line = pos.option_lines.get("responds_to", pos.source_line)
        if pos.responds_to == pos.anchor:
            problems.append(
                Problem(
                    episode.path,
                    line,
                    f"the position '{pos.anchor}' responds to itself",
                    "name the id of the position it answers",
                )
            )
        elif pos.responds_to not in positions:
            others = [p for p in ids if p != pos.anchor]
            searches += 1
            if not others:
                hint = (
                    "there is no other position in this episode yet — remove the option "
                    "or add the position it answers"
                )
            elif searches <= HINT_SEARCHES:
                hint = one_of(pos.responds_to, others, "the id of another position")
            else:
                hint = "name the id of another position in this episode"
            problems.append(
                Problem(
                    episode.path,
                    line,
                    f"'responds_to: {pos.responds_to}' names no position in this episode",
                    hint,
                )
            )
    return problems
