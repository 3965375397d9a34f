"""The declared schema: no silent mistake, one message per rule, drafts checked, the
reference generated, a new block kind is one declaration plus its template."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from mkdocs_episodes.blocks import BLOCKS
from mkdocs_episodes.catalog import build_catalog, load_data
from mkdocs_episodes.check import check_episode
from mkdocs_episodes.parse import parse_episode
from mkdocs_episodes.reference import reference
from sitekit import DATA, ROOT, build_site, episode, write_site

FRONT = "---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n---\n"  # body from line 6
P = "episodes/2025/e.md"
CATALOG, _ = build_catalog({k[:-4]: textwrap.dedent(v) for k, v in DATA.items()})


def problems_of(text: str) -> list[str]:
    ep, found = parse_episode(text, P)
    return [str(p) for p in sorted(found + check_episode(ep, CATALOG))]


def data_problems(**files: str) -> list[str]:
    texts = {k[:-4]: textwrap.dedent(v) for k, v in DATA.items()}
    texts.update({k: textwrap.dedent(v) for k, v in files.items()})
    return [str(p) for p in build_catalog(texts)[1]]


# --- options with the wrong indentation are errors, never words ----------------------


@pytest.mark.parametrize("indent", ["", "  ", "   ", "\t", " \t"])
def test_misindented_option_lines_are_errors_at_their_line(indent: str) -> None:
    text = (
        FRONT + f"/// position | acme\n{indent}source: src-a\n{indent}stance: supports\n说\n///\n"
    )
    got = problems_of(text)
    assert got == [
        f"{P}:7: 'source:' right under '/// position' is not indented as an option — indent it "
        "by exactly four spaces ('    source: …'), or start the line with '\\' if it is "
        "transcript words",
        f"{P}:8: 'stance:' right under '/// position' is not indented as an option — indent it "
        "by exactly four spaces ('    stance: …'), or start the line with '\\' if it is "
        "transcript words",
    ]
    ep, _ = parse_episode(text, P)
    assert [line.words for line in ep.lines] == ["说"]  # not shown as words
    assert ep.positions[0].source == "src-a"  # and still read, so nothing else misfires


def test_misindented_line_after_good_options_and_a_misspelt_key() -> None:
    got = problems_of(
        FRONT + "/// position | acme\n    source: src-a\n  stnace: supports\n说\n///\n"
    )
    assert got[0].startswith(f"{P}:8: 'stnace:' right under '/// position' is not indented")
    assert any("unknown option 'stnace'" in m for m in got)


def test_ordinary_words_after_a_header_stay_words() -> None:
    text = FRONT + "/// opinion\nwell: I think so\nNote: capitalised\n///\n"
    ep, found = parse_episode(text, P)
    assert found == [] and [line.words for line in ep.lines] == [
        "well: I think so",
        "Note: capitalised",
    ]


def test_escaped_option_like_line_is_words() -> None:
    ep, found = parse_episode(FRONT + "/// opinion\n\\id: 1\n///\n", P)
    assert found == [] and [line.words for line in ep.lines] == ["id: 1"]


# --- a position states its source or why there is none; a note has its date -----------


def test_position_needs_a_source_or_the_reason_it_has_none() -> None:
    assert problems_of(FRONT + "/// position | acme\n说\n///\n") == [
        f"{P}:6: '/// position' has no 'source' or 'unsourced': a position says where the "
        "actor said it, or why no source is known — add '    source: <id from "
        "data/sources.yml>', or add '    unsourced: <text>'"
    ]
    ok = FRONT + "/// position | acme\n    unsourced: 未找到原始出处\n说\n///\n"
    assert problems_of(ok) == []
    ep, _ = parse_episode(ok, P)
    assert ep.positions[0].unsourced == "未找到原始出处" and ep.positions[0].source is None
    both = FRONT + "/// position | acme\n    source: src-a\n    unsourced: x\n说\n///\n"
    assert problems_of(both) == [
        f"{P}:8: '/// position' has both 'source' and 'unsourced' — keep one: 'unsourced' is for "
        "when there is no 'source'"
    ]


def test_unsourced_position_says_so_on_the_page(tmp_path: Path) -> None:
    body = "/// position | acme\n    unsourced: 本站未找到<原始>出处\n说\n///\n"
    site = build_site(write_site(tmp_path, {"2025/e.md": episode(body)}), strict=True)
    html = (site / "2025" / "e" / "index.html").read_text("utf-8")
    assert "无出处：本站未找到&lt;原始&gt;出处" in html
    actor = (site / "actors" / "acme" / "index.html").read_text("utf-8")
    assert "无出处：本站未找到&lt;原始&gt;出处" in actor


def test_context_note_needs_its_date() -> None:
    assert problems_of(FRONT + "一行\n/// context\n注\n///\n") == [
        f"{P}:7: '/// context' has no 'date' — add '    date: 2025-05-03'"
    ]


# --- dates that do not exist ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("2024-09-31", "is '2024-09-31', which is not a date: September 2024 has 30 days"),
        ("2025-02-29", "is '2025-02-29', which is not a date: February 2025 has 28 days"),
        ("2025-13-01", "is '2025-13-01', which is not a date: there is no month 13"),
        ("2025-00-10", "is '2025-00-10', which is not a date: there is no month 0"),
        ("2025-5-1", "must be a date, not '2025-5-1'"),
    ],
)
def test_a_date_that_does_not_exist_says_why(value: str, what: str) -> None:
    front = FRONT.replace("2025-05-03", value)
    assert any(m.startswith(f"{P}:3: 'date' {what} — ") for m in problems_of(front + "一行\n"))
    note = FRONT + f"一行\n/// context\n    date: {value}\n注\n///\n"
    assert any(
        m.startswith(f"{P}:8: option 'date' of '/// context' {what}") for m in problems_of(note)
    )
    data = data_problems(
        **{"sources": f"s:\n  title: T\n  publisher: P\n  url: https://e.org\n  date: {value}\n"}
    )
    assert any(m.startswith(f"data/sources.yml:5: s.date {what}") for m in data)


def test_leap_day_is_a_date() -> None:
    assert problems_of(FRONT.replace("2025-05-03", "2024-02-29") + "一行\n") == []


# --- values cut short by an unquoted ' #' ------------------------------------------------


def test_text_cut_by_an_inline_comment_is_reported_with_the_fix() -> None:
    got = data_problems(
        sources="s:\n  title: T\n  publisher: P\n  url: https://e.org\n"
        "  note: Friends #63 (line 911) said so\n"
    )
    assert [m for m in got if m.startswith("data/sources.yml")] == [
        "data/sources.yml:5: s.note is cut short by ' #': YAML reads the rest of the line as a "
        'comment — put the whole value in quotes: note: "Friends #63 (line 911) said so"'
    ]
    front = FRONT.replace("show: show-a", "show: show-a\nsummary: 第 #1 期")
    assert problems_of(front + "一行\n") == [
        f"{P}:5: 'summary' is cut short by ' #': YAML reads the rest of the line as a comment "
        '— put the whole value in quotes: summary: "第 #1 期"'
    ]
    options = FRONT + "/// position | acme\n    source: src-a  # CNBC\n    quote: We #1\n说\n///\n"
    assert problems_of(options) == [
        f"{P}:8: option 'quote' of '/// position' is cut short by ' #': YAML reads the rest of "
        'the line as a comment — put the whole value in quotes: quote: "We #1"'
    ]


def test_text_cut_inside_lists_and_nested_fields_is_reported_too() -> None:
    policies = (
        "p:\n  name: {zh: 甲, en: A}\n  sources: [src-a]\n"
        "  status:\n    value: proposed\n    note: 见第 #3 条\n"
        "  provisions:\n    - 第一条\n    - 第 #2 条\n"
        "  timeline:\n    - date: 2025-01-01\n      event: 宣布 #1\n      source: src-a\n"
    )
    got = [m for m in data_problems(policies=policies) if m.startswith("data/policies")]
    assert got == [
        "data/policies.yml:6: p.status.note is cut short by ' #': YAML reads the rest of the "
        'line as a comment — put the whole value in quotes: note: "见第 #3 条"',
        "data/policies.yml:9: p.provisions[1] is cut short by ' #': YAML reads the rest of the "
        'line as a comment — put the whole value in quotes: - "第 #2 条"',
        "data/policies.yml:12: p.timeline[0].event is cut short by ' #': YAML reads the rest "
        'of the line as a comment — put the whole value in quotes: event: "宣布 #1"',
    ]
    front = FRONT.replace("show: show-a", "show: show-a\ntags:\n  - 出口 #管制")
    assert problems_of(front + "一行\n") == [
        f"{P}:6: 'tags'[0] is cut short by ' #': YAML reads the rest of the line as a comment "
        '— put the whole value in quotes: - "出口 #管制"'
    ]


def test_a_comment_after_an_id_a_date_or_a_url_is_a_comment() -> None:
    sources = (
        "s:  # the id\n  title: 'T #1'\n  publisher: P\n  url: https://e.org  # where\n"
        "  date: 2025-01-01  # when\n"
    )
    assert [m for m in data_problems(sources=sources) if m.startswith("data/sources")] == []


# --- a broken data file: its error once, first, and a count instead of knock-ons ---------


def test_yaml_error_in_a_data_file_comes_first_and_once(tmp_path: Path) -> None:
    sources = textwrap.dedent(DATA["sources.yml"]).replace(
        "title: Beta reply", "title: 'Beta reply"
    )
    (tmp_path / "sources.yml").write_text(sources, "utf-8")
    for name in ("shows", "actors", "policies"):
        (tmp_path / f"{name}.yml").write_text(textwrap.dedent(DATA[f"{name}.yml"]), "utf-8")
    from mkdocs_episodes.site import check_site

    data = load_data(tmp_path, "data")
    body = FRONT + "/// position | acme\n    source: src-a\n说\n///\n见[原文](source:src-b)\n"
    result = check_site(
        data,
        [_file("2025/e.md", body)],
        episodes=["[0-9][0-9][0-9][0-9]/*.md"],
        pages=[],
        root=tmp_path,
        show_drafts=False,
    )
    got = [str(p) for p in result.problems]
    # the unclosed quote is reported where it opens (line 8), not where YAML gave up; one
    # mistake, one message: what it left unchecked is said in it, not in a second one
    assert got == [
        "data/sources.yml:8: not valid YAML: the quoted text is never closed — add the closing "
        "quote (6 reference(s) to its ids are checked once it can be read)",
    ]


def _file(uri: str, text: str) -> object:
    from mkdocs_episodes.site import SourceFile

    return SourceFile(uri, f"episodes/{uri}", text.encode)


# --- an unclosed block: at its opening line, whatever follows ---------------------------


@pytest.mark.parametrize(
    ("after", "found"),
    [
        ("## 下一段\n乙说\n", "the heading on line 9"),
        ("/// position | beta\n    source: src-b\n乙说\n///\n", "'/// position | beta' on line 9"),
        ("乙说\n", "the end of the file"),
    ],
)
def test_unclosed_block_is_reported_at_its_opening_line(after: str, found: str) -> None:
    text = FRONT + "一行\n/// opinion\n我认为\n" + after
    got = problems_of(text)
    found = found.replace("'/// position | beta'", "'/// position'")
    assert got[0] == (
        f"{P}:7: the '/// opinion' block opened here is never closed (found {found} first) — "
        "add a line '///' right after the block's last line (blocks do not nest)"
    )
    ep, _ = parse_episode(text, P)
    # nothing after the point where the block had to end is drawn into it
    opinion = [line.words for b in ep.blocks if b.kind == "opinion" for line in b.lines]
    assert opinion == (["我认为", "乙说"] if found == "the end of the file" else ["我认为"])


# --- drafts are checked in every build ----------------------------------------------------


def test_drafts_are_checked_but_do_not_fail_a_strict_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    draft = episode(
        "/// opinion\n未完\n[x](actor:nobody)\n",
        "title: 草稿\ndate: 2025-05-04\nshow: show-a\ndraft: true\n",
    )
    site = build_site(
        write_site(tmp_path, {"2025/e.md": episode("一行\n"), "2025/d.md": draft}), strict=True
    )
    assert not (site / "2025" / "d").exists()
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert (
        "episodes: episodes/2025/d.md:8: the '/// opinion' block opened here is never closed "
        "(found the end of the file first) — add a line '///' right after the block's last "
        "line (blocks do not nest) [draft]" in infos
    )
    assert any(
        m.startswith("episodes: episodes/2025/d.md:10: unknown actor 'nobody'") for m in infos
    )
    assert any("left out 1 draft(s)" in m for m in infos)


# --- episodes check ---------------------------------------------------------------------


def _check(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("episodes")
    return subprocess.run([str(exe), "check", *args], cwd=cwd, capture_output=True, text=True)


def test_episodes_check_passes_on_the_project() -> None:
    result = _check(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "checked 1 episode(s)" in result.stderr


def test_episodes_check_reports_like_the_build(tmp_path: Path) -> None:
    broken = episode("/// position | acmee\n    source: src-a\n说\n///\n")
    draft = episode("/// opinion\n草\n", "title: d\ndate: 2025-05-04\nshow: show-a\ndraft: true\n")
    write_site(
        tmp_path, {"2025/e.md": broken, "2025/d.md": draft, "about.md": "<script>x</script>\n"}
    )
    result = _check(tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    # the same summary as the build's, at the plugin's line of mkdocs.yml
    assert lines[0].startswith(
        "mkdocs.yml:17: 1 page(s) under docs_dir are not episodes and are left out"
    )
    assert "(pages: [about.md]" in lines[0]
    assert lines[1].startswith("episodes/2025/e.md:7: unknown actor 'acmee'")
    assert lines[2].startswith("episodes/2025/d.md:8: the '/// opinion' block opened here")
    assert lines[2].endswith("[draft]") and len(lines) == 3
    # drafts alone do not fail it, unless asked
    (tmp_path / "episodes" / "2025" / "e.md").write_text(episode("一行\n"), "utf-8")
    (tmp_path / "episodes" / "about.md").unlink()
    assert _check(tmp_path).returncode == 0
    assert _check(tmp_path, "--drafts").returncode == 1


def test_episodes_check_runs_as_the_pre_commit_hook_declares(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "episodes-check")
    # every changed file is passed (the site's folders are whatever mkdocs.yml names)
    assert hook["pass_filenames"] is True and hook["language"] == "python"
    assert "files" not in hook
    write_site(tmp_path, {"2025/e.md": episode("[x](policy:rule-q)\n")})
    (tmp_path / "notes.txt").write_text("not the site's\n", "utf-8")
    exe = Path(sys.executable).with_name(hook["entry"].split()[0])

    def commit(*files: str) -> subprocess.CompletedProcess[str]:
        # pre-commit runs the entry in the repository's root, with the changed files
        command = [str(exe), *hook["entry"].split()[1:], *files]
        return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)

    for files in [("episodes/2025/e.md",), ("notes.txt", "data/actors.yml"), ("mkdocs.yml",)]:
        result = commit(*files)
        assert result.returncode == 1, files
        assert result.stdout.startswith("episodes/2025/e.md:7: unknown policy 'rule-q'")
    result = commit("notes.txt")  # nothing of the site's: the commit is not held up
    assert result.returncode == 0 and result.stdout == ""


def test_episodes_check_never_shows_a_traceback(tmp_path: Path) -> None:
    write_site(tmp_path, {"2025/e.md": episode("一行\n")})
    (tmp_path / "data" / "actors.yml").write_bytes(b"a: &x [*x]\n")
    (tmp_path / "episodes" / "2025" / "bad.md").write_bytes(b"---\ntitle: \xff\n---\n")
    result = _check(tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/actors.yml:1: not valid YAML" in result.stdout
    assert "episodes/2025/bad.md:2: the file is not UTF-8 text" in result.stdout


# --- the reference -----------------------------------------------------------------------


def test_format_reference_is_generated_from_the_schema_and_current() -> None:
    text = reference()
    assert (ROOT / "FORMAT.md").read_text("utf-8") == text, (
        "FORMAT.md is out of date: run `episodes reference > FORMAT.md`"
    )
    for name, kind in BLOCKS.items():
        assert f"### `/// {name}" in text
        for option in kind.option_set.fields:
            assert f"| `{option}` |" in text


def test_authoring_guide_explains_every_data_field() -> None:
    from mkdocs_episodes.schema import RECORDS

    guide = (ROOT / "AUTHORING.md").read_text("utf-8")
    for rtype in RECORDS.values():
        assert f"data/{rtype.file}.yml" in guide
        for key in rtype.fields:
            assert f"`{key}`" in guide, (rtype.file, key)
    assert "FORMAT.md" in guide


# --- a new block kind is one declaration plus its template -----------------------------


def test_transcript_and_test_files_live_in_the_repository() -> None:
    assert (ROOT / "tests" / "corpus" / "first-episode.txt").is_file()
    text = "\n".join(
        p.read_text("utf-8") for p in (ROOT / "tests").rglob("*.py") if p.name != "test_schema.py"
    )
    assert 'ROOT.parent / "shared"' not in text and "../shared" not in text
