"""The build cache (.cache/episodes) and --dirty rebuilds: what they make is byte for byte
what a clean build makes, after an edit to an episode, a data record, a template or
mkdocs.yml; a corrupt entry is made again, never used."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sitekit import ROOT, build_site, copy_project

EPISODE = "episodes/2025/anthropic-nvidia-export-controls.md"


def build(root: Path, site: str = "site", dirty: bool = False) -> str:
    """Build ``root`` in-process into ``site``; returns what MkDocs and the plugin logged."""
    import logging

    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = Keep(logging.INFO)
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        build_site(root / "mkdocs.yml", site=site, dirty=dirty)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return "\n".join(records)


def clean_build(root: Path, site: str) -> None:
    """A build that uses no cache (the cache folder is set aside meanwhile)."""
    cache = root / ".cache"
    aside = root / ".cache-aside"
    if cache.exists():
        cache.rename(aside)
    try:
        shutil.rmtree(root / site, ignore_errors=True)
        build(root, site)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        if aside.exists():
            aside.rename(cache)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_same(made: Path, clean: Path) -> None:
    a, b = tree(made), tree(clean)
    assert a.keys() == b.keys(), f"files differ: {sorted(a.keys() ^ b.keys())[:10]}"
    differ = [name for name in a if a[name] != b[name]]
    assert not differ, f"differ from a clean build: {differ[:10]}"


def made(log: str) -> tuple[int, int, int]:
    """(pages made, cache hits, corrupt entries) from the plugin's summary line."""
    m = re.search(r"pages made: (\d+), .*?\((\d+) hits, (\d+) corrupt", log)
    assert m, log
    return int(m[1]), int(m[2]), int(m[3])


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")
    st = path.stat()  # make sure an mtime-based check sees the change
    os.utime(path, (st.st_atime, st.st_mtime + 2))


def _episode_words(root: Path) -> None:
    edit(root / EPISODE, "出口管制", "出口管制（改）")


def _data_record(root: Path) -> None:
    edit(root / "data" / "actors.yml", "zh: 英伟达", "zh: 英伟达公司")


def _template(root: Path) -> None:
    # the site overrides one of the plugin's templates
    rel = Path("partials") / "episodes" / "blocks" / "position.html"
    (root / "site_overrides" / rel).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "plugins" / "mkdocs_episodes" / "theme" / rel, root / "site_overrides" / rel)
    edit(root / "site_overrides" / rel, '<div class="ep-said', '<div class="ep-edited ep-said')


def _config(root: Path) -> None:
    edit(root / "mkdocs.yml", "site_name: 评论节目档案", "site_name: 评论节目档案（新）")


EDITS: list[tuple[str, Callable[[Path], None], str]] = [
    ("episode", _episode_words, "出口管制（改）"),
    ("data record", _data_record, "英伟达公司"),
    ("template", _template, "ep-edited"),
    ("mkdocs.yml", _config, "评论节目档案（新）"),
]


@pytest.mark.parametrize("dirty", [False, True], ids=["full", "dirty"])
def test_cached_builds_equal_clean_builds_after_each_kind_of_edit(
    tmp_path: Path, dirty: bool, expect_warnings: Callable[[], list[str]]
) -> None:
    root = tmp_path / "p"
    root.mkdir()
    copy_project(root)
    first = made(build(root))
    assert first[0] > 10 and first[1] == 0  # a cold cache: every page made
    again = made(build(root))
    assert again[0] == 0 and again[1] > first[0]  # nothing changed: nothing made
    clean_build(root, "clean")
    assert_same(root / "site", root / "clean")
    for name, change, shown in EDITS:
        change(root)
        log = build(root, dirty=dirty)
        pages, hits, corrupt = made(log)
        if name != "mkdocs.yml":  # the site's name is MkDocs' own, not in the plugin's pages
            assert pages > 0, f"{name}: nothing was made again"
        assert hits > 0 and corrupt == 0, name
        clean_build(root, "clean")
        assert_same(root / "site", root / "clean")
        assert any(shown in t.decode("utf-8", "replace") for t in tree(root / "site").values())
    warnings = expect_warnings()
    # MkDocs' own notice on every --dirty build, and nothing else
    assert all("'dirty' build" in w for w in warnings), warnings
    assert bool(warnings) == dirty


def test_an_edit_to_one_episode_remakes_its_page_not_the_others(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    copy_project(root)
    build(root)
    extra = (root / EPISODE).read_text("utf-8").replace("title:", "title: 第二期 ·", 1)
    (root / "episodes" / "2025" / "second.md").write_text(extra, "utf-8")
    build(root)
    # words of the transcript that no list shows: only that episode's page is made again
    path = root / "episodes" / "2025" / "second.md"
    text = path.read_text("utf-8")
    path.write_text(text.rstrip("\n") + "\n\n最后补充的一句话。\n", "utf-8")
    pages, _, _ = made(build(root))
    assert pages == 1


def test_a_corrupt_or_truncated_entry_is_made_again(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    copy_project(root)
    build(root)
    entries = sorted((root / ".cache" / "episodes" / "page").rglob("*"))
    entries = [p for p in entries if p.is_file()]
    assert len(entries) > 2
    flipped = bytearray(entries[0].read_bytes())
    flipped[len(flipped) // 2] ^= 0xFF
    entries[0].write_bytes(bytes(flipped))
    entries[1].write_bytes(entries[1].read_bytes()[:20])
    parse = next(p for p in (root / ".cache" / "episodes" / "parse").rglob("*") if p.is_file())
    parse.write_bytes(b"not a cache entry")
    pages, _, corrupt = made(build(root))
    assert corrupt == 3 and pages == 2
    clean_build(root, "clean")
    assert_same(root / "site", root / "clean")
    # and the entries were written again
    assert made(build(root))[2] == 0


def test_cache_can_be_switched_off(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    copy_project(root)
    config = root / "mkdocs.yml"
    edit(config, "data_dir: data", "data_dir: data\n      cache: false")
    build(root)
    build(root)
    assert not (root / ".cache").exists()


@pytest.mark.parametrize("broken", [False, True], ids=["built", "failed"])
def test_a_build_gives_the_garbage_collector_back(
    tmp_path: Path, broken: bool, expect_warnings: Callable[[], list[str]]
) -> None:
    """The plugin pauses the collector while it loads the archive and sets the archive
    apart from it (gc.freeze) until the build ends: after a build, and after one that
    fails, the collector runs and nothing stays set apart."""
    import gc

    from mkdocs.exceptions import Abort
    from sitekit import episode, write_site

    body = "/// position | acme\n    source: src-a\n甲公司支持\n" + ("" if broken else "///\n")
    config = write_site(tmp_path, {"2025/e.md": episode(body)})
    assert gc.isenabled() and gc.get_freeze_count() == 0
    if broken:
        with pytest.raises(Abort):
            build_site(config, strict=True)
    else:
        build_site(config, strict=True)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
