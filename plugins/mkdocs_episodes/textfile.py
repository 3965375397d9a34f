"""Reading an author's file as text: UTF-8 or a clear problem, lines counted as authors do."""

from __future__ import annotations

from .errors import Problem


def line_of(raw: bytes | str, offset: int) -> int:
    """The 1-based line of ``offset``, counting ``\\n``, ``\\r\\n`` and ``\\r`` as breaks."""
    head = raw[:offset]
    if isinstance(head, bytes):
        return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


def decode(raw: bytes, path: str) -> tuple[str | None, Problem | None]:
    """The file's text (a UTF-8 BOM dropped), or None and the problem that stops it."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        return None, Problem(
            path,
            line_of(raw, e.start),
            f"the file is not UTF-8 text (byte {raw[e.start]:#04x})",
            "save it as UTF-8, e.g. iconv -f GB18030 -t UTF-8; it is left out until then",
        )
