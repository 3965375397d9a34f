"""Language tags: which are valid (the IANA registry, through ``langcodes``), and the tag
an author probably meant by a name or a malformed tag (``english`` -> ``en``)."""

from __future__ import annotations

import locale
import re
from functools import cache

import langcodes

_WELL_FORMED = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*\Z")

# Names Python's locale table does not know (it knows "english", "german", "japanese"…)
_NAMES = {
    "chinese": "zh",
    "mandarin": "zh",
    "中文": "zh",
    "汉语": "zh",
    "普通话": "zh",
    "简体中文": "zh-Hans",
    "繁體中文": "zh-Hant",
    "繁体中文": "zh-Hant",
    "cantonese": "yue",
    "粤语": "yue",
    "英文": "en",
    "英语": "en",
    "hindi": "hi",
}


@cache
def language_tag_valid(tag: str) -> bool:
    """Whether ``tag`` is a valid BCP 47 language tag (``en``, ``zh-Hant``, ``pt-BR``)."""
    if not _WELL_FORMED.match(tag):  # langcodes also accepts "zh_CN"; HTML's lang does not
        return False
    try:
        return bool(langcodes.tag_is_valid(tag))
    except ValueError:
        return False


def language_guess(text: str) -> str | None:
    """The valid tag ``text`` most likely means (``zh_CN``, a language's name), or None."""
    try:
        tag = str(langcodes.standardize_tag(text.replace("_", "-")))
    except ValueError:
        tag = ""
    if tag and tag != text and language_tag_valid(tag):
        return tag
    key = text.strip().casefold()
    if key in _NAMES:
        return _NAMES[key]
    alias = locale.locale_alias.get(key.replace(" ", ""))
    return alias.split(".")[0].split("_")[0] if alias else None
