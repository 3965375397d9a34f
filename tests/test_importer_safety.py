"""An importer that never corrupts the project (issue 28, class 4): actor ids unique and
never reserved, actors.yml checked before it is replaced (atomically), and every mistake
in the input one line with its fix (exit 2), never a traceback or "please report"."""

from __future__ import annotations

import codecs
import os
import stat
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from importkit import lines_of, new, run_cli
from mkdocs_episodes.actors_file import with_actors
from mkdocs_episodes.catalog import build_catalog, load_catalog
from mkdocs_episodes.inline import is_id
from mkdocs_episodes.model import Catalog
from mkdocs_episodes.schema import RESERVED_IDS
from mkdocs_episodes.speakers import actor_ids, fold
from mkdocs_episodes.transcript import ImportError_, read_bytes
from sitekit import write_site


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    write_site(tmp_path, {})
    return tmp_path


def vtt(*cues: tuple[str, str]) -> str:
    """A WebVTT file of ``(voice, words)`` cues, two seconds each."""
    blocks = [
        f"00:00:{2 * i:02d}.000 --> 00:00:{2 * i + 1:02d}.000\n<v {who}>{words}\n"
        for i, (who, words) in enumerate(cues)
    ]
    return "WEBVTT\n\n" + "\n".join(blocks)


def one_line_error(code: int, out: str, err: str, *parts: str) -> None:
    assert code == 2 and out == "", (code, out, err)
    assert len(err.splitlines()) == 1, err
    assert "please report" not in err and "internal error" not in err and "Traceback" not in err
    assert " — " in err, err  # what is wrong — how to fix it
    for part in parts:
        assert part in err, err


# --- actor ids ---------------------------------------------------------------------------


def test_near_identical_speakers_get_unique_ids_and_the_site_still_builds(
    site_root: Path,
) -> None:
    source = site_root / "t.vtt"
    source.write_text(
        vtt(
            ("Dr. Smith", "One."),
            ("Dr Smith", "Two."),
            ("José", "Three."),
            ("Jose", "Four."),
            ("Index", "Five."),
            ("Host A", "Six."),  # an existing actor, by name
        ),
        "utf-8",
    )
    code, out, err = new(site_root, source, "--add-actors")
    assert code == 0, err
    speakers = [x.speaker for x in lines_of(site_root / out)]
    assert speakers == ["dr-smith", "dr-smith-2", "jose", "jose-2", "index-2", "host-a"]
    catalog, problems = load_catalog(site_root / "data")
    assert problems == []
    assert catalog.actors["dr-smith-2"].name.get("en") == "Dr Smith"
    assert catalog.actors["jose"].name.get("en") == "José"


def test_a_name_in_nfd_matches_the_same_name_in_nfc(site_root: Path) -> None:
    actors = site_root / "data" / "actors.yml"
    actors.write_text(
        actors.read_text("utf-8") + "jose-maria:\n  name: José María\n  kind: person\n", "utf-8"
    )
    source = site_root / "t.srt"
    nfd = unicodedata.normalize("NFD", "José María")
    assert nfd != "José María"
    source.write_text(f"1\n00:00:01,000 --> 00:00:02,000\n{nfd}: Hola.\n", "utf-8")
    before = actors.read_bytes()
    code, out, err = new(site_root, source, "--add-actors")
    assert code == 0, err
    assert [x.speaker for x in lines_of(site_root / out)] == ["jose-maria"]
    assert actors.read_bytes() == before  # no new actor


def test_new_ids_differ_from_every_key_in_the_file(site_root: Path) -> None:
    actors = site_root / "data" / "actors.yml"
    # a key that is not a valid id still takes the name "dr-smith" once folded
    actors.write_text(
        actors.read_text("utf-8") + "Dr-Smith:\n  name: Someone else\n  kind: person\n", "utf-8"
    )
    ids = actor_ids(["Dr. Smith"], load_catalog(site_root / "data")[0], {"Dr-Smith"})
    assert ids == {"Dr. Smith": "dr-smith-2"}


NAME_PIECES = st.sampled_from([*"aAbBéÉ eE.-'’ 0大飞ıİßẞ", "\u0301", "Index", "Dr."])
NAMES = (
    st.lists(NAME_PIECES, min_size=1, max_size=8)
    .map("".join)
    .filter(lambda s: any(unicodedata.category(c)[0] in "LN" for c in s))
)


@given(st.lists(NAMES, min_size=1, max_size=8))
@settings(max_examples=200, deadline=None)
def test_random_speaker_names_get_unique_valid_unreserved_ids(names: list[str]) -> None:
    ids = actor_ids(names, Catalog(), {"acme", "index-2"})
    new = {n: rid for n, rid in ids.items()}
    distinct = set(new.values())
    assert all(is_id(rid) and rid not in RESERVED_IDS for rid in distinct)
    assert len({fold(r) for r in distinct}) == len(distinct)
    assert not distinct & {"acme", "index-2"}
    # names that are the same after NFC and case folding are one actor
    same = {unicodedata.normalize("NFC", n).strip().casefold() for n in names}
    assert len(distinct) == len(same)
    texts: dict[str, str | None] = {"actors": "acme:\n  name: Acme\n  kind: company\n"}
    one = {n: new[n] for n in dict.fromkeys(names)}
    first = {rid: n for n, rid in reversed(one.items())}
    text = with_actors(texts, {n: rid for rid, n in first.items()}, Path("data"))
    catalog, problems = build_catalog({**texts, "actors": text})
    assert problems == [] and distinct <= set(catalog.actors)


# --- actors.yml: checked first, written atomically ----------------------------------------


def test_actors_file_that_would_break_is_left_alone_and_nothing_written(
    site_root: Path,
) -> None:
    actors = site_root / "data" / "actors.yml"
    # valid YAML on its own, but a block mapping appended after it is not
    actors.write_text("{host-a: {name: Host A, kind: person}}\n", "utf-8")
    before = actors.read_bytes()
    source = site_root / "t.vtt"
    source.write_text(vtt(("Carol Reyes", "Hello.")), "utf-8")
    code, out, err = new(site_root, source, "--add-actors")
    one_line_error(code, out, err, "actors.yml", "nothing was written")
    assert actors.read_bytes() == before
    assert not (site_root / "episodes" / "2025").exists()


def test_actors_file_is_replaced_atomically_keeping_its_mode(site_root: Path) -> None:
    actors = site_root / "data" / "actors.yml"
    actors.chmod(0o640)
    source = site_root / "t.vtt"
    source.write_text(vtt(("Carol Reyes", "Hello.")), "utf-8")
    code, _, err = new(site_root, source, "--add-actors")
    assert code == 0, err
    assert stat.S_IMODE(actors.stat().st_mode) == 0o640
    assert sorted(p.name for p in actors.parent.iterdir() if p.name.startswith(".")) == []
    assert "carol-reyes" in load_catalog(site_root / "data")[0].actors


# --- every mistake: one line with its fix --------------------------------------------------


def test_target_that_is_a_dangling_link(site_root: Path) -> None:
    (site_root / "episodes" / "2025").mkdir()
    (site_root / "episodes" / "2025" / "t.md").symlink_to(site_root / "nowhere.md")
    (site_root / "s.txt").write_text("words\n", "utf-8")
    code, out, err = new(site_root, site_root / "s.txt")
    one_line_error(code, out, err, "a link to nothing", "another --slug")


def test_year_folder_that_is_a_file(site_root: Path) -> None:
    (site_root / "episodes" / "2025").write_text("not a folder", "utf-8")
    (site_root / "s.txt").write_text("words\n", "utf-8")
    code, out, err = new(site_root, site_root / "s.txt")
    one_line_error(code, out, err, "is not a folder")


@pytest.mark.parametrize(
    ("title", "message"),
    [("two\nlines", "U+000A"), ("sneaky \u202eedoc", "U+202E"), ("\u200b", "invisible")],
)
def test_title_the_front_matter_would_refuse(site_root: Path, title: str, message: str) -> None:
    (site_root / "s.txt").write_text("words\n", "utf-8")
    code, out, err = run_cli(
        site_root,
        *("new", str(site_root / "s.txt"), "--title", title),
        *("--date", "2025-06-01", "--show", "show-a", "--slug", "s"),
    )
    one_line_error(code, out, err, "--title", message)
    assert not (site_root / "episodes" / "2025").exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [("NaN", "NaN"), ("-3", "negative"), ('"12.5"', "not a number"), ("1e999", "Infinity"),
     ("360000", "99:59:59"), ("true", "not a number")],
)  # fmt: skip
def test_podcast_json_times_that_are_not_times(site_root: Path, value: str, message: str) -> None:
    source = site_root / "t.json"
    source.write_text(
        f'{{"segments": [{{"startTime": 0, "body": "a"}}, {{"startTime": {value}, "body": "b"}}]}}',
        "utf-8",
    )
    code, out, err = new(site_root, source)
    one_line_error(code, out, err, "segment 2: startTime", message)


def test_srt_cue_at_a_hundred_hours(site_root: Path) -> None:
    source = site_root / "long.srt"
    source.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nStart.\n\n"
        "2\n100:00:00,000 --> 100:00:01,000\nMuch later.\n",
        "utf-8",
    )
    code, out, err = new(site_root, source)
    one_line_error(code, out, err, "100:00:00", "99:59:59")


def test_largest_stamp_the_format_allows_imports(site_root: Path) -> None:
    source = site_root / "long.srt"
    source.write_text("1\n99:59:59,000 --> 99:59:59,900\nJust in time.\n", "utf-8")
    code, out, err = new(site_root, source)
    assert code == 0, err
    assert lines_of(site_root / out)[0].timestamp.seconds == 99 * 3600 + 59 * 60 + 59  # type: ignore[union-attr]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_is_refused_without_reading_it(site_root: Path) -> None:
    code, out, err = new(site_root, Path("/dev/zero"))
    one_line_error(code, out, err, "not a regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_refused_without_waiting(site_root: Path) -> None:
    os.mkfifo(site_root / "pipe.txt")
    code, out, err = new(site_root, site_root / "pipe.txt")
    one_line_error(code, out, err, "not a regular file")


def test_reading_is_bounded(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    assert read_bytes(big, limit=2000) == b"x" * 2000
    with pytest.raises(ImportError_, match="larger than"):
        read_bytes(big, limit=1999)


@pytest.mark.parametrize(
    "bom",
    [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE],
    ids=["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"],
)
def test_utf16_and_utf32_with_a_bom_are_text(site_root: Path, bom: bytes) -> None:
    codec = {
        codecs.BOM_UTF16_LE: "utf-16-le",
        codecs.BOM_UTF16_BE: "utf-16-be",
        codecs.BOM_UTF32_LE: "utf-32-le",
        codecs.BOM_UTF32_BE: "utf-32-be",
    }[bom]
    source = site_root / "t.srt"
    source.write_bytes(bom + "1\r\n00:00:01,000 --> 00:00:02,000\r\n你好，世界\r\n".encode(codec))
    code, out, err = new(site_root, source)
    assert code == 0, err
    assert [x.words for x in lines_of(site_root / out)] == ["你好，世界"]


def test_utf16_without_a_bom_says_how_to_convert(site_root: Path) -> None:
    source = site_root / "t.txt"
    source.write_bytes("hello there\n".encode("utf-16-le"))
    code, out, err = new(site_root, source)
    one_line_error(code, out, err, "UTF-16", "iconv")


def test_bad_video_and_slug_are_one_line(site_root: Path) -> None:
    (site_root / "s.txt").write_text("words\n", "utf-8")
    code, out, err = new(site_root, site_root / "s.txt", "--video", "javascript:alert(1)")
    one_line_error(code, out, err, "--video")
    code, out, err = new(site_root, site_root / "s.txt", "--slug", "a/b")
    assert code == 2 and "--slug" in err and "please report" not in err


def test_broken_actors_file_stops_only_adding_speakers(site_root: Path) -> None:
    actors = site_root / "data" / "actors.yml"
    actors.write_text("host-a:\n  name: [unclosed\n", "utf-8")
    source = site_root / "t.vtt"
    source.write_text(vtt(("Carol Reyes", "Hello.")), "utf-8")
    code, out, err = new(site_root, source, "--add-actors")
    one_line_error(code, out, err, "actors.yml:3: not valid YAML", "fix it")
    code, out, err = new(site_root, source)
    assert code == 0 and "carol-reyes:" in err, err  # printed for the editor to add


def test_command_line_mistakes_are_one_line(site_root: Path) -> None:
    code, out, err = run_cli(site_root, "new", "x.txt", "--title", "t")
    one_line_error(code, out, err, "required: --date, --show", "--help")
    code, out, err = run_cli(
        site_root, "new", "x.txt", "--title", "t", "--date", "2025-02-30", "--show", "a"
    )
    one_line_error(code, out, err, "is not a date — write YYYY-MM-DD")


def test_a_file_name_the_front_matter_would_refuse_is_recorded_safely(site_root: Path) -> None:
    source = site_root / "two\nlines \u202eevil.txt"
    source.write_text("words\n", "utf-8")
    code, out, err = new(site_root, source)
    assert code == 0, err
    meta_lines = (site_root / out).read_text("utf-8").split("---")[1]
    assert 'from: "two?lines ?evil.txt"' in meta_lines


@pytest.mark.parametrize("text", ["WEBVTT -->\n", "WEBVTT -->\n\n00:00.000 --> 00:01.000\nhi\n"])
def test_a_header_line_holding_an_arrow_ends(tmp_path: Path, text: str) -> None:
    """A WebVTT header line that also holds '-->' once made the reader loop for ever."""
    from mkdocs_episodes.readers import _segments

    segments = _segments(text)
    assert segments and segments[0][0][0].startswith("WEBVTT")
