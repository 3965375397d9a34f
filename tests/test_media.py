"""An episode's media in the format: ``audio:`` (a file in the site, measured; or a file
elsewhere with its type and length written) and what a ``video:`` address is. Every
mistake is one ``path:line: what — how to fix``; nothing about a file is guessed that the
file does not say."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from mkdocs_episodes.catalog import load_data
from mkdocs_episodes.media import MEDIA_TYPES, player_of, video_kind, youtube_id
from mkdocs_episodes.model import Media
from mkdocs_episodes.parse import parse_episode
from mkdocs_episodes.site import SourceFile, check_site
from sitekit import DATA

P = "episodes/2025/e.md"
AUDIO_LINE = 5


def parsed(front: str) -> tuple[Media | None, list[str]]:
    """The audio of an episode whose front matter ends with ``front`` (line 5 on)."""
    text = f"---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n{front}\n---\n\n[00:01] 一行\n"
    ep, problems = parse_episode(text, P)
    return ep.meta.audio, [str(p) for p in problems]


@pytest.mark.parametrize(
    ("front", "want"),
    [
        ("audio: media/e.mp3", Media("media/e.mp3", None, None, True)),
        ("audio: /media/e.m4a", Media("/media/e.m4a", None, None, True)),
        ("audio: {url: media/e.ogg}", Media("media/e.ogg", None, None, True)),
        (
            "audio: {url: 'https://cdn.example.org/e.mp3', type: audio/mpeg, length: 1234}",
            Media("https://cdn.example.org/e.mp3", "audio/mpeg", 1234, False),
        ),
        (
            "audio:\n  url: https://cdn.example.org/e\n  type: audio/mp4\n  length: 9",
            Media("https://cdn.example.org/e", "audio/mp4", 9, False),
        ),
    ],
)
def test_good_audio_is_read(front: str, want: Media) -> None:
    assert parsed(front) == (want, [])


@pytest.mark.parametrize(
    ("front", "what", "hint"),
    [
        (
            "audio: https://cdn.example.org/e.mp3",
            "has no 'type' and 'length'",
            "add 'type: audio/mpeg', 'length: <size in bytes>'",
        ),
        (
            "audio: {url: 'https://cdn.example.org/e.mp3', type: audio/mpeg}",
            "has no 'length' for a file outside the site",
            "add 'length: <size in bytes>'",
        ),
        (
            "audio: {url: 'https://x.org/e.mp3', type: audio/mpg, length: 3}",
            "'audio'.type is 'audio/mpg', not an allowed value",
            "did you mean 'audio/mpeg'?",
        ),
        (
            "audio: {url: 'https://x.org/e.mp3', type: audio/mpeg, length: -3}",
            "'audio'.length must be the file's size in bytes",
            "length: 12345678",
        ),
        (
            "audio: {url: 'https://x.org/e.mp3', type: audio/mpeg, length: 1.5}",
            "'audio'.length must be the file's size in bytes",
            "whole number",
        ),
        (
            "audio: {url: 'https://x.org/e', typ: audio/mpeg, length: 1}",
            "unknown key 'typ'",
            "did you mean 'type'?",
        ),
        ("audio: ../e.mp3", "not a path inside the site", "media/2025/ep.mp3"),
        ("audio: media/e.txt", "not an audio or video file name", ".mp3"),
        ("audio: 'media/e.mp3?x=1'", "not a plain file path", "'/'"),
        ("audio: ftp://x.org/e.mp3", "is not an http(s) URL", "https://"),
        ("audio: 'https://u:p@x.org/e.mp3'", "user name or password", "'@'"),
        ("audio: [a, b]", "must be text, not a list", ""),
        ("audio: {url: media/e.mp3, sizee: 3}", "unknown key 'sizee'", "length"),
    ],
)
def test_each_audio_mistake_is_one_problem_at_its_line(front: str, what: str, hint: str) -> None:
    _, problems = parsed(front)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{P}:{AUDIO_LINE}: 'audio"), problems
    message, _, fix = problems[0].partition(" — ")
    assert what in message
    assert hint in fix


def test_every_media_type_is_allowed_and_a_did_you_mean_finds_it() -> None:
    for kind in MEDIA_TYPES:
        front = f"audio: {{url: 'https://x.org/e', type: {kind}, length: 1}}"
        assert parsed(front)[1] == []


@pytest.mark.parametrize(
    ("url", "kind", "vid"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://youtube.com/watch?v=dQw4w9WgXcQ&t=10s", "youtube", "dQw4w9WgXcQ"),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/live/dQw4w9WgXcQ?si=x", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/watch?v=short", "page", None),
        ("https://www.youtube.com/@channel", "page", None),
        ("https://notyoutube.com/watch?v=dQw4w9WgXcQ", "page", None),
        ("https://www.youtube.com.evil.org/watch?v=dQw4w9WgXcQ", "page", None),
        ("https://www.bilibili.com/video/BV1xx411c7mD", "page", None),
        ("https://cdn.example.org/e.mp4", "file", None),
        ("https://cdn.example.org/e.WEBM?sig=1", "file", None),
        ("https://cdn.example.org/e.mp4.html", "page", None),
        ("https://example.org/watch", "page", None),
    ],
)
def test_what_a_video_address_is(url: str, kind: str, vid: str | None) -> None:
    assert video_kind(url) == kind
    assert youtube_id(url) == vid


# --- a file in the site, measured --------------------------------------------------------


def site_check(
    tmp_path: Path, audio: str, files: dict[str, bytes]
) -> tuple[Media | None, list[str]]:
    """Check a site of one episode with ``audio`` and the media ``files`` under docs_dir."""
    data = tmp_path / "data"
    data.mkdir()
    for name, text in DATA.items():
        (data / name).write_text(textwrap.dedent(text), encoding="utf-8")
    docs = tmp_path / "episodes"
    text = f"---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n{audio}\n---\n\n[00:01] 一行\n"
    sources = [SourceFile("2025/e.md", P, text.encode, None)]
    for uri, content in files.items():
        path = docs / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        sources.append(SourceFile(uri, f"episodes/{uri}", path.read_bytes, path))
    found = check_site(
        load_data(data),
        sources,
        episodes=["*/*.md"],
        pages=[],
        root=tmp_path,
        show_drafts=False,
    )
    return found.audio.get("2025/e.md"), [str(p) for p in found.problems]


def test_a_file_in_the_site_has_its_type_and_length_worked_out(tmp_path: Path) -> None:
    audio, problems = site_check(tmp_path, "audio: media/e.mp3", {"media/e.mp3": b"x" * 1234})
    assert problems == []
    assert audio == Media("media/e.mp3", "audio/mpeg", 1234, True)


def test_a_missing_file_is_one_problem_with_the_nearest_name(tmp_path: Path) -> None:
    _, problems = site_check(tmp_path, "audio: media/e1.mp3", {"media/e.mp3": b"x"})
    assert problems == [
        f"{P}:{AUDIO_LINE}: 'audio' is 'media/e1.mp3', which is not a file under docs_dir — "
        "put the file at that path under docs_dir, or correct the path; did you mean "
        "'media/e.mp3'? Use a file of the site: media/e.mp3"
    ]


@pytest.mark.parametrize(
    ("audio", "what"),
    [
        ("audio: {url: media/e.mp3, length: 99}", "'audio.length' is 99, but media/e.mp3 is 3"),
        ("audio: {url: media/e.mp3, type: audio/ogg}", "'audio.type' is 'audio/ogg', but"),
    ],
)
def test_what_the_file_contradicts_is_reported_not_replaced(
    tmp_path: Path, audio: str, what: str
) -> None:
    _, problems = site_check(tmp_path, audio, {"media/e.mp3": b"abc"})
    assert len(problems) == 1 and what in problems[0], problems
    assert problems[0].startswith(f"{P}:{AUDIO_LINE}: ")


def test_what_the_file_agrees_with_is_no_problem(tmp_path: Path) -> None:
    audio = "audio: {url: media/e.mp3, type: audio/mpeg, length: 3}"
    assert site_check(tmp_path, audio, {"media/e.mp3": b"abc"})[1] == []


# --- what the page plays, and where a time link goes without the page's script -----------


@pytest.mark.parametrize(
    ("front", "kind", "src", "link_at_57"),
    [
        (
            "audio: media/2025/e.mp3",
            "audio",
            "../../media/2025/e.mp3",
            "../../media/2025/e.mp3#t=57",
        ),
        (
            "audio: {url: 'https://cdn.example.org/e.m4a', type: audio/mp4, length: 9}",
            "audio",
            "https://cdn.example.org/e.m4a",
            "https://cdn.example.org/e.m4a#t=57",
        ),
        (
            "video: https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "youtube",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=57s",
        ),
        (  # a file of the episode plays here rather than YouTube
            "video: https://www.youtube.com/watch?v=dQw4w9WgXcQ\naudio: media/2025/e.mp3",
            "audio",
            "../../media/2025/e.mp3",
            "../../media/2025/e.mp3#t=57",
        ),
        (  # a video file shows its picture
            "video: https://cdn.example.org/e.mp4\naudio: media/2025/e.mp3",
            "video",
            "https://cdn.example.org/e.mp4",
            "https://cdn.example.org/e.mp4#t=57",
        ),
    ],
)
def test_what_the_page_plays_and_where_its_time_links_go(
    front: str, kind: str, src: str, link_at_57: str
) -> None:
    text = f"---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n{front}\n---\n\n[00:57] 一行\n"
    ep, problems = parse_episode(text, P)
    assert problems == []
    player = player_of(ep.meta, "2025/e/")
    assert player is not None
    assert (player.kind, player.src, player.at(57)) == (kind, src, link_at_57)


@pytest.mark.parametrize(
    "front",
    ["", "video: https://www.bilibili.com/video/BV1xx411c7mD", "video: https://example.org/e"],
)
def test_nothing_to_play_leaves_no_player(front: str) -> None:
    text = f"---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n{front}\n---\n\n[00:57] 一行\n"
    ep, _ = parse_episode(text, P)
    assert player_of(ep.meta, "2025/e/") is None
