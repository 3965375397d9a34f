"""Parse an episode file (front matter + transcript Markdown) into an :class:`Episode`.

Pure Python: no MkDocs imports. The parser never raises on author input; it returns the
best model it can and a list of :class:`Problem` (``path:line: what — how to fix``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .errors import Problem, nearest, one_of
from .model import (
    BLOCK_KINDS,
    REF_SCHEMES,
    STANCES,
    Block,
    Code,
    Commentary,
    Episode,
    Inline,
    Line,
    Meta,
    Note,
    Paragraph,
    Position,
    Ref,
    RefUse,
    Segment,
    Subheading,
    Text,
    Timestamp,
)
from .yamlsrc import YamlError, as_date, compose_lines

FRONT_MATTER_KEYS = (
    "title",
    "date",
    "date_approximate",
    "show",
    "host",
    "video",
    "duration",
    "language",
    "summary",
    "policies",
    "tags",
    "draft",
)
REQUIRED_KEYS = ("title", "date", "show")

BLOCK_OPTIONS: dict[str, tuple[str, ...]] = {
    "position": ("id", "source", "policy", "stance", "responds_to", "quote", "date"),
    "opinion": ("id",),
    "analysis": ("id",),
    "context": ("id", "date", "source"),
}

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ANCHOR_RE = re.compile(r"^[^\s\"'<>&#]+$")
MARKUP_STARTS = frozenset("#`~/\\[")  # first characters that can begin markup
HEADING_RE = re.compile(r"^(#{1,6})(?:\s+(.*?))?\s*$")
HEADING_ID_RE = re.compile(r"\s*\{\s*#([^\s}]+)\s*\}\s*$")
FENCE_OPEN_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
BLOCK_RE = re.compile(r"^///(?P<rest>.*)$")
BLOCK_HEADER_RE = re.compile(r"^\s*(?P<name>[^\s|]*)\s*(?:\|\s*(?P<arg>.*?))?\s*$")
TIMESTAMP_RE = re.compile(r"^\[(?:(\d{1,2}):)?(\d{1,3}):(\d{2})\]\s*")
TIMESTAMP_LIKE_RE = re.compile(r"^\[\d[\d:.]*\]")
LINK_RE = re.compile(r"(?P<esc>\\?)\[(?P<label>[^\[\]\n]+)\]\((?P<target>[^()\s]+)\)")
SCHEME_RE = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):(?P<rest>.*)$")
URL_RE = re.compile(r"^https?://[^\s<>\"']+$")
DURATION_RE = re.compile(r"^(?:\d{1,2}:)?\d{1,3}:\d{2}$")


def parse_episode(text: str, path: str) -> tuple[Episode, list[Problem]]:
    """Parse one episode file. ``path`` is relative to the site root, for messages."""
    return _Parser(text, path).run()


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


def parse_inline(text: str) -> tuple[tuple[Inline, ...], str, list[tuple[str, str]]]:
    """Split a line into literal text and links.

    Returns the parts, the words the reader sees (links reduced to labels), and a list of
    ``(problem, hint)`` for malformed references. Anything that is not a link stays text.
    """
    parts: list[Inline] = []
    words: list[str] = []
    problems: list[tuple[str, str]] = []
    pos = 0
    for m in LINK_RE.finditer(text):
        target, label = m.group("target"), m.group("label")
        if m.group("esc"):
            # "\[words](x)": the words as written, without the backslash; never a link
            parts.append(Text(text[pos : m.start()] + m.group(0)[1:]))
            pos = m.end()
            continue
        ref = _link(target, label, problems)
        if ref is None:
            continue
        if m.start() > pos:
            parts.append(Text(text[pos : m.start()]))
        parts.append(ref)
        pos = m.end()
    if pos < len(text):
        parts.append(Text(text[pos:]))
    parts = _merge_text(parts)
    for part in parts:
        words.append(part.text if isinstance(part, Text) else part.label)
    return tuple(parts), "".join(words), problems


def _merge_text(parts: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for part in parts:
        if isinstance(part, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + part.text)
        elif not (isinstance(part, Text) and not part.text):
            out.append(part)
    return out


def _link(target: str, label: str, problems: list[tuple[str, str]]) -> Ref | None:
    if target.startswith("#") and ANCHOR_RE.match(target[1:]):
        return Ref("anchor", target[1:], label)
    m = SCHEME_RE.match(target)
    if m is None:
        return None  # not a reference: the brackets are part of the words
    scheme, rest = m.group("scheme"), m.group("rest")
    if scheme in ("http", "https"):
        if URL_RE.match(target):
            return Ref("url", target, label)
        problems.append((f"malformed URL '{target}'", "write a full http(s):// address"))
        return None
    if scheme in REF_SCHEMES:
        if not ID_RE.match(rest):
            problems.append(
                (
                    f"malformed {scheme} id '{rest}' in [{label}]({target})",
                    "ids are lower-case letters, digits and hyphens, e.g. "
                    f"[{label}]({scheme}:ai-diffusion-rule)",
                )
            )
            return None
        return Ref(scheme, rest, label)  # type: ignore[arg-type]
    guess = nearest(scheme, (*REF_SCHEMES, "https"))
    if guess is None:
        return None  # e.g. "时间:" inside ordinary words
    problems.append(
        (
            f"unknown link scheme '{scheme}:' in [{label}]({target})",
            f"did you mean '{guess}:'? Use policy:, actor:, source: or an https:// URL",
        )
    )
    return None


@dataclass
class _OpenBlock:
    name: str
    arg: str
    line: int
    options: dict[str, Any] = field(default_factory=dict)
    option_lines: dict[str, int] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)


class _Parser:
    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.lines = split_lines(text)
        self.problems: list[Problem] = []
        self.meta = Meta()
        self.segments: list[Segment] = [Segment(None, None, 1)]
        self.refs: list[RefUse] = []
        self.number = 0  # transcript line counter
        self.para: list[Line] = []
        self.block: _OpenBlock | None = None
        self.anchors: dict[str, int] = {}
        self.counters: dict[str, int] = {}

    def problem(self, line: int, message: str, hint: str) -> None:
        self.problems.append(Problem(self.path, line, message, hint))

    # --- driver ------------------------------------------------------------------

    def run(self) -> tuple[Episode, list[Problem]]:
        if "\x00" in "".join(self.lines):
            for i, raw in enumerate(self.lines, 1):
                if "\x00" in raw:
                    self.problem(
                        i, "the line contains a NUL byte", "remove it; save the file as UTF-8 text"
                    )
                    self.lines[i - 1] = raw.replace("\x00", "")
        start = self.front_matter()
        self.body(start)
        episode = Episode(self.path, self.meta, self.segments, self.refs)
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
        source = "\n".join(self.lines[1:end])
        try:
            data, key_lines = compose_lines(source, first_line=2)
        except YamlError as e:
            self.problem(e.line, f"the front matter is not valid YAML: {e.message}", e.hint)
            return end + 1
        if data is None:
            data = {}
        if not isinstance(data, dict):
            self.problem(2, "the front matter is not a mapping of keys", "write 'key: value' lines")
            return end + 1
        self.meta_from(data, {k[0]: v for k, v in key_lines.items() if len(k) == 1})
        return end + 1

    def meta_from(self, data: dict[Any, Any], lines: dict[Any, int]) -> None:
        meta = self.meta
        meta.lines = {str(k): v for k, v in lines.items()}
        for key in data:
            if key not in FRONT_MATTER_KEYS:
                self.problem(
                    lines.get(key, 1),
                    f"unknown front-matter key '{key}'",
                    one_of(key, FRONT_MATTER_KEYS, "the keys"),
                )
        for key in REQUIRED_KEYS:
            if data.get(key) in (None, ""):
                self.problem(
                    lines.get(key, 1),
                    f"the front matter has no '{key}'",
                    {
                        "title": "add 'title: <the episode title>'",
                        "date": "add 'date: YYYY-MM-DD' (the day it was published)",
                        "show": "add 'show: <id from data/shows.yml>'",
                    }[key],
                )

        def text(key: str) -> str | None:
            value = data.get(key)
            if value is None:
                return None
            if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                return str(value)
            self.problem(
                lines.get(key, 1),
                f"'{key}' must be text, not {type(value).__name__}",
                f"write '{key}: <text>'",
            )
            return None

        meta.title = text("title") or ""
        meta.summary = text("summary")
        meta.language = text("language")
        meta.duration = text("duration")
        if meta.duration and not DURATION_RE.match(meta.duration):
            self.problem(
                lines["duration"],
                f"malformed duration '{meta.duration}'",
                'write it as "mm:ss" or "h:mm:ss" in quotes, e.g. duration: "17:40"',
            )
        for key in ("show", "host"):
            value = text(key)
            if value is not None and not ID_RE.match(value):
                self.problem(
                    lines[key],
                    f"'{key}' must be an id, not '{value}'",
                    "ids are lower-case letters, digits and hyphens",
                )
                value = None
            setattr(meta, key, value if value is not None else ("" if key == "show" else None))
        if meta.show:
            self.refs.append(RefUse("show", meta.show, lines["show"]))
        if meta.host:
            self.refs.append(RefUse("actor", meta.host, lines["host"]))
        video = text("video")
        if video is not None:
            if URL_RE.match(video):
                meta.video = video
            else:
                self.problem(
                    lines["video"],
                    f"'video' is not an http(s) URL: '{video}'",
                    "write the full address of the video page, https://…",
                )
        if "date" in data and data["date"] is not None:
            meta.date = self.date(data["date"], lines["date"], "date")
        for key in ("draft", "date_approximate"):
            if key in data:
                if isinstance(data[key], bool):
                    setattr(meta, key, data[key])
                else:
                    self.problem(
                        lines[key],
                        f"'{key}' must be true or false, not '{data[key]}'",
                        f"write '{key}: true' or '{key}: false'",
                    )
        meta.policies = self.id_list(data.get("policies"), lines.get("policies", 1), "policies")
        for pid in meta.policies:
            self.refs.append(RefUse("policy", pid, lines["policies"]))
        tags = data.get("tags")
        if tags is not None:
            if isinstance(tags, list) and all(isinstance(t, (str, int)) for t in tags):
                meta.tags = tuple(str(t) for t in tags)
            else:
                self.problem(
                    lines["tags"],
                    "'tags' must be a list of words",
                    "write tags: [出口管制, AI 芯片]",
                )

    def date(self, value: Any, line: int, key: str) -> dt.date | None:
        date = as_date(value)
        if date is None:
            self.problem(
                line, f"malformed {key} '{value}'", f"write an ISO date, e.g. {key}: 2025-05-03"
            )
        return date

    def id_list(self, value: Any, line: int, key: str) -> tuple[str, ...]:
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        out: list[str] = []
        for item in items:
            if isinstance(item, str) and ID_RE.match(item):
                out.append(item)
            else:
                self.problem(
                    line,
                    f"'{key}' has an invalid id '{item}'",
                    "ids are lower-case letters, digits and hyphens, e.g. ai-diffusion-rule",
                )
        return tuple(out)

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
            elif (h := HEADING_RE.match(stripped)) and not stripped.startswith("#["):
                self.heading(h, lineno)
            else:
                self.text_line(raw, lineno)
            i += 1
        self.end_paragraph()
        if self.block is not None:
            self.problem(
                self.block.line,
                f"the '/// {self.block.name}' block is never closed",
                "add a line '///' where the block ends",
            )
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

    def heading(self, h: re.Match[str], lineno: int) -> None:
        level = len(h.group(1))
        title = h.group(2) or ""
        explicit = HEADING_ID_RE.search(title)
        anchor = explicit.group(1) if explicit else None
        if explicit:
            title = title[: explicit.start()].rstrip()
        if self.block is not None:
            self.problem(
                lineno,
                "a heading cannot be inside a block",
                f"close the '/// {self.block.name}' block with '///' before the heading",
            )
            return
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
        anchor = self.claim_anchor(anchor or slugify(title) or "segment", lineno, bool(explicit))
        if level == 2:
            self.segments.append(Segment(title, anchor, lineno))
        else:
            self.segments[-1].items.append(Subheading(level, title, anchor, lineno))

    def claim_anchor(self, anchor: str, lineno: int, explicit: bool) -> str:
        if explicit and (not ANCHOR_RE.match(anchor) or re.fullmatch(r"L\d+", anchor)):
            self.problem(
                lineno,
                f"invalid anchor '{anchor}'",
                "use letters, digits and hyphens, not 'L<number>' (those are line anchors)",
            )
        if anchor in self.anchors:
            if explicit:
                self.problem(
                    lineno,
                    f"the anchor '{anchor}' is already used on line {self.anchors[anchor]}",
                    "give this one a different id",
                )
            k = 2
            while f"{anchor}-{k}" in self.anchors:
                k += 1
            anchor = f"{anchor}-{k}"
        self.anchors[anchor] = lineno
        return anchor

    def text_line(self, raw: str, lineno: int, literal: bool = False) -> None:
        text = raw if literal else raw.strip()
        if "[" not in text:  # plain words: no timestamp, no link
            in_note = self.block is not None and self.block.name == "context"
            if not in_note:
                self.number += 1
            self.para.append(Line(0 if in_note else self.number, lineno, text, (Text(text),)))
            return
        timestamp = None
        ts = None if literal else TIMESTAMP_RE.match(text)
        if ts:
            h, m, s = int(ts.group(1) or 0), int(ts.group(2)), int(ts.group(3))
            if s >= 60 or (ts.group(1) is not None and m >= 60):
                self.problem(
                    lineno,
                    f"malformed timestamp '{ts.group(0).strip()}'",
                    "write [mm:ss] or [h:mm:ss] with seconds and minutes below 60",
                )
            else:
                timestamp = Timestamp(h * 3600 + m * 60 + s, ts.group(0).strip()[1:-1])
                text = text[ts.end() :]
        elif not literal and TIMESTAMP_LIKE_RE.match(text):
            bad = TIMESTAMP_LIKE_RE.match(text).group(0)  # type: ignore[union-attr]
            self.problem(
                lineno,
                f"malformed timestamp '{bad}'",
                "write [mm:ss] or [h:mm:ss], e.g. [01:23] or [1:02:03]",
            )
        parts, words, link_problems = parse_inline(text)
        for what, hint in link_problems:
            self.problem(lineno, what, hint)
        in_note = self.block is not None and self.block.name == "context"
        for part in parts:
            if isinstance(part, Ref) and part.scheme != "url":
                self.refs.append(RefUse(part.scheme, part.target, lineno, in_note))
        if not in_note:
            self.number += 1
        self.para.append(Line(0 if in_note else self.number, lineno, words, parts, timestamp))

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
        header = BLOCK_HEADER_RE.match(rest)
        name = header.group("name") if header else rest.strip()
        arg = (header.group("arg") or "").strip() if header else ""
        if not name and not arg:
            self.end_paragraph()
            if self.block is None:
                self.problem(
                    lineno,
                    "'///' closes a block, but no block is open",
                    "remove this line, or open a block with '/// opinion' (or "
                    "position, analysis, context) above it",
                )
            else:
                self.close_block()
            return i + 1
        if self.block is not None:
            self.problem(
                lineno,
                f"a '/// {name}' block cannot be inside the '/// "
                f"{self.block.name}' block opened on line {self.block.line}",
                "blocks do not nest: close the first one with '///' before opening the next",
            )
            self.end_paragraph()
            self.close_block()
        else:
            self.end_paragraph()
        if name not in BLOCK_KINDS:
            self.problem(
                lineno, f"unknown block '/// {name}'", one_of(name, BLOCK_KINDS, "a block")
            )
        block = _OpenBlock(name, arg, lineno)
        # options: lines indented by four spaces right under the header
        j = i + 1
        while j < len(self.lines) and self.lines[j].startswith("    ") and self.lines[j].strip():
            j += 1
        if j > i + 1:
            self.block_options(block, "\n".join(self.lines[i + 1 : j]), i + 2)
        self.block = block
        return j

    def block_options(self, block: _OpenBlock, source: str, first_line: int) -> None:
        try:
            data, lines = compose_lines(_dedent(source), first_line=first_line)
        except YamlError as e:
            self.problem(
                e.line, f"the options of '/// {block.name}' are not valid YAML: {e.message}", e.hint
            )
            return
        if not isinstance(data, dict):
            self.problem(
                first_line,
                f"the options of '/// {block.name}' must be 'key: value' lines",
                "indent each option by four spaces, e.g. '    stance: opposes'",
            )
            return
        allowed = BLOCK_OPTIONS.get(block.name, ())
        for key, value in data.items():
            line = lines.get((key,), first_line)
            if key not in allowed:
                self.problem(
                    line,
                    f"unknown option '{key}' for '/// {block.name}'",
                    one_of(key, allowed, "the options")
                    if allowed
                    else "this block takes no options",
                )
                continue
            block.options[key] = value
            block.option_lines[key] = line

    def close_block(self) -> None:
        ob = self.block
        assert ob is not None
        self.block = None
        opts, olines = ob.options, ob.option_lines

        def opt_text(key: str) -> str | None:
            value = opts.get(key)
            if value is None:
                return None
            if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                return str(value)
            self.problem(olines[key], f"option '{key}' must be text", f"write '    {key}: <text>'")
            return None

        def opt_id(key: str) -> str | None:
            value = opt_text(key)
            if value is not None and not ID_RE.match(value):
                self.problem(
                    olines[key],
                    f"option '{key}' must be an id, not '{value}'",
                    "ids are lower-case letters, digits and hyphens",
                )
                return None
            return value

        anchor_opt = opt_id("id")
        block: Block
        if ob.name == "position":
            actor = ob.arg
            if not actor:
                self.problem(
                    ob.line,
                    "'/// position' needs the actor who holds it",
                    "write '/// position | <actor id from data/actors.yml>'",
                )
            elif not ID_RE.match(actor):
                self.problem(
                    ob.line,
                    f"'{actor}' is not an actor id",
                    "write '/// position | <actor id>', e.g. '/// position | nvidia'",
                )
                actor = ""
            k = self.counters[actor] = self.counters.get(actor, 0) + 1
            anchor = self.claim_anchor(
                anchor_opt or f"{actor or 'position'}-{k}", ob.line, anchor_opt is not None
            )
            stance = opt_text("stance")
            if stance is not None and stance not in STANCES:
                self.problem(
                    olines["stance"],
                    f"invalid stance '{stance}'",
                    one_of(stance, STANCES, "one of"),
                )
                stance = None
            policies = self.id_list(opts.get("policy"), olines.get("policy", ob.line), "policy")
            date = self.date(opts["date"], olines["date"], "date") if "date" in opts else None
            quote = opt_text("quote")
            source = opt_id("source")
            responds_to = opt_id("responds_to")
            if actor:
                self.refs.append(RefUse("actor", actor, ob.line))
            if source:
                self.refs.append(RefUse("source", source, olines["source"]))
            for pid in policies:
                self.refs.append(RefUse("policy", pid, olines["policy"]))
            block = Position(
                anchor,
                ob.line,
                ob.paragraphs,
                anchor_opt is not None,
                actor=actor,
                source=source,
                policies=policies,
                stance=stance,
                responds_to=responds_to,
                quote=quote,
                date=date,
                option_lines=dict(olines),
            )
        elif ob.name in ("opinion", "analysis"):
            speaker = ob.arg or None
            if speaker is not None and not ID_RE.match(speaker):
                self.problem(
                    ob.line,
                    f"'{speaker}' is not an actor id",
                    f"write '/// {ob.name} | <actor id>' or just '/// {ob.name}'",
                )
                speaker = None
            if speaker:
                self.refs.append(RefUse("actor", speaker, ob.line))
            anchor = self.claim_anchor(
                anchor_opt or self.auto(ob.name), ob.line, anchor_opt is not None
            )
            block = Commentary(
                anchor,
                ob.line,
                ob.paragraphs,
                anchor_opt is not None,
                speaker=speaker,
                kind=ob.name,
            )
        elif ob.name == "context":
            if ob.arg:
                self.problem(
                    ob.line,
                    "'/// context' takes no argument after '|'",
                    "remove '| …'; give the date and source as options",
                )
            date = self.date(opts["date"], olines["date"], "date") if "date" in opts else None
            source = opt_id("source")
            if source:
                self.refs.append(RefUse("source", source, olines["source"]))
            anchor = self.claim_anchor(
                anchor_opt or self.auto("note"), ob.line, anchor_opt is not None
            )
            block = Note(
                anchor,
                ob.line,
                ob.paragraphs,
                anchor_opt is not None,
                date=date,
                source=source,
                option_lines=dict(olines),
            )
            if not block.lines:
                self.problem(
                    ob.line,
                    "the editor's note is empty",
                    "write the note's text, or remove the block",
                )
        else:
            # unknown block name (already reported): keep its lines as plain transcript
            for para in ob.paragraphs:
                self.segments[-1].items.append(para)
            return
        if block.kind != "context" and not block.lines:
            self.problem(
                ob.line,
                f"the '/// {ob.name}' block is empty",
                "put the transcript lines it covers between its header and '///'",
            )
        self.segments[-1].items.append(block)

    def auto(self, prefix: str) -> str:
        k = self.counters[f"/{prefix}"] = self.counters.get(f"/{prefix}", 0) + 1
        return f"{prefix}-{k}"


def _dedent(source: str) -> str:
    return "\n".join(line[4:] if line.startswith("    ") else line for line in source.split("\n"))
