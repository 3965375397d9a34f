"""Speakers in the common transcript shapes, for the importer (pure Python).

Recognised at the start of a line: ``Name: words``, ``**Name:** words``, ``[Name] words``
(speaker labels), after which an inline timestamp ``[00:12:34]`` or ``(12:34)`` may stand.
A label counts only when it looks like a name and the same name labels at least two lines
or is a known actor's name, so that "Note: …" or "[laughs]" stay words. Sound cues such as
``[laughs]`` are kept as words.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator

from .inline import ID_MAX, is_id
from .model import Catalog
from .schema import RESERVED_IDS

# a name: up to four words, each starting with a letter ("Li Wei", "AT&T", "Q>A Bot"), or
# "&" between two ("Tom & Jerry")
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
"""Combining marks: a name typed in NFD ("Jose" + U+0301) is still a name."""
_WORD = rf"[^\W\d_][\w{_MARKS}.'’&>+-]*"
_NAME = rf"{_WORD}(?: (?:{_WORD}|&)){{0,3}}"
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
MD_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
"""A Markdown backslash escape (``\\[``, ``\\_``, ``\\*`` …)."""


def unescape_markdown(line: str) -> str:
    """Undo a Markdown transcript's backslash escapes (``\\[laughs\\]`` -> ``[laughs]``)."""
    return MD_ESCAPE_RE.sub(r"\1", line)


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
    known_folded = {same_name(k) for k in known}
    per_shape = Counter(i for i, _ in shapes)
    counts = Counter(name for _, name in shapes)
    plain_used = any(counts[n] >= 2 for i, n in shapes if i == _PLAIN)
    return {
        name
        for i, name in shapes
        if same_name(name) in known_folded
        or (i != _PLAIN and per_shape[i] >= 2)
        or counts[name] >= 2
        or (plain_used and _FULL_NAME.match(name) is not None)
    }


def fold(text: str) -> str:
    """What two names or ids are compared as: NFC, case-folded, ASCII-folded
    (``José`` and ``jose``, ``Dr-Smith`` and ``dr-smith`` fold alike)."""
    folded = unicodedata.normalize("NFC", text).casefold()
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return ascii_text or folded


def id_for(name: str, taken: Iterable[str] = ()) -> str:
    """A new actor id from a name: lower-case ASCII words joined by hyphens
    (``Jerod Santo`` -> ``jerod-santo``); ``speaker-<n>`` when no ASCII is left.

    The id is never one of ``taken`` (compared after :func:`fold`) nor reserved
    (``index``): ``-2``, ``-3`` … is added until it is free (``Dr. Smith`` and
    ``Dr Smith`` become ``dr-smith`` and ``dr-smith-2``).
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:ID_MAX].strip("-")
    used = {fold(t) for t in taken} | {fold(r) for r in RESERVED_IDS}
    candidates: Iterator[str]
    if not is_id(base):
        base = "speaker"
        candidates = (f"speaker-{k}" for k in itertools.count(1))
    else:
        candidates = itertools.chain([base], (_suffixed(base, k) for k in itertools.count(2)))
    return next(c for c in candidates if fold(c) not in used)


def _suffixed(base: str, k: int) -> str:
    tail = f"-{k}"
    return base[: ID_MAX - len(tail)].rstrip("-") + tail


def same_name(name: str) -> str:
    """A name as speakers and actors are matched: NFC and case-folded (a label typed in
    NFD matches the same name in NFC)."""
    return unicodedata.normalize("NFC", name).strip().casefold()


def actor_ids(
    names: Iterable[str],
    catalog: Catalog,
    taken: Iterable[str] = (),
    new: dict[str, str] | None = None,
) -> dict[str, str]:
    """Each speaker name -> an actor id: an existing actor whose name (in any language)
    matches it, else a new id made from the name, unique against the catalog's ids,
    ``taken`` (other ids in use, such as every key of ``data/actors.yml``), each other
    and the reserved ids. ``new`` (compared name -> id) holds the new actors of earlier
    calls, and gets this call's."""
    by_name: dict[str, str] = {}
    for aid, actor in catalog.actors.items():
        for text in actor.name.all():
            by_name.setdefault(same_name(text), aid)
    out: dict[str, str] = {}
    new = {} if new is None else new  # a name said twice (NFC, any case) is one new actor
    used = set(catalog.actors) | set(taken) | set(new.values())
    for name in names:
        key = same_name(name)
        rid = by_name.get(key) or new.get(key)
        if rid is None:
            rid = new[key] = id_for(name, used)
            used.add(rid)
        out[name] = rid
    return out


NOTE = "NOTE "
"""How the site's ``transcript.txt`` starts a note about the file (unreviewed automatic
captions) in its first paragraph, as WebVTT does: the reader leaves that paragraph out, and
a transcript line that starts so is escaped."""


def misread(line: str, subtitles: bool = False) -> bool:
    """Whether a line of the site's own ``transcript.txt`` (or, with ``subtitles``, of its
    ``.srt``) would be read as something other than words: an escape, a speaker turn or
    label, a timestamp, a note (or a cue number, a timing line). The exporters write such a line
    with one leading ``\\``, and the readers drop it again: one rule on both sides."""
    return (
        line.startswith(("\\", "@", NOTE))
        or re.match(r"\[\d", line) is not None
        or split_label(line)[0] is not None
        or (subtitles and (line.strip().isdigit() or "-->" in line))
    )


def escape_misread(line: str, subtitles: bool = False) -> str:
    """``line`` as the site's text or SRT exports write it (see :func:`misread`)."""
    return "\\" + line if misread(line, subtitles) else line


def unescape_misread(line: str, subtitles: bool = False) -> tuple[str, bool]:
    """``(words, escaped)``: a line of the site's exports without its escape, if it has
    one (see :func:`misread`)."""
    if line.startswith("\\") and misread(line[1:], subtitles):
        return line[1:], True
    return line, False
