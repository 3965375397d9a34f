"""Teach jieba (Material's Chinese segmenter) the words readers search for.

Material's search plugin cuts Chinese text with jieba when it is installed. Names from the
catalog (政策, 人物) and the editors' word list ``data/search_words.txt`` are added so a
query such as 扩散规则 or 黄仁勋 matches as one word.
"""

from __future__ import annotations

from pathlib import Path

from .model import Catalog


def words_for(catalog: Catalog, word_file: Path) -> list[str]:
    """Catalog names (zh, and short names) and the words listed in ``word_file``."""
    words: list[str] = []
    for actor in catalog.actors.values():
        words.append(actor.name.zh)
    for policy in catalog.policies.values():
        words.append(policy.name.zh)
        if policy.short:
            words.append(policy.short)
    if word_file.is_file():
        for line in word_file.read_text(encoding="utf-8-sig").splitlines():
            word = line.split("#", 1)[0].strip().split(" ")[0]
            if word:
                words.append(word)
    # only words with Chinese in them matter to jieba, and no spaces (jieba cuts on them)
    return [w for w in dict.fromkeys(words) if " " not in w and _has_cjk(w)]


def teach_jieba(words: list[str]) -> bool:
    """Add ``words`` to jieba's dictionary; False when jieba is not installed."""
    try:
        import jieba
    except ImportError:
        return False
    for word in words:
        jieba.add_word(word)
    return True


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
