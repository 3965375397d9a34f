"""The parser: golden files (source -> model) and its rules for lines, blocks and links."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import plain
from mkdocs_episodes.model import Commentary, Note, Position, Ref, Text
from mkdocs_episodes.parse import parse_episode, parse_inline, slugify, split_lines

GOLDEN = Path(__file__).parent / "golden" / "parse"
ROOT = Path(__file__).resolve().parent.parent
FIRST_EPISODE = ROOT / "episodes" / "2025" / "anthropic-nvidia-export-controls.md"
CASES = sorted(GOLDEN.glob("*.md"))


@pytest.mark.parametrize("source", CASES, ids=[c.stem for c in CASES])
def test_golden(source: Path) -> None:
    """Each source parses to exactly the model recorded next to it (UPDATE_GOLDEN=1 rewrites)."""
    episode, problems = parse_episode(source.read_text(encoding="utf-8"), f"episodes/{source.name}")
    got = {"episode": plain(episode), "problems": [str(p) for p in problems]}
    expected_file = source.with_suffix(".json")
    if os.environ.get("UPDATE_GOLDEN") or not expected_file.exists():
        expected_file.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert got == json.loads(expected_file.read_text(encoding="utf-8"))


def test_golden_cases_exist() -> None:
    assert len(CASES) >= 3


def test_first_episode_parses_cleanly_and_keeps_every_line() -> None:
    transcript = ROOT / "tests" / "corpus" / "first-episode.txt"
    episode, problems = parse_episode(FIRST_EPISODE.read_text("utf-8"), "episodes/x.md")
    assert problems == []
    words = [line.words for line in episode.lines]
    assert words == transcript.read_text("utf-8").rstrip("\n").split("\n")
    assert len(words) == 239
    assert [line.number for line in episode.lines] == list(range(1, 240))


def test_lines_are_numbered_across_blocks_and_notes_are_not_lines() -> None:
    text = (
        "---\ntitle: t\ndate: 2025-01-01\nshow: s\n---\na\n/// opinion\nb\n///\n"
        "/// context\n    date: 2025-01-02\nnote\n///\nc\n"
    )
    episode, problems = parse_episode(text, "e.md")
    assert problems == []
    assert [(line.number, line.words) for line in episode.lines] == [(1, "a"), (2, "b"), (3, "c")]
    note = episode.blocks[1]
    assert isinstance(note, Note) and note.lines[0].number == 0


def test_markdown_and_html_in_lines_stay_literal() -> None:
    line = "**粗体** _x_ <script>alert(1)</script> | a | `code` # 不是标题 ///"
    parts, words, problems = parse_inline(line)
    assert problems == [] and words == line and parts == (Text(line),)


def test_inline_references_keep_the_words() -> None:
    parts, words, problems = parse_inline(
        "美国公布了[《规则》](policy:rule-x)，[英伟达](actor:nvidia)说"
    )
    assert words == "美国公布了《规则》，英伟达说"
    assert problems == []
    assert [p for p in parts if isinstance(p, Ref)] == [
        Ref("policy", "rule-x", "《规则》"),
        Ref("actor", "nvidia", "英伟达"),
    ]


def test_brackets_that_are_not_references_stay_text() -> None:
    for line in ("[注](备注)", "[a](b c)", "比例 [1:2]", "时间:[x](时间:下午)"):
        parts, words, problems = parse_inline(line)
        assert words == line and problems == [] and parts == (Text(line),), line


def test_crlf_bom_and_cr_are_line_ends() -> None:
    assert split_lines("\ufeffa\r\nb\rc\n") == ["a", "b", "c", ""]


def test_slugify_keeps_chinese() -> None:
    assert slugify("背景：美国的 AI 芯片出口管制") == "背景美国的-ai-芯片出口管制"


def test_block_kinds_and_options() -> None:
    episode, problems = parse_episode((GOLDEN / "blocks.md").read_text("utf-8"), "b.md")
    assert problems == []
    kinds = [type(b).__name__ for b in episode.blocks]
    assert kinds == ["Position", "Position", "Commentary", "Commentary", "Note"]
    first, second = episode.positions
    assert first.anchor == "acme-1" and first.quote == "We support it."
    assert second.policies == ("rule-x", "rule-y") and second.responds_to == "acme-1"
    analysis = episode.blocks[3]
    assert isinstance(analysis, Commentary) and analysis.speaker == "beta"
    assert isinstance(second, Position) and len(second.paragraphs) == 2


def test_timestamps() -> None:
    episode, problems = parse_episode((GOLDEN / "timestamps.md").read_text("utf-8"), "t.md")
    assert problems == []
    stamps = [(line.timestamp.seconds if line.timestamp else None) for line in episode.lines]
    assert stamps == [0, 83, 3723, None, None]
    assert episode.lines[4].words == "[不是时间戳] 的方括号"
    assert episode.segments[1].start is not None and episode.segments[1].start.seconds == 3723
