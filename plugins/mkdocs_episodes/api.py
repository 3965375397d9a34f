"""The public extension API: what a site or another package may use to extend the format
and the pages, each extension point one declaration. Everything else in the package is
internal and may change without notice (a test guards this list).

- a **block kind**: ``register_block(BlockKind(...))`` plus its template
  ``partials/episodes/blocks/<name>.html`` (given ``b``, ``v`` — what ``present``
  returned — ``ep`` and ``page``); its label is ``label.<name>`` of the interface text;
- a **field** of a data record: ``add_field("actors", "motto", Field(Text(), "…"))``: read,
  checked, in the format reference, and an attribute of the record (``actor.motto``);
- a **page kind**: ``register_kind(PageKind(...))`` plus the templates of its sections,
  ``partials/episodes/sections/<name>.html``;
- **checks** of values for those fields: :class:`Check` and the ones below.
"""

from __future__ import annotations

from dataclasses import replace

from .blocks import Argument, BlockKind, unregister
from .blocks import register as register_block
from .checks import (
    Bool,
    Check,
    Choice,
    Date,
    Found,
    Id,
    Ids,
    Invalid,
    LanguageTag,
    NameCheck,
    RichText,
    Text,
    Texts,
    Url,
    Words,
)
from .fields import Field, Needs
from .jsonld import Scope
from .pages import Page, PageKind, Plan, Section, register_kind, section, unregister_kind
from .schema import RECORDS

unregister_block = unregister


def add_field(file: str, key: str, spec: Field) -> None:
    """Declare one more field of the records of ``data/<file>.yml`` (``shows``,
    ``actors``, ``sources``, ``policies``)."""
    record = RECORDS[file]
    RECORDS[file] = replace(record, fields={**record.fields, key: spec})


def remove_field(file: str, key: str) -> None:
    """Remove a field declared with :func:`add_field` (for tests)."""
    record = RECORDS[file]
    RECORDS[file] = replace(record, fields={k: v for k, v in record.fields.items() if k != key})


__all__ = [
    "Argument",
    "BlockKind",
    "Bool",
    "Check",
    "Choice",
    "Date",
    "Field",
    "Found",
    "Id",
    "Ids",
    "Invalid",
    "LanguageTag",
    "NameCheck",
    "Needs",
    "Page",
    "PageKind",
    "Plan",
    "RichText",
    "Scope",
    "Section",
    "Text",
    "Texts",
    "Url",
    "Words",
    "add_field",
    "register_block",
    "register_kind",
    "remove_field",
    "section",
    "unregister_block",
    "unregister_kind",
]
