"""The importer reads the transcripts shows really have, by what they hold: rolling
automatic captions, live-stream segments, Markdown saved as .txt, cues out of order,
crosstalk, Break markers, and the site's own downloads read back word for word."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from captiongen import hls, youtube_auto
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importkit import CORPUS, lines_of, new, said
from mkdocs_episodes.importer import draft, load_transcript, stamp
from mkdocs_episodes.parse import parse_episode
from mkdocs_episodes.readers import read_string
from mkdocs_episodes.sentences import split_sentences
from mkdocs_episodes.transcript import ImportError_
from sitekit import write_site

# --- the site's own downloads, read back --------------------------------------------------

# (speaker, words) of the transcript the site-export fixtures were written from
SITE_LINES = [
    ("大飞", "大家好，这里是最佳拍档，我是大飞。"),
    (
        "大飞",
        "今天我们聊聊英伟达和Anthropic之间的争论，这个话题最近非常热，"
        "很多观众都在评论区留言问我怎么看。",
    ),
    (
        "Jensen Huang",
        "America cannot manipulate regulators to capture victory in AI, and we will keep "
        "competing on the merits.",
    ),
    ("Jensen Huang", "Note: this is not a label."),
    ("Tom & Jerry", "5 < 6 & 7 > 3"),
    ("大飞", "[12:00] 不是时间戳"),
    ("大飞", "\\反斜杠开头"),
    ("Q>A Bot", "@everyone listen"),
    ("Q>A Bot", "12345"),
    ("大飞", "a --> b"),
    ("大飞", "好。"),
    ("Jensen Huang", "Thank you."),
]


def flat(path: Path) -> list[tuple[str | None, str]]:
    """(speaker, line) of every transcript line the reader gives."""
    return [(c.speaker, line) for c in load_transcript(path).cues for line in c.lines]


def turns(pairs: list[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    """Consecutive lines of one speaker joined: one space between two, none between two
    CJK or fullwidth characters (written here apart from the importer's own join)."""
    out: list[tuple[str | None, str]] = []
    for who, words in pairs:
        words = " ".join(words.split())
        if out and out[-1][0] == who:
            before = out[-1][1]
            both_wide = all(unicodedata.east_asian_width(c) in "WF" for c in (before[-1], words[0]))
            out[-1] = (who, before + ("" if both_wide else " ") + words)
        else:
            out.append((who, words))
    return out


def test_site_webvtt_reads_back_line_by_line() -> None:
    assert flat(CORPUS / "site-export.vtt") == SITE_LINES


def test_site_json_reads_back_line_by_line() -> None:
    # the same line said twice, the second starting as the first ends: both kept
    expected = [*SITE_LINES[:-1], ("大飞", "好。"), SITE_LINES[-1]]
    assert flat(CORPUS / "site-export.json") == expected


def test_site_srt_reads_back_turn_by_turn() -> None:
    assert turns(flat(CORPUS / "site-export.srt")) == turns(SITE_LINES)


def test_site_txt_reads_back_line_by_line() -> None:
    got = load_transcript(CORPUS / "site-export.txt")
    assert got.shape == "text"
    expected = [
        *SITE_LINES[:-1],
        ("大飞", "好。"),
        ("大飞", "第二段，同一位说话人。"),
        ("大飞", "[01:00:00] 方括号里的数字也是字。"),
        SITE_LINES[-1],
    ]
    assert [(c.speaker, line) for c in got.cues for line in c.lines] == expected
    stamped = [(c.start, c.lines[0]) for c in got.cues if c.start is not None]
    assert stamped == [
        (0.0, SITE_LINES[0][1]),
        (4.0, SITE_LINES[1][1]),
        (12.0, SITE_LINES[2][1]),
        (31.0, "@everyone listen"),
        (40.0, "第二段，同一位说话人。"),
    ]


def test_site_vtt_without_cue_ids_keeps_one_line_per_caption_line(tmp_path: Path) -> None:
    text = re.sub(r"(?m)^L\d+(-\d+)?\n", "", (CORPUS / "site-export.vtt").read_text("utf-8"))
    (tmp_path / "x.vtt").write_text(text, "utf-8")
    lines = [line for _, line in flat(tmp_path / "x.vtt")]
    assert lines[1:3] == ["今天我们聊聊英伟达和Anthropic之间的争论，", "这个话题最近非常热，"]


# --- YouTube's rolling automatic captions --------------------------------------------

SPOKEN = [
    "hello everyone and welcome back to the channel",
    "today we are talking about export controls",
    "and why the chip makers are so upset",
    "[Music]",
    "let's start with the rule itself",
    "the rule sorts countries into three tiers",
    "the first tier gets almost everything",
    "the rule sorts countries into three tiers",  # said again later: kept again
    "and the last tier gets almost nothing",
    "so what did the companies say",
]


def rolling_lines() -> list[tuple[float, str]]:
    return [(0.08 + 2.7 * k + (k % 3) * 0.31, words) for k, words in enumerate(SPOKEN)]


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    write_site(tmp_path, {})
    return tmp_path


@pytest.mark.parametrize(
    ("name", "header"),
    [("auto.en.vtt", True), ("headerless.vtt", False), ("stored-as.txt", False)],
)
def test_rolling_auto_captions_give_each_line_once_with_its_time(
    site_root: Path, name: str, header: bool
) -> None:
    lines = rolling_lines()
    source = site_root / name
    source.write_text(youtube_auto(lines, lines[-1][0] + 3.0, header=header), "utf-8")
    code, out, err = new(site_root, source)
    assert code == 0, err
    assert "rolling captions" in err
    assert said(site_root / out) == [(int(s), words) for s, words in lines]
    text = (site_root / out).read_text("utf-8")
    assert "<" not in text and "c>" not in text and "align:" not in text  # no tag debris
    assert "kind: auto-captions" in text and "reviewed: false" in text


def test_rolling_captions_converted_to_srt_collapse_too(tmp_path: Path) -> None:
    lines = rolling_lines()
    vtt = youtube_auto(lines, 40.0)
    # yt-dlp --convert-subs srt: the same cues, tags dropped, comma before milliseconds
    cues = re.findall(r"(\S+) --> (\S+) align:start position:0%\n((?:.+\n)+)", vtt)
    srt = "".join(
        f"{i}\n{a.replace('.', ',')} --> {b.replace('.', ',')}\n"
        + re.sub(r"<[^>]+>", "", body)
        + "\n"
        for i, (a, b, body) in enumerate(cues, 1)
    )
    (tmp_path / "auto.srt").write_text(srt, "utf-8")
    got = load_transcript(tmp_path / "auto.srt")
    assert [c.lines for c in got.cues] == [(w,) for _, w in lines]
    assert not got.auto  # no word timings left to tell: the info.json must say


# --- live streams: concatenated HLS segments ---------------------------------------------

LIVE = [
    (0.5, 3.0, "we are live from the hearing room"),
    (4.0, 7.5, "the chair has just opened the session"),  # spans the first boundary
    (8.0, 9.0, "first witness please"),
    (12.5, 13.0, "thank you"),
    (13.0, 20.0, "thank you"),  # said twice, the second spanning a boundary
    (21.0, 22.0, "we will take questions now"),
]


@pytest.mark.parametrize("restart", [True, False])
def test_hls_segments_honour_the_timestamp_map(tmp_path: Path, restart: bool) -> None:
    (tmp_path / "live.vtt").write_text(hls(LIVE, restart=restart), "utf-8")
    got = load_transcript(tmp_path / "live.vtt")
    assert [(c.start, c.lines) for c in got.cues] == [(s, (w,)) for s, _, w in LIVE]
    assert any("WebVTT segments" in n for n in got.notes)


def test_hls_segments_without_a_map_continue_and_never_stop(tmp_path: Path) -> None:
    (tmp_path / "live.vtt").write_text(hls(LIVE, maps=False), "utf-8")
    got = load_transcript(tmp_path / "live.vtt")
    assert [c.lines for c in got.cues] == [(w,) for *_, w in LIVE]
    starts = [c.start for c in got.cues]
    assert starts == sorted(starts) and starts[:3] == [0.5, 4.0, 8.0]


def test_hls_file_imports_with_every_line_once(site_root: Path) -> None:
    source = site_root / "live.vtt"
    source.write_text(hls(LIVE), "utf-8")
    code, out, err = new(site_root, source)
    assert code == 0, err
    assert said(site_root / out) == [(int(s), w) for s, _, w in LIVE]


# --- Markdown, in any suffix; Break markers ----------------------------------------------


def test_markdown_saved_as_txt_imports_exactly_like_the_md(site_root: Path) -> None:
    md = site_root / "show.md"
    txt = site_root / "show.txt"
    shutil.copy(CORPUS / "markdown-transcript.md", md)
    shutil.copy(CORPUS / "markdown-transcript.md", txt)
    results = []
    for i, source in enumerate((md, txt)):
        code, out, err = new(site_root, source, "--slug", f"s{i}", "--add-actors")
        assert code == 0, err
        results.append((site_root / out).read_text("utf-8").split("---\n", 2)[2])
    assert results[0] == results[1]
    body = results[0]
    assert "[00:04] Welcome to The Policy Hour [laughs]." in body
    assert "I'm Ana Lima - with me as always is Ben Ortiz." in body
    assert "[15:41] [Break]" in body and "[23:11] [Break]" in body
    assert "@break" not in body and "Break:" not in body
    assert "Thanks for having me # finally." in body


def test_break_markers_are_non_speech_lines_not_speakers(site_root: Path) -> None:
    code, out, err = new(site_root, CORPUS / "markdown-transcript.md", "--add-actors")
    assert code == 0, err
    lines = lines_of(site_root / out)
    breaks = [(x.timestamp.seconds if x.timestamp else None, x.speaker) for x in lines
              if x.words == "[Break]"]  # fmt: skip
    assert breaks == [(15 * 60 + 41, "ben-ortiz"), (23 * 60 + 11, "ana-lima")]
    actors = (site_root / "data" / "actors.yml").read_text("utf-8")
    assert "break" not in actors.lower()
    assert {x.speaker for x in lines} == {"ana-lima", "ben-ortiz", "carol-reyes"}


def test_break_is_shown_as_non_speech() -> None:
    from mkdocs_episodes.record import SOUND_RE

    assert SOUND_RE.fullmatch("[Break]") and SOUND_RE.fullmatch("[Music]")
    assert not SOUND_RE.fullmatch("[Maria Gomez]")


# --- order, duplicates, crosstalk ----------------------------------------------------------


def test_cues_out_of_order_are_sorted_stably_with_a_note(site_root: Path) -> None:
    code, out, err = new(site_root, CORPUS / "out-of-order.srt")
    assert code == 0, err
    assert "sorted by start time" in err
    assert said(site_root / out) == [
        (1, "The first line."),
        (5, "The second line."),
        (8, "The third line."),
        (8, "The fourth line starts with the third."),
    ]


def test_crosstalk_keeps_both_voices(site_root: Path) -> None:
    code, out, err = new(site_root, CORPUS / "crosstalk.vtt", "--add-actors")
    assert code == 0, err
    got = [(x.speaker, x.words) for x in lines_of(site_root / out)]
    assert got == [
        ("ana-lima", "I think the vote will pass."),
        ("ben-ortiz", "No way it passes."),
        ("ana-lima", "Exactly."),
        ("ben-ortiz", "Exactly."),
        ("ana-lima", "Let us move on."),
    ]


def test_a_duplicate_cue_still_shown_is_kept_once(tmp_path: Path) -> None:
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nSame words.\n\n"
        "00:00:02.000 --> 00:00:04.000\nSame words.\n\n"
        "00:00:04.000 --> 00:00:05.000\nSame words.\n"
    )
    got = read_string(text, tmp_path / "d.vtt")
    # the second is the first still shown; the third is said again once it ended
    assert [(c.start, c.lines) for c in got.cues] == [
        (1.0, ("Same words.",)),
        (4.0, ("Same words.",)),
    ]
    assert any("kept once" in n for n in got.notes)


# --- sentences ---------------------------------------------------------------------------


def test_split_sentences_in_chinese_and_english() -> None:
    assert split_sentences("今天天气很好。我们去公园吧！你说呢？“好。”") == [
        "今天天气很好。",
        "我们去公园吧！",
        "你说呢？",
        "“好。”",
    ]
    assert split_sentences('He said "yes." Then Dr. Smith left… It cost 3.5 dollars?! Yes') == [
        'He said "yes."',
        "Then Dr. Smith left…",
        "It cost 3.5 dollars?!",
        "Yes",
    ]


def rebuilt(line: str, pieces: list[str]) -> bool:
    """Whether ``pieces`` are ``line`` in order, with nothing but the whitespace between
    two of them left out."""
    pos = 0
    for piece in pieces:
        if not piece or line[pos : pos + len(piece)] != piece:
            return False
        pos += len(piece)
        while pos < len(line) and line[pos].isspace():
            pos += 1
    return pos == len(line)


SENTENCE_PIECES = st.sampled_from([*"ab Z。！？!?.…“”\"')】」 \t好的3", "Dr.", "e.g.", "  "])
SENTENCE_TEXT = st.lists(SENTENCE_PIECES, max_size=40).map("".join).map(str.strip)


@given(SENTENCE_TEXT)
@settings(max_examples=400, deadline=None)
def test_split_sentences_changes_no_character(line: str) -> None:
    pieces = split_sentences(line)
    assert rebuilt(line, pieces), pieces
    assert re.sub(r"\s", "", "".join(pieces)) == re.sub(r"\s", "", line)


def test_split_sentences_option_on_import(site_root: Path) -> None:
    source = site_root / "long.txt"
    source.write_text("[00:05] 第一句。第二句！Third one? Fourth.\n", "utf-8")
    code, out, err = new(site_root, source, "--split-sentences")
    assert code == 0, err
    assert said(site_root / out) == [(5, "第一句。"), (None, "第二句！"), (None, "Third one?"),
                                     (None, "Fourth.")]  # fmt: skip


# --- any text through any reader: a transcript or one line, never a traceback -------------

PIECES = st.sampled_from(
    [
        "a", "B", "好", "，", " ", "\\", "[", "]", "(", ")", ":", "：", "*", "**", "_", "#",
        "@", "<", ">", "&", "&amp;", "-->", "\n", "\n\n", "1", "00:01", "[12:34]", "{", "}",
        "///", "```", "WEBVTT", "<v A>", "<c>", "</c>", "<00:00:01.000>", "Name: ", "\t",
        "\u202e", "\x07", "é", "\u0301", "```", "~~~", "source: x", "\\[", "\\]",
    ]
)  # fmt: skip
TEXT = st.lists(PIECES, max_size=40).map("".join)


def shapes(text: str) -> dict[str, str]:
    """``text`` as each kind of file."""
    body = text.replace("\n\n", "\n")
    return {
        "t.txt": text,
        "t.md": text,
        "t.vtt": f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{body}\n",
        "t.srt": f"1\n00:00:01,000 --> 00:00:02,000\n{body}\n",
        "t.json": json.dumps({"segments": [{"startTime": 1, "body": text, "speaker": body}]}),
    }


@given(TEXT)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_through_each_reader_drafts_cleanly(text: str) -> None:
    for name, content in shapes(text).items():
        try:
            got = read_string(content, Path(name))
        except ImportError_ as e:
            assert "\n" not in str(e)
            continue
        for c in got.cues:
            assert all(line and line == line.strip() for line in c.lines)
        ids = {c.speaker: f"s-{i}" for i, c in enumerate(got.cues) if c.speaker}
        split = [
            replace(c, lines=tuple(p for line in c.lines for p in split_sentences(line)))
            for c in got.cues
        ]
        for cues in (got.cues, split):  # as read, and with --split-sentences
            out = draft(cues, title="t", date=dt.date(2025, 1, 1), show="s", ids=ids)
            episode, problems = parse_episode(out, "e.md")
            assert problems == [], (name, content, out)
            assert [x.words for x in episode.lines] == [line for c in cues for line in c.lines]


def test_stamp_is_whole_seconds() -> None:
    assert stamp(59.99) == "[00:59]" and stamp(3600) == "[1:00:00]"
