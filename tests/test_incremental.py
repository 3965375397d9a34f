"""Incremental builds you can trust: after any kind of edit, a cached build and a --dirty
build give, byte for byte, the site a clean build gives (every page kind, the search index,
downloads, feed, sitemap); the cache checks itself; a build says why it remade a page."""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import incsite
import pytest
from mkdocs_episodes.schema import RECORDS
from sitekit import build_site

ENV_KEYS = ("EP_TEST_SITE_NAME", "EP_TEST_SITE_URL")


def build(root: Path, site: str, dirty: bool = False, verbose: bool = False) -> list[str]:
    """Build ``root`` into ``site`` in-process; returns what was logged (debug too when
    ``verbose``, as ``mkdocs build -v``)."""
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = Keep(logging.DEBUG if verbose else logging.INFO)
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.addHandler(handler)
    try:
        build_site(root / "mkdocs.yml", site=site, dirty=dirty)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return records


def clean(root: Path) -> Path:
    """A clean build of ``root`` (no cache: it is set aside meanwhile) into ``clean``."""
    cache, aside = root / ".cache", root / ".cache-aside"
    if cache.exists():
        cache.rename(aside)
    try:
        shutil.rmtree(root / "clean", ignore_errors=True)
        build(root, "clean")
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        if aside.exists():
            aside.rename(cache)
    return root / "clean"


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def differences(made: Path, clean: Path) -> list[str]:
    """What differs between two built sites (files missing or extra, or different)."""
    a, b = tree(made), tree(clean)
    out = [f"only in one: {name}" for name in sorted(a.keys() ^ b.keys())]
    out += [f"differs: {name}" for name in sorted(a.keys() & b.keys()) if a[name] != b[name]]
    return out


@pytest.fixture(autouse=True)
def _env() -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in ENV_KEYS}
    yield
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once in full (``site``) and once more as ``serve --dirty`` would
    (``dirty``): a warm cache and the state a --dirty build starts from."""
    root = tmp_path_factory.mktemp("warm") / "p"
    root.mkdir()
    incsite.write(root)
    build(root, "site")
    build(root, "dirty", dirty=True)
    return root


def warm_copy(warm: Path, tmp_path: Path) -> Path:
    """The warm site in a new folder (a moved project keeps its cache)."""
    root = tmp_path / "p"
    shutil.copytree(warm, root, symlinks=True)
    return root


def test_the_matrix_has_an_edit_for_every_field_of_every_data_file() -> None:
    declared = {(file, key) for file, rtype in RECORDS.items() for key in rtype.fields}
    assert declared == set(incsite.FIELD_EDITS)


@pytest.mark.parametrize("name", list(incsite.EDITS))
def test_cached_and_dirty_builds_equal_a_clean_build_after_each_edit(
    warm: Path, tmp_path: Path, name: str, expect_warnings: Callable[[], list[str]]
) -> None:
    root = warm_copy(warm, tmp_path)
    incsite.EDITS[name](root)
    build(root, "site")
    build(root, "dirty", dirty=True)
    reference = clean(root)
    assert differences(root / "site", reference) == [], f"cached build after: {name}"
    assert differences(root / "dirty", reference) == [], f"--dirty build after: {name}"
    expect_warnings()  # MkDocs' own notice on each --dirty build


def search_locations(site: Path) -> list[str]:
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    return [d["location"] for d in docs]
