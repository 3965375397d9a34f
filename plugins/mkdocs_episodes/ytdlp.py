"""A folder of downloaded episodes -> what to import of each (pure Python).

yt-dlp writes ``<name>.info.json`` (title, upload date, page, duration, description,
chapters, which subtitles are automatic) beside ``<name>.<lang>.vtt`` or ``.srt``; its
``.live_chat.json``, thumbnails and ``.description`` are not transcripts. A transcript
without an info.json (``.txt``, ``.md``, ``.vtt``, ``.srt``, ``.json``) needs its date in
its name (``2025-05-03-<title>.txt``) or a ``<name>.info.json`` beside it.

For each video one caption file is chosen: the show's language first (exactly, then the
same language with a region or script, ``zh-Hans``, ``en-US``), and within it a subtitle
made by people before an automatic caption. Automatic captions in another language are
machine translations, never the episode's words: they are not imported.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .transcript import ImportError_, read_bytes

INFO = ".info.json"
TRANSCRIPT_SUFFIXES = (".vtt", ".srt", ".txt", ".md", ".markdown", ".json")
NOT_TRANSCRIPTS = (INFO, ".live_chat.json")
_LANG = re.compile(r"^[A-Za-z0-9_-]{1,35}$")
_DATED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[-_ ](.+)$")
_UPLOAD_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_WORD_TIMING = re.compile(rb"<\d{2,}:\d{2}:\d{2}\.\d{3}><c>")
_PEEK = 64 * 1024
"""Bytes of a caption file looked at for word timings."""


@dataclass
class Found:
    """One episode to import from the folder, or why it cannot be."""

    name: str
    """The file it is named by in messages (the info.json's base, or the transcript)."""
    transcript: Path | None = None
    listed: str | None = None
    """``auto-captions`` or ``subtitles`` when the info.json lists the chosen file's
    language so; None otherwise."""
    lang: str | None = None
    title: str | None = None
    date: dt.date | None = None
    video: str | None = None
    duration: float | None = None
    description: str | None = None
    chapters: list[tuple[float, str]] = field(default_factory=list)
    skip: str | None = None
    """Why it is not imported (None: it is)."""


def base_lang(lang: str | None) -> str | None:
    """``zh`` of ``zh-Hans``, ``en`` of ``en-orig``: the language without region or script."""
    return re.split(r"[-_]", lang, maxsplit=1)[0].lower() if lang else None


def scan(folder: Path, lang: str | None) -> tuple[list[Found], int]:
    """Every episode in ``folder`` (and its subfolders), in date order, and how many other
    files were passed over (media, thumbnails, live chat, descriptions)."""
    out: list[Found] = []
    ignored = 0
    for here, dirs, names in os.walk(folder, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files = sorted(n for n in names if not n.startswith("."))
        found, passed = _scan_files(Path(here), files, lang)
        out += found
        ignored += passed
    out.sort(key=lambda f: (f.date or dt.date.max, f.name))
    return out, ignored


def _is_transcript(name: str) -> bool:
    """Whether a file's name is a caption's or a transcript's."""
    return name.lower().endswith(TRANSCRIPT_SUFFIXES) and not name.endswith(NOT_TRANSCRIPTS)


def _scan_files(here: Path, files: list[str], lang: str | None) -> tuple[list[Found], int]:
    """The episodes among one folder's files: each info.json with the transcripts named
    after it, then each transcript of its own; and how many other files there are."""
    out: list[Found] = []
    infos = sorted((n[: -len(INFO)] for n in files if n.endswith(INFO)), key=len, reverse=True)
    claimed: set[str] = set()
    for base in infos:
        mine = [
            n for n in files if n not in claimed and n.startswith(base + ".") and _is_transcript(n)
        ]
        claimed.update(mine)
        claimed.add(base + INFO)
        out.append(_video(here, base, mine, lang))
    ignored = 0
    for n in files:
        if n in claimed:
            continue
        if _is_transcript(n):
            out.append(_dated(here / n))
        else:
            ignored += 1
    return out, ignored


def _dated(path: Path) -> Found:
    """A transcript with no info.json: its date and title from its name."""
    found = Found(path.name, path, lang=None)
    m = _DATED.match(path.stem)
    if m is None:
        found.skip = (
            "no date — name the file YYYY-MM-DD-<title> (e.g. 2025-05-03-episode-1.txt) or "
            "put <name>.info.json beside it"
        )
        return found
    try:
        found.date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        found.skip = "the date in the file name is not a real day — write YYYY-MM-DD"
        return found
    rest = m.group(4).strip()
    found.title = rest if " " in rest else re.sub(r"[-_]+", " ", rest).strip() or rest
    return found


def _video(here: Path, base: str, files: list[str], lang: str | None) -> Found:
    """A video: its info.json and the caption or transcript files beside it."""
    found = Found(base + INFO)
    info = _info(here / (base + INFO))
    if info is None:
        found.skip = "the info.json is not readable JSON — download it again"
        return found
    _metadata(found, info)
    if found.skip:
        return found
    choices = _choices(here, base, files, info)
    want = base_lang(lang)
    usable = [
        c for c in choices if not (want and c[2] == "auto-captions" and base_lang(c[1]) != want)
    ]
    if not usable:
        found.skip = (
            "only automatic captions in another language (machine translations)"
            if choices
            else "no caption or transcript file beside the info.json — download them "
            "with yt-dlp --write-subs --write-auto-subs"
        )
        return found
    found.transcript, found.lang, found.listed = min(usable, key=lambda c: _rank(c, lang))
    return found


def _info(path: Path) -> dict[str, Any] | None:
    """An info.json's object (None: not readable, or not an object)."""
    try:
        info = json.loads(read_bytes(path).decode("utf-8-sig"))
    except (ImportError_, UnicodeDecodeError, ValueError, RecursionError):
        return None
    return info if isinstance(info, dict) else None


_Choice = tuple[Path, str | None, str | None]
"""A file that may be a video's words: its path, language and ``listed`` (see
:class:`Found`)."""


def _choices(here: Path, base: str, files: list[str], info: dict[str, Any]) -> list[_Choice]:
    """The video's caption and transcript files, each with its language and how the
    info.json lists it."""
    manual = _langs(info.get("subtitles"))
    automatic = _langs(info.get("automatic_captions"))
    choices = []
    for name in files:
        rest = name[len(base) + 1 :]  # "en.vtt", or "txt" for "<base>.txt"
        middle = rest.rsplit(".", 1)[0] if "." in rest else ""
        file_lang = middle if middle and _LANG.match(middle) else None
        if middle and file_lang is None:
            continue  # "<base>.something.else.vtt": not this video's caption file
        path = here / name
        # a language can be listed both ways, and both files kept: word timings tell
        if _word_timed(path) or (file_lang in automatic and file_lang not in manual):
            listed: str | None = "auto-captions"
        else:
            listed = "subtitles" if file_lang in manual else None
        choices.append((path, file_lang, listed))
    return choices


def _rank(choice: _Choice, lang: str | None) -> tuple[int, bool, bool, str]:
    """How good a file is for the language ``lang`` (least first): the language itself,
    then with a region or script, then no language, then another; subtitles before
    automatic captions; WebVTT first; then by name."""
    path, file_lang, listed = choice
    want = base_lang(lang)
    if want is None or file_lang == lang:
        place = 0
    elif base_lang(file_lang) == want:
        place = 1
    else:
        place = 2 if file_lang is None else 3
    return (place, listed == "auto-captions", path.suffix != ".vtt", path.name)


def _word_timed(path: Path) -> bool:
    """Whether a WebVTT file has YouTube's word timings (``<00:00:01.234><c>``): its start
    is enough to tell."""
    if path.suffix.lower() != ".vtt":
        return False
    try:
        with path.open("rb") as f:
            head = f.read(_PEEK)
    except OSError:
        return False
    return _WORD_TIMING.search(head) is not None


def _langs(value: Any) -> set[str]:
    return {str(k) for k in value} if isinstance(value, dict) else set()


def _metadata(found: Found, info: dict[str, Any]) -> None:
    """Title, date, page, duration, description and chapters from an info.json."""
    title = info.get("title") or info.get("fulltitle")
    if not isinstance(title, str) or not title.strip():
        found.skip = "no title in the info.json"
        return
    found.title = title
    found.date = _upload_date(info)
    if found.date is None:
        found.skip = "no upload_date (YYYYMMDD) in the info.json"
        return
    url = info.get("webpage_url")
    found.video = url if isinstance(url, str) else None
    found.duration = _number(info.get("duration"))
    description = info.get("description")
    found.description = description if isinstance(description, str) else None
    found.chapters = _chapters(info.get("chapters"))


def _upload_date(info: dict[str, Any]) -> dt.date | None:
    """The first real day of ``upload_date`` and ``release_date`` (``YYYYMMDD``)."""
    for key in ("upload_date", "release_date"):
        m = _UPLOAD_DATE.match(str(info.get(key) or ""))
        if m is not None:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


def _chapters(value: Any) -> list[tuple[float, str]]:
    """The ``(start, title)`` of the chapters that have both, in time order."""
    chapters: list[tuple[float, str]] = []
    if isinstance(value, list):
        for ch in value:
            if isinstance(ch, dict) and isinstance(ch.get("title"), str):
                start = _number(ch.get("start_time"))
                if start is not None:
                    chapters.append((start, ch["title"]))
        chapters.sort(key=lambda c: c[0])
    return chapters


def _number(value: Any) -> float | None:
    """A finite number from 0, else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) and number >= 0 else None
