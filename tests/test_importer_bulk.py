"""``episodes import <folder>`` and ``episodes status``: 200 yt-dlp downloads become 200
published, unannotated episodes in one command; the site builds strictly; a second run
imports nothing and changes no file; an edited episode is never overwritten."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from importkit import lines_of, run_cli
from mkdocs_episodes.archive import front_meta
from mkdocs_episodes.parse import parse_episode
from sitekit import DATA, build_site, write_site
from ytdlpgen import Video, make_downloads

N = 200
PLAIN = "2021-03-04-a-plain-transcript.md"


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the project (not the built site or caches): bytes and mtime."""
    out = {}
    for folder in ("episodes", "data"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                out[str(path.relative_to(root))] = (path.read_bytes(), path.stat().st_mtime_ns)
    return out


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Video], str]:
    root = tmp_path_factory.mktemp("bulk")
    shows = DATA["shows.yml"] + "  language: en\n"
    write_site(root, {}, {**DATA, "shows.yml": shows})
    videos = make_downloads(root / "downloads", N)
    (root / "downloads" / PLAIN).write_text(
        "**Ana Lima:** \\[00:00:04\\] Welcome to the show.\n\n"
        "**Break:** \\[00:10\\]\n\n"
        "**Ben Ortiz:** \\[00:00:20\\] Thanks \\[laughs\\].\n",
        "utf-8",
    )
    code, _, err = run_cli(root, "import", "downloads", "--add-actors")
    assert code == 0, err
    return root, videos, err


@pytest.fixture(scope="module")
def built(imported: tuple[Path, list[Video], str]) -> Path:
    root = imported[0]
    return build_site(root / "mkdocs.yml", strict=True)


def episode_of(root: Path, video: Video) -> Path:
    found = [
        p
        for p in (root / "episodes" / str(video.date.year)).glob("*.md")
        if f'v={video.id}"' in p.read_text("utf-8")
    ]
    assert len(found) == 1, video
    return found[0]


def test_every_download_is_one_published_episode(
    imported: tuple[Path, list[Video], str],
) -> None:
    root, videos, err = imported
    assert f"imported {N + 1} episode(s)" in err
    assert "added 2 speaker(s)" in err
    assert "passed over 60 other file(s)" in err  # live chats, thumbnails, descriptions
    assert re.search(r"read 50 of \d+ files", err)  # progress without a terminal
    for video in videos:
        path = episode_of(root, video)
        meta = front_meta(path.read_text("utf-8"), str(path))
        assert (meta.title, meta.date, meta.draft, meta.annotated) == (
            video.title,
            video.date,
            False,
            False,
        )
        assert meta.summary == video.description
        assert meta.video == f"https://www.youtube.com/watch?v={video.id}"
        h, rest = divmod(video.duration, 3600)
        want = f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60:02d}:{rest % 60:02d}"
        assert meta.duration == want
        imported_ = meta.imported
        assert imported_ is not None
        suffix = ".en.srt" if video.manual else ".en.vtt"
        assert imported_.source == video.base + suffix
        assert imported_.kind == ("subtitles" if video.manual else "auto-captions")
        assert re.fullmatch(r"[0-9a-f]{64}", imported_.sha256 or "")
        # each spoken line once, in order, with its time; no tag debris, no translation
        lines = lines_of(path)
        assert [(x.timestamp.seconds if x.timestamp else None, x.words) for x in lines] == [
            (int(s), w) for s, w in video.lines
        ]
        text = path.read_text("utf-8")
        assert "<" not in text.split("---", 2)[2] and "übersetzt" not in text


def test_chapters_become_headings_before_their_first_line(
    imported: tuple[Path, list[Video], str],
) -> None:
    root, videos, _ = imported
    for video in (v for v in videos if v.chapters):
        episode, problems = parse_episode(episode_of(root, video).read_text("utf-8"), "e.md")
        assert problems == []
        titled = [s for s in episode.segments if s.title]
        assert [s.title for s in titled] == [t for _, t in video.chapters]
        for seg, (start, _) in zip(titled, video.chapters, strict=True):
            first = next(x for x in episode.lines if x.timestamp and x.number >= 1 and any(
                x in it for it in seg.items if isinstance(it, tuple)))  # fmt: skip
            expected = next(int(s) for s, _ in video.lines if s >= start)
            assert first.timestamp is not None and first.timestamp.seconds == expected


def test_plain_transcript_with_a_dated_name(imported: tuple[Path, list[Video], str]) -> None:
    root = imported[0]
    path = root / "episodes" / "2021" / "a-plain-transcript.md"
    meta = front_meta(path.read_text("utf-8"), str(path))
    assert meta.title == "a plain transcript" and str(meta.date) == "2021-03-04"
    assert meta.imported is not None and meta.imported.kind == "transcript"
    got = [(x.speaker, x.words) for x in lines_of(path)]
    assert got == [
        ("ana-lima", "Welcome to the show."),
        ("ana-lima", "[Break]"),
        ("ben-ortiz", "Thanks [laughs]."),
    ]


def test_the_site_builds_strictly_with_every_episode(
    imported: tuple[Path, list[Video], str], built: Path
) -> None:
    pages = list(built.glob("20*/*/index.html"))
    assert len(pages) == N + 1
    page = (built / "2021" / "a-plain-transcript" / "index.html").read_text("utf-8")
    assert '<span class="ep-sound" data-nonspeech>[Break]</span>' in page


def test_a_second_run_imports_nothing_and_an_edit_is_never_overwritten(
    imported: tuple[Path, list[Video], str], built: Path
) -> None:
    root, videos, _ = imported
    before = snapshot(root)
    code, _, err = run_cli(root, "import", "downloads", "--add-actors")
    assert code == 0, err
    assert "imported 0 episode(s)" in err
    assert f"skipped {N + 1}: already imported, unchanged" in err
    assert snapshot(root) == before  # bytes and mtimes
    # an editor marks up one episode: the importer leaves it as it is
    path = episode_of(root, videos[3])
    edited = path.read_text("utf-8").replace("annotated: false", "annotated: true")
    path.write_text(edited, "utf-8")
    before = snapshot(root)
    code, _out, err = run_cli(root, "import", "downloads")
    assert code == 0, err
    assert "skipped 1: already imported, edited since (left as it is)" in err
    assert snapshot(root) == before
    # a new download later: only it is added
    more = make_downloads(root / "downloads" / "later", 1, seed=99)
    code, _, err = run_cli(root, "import", "downloads")
    assert code == 0 and "imported 1 episode(s)" in err, err
    assert episode_of(root, more[0]).exists()
    assert {k: v for k, v in snapshot(root).items() if k in before} == before


def test_status_lists_every_episode_newest_first(
    imported: tuple[Path, list[Video], str],
) -> None:
    root = imported[0]
    code, out, err = run_cli(root, "status")
    assert code == 0, err
    rows = out.splitlines()
    assert rows[0].split()[:4] == ["date", "annotated", "words", "file"]
    dates = [r.split()[0] for r in rows[1:-1]]
    assert dates == sorted(dates, reverse=True) and len(dates) >= N + 1
    assert "auto-captions, UNREVIEWED" in out and "subtitles" in out
    total = len(dates)
    unreviewed = sum(1 for r in rows if "UNREVIEWED" in r)
    annotated = sum(1 for r in rows[1:-1] if r.split()[1] == "yes")
    assert rows[-1].startswith(f"{total} episode(s): {annotated} annotated, ")
    assert f"; {unreviewed} with unreviewed automatic captions" in rows[-1]


# --- what cannot be imported is said, grouped ----------------------------------------------


def test_skipped_files_are_reported_with_their_reason(tmp_path: Path) -> None:
    shows = DATA["shows.yml"] + "  language: en\n"
    write_site(tmp_path, {}, {**DATA, "shows.yml": shows})
    folder = tmp_path / "in"
    make_downloads(folder, 2)
    (folder / "notes.txt").write_text("no date here\n", "utf-8")
    (folder / "broken.info.json").write_text("{not json", "utf-8")
    (folder / "orphan [x].info.json").write_text(
        json.dumps({"title": "t", "upload_date": "20240101"}), "utf-8"
    )
    (folder / "2024-01-02-speakers.txt").write_text(
        "Carol Reyes: Hello.\nDan Wu: Hi.\nCarol Reyes: Bye.\n", "utf-8"
    )
    (folder / "2024-01-03-empty.vtt").write_text("WEBVTT\n\n", "utf-8")
    code, _, err = run_cli(tmp_path, "import", "in")
    assert code == 1
    assert "imported 2 episode(s)" in err and "skipped 5" in err
    assert "no date — name the file YYYY-MM-DD-<title>" in err and "notes.txt" in err
    assert "the info.json is not readable JSON" in err
    assert "no caption or transcript file beside the info.json" in err
    assert "speakers not in data/actors.yml" in err and "(Carol Reyes, Dan Wu)" in err
    assert "no transcript text found in the file: 2024-01-03-empty.vtt" in err
    assert "Traceback" not in err and "please report" not in err


def test_import_mistakes_are_one_line(tmp_path: Path) -> None:
    write_site(tmp_path, {})
    code, _, err = run_cli(tmp_path, "import", "nowhere")
    assert code == 2 and err.count("\n") == 0 and "not a folder" in err
    os.mkdir(tmp_path / "in")
    code, _, err = run_cli(tmp_path, "import", "in", "--show", "show-b")
    assert code == 2 and "unknown show 'show-b'" in err
