"""The importer: every corpus file and the first transcript become drafts that build."""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs_episodes.cli import main
from mkdocs_episodes.parse import parse_episode
from sitekit import ROOT, build_site, write_site

CORPUS = sorted((ROOT / "tests" / "corpus" / "vtt").glob("*.vtt"))
TRANSCRIPT = ROOT / "tests" / "corpus" / "first-episode.txt"
GOLDEN = Path(__file__).parent / "golden" / "import"


def vtt_text_lines(text: str) -> list[str]:
    """Cue text lines of a WebVTT file, by a deliberately simple reading of the spec
    (independent of webvtt-py): blocks split by blank lines, headers and NOTE/STYLE/REGION
    blocks skipped, tags dropped, entities decoded."""
    out = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").lstrip("\ufeff")):
        lines = block.strip("\n").split("\n")
        if not lines or lines[0].startswith(("WEBVTT", "NOTE", "STYLE", "REGION")):
            continue
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None:
            continue
        for line in lines[timing + 1 :]:
            words = html.unescape(re.sub(r"<[^>]*>", "", line)).strip()
            if words:
                out.append(words)
    return out


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    write_site(tmp_path, {})
    return tmp_path


def run_new(root: Path, *args: str) -> tuple[int, str, str]:
    cwd = os.getcwd()
    os.chdir(root)
    try:
        from contextlib import redirect_stderr, redirect_stdout
        from io import StringIO

        out, err = StringIO(), StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["new", *args])
        return code, out.getvalue().strip(), err.getvalue().strip()
    finally:
        os.chdir(cwd)


def words_of(path: Path) -> list[str]:
    episode, problems = parse_episode(path.read_text("utf-8"), str(path))
    assert problems == []
    return [line.words for line in episode.lines]


def enable_drafts(root: Path) -> None:
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - episodes\n", "  - episodes:\n      drafts: always\n")
    )


@pytest.mark.parametrize("vtt", CORPUS, ids=[p.stem for p in CORPUS])
def test_every_corpus_file_imports_losslessly_and_builds(vtt: Path, site_root: Path) -> None:
    code, out, err = run_new(
        site_root,
        str(vtt),
        *("--title", vtt.stem, "--date", "2025-06-01", "--show", "show-a", "--add-actors"),
    )
    assert code == 0 and (err == "" or err.startswith("episodes: added")), err
    draft = site_root / out
    # every cue line, word for word; voices become '@' turns, never words
    assert words_of(draft) == vtt_text_lines(vtt.read_text("utf-8"))
    expected = words_of(draft)
    stamped = [line for line in draft.read_text("utf-8").splitlines() if line.startswith("[")]
    assert stamped, "cue start times are kept"
    enable_drafts(site_root)
    site = build_site(site_root / "mkdocs.yml", strict=True)
    page = (site / "2025" / draft.stem / "index.html").read_text("utf-8")
    assert page.count('class="ep-l" id="L') == len(expected)
    assert "草稿" in page


@pytest.mark.parametrize(
    "name",
    [
        "4-no-hour",
        "7-multiline-comment",
        "cues.srt",
        "messy.txt",
        "labels.txt",
        "labels-bold.md",
        "brackets.txt",
        "speakers.srt",
        "podcast.json",
    ],
)
def test_golden_drafts(name: str, site_root: Path) -> None:
    source = (
        GOLDEN / name if "." in name[-5:] else ROOT / "tests" / "corpus" / "vtt" / f"{name}.vtt"
    )
    code, out, err = run_new(
        site_root,
        str(source),
        "--title",
        "Golden 金",
        "--date",
        "2025-06-01",
        "--show",
        "show-a",
        "--slug",
        "golden",
    )
    assert code == 0, err
    got = (site_root / out).read_text("utf-8")
    expected = GOLDEN / f"{name}.expected.md"
    if os.environ.get("UPDATE_GOLDEN") or not expected.exists():
        expected.write_text(got, "utf-8")
    assert got == expected.read_text("utf-8")


def test_plain_text_keeps_lines_and_paragraphs(site_root: Path) -> None:
    code, out, _ = run_new(
        site_root,
        str(GOLDEN / "messy.txt"),
        "--title",
        "t",
        "--date",
        "2025-06-01",
        "--show",
        "show-a",
    )
    assert code == 0
    source = (GOLDEN / "messy.txt").read_bytes().decode("utf-8-sig")
    expected = [line.strip() for line in source.replace("\r\n", "\n").split("\n") if line.strip()]
    assert words_of(site_root / out) == expected


def test_first_transcript_imports_in_one_command(site_root: Path) -> None:
    code, out, err = run_new(
        site_root,
        str(TRANSCRIPT),
        "--title",
        "用仿真孕肚和龙虾走私芯片？Anthropic 与英伟达的出口管制之争",
        "--date",
        "2025-05-03",
        "--show",
        "show-a",
    )
    assert code == 0, err
    assert out == "episodes/2025/用仿真孕肚和龙虾走私芯片-anthropic-与英伟达的出口管制之争.md"
    expected = TRANSCRIPT.read_text("utf-8").rstrip("\n").split("\n")
    assert words_of(site_root / out) == expected
    enable_drafts(site_root)
    build_site(site_root / "mkdocs.yml", strict=True)


BAD = [
    ("missing.txt", None, "missing.txt: cannot read the file (No such file or directory)"),
    ("gbk.txt", b"\xb4\xf3\xbc\xd2\xba\xc3", "gbk.txt: not UTF-8 (byte 0) — save it as UTF-8"),
    ("bin.txt", b"abc\x00def", "bin.txt: not a text file (it contains NUL bytes)"),
    ("empty.txt", b"\n \n\t\n", "empty.txt: no transcript text found in the file"),
    ("bad.vtt", b"not a vtt\n", "bad.vtt: not a WebVTT file"),
    ("bad.srt", b"1\nnot a time\nhello\n", "bad.srt: not an SRT file (line 1: expected a cue"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_one_line_and_exit_2(
    name: str, content: bytes | None, message: str, site_root: Path
) -> None:
    path = site_root / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run_new(
        site_root, str(path), "--title", "t", "--date", "2025-06-01", "--show", "show-a"
    )
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and message in err, err
    assert not (site_root / "episodes" / "2025").exists()


def test_unknown_show_and_existing_file_are_refused(site_root: Path) -> None:
    src = GOLDEN / "messy.txt"
    code, _, err = run_new(
        site_root, str(src), "--title", "t", "--date", "2025-06-01", "--show", "show-b"
    )
    assert code == 2 and "unknown show 'show-b' — did you mean 'show-a'?" in err
    args = (str(src), "--title", "t", "--date", "2025-06-01", "--show", "show-a")
    assert run_new(site_root, *args)[0] == 0
    before = (site_root / "episodes" / "2025" / "t.md").read_text("utf-8")
    code, _, err = run_new(site_root, *args)
    assert code == 2 and "already exists — choose another --slug (nothing written)" in err
    assert (site_root / "episodes" / "2025" / "t.md").read_text("utf-8") == before


def test_lines_that_look_like_markup_stay_words(site_root: Path) -> None:
    lines = [
        "# 1 号嘉宾",
        "/// 不是块",
        "[12:00] 不是时间戳",
        "\\o/ 欢呼",
        "见[原文](source:x)",
        "```",
        "   ## 缩进的井号",
        "[注](备注)",
    ]
    src = site_root / "markup.txt"
    src.write_text("\n".join(lines) + "\n", "utf-8")
    code, out, err = run_new(
        site_root, str(src), "--title", "t", "--date", "2025-06-01", "--show", "show-a"
    )
    assert code == 0, err
    # a leading [12:00] is read as the line's timestamp (an inline timestamp); the rest
    # stays words exactly
    want = [line.strip() for line in lines]
    want[2] = "不是时间戳"
    assert words_of(site_root / out) == want
    assert "[12:00] 不是时间戳" in (site_root / out).read_text("utf-8")


def test_cli_is_installed_as_a_console_script() -> None:
    import shutil
    import sys

    exe = shutil.which("episodes") or str(Path(sys.executable).parent / "episodes")
    assert Path(exe).exists(), "pip install -e . should install the 'episodes' command"


def test_site_fixture_is_empty(site: Callable[..., Path]) -> None:
    # an empty archive builds: home page with no episodes, policy and actor pages
    out = site({}, strict=True)
    assert "全部节目（0）" in (out / "index.html").read_text("utf-8")


@pytest.mark.parametrize("name", ["podcast.json", "speakers.srt", "labels-bold.md"])
def test_round_trip_keeps_words_and_speakers(name: str, site_root: Path) -> None:
    """Import a transcript with speakers, build, download it again: the same words, said by
    the same people."""
    code, out, err = run_new(
        site_root,
        str(GOLDEN / name),
        *("--title", "Round trip", "--date", "2025-06-01", "--show", "show-a", "--add-actors"),
    )
    assert code == 0 and err.startswith("episodes: added"), err
    from mkdocs_episodes.importer import read_transcript

    source = read_transcript(GOLDEN / name)
    enable_drafts(site_root)
    site = build_site(site_root / "mkdocs.yml", strict=True)
    folder = site / "2025" / Path(out).stem
    segments = json.loads((folder / "transcript.json").read_text("utf-8"))["segments"]
    # a segment per line, each with the speaker of the cue it was imported from
    assert [(s["speaker"], s["body"]) for s in segments] == [
        (c.speaker, line) for c in source for line in c.lines
    ]
    html = (folder / "index.html").read_text("utf-8")
    assert re.findall(r'data-speaker="([a-z-]+)">', html)  # every line knows its speaker
