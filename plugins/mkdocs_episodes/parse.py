"""Parse an episode file (front matter + transcript Markdown) into an :class:`Episode`.

Pure Python: no MkDocs imports. The parser never raises on author input; it returns the
best model it can and a list of :class:`Problem` (``path:line: what — how to fix``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from .blocks import BLOCKS, BlockKind
from .errors import Problem, internal_error, nearest, one_of
from .fields import MISSING, Field, FieldSet, value
from .inline import ANCHOR_RE, ID_HINT, ID_MAX, is_id, parse_inline
from .model import (
    Block,
    Code,
    Episode,
    Line,
    Meta,
    Paragraph,
    Ref,
    RefUse,
    Segment,
    Subheading,
    Text,
    Timestamp,
)
from .schema import FRONT_MATTER, corrections
from .yamlsrc import Doc, YamlError, line_at, load

# C0 controls and DEL (tab aside; line breaks are already split): not text anyone can read,
# and invalid in the XML feed and in subtitles
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MARKUP_STARTS = frozenset("#`~/\\[@")  # first characters that can begin markup
# "@jerod-santo" alone on a line: from here on, that actor speaks (a turn, never words)
SPEAKER_RE = re.compile(r"^@([a-z0-9]+(?:-[a-z0-9]+)*)\Z")
FENCE_OPEN_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
BLOCK_RE = re.compile(r"^///(?P<rest>.*)\Z")
TIMESTAMP_RE = re.compile(r"^\[(?:(\d{1,2}):)?(\d{1,3}):(\d{2})\]\s*")
TIMESTAMP_LIKE_RE = re.compile(r"^\[\d[\d:.]*\]")
# "key: value" with the wrong indentation right under a block header
OPTION_LIKE_RE = re.compile(r"^[ \t]*([a-z_]+):(?:[ \t]|\Z)")


def parse_episode(text: str, path: str) -> tuple[Episode, list[Problem]]:
    """Parse one episode file. ``path`` is relative to the site root, for messages."""
    try:
        return _Parser(text, path).run()
    except Exception as e:  # a bug of ours must not stop build or serve
        return Episode(path, Meta(), [Segment(None, None, 1)]), [internal_error(path, e)]


def split_lines(text: str) -> list[str]:
    """Split source text into lines the way an editor counts them (BOM and CR ignored)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def slugify(title: str) -> str:
    """A readable anchor from a heading: Chinese characters kept, spaces to hyphens."""
    text = unicodedata.normalize("NFKC", title).strip().lower()
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"[\s_-]+", "-", text).strip("-")


def option_like(line: str, keys: Collection[str]) -> str | None:
    """The key when ``line`` looks like ``key: value`` for one of ``keys`` (or a near
    miss of one), whatever its indentation; else None."""
    m = OPTION_LIKE_RE.match(line)
    if m is None:
        return None
    key = m.group(1)
    return key if key in keys or nearest(key, keys) is not None else None


def heading_of(stripped: str) -> tuple[int, str] | None:
    """``(level, text)`` when a stripped line is an ATX heading (``## 标题``), else None.

    Written out rather than as a regular expression: a pattern such as
    ``#+\\s+(.*?)\\s*$`` backtracks quadratically on a heading full of spaces.
    """
    level = len(stripped) - len(stripped.lstrip("#"))
    if not 1 <= level <= 6:
        return None
    rest = stripped[level:]
    if rest and not rest[0].isspace():
        return None  # "#tag", "#[…]": words
    return level, rest.strip()


def split_heading_id(title: str) -> tuple[str, str | None]:
    """``("标题", "id")`` for ``标题 {#id}``; the id is None when there is none."""
    if not title.endswith("}"):
        return title, None
    open_at = title.rfind("{")
    inner = title[open_at + 1 : -1].strip() if open_at >= 0 else ""
    if not inner.startswith("#") or len(inner) < 2 or any(c.isspace() or c == "}" for c in inner):
        return title, None
    return title[:open_at].rstrip(), inner[1:]


@dataclass
class _OpenBlock:
    kind: BlockKind | None
    name: str
    arg: str
    line: int
    options: dict[str, Any] = field(default_factory=dict)
    option_lines: dict[tuple[Any, ...], int] = field(default_factory=dict)
    cut: dict[tuple[Any, ...], str] = field(default_factory=dict)
    options_broken: bool = False
    """The options were not valid YAML (reported): they are not checked further."""
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def transcript(self) -> bool:
        """Whether the block's lines are transcript lines (unknown kinds: yes)."""
        return self.kind is None or self.kind.transcript


class _Parser:
    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.lines = split_lines(text)
        self.problems: list[Problem] = []
        self.meta = Meta()
        self.segments: list[Segment] = [Segment(None, None, 1)]
        self.refs: list[RefUse] = []
        self.number = 0  # transcript line counter
        self.published = 0  # lines as published: the number readers see (see next_line)
        self.parts_left = 0  # parts of a split line still to come
        self.part = 1
        self.splits: dict[int, int] = {}  # line as published -> lines it became
        self.para: list[Line] = []
        self.block: _OpenBlock | None = None
        self.anchors: dict[str, int] = {}
        self.counters: dict[str, int] = {}
        self.last_stamp: tuple[int, int] | None = None  # (seconds, line) of the last one
        self.speaker: str | None = None  # set by "@id" turns

    def problem(self, line: int, message: str, hint: str) -> None:
        self.problems.append(Problem(self.path, line, message, hint))

    @property
    def in_note(self) -> bool:
        """Inside a block whose lines are not transcript lines (an editor's note)."""
        return self.block is not None and not self.block.transcript

    # --- driver ------------------------------------------------------------------

    def run(self) -> tuple[Episode, list[Problem]]:
        if _CONTROL.search("".join(self.lines)):  # rare: only then look line by line
            for i, raw in enumerate(self.lines, 1):
                if (m := _CONTROL.search(raw)) is not None:
                    what = (
                        "a NUL byte"
                        if m.group() == "\x00"
                        else f"the control character U+{ord(m.group()):04X}"
                    )
                    self.problem(
                        i,
                        f"the line contains {what}",
                        "remove it (it cannot be shown, and breaks feeds and subtitles); "
                        "save the file as UTF-8 text",
                    )
                    self.lines[i - 1] = _CONTROL.sub("", raw)
        start = self.front_matter()
        for fix in self.meta.corrections:
            for n, count in fix.split:
                self.splits[n] = self.splits.get(n, 1) + count - 1
        self.body(start)
        self.check_splits(start)
        episode = Episode(self.path, self.meta, self.segments, self.refs)
        positions = {p.anchor: p for p in episode.positions}
        for note in episode.notes.values():  # a caveat travels with the claim it qualifies
            for pid in note.qualifies:
                if pid in positions:
                    positions[pid].qualified_by.append(note.anchor)
        if not episode.lines and not any(p.line == 1 for p in self.problems):
            self.problem(
                start + 1 if start < len(self.lines) else 1,
                "the episode has no transcript lines",
                "paste the transcript below the front matter, one spoken line per line",
            )
        return episode, self.problems

    # --- front matter --------------------------------------------------------------

    def front_matter(self) -> int:
        """Parse the ``---`` front matter; return the index of the first body line."""
        if not self.lines or self.lines[0].rstrip() != "---":
            self.problem(
                1,
                "the file has no front matter",
                "start it with '---', then 'title:', 'date:' and 'show:' lines, then '---'",
            )
            return 0
        for end in range(1, len(self.lines)):
            if self.lines[end].rstrip() in ("---", "..."):
                break
        else:
            self.problem(1, "the front matter is not closed", "add a line '---' after its last key")
            return len(self.lines)
        try:
            doc = load("\n".join(self.lines[1:end]), first_line=2)
        except YamlError as e:
            self.problem(e.line, f"the front matter is not valid YAML: {e.message}", e.hint)
            return end + 1
        data = {} if doc.data is None else doc.data
        if not isinstance(data, dict):
            self.problem(2, "the front matter is not a mapping of keys", "write 'key: value' lines")
            return end + 1
        self.read_meta(doc, data)
        return end + 1

    def read_meta(self, doc: Doc, data: dict[Any, Any]) -> None:
        """Read the front matter (checked) into :attr:`meta`; note its references."""
        self.meta.lines = {str(k[0]): v for k, v in doc.lines.items() if len(k) == 1}

        def report(at: tuple[Any, ...], what: str, hint: str) -> None:
            self.problem(line_at(doc.lines, at, 1), what, hint)

        values, refs = FRONT_MATTER.read(data, report, doc.cut)
        for key, v in values.items():
            if v is not MISSING:
                setattr(self.meta, key, v)
        self.meta.corrections = corrections(values["corrections"])
        for scheme, target, at in refs:
            self.refs.append(RefUse(scheme, target, line_at(doc.lines, at, 1)))

    # --- body --------------------------------------------------------------------------

    def body(self, start: int) -> None:
        i = start
        n = len(self.lines)
        while i < n:
            raw = self.lines[i]
            lineno = i + 1
            stripped = raw.strip()
            if stripped and stripped[0] not in MARKUP_STARTS and raw[0] not in " \t":
                # most lines are plain words: no markup can start here
                self.text_line(stripped, lineno)
                i += 1
                continue
            if stripped.startswith("\\"):
                # "\" makes the rest of the line literal words: a line that would read as
                # a heading, a fence or a timestamp ("# 1", "///", "[12:00]") stays text
                if not stripped[1:].strip():
                    self.problem(
                        lineno,
                        "the line has nothing after its '\\'",
                        "write the words after the '\\', or remove the line",
                    )
                else:
                    self.text_line(stripped[1:], lineno, literal=True)
                i += 1
                continue
            fence = FENCE_OPEN_RE.match(raw)
            if fence and self.block is None:
                i = self.code(i, fence.group(1))
                continue
            m = BLOCK_RE.match(stripped)
            if m:
                i = self.fence(m.group("rest"), i)
                continue
            if not stripped:
                self.end_paragraph()
            elif stripped[0] == "@":
                turn = SPEAKER_RE.match(stripped)
                if turn is not None:
                    self.turn(turn.group(1), lineno)
                else:
                    self.not_a_turn(stripped, lineno)
            elif (h := heading_of(stripped)) is not None:
                self.heading(h[0], h[1], lineno)
            else:
                self.text_line(raw, lineno)
            i += 1
        self.end_paragraph()
        if self.block is not None:
            self.unclosed("the end of the file")

    def unclosed(self, before: str) -> None:
        """Report the open block at its opening line (where the fix goes) and close it."""
        ob = self.block
        assert ob is not None
        self.problem(
            ob.line,
            f"the '/// {ob.name}' block opened here is never closed (found {before} first)",
            "add a line '///' right after the block's last line (blocks do not nest)",
        )
        self.end_paragraph()
        self.close_block()

    def code(self, i: int, fence: str) -> int:
        self.end_paragraph()
        start = i
        i += 1
        while i < len(self.lines) and not self.lines[i].strip().startswith(fence):
            i += 1
        if i >= len(self.lines):
            self.problem(
                start + 1,
                "the code fence is never closed",
                f"add a line '{fence}' where the code ends",
            )
        body = "\n".join(self.lines[start + 1 : i])
        self.segments[-1].items.append(Code(start + 1, body))
        return i + 1

    def heading(self, level: int, title: str, lineno: int) -> None:
        title, explicit = split_heading_id(title)
        if self.block is not None:
            self.unclosed(f"the heading on line {lineno}")
        if level == 1:
            self.problem(
                lineno,
                "a '# ' heading is not allowed in an episode",
                "the page title comes from 'title:' in the front matter; use '## ' for a segment",
            )
            return
        if not title:
            self.problem(lineno, "the heading has no text", "write '## <segment title>'")
            return
        self.end_paragraph()
        anchor = self.claim_anchor(explicit or slugify(title) or "segment", lineno, bool(explicit))
        if level == 2:
            self.segments.append(Segment(title, anchor, lineno))
        else:
            self.segments[-1].items.append(Subheading(level, title, anchor, lineno))

    def claim_anchor(self, anchor: str, lineno: int, explicit: bool) -> str:
        if explicit and (not ANCHOR_RE.match(anchor) or re.fullmatch(r"[Ll]\d+", anchor)):
            self.problem(
                lineno,
                f"invalid anchor '{anchor[:80]}'",
                "start it with a letter, then letters, digits and hyphens (at most 100), "
                "not 'L<number>' (those are line anchors)",
            )
            anchor = "segment"
        if anchor in self.anchors:
            if explicit:
                self.problem(
                    lineno,
                    f"the anchor '{anchor}' is already used on line {self.anchors[anchor]}",
                    "give this one a different id",
                )
            k = self.counters.get(f"#{anchor}", 1) + 1
            while f"{anchor}-{k}" in self.anchors:
                k += 1
            self.counters[f"#{anchor}"] = k
            anchor = f"{anchor}-{k}"
        self.anchors[anchor] = lineno
        return anchor

    def turn(self, actor: str, lineno: int) -> None:
        """``@id``: the following lines are that actor's (a new paragraph starts)."""
        if self.in_note:
            self.problem(
                lineno,
                f"'@{actor}' cannot be inside an editor's note",
                "a note is not said in the episode: put the turn before or after the note",
            )
            return
        self.end_paragraph()
        if len(actor) > ID_MAX:
            self.problem(lineno, f"'@{actor[:40]}…' is not an actor id", ID_HINT)
            return
        self.speaker = actor
        self.refs.append(RefUse("actor", actor, lineno))

    def not_a_turn(self, stripped: str, lineno: int) -> None:
        """A line that starts with ``@`` but is not ``@<id>`` alone: a speaker named some
        other way (``@Chris Benson``), or words that need their escape. Reported with the
        catalog's names (see ``check.py``); its words are not a transcript line."""
        if self.in_note:
            self.text_line(stripped, lineno)  # a note's words: '@' is just a character
            return
        self.end_paragraph()
        self.refs.append(RefUse("turn", stripped[1:].strip(), lineno))

    def line_speaker(self) -> str | None:
        """Who speaks a transcript line here: a clip's or another speaker's block, else the
        last ``@`` turn (None: the host)."""
        block = self.block
        spec = block.kind.argument if block is not None and block.kind is not None else None
        if block is not None and spec is not None and spec.speaks and is_id(block.arg):
            return block.arg
        return self.speaker

    def text_line(self, raw: str, lineno: int, literal: bool = False) -> None:
        text = raw if literal else raw.strip()
        in_note = self.in_note
        if "[" not in text:  # plain words: no timestamp, no link
            if in_note:
                self.para.append(Line(0, lineno, text, ()))
                return
            number, label = self.next_line()
            speaker = self.line_speaker()
            self.para.append(Line(number, lineno, text, (), None, speaker, label))
            return
        timestamp = None
        ts = None if literal else TIMESTAMP_RE.match(text)
        if ts:
            timestamp = self.timestamp(ts, lineno)
            if timestamp is not None:
                text = text[ts.end() :]
        elif not literal and (bad := TIMESTAMP_LIKE_RE.match(text)) is not None:
            self.problem(
                lineno,
                f"malformed timestamp '{bad.group(0)}'",
                "write [mm:ss] or [h:mm:ss], e.g. [01:23] or [1:02:03]",
            )
        parts, words, link_problems = parse_inline(text)
        for what, hint in link_problems:
            self.problem(lineno, what, hint)
        for part in parts:
            if isinstance(part, Ref) and part.scheme != "url":
                self.refs.append(RefUse(part.scheme, part.target, lineno, in_note))
        if parts == (Text(words),):  # brackets but no link: the words alone
            parts = ()
        if in_note:
            self.para.append(Line(0, lineno, words, parts, timestamp, None))
            return
        number, label = self.next_line()
        speaker = self.line_speaker()
        self.para.append(Line(number, lineno, words, parts, timestamp, speaker, label))

    # --- numbers that stay: a split line's parts ---------------------------------------

    def next_line(self) -> tuple[int, str]:
        """The next transcript line's position in the file and the number readers see.

        Lines are numbered 1, 2, … in the file, except that the parts of a line that a
        correction split (``split: {L57: 3}``) are 57, 57.2 and 57.3: every later line keeps
        the number it was published with, so a reader's ``#L58`` still shows the same words.
        """
        self.number += 1
        if self.parts_left:
            self.parts_left -= 1
            self.part += 1
            return self.number, f"{self.published}.{self.part}"
        self.published += 1
        self.parts_left = self.splits.get(self.published, 1) - 1
        self.part = 1
        return self.number, "" if self.published == self.number else str(self.published)

    def check_splits(self, start: int) -> None:
        """A split that names a line the episode does not have, or more parts than follow
        it, would renumber lines silently: say which."""
        at = self.meta.lines.get("corrections", start)
        for n, count in sorted(self.splits.items()):
            if n > self.published:
                self.problem(
                    at,
                    f"a correction splits L{n}, but the episode has {self.published} lines "
                    "as published",
                    "name the line by the anchor it was published with (the number in the "
                    "page's margin before the split)",
                )
            elif n == self.published and self.parts_left:
                self.problem(
                    at,
                    f"corrections split L{n} into {count} lines, but the file ends after "
                    f"{count - self.parts_left} of them",
                    f"give the number of lines L{n} became, or undo the split",
                )

    def timestamp(self, ts: re.Match[str], lineno: int) -> Timestamp | None:
        """The ``[mm:ss]`` or ``[h:mm:ss]`` that starts a line, checked (None: malformed,
        reported)."""
        h, m, s = int(ts.group(1) or 0), int(ts.group(2)), int(ts.group(3))
        if s >= 60 or (ts.group(1) is not None and m >= 60):
            self.problem(
                lineno,
                f"malformed timestamp '{ts.group(0).strip()}'",
                "write [mm:ss] or [h:mm:ss] with seconds and minutes below 60",
            )
            return None
        timestamp = Timestamp(h * 3600 + m * 60 + s, ts.group(0).strip()[1:-1])
        self.check_order(timestamp, lineno)
        return timestamp

    def check_order(self, stamp: Timestamp, lineno: int) -> None:
        """Timestamps go forwards: chapters, subtitles and video links depend on it."""
        if self.last_stamp is not None and stamp.seconds < self.last_stamp[0]:
            self.problem(
                lineno,
                f"the timestamp [{stamp.text}] is earlier than the one on line "
                f"{self.last_stamp[1]}",
                "timestamps must not go backwards: correct this one or the earlier one",
            )
        self.last_stamp = (
            max(stamp.seconds, self.last_stamp[0]) if self.last_stamp else stamp.seconds,
            lineno,
        )

    def end_paragraph(self) -> None:
        if not self.para:
            return
        para: Paragraph = tuple(self.para)
        self.para = []
        if self.block is not None:
            self.block.paragraphs.append(para)
        else:
            self.segments[-1].items.append(para)

    # --- blocks --------------------------------------------------------------------------

    def fence(self, rest: str, i: int) -> int:
        lineno = i + 1
        head, _, arg = rest.partition("|")
        name, arg = head.strip(), arg.strip()
        if not name and not arg:
            self.closing_fence(lineno)
            return i + 1
        if self.block is not None:
            self.unclosed(f"'/// {name}' on line {lineno}")
        else:
            self.end_paragraph()
        kind = BLOCKS.get(name)
        if kind is None:
            self.problem(lineno, f"unknown block '/// {name}'", one_of(name, BLOCKS, "a block"))
        block = _OpenBlock(kind, name, arg, lineno)
        allowed = set(kind.option_set.fields) if kind else set()
        option_lines, j = self.options_under(i + 1, name, allowed)
        if option_lines:
            self.block_options(block, "\n".join(option_lines), i + 2)
        self.block = block
        return j

    def closing_fence(self, lineno: int) -> None:
        """A ``///`` alone: it closes the open block."""
        self.end_paragraph()
        if self.block is None:
            self.problem(
                lineno,
                "'///' closes a block, but no block is open",
                "remove this line, or open a block with '/// opinion' (or "
                f"{', '.join(k for k in BLOCKS if k != 'opinion')}) above it",
            )
        else:
            self.close_block()

    def options_under(self, j: int, name: str, allowed: set[str]) -> tuple[list[str], int]:
        """The option lines under the header of ``/// name``, from line index ``j``, and
        the index of the first line after them."""
        # options: lines indented by four spaces right under the header, and any "key:
        # value" line meant as an option but indented otherwise (reported once each, then
        # read as if indented right, so the lines after it are not blamed too)
        option_lines: list[str] = []
        opens_block = False  # the line before opens a nested value (a list, a '>' text)
        while j < len(self.lines):
            line = self.lines[j]
            key = option_like(line, allowed)
            indent = len(line) - len(line.lstrip(" \t"))
            misplaced = key is not None and (
                not line.startswith("    ")
                or (indent > 4 and not opens_block and line.lstrip(" ").split(":")[0] in allowed)
            )
            if misplaced:
                self.problem(
                    j + 1,
                    f"'{key}:' right under '/// {name}' is not indented as an option",
                    f"indent it by exactly four spaces ('    {key}: …'), or start the line "
                    "with '\\' if it is transcript words",
                )
                line = "    " + line.lstrip(" \t")
            elif not (line.startswith("    ") and line.strip()):
                break
            option_lines.append(line)
            rest = line.rstrip()
            opens_block = rest.endswith((":", "|", ">", "|-", ">-", "|+", ">+")) or (
                opens_block and len(line) - len(line.lstrip(" ")) > 4
            )
            j += 1
        return option_lines, j

    def block_options(self, block: _OpenBlock, source: str, first_line: int) -> None:
        try:
            doc = load(_dedent(source), first_line=first_line)
        except YamlError as e:
            self.problem(
                e.line, f"the options of '/// {block.name}' are not valid YAML: {e.message}", e.hint
            )
            block.options_broken = True
            return
        if not isinstance(doc.data, dict):
            block.options_broken = True
            self.problem(
                first_line,
                f"the options of '/// {block.name}' must be 'key: value' lines",
                "indent each option by four spaces, e.g. '    stance: opposes'",
            )
            return
        block.options = doc.data
        block.option_lines = doc.lines
        block.cut = doc.cut

    def close_block(self) -> None:
        ob = self.block
        assert ob is not None
        self.block = None
        kind = ob.kind
        if kind is None:
            # unknown block name (already reported): keep its lines as plain transcript
            for para in ob.paragraphs:
                self.segments[-1].items.append(para)
            return
        values = self.block_values(kind, ob)
        arg = self.argument(kind, ob)
        anchor = self.block_anchor(kind, ob, arg, values)
        option_lines = {str(k[0]): v for k, v in ob.option_lines.items() if len(k) == 1}
        block = kind.model(
            anchor,
            ob.line,
            ob.paragraphs,
            kind=kind.name,
            argument=arg,
            # a kind with a model class of its own holds its options in its fields; only a
            # plain Block keeps them as a dictionary (one copy per block of the archive)
            options=(
                {k: v for k, v in values.items() if v is not MISSING} if kind.model is Block else {}
            ),
            option_lines=option_lines,
        )
        self.set_attributes(block, kind, arg, values)
        if not block.lines:
            self.problem(
                ob.line,
                f"the '/// {ob.name}' block is empty",
                "put the lines it covers between its header and '///', or remove it",
            )
        self.segments[-1].items.append(block)

    def block_values(self, kind: BlockKind, ob: _OpenBlock) -> dict[str, Any]:
        """The block's options, checked (:data:`MISSING` for those absent or invalid);
        their references noted."""

        def report(at: tuple[Any, ...], what: str, hint: str) -> None:
            self.problem(line_at(ob.option_lines, at, ob.line), what, hint)

        option_set = kind.option_set
        if ob.options_broken:  # reported already: check nothing the broken lines may hold
            option_set = FieldSet({k: Field(f.check, f.doc) for k, f in option_set.fields.items()})
        values, refs = option_set.read(ob.options, report, ob.cut)
        for scheme, target, at in refs:
            self.refs.append(RefUse(scheme, target, line_at(ob.option_lines, at, ob.line)))
        return values

    def block_anchor(
        self, kind: BlockKind, ob: _OpenBlock, arg: str | None, values: dict[str, Any]
    ) -> str:
        """The block's anchor: its ``id`` option, else one numbered after its argument (a
        required one) or its kind."""
        given_id = value(values, "id")
        default = (
            f"{arg or kind.anchor_prefix}"
            if kind.argument and kind.argument.required
            else kind.anchor_prefix
        )
        return self.claim_anchor(given_id or self.auto(default), ob.line, given_id is not None)

    def set_attributes(
        self, block: Block, kind: BlockKind, arg: str | None, values: dict[str, Any]
    ) -> None:
        """Give the model's own attributes their values: the argument's, and each
        option's (a plain :class:`Block` keeps them in ``options``)."""
        if kind.argument is not None and kind.argument.attr != "argument":
            if not arg and kind.argument.speaks and block.lines:
                arg = block.lines[0].speaker  # by default, whoever speaks its lines
            setattr(
                block, kind.argument.attr, arg if arg else ("" if kind.argument.required else None)
            )
        for key, spec in kind.options.items():
            attr = spec.attr or key
            if kind.model is not Block and hasattr(block, attr) and values[key] is not MISSING:
                setattr(block, attr, values[key])

    def argument(self, kind: BlockKind, ob: _OpenBlock) -> str | None:
        """The block's ``| argument``, checked against its declaration."""
        spec = kind.argument
        if spec is None:
            if ob.arg:
                self.problem(
                    ob.line,
                    f"'/// {kind.name}' takes no argument after '|'",
                    "remove '| …'"
                    + (f"; give {', '.join(kind.options)} as options" if kind.options else ""),
                )
            return None
        if not ob.arg:
            if spec.required:
                self.problem(
                    ob.line,
                    f"'/// {kind.name}' needs {spec.doc}",
                    f"write '/// {kind.name} | {spec.example}'",
                )
            return None
        if not is_id(ob.arg):
            self.problem(
                ob.line,
                f"'{ob.arg[:80]}' after '/// {kind.name} |' is not an id",
                f"write '/// {kind.name} | {spec.example}'; {ID_HINT}",
            )
            return None
        if spec.scheme:
            self.refs.append(RefUse(spec.scheme, ob.arg, ob.line))
        return ob.arg

    def auto(self, prefix: str) -> str:
        k = self.counters[f"/{prefix}"] = self.counters.get(f"/{prefix}", 0) + 1
        return f"{prefix}-{k}"


def _dedent(source: str) -> str:
    return "\n".join(line[4:] if line.startswith("    ") else line for line in source.split("\n"))
