"""The two-hosts corpus (tests/corpus/two-hosts): an English podcast with two hosts and a
guest, imported from a Markdown transcript and marked up; added to a site's data."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitekit import ROOT

HERE = ROOT / "tests" / "corpus" / "two-hosts"
EPISODE = "2025/peak-cap.md"


def add_to(root: Path) -> None:
    """Add the show's data and the episode to the site under ``root``."""
    for name in ("shows", "actors", "sources", "policies"):
        extra = (HERE / "data" / f"{name}.yml").read_text("utf-8")
        path = root / "data" / f"{name}.yml"
        with path.open("a", encoding="utf-8") as f:
            f.write("\n" + extra)
    (root / "episodes" / "2025").mkdir(parents=True, exist_ok=True)
    shutil.copy(HERE / "episode.md", root / "episodes" / EPISODE)
