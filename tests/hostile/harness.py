"""Build one hostile case in a folder and collect what the build said."""

from __future__ import annotations

import logging
from pathlib import Path

from sitekit import build_site, write_site


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().removeprefix("episodes: "))


def run_case(root: Path, files: dict[str, str | bytes]) -> tuple[str, list[str]]:
    """``("aborted" | "built", warnings)``; any other exception propagates (a traceback)."""
    from mkdocs.exceptions import Abort

    if not (root / "mkdocs.yml").exists():
        root.mkdir(parents=True, exist_ok=True)
        write_site(root, {})
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")
    handler = _Collect()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        build_site(root / "mkdocs.yml", strict=True)
        outcome = "built"
    except Abort:
        outcome = "aborted"
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return outcome, handler.messages
