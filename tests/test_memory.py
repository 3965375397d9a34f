"""What a build holds: MkDocs reads every page before it writes the first, so whatever the
plugin keeps per episode at that point is multiplied by the archive. A build keeps of each
episode only its blocks (the cross-reference pages show them) and of each page only the
HTML Markdown made, and no page's search copy; the rest is read back from the cache, one
episode at a time. What is read back is what was let go: the site is byte for byte the one
a build that holds everything (no cache) makes."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mkdocs.commands.build as mkbuild
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs_episodes import model
from mkdocs_episodes.model import Episode
from sitekit import copy_project

EPISODE = "episodes/2025/anthropic-nvidia-export-controls.md"
COPIES = 8  # more than the episodes read back at a time


def project(root: Path, cache: bool = True) -> Path:
    """The project with its first episode copied ``COPIES`` times (other titles, slugs)."""
    root.mkdir(parents=True)
    config = copy_project(root)
    text = (root / EPISODE).read_text("utf-8")
    for i in range(COPIES):
        copy = text.replace("title:", f"title: 第 {i} 份 ·", 1)
        path = root / "episodes" / "2025" / f"copy-{i}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(copy, "utf-8")
    if not cache:
        plugin = "  - episodes:\n"
        yml = config.read_text("utf-8").replace(plugin, plugin + "      cache: false\n", 1)
        assert "cache: false" in yml
        config.write_text(yml, "utf-8")
    return config


def build(
    config: Path, call: Callable[[Any], None] | None = None, before: str = "_build_page"
) -> None:
    """Build in-process; ``call(plugin)`` runs before MkDocs' first ``before``:
    ``_build_page`` (writing, when every page has been read and rendered) or
    ``_populate_page`` (reading, after ``on_files``)."""
    original = getattr(mkbuild, before)
    seen: list[bool] = []

    def spy(page: Any, config: Any, *args: Any, **kwargs: Any) -> Any:
        if not seen and call is not None:
            seen.append(True)
            call(config.plugins["episodes"])
        return original(page, config, *args, **kwargs)

    cwd = os.getcwd()
    os.chdir(config.parent)
    try:
        cfg = load_config(str(config), site_dir=str(config.parent / "site"))
        cfg.plugins.on_startup(command="build", dirty=False)
        setattr(mkbuild, before, spy)
        mkbuild.build(cfg)
    finally:
        setattr(mkbuild, before, original)
        os.chdir(cwd)
    assert seen or call is None


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_between_reading_and_writing_pages_a_build_holds_no_archive(tmp_path: Path) -> None:
    config = project(tmp_path / "p")
    found: dict[str, Any] = {}

    def look(plugin: Any) -> None:
        episodes = [e.episode for e in plugin.build.entries.values()]
        found["episodes"] = len(episodes)
        found["whole"] = sum(1 for e in episodes if "segments" in vars(e))
        found["released"] = sum(1 for e in episodes if "_reload" in vars(e))
        held = plugin.build.pending
        found["held"] = len(held)
        found["outputs"] = sum(1 for h in held.values() if h.output is not None)
        pagefind = plugin.build.session.pagefind
        found["indexed"], found["copies"] = len(pagefind.keys), len(pagefind.copies)

    build(config, look)
    assert found["released"] == found["episodes"] == COPIES + 1
    assert found["whole"] <= model._AWAKE_MAX  # read back one at a time, not all
    assert found["held"] > COPIES and found["outputs"] == 0  # read back when written
    # the search copies are read back when the index is made, not held meanwhile
    assert found["indexed"] > COPIES and found["copies"] == 0


def test_what_is_read_back_is_what_was_let_go(tmp_path: Path) -> None:
    """The same site from a build that holds everything (no cache: nothing to read back)
    and from one that lets go and reads back."""
    held = project(tmp_path / "held", cache=False)
    build(held)
    released = project(tmp_path / "released")
    build(released)
    a, b = tree(held.parent / "site"), tree(released.parent / "site")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


def test_a_released_episode_reads_back_its_words_with_its_own_blocks(tmp_path: Path) -> None:
    import pickle

    from mkdocs_episodes.parse import parse_episode

    text = (Path(__file__).parent.parent / EPISODE).read_text("utf-8")
    episode, _ = parse_episode(text, EPISODE)
    stored = pickle.dumps(episode)
    before = [line.words for line in episode.lines]
    blocks = list(episode.blocks)
    reads: list[int] = []

    def reload() -> Episode:
        reads.append(1)
        copy: Episode = pickle.loads(stored)
        return copy

    refs = list(episode.refs)
    assert refs and any(b.option_lines for b in blocks)
    episode.release(reload)
    assert "segments" not in vars(episode) and "refs" not in vars(episode)
    # what only the check reads is gone; what lists need was worked out before
    assert not any(b.option_lines for b in blocks)
    assert episode.mentioned and episode.mentioned == tuple(
        dict.fromkeys(r.target for r in refs if r.scheme == "actor" and not r.in_note)
    )
    assert [line.words for line in episode.lines] == before
    assert episode.refs == refs  # read back with the words, in one read
    assert reads == [1]
    # the blocks in the segments read back are the very objects the index holds
    again = [it for seg in episode.segments for it in seg.items if isinstance(it, model.Block)]
    assert all(a is b for a, b in zip(again, blocks, strict=True))
    # pickled whole (its words read back), never with its way of reading them back
    copy = pickle.loads(pickle.dumps(episode))
    assert "_reload" not in vars(copy) and [ln.words for ln in copy.lines] == before
    # a cache that gives back another episode is never stitched in
    other, _ = parse_episode(text.replace("/// position", "/// context", 1), EPISODE)
    episode.__dict__.pop("segments")
    episode.__dict__["_reload"] = lambda: other
    with pytest.raises(RuntimeError, match="please report"):
        episode.segments  # noqa: B018
    # nor one with a block fewer
    fewer: Episode = pickle.loads(stored)
    last = next(
        seg
        for seg in reversed(fewer.segments)
        if any(isinstance(it, model.Block) for it in seg.items)
    )
    last.items.remove(next(it for it in reversed(last.items) if isinstance(it, model.Block)))
    episode.__dict__.pop("segments", None)
    episode.__dict__["_reload"] = lambda: fewer
    with pytest.raises(RuntimeError, match="fewer blocks"):
        episode.segments  # noqa: B018


def test_an_entry_lost_while_the_build_runs_says_build_again(
    tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    config = project(tmp_path / "p")

    def lose(plugin: Any) -> None:
        shutil.rmtree(config.parent / ".cache" / "episodes" / "parse")
        for entry in plugin.build.entries.values():
            entry.episode.__dict__.pop("segments", None)

    with pytest.raises(Abort):
        build(config, lose, before="_populate_page")
    errors = expect_warnings()
    assert any(e.endswith("— build again") for e in errors), errors
    assert not any("Traceback" in e for e in errors)


def test_the_archive_keeps_each_id_once_and_no_second_copy_of_a_lines_words(
    tmp_path: Path,
) -> None:
    """What every block of the archive keeps, kept small: an id or value of the format
    (``actor-04``, ``supports``, ``position``) is one string however many episodes repeat
    it, a line of plain words keeps no second copy of them, and no block keeps empty
    option maps of its own."""
    config = project(tmp_path / "p")
    found: dict[str, Any] = {}

    def look(plugin: Any) -> None:
        episodes = [e.episode for e in plugin.build.entries.values()]
        blocks = [b for e in episodes for b in e.blocks]
        copies: dict[str, set[int]] = {}
        for pos in (b for b in blocks if isinstance(b, model.Position)):
            for value in (pos.actor, pos.stance, pos.kind, pos.stance_basis, *pos.policies):
                if value:
                    copies.setdefault(value, set()).add(id(value))
        found["values"] = len(copies)
        found["most copies"] = max(len(ids) for ids in copies.values())
        lines = [line for b in blocks for line in b.lines]
        found["lines"] = len(lines)
        found["second copies"] = sum(
            1 for line in lines if line.parts and all(isinstance(p, model.Text) for p in line.parts)
        )
        found["option maps"] = len({id(m) for b in blocks for m in (b.options, b.option_lines)})

    build(config, look)
    assert found["values"] > 5 and found["most copies"] == 1
    assert found["lines"] > 100 and found["second copies"] == 0
    assert found["option maps"] == 1
