"""The plugin's interface text, one table per language (``<code>.yml`` in this folder).

The table is chosen by the site's ``theme.language``; adding a language is one file with
the same keys as ``en.yml`` (a test fails when a shipped table lacks a key).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..yamlsrc import load

HERE = Path(__file__).parent
DEFAULT = "en"


@cache
def shipped() -> list[str]:
    """The language codes that have a table."""
    return sorted(p.stem for p in HERE.glob("*.yml"))


def base_code(language: str | None) -> str:
    """The language of a code without its region or script: ``zh-Hans``, ``zh_CN`` ->
    ``zh`` (empty for none)."""
    return (language or "").replace("_", "-").split("-")[0].lower()


def code_for(language: str | None) -> str:
    """The table for a ``theme.language`` value: ``zh``, ``zh-Hans``, ``zh_CN`` -> ``zh``;
    a language without a table -> English."""
    base = base_code(language) or DEFAULT
    return base if base in shipped() else DEFAULT


class Labels:
    """``t(key, **values)``: the interface text for ``key`` in one language."""

    def __init__(self, code: str, table: dict[str, str]) -> None:
        self.code = code
        self.table = table

    def __call__(self, key: str, **values: Any) -> str:
        """Plain text (templates escape it whole, values included)."""
        text = self.table[key]
        return text.format(**values) if values else text

    def html(self, key: str, **values: Any) -> Markup:
        """The table's text as markup (it is ours), with each value escaped unless it is
        markup itself: for the few texts that wrap a link or ``<code>``."""
        return Markup(self.table[key]).format(**values)

    def group(self, prefix: str, keys: tuple[str, ...]) -> dict[str, str]:
        """``{key: t(prefix + key)}`` for a vocabulary (stances, statuses…)."""
        return {k: self.table[f"{prefix}.{k}"] for k in keys}


@cache
def labels(language: str | None) -> Labels:
    """The labels for a site language (cached: the tables do not change during a run)."""
    code = code_for(language)
    data = load((HERE / f"{code}.yml").read_text("utf-8")).data
    return Labels(code, {str(k): str(v) for k, v in data.items()})
