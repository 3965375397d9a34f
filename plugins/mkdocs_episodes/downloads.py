"""Transcript downloads: plain text always; WebVTT, SRT, Podcasting 2.0 transcript and
chapters JSON when the episode has timestamps. Pure functions of the model."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from .i18n import Labels, labels
from .model import Episode, Line

LAST_CUE_SECONDS = 5.0


@dataclass(frozen=True)
class Cue:
    """A timed piece of transcript: consecutive lines from one timestamp to the next."""

    start: float
    end: float
    lines: tuple[str, ...]
    speaker: str | None


@dataclass(frozen=True)
class Download:
    """One downloadable file of an episode; its content is made when first asked for
    (a rebuild that does not write the file does not make it)."""

    name: str
    label: str
    media_type: str
    make: Callable[[], str] = field(repr=False, compare=False)

    @property
    def content(self) -> str:
        """The file's text."""
        return self.make()


def plain_text(episode: Episode) -> str:
    """Exactly the transcript lines, one per line."""
    return "".join(line.words + "\n" for line in episode.lines)


def _seconds(duration: str | None) -> float | None:
    if not duration:
        return None
    total = 0
    for part in duration.split(":"):
        total = total * 60 + int(part)
    return float(total)


def cues(episode: Episode, speakers: dict[int, str | None]) -> list[Cue]:
    """Group lines into cues: each timestamped line opens one; lines before the first
    timestamp start at 0. A cue ends where the next begins (the last: the episode's
    duration, or five seconds on)."""
    groups: list[tuple[float, list[Line]]] = []
    for line in episode.lines:
        if line.timestamp is not None or not groups:
            start = float(line.timestamp.seconds) if line.timestamp else 0.0
            if groups:  # never earlier than the cue before (an out-of-order stamp is
                start = max(start, groups[-1][0])  # reported; the files stay valid)
            groups.append((start, [line]))
        else:
            groups[-1][1].append(line)
    duration = _seconds(episode.meta.duration)
    out = []
    for i, (start, lines) in enumerate(groups):
        if i + 1 < len(groups):
            end = max(groups[i + 1][0], start + 0.001)
        else:
            end = duration if duration and duration > start else start + LAST_CUE_SECONDS
        out.append(Cue(start, end, tuple(x.words for x in lines), speakers.get(lines[0].number)))
    return out


def speakers_of(episode: Episode, host: str | None, names: dict[str, str]) -> dict[int, str | None]:
    """Who speaks each transcript line, by name: its speaker (an ``@`` turn, a clip, another
    speaker's commentary), else the host."""
    out: dict[int, str | None] = {}
    for line in episode.lines:
        who = line.speaker or host
        out[line.number] = names.get(who or "", who)
    return out


def _clock(seconds: float, sep: str) -> str:
    ms = round(seconds * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _vtt_text(text: str) -> str:
    # WebVTT cue text: & and < are markup, "-->" ends nothing but is not allowed
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def webvtt(cue_list: list[Cue]) -> str:
    """A WebVTT file; speakers as ``<v Name>`` voice spans."""
    out = ["WEBVTT", ""]
    for i, cue in enumerate(cue_list, 1):
        out.append(str(i))
        out.append(f"{_clock(cue.start, '.')} --> {_clock(cue.end, '.')}")
        lines = [_vtt_text(x) for x in cue.lines]
        if cue.speaker:
            voice = cue.speaker.replace(">", "").replace("&", "&amp;")
            lines[0] = f"<v {voice}>{lines[0]}"
        out.extend(lines)
        out.append("")
    return "\n".join(out)


def srt(cue_list: list[Cue]) -> str:
    """An SRT file; a cue's speaker is written before its words (``Name: words``), as SRT
    files conventionally do (SRT has no voice markup)."""
    out = []
    for i, cue in enumerate(cue_list, 1):
        out.append(str(i))
        out.append(f"{_clock(cue.start, ',')} --> {_clock(cue.end, ',')}")
        lines = list(cue.lines)
        if cue.speaker and lines:
            lines[0] = f"{cue.speaker}: {lines[0]}"
        out.extend(lines)
        out.append("")
    return "\n".join(out)


def podcast_transcript(cue_list: list[Cue]) -> str:
    """Podcasting 2.0 JSON transcript (``application/json``, version 1.0.0)."""
    segments = []
    for cue in cue_list:
        seg: dict[str, object] = {
            "startTime": cue.start,
            "endTime": cue.end,
            "body": "\n".join(cue.lines),
        }
        if cue.speaker:
            seg["speaker"] = cue.speaker
        segments.append(seg)
    return json.dumps({"version": "1.0.0", "segments": segments}, ensure_ascii=False, indent=1)


def chapters(episode: Episode) -> str | None:
    """Podcasting 2.0 chapters JSON from the segments' first timestamps (None without)."""
    items = []
    for seg in episode.segments:
        start = seg.start
        if seg.title and start is not None:
            items.append({"startTime": start.seconds, "title": seg.title})
    if not items:
        return None
    return json.dumps({"version": "1.2.0", "chapters": items}, ensure_ascii=False, indent=1)


def downloads(
    episode: Episode, host: str | None, names: dict[str, str], t: Labels | None = None
) -> list[Download]:
    """Every download of an episode, plain text first; ``t`` names them (site language).
    Which files there are is known from the model; their contents are made lazily."""
    t = t or labels("zh")
    files = [
        Download("transcript.txt", t("download.txt"), "text/plain", lambda: plain_text(episode))
    ]
    if not episode.has_timestamps:
        return files

    @cache
    def cue_list() -> list[Cue]:
        return cues(episode, speakers_of(episode, host, names))

    files += [
        Download("transcript.vtt", t("download.vtt"), "text/vtt", lambda: webvtt(cue_list())),
        Download(
            "transcript.srt", t("download.srt"), "application/x-subrip", lambda: srt(cue_list())
        ),
        Download(
            "transcript.json",
            t("download.json"),
            "application/json",
            lambda: podcast_transcript(cue_list()),
        ),
    ]
    if any(seg.title and seg.start is not None for seg in episode.segments):
        files.append(
            Download(
                "chapters.json",
                t("download.chapters"),
                "application/json+chapters",
                lambda: chapters(episode) or "",
            )
        )
    return files
