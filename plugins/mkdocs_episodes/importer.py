"""Transcripts -> an episode file: a draft (``episodes new``) or an unannotated episode
(``episodes import``).

Files are read by :mod:`.readers` (every shape shows have, with ``webvtt-py`` and ``srt``
for subtitles); every cue's text is kept, the first line of each cue stamped with its start
time. Lines that would read as markup get the format's ``\\`` escape, so the file builds
as it is and shows exactly the words of the source.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .blocks import BLOCKS
from .inline import LINK_RE
from .model import Imported
from .parse import FENCE_OPEN_RE, TIMESTAMP_LIKE_RE, option_like, slugify
from .readers import MARKERS, read_file
from .sentences import split_sentences
from .speakers import id_for
from .transcript import Cue, ImportError_, Transcript, read_text

__all__ = [
    "Cue",
    "ImportError_",
    "Transcript",
    "draft",
    "literal",
    "load_transcript",
    "read_text",
    "read_transcript",
    "slug_for",
    "source_name",
    "stamp",
]


def load_transcript(
    path: Path,
    known: Iterable[str] = (),
    *,
    markers: Iterable[str] = MARKERS,
    sentences: bool = False,
) -> Transcript:
    """Read a transcript file of any shape (:mod:`.readers`); with ``sentences``, long
    lines are split at sentence ends (:mod:`.sentences`), each piece a line of its cue."""
    transcript = read_file(path, known, markers)
    if sentences:
        transcript.cues = [
            replace(c, lines=tuple(p for line in c.lines for p in split_sentences(line)))
            for c in transcript.cues
        ]
    return transcript


def read_transcript(path: Path, known: Iterable[str] = ()) -> list[Cue]:
    """The cues of a transcript file (see :func:`load_transcript`)."""
    return load_transcript(path, known).cues


def stamp(seconds: float) -> str:
    """``[mm:ss]`` or ``[h:mm:ss]`` (whole seconds, rounded down)."""
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    return f"[{h}:{m:02d}:{s:02d}]" if h else f"[{m:02d}:{s:02d}]"


# any block's options: a line like "source: …" would be misread as a mis-indented option
# once an editor puts a block opener above it
OPTION_NAMES = frozenset(k for kind in BLOCKS.values() for k in kind.option_set.fields)


def literal(line: str) -> str:
    """Escape what the episode format would read as markup, so the words stay as they are.

    A line that would start a heading, fence, block, timestamp or speaker turn (any line
    starting with ``@``), or read as a block option (``source: …``), gets a leading
    ``\\``;
    ``[words](target)`` inside a line gets ``\\[`` so it does not become a link.
    """
    line = LINK_RE.sub(lambda m: "\\" + m.group(0), line)
    if (
        line.startswith(("\\", "///", "#", "@"))
        or FENCE_OPEN_RE.match(line)
        or TIMESTAMP_LIKE_RE.match(line)
        or option_like(line, OPTION_NAMES)
    ):
        return "\\" + line
    return line


def duration_text(seconds: float) -> str | None:
    """A length as the front matter writes it: ``"mm:ss"`` or ``"h:mm:ss"`` (None from
    100 hours, which the format cannot write)."""
    h, rest = divmod(int(seconds), 3600)
    if h >= 100:
        return None
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


def chapter_places(cues: Sequence[Cue], chapters: Sequence[tuple[float, str]]) -> list[int]:
    """For each chapter ``(start, title)``, the index of the first cue whose start is at or
    after the chapter's start (-1 when there is none: the chapter is left out)."""
    starts = [(c.start, i) for i, c in enumerate(cues) if c.start is not None and c.lines]
    out = []
    for at, _ in chapters:
        out.append(next((i for s, i in starts if s is not None and s >= at), -1))
    return out


# what a front-matter text refuses (controls, line and paragraph separators, bidirectional
# controls): never in a heading the importer writes, nor in a file name it records
_UNWRITABLE = re.compile("[\x00-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def source_name(path: Path) -> str:
    """The file name recorded as ``imported.from`` (and matched on later runs): as it is,
    with any character the front matter refuses shown as ``?``."""
    return _UNWRITABLE.sub("?", path.name)


def heading(title: str, n: int) -> str | None:
    """A chapter title as a ``## `` heading line (None when nothing visible is left);
    a title ending in ``}`` gets an explicit anchor so it is not read as one."""
    text = " ".join(_UNWRITABLE.sub(" ", title).split())
    if not text:
        return None
    return f"## {text} {{#chapter-{n}}}" if text.endswith("}") else f"## {text}"


def draft(
    cues: list[Cue],
    *,
    title: str,
    date: dt.date,
    show: str,
    video: str | None = None,
    ids: dict[str, str] | None = None,
    hosts: tuple[str, ...] = (),
    guests: tuple[str, ...] = (),
    is_draft: bool = True,
    duration: str | None = None,
    language: str | None = None,
    summary: str | None = None,
    imported: Imported | None = None,
    chapters: Sequence[tuple[float, str]] = (),
) -> str:
    """The episode file: front matter and every cue's lines.

    Timed cues become consecutive lines, the first stamped ``[mm:ss]``; untimed text keeps
    its paragraphs. Where the speaker changes, a turn ``@<actor id>`` (``ids`` maps each
    speaker's name to an actor id) stands on its own line before the words. ``chapters``
    ``(start, title)`` become ``## `` headings before the first line at or after their
    start. With ``imported``, the file says where its words come from and that they are
    not annotated yet (``annotated: false``); ``is_draft`` adds ``draft: true``.
    """
    front = _Front(
        title=title,
        date=date,
        show=show,
        video=video,
        duration=duration,
        language=language,
        hosts=hosts,
        guests=guests,
        summary=summary,
        is_draft=is_draft,
        imported=imported,
    )
    body = _body(cues, ids or {}, _chapter_headings(cues, chapters))
    return "\n".join(front.lines() + body) + "\n"


@dataclass(frozen=True)
class _Front:
    """The front matter :func:`draft` writes."""

    title: str
    date: dt.date
    show: str
    video: str | None
    duration: str | None
    language: str | None
    hosts: tuple[str, ...]
    guests: tuple[str, ...]
    summary: str | None
    is_draft: bool
    imported: Imported | None

    def lines(self) -> list[str]:
        """The front matter's lines, ``---`` to ``---`` and the blank line after."""
        front = [
            "---",
            f"title: {json.dumps(self.title, ensure_ascii=False)}",
            f"date: {self.date.isoformat()}",
            f"show: {self.show}",
        ]
        if self.video:
            front.append(f"video: {json.dumps(self.video)}")
        if self.duration:
            front.append(f"duration: {json.dumps(self.duration)}")
        if self.language:
            front.append(f"language: {json.dumps(self.language)}")
        if self.hosts:
            front.append(f"hosts: [{', '.join(self.hosts)}]")
        if self.guests:
            front.append(f"guests: [{', '.join(self.guests)}]")
        if self.summary:
            front.append(f"summary: {json.dumps(self.summary, ensure_ascii=False)}")
        if self.is_draft:
            front.append("draft: true")
        if self.imported is not None:
            front += _imported_lines(self.imported)
        return [*front, "---", ""]


def _imported_lines(imported: Imported) -> list[str]:
    """Where the words come from, and that they are not annotated yet."""
    return [
        "annotated: false",
        "imported:",
        f"  from: {json.dumps(imported.source, ensure_ascii=False)}",
        f"  sha256: {imported.sha256}",
        f"  kind: {imported.kind}",
        f"  reviewed: {'true' if imported.reviewed else 'false'}",
    ]


def _chapter_headings(
    cues: Sequence[Cue], chapters: Sequence[tuple[float, str]]
) -> dict[int, list[str]]:
    """The chapters' heading lines, by the index of the cue they stand before."""
    before: dict[int, list[str]] = {}
    for n, (at, (_, name)) in enumerate(
        zip(chapter_places(cues, chapters), chapters, strict=False), 1
    ):
        line = heading(name, n)
        if at >= 0 and line is not None:
            before.setdefault(at, []).append(line)
    return before


def _body(cues: list[Cue], ids: dict[str, str], before: dict[int, list[str]]) -> list[str]:
    """The transcript's lines: each cue's, after the headings ``before`` it and, where
    the speaker changes, a turn."""
    body: list[str] = []
    speaker = None
    for i, cue in enumerate(cues):
        if not cue.lines:
            continue
        for line in before.get(i, ()):
            _end_paragraph(body)
            body += [line, ""]
        if cue.speaker and cue.speaker != speaker:
            _end_paragraph(body)
            body.append(f"@{ids.get(cue.speaker) or id_for(cue.speaker)}")
            speaker = cue.speaker
        body += _cue_lines(cue)
    while body and body[-1] == "":
        body.pop()
    return body


def _end_paragraph(body: list[str]) -> None:
    """A blank line after the lines so far, unless there is one (or none)."""
    if body and body[-1] != "":
        body.append("")


def _cue_lines(cue: Cue) -> list[str]:
    """A cue's lines, escaped: timed, the first stamped; untimed, a paragraph."""
    lines = [literal(line) for line in cue.lines]
    if cue.start is None:
        return [*lines, ""]
    # after a timestamp nothing reads as markup: the escape is not needed there
    first = lines[0][1:] if lines[0].startswith("\\") else lines[0]
    return [f"{stamp(cue.start)} {first}", *lines[1:]]


def slug_for(title: str) -> str:
    """A readable file name from the title: Chinese kept, punctuation to hyphens, <= 60."""
    slug = slugify(re.sub(r"[^\w\s-]+", " ", title))[:60].strip("-")
    return slug or "episode"
