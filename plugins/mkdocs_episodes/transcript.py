"""What the importer reads a transcript into, and how it reads a file (pure Python).

A file is read with a bound (never more than the limit and one byte), only when it is a
regular file, and decoded from UTF-8 or, when it starts with a byte-order mark, UTF-16 or
UTF-32. Every way this can fail is an :class:`ImportError_` with one line for the editor.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 64 * 1024 * 1024
"""The largest transcript read; a bigger file is refused, not read."""

LONGEST_STAMP = 100 * 3600
"""Times from 100 hours on cannot be stamped: ``[h:mm:ss]`` allows two hour digits."""

# byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# C0 controls and DEL (tab aside): the episode parser refuses them, no reader shows them
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ImportError_(Exception):
    """A transcript that cannot be imported; the message is one line for the editor."""


@dataclass(frozen=True)
class Cue:
    """A piece of transcript: its lines, its start and end (seconds) and its speaker when
    known."""

    lines: tuple[str, ...]
    start: float | None = None
    speaker: str | None = None
    end: float | None = None


@dataclass
class Transcript:
    """A transcript as read: its cues in order, the shape its content had, and what
    reading it noticed (one line each, for the editor)."""

    cues: list[Cue]
    shape: str
    """``webvtt``, ``srt``, ``podcast-json``, ``markdown`` or ``text``."""
    auto: bool = False
    """YouTube's automatic captions (rolling cues with ``<c>`` word timings)."""
    notes: list[str] = field(default_factory=list)
    sha256: str = ""
    """The SHA-256 of the file's bytes (lower-case hex)."""


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, at most ``limit`` (refused beyond); only regular files are read.

    The file is opened without blocking and checked before anything is read, so a pipe,
    a device such as ``/dev/zero`` or a socket is refused at once.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise ImportError_(f"{path}: is a folder, not a transcript file") from None
    except OSError as e:
        raise ImportError_(f"{path}: cannot read the file ({e.strerror})") from None
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise ImportError_(f"{path}: is a folder, not a transcript file")
        if not stat.S_ISREG(mode):
            raise ImportError_(
                f"{path}: is not a regular file (a device, pipe or socket) — save the "
                "transcript to a file and import that"
            )
        try:
            data = f.read(limit + 1)
        except OSError as e:
            raise ImportError_(f"{path}: cannot read the file ({e.strerror})") from None
    if len(data) > limit:
        raise ImportError_(
            f"{path}: the file is larger than {limit // (1024 * 1024)} MB — is it really a "
            "transcript?"
        )
    return data


def decode(data: bytes, path: Path) -> str:
    """Text from bytes: UTF-8, or UTF-16/UTF-32 when a byte-order mark says so; line
    breaks made ``\\n``. Anything else is refused with how to convert it."""
    codec, name = "utf-8", "UTF-8"
    for bom, bom_codec, bom_name in _BOMS:
        if data.startswith(bom):
            codec, name = bom_codec, bom_name
            break
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as e:
        raise ImportError_(
            f"{path}: not {name} (byte {e.start}) — save it as UTF-8, e.g. "
            f"iconv -f GB18030 -t UTF-8 {path.name} > new.txt"
        ) from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        if codec == "utf-8" and data.count(0) * 4 >= len(data):
            # a quarter of the bytes NUL: UTF-16 or UTF-32 text saved without its mark
            raise ImportError_(
                f"{path}: looks like UTF-16 or UTF-32 without a byte-order mark — save it "
                f"as UTF-8, e.g. iconv -f UTF-16LE -t UTF-8 {path.name} > new.txt"
            )
        raise ImportError_(f"{path}: not a text file (it contains NUL bytes)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    """The file as text (see :func:`read_bytes` and :func:`decode`)."""
    return decode(read_bytes(path, limit), path)
