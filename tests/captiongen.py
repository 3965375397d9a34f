"""Caption files as video sites and live streams write them, generated for the tests.

- :func:`youtube_auto` mimics YouTube's automatic captions as ``yt-dlp --write-auto-subs``
  saves them: a ``Kind: captions`` / ``Language:`` header, cues with
  ``align:start position:0%``, two lines that roll (the line before, plain, then the new
  line with ``<00:00:01.234><c> word</c>`` word timings), and a 10 ms transition cue after
  each that shows the finished line again over a blank one.
- :func:`hls` cuts cues into live-stream segments, each with its own ``WEBVTT`` header and
  ``X-TIMESTAMP-MAP``, concatenated as a downloader joins them; a cue that spans a segment
  boundary is repeated in both segments, as HLS packagers do.
"""

from __future__ import annotations


def clock(seconds: float) -> str:
    """``hh:mm:ss.ttt``."""
    ms = round(seconds * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def youtube_auto(lines: list[tuple[float, str]], end: float, header: bool = True) -> str:
    """Rolling automatic captions for ``(start, words)`` lines; ``end`` is when the last
    one stops. Without ``header``, the file as someone stored it without its first lines."""
    out = ["WEBVTT", "Kind: captions", "Language: en", ""] if header else []
    starts = [s for s, _ in lines] + [end]
    previous = " "
    for k, (start, words) in enumerate(lines):
        nxt = starts[k + 1]
        stop = nxt - 0.01
        tokens = words.split(" ")
        step = (stop - start) / max(len(tokens), 1)
        tagged = tokens[0] + "".join(
            f"<{clock(start + j * step)}><c> {tok}</c>" for j, tok in enumerate(tokens[1:], 1)
        )
        out += [f"{clock(start)} --> {clock(stop)} align:start position:0%", previous, tagged, ""]
        out += [f"{clock(stop)} --> {clock(nxt)} align:start position:0%", words, " ", ""]
        previous = words
    return "\n".join(out) + "\n"


def hls(
    cues: list[tuple[float, float, str]],
    segment: float = 6.0,
    restart: bool = True,
    base_ticks: int = 900_000,
    maps: bool = True,
) -> str:
    """Concatenated HLS WebVTT segments of ``segment`` seconds for ``(start, end, text)``
    cues. With ``restart`` each segment's cue times count from its own start (a cue that
    began in the segment before starts at 0) and its ``X-TIMESTAMP-MAP`` says where that
    is (MPEG-TS 90 kHz ticks); otherwise every segment has the same map and the times run
    on. Without ``maps``, the segments have no ``X-TIMESTAMP-MAP`` line."""
    last = max(e for _, e, _ in cues)
    out = []
    k = 0
    while k * segment < last:
        lo, hi = k * segment, (k + 1) * segment
        shift = lo if restart else 0.0
        ticks = base_ticks + round(shift * 90_000)
        mapping = [f"X-TIMESTAMP-MAP=MPEGTS:{ticks},LOCAL:00:00:00.000"] if maps else []
        out += ["WEBVTT", *mapping, ""]
        for start, end, text in cues:
            if start < hi and end > lo:  # shown in this segment: a spanning cue is repeated
                local = max(start - shift, 0.0)
                out += [f"{clock(local)} --> {clock(end - shift)}", text, ""]
        k += 1
    return "\n".join(out) + "\n"
