"""Check an episode against the catalog: every id it names must exist, every in-page link
must land, every answered position must be there."""

from __future__ import annotations

import re
import unicodedata

from .catalog import Loaded
from .checks import shown
from .errors import Problem, nearest, one_of
from .model import Catalog, Episode, Position, Subheading
from .refs import HINT_SEARCHES, check_refs

_LINE_ANCHOR = re.compile(r"L\d+(?:\.\d+)?")
HINT_CANDIDATES = 500
"""Most anchors a "did you mean" hint compares a broken link with."""


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
    problems += _statements(episode)
    problems += _turns(episode, site.catalog, site.rel)
    return problems


def _turns(episode: Episode, catalog: Catalog, data_rel: str) -> list[Problem]:
    """Lines that start with '@' but are not a speaker turn ('@<actor id>' alone)."""
    problems = []
    for ref in episode.refs:
        if ref.scheme != "turn":
            continue
        guess = speaker_guess(ref.target, catalog)
        hint = f"did you mean '@{guess}'? " if guess else ""
        problems.append(
            Problem(
                episode.path,
                ref.source_line,
                f"'@{shown(ref.target, 60)}' is not a speaker turn",
                hint + "a turn is '@<actor id>' alone on its line (the ids are in "
                f"{data_rel}/actors.yml); if these are words, start the line with '\\@'",
            )
        )
    return problems


def speaker_guess(text: str, catalog: Catalog) -> str | None:
    """The actor id a malformed turn most likely means: an actor's name or id written
    otherwise (``@Chris Benson``, ``@chris benson``), else the nearest id or name."""
    key = unicodedata.normalize("NFC", text).casefold().strip()
    by_text: dict[str, str] = {}
    for aid, actor in catalog.actors.items():
        for name in (aid, *actor.name.all(), aid.replace("-", " ")):
            by_text.setdefault(unicodedata.normalize("NFC", name).casefold(), aid)
    if key in by_text:
        return by_text[key]
    near = nearest(key, list(by_text)[:HINT_CANDIDATES])
    return by_text[near] if near is not None else None


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


def _statements(episode: Episode) -> list[Problem]:
    """The passages of one statement take one stance on a policy: lists show every passage
    under the statement's stance, so two stances would put it in two places."""
    stated: dict[tuple[str, str], tuple[str, int]] = {}
    problems = []
    for pos in episode.positions:
        if not (pos.statement and pos.stance):
            continue
        line = pos.option_lines.get("stance", pos.source_line)
        for pid in pos.policies or ("",):
            first = stated.setdefault((pos.statement, pid), (pos.stance, line))
            if first[0] != pos.stance:
                problems.append(
                    Problem(
                        episode.path,
                        line,
                        f"'stance: {pos.stance}' differs from 'stance: {first[0]}' (line "
                        f"{first[1]}) of the same 'statement: {pos.statement}'",
                        "give the stance once, on the passage whose words state it, or give "
                        "the passages different statements",
                    )
                )
    return problems


def _line_hint(episode: Episode) -> str:
    lines = episode.lines
    last = lines[-1].anchor if lines else "L0"  # "no lines" is reported too
    return f"the episode has {len(lines)} transcript lines: link one of #L1 to #{last}"


def _anchor_links(episode: Episode) -> list[Problem]:
    links = [r for r in episode.refs if r.scheme == "anchor"]
    if not links:
        return []
    anchors = episode_anchors(episode)
    named: list[str] | None = None  # computed once, for the first broken link only
    line_hint: str | None = None
    hints: dict[str, str] = {}
    problems = []
    for ref in links:
        if ref.target in anchors:
            continue
        if ref.target not in hints:
            if _LINE_ANCHOR.fullmatch(ref.target):
                line_hint = line_hint or _line_hint(episode)  # once: it walks every line
                hints[ref.target] = line_hint
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


def check_folder(uri: str, episode: Episode) -> list[Problem]:
    """An episode filed under a year folder (``2025/x.md``) must be dated in that year: its
    address says the year. A correction that changed the date (``previous_date``) keeps it
    where it was published."""
    folder = uri.split("/", 1)[0]
    date = episode.meta.date
    if not (len(folder) == 4 and folder.isdigit() and "/" in uri and date is not None):
        return []
    was = {c.previous_date.year for c in episode.meta.corrections if c.previous_date}
    if date.year == int(folder) or int(folder) in was:
        return []
    return [
        Problem(
            episode.path,
            episode.meta.lines.get("date", 1),
            f"the episode is dated {date.isoformat()} but filed under {folder}/",
            f"move the file to {date.year}/ (its address follows the folder); if the date "
            "was corrected after the page was published, keep the file and record the old "
            "date in that correction: '- {date: …, change: …, reason: …, previous_date: "
            f"{folder}-…}}'",
        )
    ]
