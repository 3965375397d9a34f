"""A second show: English, two hosts and a guest, clips of the parties; imported from a
Markdown transcript, marked up, built in an English site and beside the Chinese one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs_episodes.catalog import load_catalog
from mkdocs_episodes.cli import main
from mkdocs_episodes.parse import parse_episode
from pagetext import transcript_lines
from secondshow import HERE, write_beside_the_project, write_english
from sitekit import build_site, write_site

LABEL = re.compile(r"^\*\*(?P<name>[^*]+):\*\* (?:\[\d\d:\d\d:\d\d\] )?(?P<rest>.*)$")


def expected_lines() -> list[tuple[str, str]]:
    """(speaker id, words) of every line of the raw transcript, read independently of the
    importer: a bold label changes the speaker; Markdown escapes are undone."""
    catalog, _ = load_catalog(HERE / "data")
    ids = {a.name.get("en"): aid for aid, a in catalog.actors.items()}
    out, speaker = [], ""
    for raw in (HERE / "transcript.md").read_text("utf-8").split("\n"):
        if not raw.strip():
            continue
        m = LABEL.match(raw)
        if m:
            speaker, raw = ids[m.group("name")], m.group("rest")
        out.append((speaker, re.sub(r"\\(.)", r"\1", raw)))
    return out


def test_the_fixture_is_a_real_size_and_parses_cleanly() -> None:
    episode, problems = parse_episode((HERE / "episode.md").read_text("utf-8"), "e.md")
    assert problems == []
    assert len(episode.lines) >= 300
    kinds = {b.kind for b in episode.blocks}
    assert {"clip", "position", "opinion", "analysis", "context"} <= kinds


def test_every_line_has_the_speaker_of_the_transcript() -> None:
    episode, _ = parse_episode((HERE / "episode.md").read_text("utf-8"), "e.md")
    got = [(line.speaker or "ana-lima", line.words) for line in episode.lines]
    assert got == expected_lines()


def test_the_importer_gives_the_same_words_and_speakers(tmp_path: Path) -> None:
    write_site(tmp_path, {})
    for f in (HERE / "data").glob("*.yml"):
        (tmp_path / "data" / f.name).write_text(f.read_text("utf-8"), "utf-8")
    cwd = Path.cwd()
    import os

    os.chdir(tmp_path)
    try:
        code = main(
            ["new", str(HERE / "transcript.md"), "--title", "t", "--date", "2025-05-12",
             "--show", "policy-hour", "--slug", "imported"]
        )  # fmt: skip
    finally:
        os.chdir(cwd)
    assert code == 0
    draft, problems = parse_episode(
        (tmp_path / "episodes" / "2025" / "imported.md").read_text("utf-8"), "d.md"
    )
    assert problems == []
    assert [(line.speaker, line.words) for line in draft.lines] == expected_lines()


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(write_english(tmp_path_factory.mktemp("second-en")), strict=True)


def test_english_site_marks_every_speaker(english: Path) -> None:
    html = (english / "2025" / "scooter-ban" / "index.html").read_text("utf-8")
    speakers = re.findall(
        r'<span class="ep-l" id="L\d+" data-n="\d+" data-speaker="([a-z-]+)"', html
    )
    assert speakers == [s for s, _ in expected_lines()]
    assert [w for _, w in transcript_lines(html)] == [w for _, w in expected_lines()]
    labels = re.findall(r'<span class="ep-speaker" data-speaker="([a-z-]+)">', html)
    changes = [s for i, s in enumerate(speakers) if i == 0 or s != speakers[i - 1]]
    assert labels == changes
    guest = (english / "actors" / "carol-reyes" / "index.html").read_text("utf-8")
    assert 'data-role="guest">guest' in guest and "../../2025/scooter-ban/" in guest
    # sound cues stay words, marked as not speech
    assert '<span class="ep-sound" data-nonspeech>[laughs]</span>' in html
    cohost = (english / "actors" / "ben-ortiz" / "index.html").read_text("utf-8")
    assert 'data-role="co-host">co-host' in cohost
    glide = (english / "actors" / "glide" / "index.html").read_text("utf-8")
    assert "Editors&#39; caveat" in glide  # the disputed corral offer travels with it


def test_beside_the_chinese_site_search_finds_both_languages(tmp_path: Path) -> None:
    site = build_site(write_beside_the_project(tmp_path), strict=True)
    page = (site / "2025" / "scooter-ban" / "index.html").read_text("utf-8")
    assert '<html lang="zh"' in page and '<p class="ep-p" lang="en">' in page
    from searchindex import found

    assert "2025/scooter-ban/" in found(site, "sidewalk")
    assert "2025/anthropic-nvidia-export-controls/" in found(site, "走私")
