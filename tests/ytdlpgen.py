"""A folder of downloads as ``yt-dlp --write-info-json --write-subs --write-auto-subs``
leaves it, generated for the tests and the import benchmark (our own words).

Each video is ``<title> [<id>].info.json`` beside ``<title> [<id>].en.vtt`` (YouTube's
rolling automatic captions, see :mod:`captiongen`); some also have a manual
``.en.srt`` (which the importer must prefer), an automatic ``.de.vtt`` (a machine
translation, never imported), chapters, a ``.live_chat.json``, a thumbnail and a
``.description``.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from captiongen import clock, youtube_auto

WORDS = (
    *("the", "rule", "export", "chips", "controls", "tier", "country", "license", "market"),
    *("company", "says", "will", "today", "we", "talk", "about", "why", "and", "how"),
    *("this", "matters", "for", "the", "industry", "next", "year", "policy"),
)


@dataclass
class Video:
    """What was generated for one video: what the importer should make of it."""

    id: str
    title: str
    date: dt.date
    base: str
    lines: list[tuple[float, str]]
    """``(start, words)`` of the caption the importer should choose."""
    manual: bool
    chapters: list[tuple[float, str]] = field(default_factory=list)
    description: str = ""
    duration: int = 0


def sentence(rnd: random.Random, k: int) -> str:
    return " ".join(rnd.choice(WORDS) for _ in range(3 + k % 5))


def make_downloads(folder: Path, n: int, seed: int = 1, lines: int = 10) -> list[Video]:
    """Write ``n`` videos into ``folder``; returns what each should import as."""
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    videos = []
    for k in range(n):
        vid = f"{k:04d}" + "".join(rnd.choice("abcdefghijkLMNOP_-") for _ in range(7))
        # some titles repeat within a year: the second gets another file name
        title = "Weekly news：出口管制" if k % 50 == 7 else f"第 {k} 期：芯片与出口管制 Episode {k}"
        date = dt.date(2019, 1, 1) + dt.timedelta(days=9 * k)
        base = f"{title} [{vid}]"
        said = [(1.0 + 3.0 * i + (i % 2) * 0.4, sentence(rnd, i + k)) for i in range(lines)]
        end = said[-1][0] + 3.0
        manual = k % 5 == 0
        auto_vtt = youtube_auto(said, end)
        (folder / f"{base}.en.vtt").write_text(auto_vtt, "utf-8")
        subtitles: dict[str, list[dict[str, str]]] = {}
        if manual:  # made by people: other words than the automatic ones
            said = [(s, w.capitalize() + ".") for s, w in said]
            srt = "".join(
                f"{i}\n{clock(s).replace('.', ',')} --> {clock(s + 2.5).replace('.', ',')}\n{w}\n\n"
                for i, (s, w) in enumerate(said, 1)
            )
            (folder / f"{base}.en.srt").write_text(srt, "utf-8")
            subtitles = {"en": [{"ext": "srt", "url": "https://example.org/s.srt"}]}
        automatic = {"en": [{"ext": "vtt", "url": "https://example.org/a.vtt"}]}
        if k % 7 == 3:
            automatic["de"] = [{"ext": "vtt", "url": "https://example.org/de.vtt"}]
            (folder / f"{base}.de.vtt").write_text(
                youtube_auto([(s, "übersetzt " + w) for s, w in said], end), "utf-8"
            )
        chapters = []
        if k % 3 == 0:
            chapters = [(0.0, "Intro"), (said[4][0] - 0.5, "Der Markt {#x}"), (said[7][0], "结尾")]
        description = (
            f"Episode {k}: what the rule says.\nSources: https://example.org/{k} #chips\n"
            f'"Quoted" & {{braces}} — 中文说明'
        )
        duration = int(end) + 3600 * (k % 2)
        info = {
            "id": vid,
            "title": title,
            "fulltitle": title,
            "upload_date": date.strftime("%Y%m%d"),
            "webpage_url": f"https://www.youtube.com/watch?v={vid}",
            "duration": duration,
            "description": description,
            "chapters": [{"start_time": s, "end_time": s + 1, "title": t} for s, t in chapters],
            "subtitles": subtitles,
            "automatic_captions": automatic,
            "formats": [{"format_id": "18", "ext": "mp4"}],
        }
        (folder / f"{base}.info.json").write_text(json.dumps(info, ensure_ascii=False), "utf-8")
        if k % 10 == 1:
            (folder / f"{base}.live_chat.json").write_text('{"replayChatItemAction": {}}\n')
            (folder / f"{base}.webp").write_bytes(b"RIFF\x00\x00\x00\x00WEBP")
            (folder / f"{base}.description").write_text(description, "utf-8")
        videos.append(Video(vid, title, date, base, said, manual, chapters, description, duration))
    return videos
