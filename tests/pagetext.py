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
        self.in_words = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if self.current is not None:
            self.stack.append(tag)
            if "ep-w" in (a.get("class") or "").split():
                self.in_words = len(self.stack)
            return
        ident = a.get("id") or ""
        if ident.startswith("L") and ident[1:].isdigit():
            self.current, self.stack, self.text = int(ident[1:]), [tag], []

    def handle_endtag(self, tag: str) -> None:
        if self.current is None:
            return
        if self.in_words == len(self.stack):
            self.in_words = 0
        self.stack.pop()
        if not self.stack:
            self.lines.append((self.current, "".join(self.text)))
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None and self.in_words:
            self.text.append(data)


def transcript_lines(html: str) -> list[tuple[int, str]]:
    """``(n, words)`` of every ``id="L<n>"`` element, in document order."""
    parser = _Lines()
    parser.feed(html)
    return parser.lines


def element_ids(html: str) -> list[str]:
    """Every ``id`` attribute in the page, in order."""
    parser = _Lines()
    parser.feed(html)
    return parser.ids
