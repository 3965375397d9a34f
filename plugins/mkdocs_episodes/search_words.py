"""Teach jieba (Material's Chinese segmenter) the words readers search for.

Material's search plugin cuts Chinese text with jieba when it is installed. Names from the
catalog (政策, 人物) and the editors' word list ``data/search_words.txt`` are added so a
query such as 扩散规则 or 黄仁勋 matches as one word.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import Problem
from .model import Catalog
from .textfile import decode


def read_search_words(word_file: Path, rel: str = "data") -> tuple[list[str], list[Problem]]:
    """The words listed in ``word_file`` (one a line, ``#`` comments), and any problem
    reading it (not UTF-8, unreadable)."""
    path = f"{rel}/{word_file.name}"
    try:
        raw = word_file.read_bytes()
    except FileNotFoundError:
        return [], []
    except OSError as e:
        return [], [Problem(path, 1, f"cannot read the file ({e.strerror})", "check it")]
    text, problem = decode(raw, path)
    if text is None:
        return [], [problem] if problem else []
    words = []
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip().split(" ")[0]
        if word:
            words.append(word)
    return words, []


def words_for(catalog: Catalog, extra: list[str]) -> list[str]:
    """Catalog names (zh, and short names) and the editors' ``extra`` words."""
    words: list[str] = []
    for actor in catalog.actors.values():
        words.append(actor.name.get("zh"))
    for policy in catalog.policies.values():
        words.append(policy.name.get("zh"))
        if policy.short:
            words.append(policy.short.get("zh"))
    words += extra
    # only words with Chinese in them matter to jieba, and no spaces (jieba cuts on them)
    return [w for w in dict.fromkeys(words) if " " not in w and _has_cjk(w)]


def _jieba() -> Any:
    """The jieba module, or None when it is not installed (it is optional: Material
    segments Chinese with it when it is there)."""
    try:
        import jieba  # type: ignore[import-untyped]
    except ImportError:
        return None
    return jieba


def teach_jieba(words: list[str]) -> bool:
    """Add ``words`` to jieba's dictionary; False when jieba is not installed."""
    jieba = _jieba()
    if jieba is None:
        return False
    for word in words:
        jieba.add_word(word)
    return True


def load_jieba() -> None:
    """Load jieba's dictionary now, if jieba is installed (else nothing)."""
    jieba = _jieba()
    if jieba is not None:
        jieba.initialize()


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
