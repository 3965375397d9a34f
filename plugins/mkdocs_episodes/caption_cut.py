"""A transcript line cut into caption lines, never changing a word.

A caption may break only where the site's own WebVTT can be rejoined exactly
(:func:`.captions.join_caption`): at whitespace, which the break replaces, unless it lies
between two :func:`.captions.tight` characters (CJK or fullwidth, not Hangul: the join
puts no space there), or between two tight characters with no space, which rejoin as they
were. Among those places it takes the ones a subtitler would: after a sentence or a
clause, at a space, between two Chinese words (found by jieba's dictionary, through
``rjieba``, and the site's names), not before a particle, not inside a title in 《》;
inside a Chinese word only when nothing else fits. A cue holds :data:`CAPTION_LINES`
lines, so a break that ends a cue counts twice: a reader sees a cue at a time.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .captions import hangul
from .record import is_wide

CAPTION_COLUMNS = 40
"""Columns of a caption line: about 40 Latin characters or 20 Chinese ones."""
CAPTION_LINES = 2
"""Caption lines a cue holds."""
SLACK = 10
"""How many columns (five Chinese characters) a line may be wider than the narrowest
even cut, to reach a better place to break."""

# What a break costs, by what comes before it (lower is better). A ragged line costs
# (characters off the even share) ** 2 / 6: a break after a comma three characters away
# beats one inside a word; how far a line may stray is capped by SLACK.
_AFTER_SENTENCE = 0
_AFTER_CLAUSE = 1
_AFTER_PARTICLE = 3
_AT_SPACE = 4
_BETWEEN_WORDS = 5
_BY_NUMBER = 8  # "5 / 月", "H.R. / 3447": a number belongs with its unit or name
_BEFORE_PARTICLE = 10
_INSIDE_WORD = 20
_INSIDE_TITLE = 8  # added: inside 《…》, 「…」, 『…』
_TITLE = re.compile("《[^《》]*》|「[^「」]*」|『[^『』]*』")
_SENTENCE_ENDS = frozenset("。！？!?.…")
_CLAUSE_ENDS = frozenset("，、；：,;:—）」』》〉】”’)]")
_ENDING_PARTICLES = frozenset("了着过吗呢吧啊呀哦嘛")
"""Chinese particles that end a phrase: a good place for a line to end."""
_PARTICLES = _ENDING_PARTICLES | {"的"}
"""Chinese particles: they close the words before them, so no line should start with one
(的 ends no phrase: "这样的 / 公司" splits a noun from what describes it)."""
_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.)+|e\.g\.|i\.e\.|etc\.|vs\.|Mr\.|Ms\.|Dr\.|No\.")
"""A dot that ends an abbreviation, not a sentence ("U.S.", "H.R.")."""
_HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_HAN = re.compile(f"[{_HAN_RANGES}]|.[{_HAN_RANGES}]", re.DOTALL)
"""A Chinese character first or second (of the two around a break)."""


@dataclass(frozen=True)
class Words:
    """What finds where Chinese words end: jieba's dictionary, and the site's names as
    words of their own (the dictionary alone splits "英 / 伟达")."""

    names: re.Pattern[str] | None = None

    def ends(self, text: str) -> set[int] | None:
        """Where a word of ``text`` ends (None: no Chinese to segment, or the segmenter
        did not give the words back whole)."""
        if text.isascii():
            return None
        # imported here: loading jieba's dictionary takes a quarter of a second, which a
        # build without captions to cut, and every `episodes` command, need not pay
        import rjieba

        try:
            tokens = rjieba.cut(text)
        except UnicodeError:  # a lone surrogate: not UTF-8, so not the dictionary's
            return None
        if "".join(tokens) != text:
            return None
        ends = set(itertools.accumulate(map(len, tokens)))
        if self.names is not None:
            for m in self.names.finditer(text):
                ends.difference_update(range(m.start() + 1, m.end()))
                ends.update((m.start(), m.end()))
        return ends


@functools.lru_cache(maxsize=8)  # one set of names a build; a few while `serve` runs
def _words_with(names: frozenset[str]) -> Words:
    if not names:
        return Words()
    longest_first = sorted(names, key=lambda n: (-len(n), n))
    return Words(re.compile("|".join(map(re.escape, longest_first))))


def words_with(names: Iterable[str]) -> Words:
    """:class:`Words` that know ``names``: the Chinese ones of the names the site's files
    show, which every download is already made from (see ``contract.py``)."""
    return _words_with(frozenset(n for n in names if len(n) > 1 and _HAN.search(n)))


def width(text: str) -> int:
    """Display columns of ``text``: two for each CJK or fullwidth character."""
    if text.isascii():
        return len(text)
    if len(text) == 1:  # most atoms of Chinese text: one character
        return 2 if is_wide(text) else 1
    kinds = text.translate(_KINDS)
    return len(text) + sum(kinds.count(k) for k in _WIDE_KINDS)


def atoms(words: str) -> Iterator[tuple[str, str]]:
    """``(text, gap)``: the pieces a caption may break after, each with the whitespace
    that follows it (the gap a break replaces)."""
    for text, gap, _, _ in sized(words):
        yield text, gap


# skin tones belong to the emoji before them
_NO_BREAK_BEFORE = frozenset(
    "，。、；：！？）」』》〉】”’…—,.;:!?)]\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"
)
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")
"""Spaces that say "do not break here" ("100\u00a0km")."""


class _Kinds(dict[int, str]):
    """A character's kind, for :data:`_ATOM` (worked out once a character): ``s`` space,
    ``S`` wide space, ``w`` :func:`.captions.tight`, ``p`` tight and no line starts with
    it, ``h`` Hangul (wide, spaced like Latin), ``n`` the rest."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch.isspace() and ch not in _NO_BREAK_SPACES:
            kind = "S" if is_wide(ch) else "s"
        elif hangul(ch):
            kind = "h"
        elif is_wide(ch):
            kind = "p" if ch in _NO_BREAK_BEFORE else "w"
        else:
            kind = "n"
        self[code] = kind
        return kind


_KINDS = _Kinds()
_ATOM = re.compile(r"(.(?:[nph]|(?<![wpS])w)*)([sS]*)", re.DOTALL)
"""An atom over the kinds of a line's characters: its first character, then each one up to
a space or a break between two tight characters (before one a line may start with), then
the whitespace after it. The regular expression does per character in C what a loop
would in Python: captions are cut for every line of every episode."""
_WIDE_KINDS = ("w", "p", "S", "h")


Sized = list[tuple[str, str, int, int]]
"""A line's atoms with their widths: ``(text, gap, width of text, width of gap)``."""


def sized(words: str) -> Sized:
    """The atoms of ``words`` with their widths. A space between two tight characters is
    no place to break (rejoined, the lines would lose it): its atoms are one."""
    kinds = words.translate(_KINDS)
    out: Sized = []
    glued = False  # the last atom's gap is between two tight characters
    for m in _ATOM.finditer(kinds):
        start, end, after = m.start(), m.end(1), m.end()
        wide = sum(kinds.count(k, start, end) for k in _WIDE_KINDS)
        gap_width = after - end + kinds.count("S", end, after)
        atom = (words[start:end], words[end:after], end - start + wide, gap_width)
        if glued:
            text, gap, width, before = out.pop()
            atom = (text + gap + atom[0], atom[1], width + before + atom[2], gap_width)
        glued = end < after < len(kinds) and kinds[end - 1] in "wp" and kinds[after] in "wp"
        out.append(atom)
    return out


def count(pieces: Sized, columns: int) -> int:
    """How many lines the greedy cut of :func:`greedy` makes (widths only)."""
    lines, used, gap = 0, 0, 0
    for _, _, wide, after in pieces:
        if lines and used + gap + wide > columns:
            lines, used = lines + 1, wide
        elif lines:
            used += gap + wide
        else:
            lines, used = 1, wide
        gap = after
    return max(lines, 1)


def greedy(pieces: Sized, columns: int) -> list[str]:
    """The atoms filled into lines of at most ``columns``, each line as full as it goes."""
    lines: list[str] = []
    line, gap, used, gap_width = "", "", 0, 0  # the line so far, its width, the gap after
    for text, after, wide, after_width in pieces:
        if line and used + gap_width + wide > columns:
            lines.append(line)
            line, used = text, wide
        else:
            line += gap + text
            used += gap_width + wide
        gap, gap_width = after, after_width
    if line or not lines:
        lines.append(line)
    return lines


def caption_lines(
    words: str, columns: int = CAPTION_COLUMNS, known: Words | None = None
) -> list[str]:
    """``words`` cut into lines of at most ``columns`` (a single longer word stays whole),
    breaking only at spaces (which the break replaces) or between two CJK characters.

    A line that must be cut gets as few lines as at ``columns``, none much wider than an
    even share (no word or character is left on a line of its own), and of the cuts that
    allows, the one with the best places to break (see the module's docstring), Chinese
    words as ``known`` finds them (by default jieba's dictionary alone)."""
    if width(words) <= columns and not words[-1:].isspace():
        return [words]  # most lines: :func:`greedy` would give the words back whole
    pieces = sized(words)
    fewest = count(pieces, columns)
    if fewest < 2:
        return greedy(pieces, columns)
    # the narrowest width that needs no more lines: no narrower than an even share of the
    # words, and seldom more than a character or two wider (the first width up from there
    # that does: a greedy cut needs fewer lines the wider it may be)
    narrowest = min(columns, -(-sum(a[2] for a in pieces) // fewest))
    while narrowest < columns and count(pieces, narrowest) > fewest:
        narrowest += 1
    limit = min(columns, narrowest + SLACK)
    # breaks near the even ones first; rarely (long words) further; else the even cut
    for drift in (SLACK, 4 * SLACK):
        best = _best(pieces, fewest, limit, drift, known or _PLAIN)
        if best is not None:
            return best
    return greedy(pieces, narrowest)


def _coster(pieces: Sized, known: Words) -> Callable[[int], int]:
    """What breaking after atom ``i`` costs (see the module's docstring); after the last,
    0 (the line ends there anyway). Asked only of the atoms near an even break."""
    words = "".join(text + gap for text, gap, _, _ in pieces)
    ends = known.ends(words)
    # where each atom's text and gap end in ``words``
    after = list(itertools.accumulate(len(t) + len(g) for t, g, _, _ in pieces))
    # a title or a quotation in 《》「」『』 is best read on one line
    titled = (
        [m.span() for m in _TITLE.finditer(words)]
        if "《" in words or "「" in words or "『" in words
        else []
    )

    priced = [-1] * len(pieces)
    priced[-1] = 0

    def cost(i: int) -> int:
        if priced[i] < 0:
            text, nxt = pieces[i][0], pieces[i + 1][0][0]
            # the dictionary knows Chinese words; between two other wide characters (Hangul,
            # kana) it splits every one, so no break there counts as between words
            priced[i] = _cost(
                pieces[i],
                nxt,
                ends is None or (after[i] in ends and bool(_HAN.match(text[-1] + nxt))),
            )
            at = after[i] - len(pieces[i][1])
            if any(start < at < end - 1 for start, end in titled):
                priced[i] += _INSIDE_TITLE
        return priced[i]

    return cost


def _cost(piece: tuple[str, str, int, int], nxt: str, word_ends: bool) -> int:
    """What breaking after ``piece`` costs, ``nxt`` the character after the break."""
    text, gap = piece[0], piece[1]
    last = text[-1]
    if last in _SENTENCE_ENDS and not (last == "." and _ABBREVIATION.fullmatch(text)):
        return _AFTER_SENTENCE
    if last in _CLAUSE_ENDS:
        return _AFTER_CLAUSE
    if gap:
        return _BY_NUMBER if last.isdigit() or nxt.isdigit() or last == "." else _AT_SPACE
    if not word_ends:
        return _INSIDE_WORD
    if nxt in _PARTICLES:
        return _BEFORE_PARTICLE
    return _AFTER_PARTICLE if last in _ENDING_PARTICLES else _BETWEEN_WORDS


_PLAIN = Words()


def _best(pieces: Sized, lines: int, limit: int, drift: int, known: Words) -> list[str] | None:
    """``pieces`` in exactly ``lines`` lines of at most ``limit`` columns (a single wider
    atom alone), the cut of least cost: each break's cost (twice where it ends a cue) and
    each line's distance from an even share; ties go to the earlier break. Only breaks
    within ``drift`` columns of an even cut's (and the atom either side: a long word may
    span that band) are weighed, so a long line costs no time for cuts that cannot win:
    None when no cut fits."""
    n = len(pieces)
    ends = list(itertools.accumulate((wide + gap for _, _, wide, gap in pieces), initial=0))
    share = (ends[n] - pieces[-1][3]) / lines
    cost_after = _coster(pieces, known)
    # layer: (j, the least cost of atoms 0..j-1 in k - 1 lines), j counting up;
    # back[k][i]: where line k, ending before atom i, begins in the least costly cut
    layer: list[tuple[int, float]] = [(0, 0.0)]
    back: list[dict[int, int]] = [{}]
    for k in range(1, lines + 1):
        if k == lines:  # the last line takes the rest
            ends_here: Iterable[int] = (n,)
        else:
            low = max(1, bisect.bisect_left(ends, k * share - drift) - 1)
            ends_here = range(low, min(n - 1, bisect.bisect_right(ends, k * share + drift)) + 1)
        weight = 2 if k % CAPTION_LINES == 0 else 1
        reach: list[tuple[int, float]] = []
        came: dict[int, int] = {}
        for i in ends_here:
            right = ends[i] - pieces[i - 1][3]  # where line k's words end
            least, start = float("inf"), -1
            for j, before in layer:  # a tie keeps the earlier break
                if j >= i:
                    break
                used = right - ends[j]
                if used > limit and i > j + 1:
                    continue
                off = (used - share) / 2
                if before + off * off / 6 < least:
                    least, start = before + off * off / 6, j
            if start >= 0:
                reach.append((i, least + cost_after(i - 1) * weight))
                came[i] = start
        layer = reach
        back.append(came)
    return _unwind(pieces, back) if layer else None


def _unwind(pieces: Sized, back: list[dict[int, int]]) -> list[str]:
    """The lines of the cut whose line ``k`` ending before atom ``i`` began at
    ``back[k][i]``, from the last line back."""
    out: list[str] = []
    i = len(pieces)
    for k in range(len(back) - 1, 0, -1):
        j = back[k][i]
        out.append("".join(text + gap for text, gap, _, _ in pieces[j : i - 1]) + pieces[i - 1][0])
        i = j
    return out[::-1]
