"""Speakers in the common transcript shapes, for the importer (pure Python).

Recognised at the start of a line: ``Name: words``, ``**Name:** words``, ``[Name] words``
(speaker labels), after which an inline timestamp ``[00:12:34]`` or ``(12:34)`` may stand.
A label counts only when it looks like a name and the same name labels at least two lines
or is a known actor's name, so that "Note: …" or "[laughs]" stay words. Sound cues such as
``[laughs]`` are kept as words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from .inline import ID_MAX, is_id
from .model import Catalog

_NAME = r"[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,3}"
LABEL_RES = (
    re.compile(rf"^\*\*(?P<name>{_NAME})\s*[:：]\*\*\s*(?P<rest>.*)\Z"),  # **Name:** words
    re.compile(rf"^\*\*(?P<name>{_NAME})\*\*\s*[:：]\s*(?P<rest>.*)\Z"),  # **Name**: words
    re.compile(rf"^\[(?P<name>{_NAME})\]\s+(?P<rest>.+)\Z"),  # [Name] words
    re.compile(rf"^(?P<name>{_NAME})\s*[:：]\s+(?P<rest>.+)\Z"),  # Name: words
)
STAMP_RES = (
    re.compile(r"^\[(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,]\d+)?\]\s*"),  # [00:12:34]
    re.compile(r"^\((?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,]\d+)?\)\s*"),  # (12:34)
)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")


def unescape_markdown(line: str) -> str:
    """Undo a Markdown transcript's backslash escapes (``\\[laughs\\]`` -> ``[laughs]``)."""
    return _MD_ESCAPE.sub(r"\1", line)


def split_label(line: str) -> tuple[str | None, str]:
    """``(name, rest)`` when the line starts with a speaker label shape, else ``(None, line)``."""
    for pattern in LABEL_RES:
        m = pattern.match(line)
        if m is not None:
            return m.group("name").strip(), m.group("rest")
    return None, line


def split_stamp(line: str) -> tuple[float | None, str]:
    """``(seconds, rest)`` for a leading inline timestamp, else ``(None, line)``."""
    for pattern in STAMP_RES:
        m = pattern.match(line)
        if m is not None:
            h, mm, ss = int(m.group(1) or 0), int(m.group(2)), int(m.group(3))
            if mm < 60 and ss < 60:
                return float(h * 3600 + mm * 60 + ss), line[m.end() :]
    return None, line


def _shape(line: str) -> tuple[int, str] | None:
    for i, pattern in enumerate(LABEL_RES):
        m = pattern.match(line)
        if m is not None:
            return i, m.group("name").strip()
    return None


_FULL_NAME = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)+\Z")
_PLAIN = len(LABEL_RES) - 1  # the shape "Name: words"


def speaker_names(lines: Iterable[str], known: Iterable[str] = ()) -> set[str]:
    """The label names that are speakers. Known actors' names always count. A marked-up
    shape (``**Name:**``, ``[Name]``) counts for every name once the file uses it on two
    lines; a plain ``Name:`` counts when the name labels two lines or more, or is a full
    name ("Li Wei") in a file whose plain labels name a speaker twice ("Note:" stays words).
    """
    shapes = [s for s in map(_shape, lines) if s is not None]
    known_folded = {k.casefold() for k in known}
    per_shape = Counter(i for i, _ in shapes)
    counts = Counter(name for _, name in shapes)
    plain_used = any(counts[n] >= 2 for i, n in shapes if i == _PLAIN)
    return {
        name
        for i, name in shapes
        if name.casefold() in known_folded
        or (i != _PLAIN and per_shape[i] >= 2)
        or counts[name] >= 2
        or (plain_used and _FULL_NAME.match(name) is not None)
    }


def id_for(name: str, taken: Iterable[str] = ()) -> str:
    """A new actor id from a name: lower-case ASCII words joined by hyphens
    (``Jerod Santo`` -> ``jerod-santo``); ``speaker-<n>`` when no ASCII is left."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    rid = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:ID_MAX].strip("-")
    used = set(taken)
    if not is_id(rid):
        rid, k = "speaker-1", 1
        while rid in used:
            k += 1
            rid = f"speaker-{k}"
    return rid


def actor_ids(names: Iterable[str], catalog: Catalog) -> dict[str, str]:
    """Each speaker name -> an actor id: an existing actor whose name (in any language)
    matches it, else a new id made from the name."""
    by_name: dict[str, str] = {}
    for aid, actor in catalog.actors.items():
        for text in (actor.name.zh, actor.name.en):
            by_name.setdefault(text.casefold(), aid)
    out: dict[str, str] = {}
    taken = set(catalog.actors)
    for name in names:
        rid = by_name.get(name.casefold()) or id_for(name, taken)
        taken.add(rid)
        out[name] = rid
    return out
