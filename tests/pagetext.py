"""Read built pages back: transcript lines by their L<n> element, and elements by attribute."""

from __future__ import annotations

from html.parser import HTMLParser


class _Lines(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str]] = []
        self.ids: list[str] = []
        self.stack: list[str] = []  # tag names inside the current line element
        self.current: int | None = None
        self.anchor = ""
        self.anchors: list[tuple[str, str]] = []
        self.in_stamp = 0
        self.had_stamp = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if self.current is not None:
            self.stack.append(tag)
            if "ep-ts" in (a.get("class") or "").split():
                self.in_stamp = len(self.stack)
                self.had_stamp = True
            return
        ident = a.get("id") or ""
        whole, _, part = ident[1:].partition(".")
        if ident.startswith("L") and whole.isdigit() and (not part or part.isdigit()):
            self.current, self.stack, self.text = int(whole), [tag], []
            self.anchor = ident
            self.had_stamp = False

    def handle_endtag(self, tag: str) -> None:
        if self.current is None:
            return
        if self.in_stamp == len(self.stack):
            self.in_stamp = 0
        self.stack.pop()
        if not self.stack:
            words = "".join(self.text)
            # the time label is followed by one space before the words
            words = words[1:] if self.had_stamp else words
            self.anchors.append((self.anchor, words))
            if self.anchor[1:].isdigit():
                self.lines.append((self.current, words))
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None and not self.in_stamp:
            self.text.append(data)


def transcript_lines(html: str) -> list[tuple[int, str]]:
    """``(n, words)`` of every ``id="L<n>"`` element, in document order (time label left
    out)."""
    parser = _Lines()
    parser.feed(html)
    return parser.lines


def transcript_anchors(html: str) -> list[tuple[str, str]]:
    """``(anchor, words)`` of every transcript line, a split line's parts (``L57.2``) too."""
    parser = _Lines()
    parser.feed(html)
    return parser.anchors


def element_ids(html: str) -> list[str]:
    """Every ``id`` attribute in the page, in order."""
    parser = _Lines()
    parser.feed(html)
    return parser.ids
