"""Splitting a line: free in a draft; in a published episode a correction, after which every
anchor readers had (``#L58``) still shows the same words — on the page and in the downloads.
Also: a published episode renumbered by hand is caught before it is committed."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from mkdocs_episodes.cli import main
from mkdocs_episodes.parse import parse_episode
from pagetext import transcript_anchors
from sitekit import build_site, episode, write_site

FRONT = "title: 拆行测试\ndate: 2025-05-03\nshow: show-a\n"
BODY = """\
[00:01] 第一行。
[00:05] 第二行的第一句。第二行的第二句！ And a third sentence. Then a fourth?
[00:20] 第三行，[见第二行](#L2)。
@acme
[00:30] 第四行是甲公司的话。
[00:40] 第五行。
"""


def _lines(text: str) -> list[tuple[str, str]]:
    ep, problems = parse_episode(text, "x.md")
    assert problems == []
    return [(ln.anchor, ln.words) for ln in ep.lines]


def _corrections(split: str) -> str:
    return (
        FRONT + "corrections:\n  - date: 2026-11-30\n    change: 拆行\n    reason: 为了标注一句\n"
        f"    split: {split}\n"
    )


def test_a_split_line_keeps_every_other_number() -> None:
    body = BODY.replace("第一句。第二行", "第一句。\n第二行").replace("！ And", "！\nAnd")
    lines = _lines(episode(body, _corrections("{L2: 3}")))
    assert [a for a, _ in lines] == ["L1", "L2", "L2.2", "L2.3", "L3", "L4", "L5"]
    assert lines[1][1] == "第二行的第一句。"
    assert lines[4] == ("L3", "第三行，见第二行。")
    # without the correction (a draft's numbering) the later lines move
    assert [a for a, _ in _lines(episode(body))] == ["L1", "L2", "L3", "L4", "L5", "L6", "L7"]


def test_two_corrections_of_one_line_add_up() -> None:
    body = BODY.replace("第一句。第二行", "第一句。\n第二行").replace("！ And", "！\nAnd")
    front = _corrections("{L2: 2}") + (
        "  - date: 2026-12-01\n    change: 再拆\n    reason: 再标一句\n    split: {L2: 2}\n"
    )
    anchors = [a for a, _ in _lines(episode(body, front))]
    assert anchors == ["L1", "L2", "L2.2", "L2.3", "L3", "L4", "L5"]


@pytest.mark.parametrize(
    ("split", "said"),
    [
        ("{L2.2: 2}", "names 'L2.2', not a line as published — name the line by its anchor"),
        ("{2: 2}", "names '2', not a line as published"),
        ("{L2: 1}", "gives '1' for L2, not a count of lines — write how many lines L2 became"),
        ("{L2: yes}", "gives 'True' for L2, not a count of lines"),
        ("[L2]", "must be a mapping of line anchors to line counts"),
        ("{L9: 2}", "a correction splits L9, but the episode has 5 lines as published"),
        ("{L5: 3}", "corrections split L5 into 3 lines, but the file ends after 1 of them"),
    ],
)
def test_a_wrong_split_says_where_and_how(split: str, said: str) -> None:
    _, problems = parse_episode(episode(BODY, _corrections(split)), "episodes/2025/x.md")
    assert len(problems) == 1, problems
    text = str(problems[0])
    assert text.startswith("episodes/2025/x.md:"), text
    assert said in text, text


def _site(tmp_path: Path, draft: bool) -> tuple[Path, Path]:
    front = FRONT + ("draft: true\n" if draft else "")
    config = write_site(tmp_path, {"2025/split.md": episode(BODY, front)})
    return config, tmp_path / "episodes" / "2025" / "split.md"


def _split(config: Path, path: Path, line: str) -> int:
    return main(["split", "-f", str(config), str(path), line, "--date", "2026-11-30"])


def _page_lines(site: Path) -> dict[str, str]:
    html = (site / "2025" / "split" / "index.html").read_text("utf-8")
    shown = re.findall(r'<span class="ep-l" id="L([\d.]+)" data-n="([\d.]+)"', html)
    assert shown and all(a == n for a, n in shown)  # the margin shows the anchor's number
    return dict(transcript_anchors(html))


def test_split_in_a_published_episode_is_a_correction_and_links_keep_working(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, path = _site(tmp_path, draft=False)
    before = _page_lines(build_site(config, strict=True, site="before"))
    assert _split(config, path, "L2") == 0
    out = capsys.readouterr().out
    assert "split into L2, L2.2, L2.3, L2.4 (a correction records it)" in out
    text = path.read_text("utf-8")
    assert "    split: {L2: 4}\n" in text
    assert "  - date: 2026-11-30\n" in text
    assert (
        "[00:05] 第二行的第一句。\n第二行的第二句！\nAnd a third sentence.\nThen a fourth?\n"
        in text
    )
    after = _page_lines(build_site(config, strict=True, site="after"))
    # every anchor a reader had shows the same words; the split line's parts are its words
    for anchor, words in before.items():
        if anchor != "L2":
            assert after[anchor] == words, anchor
    parts = [after[a] for a in ("L2", "L2.2", "L2.3", "L2.4")]
    # the same characters, in order; only the whitespace at a cut became the line break
    assert re.sub(r"\s", "", "".join(parts)) == re.sub(r"\s", "", before["L2"])
    assert parts[0] == "第二行的第一句。" and parts[3] == "Then a fourth?"
    site = tmp_path / "after"
    page = (site / "2025" / "split" / "index.html").read_text("utf-8")
    assert "#L2 在句末拆成 4 行（#L2、#L2.2、#L2.3、#L2.4）" in page  # at the page's foot
    assert 'href="#L2"' in page  # the line's own link still resolves (strict build)
    vtt = (site / "2025" / "split" / "transcript.vtt").read_text("utf-8")
    assert re.search(r"^L2\.3\n", vtt, re.M) and re.search(r"^L5\n", vtt, re.M)
    corrections = (site / "corrections" / "index.html").read_text("utf-8")
    assert "在句末拆成 4 行" in corrections
    assert _split(config, path, "L2.3") == 2  # one sentence: refused, the file unchanged
    err = capsys.readouterr().err
    assert "L2.3 has no sentence end to split at" in err


def test_split_in_a_draft_renumbers_and_records_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, path = _site(tmp_path, draft=True)
    assert _split(config, path, "2") == 0
    assert "(a draft: later lines renumbered)" in capsys.readouterr().out
    text = path.read_text("utf-8")
    assert "corrections" not in text
    assert [a for a, _ in _lines(text)] == [f"L{n}" for n in range(1, 9)]


def test_split_changes_no_character_but_the_breaks(tmp_path: Path) -> None:
    config, path = _site(tmp_path, draft=True)
    before = path.read_text("utf-8")
    assert _split(config, path, "L2") == 0
    after = path.read_text("utf-8")
    assert re.sub(r"\s", "", after) == re.sub(r"\s", "", before)
    assert after.count("\n") == before.count("\n") + 3


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("L9", "there is no line L9 — its lines are L1 to L5"),
        ("L1", "L1 has no sentence end to split at"),
        ("line two", "'line two' is not a line anchor — write it as L57"),
    ],
)
def test_split_refuses_with_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, said: str
) -> None:
    config, path = _site(tmp_path, draft=False)
    before = path.read_bytes()
    assert _split(config, path, line) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert path.read_bytes() == before


def test_a_link_is_never_cut(tmp_path: Path) -> None:
    body = "[00:01] 开头。[第一句。第二句](#L1)之后。结尾。\n"
    config = write_site(tmp_path, {"2025/split.md": episode(body, FRONT)})
    path = tmp_path / "episodes" / "2025" / "split.md"
    assert _split(config, path, "L1") == 0
    lines = _lines(path.read_text("utf-8"))
    assert [w for _, w in lines] == ["开头。", "第一句。第二句之后。", "结尾。"]


# --- renumbering by hand is caught before a commit ------------------------------------


def _git(root: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def _check(config: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", "-f", str(config)])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("draft", [False, True])
def test_a_hand_split_of_a_published_episode_is_caught(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], draft: bool
) -> None:
    config, path = _site(tmp_path, draft=draft)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "published")
    assert _check(config, capsys)[0] == 0
    text = path.read_text("utf-8")
    path.write_text(text.replace("第一句。第二行", "第一句。\n第二行"), "utf-8")
    code, out = _check(config, capsys)
    if draft:
        assert code == 0, out  # a draft's numbers are free
        return
    assert code == 1
    line = path.read_text("utf-8").splitlines().index("[00:20] 第三行，[见第二行](#L2)。")
    assert (
        f"episodes/2025/split.md:{line + 1}: the published episode's lines are renumbered: "
        "the words readers linked as #L3 are now #L4"
    ) in out, out
    assert "run 'episodes split'" in out
    # recorded as a correction, the same split is fine
    fixed = path.read_text("utf-8").replace(FRONT, _corrections("{L2: 2}"))
    path.write_text(fixed, "utf-8")
    assert _check(config, capsys)[0] == 0
    # lines added at the end renumber nothing
    path.write_text(text + "[00:50] 第六行。\n", "utf-8")
    assert _check(config, capsys)[0] == 0
    # words corrected in place, and a line added at the end: nothing moved
    path.write_text(text.replace("第三行，", "第三行：") + "[00:50] 第六行。\n", "utf-8")
    assert _check(config, capsys)[0] == 0
    # a line deleted in the middle moves the rest, even with one added at the end
    path.write_text(text.replace("[00:01] 第一行。\n", "") + "[00:50] 第六行。\n", "utf-8")
    code, out = _check(config, capsys)
    assert code == 1 and "the words readers linked as #L2 are now #L1" in out, out


def test_a_part_split_again_by_hand_is_caught(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = BODY.replace("第一句。第二行", "第一句。\n第二行").replace("！ And", "！\nAnd")
    config = write_site(tmp_path, {"2025/split.md": episode(body, _corrections("{L2: 3}"))})
    path = tmp_path / "episodes" / "2025" / "split.md"
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "published")
    text = path.read_text("utf-8")
    # L2.2 cut in two and recorded as one more part of L2: the old #L2.3 would move
    cut = text.replace("第二行的第二句！\n", "第二行的\n第二句！\n") + ("")
    cut = cut.replace(
        "    split: {L2: 3}\n",
        "    split: {L2: 3}\n  - date: 2026-12-01\n    change: 再拆\n    reason: 再标\n"
        "    split: {L2: 2}\n",
    )
    path.write_text(cut, "utf-8")
    code, out = _check(config, capsys)
    assert code == 1 and "the words readers linked as #L2.3 are now #L2.4" in out, out


def test_only_the_last_part_of_a_published_line_is_split(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = BODY.replace("！ And", "！\nAnd")
    config = write_site(tmp_path, {"2025/split.md": episode(body, _corrections("{L2: 2}"))})
    path = tmp_path / "episodes" / "2025" / "split.md"
    before = path.read_bytes()
    assert _split(config, path, "L2") == 2
    err = capsys.readouterr().err
    assert "L2 is followed by L2.2, another part of L2, whose number would change" in err
    assert path.read_bytes() == before
    assert _split(config, path, "L2.2") == 0
    assert "split into L2.2, L2.3 (a correction records it)" in capsys.readouterr().out
    text = path.read_text("utf-8")
    assert "#L2.2 在句末拆成 2 行（#L2.2、#L2.3）" in text and "    split: {L2: 2}\n" in text
    anchors = [a for a, _ in _lines(text)]
    assert anchors == ["L1", "L2", "L2.2", "L2.3", "L3", "L4", "L5"]


def test_split_keeps_line_endings_and_byte_order_mark(tmp_path: Path) -> None:
    config, path = _site(tmp_path, draft=False)
    text = path.read_text("utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert _split(config, path, "L2") == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\n") == raw.count(b"\r\n")  # every line ends as before
    assert b"split: {L2: 4}\r\n" in raw


def test_dry_run_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config, path = _site(tmp_path, draft=False)
    before = path.read_bytes()
    code = main(["split", "-f", str(config), str(path), "L2", "--dry-run"])
    assert code == 0 and path.read_bytes() == before
    out = capsys.readouterr().out
    assert "would split into L2, L2.2, L2.3, L2.4" in out and "  Then a fourth?" in out


def test_split_refuses_what_is_not_an_episode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, _ = _site(tmp_path, draft=False)
    about = tmp_path / "episodes" / "about.md"
    about.write_text("---\ntitle: 关于\n---\n\n我们是谁。我们做什么！\n", "utf-8")
    before = about.read_bytes()
    assert _split(config, about, "L1") == 2
    err = capsys.readouterr().err
    assert "episodes/about.md: not an episode of this site" in err
    assert about.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--reason", "   "], "--reason must be visible text on one line"),
        (["--reason", "a\x01b"], "--reason must be visible text on one line"),
    ],
)
def test_split_refuses_a_bad_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    config, path = _site(tmp_path, draft=False)
    assert main(["split", "-f", str(config), str(path), "L2", *args]) == 2
    assert said in capsys.readouterr().err


def test_split_says_when_the_file_is_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, path = _site(tmp_path, draft=False)
    path.write_bytes(path.read_text("utf-8").encode("gb18030"))
    assert _split(config, path, "L2") == 2
    err = capsys.readouterr().err
    assert "the file is not UTF-8 text" in err and "internal error" not in err


def test_corrections_it_cannot_extend_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    front = FRONT + "corrections: [{date: 2026-11-01, change: x, reason: y}]\n"
    config = write_site(tmp_path, {"2025/split.md": episode(BODY, front)})
    path = tmp_path / "episodes" / "2025" / "split.md"
    before = path.read_bytes()
    assert _split(config, path, "L2") == 2
    err = capsys.readouterr().err
    assert "corrections could not be extended automatically" in err
    assert "split: {L2: 4}" in err and "please report" not in err
    assert path.read_bytes() == before
