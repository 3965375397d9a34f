"""The typed model: what an episode file and the data files say, parsed once.

Everything downstream (checks, the cross-reference index, pages, feeds) reads these
records; nothing re-parses the source text.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

REF_SCHEMES = ("policy", "actor", "source")


# --- inline text -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """Literal words, shown exactly as written."""

    text: str

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # the dataclass's own pickling of slots runs Python code per field: too slow for
        # one object per line of the archive
        return (type(self), (self.text,))


@dataclass(frozen=True, slots=True)
class Ref:
    """An inline link: ``[label](policy:id)``, ``actor:``, ``source:``, ``#anchor`` or a URL."""

    scheme: Literal["policy", "actor", "source", "url", "anchor"]
    target: str
    label: str

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # the dataclass's own pickling of slots runs Python code per field: too slow for
        # one object per line of the archive
        return (
            type(self),
            (
                self.scheme,
                self.target,
                self.label,
            ),
        )


Inline = Text | Ref


@dataclass(frozen=True, slots=True)
class Rich:
    """Data text that may hold inline references, parsed once when the data is read.

    ``source`` is the text as written, ``words`` what the reader sees (links reduced to
    their labels), ``parts`` the text and links in order.
    """

    source: str
    words: str
    parts: tuple[Inline, ...]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # the dataclass's own pickling of slots runs Python code per field: too slow for
        # one object per line of the archive
        return (
            type(self),
            (
                self.source,
                self.words,
                self.parts,
            ),
        )

    def __str__(self) -> str:
        return self.words


@dataclass(frozen=True, slots=True)
class Timestamp:
    """A ``[mm:ss]`` or ``[h:mm:ss]`` prefix of a transcript line."""

    seconds: int
    text: str

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # the dataclass's own pickling of slots runs Python code per field: too slow for
        # one object per line of the archive
        return (
            type(self),
            (
                self.seconds,
                self.text,
            ),
        )

    @property
    def label(self) -> str:
        """Normalised display form: ``m:ss`` or ``h:mm:ss``."""
        h, rest = divmod(self.seconds, 3600)
        m, s = divmod(rest, 60)
        return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


@dataclass(frozen=True, slots=True)  # one per line of the archive: no __dict__
class Line:
    """One line of text: a transcript line (``number`` >= 1) or a note line (``number`` 0).

    ``words`` is the line as the reader sees it: the source line without its timestamp
    and with inline links reduced to their labels. The plugin never changes it.
    """

    number: int
    source_line: int
    words: str
    parts: tuple[Inline, ...]
    """The text and links in order; empty when the line is its ``words`` alone (most
    lines: no second copy of them is kept)."""
    timestamp: Timestamp | None = None
    speaker: str | None = None
    """Who speaks the line, when the episode says (``@id`` turns, clips, commentary by
    someone else); None: the episode's host, if it has one."""
    label: str = ""
    """The number readers see and link (``57``; ``57.2`` for the second part of a line a
    correction split); empty: ``number``."""

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # the dataclass's own pickling of slots runs Python code per field: too slow for
        # one object per line of the archive
        return (
            type(self),
            (
                self.number,
                self.source_line,
                self.words,
                self.parts,
                self.timestamp,
                self.speaker,
                self.label,
            ),
        )

    @property
    def shown(self) -> str:
        """The line's number as readers see it: ``57``, or ``57.2`` for a split line's part."""
        return self.label or str(self.number)

    @property
    def anchor(self) -> str:
        """The ``L<n>`` anchor of a transcript line (``L57.2`` for a part of a split line)."""
        return f"L{self.shown}"


Paragraph = tuple[Line, ...]


# --- blocks ------------------------------------------------------------------------


@dataclass
class Block:
    """Common shape of ``///`` blocks: anchor, where it starts, its paragraphs.

    A kind declared without a model class of its own (see ``schema.BlockKind``) is a plain
    ``Block`` whose validated options are in ``options``; a model class holds them in its
    fields, and its ``options`` is empty. ``option_lines`` (where each option was written)
    is for the check, and empty once the episode is released (:meth:`Episode.release`).
    """

    anchor: str
    source_line: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    kind: str = "block"
    argument: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    option_lines: dict[str, int] = field(default_factory=dict)

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        """All lines of the block, in order (its one paragraph itself, when it has one:
        every block of the archive keeps this)."""
        paras = self.paragraphs
        if len(paras) == 1:
            return paras[0]
        return tuple(line for para in paras for line in para)


@dataclass
class Position(Block):
    """``/// position | actor``: the host's account of what an actor holds."""

    actor: str = ""
    source: str | None = None
    policies: tuple[str, ...] = ()
    stance: str | None = None
    responds_to: str | None = None
    quote: str | None = None
    date: dt.date | None = None
    unsourced: str | None = None
    """Why the position has no source (``unsourced:``), shown on the page instead of one."""
    stance_basis: str = "inferred"
    """``stated`` by the actor, or ``inferred`` by the editors (the cautious default)."""
    quote_kind: str = "paraphrase"
    """``verbatim``, ``translation`` or ``paraphrase`` (the cautious default)."""
    quote_by: str | None = None
    """Whose translation or paraphrase ``quote`` is."""
    account: str = "unchecked"
    """The host's account against the source: ``checked``, ``unchecked`` or ``disputed``."""
    checked_against: str | None = None
    """The source the account was compared with (for ``checked`` and ``disputed``): the
    primary, or a secondary that reports it."""
    quote_from: str | None = None
    """The secondary source the quote was copied from (the primary not consulted)."""
    attribution: str = "attributed"
    """``relayed``: the host relays the actor's argument without saying whose it is."""
    statement: str | None = None
    """The site-wide id of the statement or document the passage reports: passages of one
    statement are counted once."""
    qualified_by: list[str] = field(default_factory=list)
    """Anchors of the editors' notes that qualify this position (``qualifies:``)."""
    kind: str = "position"


@dataclass
class Clip(Position):
    """``/// clip | actor``: the party's own recorded voice played in the episode; its lines
    are their words (a position in their own words)."""

    quote_kind: str = "verbatim"
    kind: str = "clip"


@dataclass
class Commentary(Block):
    """``/// opinion`` or ``/// analysis``: the host's (or ``speaker``'s) commentary."""

    speaker: str | None = None
    kind: str = "opinion"


@dataclass
class Note(Block):
    """``/// context``: an editor's note, not said in the episode."""

    date: dt.date | None = None
    source: str | None = None
    qualifies: tuple[str, ...] = ()
    """Ids of the positions this note qualifies."""
    kind: str = "context"


@dataclass(frozen=True)
class Code:
    """A fenced code block, kept verbatim (its lines are not transcript lines)."""

    source_line: int
    text: str


@dataclass(frozen=True)
class Subheading:
    """A ``###``..``######`` heading inside a segment."""

    level: int
    title: str
    anchor: str
    source_line: int


Item = Paragraph | Block | Code | Subheading


@dataclass
class Segment:
    """A ``## `` chapter; the first one may have no heading (the opening lines)."""

    title: str | None
    anchor: str | None
    source_line: int
    items: list[Item] = field(default_factory=list)

    @property
    def start(self) -> Timestamp | None:
        """The first timestamp inside the segment, if any (chapter start)."""
        for line in iter_lines(self.items):
            if line.timestamp is not None and line.number:
                return line.timestamp
        return None


# --- the episode -------------------------------------------------------------------


@dataclass(frozen=True)
class Correction:
    """A correction of an episode page: when, what changed, why."""

    date: dt.date
    change: str
    reason: str
    previous_date: dt.date | None = None
    """The episode's date before this correction, when it changed it."""
    split: tuple[tuple[int, int], ...] = ()
    """``(line number as published, lines it became)`` for each line this correction split
    (episodes only)."""


@dataclass(frozen=True)
class Imported:
    """Where an imported episode's words come from (``imported:`` in the front matter)."""

    source: str
    """The file name imported (``from``)."""
    sha256: str | None
    """The SHA-256 of that file's bytes, when recorded."""
    kind: str
    """``auto-captions``, ``subtitles`` or ``transcript``."""
    reviewed: bool = False
    """An editor has checked automatic captions against the audio."""


@dataclass(frozen=True)
class Media:
    """An episode's audio file (``audio:``): its address, media type and length in bytes.

    ``url`` is an ``https://`` address, or a path under ``docs_dir`` (``in_site``): then
    the type and length are worked out from the file at build time (None until then)."""

    url: str
    type: str | None = None
    length: int | None = None
    in_site: bool = False


@dataclass
class Meta:
    """Validated front matter."""

    title: str = ""
    date: dt.date | None = None
    date_approximate: bool = False
    show: str = ""
    host: str | None = None
    hosts: tuple[str, ...] = ()
    guests: tuple[str, ...] = ()
    video: str | None = None
    audio: Media | None = None
    duration: str | None = None
    language: str | None = None
    summary: str | None = None
    policies: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    draft: bool = False
    corrections: tuple[Correction, ...] = ()
    """Newest first."""
    annotated: bool = True
    """Positions and commentary have been marked (``annotated: false``: a transcript
    published as imported)."""
    imported: Imported | None = None
    """Where the words were imported from (None when they were not, or it is not said)."""
    lines: dict[str, int] = field(default_factory=dict)
    """Source line of each front-matter key."""

    @property
    def unreviewed_captions(self) -> bool:
        """The words are a video site's automatic captions that no editor has checked yet
        (``imported.kind: auto-captions`` without ``reviewed: true``): the one place this
        is decided (:class:`Standing`, ``episodes status``)."""
        imported = self.imported
        return imported is not None and imported.kind == "auto-captions" and not imported.reviewed


@dataclass(frozen=True)
class Standing:
    """What a reader must be told of how far an episode is marked and where its words come
    from, derived once from its front matter (:attr:`Episode.standing`): the page, every
    download, the JSON-LD, the feed, search and the list rows read this, never the front
    matter on their own."""

    annotated: bool
    """The editor has declared positions and commentary marked (``annotated``: never
    guessed from the content)."""
    marked: bool
    """Some positions, commentary or notes are marked (in an unannotated episode: the
    marking is unfinished)."""
    unreviewed_captions: bool
    """The words are a video site's automatic captions that no editor has checked
    (``imported.kind: auto-captions`` without ``reviewed: true``)."""

    @property
    def marking(self) -> str:
        """``annotated``, ``partial`` (begun, not finished) or ``unannotated``: the value
        of the page's ``data-annotated`` hook is ``annotated`` or not, this the words."""
        if self.annotated:
            return "annotated"
        return "partial" if self.marked else "unannotated"


@dataclass
class RefUse:
    """Where an id is referenced (for checks and error messages)."""

    scheme: str
    target: str
    source_line: int
    in_note: bool = False
    """True for links in editors' notes: they are not what the episode discusses."""
    field: str = ""
    """The data field that makes the reference (``show-a.hosts``), for messages."""


@dataclass
class Episode:
    """One episode file, parsed (not changed afterwards: the derived lists are cached)."""

    path: str
    meta: Meta
    segments: list[Segment]
    refs: list[RefUse] = field(default_factory=list)

    @cached_property
    def blocks(self) -> list[Block]:
        """All blocks in order."""
        return [it for seg in self.segments for it in seg.items if isinstance(it, Block)]

    @cached_property
    def positions(self) -> list[Position]:
        """All positions in order."""
        return [b for b in self.blocks if isinstance(b, Position)]

    @cached_property
    def notes(self) -> dict[str, Note]:
        """The editors' notes by anchor."""
        return {b.anchor: b for b in self.blocks if isinstance(b, Note)}

    def caveats(self, position: Position) -> list[Note]:
        """The notes that qualify ``position``, in order."""
        return [self.notes[a] for a in position.qualified_by if a in self.notes]

    @property
    def updated(self) -> dt.date | None:
        """The date of the newest correction, if any."""
        return self.meta.corrections[0].date if self.meta.corrections else None

    @property
    def lines(self) -> list[Line]:
        """All transcript lines in order (not note lines)."""
        return [line for seg in self.segments for line in iter_lines(seg.items) if line.number]

    @cached_property
    def mentioned(self) -> tuple[str, ...]:
        """Actors its words link (inline references outside editors' notes), in order."""
        return tuple(
            dict.fromkeys(r.target for r in self.refs if r.scheme == "actor" and not r.in_note)
        )

    @cached_property
    def policies(self) -> tuple[str, ...]:
        """Policies discussed: front matter, then positions, then inline links; no repeats."""
        seen: dict[str, None] = dict.fromkeys(self.meta.policies)
        for pos in self.positions:
            seen.update(dict.fromkeys(pos.policies))
        seen.update(
            dict.fromkeys(r.target for r in self.refs if r.scheme == "policy" and not r.in_note)
        )
        return tuple(seen)

    @cached_property
    def standing(self) -> Standing:
        """How far the episode is marked and whether its words are unreviewed automatic
        captions (see :class:`Standing`)."""
        meta = self.meta
        return Standing(meta.annotated, bool(self.blocks), meta.unreviewed_captions)

    @cached_property
    def has_timestamps(self) -> bool:
        """True when any transcript line carries a timestamp."""
        return any(line.timestamp for line in self.lines)

    @cached_property
    def has_chapters(self) -> bool:
        """Some titled segment holds transcript lines (its chapters are a download)."""
        return any(
            seg.title and any(ln.number for ln in iter_lines(seg.items)) for seg in self.segments
        )

    @cached_property
    def speakers(self) -> tuple[str, ...]:
        """The speakers of its transcript lines, in order of their first line."""
        return tuple(dict.fromkeys(line.speaker for line in self.lines if line.speaker))

    def release(self, reload: Callable[[], Episode]) -> None:
        """Let go of the segments (the words outside the blocks are most of an episode's
        memory) and the references after working out everything derived from them;
        ``reload`` gives them back (from the parse cache) when they are next asked for. The
        blocks stay: the cross-reference pages show them, and they keep their identity
        (memos key on it). What only the check reads (where each option was written) goes."""
        for name in _DERIVED:
            getattr(self, name)
        _share(vars(self))
        _share(vars(self.meta))
        for block in self.blocks:
            _share(vars(block))
            _share_lines(block)
        self.__dict__["_reload"] = reload
        self.__dict__.pop("segments", None)
        self.__dict__.pop("refs", None)

    def __getattr__(self, name: str) -> Any:
        # reached only for an attribute not set: the segments or refs of a released episode
        reload = self.__dict__.get("_reload")
        if name not in _RELEASED or reload is None:
            raise AttributeError(name)
        again = reload()
        self.__dict__["segments"] = _stitched(again.segments, self.blocks)
        self.__dict__["refs"] = again.refs
        _awake(self)
        return self.__dict__[name]

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_reload", None)
        state["segments"] = self.segments
        state["refs"] = self.refs
        return state


_DERIVED = tuple(n for n, v in vars(Episode).items() if isinstance(v, cached_property))
"""What an episode works out from its segments, worked out before it lets go of them."""
_RELEASED = ("segments", "refs")
"""What a released episode reads back when asked for."""
_AWAKE: dict[int, Episode] = {}
"""Released episodes whose segments are read back, oldest first: at most :data:`_AWAKE_MAX`
(a page and its downloads read one episode at a time)."""
_AWAKE_MAX = 4


_NOTHING: dict[str, Any] = {}
"""The one empty ``options`` and ``option_lines`` of every released block (nothing writes
a block's options after its episode is checked)."""


def _share(state: dict[str, Any]) -> None:
    """Make what the whole build keeps of an episode (its front matter, what it works out,
    its blocks) as small as its values allow: each id, kind and enum value (``supports``,
    ``policy-4``, ``position``) becomes one string for the whole archive, not one copy per
    episode read back from the cache. Words (a title, a quote, a line) are left as they
    are: they are seldom repeated."""
    for name, value in state.items():
        if type(value) is str:
            state[name] = _word(value)
        elif type(value) in (tuple, list) and value and all(type(v) is str for v in value):
            state[name] = type(value)(_word(v) for v in value)
    if "option_lines" in state:  # a block: what only the check reads goes
        state["option_lines"] = _NOTHING
        if not state["options"]:
            state["options"] = _NOTHING


def _share_lines(block: Block) -> None:
    # a line's speaker and its links' targets are ids (lines are frozen: set in place)
    for para in block.paragraphs:
        for line in para:
            if line.speaker is not None:
                object.__setattr__(line, "speaker", sys.intern(line.speaker))
            for part in line.parts:
                if isinstance(part, Ref):
                    object.__setattr__(part, "scheme", sys.intern(part.scheme))
                    object.__setattr__(part, "target", _word(part.target))


def _word(value: str) -> str:
    # one word (no space) of an id's length: an id or value of the format, shared; other
    # text as it is
    return sys.intern(value) if _ONE_WORD.match(value) else value


_ONE_WORD = re.compile(r"\S{1,64}\Z")


def _awake(episode: Episode) -> None:
    _AWAKE[id(episode)] = episode
    while len(_AWAKE) > _AWAKE_MAX:
        oldest = _AWAKE.pop(next(iter(_AWAKE)))
        for name in _RELEASED:
            oldest.__dict__.pop(name, None)


def _stitched(segments: list[Segment], blocks: list[Block]) -> list[Segment]:
    """Segments read back, holding the episode's own block objects again."""
    kept = iter(blocks)
    for seg in segments:
        for i, item in enumerate(seg.items):
            if isinstance(item, Block):
                old = next(kept, None)
                if old is None or type(old) is not type(item) or old.anchor != item.anchor:
                    raise RuntimeError(
                        "an episode read back from the build cache does not match the one "
                        "parsed (please report)"
                    )
                seg.items[i] = old
    if next(kept, None) is not None:
        raise RuntimeError(
            "an episode read back from the build cache has fewer blocks than the one "
            "parsed (please report)"
        )
    return segments


def iter_lines(items: list[Item]) -> list[Line]:
    """Lines of a segment's items, in order (transcript and note lines)."""
    out: list[Line] = []
    for it in items:
        if isinstance(it, tuple):
            out.extend(it)
        elif isinstance(it, Block):
            out.extend(it.lines)
    return out


# --- the catalog (data/*.yml) --------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """A name as the data gives it: a map from language tags to text (``{zh: 英伟达, en:
    NVIDIA}``, any tag the site uses), or plain text, the same in every language.

    A page asks for its language (:meth:`get`) and gets, in this order: the text given in
    that very tag, else in its base language (``zh`` for ``zh-Hant``), else the first text
    given."""

    texts: tuple[tuple[str, str], ...]
    """``(language tag, text)`` in the order given; ``("", text)`` for plain text."""

    @classmethod
    def plain(cls, text: str) -> Name:
        """A name in no particular language."""
        return cls((("", text),))

    @property
    def given(self) -> tuple[str, ...]:
        """The languages the name is given in (none for plain text)."""
        return tuple(lang for lang, _ in self.texts if lang)

    def _find(self, lang: str) -> str | None:
        want = lang.replace("_", "-").lower()
        base = want.split("-")[0]
        for tag, text in self.texts:
            if tag.lower() == want:
                return text
        for tag, text in self.texts:
            if tag.lower().split("-")[0] == base:
                return text
        return None

    def get(self, lang: str) -> str:
        """The name in ``lang`` (see the class), else the first given."""
        found = self._find(lang)
        return found if found is not None else self.texts[0][1]

    def has(self, lang: str) -> bool:
        """Whether the name is given in ``lang`` (plain text is in every language)."""
        return not self.given or self._find(lang) is not None

    def all(self) -> tuple[str, ...]:
        """Every text of the name (to match a name in any language)."""
        return tuple(dict.fromkeys(text for _, text in self.texts))


class Record:
    """What every data record has besides its model's fields: the values of fields the
    schema declares without an attribute of the model (an extension's field), read as
    attributes all the same (``actor.motto``)."""

    def __getattr__(self, name: str) -> Any:
        extra = self.__dict__.get("extra")
        if extra is not None and name in extra:
            return extra[name]
        raise AttributeError(name)


@dataclass(frozen=True)
class Podcast:
    """A show's podcast feed (``podcast:`` in ``data/shows.yml``): what Apple Podcasts and
    the Podcasting 2.0 namespace ask of a show, as the editors declare it."""

    artwork: str
    """A square image: an https:// address, or the path of a file under docs_dir."""
    category: str
    """An Apple Podcasts category, ``News`` or ``News/Politics``."""
    explicit: bool
    owner_email: str | None = None
    owner_name: str | None = None
    author: str | None = None
    guid: str | None = None
    """The feed's ``podcast:guid``, set once (default: from the feed's address)."""
    description: str | None = None


@dataclass
class Show(Record):
    """``data/shows.yml``: a channel or podcast."""

    id: str = ""
    name: Name = field(default_factory=lambda: Name.plain(""))
    hosts: tuple[str, ...] = ()
    url: str | None = None
    language: str | None = None
    podcast: Podcast | None = None
    line: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Actor(Record):
    """``data/actors.yml``: a company, person, government body or other party."""

    id: str = ""
    name: Name = field(default_factory=lambda: Name.plain(""))
    kind: str = ""
    description: Rich | None = None
    url: str | None = None
    affiliation: str | None = None
    sources: tuple[str, ...] = ()
    line: int = 0
    corrections: tuple[Correction, ...] = ()
    """Corrections of the record, newest first."""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Source(Record):
    """``data/sources.yml``: a document someone said something in, or that reports a fact."""

    id: str = ""
    title: str = ""
    publisher: str = ""
    url: str | None = None
    date: dt.date | None = None
    language: str | None = None
    note: Rich | None = None
    line: int = 0
    url_status: str | None = None
    """Why there is no ``url``: ``not-public``, ``not-recorded`` or ``not-found``."""
    corrections: tuple[Correction, ...] = ()
    """Corrections of the record, newest first."""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Event:
    """A dated event in a policy's timeline."""

    date: dt.date
    event: Rich
    sources: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Status:
    """A policy's status, with the date it took effect and its source."""

    value: str
    date: dt.date | None
    source: str | None
    note: Rich | None
    confidence: str = "medium"
    as_of: dt.date | None = None
    """The latest day the status is established for (None: not said)."""


@dataclass
class Policy(Record):
    """``data/policies.yml``: a rule, law or measure under debate."""

    id: str = ""
    name: Name = field(default_factory=lambda: Name.plain(""))
    short: Name | None = None
    kind: str | None = None
    agency: str | None = None
    jurisdiction: str | None = None
    status: Status | None = None
    summary: Rich | None = None
    provisions: tuple[Rich, ...] = ()
    timeline: tuple[Event, ...] = ()
    sources: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    line: int = 0
    corrections: tuple[Correction, ...] = ()
    """Corrections of the record, newest first."""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Catalog:
    """All data records by id."""

    shows: dict[str, Show] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    policies: dict[str, Policy] = field(default_factory=dict)

    def ids(self, scheme: str) -> dict[str, object]:
        """The records of one reference scheme (``policy``, ``actor``, ``source``, ``show``)."""
        return {
            "policy": self.policies,
            "actor": self.actors,
            "source": self.sources,
            "show": self.shows,
        }[scheme]  # type: ignore[return-value]
