"""The format, declared once: front matter, block kinds, data records (pure Python).

Every rule an author's text must follow is a declaration here, in the manner of
pymdown-extensions' ``Block`` (``NAME``, ``ARGUMENT``, ``OPTIONS = {key: (default,
validator)}``) and MkDocs' ``Config`` schemas, with what neither has: every problem is
collected (never only the first), each at its line as ``path:line: what — how to fix``.
The parser and the catalog read through these declarations, and the format reference
(``FORMAT.md``) is generated from them.

A check (:class:`Check`) turns a YAML value into a model value or raises :class:`Invalid`
with *what* is wrong and *how to fix it*, phrased to follow the field's label
(``'date' …``, ``option 'stance' of '/// position' …``, ``src-a.url …``). Each message is
written once, in its check.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import one_of
from .inline import ID_HINT, is_id, rich, url_problem
from .languages import language_guess, language_tag_valid
from .model import Block, Clip, Commentary, Imported, Name, Note, Position, Rich
from .yamlsrc import below

MISSING: Any = object()
"""Returned by :meth:`FieldSet.read` for a field whose value was invalid or absent."""


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
    """A name: ``{zh: …, en: …}`` (one of the two is enough), or plain text. Each page shows
    it in the site's language when given, else in the one there is."""

    doc = "`{zh: …, en: …}` (one language is enough) or text"
    example = "{zh: 英伟达, en: NVIDIA}"

    def __call__(self, value: Any, found: Found) -> Any:
        if not isinstance(value, dict):
            text = Text()(value, found)
            return Name(text, text, ())
        names: dict[str, str] = {}
        for key in value:
            if key not in ("zh", "en"):
                found.problems.append(
                    Invalid(f"has an unknown key '{key}'", one_of(key, ("zh", "en")), (key,))
                )
            elif value[key] not in (None, ""):
                try:
                    names[key] = Text()(value[key], found)
                except Invalid as e:
                    found.problems.append(Invalid(f".{key} {e.what}", e.hint, (key,)))
        if not names and not found.problems:
            raise Invalid("gives no name", "write 'name: {zh: 英伟达, en: NVIDIA}' or one of them")
        zh, en = names.get("zh", ""), names.get("en", "")
        return Name(zh or en or "", en or zh or "", tuple(k for k in ("zh", "en") if k in names))


# --- sets of fields ----------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One key: its check, whether it is required, its default, and what it means."""

    check: Check
    doc: str
    required: bool = False
    default: Any = None
    example: str | None = None
    attr: str | None = None
    """The model attribute the value goes to, when it is not named like the key."""

    def hint_add(self, key: str, indent: str = "") -> str:
        """How to add the key when it is missing."""
        return f"add '{indent}{key}: {self.example or self.check.example}'"


@dataclass(frozen=True)
class Needs:
    """A rule across fields: when any of ``when`` is given (always, when empty), one of
    ``need`` must be given too."""

    need: tuple[str, ...]
    when: tuple[str, ...] = ()
    why: str = ""
    only_one: bool = False
    """The fields of ``need`` exclude each other (``source`` or ``unsourced``)."""


class Nested(Check):
    """A mapping checked by its own :class:`FieldSet` (``status: {value: …, date: …}``)."""

    def __init__(self, fields: FieldSet, shorthand: str | None = None) -> None:
        self.fields = fields
        self.shorthand = shorthand
        self.doc = "a mapping: " + ", ".join(f"`{k}`" for k in fields.fields)
        if shorthand:
            self.doc += f", or just its `{shorthand}`"

    def __call__(self, value: Any, found: Found) -> Any:
        if self.shorthand and not isinstance(value, dict):
            value = {self.shorthand: value}
        if not isinstance(value, dict):
            raise Invalid(f"must be a mapping of {', '.join(self.fields.fields)}", "see FORMAT.md")
        return self.fields.read_nested(value, found)


class ListOf(Check):
    """A list of mappings, each checked by a :class:`FieldSet` (a policy's timeline)."""

    def __init__(self, fields: FieldSet) -> None:
        self.fields = fields
        self.doc = "a list of mappings: " + ", ".join(f"`{k}`" for k in fields.fields)

    def __call__(self, value: Any, found: Found) -> Any:
        if not isinstance(value, list):
            raise Invalid("must be a list", "write each item as '- …' below")
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                found.problems.append(
                    Invalid("items must be mappings", "write '- {date: …, event: …}'", (i,))
                )
                continue
            sub = found.below(i)
            values = self.fields.read_nested(item, sub)
            found.refs += [(s, t, (i, *at)) for s, t, at in sub.refs]
            found.problems += [
                Invalid(_join(f"[{i}]", p.what), p.hint, (i, *p.at)) for p in sub.problems
            ]
            out.append(values)
        return out


Report = Callable[[tuple[Any, ...], str, str], None]
"""``report(path below the mapping, what, hint)``."""


@dataclass(frozen=True)
class FieldSet:
    """The keys of one mapping: front matter, a block's options, a data record.

    ``noun`` names a key in messages (``front-matter key``, ``option``, ``field``);
    ``label`` makes a key's label from its name (``'date'``, ``option 'stance' of '///
    position'``); ``owner`` names the whole mapping (``the front matter``).
    """

    fields: Mapping[str, Field]
    noun: str = "key"
    owner: str = "the mapping"
    label: str = "'{key}'"
    indent: str = ""
    needs: tuple[Needs, ...] = ()

    def read(
        self,
        data: Mapping[str, Any],
        report: Report,
        cut: Mapping[tuple[Any, ...], str] | None = None,
    ) -> tuple[dict[str, Any], list[tuple[str, str, tuple[Any, ...]]]]:
        """Check ``data``; returns every field's value (:data:`MISSING` when absent or
        invalid) and the references it makes, ``(scheme, id, path)``. Problems go to
        ``report`` with the path of the key to fix. ``cut`` maps keys whose plain value a
        `` #`` comment cut short to the whole text written after them (see ``yamlsrc.Doc``)."""
        found = Found()
        values = self._read(data, found, report, dict(cut or {}))
        return values, found.refs

    def read_nested(self, data: Mapping[str, Any], found: Found) -> dict[str, Any]:
        """Check a mapping inside another value; problems and refs go to ``found``, their
        paths relative to the mapping. Absent or invalid fields are None."""

        def report(at: tuple[Any, ...], what: str, hint: str) -> None:
            found.problems.append(Invalid(what, hint, at))

        values = self._read(data, found, report, found.cut)
        return {k: (None if v is MISSING else v) for k, v in values.items()}

    def _read(
        self,
        data: Mapping[str, Any],
        found: Found,
        report: Report,
        cut: dict[tuple[Any, ...], str],
    ) -> dict[str, Any]:
        for key in data:
            if key not in self.fields:
                report(
                    (key,),
                    f"unknown {self.noun} '{key}'{self._of()}",
                    one_of(key, self.fields, f"the {self.noun}s"),
                )
        values: dict[str, Any] = {}
        for key, spec in self.fields.items():
            value = data.get(key)
            label = self.label.format(key=key)
            if value is None or value == "" or value == []:
                values[key] = MISSING if spec.default is None else spec.default
                if spec.required:
                    report(
                        (),
                        f"{self.owner} has no '{key}'",
                        spec.hint_add(key, self.indent),
                    )
                continue
            if (key,) in cut and isinstance(spec.check, Text):
                c = cut_short(cut[(key,)], key)
                report((key,), _join(label, c.what), c.hint)
            sub = Found(cut=below(cut, key))
            try:
                values[key] = spec.check(value, sub)
            except Invalid as e:
                values[key] = MISSING
                report((key, *e.at), _join(label, e.what), e.hint)
            for p in sub.problems:
                report((key, *p.at), _join(label, p.what), p.hint)
            found.refs += [(s, t, (key, *at)) for s, t, at in sub.refs]
        for rule in self.needs:
            self._needs(rule, data, report)
        return values

    def _needs(self, rule: Needs, data: Mapping[str, Any], report: Report) -> None:
        # "given" is "written", valid or not: a wrong value is reported by its own check
        def given_(key: str) -> bool:
            return data.get(key) not in (None, "", [])

        if rule.when and not any(given_(k) for k in rule.when):
            return
        given = [k for k in rule.need if given_(k)]
        at = (rule.when[0],) if rule.when else ()
        alternatives = " or ".join(f"'{k}'" for k in rule.need)
        if not given:
            report(at, f"{self.owner} has no {alternatives}{rule.why}", self._how(rule.need))
        elif rule.only_one and len(given) > 1:
            both = " and ".join(f"'{k}'" for k in given)
            report(
                (given[1],),
                f"{self.owner} has both {both}",
                f"keep one: '{given[1]}' is for when there is no '{given[0]}'",
            )

    def _how(self, keys: tuple[str, ...]) -> str:
        return ", or ".join(self.fields[k].hint_add(k, self.indent) for k in keys)

    def _of(self) -> str:
        if self.noun == "option":
            return f" for {self.owner}"
        return f" in {self.owner}" if self.noun == "field" else ""


# --- the vocabulary --------------------------------------------------------------------

HOMES = {"policy": "policies", "actor": "actors", "source": "sources", "show": "shows"}
"""Reference scheme -> the data file its ids live in."""

STANCES = ("supports", "opposes", "mixed", "neutral")
ACTOR_KINDS = (
    "company",
    "person",
    "government",
    "agency",
    "lab",
    "organization",
    "media",
    "legislature",
    "court",
)
POLICY_STATUSES = (
    "proposed",
    "introduced",
    "enacted",
    "in-force",
    "enforcement-paused",
    "rescission-announced",
    "rescinded",
    "superseded",
    "expired",
    "struck-down",
    "pending",
)
CONFIDENCE = ("high", "medium", "low")
URL_STATUSES = ("not-public", "not-recorded", "not-found")
"""Why a source has no address (the page says which, never a blanket "not found")."""
STANCE_BASES = ("stated", "inferred")
"""Whether the actor stated the stance, or the editors inferred it (the cautious default)."""
QUOTE_KINDS = ("verbatim", "translation", "paraphrase")
"""What a position's ``quote`` is; not claimed verbatim unless the editors say so."""
ACCOUNTS = ("checked", "unchecked", "disputed")
"""Whether the host's account was checked against the source (default: unchecked)."""
RESERVED_IDS = frozenset({"index"})
"""Ids whose page would replace a generated one: ``actors/index.md`` is the actors' overview."""


# --- the front matter --------------------------------------------------------------------

CORRECTION = FieldSet(
    {
        "date": Field(Date(), "when the page was corrected", required=True),
        "change": Field(Text(multiline=True), "what changed", required=True),
        "reason": Field(Text(multiline=True), "why", required=True),
        "previous_date": Field(
            Date(),
            "when the correction changed the episode's `date`: the date it had before (the "
            "page keeps the address of the year it was published in)",
        ),
    },
    noun="key",
    owner="",
    label=".{key}",
)

IMPORT_KINDS = ("auto-captions", "subtitles", "transcript")
"""What an episode's words were imported from (``imported.kind``)."""


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


class ImportedCheck(Nested):
    """The ``imported:`` mapping, read into :class:`~.model.Imported`."""

    def __call__(self, value: Any, found: Found) -> Any:
        v = super().__call__(value, found)
        return Imported(v["from"] or "", v["sha256"], v["kind"] or "", bool(v["reviewed"]))


IMPORTED = FieldSet(
    {
        "from": Field(Text(), "the name of the file the words were imported from", required=True),
        "sha256": Field(Sha256(), "the SHA-256 of that file as imported"),
        "kind": Field(
            Choice(IMPORT_KINDS),
            "what the file was: `auto-captions` (a video site's automatic captions), "
            "`subtitles` (captions made by people) or `transcript`",
            required=True,
        ),
        "reviewed": Field(
            Bool(),
            "an editor has checked the automatic captions against the audio (default: "
            "false, and the words are said to be unreviewed)",
            default=False,
        ),
    },
    noun="key",
    owner="",
    label=".{key}",
)

FRONT_MATTER = FieldSet(
    {
        "title": Field(Text(), "the episode title", required=True, example="<the episode title>"),
        "date": Field(
            Date(),
            "the day the episode was published (its first airing); with "
            "`date_approximate: true` when only roughly known",
            required=True,
            example="<YYYY-MM-DD, the day it was published>",
        ),
        "date_approximate": Field(
            Bool(), "the exact day is unknown: the page says the date is approximate", default=False
        ),
        "show": Field(Id("show"), "the show it belongs to", required=True),
        "host": Field(Id("actor"), "who hosts it; may be left out when the show has one host"),
        "hosts": Field(
            Ids("actor"),
            "its hosts when there are several, the first the main host (default: the show's)",
            default=(),
        ),
        "guests": Field(Ids("actor"), "its guests", default=()),
        "video": Field(Url(), "the episode's video page; timestamps link into it"),
        "duration": Field(Duration(), "its length"),
        "language": Field(
            LanguageTag(), "the language of its words (default: the show's, else the site's)"
        ),
        "summary": Field(Text(multiline=True), "one paragraph, for lists, feeds and search"),
        "policies": Field(
            Ids("policy"),
            "policies it discusses (also collected from positions and inline links)",
            default=(),
        ),
        "tags": Field(Words(), "free keywords", default=()),
        "draft": Field(
            Bool(),
            "left out of the published site; checked and reported in every build",
            default=False,
        ),
        "corrections": Field(
            ListOf(CORRECTION),
            "the page's corrections, each `{date, change, reason}`: shown at its foot, on the "
            "site's corrections page, and in the feed",
            default=[],
        ),
        "annotated": Field(
            Bool(),
            "whether positions and commentary have been marked; `episodes import` writes "
            "`false` (a transcript published as imported), an editor changes it (default: "
            "true)",
            default=True,
        ),
        "imported": Field(
            ImportedCheck(IMPORTED),
            "where the words were imported from, written by `episodes import` and "
            "`episodes new`: `{from, sha256, kind, reviewed}`",
        ),
    },
    noun="front-matter key",
    owner="the front matter",
)


# --- block kinds -------------------------------------------------------------------------


@dataclass(frozen=True)
class Argument:
    """What may follow ``|`` in a block's header."""

    doc: str
    scheme: str | None = "actor"
    required: bool = False
    example: str = "<actor id>"
    attr: str = "argument"
    """The model attribute it goes to (a position's ``actor``)."""
    speaks: bool = False
    """The actor named is who speaks the block's lines (a clip, another speaker's
    commentary); a position's actor does not: the host reports it."""


@dataclass(frozen=True)
class BlockKind:
    """One kind of ``///`` block: its name, argument, options and how its lines count.

    Adding a kind is one declaration (:func:`register`) plus its template,
    ``partials/episodes/blocks/<name>.html`` in the theme's ``custom_dir``.
    """

    name: str
    doc: str
    label: str
    """The label shown on the page and in search (``立场``)."""
    argument: Argument | None = None
    options: Mapping[str, Field] = field(default_factory=dict)
    needs: tuple[Needs, ...] = ()
    transcript: bool = True
    """Whether its lines are transcript lines (numbered, ``#L<n>``); a note's are not."""
    anchor_prefix: str = ""
    """Automatic anchors: ``<prefix>-<n>`` (a position's: ``<actor>-<n>``)."""
    model: type[Block] = Block
    """The model class; each option's value goes to the attribute of its name (or
    ``Field.attr``); a plain :class:`Block` keeps them in ``options``."""

    @property
    def option_set(self) -> FieldSet:
        """The options as a :class:`FieldSet` (with the ``id`` every block has)."""
        return FieldSet(
            {"id": ID_OPTION, **self.options},
            noun="option",
            owner=f"'/// {self.name}'",
            label=f"option '{{key}}' of '/// {self.name}'",
            indent="    ",
            needs=self.needs,
        )


ID_OPTION = Field(Id(), "the block's anchor, unique in the episode (default: made for it)")

BLOCKS: dict[str, BlockKind] = {}


def register(kind: BlockKind) -> BlockKind:
    """Declare a block kind (replacing one of the same name); returns it."""
    BLOCKS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """Remove a declared kind (for tests that declare a throwaway kind)."""
    BLOCKS.pop(name, None)


register(
    BlockKind(
        "position",
        "The host's account of what an actor holds; `| <actor id>` names the actor.",
        "立场",
        Argument("the actor who holds the position", required=True, attr="actor"),
        {
            "source": Field(
                Id("source"), "the document where the actor said it (where the claim is checked)"
            ),
            "unsourced": Field(
                Text(),
                "instead of `source`: why there is none (the page says the position is "
                "unsourced, with this reason)",
            ),
            "policy": Field(
                Ids("policy"), "the policy or policies it is about", default=(), attr="policies"
            ),
            "stance": Field(Choice(STANCES), "towards those policies"),
            "stance_basis": Field(
                Choice(STANCE_BASES),
                "`stated` when the actor's own words take that stance on that policy; "
                "`inferred` (the default) when the editors read it from what they said",
                default="inferred",
            ),
            "responds_to": Field(Id(), "the `id` of another position in this episode it answers"),
            "quote": Field(
                Text(multiline=True),
                "the actor's words as the source gives them, in its language",
            ),
            "quote_kind": Field(
                Choice(QUOTE_KINDS),
                "what `quote` is: `verbatim` (the actor's own words, checked in the source), "
                "a `translation`, or a `paraphrase` (the default: never claimed verbatim "
                "unless stated)",
                default="paraphrase",
            ),
            "quote_by": Field(
                Text(), "whose translation or paraphrase the quote is (e.g. CNBC, 本站)"
            ),
            "account": Field(
                Choice(ACCOUNTS),
                "the host's account against the source: `checked`, `unchecked` (the "
                "default) or `disputed`",
                default="unchecked",
            ),
            "date": Field(Date(), "when the actor said it (default: the source's date)"),
        },
        needs=(
            Needs(
                ("source", "unsourced"),
                why=": a position says where the actor said it, or why no source is known",
                only_one=True,
            ),
        ),
        anchor_prefix="position",
        model=Position,
    )
)
register(
    BlockKind(
        "clip",
        "A party's own recorded voice played in the episode (a clip); `| <actor id>` names "
        "them. Its lines are their words, so it counts as their position in their own words.",
        "原声",
        Argument("whose voice it is", required=True, attr="actor", speaks=True),
        {
            k: BLOCKS["position"].options[k]
            for k in ("source", "unsourced", "policy", "stance", "stance_basis", "date")
        },
        needs=BLOCKS["position"].needs,
        anchor_prefix="clip",
        model=Clip,
    )
)
register(
    BlockKind(
        "opinion",
        "The host's judgements, wishes and criticism: commentary, never reporting.",
        "观点",
        Argument("another speaker than the episode's host", attr="speaker", speaks=True),
        anchor_prefix="opinion",
        model=Commentary,
    )
)
register(
    BlockKind(
        "analysis",
        "The host's interpretation (motives, causes, predictions): commentary.",
        "分析",
        Argument("another speaker than the episode's host", attr="speaker", speaks=True),
        anchor_prefix="analysis",
        model=Commentary,
    )
)
register(
    BlockKind(
        "context",
        "An editor's note (编者注), not said in the episode: background, a correction, "
        "what happened next. Its lines are not transcript lines.",
        "编者注",
        None,
        {
            "date": Field(Date(), "when the note was written", required=True),
            "source": Field(Id("source"), "where the facts in the note come from"),
            "qualifies": Field(
                Ids(None),
                "the `id`s of the positions in this episode the note qualifies: wherever "
                "such a position is shown, it says so and gives the note",
                default=(),
            ),
        },
        transcript=False,
        anchor_prefix="note",
        model=Note,
    )
)


# --- data records -------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordType:
    """One data file: ``data/<file>.yml`` maps ids to records of these fields."""

    file: str
    doc: str
    fields: Mapping[str, Field]
    needs: tuple[Needs, ...] = ()
    reserved: frozenset[str] = frozenset()

    def field_set(self, rid: str) -> FieldSet:
        """The fields, labelled for the record ``rid``."""
        return FieldSet(
            self.fields,
            noun="field",
            owner=rid,
            label=f"{rid}.{{key}}",
            needs=self.needs,
        )


STATUS = FieldSet(
    {
        "value": Field(Choice(POLICY_STATUSES), "what state the policy is in", required=True),
        "date": Field(Date(), "since when"),
        "source": Field(Id("source"), "where that is documented"),
        "confidence": Field(
            Choice(CONFIDENCE), "how sure the sources make it (default: medium)", default="medium"
        ),
        "note": Field(RichText(multiline=True), "what the status leaves out"),
    },
    noun="key",
    owner="",
    label=".{key}",
    needs=(Needs(("source",), when=("date",), why=" for its date"),),
)
EVENT = FieldSet(
    {
        "date": Field(Date(), "when it happened", required=True),
        "event": Field(RichText(multiline=True), "what happened", required=True),
        "source": Field(
            Ids("source"), "where it is documented", example="<id from data/sources.yml>"
        ),
        "sources": Field(Ids("source"), "the same, several"),
    },
    noun="key",
    owner="",
    label=".{key}",
    needs=(Needs(("source", "sources")),),
)

RECORDS: dict[str, RecordType] = {
    r.file: r
    for r in (
        RecordType(
            "shows",
            "A channel or podcast.",
            {
                "name": Field(NameCheck(), "its name", required=True),
                "hosts": Field(
                    Ids("actor"),
                    "its regular host(s); an episode names its host when there are several",
                    required=True,
                ),
                "url": Field(Url(), "its home page"),
                "language": Field(LanguageTag(), "the language it is in"),
            },
        ),
        RecordType(
            "actors",
            "A company, person, government body or other party.",
            {
                "name": Field(NameCheck(), "its name (Chinese, English or both)", required=True),
                "kind": Field(Choice(ACTOR_KINDS), "what it is", required=True),
                "description": Field(RichText(multiline=True), "one or two sentences"),
                "url": Field(Url(), "its official site"),
                "affiliation": Field(Ids("actor"), "a person's organisation"),
                "sources": Field(Ids("source"), "where the description's facts come from"),
            },
            needs=(Needs(("sources",), when=("description", "affiliation"), why=" for its facts"),),
            reserved=RESERVED_IDS,
        ),
        RecordType(
            "sources",
            "A document someone said something in, or that reports a fact.",
            {
                "title": Field(
                    Text(), "its title; in 【】 when it is our description", required=True
                ),
                "publisher": Field(
                    Text(), "an actor id (linked) or the publisher's name", required=True
                ),
                "url": Field(Url(), "where it can be read"),
                "url_status": Field(
                    Choice(URL_STATUSES),
                    "instead of `url`, why there is none: `not-public` (it was never published), "
                    "`not-recorded` (it is public, but the editors did not record where), "
                    "`not-found` (the editors searched and found no public copy); every page "
                    "that cites it says which",
                ),
                "date": Field(Date(), "when it was published"),
                "language": Field(LanguageTag(), "the language of quotes taken from it"),
                "note": Field(
                    RichText(multiline=True), "what a reader should know: where to find it"
                ),
            },
            needs=(
                Needs(
                    ("url", "url_status"),
                    why=": where it can be read, or why there is no address",
                    only_one=True,
                ),
            ),
        ),
        RecordType(
            "policies",
            "A rule, law or measure under debate.",
            {
                "name": Field(
                    NameCheck(), "its full name (Chinese, English or both)", required=True
                ),
                "short": Field(
                    NameCheck(), "a short name for lists (Chinese, English or both, or text)"
                ),
                "kind": Field(Text(), "rule, law, export control…"),
                "agency": Field(Ids("actor"), "who made it"),
                "jurisdiction": Field(Text(), "where it applies"),
                "status": Field(Nested(STATUS, shorthand="value"), "where it stands"),
                "summary": Field(RichText(multiline=True), "what it does, in a paragraph"),
                "provisions": Field(Texts(), "its main provisions", default=()),
                "timeline": Field(ListOf(EVENT), "dated events, each with its source", default=[]),
                "sources": Field(Ids("source"), "documents about it", required=True),
                "related": Field(Ids("policy"), "related policies", default=()),
            },
            reserved=RESERVED_IDS,
        ),
    )
}


# --- helpers -----------------------------------------------------------------------------


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


def value(values: Mapping[str, Any], key: str) -> Any:
    """A read value, None when it was absent or invalid."""
    v = values.get(key, MISSING)
    return None if v is MISSING else v


__all__ = [
    "BLOCKS",
    "FRONT_MATTER",
    "MISSING",
    "RECORDS",
    "Argument",
    "BlockKind",
    "Check",
    "Field",
    "FieldSet",
    "Invalid",
    "Needs",
    "Rich",
    "register",
]
