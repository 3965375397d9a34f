"""An episode's media: which kind of thing a ``video:`` address is, the media types of
audio and video files by their name, and an audio file in the site measured (pure Python).

The page, the feed and the player all read what is decided here, once: a YouTube page
(played through its embedded player, timestamps linking out), a media file (the
browser's own player) or any other page (a plain link)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import parse_qs, urlsplit

from .errors import Problem, one_of
from .links import relative, video_at
from .model import Media, Meta

AUDIO_TYPES: Mapping[str, str] = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".aac": "audio/aac",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".opus": "audio/ogg",
    ".wav": "audio/wav",
    ".flac": "audio/flac",
    ".weba": "audio/webm",
}
"""An audio file's media type by its name's extension (what podcast apps expect)."""
VIDEO_TYPES: Mapping[str, str] = {
    ".mp4": "video/mp4",
    ".m4v": "video/x-m4v",
    ".mov": "video/quicktime",
    ".webm": "video/webm",
    ".ogv": "video/ogg",
}
"""A video file's media type by its name's extension."""
MEDIA_TYPES = tuple(dict.fromkeys([*AUDIO_TYPES.values(), "audio/x-m4a", *VIDEO_TYPES.values()]))
"""The media types ``audio.type`` may name (a podcast's enclosure may be a video)."""

YOUTUBE_HOSTS = ("youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be")
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}\Z")

VideoKind = Literal["youtube", "file", "page"]


def extension(url: str) -> str:
    """The lower-case extension of the address's path (``.mp3``), or ``""``."""
    return posixpath.splitext(urlsplit(url).path)[1].lower()


def youtube_id(url: str) -> str | None:
    """The video id of a YouTube watch, short-link, shorts or live page, else None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host not in YOUTUBE_HOSTS:
        return None
    if host == "youtu.be":
        vid = parts.path.strip("/")
    elif parts.path.startswith(("/shorts/", "/live/", "/embed/")):
        vid = parts.path.split("/")[2]
    else:
        vid = (parse_qs(parts.query).get("v") or [""])[0]
    return vid if _YOUTUBE_ID.match(vid) else None


def video_kind(url: str) -> VideoKind:
    """What a ``video:`` address is: a YouTube video, a media file, or another page."""
    if youtube_id(url):
        return "youtube"
    return "file" if extension(url) in VIDEO_TYPES else "page"


def is_site_path(url: str) -> bool:
    """Whether ``url`` names a file in the site (no scheme), not an address elsewhere."""
    return not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url) and not url.startswith("//")


IMAGE_TYPES: Mapping[str, str] = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
"""Artwork podcast apps take, by extension."""


def site_path_problem(path: str, images: bool = False) -> tuple[str, str] | None:
    """Why ``path`` cannot name a media file (``images``: an image) under ``docs_dir``
    (``(what, hint)``), or None."""
    if "\\" in path or "?" in path or "#" in path:
        return "is not a plain file path", "write the path with '/' and nothing after the name"
    parts = path.lstrip("/").split("/")
    if any(p in ("", ".", "..") for p in parts):
        return "is not a path inside the site", "write it from docs_dir, e.g. media/2025/ep.mp3"
    if images:
        if extension(path) not in IMAGE_TYPES:
            return "is not a JPEG or PNG file name", "use a file ending in .jpg or .png"
    elif extension(path) not in AUDIO_TYPES and extension(path) not in VIDEO_TYPES:
        known = ", ".join(sorted({*AUDIO_TYPES, *VIDEO_TYPES}))
        return "is not an audio or video file name", f"use a file ending in one of {known}"
    return None


def site_uri(path: str) -> str:
    """The file's uri under ``docs_dir`` (a leading ``/`` is the site root)."""
    return path.lstrip("/")


def measured(
    media: Media,
    size: Callable[[str], int | None],
    names: list[str],
    where: tuple[str, int],
) -> tuple[Media, list[Problem]]:
    """An audio file in the site with its type (from its name) and length (its size in
    bytes, ``size(uri)``, None when there is no such file); a type or length the author
    wrote that the file contradicts is reported at ``where`` (never silently replaced)."""
    if not media.in_site:
        return media, []
    path, line = where
    uri = site_uri(media.url)
    length = size(uri)
    if length is None:
        near = one_of(uri, [n for n in names if extension(n) in AUDIO_TYPES], "a file of the site")
        return media, [
            Problem(
                path,
                line,
                f"'audio' is '{media.url}', which is not a file under docs_dir",
                f"put the file at that path under docs_dir, or correct the path; {near}",
            )
        ]
    kind = AUDIO_TYPES.get(extension(uri)) or VIDEO_TYPES[extension(uri)]
    problems = []
    if media.length is not None and media.length != length:
        problems.append(
            Problem(
                path,
                line,
                f"'audio.length' is {media.length}, but {uri} is {length} bytes",
                "remove 'length' (it is worked out from the file in the site)",
            )
        )
    if media.type is not None and media.type != kind:
        problems.append(
            Problem(
                path,
                line,
                f"'audio.type' is '{media.type}', but {uri} is {kind} by its name",
                "remove 'type' (it is worked out from the file in the site)",
            )
        )
    return replace(media, type=kind, length=length), problems


_APPLE = {
    "Arts": "Books, Design, Fashion & Beauty, Food, Performing Arts, Visual Arts",
    "Business": "Careers, Entrepreneurship, Investing, Management, Marketing, Non-Profit",
    "Comedy": "Comedy Interviews, Improv, Stand-Up",
    "Education": "Courses, How To, Language Learning, Self-Improvement",
    "Fiction": "Comedy Fiction, Drama, Science Fiction",
    "Government": "",
    "History": "",
    "Health & Fitness": "Alternative Health, Fitness, Medicine, Mental Health, Nutrition, "
    "Sexuality",
    "Kids & Family": "Education for Kids, Parenting, Pets & Animals, Stories for Kids",
    "Leisure": "Animation & Manga, Automotive, Aviation, Crafts, Games, Hobbies, "
    "Home & Garden, Video Games",
    "Music": "Music Commentary, Music History, Music Interviews",
    "News": "Business News, Daily News, Entertainment News, News Commentary, Politics, "
    "Sports News, Tech News",
    "Religion & Spirituality": "Buddhism, Christianity, Hinduism, Islam, Judaism, Religion, "
    "Spirituality",
    "Science": "Astronomy, Chemistry, Earth Sciences, Life Sciences, Mathematics, "
    "Natural Sciences, Nature, Physics, Social Sciences",
    "Society & Culture": "Documentary, Personal Journals, Philosophy, Places & Travel, "
    "Relationships",
    "Sports": "Baseball, Basketball, Cricket, Fantasy Sports, Football, Golf, Hockey, Rugby, "
    "Running, Soccer, Swimming, Tennis, Volleyball, Wilderness, Wrestling",
    "Technology": "",
    "True Crime": "",
    "TV & Film": "After Shows, Film History, Film Interviews, Film Reviews, TV Reviews",
}
APPLE_CATEGORIES = tuple(
    name
    for top, subs in _APPLE.items()
    for name in (top, *(f"{top}/{sub}" for sub in subs.split(", ") if sub))
)
"""Apple Podcasts' categories, ``Top`` or ``Top/Sub`` (the ``itunes:category`` a show
may name)."""


@dataclass(frozen=True)
class Player:
    """What an episode page plays, decided once for the player and the time links: a
    video file, else the audio, else a YouTube video (loaded only when the reader asks)."""

    kind: Literal["video", "audio", "youtube"]
    src: str
    """The file's address as the page links it (relative for a file in the site), or
    the YouTube page."""
    type: str | None = None
    youtube_id: str | None = None

    def at(self, seconds: int) -> str:
        """A link that opens the media at ``seconds`` without the page's script: the
        file with a media fragment (``#t=57``), the YouTube page at ``t=57s``."""
        return video_at(self.src, seconds)


def player_of(meta: Meta, page_url: str) -> Player | None:
    """The player of an episode page at ``page_url`` (None: nothing to play on the page;
    a video page that is neither YouTube nor a file stays a link)."""
    video = meta.video
    if video and video_kind(video) == "file":
        return Player("video", video, VIDEO_TYPES[extension(video)])
    audio = meta.audio
    if audio is not None:
        src = relative(site_uri(audio.url), page_url) if audio.in_site else audio.url
        kind = (
            audio.type
            or AUDIO_TYPES.get(extension(audio.url))
            or VIDEO_TYPES.get(extension(audio.url))
        )
        return Player("audio", src, kind)
    if video and (vid := youtube_id(video)):
        return Player("youtube", video, None, vid)
    return None
