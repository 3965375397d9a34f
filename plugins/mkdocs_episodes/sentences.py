"""Long transcript lines split at sentence ends (``--split-sentences``), pure Python.

A line is cut after the punctuation that ends a sentence — Chinese ``。！？`` always,
``!?…`` before a space or a CJK character, ``.`` before a space and a word that starts a
sentence (not after ``Dr.`` or ``e.g.``) — with the closing quotes and brackets that follow
it. Not one character other than the whitespace at a cut is changed, dropped or moved:
that whitespace becomes the line break.
"""

from __future__ import annotations

import re

from .captions import wide

CJK_ENDS = frozenset("。！？｡")
ENDS = frozenset("。！？｡!?.…")
CLOSERS = frozenset("\"'”’」』）)]】》〉›»")
ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "inc"}
    | {"ltd", "co", "no", "fig", "approx", "dept", "est"}
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def split_sentences(line: str) -> list[str]:
    """The sentences of ``line``, in order; joined with the whitespace between them they
    give ``line`` back exactly. A line of one sentence is returned whole."""
    pieces = []
    begin = 0
    i = 0
    n = len(line)
    while i < n:
        if line[i] not in ENDS:
            i += 1
            continue
        j = i + 1
        while j < n and (line[j] in ENDS or line[j] in CLOSERS):
            j += 1
        run = line[i:j]
        k = j
        while k < n and line[k].isspace():
            k += 1
        if k < n and k > begin and _ends_here(line, i, j, k, run):
            pieces.append(line[begin:j].rstrip())
            begin = k
        i = max(j, i + 1)
    pieces.append(line[begin:].strip() if pieces else line)
    return [p for p in pieces if p]


def _ends_here(line: str, i: int, j: int, k: int, run: str) -> bool:
    """Whether the punctuation ``run`` (``line[i:j]``) ends a sentence, the next one
    starting at ``k``."""
    spaced = k > j
    if not spaced and run[-1] in CLOSERS:
        return False  # “你好！”他说: the quote is part of the sentence that goes on
    if any(ch in CJK_ENDS for ch in run):
        return True
    if not spaced and not wide(line[k]):
        return False  # "3.5", "U.S.A", "?!x": inside a word
    if set(run) <= {".", *CLOSERS} and "." in run and run.count(".") == 1:
        # a single full stop: not after an abbreviation or an initial, and the next word
        # does not go on in lower case ("e.g. this")
        word = _WORD_BEFORE.search(line[:i])
        if word is not None:
            w = word.group(1).lower().rstrip(".")
            if w in ABBREVIATIONS or len(w) == 1:
                return False
        return not line[k].islower()
    return True
