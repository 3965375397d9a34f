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


# Chinese written in Traditional characters: the script, or the regions that use it
_TRADITIONAL = frozenset({"hant", "tw", "hk", "mo"})


def code_for(language: str | None) -> str:
    """The table for a ``theme.language`` value, by this rule (documented in AUTHORING):

    1. a table of that exact tag (``zh-Hant``), case and ``_``/``-`` aside;
    2. Chinese in Traditional characters (``zh-Hant-…``, ``zh-TW``, ``zh-HK``, ``zh-MO``):
       ``zh-Hant``; other Chinese (``zh-Hans``, ``zh-CN``, ``zh-SG``): ``zh``;
    3. the table of its base language (``en-GB`` -> ``en``);
    4. otherwise English.
    """
    tags = {t.lower(): t for t in shipped()}
    tag = (language or "").replace("_", "-").lower()
    if tag in tags:
        return tags[tag]
    parts = tag.split("-")
    if parts[0] == "zh" and _TRADITIONAL & set(parts[1:]) and "zh-hant" in tags:
        return tags["zh-hant"]
    base = parts[0] or DEFAULT
    return base if base in shipped() else DEFAULT


def table_notice(language: str | None) -> str | None:
    """What to tell the site's author when its language has no table of its own (which
    table is used instead, and how to add one); None when it has one."""
    code = code_for(language)
    wanted = (language or "").replace("_", "-")
    if not wanted or code.lower() == wanted.lower():
        return None
    if base_code(wanted) == base_code(code) and (
        base_code(code) != "zh"
        or (code == "zh-Hant") == bool(_TRADITIONAL & set(wanted.lower().split("-")))
    ):
        return None  # a regional variant of a language that has its table (en-GB)
    return (
        f"no interface text for theme.language '{language}': using the '{code}' table "
        f"(add plugins/mkdocs_episodes/i18n/{wanted}.yml to translate it)"
    )


def locale_for(language: str | None, labels: Labels) -> str:
    """``og:locale`` for a site language: its own region where it names one (``zh-TW`` ->
    ``zh_TW``, ``en-GB`` -> ``en_GB``), else the table's."""
    parts = (language or "").replace("_", "-").split("-")
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    if region and base_code(language) == base_code(labels.code):
        return f"{parts[0].lower()}_{region.upper()}"
    return labels("locale")


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
