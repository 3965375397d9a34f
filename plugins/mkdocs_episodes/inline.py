"""Inline link syntax, shared by transcript lines and data text (pure Python).

``[words](policy:id)``, ``actor:``, ``source:``, ``#anchor`` and ``https://`` links. Also the
two lexical rules every value obeys wherever it is written: what an id is, what a URL is.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .errors import nearest
from .model import REF_SCHEMES, Inline, Ref, Rich, Text

ID_MAX = 64
"""Longest id: ids become folder names (``actors/<id>/``), which file systems limit."""
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
ID_HINT = (
    f"ids are lower-case letters, digits and hyphens, at most {ID_MAX} characters, "
    "e.g. ai-diffusion-rule"
)
# Anchors a reader links to (#nvidia-reply): a letter first, so they can never be taken for
# the theme's own ids (Material's start with "__") or for line anchors once lower-cased.
ANCHOR_RE = re.compile(r"^[A-Za-z\u00c0-\uffff][\w\u00c0-\uffff-]{0,99}\Z")
# what an in-page link may point to: any anchor the page has (slugs of Chinese headings too)
LINK_ANCHOR_RE = re.compile(r"^[^\s\"'<>&#]+\Z")
LINK_RE = re.compile(r"(?P<esc>\\?)\[(?P<label>[^\[\]\n]+)\]\((?P<target>[^()\s]+)\)")
SCHEME_RE = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):(?P<rest>.*)\Z")
_URL_CHARS = re.compile(r"^https?://[^\s<>\"'\\]+\Z")


def is_id(value: object) -> bool:
    """True when ``value`` is a valid id."""
    return isinstance(value, str) and len(value) <= ID_MAX and ID_RE.match(value) is not None


def url_problem(url: str) -> tuple[str, str] | None:
    """Why ``url`` is not a URL the site may link to, as ``(what, hint)``, ``what`` to
    follow the address (``'…' is not an http(s) URL``); None when it is a good one.

    Only http(s) addresses with a host; a user name or password in the address is refused
    (``https://user:pw@host`` leaks credentials and can disguise the real host).
    """
    if not _URL_CHARS.match(url):
        return "is not an http(s) URL", "write the full https:// address"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return "is not a well-formed URL", "check the host and port"
    if "@" in parts.netloc:
        return "has a user name or password in it", "remove the part up to '@' from the address"
    if not parts.hostname:
        return "has no host", "write the full https:// address"
    return None


def parse_inline(text: str) -> tuple[tuple[Inline, ...], str, list[tuple[str, str]]]:
    """Split a line into literal text and links.

    Returns the parts, the words the reader sees (links reduced to labels), and a list of
    ``(problem, hint)`` for malformed references. Anything that is not a link stays text.
    """
    parts: list[Inline] = []
    problems: list[tuple[str, str]] = []
    pos = 0
    for m in LINK_RE.finditer(text):
        target, label = m.group("target"), m.group("label")
        if m.group("esc"):
            # "\[words](x)": the words as written, without the backslash; never a link
            parts.append(Text(text[pos : m.start()] + m.group(0)[1:]))
            pos = m.end()
            continue
        ref = _link(target, label, problems)
        if ref is None:
            continue
        if m.start() > pos:
            parts.append(Text(text[pos : m.start()]))
        parts.append(ref)
        pos = m.end()
    if pos < len(text):
        parts.append(Text(text[pos:]))
    merged = _merge_text(parts)
    words = "".join(p.text if isinstance(p, Text) else p.label for p in merged)
    return tuple(merged), words, problems


def rich(text: str) -> tuple[Rich, list[tuple[str, str]]]:
    """Data text parsed once into a :class:`Rich` value, and its link problems."""
    parts, words, problems = parse_inline(text)
    return Rich(text, words, parts), problems


def _merge_text(parts: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for part in parts:
        if isinstance(part, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + part.text)
        elif not (isinstance(part, Text) and not part.text):
            out.append(part)
    return out


def _link(target: str, label: str, problems: list[tuple[str, str]]) -> Ref | None:
    if target.startswith("#") and LINK_ANCHOR_RE.match(target[1:]):
        return Ref("anchor", target[1:], label)
    m = SCHEME_RE.match(target)
    if m is None:
        return None  # not a reference: the brackets are part of the words
    scheme, rest = m.group("scheme"), m.group("rest")
    if scheme in ("http", "https"):
        bad = url_problem(target)
        if bad is None:
            return Ref("url", target, label)
        problems.append((f"the address '{target}' {bad[0]}", bad[1]))
        return None
    if scheme in REF_SCHEMES:
        if not is_id(rest):
            problems.append((f"malformed {scheme} id '{rest}' in [{label}]({target})", ID_HINT))
            return None
        return Ref(scheme, rest, label)  # type: ignore[arg-type]
    guess = nearest(scheme, (*REF_SCHEMES, "https"))
    if guess is None:
        return None  # e.g. "时间:" inside ordinary words
    problems.append(
        (
            f"unknown link scheme '{scheme}:' in [{label}]({target})",
            f"did you mean '{guess}:'? Use policy:, actor:, source: or an https:// URL",
        )
    )
    return None
