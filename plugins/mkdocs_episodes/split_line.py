"""``episodes split FILE L57``: one transcript line split at its sentence ends, in place.

In a draft that is all: the lines after it are renumbered, nobody links them yet. In a
published episode the split is a correction, so the command also records it under
``corrections:`` with ``split: {L57: n}``. The parts are then numbered ``L57``, ``L57.2``, …
and every later line keeps the number it was published with: a reader's ``#L58`` link still
shows the same words (:meth:`~.parse._Parser.next_line`).

Not one character changes except the whitespace at each cut, which becomes the line break;
the result is parsed again and written only if every line's words and every other line's
anchor are what they were.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .actors_file import write_atomic
from .i18n import labels
from .importer import ImportError_, literal
from .inline import LINK_RE
from .model import Episode, Line
from .parse import TIMESTAMP_RE, parse_episode, split_lines
from .sentences import split_sentences
from .textfile import decode

_ANCHOR = re.compile(r"#?L?(\d+(?:\.\d+)?)\Z")
_TOP_KEY = re.compile(r"corrections:[ \t]*(?:\[\s*\])?[ \t]*(?:#.*)?\Z")


@dataclass(frozen=True)
class Split:
    """What ``episodes split`` did (or, with ``dry_run``, would do)."""

    line: int
    """The source line that was split."""
    anchors: tuple[str, ...]
    """The parts' anchors after the split."""
    pieces: tuple[str, ...]
    """The source lines that replace it."""
    corrected: bool
    """A correction records it (the episode is published, or its numbers already follow
    recorded splits)."""


def split_line(
    path: Path,
    rel: str,
    which: str,
    today: dt.date,
    language: str | None,
    reason: str | None,
    dry_run: bool = False,
) -> Split:
    """Split the line ``which`` (``L57``, ``57``, ``#L57.2``) of the episode at ``path``
    (``rel`` in messages) at its sentence ends; raise :class:`ImportError_` with the fix
    when it cannot be done. The file keeps its line endings and byte order mark."""
    wanted = _wanted(which, reason)
    raw = path.read_bytes()
    raw_text, unreadable = decode(raw, rel)
    if raw_text is None:
        raise ImportError_(str(unreadable))
    episode, before = parse_episode(raw_text, rel)
    at = _find(episode, wanted, rel)
    line = episode.lines[at]
    lines = split_lines(raw_text)
    pieces = _pieces(lines[line.source_line - 1], rel, line)
    new = lines[: line.source_line - 1] + pieces + lines[line.source_line :]
    # numbers readers may hold: a published episode's, or any that follow recorded splits
    corrected = not episode.meta.draft or any(c.split for c in episode.meta.corrections)
    anchors = _anchors(line, len(pieces))
    item: list[str] = []
    if corrected:
        _last_part(episode, at, rel)
        item = _correction(anchors, line.anchor, today, language, reason)
        new = _with_correction(new, rel, item)
    text = _eol(raw).join(new)
    after, problems = parse_episode(text, rel)
    if corrected and not _recorded(after, today, anchors):
        raise ImportError_(
            f"{rel}:{episode.meta.lines.get('corrections', 1)}: the front matter's "
            "corrections could not be extended automatically — nothing was written; add this "
            "correction under corrections: by hand, then split the line by hand:\n"
            + "\n".join(item)
        )
    if len(problems) > len(before):
        new_problem = next((p for p in problems if p not in before), problems[-1])
        raise ImportError_(f"{new_problem} — nothing was written; split this line by hand")
    _same_words(episode, after, line, len(pieces), corrected, rel)
    if not dry_run:
        bom = "\ufeff" if raw.startswith(codecs.BOM_UTF8) else ""
        write_atomic(path, bom + text)
    return Split(line.source_line, anchors, tuple(pieces), corrected)


def _wanted(which: str, reason: str | None) -> str:
    """The anchor asked for (``L57.2``), the command line checked."""
    m = _ANCHOR.match(which.strip())
    if m is None:
        raise ImportError_(f"'{which}' is not a line anchor — write it as L57 (or L57.2)")
    if reason is not None and (
        not reason.strip() or any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in reason)
    ):
        raise ImportError_("--reason must be visible text on one line — write why, in words")
    return f"L{m.group(1)}"


def _find(episode: Episode, anchor: str, rel: str) -> int:
    """The index of the line ``anchor`` among the episode's transcript lines."""
    at = next((i for i, ln in enumerate(episode.lines) if ln.anchor == anchor), None)
    if at is None:
        last = episode.lines[-1].anchor if episode.lines else "none"
        raise ImportError_(f"{rel}: there is no line {anchor} — its lines are L1 to {last}")
    return at


def _anchors(line: Line, count: int) -> tuple[str, ...]:
    """The anchors of the parts ``line`` becomes (``L57``, ``L57.2``… or, for the last part
    ``L57.3`` of a split line, ``L57.3``, ``L57.4``…)."""
    whole, _, part = line.shown.partition(".")
    first = int(part) if part else 1
    return tuple(f"L{whole}" if k == 1 else f"L{whole}.{k}" for k in range(first, first + count))


def _last_part(episode: Episode, at: int, rel: str) -> None:
    """Refuse to split a line whose published line has parts after it: their numbers
    would change."""
    line = episode.lines[at]
    whole = line.shown.split(".")[0]
    nxt = episode.lines[at + 1] if at + 1 < len(episode.lines) else None
    if nxt is not None and nxt.shown.startswith(f"{whole}."):
        raise ImportError_(
            f"{rel}:{line.source_line}: {line.anchor} is followed by {nxt.anchor}, another "
            f"part of L{whole}, whose number would change — split the last part of "
            f"L{whole} instead"
        )


def _recorded(after: Episode, today: dt.date, anchors: tuple[str, ...]) -> bool:
    """Whether the episode read back holds the correction that records the split."""
    whole = int(anchors[0][1:].split(".")[0])
    return any(c.date == today and (whole, len(anchors)) in c.split for c in after.meta.corrections)


def _eol(raw: bytes) -> str:
    """The file's line ending, kept."""
    return "\r\n" if b"\r\n" in raw else "\r" if b"\r" in raw else "\n"


def _pieces(raw: str, rel: str, line: Line) -> list[str]:
    """The source line cut at its sentence ends (at least two pieces, or refused)."""
    parts = _cut(raw, rel, line)
    if len(parts) == 1:
        raise ImportError_(
            f"{rel}:{line.source_line}: {line.anchor} has no sentence end to split at "
            "(outside links) — leave it whole, or split it by hand in a draft"
        )
    return parts


def _cut(raw: str, rel: str, line: Line) -> list[str]:
    """The source line cut at its sentence ends, each piece written so that it reads back
    as the same words (a timestamp stays on the first; markup-like starts are escaped)."""
    indent = raw[: len(raw) - len(raw.lstrip())]
    text = raw.strip()
    if text.startswith("\\"):  # a literal line: every part stays literal
        return [f"{indent}\\{p}" for p in split_sentences(text[1:])]
    stamp = ""
    if (ts := TIMESTAMP_RE.match(text)) is not None:
        stamp, text = text[: ts.end()], text[ts.end() :]
    links = [mm.span() for mm in LINK_RE.finditer(text)]
    out: list[str] = []
    starts: list[int] = []
    pos = 0
    for piece in split_sentences(text):
        start = text.index(piece, pos)  # pieces are in order and unchanged
        pos = start + len(piece)
        if out and any(a < start < b for a, b in links):  # never cut inside [words](target)
            out[-1] = text[starts[-1] : pos]
            continue
        starts.append(start)
        out.append(piece)
    first, *rest = out
    parts = [f"{indent}{stamp}{first}"]
    for piece in rest:
        if LINK_RE.search(piece) is None:
            parts.append(f"{indent}{literal(piece)}")
            continue
        # a piece with a link cannot be made literal: it must not start like markup
        probe = LINK_RE.sub(lambda mm: "w" * len(mm.group(0)), piece)
        if literal(probe) != probe:
            raise ImportError_(
                f"{rel}:{line.source_line}: a sentence of {line.anchor} would start like "
                "markup and holds a link — split this line by hand"
            )
        parts.append(f"{indent}{piece}")
    return parts


def _correction(
    anchors: tuple[str, ...], was: str, today: dt.date, language: str | None, reason: str | None
) -> list[str]:
    """The YAML lines of the correction that records the split (as a list item)."""
    t = labels(language).table
    shown = t["split.sep"].join(f"#{a}" for a in anchors)
    change = t["split.change"].format(anchor=was, count=len(anchors), anchors=shown)
    why = reason.strip() if reason else t["split.reason"]
    whole = anchors[0].split(".")[0]
    return [
        f"  - date: {today.isoformat()}",
        f"    change: {json.dumps(change, ensure_ascii=False)}",
        f"    reason: {json.dumps(why, ensure_ascii=False)}",
        f"    split: {{{whole}: {len(anchors)}}}",
    ]


def _with_correction(lines: list[str], rel: str, item: list[str]) -> list[str]:
    """``lines`` with the correction ``item`` added to the front matter's ``corrections:``
    (checked by reading the result back: a layout this cannot extend is refused)."""
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if not lines or lines[0].rstrip() != "---" or end is None:
        raise ImportError_(f"{rel}:1: the front matter is not closed — fix it, then split")
    at = next((i for i in range(1, end) if _TOP_KEY.match(lines[i])), None)
    if at is None:
        return [*lines[:end], "corrections:", *item, *lines[end:]]
    if "[" in lines[at]:  # corrections: []
        lines = [*lines[:at], "corrections:", *lines[at + 1 :]]
    nxt = lines[at + 1] if at + 1 < end else ""
    indent = nxt[: len(nxt) - len(nxt.lstrip())] if nxt.lstrip().startswith("- ") else "  "
    item = [indent + ln[2:] for ln in item]
    return lines[: at + 1] + item + lines[at + 1 :]


def _same_words(
    before: Episode, after: Episode, line: Line, count: int, published: bool, rel: str
) -> None:
    """The split changed no word and, in a published episode, no other line's anchor."""
    old = [(ln.anchor, ln.words) for ln in before.lines]
    new = [(ln.anchor, ln.words) for ln in after.lines]
    i = next(k for k, ln in enumerate(before.lines) if ln.number == line.number)
    parts = [w for _, w in new[i : i + count]]
    ok = (
        len(new) == len(old) + count - 1
        and new[:i] == old[:i]
        and "".join("".join(p.split()) for p in parts) == "".join(line.words.split())
        and (not published or new[i + count :] == old[i + 1 :])
        and [w for _, w in new[i + count :]] == [w for _, w in old[i + 1 :]]
    )
    if not ok:
        raise ImportError_(
            f"{rel}:{line.source_line}: splitting {line.anchor} would change other lines "
            "— nothing was written; split it by hand, and please report this"
        )
