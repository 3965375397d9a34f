"""Checks of single values, for the format's declarations (pure Python).

A check (:class:`Check`) turns a YAML value into a model value or raises :class:`Invalid`
with *what* is wrong and *how to fix it*, phrased to follow the field's label (``'date'
…``, ``option 'stance' of '/// position' …``, ``src-a.url …``). Each message is written
once, in its check. Fields and sets of fields are in :mod:`.fields`; the declarations that
use both in :mod:`.schema`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .errors import one_of
from .inline import ID_HINT, is_id, rich, url_problem
from .languages import language_guess, language_tag_valid
from .media import is_site_path, site_path_problem
from .model import Name
from .yamlsrc import below

HOMES = {"policy": "policies", "actor": "actors", "source": "sources", "show": "shows"}
"""Reference scheme -> the data file its ids live in."""


class Invalid(Exception):
    """A value breaks a rule: ``what`` follows the field's label, ``hint`` says the fix.

    ``at`` is the path below the field (a list index, a nested key) where the author
    should look, when the mistake is inside the value.
    """

    def __init__(self, what: str, hint: str, at: tuple[Any, ...] = ()) -> None:
        super().__init__(what)
        self.what = what
        self.hint = hint
        self.at = at


@dataclass
class Found:
    """What reading a value found besides the value: references to other records and
    problems below the value (several can be wrong at once in a list)."""

    refs: list[tuple[str, str, tuple[Any, ...]]] = field(default_factory=list)
    """``(scheme, id, path below the field)`` of every id the value names."""
    problems: list[Invalid] = field(default_factory=list)
    cut: dict[tuple[Any, ...], str] = field(default_factory=dict)
    """Given to a check: the plain values below it that a `` #`` comment cut short, by path,
    with what was written (see ``yamlsrc.Doc.cut``)."""

    def below(self, key: Any) -> Found:
        """A fresh ``Found`` for the value at ``key``, with the cuts below it."""
        return Found(cut=below(self.cut, key))


def cut_short(written: str, key: str = "") -> Invalid:
    """A text value a `` #`` comment cut short: one message, wherever it happens."""
    lead = f"{key}: " if key else "- "
    return Invalid(
        "is cut short by ' #': YAML reads the rest of the line as a comment",
        f'put the whole value in quotes: {lead}"{shown(written, 60)}"',
    )


class Check:
    """A validator: ``check(value, found) -> model value`` or :class:`Invalid`."""

    doc = "any value"
    """What the value is, for the format reference."""
    example = "<value>"
    """An example value, for hints (``add 'key: <example>'``)."""

    def __call__(self, value: Any, found: Found) -> Any:
        return value


# --- text ----------------------------------------------------------------------------

# Bidirectional embeddings, overrides and isolates: one left open reorders everything
# after it on the line (a title, the site name in <title>…).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})


def _control(text: str, newlines: bool) -> str | None:
    for ch in text:
        if ch == "\t" or (newlines and ch == "\n"):
            continue
        cat = unicodedata.category(ch)
        if cat == "Cc" or ch in "\u2028\u2029" or cat == "Cs":
            return ch
    return None


class Text(Check):
    """Text (a number is taken as written). No control characters (tab aside; line breaks
    only where ``multiline``), no bidirectional controls, not only invisible characters."""

    doc = "text"
    example = "<text>"

    def __init__(self, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, value: Any, found: Found) -> Any:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise Invalid(
                f"must be text, not {_kind(value)}",
                "write the text on the same line, in quotes if it contains ': ' or ' #'",
            )
        text = str(value)
        bad = _control(text, self.multiline)
        if bad is not None:
            raise Invalid(
                f"contains the control character U+{ord(bad):04X}",
                "remove it" + ("" if self.multiline else "; keep the text on one line"),
            )
        if (m := _BIDI.search(text)) is not None:
            raise Invalid(
                f"contains the bidirectional control U+{ord(m.group()):04X}, which would "
                "reorder the text around it",
                "remove it",
            )
        if all(unicodedata.category(ch) in _INVISIBLE for ch in text):
            raise Invalid("is empty or only invisible characters", "write visible text")
        return text.strip()


class RichText(Text):
    """Text that may hold inline references (``[词](policy:id)``), parsed once."""

    doc = "text; may link `[words](policy:id)`, `actor:`, `source:`, `https://`"

    def __call__(self, value: Any, found: Found) -> Any:
        parsed, problems = rich(super().__call__(value, found))
        for what, hint in problems:
            found.problems.append(Invalid(what, hint))
        for part in parsed.parts:
            if getattr(part, "scheme", None) in ("policy", "actor", "source"):
                found.refs.append((part.scheme, part.target, ()))  # type: ignore[union-attr]
        return parsed


class Words(Check):
    """A list of short texts (tags)."""

    doc = "a list of words, `[出口管制, AI 芯片]`"
    example = "[出口管制, AI 芯片]"

    def __call__(self, value: Any, found: Found) -> Any:
        items = value if isinstance(value, list) else [value]
        out = []
        for i, item in enumerate(items):
            at = (i,) if value is items else ()
            where = f"[{i}]" if at else ""
            if at in found.cut:
                c = cut_short(found.cut[at])
                found.problems.append(Invalid(_join(where, c.what), c.hint, at))
            try:
                out.append(Text()(item, found))
            except Invalid as e:
                found.problems.append(Invalid(_join(where, e.what), e.hint, at))
        return tuple(out)


class Texts(Check):
    """A list of text items (each may hold inline references)."""

    doc = "a list of text items, each written `- …` on its own line"
    example = "\n  - <text>"

    def __call__(self, value: Any, found: Found) -> Any:
        if not isinstance(value, list):
            raise Invalid("must be a list of text items", "write each item as '- …' below")
        out = []
        for i, item in enumerate(value):
            sub = Found()
            if (i,) in found.cut:
                sub.problems.append(cut_short(found.cut[(i,)]))
            try:
                out.append(RichText(multiline=True)(item, sub))
            except Invalid as e:
                sub.problems.append(e)
            found.refs += [(s, t, (i,)) for s, t, _ in sub.refs]
            found.problems += [Invalid(_join(f"[{i}]", p.what), p.hint, (i,)) for p in sub.problems]
        return tuple(out)


# --- ids --------------------------------------------------------------------------------


class Id(Check):
    """An id; with ``scheme``, an id of a record elsewhere (checked to exist)."""

    example = "<id>"

    def __init__(self, scheme: str | None = None) -> None:
        self.scheme = scheme
        self.doc = f"an id in `data/{HOMES[scheme]}.yml`" if scheme else "an id"
        if scheme:
            self.example = f"<id from data/{HOMES[scheme]}.yml>"

    def __call__(self, value: Any, found: Found) -> Any:
        if not is_id(value):
            raise Invalid(f"must be an id, not '{shown(value)}'", ID_HINT)
        if self.scheme:
            found.refs.append((self.scheme, value, ()))
        return value


class Ids(Check):
    """One id or a list of ids, each named once: of records elsewhere (``scheme``), or of
    blocks in the same episode (``None``)."""

    def __init__(self, scheme: str | None) -> None:
        self.one = Id(scheme)
        where = f" in `data/{HOMES[scheme]}.yml`" if scheme else " of positions in this episode"
        self.doc = f"one id or a list of ids{where}"
        self.example = f"[<id from data/{HOMES[scheme]}.yml>]" if scheme else "[<id>]"

    def __call__(self, value: Any, found: Found) -> Any:
        items = value if isinstance(value, list) else [value]
        out: list[str] = []
        for i, item in enumerate(items):
            at = (i,) if items is value else ()
            if item in out:
                found.problems.append(
                    Invalid(f"names '{item}' twice", "remove the repeated id", at)
                )
                continue
            try:
                out.append(self.one(item, sub := Found()))
                found.refs += [(s, t, at) for s, t, _ in sub.refs]
            except Invalid as e:
                found.problems.append(Invalid(f"has an invalid id '{shown(item)}'", e.hint, at))
        return tuple(out)


# --- other values ------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\Z")


class Date(Check):
    """A calendar date that exists, ``YYYY-MM-DD``."""

    doc = "a date, `YYYY-MM-DD`"
    example = "2025-05-03"

    def __call__(self, value: Any, found: Found) -> Any:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        m = _ISO_DATE.match(text)
        if m is None:
            raise Invalid(
                f"must be a date, not '{shown(value)}'", "write it as YYYY-MM-DD, e.g. 2025-05-03"
            )
        year, month, day = (int(g) for g in m.groups())
        if not 1 <= month <= 12:
            raise Invalid(
                f"is '{text}', which is not a date: there is no month {month}",
                "write YYYY-MM-DD with the month from 01 to 12",
            )
        days = calendar.monthrange(year, month)[1] if year else 31
        if not 1 <= day <= days:
            month_name = calendar.month_name[month]
            raise Invalid(
                f"is '{text}', which is not a date: {month_name} {year} has {days} days",
                "write a day that exists",
            )
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise Invalid(f"is '{text}', which is not a date", "write a year from 0001") from None


class Bool(Check):
    """``true`` or ``false``."""

    doc = "`true` or `false`"
    example = "true"

    def __call__(self, value: Any, found: Found) -> Any:
        if not isinstance(value, bool):
            raise Invalid(f"must be true or false, not '{shown(value)}'", "write true or false")
        return value


class Url(Check):
    """An http(s) address without a user name or password."""

    doc = "an `https://` address"
    example = "https://…"

    def __call__(self, value: Any, found: Found) -> Any:
        text = Text()(value, found)
        bad = url_problem(text)
        if bad is not None:
            raise Invalid(f"is '{shown(text)}', which {bad[0]}", bad[1])
        return text


class MediaAddress(Check):
    """A media file (``images``: an image): an http(s) address, or a path under
    ``docs_dir`` to a file in the site (``media/2025/ep.mp3``)."""

    def __init__(self, images: bool = False) -> None:
        self.images = images
        name = "cover.jpg" if images else "ep.mp3"
        self.doc = f"an `https://` address, or the path of a file under docs_dir (`media/{name}`)"
        self.example = "media/cover.jpg" if images else "media/<year>/<slug>.mp3"

    def __call__(self, value: Any, found: Found) -> Any:
        text = Text()(value, found)
        local = is_site_path(text)
        bad = site_path_problem(text, self.images) if local else url_problem(text)
        if bad is not None:
            raise Invalid(f"is '{shown(text)}', which {bad[0]}", bad[1])
        return text


class ByteCount(Check):
    """A size in bytes: a whole number above zero."""

    doc = "a whole number of bytes"
    example = "12345678"

    def __call__(self, value: Any, found: Found) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise Invalid(
                f"must be the file's size in bytes, not '{shown(value)}'",
                "write the whole number of bytes, e.g. length: 12345678 (ls -l shows it)",
            )
        return value


_WHOLE_LINE = re.compile(r"L([1-9][0-9]{0,6})\Z")


class LineSplits(Check):
    """``{L57: 2}``: lines of a published episode that were split, each with the number of
    lines it is now; read as ``((57, 2), …)``."""

    doc = (
        "a mapping of line anchors to how many lines each became, `{L57: 2}`: the line "
        "published as `#L57` is now `#L57` and `#L57.2`, and every later line keeps its "
        "number"
    )
    example = "{L57: 2}"

    def __call__(self, value: Any, found: Found) -> Any:
        if not isinstance(value, dict) or not value:
            raise Invalid(
                f"must be a mapping of line anchors to line counts, not '{shown(value)}'",
                "write split: {L57: 2} (line 57 as published is now two lines)",
            )
        out: list[tuple[int, int]] = []
        for key, count in value.items():
            m = _WHOLE_LINE.match(key) if isinstance(key, str) else None
            if m is None:
                found.problems.append(
                    Invalid(
                        f"names '{shown(key)}', not a line as published",
                        "name the line by its anchor as published, e.g. L57 (to split its "
                        "part L57.2 later, a new correction names L57 with the lines it "
                        "added plus one)",
                        (key,),
                    )
                )
                continue
            if isinstance(count, bool) or not isinstance(count, int) or count < 2:
                found.problems.append(
                    Invalid(
                        f"gives '{shown(count)}' for {key}, not a count of lines",
                        f"write how many lines {key} became, at least 2: {key}: 2",
                        (key,),
                    )
                )
                continue
            out.append((int(m.group(1)), count))
        return tuple(sorted(out))


class Email(Check):
    """An e-mail address."""

    doc = "an e-mail address"
    example = "name@example.org"

    def __call__(self, value: Any, found: Found) -> Any:
        text = Text()(value, found)
        if not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+", text):
            raise Invalid(f"is '{shown(text)}', not an e-mail address", "write name@example.org")
        return text


class Uuid(Check):
    """A UUID, as ``podcast:guid`` is."""

    doc = "a UUID (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`)"
    example = "<the guid the build reports>"

    def __call__(self, value: Any, found: Found) -> Any:
        text = Text()(value, found)
        if not re.fullmatch(r"[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}", text.lower()):
            raise Invalid(
                f"is '{shown(text)}', not a UUID",
                "copy the podcast guid the build reports (or remove the key)",
            )
        return text.lower()


class Choice(Check):
    """One word of a fixed vocabulary."""

    def __init__(self, choices: Iterable[str]) -> None:
        self.choices = tuple(choices)
        self.doc = "one of " + ", ".join(f"`{c}`" for c in self.choices)
        self.example = self.choices[0]

    def __call__(self, value: Any, found: Found) -> Any:
        if value not in self.choices:
            raise Invalid(f"is '{shown(value)}', not an allowed value", one_of(value, self.choices))
        return value


class LanguageTag(Check):
    """A language tag (BCP 47) that the IANA registry knows: ``zh``, ``en``, ``zh-Hant``."""

    doc = "a language tag (BCP 47), e.g. `zh`, `en`, `zh-Hant`"
    example = "zh"

    def __call__(self, value: Any, found: Found) -> Any:
        text = Text()(value, found)
        if language_tag_valid(text):
            return text
        guess = language_guess(text)
        raise Invalid(
            f"is '{shown(text)}', which is not a language tag",
            (f"did you mean '{guess}'? " if guess else "")
            + "write a BCP 47 tag such as zh, en or zh-Hant",
        )


_DURATION = re.compile(r"^(?:(\d{1,2}):)?(\d{1,3}):(\d{2})\Z")


class Duration(Check):
    """A length of time, ``mm:ss`` or ``h:mm:ss``, minutes and seconds below 60."""

    doc = '`"mm:ss"` or `"h:mm:ss"`, in quotes'
    example = '"17:40"'

    def __call__(self, value: Any, found: Found) -> Any:
        text = str(value) if isinstance(value, (str, int)) else ""
        m = _DURATION.match(text)
        if m is None or int(m.group(3)) >= 60 or (m.group(1) and int(m.group(2)) >= 60):
            raise Invalid(
                f"must be a duration, not '{shown(value)}'",
                'write "mm:ss" or "h:mm:ss" in quotes, minutes and seconds below 60, '
                'e.g. duration: "17:40"',
            )
        return text


class NameCheck(Check):
    """A name: a map from language tags to text (``{zh: 英伟达, en: NVIDIA}``; one language
    is enough, any language tag will do), or plain text. Each page shows it in the site's
    language where given, else in the one there is (see :class:`~.model.Name`)."""

    doc = "`{zh: …, en: …}` (any language tags; one is enough) or text"
    example = "{zh: 英伟达, en: NVIDIA}"

    def __call__(self, value: Any, found: Found) -> Any:
        if not isinstance(value, dict):
            return Name.plain(Text()(value, found))
        texts: list[tuple[str, str]] = []
        for key in value:
            if not isinstance(key, str) or not language_tag_valid(key):
                guess = language_guess(str(key))
                hint = f"did you mean '{guess}'? " if guess else ""
                found.problems.append(
                    Invalid(
                        f"has '{key}', which is not a language tag",
                        hint + "write the name under a language tag: zh, en, zh-Hant…",
                        (key,),
                    )
                )
            elif value[key] not in (None, ""):
                try:
                    texts.append((key, Text()(value[key], found)))
                except Invalid as e:
                    found.problems.append(Invalid(f".{key} {e.what}", e.hint, (key,)))
        if not texts and not found.problems:
            raise Invalid("gives no name", "write 'name: {zh: 英伟达, en: NVIDIA}' or one of them")
        return Name(tuple(texts)) if texts else Name.plain("")


class Sha256(Check):
    """A SHA-256 digest: 64 lower-case hexadecimal digits."""

    doc = "64 lower-case hexadecimal digits"
    example = "<sha256sum of the file>"

    def __call__(self, value: Any, found: Found) -> Any:
        if not isinstance(value, str) or re.fullmatch(r"[0-9a-f]{64}", value) is None:
            raise Invalid(
                f"must be a SHA-256 digest, not '{shown(value)}'",
                "write the 64 lower-case hexadecimal digits that sha256sum prints",
            )
        return value


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return type(value).__name__


def shown(value: Any, limit: int = 80) -> str:
    """A value as it may appear in a message: one line, not too long."""
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _join(label: str, what: str) -> str:
    """A field's label and what is wrong with it; a nested field's own label (``.date``,
    ``[0]``) or a nested mapping's rule (`` has no …``) follows without a space."""
    return f"{label}{what}" if what.startswith((".", "[", " ")) else f"{label} {what}"
