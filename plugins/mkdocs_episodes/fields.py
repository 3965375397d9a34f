"""Fields and sets of fields: the keys of one mapping (front matter, a block's options, a
data record), each with its check, whether it is required, its default and what it means;
every problem collected with the path of the key to fix (pure Python)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .checks import Check, Found, Invalid, Text, _join, cut_short
from .errors import nearest, one_of
from .yamlsrc import below

MISSING: Any = object()
"""Returned by :meth:`FieldSet.read` for a field whose value was invalid or absent."""


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
    when_is: tuple[str, ...] = ()
    """Only when the first field of ``when`` has one of these values (``account: checked``
    needs ``checked_against``); any value when empty."""


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
        meant = self._unknown(data, report)
        values: dict[str, Any] = {}
        for key, spec in self.fields.items():
            value = data.get(key)
            if value is None or value == "" or value == []:
                values[key] = MISSING if spec.default is None else spec.default
                if spec.required and key not in meant:
                    report((), f"{self.owner} has no '{key}'", spec.hint_add(key, self.indent))
                continue
            values[key] = self._value(key, spec, value, found, report, cut)
        for rule in self.needs:
            if not meant.intersection(rule.need):
                self._needs(rule, data, report)
        return values

    def _unknown(self, data: Mapping[str, Any], report: Report) -> set[str]:
        """Report the names that are not fields; return the absent fields they are nearest
        to. A misspelt name is one mistake: "did you mean 'source'?" says it all, so the
        field it meant is not reported missing as well."""
        meant: set[str] = set()
        for key in data:
            if key not in self.fields:
                guess = nearest(key, sorted(self.fields))
                if guess is not None and data.get(guess) in (None, "", []):
                    meant.add(guess)
                report(
                    (key,),
                    f"unknown {self.noun} '{key}'{self._of()}",
                    one_of(key, self.fields, f"the {self.noun}s", limit=None),
                )
        return meant

    def _value(
        self,
        key: str,
        spec: Field,
        value: Any,
        found: Found,
        report: Report,
        cut: dict[tuple[Any, ...], str],
    ) -> Any:
        """A given field's value, checked (:data:`MISSING` when invalid)."""
        label = self.label.format(key=key)
        if (key,) in cut and isinstance(spec.check, Text):
            c = cut_short(cut[(key,)], key)
            report((key,), _join(label, c.what), c.hint)
        sub = Found(cut=below(cut, key))
        result: Any
        try:
            result = spec.check(value, sub)
        except Invalid as e:
            result = MISSING
            report((key, *e.at), _join(label, e.what), e.hint)
        for p in sub.problems:
            report((key, *p.at), _join(label, p.what), p.hint)
        found.refs += [(s, t, (key, *at)) for s, t, at in sub.refs]
        return result

    def _needs(self, rule: Needs, data: Mapping[str, Any], report: Report) -> None:
        # "given" is "written", valid or not: a wrong value is reported by its own check
        def given_(key: str) -> bool:
            return data.get(key) not in (None, "", [])

        if rule.when and not any(given_(k) for k in rule.when):
            return
        if rule.when_is and data.get(rule.when[0]) not in rule.when_is:
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


def value(values: Mapping[str, Any], key: str) -> Any:
    """A read value, None when it was absent or invalid."""
    v = values.get(key, MISSING)
    return None if v is MISSING else v
