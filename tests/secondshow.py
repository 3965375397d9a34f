"""The second show (tests/corpus/second-show): an English, three-voice episode with its data,
written into a site: English (``theme.language: en``) or the project itself (Chinese)."""

from __future__ import annotations

import shutil
from pathlib import Path

from english import CONFIG
from sitekit import ROOT, copy_project

HERE = ROOT / "tests" / "corpus" / "second-show"
EPISODE = "2025/scooter-ban.md"


def write_english(root: Path) -> Path:
    """An English site holding the second show only."""
    (root / "mkdocs.yml").write_text(CONFIG.replace("Commentary archive", "The Policy Hour"))
    shutil.copytree(ROOT / "site_overrides", root / "site_overrides")
    shutil.copytree(HERE / "data", root / "data")
    (root / "episodes" / "2025").mkdir(parents=True)
    shutil.copy(HERE / "episode.md", root / "episodes" / EPISODE)
    return root / "mkdocs.yml"


def write_beside_the_project(root: Path) -> Path:
    """The project (Chinese site, first episode) with the second show added to it."""
    config = copy_project(root)
    for name in ("shows", "actors", "sources", "policies"):
        extra = (HERE / "data" / f"{name}.yml").read_text("utf-8")
        with (root / "data" / f"{name}.yml").open("a", encoding="utf-8") as f:
            f.write("\n" + extra)
    shutil.copy(HERE / "episode.md", root / "episodes" / EPISODE)
    return config
