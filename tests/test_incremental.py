"""Incremental builds you can trust: after any kind of edit, a cached build and a --dirty
build give, byte for byte, the site a clean build gives (every page kind, the search index,
downloads, feed, sitemap); the cache checks itself; a build says why it remade a page."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import incsite
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
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


def search_entries(site: Path) -> list[str]:
    """The search index's entries, as text, sorted."""
    from searchindex import entries

    return entries(site)


# --- the search index is never short after a --dirty build -------------------------------


def test_a_publishing_build_beside_the_preview_leaves_its_search_whole(
    warm: Path, tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    """``SITE_URL=… mkdocs build`` into another folder, then a save in ``make serve``:
    the preview's index still has every page."""
    root = warm_copy(warm, tmp_path)
    os.environ["EP_TEST_SITE_URL"] = "https://example.com/published/"
    build(root, "published")
    os.environ.pop("EP_TEST_SITE_URL")
    incsite.EDITS["transcript line"](root)
    build(root, "dirty", dirty=True)
    assert search_entries(root / "dirty") == search_entries(clean(root))
    expect_warnings()


def test_a_draft_shown_in_the_preview_keeps_its_search_entries_after_a_build_beside_it(
    warm: Path, tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    root = warm_copy(warm, tmp_path)
    incsite.EDITS["mkdocs.yml plugin option"](root)  # drafts: always (shown, as in serve)
    draft = root / "episodes" / "2025" / "draft.md"
    draft.write_text(
        "---\ntitle: 草稿\ndate: 2025-08-01\nshow: show-a\ndraft: true\n---\n\n草稿里的话。\n",
        "utf-8",
    )
    build(root, "dirty", dirty=True)
    build(root, "site")  # mkdocs build --strict in a second terminal: prunes the cache
    incsite.EDITS["transcript line"](root)
    build(root, "dirty", dirty=True)
    assert search_entries(root / "dirty") == search_entries(clean(root))
    assert any("draft" in e for e in search_entries(root / "dirty"))
    expect_warnings()


def test_dirty_without_a_cache_still_writes_a_whole_index(
    tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    root = tmp_path / "p"
    root.mkdir()
    incsite.write(root)
    incsite.replace("mkdocs.yml", "pages: [about.md]", "pages: [about.md]\n      cache: false")(
        root
    )
    build(root, "dirty", dirty=True)
    incsite.EDITS["transcript line"](root)
    build(root, "dirty", dirty=True)
    assert search_entries(root / "dirty") == search_entries(clean(root))
    assert not (root / ".cache").exists()
    expect_warnings()


def test_junk_in_the_cache_never_shortens_the_index(
    warm: Path, tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    root = warm_copy(warm, tmp_path)
    for path in (root / ".cache" / "episodes" / "search").rglob("*"):
        if path.is_file():
            path.write_bytes(b"junk")
    incsite.EDITS["transcript line"](root)
    build(root, "dirty", dirty=True)
    assert search_entries(root / "dirty") == search_entries(clean(root))
    assert differences(root / "dirty", root / "clean") == []
    expect_warnings()


# --- a cache that checks itself -------------------------------------------------------------


def test_swapped_entries_are_not_served(
    warm: Path, tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    root = warm_copy(warm, tmp_path)
    entries = sorted(p for p in (root / ".cache" / "episodes" / "page").rglob("*") if p.is_file())
    a, b = entries[0], entries[1]
    data_a, data_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(data_b)
    b.write_bytes(data_a)
    log = build(root, "site")
    assert differences(root / "site", clean(root)) == []
    assert any("2 corrupt or foreign" in line for line in log), log


def test_a_state_of_another_shape_is_set_aside(
    warm: Path, tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    from mkdocs_episodes.cache import Cache
    from mkdocs_episodes.contract import state_key

    root = warm_copy(warm, tmp_path)
    cache = Cache(root / ".cache" / "episodes")
    cache.put("state", state_key("dirty"), {"layout": 1, "pages": ["x"]})  # another version's
    incsite.EDITS["title"](root)
    build(root, "dirty", dirty=True)
    assert differences(root / "dirty", clean(root)) == []
    expect_warnings()


def test_states_of_folders_that_are_gone_are_pruned(
    warm: Path, tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    root = warm_copy(warm, tmp_path)
    states = root / ".cache" / "episodes" / "state"
    for n in range(3):
        build(root, f"serve-{n}", dirty=True)  # three serve sessions, each with its folder
    assert len([p for p in states.rglob("*") if p.is_file()]) == 5
    for n in range(3):
        shutil.rmtree(root / f"serve-{n}")
    build(root, "site")
    assert len([p for p in states.rglob("*") if p.is_file()]) == 2  # site/ and dirty/
    expect_warnings()


def test_a_moved_project_keeps_its_cache(
    warm: Path, tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    root = warm_copy(warm, tmp_path)  # a new folder: every path in the keys has moved
    log = build(root, "site")
    assert any("pages made: 0," in line for line in log), log
    incsite.EDITS["title"](root)
    log = build(root, "dirty", dirty=True)
    made = [line for line in log if "pages made" in line]
    assert made and "pages made: 0," not in made[0]
    assert differences(root / "dirty", clean(root)) == []
    expect_warnings()


def test_parses_served_from_memory_are_not_pruned(tmp_path: Path) -> None:
    """Under serve, parses come from memory: a plain (non-dirty) serve rebuild must not
    prune their cache entries."""
    from mkdocs_episodes.build import Session
    from mkdocs_episodes.plugin import EpisodesPlugin

    root = tmp_path / "p"
    root.mkdir()
    incsite.write(root)
    build(root, "site")
    parses = sorted(p for p in (root / ".cache" / "episodes" / "parse").rglob("*") if p.is_file())
    original = EpisodesPlugin.on_startup

    def serve_startup(self: EpisodesPlugin, *, command: str, dirty: bool) -> None:
        original(self, command=command, dirty=dirty)
        self.session = Session("serve", dirty, self.session.parsed)

    EpisodesPlugin.on_startup = serve_startup  # type: ignore[method-assign]
    try:
        build(root, "site")  # reads the parses from disk
        build(root, "site")  # the same plugin instance? a new one: from disk again
    finally:
        EpisodesPlugin.on_startup = original  # type: ignore[method-assign]
    after = sorted(p for p in (root / ".cache" / "episodes" / "parse").rglob("*") if p.is_file())
    assert after == parses


# --- say why --------------------------------------------------------------------------------


def test_a_verbose_build_says_why_each_page_was_made_again(
    warm: Path, tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    root = warm_copy(warm, tmp_path)
    incsite.EDITS["data actors.name"](root)
    log = build(root, "site", verbose=True)
    why = [line for line in log if "made again" in line]
    assert any(
        "2025/a.md: made again" in line and "catalog.actors['acme']" in line for line in why
    ), why
    incsite.EDITS["transcript line"](root)
    log = build(root, "dirty", dirty=True, verbose=True)
    why = [line for line in log if "made again" in line]
    assert any("2025/a.md: made again — source" in line for line in why), why
    assert not any("2024/c.md" in line for line in why), why  # nothing it shows changed
    expect_warnings()


# --- any sequence of edits --------------------------------------------------------------------

REPEATABLE = {
    "title": lambda n: incsite.replace("episodes/2025/a.md", "title: 第一期", f"title: 第一期{n}"),
    "actor": lambda n: incsite.replace("data/actors.yml", "zh: 甲公司", f"zh: 甲公司{n}"),
    # each edit leaves the text it looks for, so that any edit can follow any other
    "line": lambda n: incsite.replace("episodes/2025/b.md", "今天接着聊", f"今天接着聊{n}"),
    "word": lambda n: incsite.append("data/search_words.txt", f"词{n}\n"),
    "policy": lambda n: incsite.replace("data/policies.yml", "kind: 规则", f"kind: 规则{n}"),
    "template": lambda n: incsite.override(
        "partials/episodes/sections/home.html", "-#}", f"-#}}{{#- {n} -#}}"
    ),
    "env": lambda n: incsite.env("EP_TEST_SITE_NAME", f"站名{n}"),
}
STEPS = st.lists(
    st.tuples(
        st.sampled_from(sorted(REPEATABLE)),
        st.sampled_from(["site", "dirty", "published"]),
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=10,
    deadline=None,
    # The same ten sequences on every run, and no shrinking (a failure prints its
    # sequence; shrinking one took CI over five minutes).
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=STEPS)
def test_any_sequence_of_edits_and_builds_ends_equal_to_a_clean_build(
    warm: Path, steps: list[tuple[str, str]], expect_warnings: Callable[[], list[str]]
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = warm_copy(warm, Path(tmp))
        for n, (edit, where) in enumerate(steps):
            REPEATABLE[edit](n)(root)
            if where == "published":  # a publishing build with another address, same cache
                os.environ["EP_TEST_SITE_URL"] = "https://example.com/elsewhere/"
                build(root, "published")
                os.environ.pop("EP_TEST_SITE_URL")
            else:
                build(root, where, dirty=where == "dirty")
        build(root, "site")
        build(root, "dirty", dirty=True)
        reference = clean(root)
        assert differences(root / "site", reference) == [], steps
        assert differences(root / "dirty", reference) == [], steps
        os.environ.pop("EP_TEST_SITE_NAME", None)
        assert all("'dirty' build" in w for w in expect_warnings()), steps


# --- search: material (Material's index, segmented with jieba) ----------------------------


@pytest.fixture(scope="module")
def warm_material(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site with ``search: material``, warm as :func:`warm`."""
    root = tmp_path_factory.mktemp("warm-material") / "p"
    root.mkdir()
    incsite.write(root)
    incsite.replace("mkdocs.yml", "pages: [about.md]", "pages: [about.md]\n      search: material")(
        root
    )
    build(root, "site")
    build(root, "dirty", dirty=True)
    return root


@pytest.mark.parametrize(
    "name", ["search word added", "actor added whose name a line holds", "data actors.name"]
)
def test_material_search_keys_its_entries_by_the_words_taught(
    warm_material: Path, tmp_path: Path, name: str, expect_warnings: Callable[[], list[str]]
) -> None:
    root = warm_copy(warm_material, tmp_path)
    incsite.EDITS[name](root)
    build(root, "site")
    build(root, "dirty", dirty=True)
    reference = clean(root)
    assert (reference / "search" / "search_index.json").exists()
    assert search_entries(root / "site") == search_entries(reference)
    assert search_entries(root / "dirty") == search_entries(reference)
    assert differences(root / "dirty", reference) == []
    expect_warnings()


def test_material_search_after_a_build_beside_the_preview(
    warm_material: Path, tmp_path: Path, expect_warnings: Callable[[], list[str]]
) -> None:
    root = warm_copy(warm_material, tmp_path)
    os.environ["EP_TEST_SITE_URL"] = "https://example.com/published/"
    build(root, "published")
    os.environ.pop("EP_TEST_SITE_URL")
    incsite.EDITS["transcript line"](root)
    build(root, "dirty", dirty=True)
    assert search_entries(root / "dirty") == search_entries(clean(root))
    expect_warnings()
