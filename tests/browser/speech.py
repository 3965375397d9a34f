"""Real speech with known timings, for tests of the player: each line spoken by espeak-ng,
padded with silence by sox to start on a whole second, joined into one WAV file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SLOT = 4
"""Seconds each line has: line n (from 0) starts at n * SLOT."""
LINES = (
    "Hello and welcome to the show.",
    "Today we read a statement by a company.",
    "Then we hear what the agency replied.",
    "Here is what I think about it.",
    "Thank you for listening.",
)


def tools() -> None:
    """Skip without espeak-ng and sox (CI installs both: .ci/run)."""
    import os

    for tool in ("espeak-ng", "sox", "soxi"):
        if shutil.which(tool) is None:
            if os.environ.get("CI"):
                pytest.fail(f"{tool} is missing in CI (apt-get install espeak-ng sox)")
            pytest.skip(f"{tool} not installed (apt-get install espeak-ng sox)")


def duration(path: Path) -> float:
    """A sound file's length in seconds, as sox measures it."""
    out = subprocess.run(["soxi", "-D", str(path)], capture_output=True, text=True, check=True)
    return float(out.stdout)


def speak(folder: Path, lines: tuple[str, ...] = LINES) -> Path:
    """``folder/speech.wav``: each of ``lines`` spoken from ``n * SLOT`` seconds."""
    tools()
    folder.mkdir(parents=True, exist_ok=True)
    parts = []
    for n, words in enumerate(lines):
        raw, part = folder / f"raw{n}.wav", folder / f"part{n}.wav"
        subprocess.run(["espeak-ng", "-v", "en", "-w", str(raw), words], check=True)
        assert duration(raw) < SLOT - 0.5, words  # the words fit their slot
        subprocess.run(
            ["sox", str(raw), str(part), "pad", "0", str(SLOT), "trim", "0", str(SLOT)],
            check=True,
        )
        parts.append(str(part))
    out = folder / "speech.wav"
    subprocess.run(["sox", *parts, str(out)], check=True)
    assert abs(duration(out) - SLOT * len(lines)) < 0.01
    return out
