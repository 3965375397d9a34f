"""Helpers for browser tests: screenshots as artefacts, page measurements."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"


def screenshot(page: Any, name: str, full_page: bool = False) -> Path:
    """Write a screenshot artefact under test-artifacts/screenshots/ (not committed)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}-{page.width_name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def no_horizontal_scroll(page: Any) -> bool:
    """True when the page is no wider than the viewport."""
    return page.evaluate(
        "document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
    )
