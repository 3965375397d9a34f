"""An English site (``theme.language: en``) with English-only data and an English episode,
for the tests of the interface's second language."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitekit import ROOT

CONFIG = """\
site_name: Commentary archive
site_url: https://example.org/en/
docs_dir: episodes
theme:
  name: material
  custom_dir: site_overrides
  language: en
  font: false
nav:
  - Home: index.md
  - Policies: policies/index.md
  - People: actors/index.md
  - Stances: stances/index.md
  - Corrections: corrections/index.md
plugins:
  - search
  - episodes
markdown_extensions:
  - attr_list
  - toc:
      permalink: true
validation:
  nav:
    omitted_files: ignore
"""

DATA = {
    "shows.yml": "talk:\n  name: The Policy Hour\n  hosts: [ana]\n  language: en\n",
    "actors.yml": (
        "ana:\n  name: Ana Lima\n  kind: person\n"
        "acme:\n  name: {en: Acme Chips}\n  kind: company\n"
        "regulator:\n  name: {en: The Export Office}\n  kind: agency\n"
    ),
    "sources.yml": (
        "acme-letter:\n  title: Acme's open letter\n  publisher: acme\n"
        "  url: https://example.org/acme-letter\n  date: 2025-03-01\n  language: en\n"
        "memo:\n  title: An internal memo\n  publisher: regulator\n"
        "  url_status: not-public\n  note: Not published; described in a hearing.\n"
    ),
    "policies.yml": (
        "chip-rule:\n  name: {en: The Chip Export Rule}\n  agency: regulator\n"
        "  status: {value: rescission-announced, date: 2025-04-01, source: memo, "
        "confidence: low}\n"
        "  timeline:\n    - {date: 2025-01-10, event: The rule is announced., source: memo}\n"
        "  sources: [memo]\n"
    ),
}

EPISODE = """\
---
title: Who wants the chip rule?
date: 2025-03-05
show: talk
language: en
summary: Ana reads Acme's letter about the export rule and says what she thinks.
corrections:
  - {date: 2025-03-09, change: The letter's date was corrected., reason: It was misread.}
---

## The letter {#letter}

[00:01] Welcome back to the show.
Today we read a letter.

/// position | acme
    id: acme-supports
    source: acme-letter
    policy: chip-rule
    stance: supports
    stance_basis: stated
    quote: We support the rule.
    quote_kind: verbatim
    account: checked
    checked_against: acme-letter
Acme says it supports the rule
and wants it enforced.
///

/// context
    date: 2025-03-09
    source: memo
    qualifies: [acme-supports]
The letter was sent before the rule changed.
///

/// opinion
I think they are right about enforcement.
///

/// analysis
They may also want to slow down their rivals.
///
"""


def write_english_site(root: Path) -> Path:
    """Write the English site under ``root``; returns its mkdocs.yml."""
    (root / "mkdocs.yml").write_text(CONFIG, "utf-8")
    shutil.copytree(ROOT / "site_overrides", root / "site_overrides")
    (root / "data").mkdir()
    for name, text in DATA.items():
        (root / "data" / name).write_text(text, "utf-8")
    (root / "episodes" / "2025").mkdir(parents=True)
    (root / "episodes" / "2025" / "chip-rule.md").write_text(EPISODE, "utf-8")
    return root / "mkdocs.yml"
