"""Search with Pagefind: a lean copy of each page for the index, and the index's lifecycle.

Pagefind (``pagefind[extended]``: a native binary inside a wheel, driven through its
Python API) writes ``site/pagefind/``: an entry file, index chunks that a reader's browser
loads by the first letters of the words it looks up, and one fragment per page, loaded
only for the results it shows. What a search downloads grows with the query, not with the
archive (Material's search downloads the whole archive's ``search_index.json`` first).

The index is not made from the pages as published but from a lean copy of each
(:func:`lean_document`): the title, the headings with their ids, the transcript's words
with an empty anchor where each line starts (``<a id="L57"></a>``) and where each block
starts (its id), and nothing else (labels, buttons, the reading guide, navigation). The
browser script finds the line of a hit from those anchors (each carries the place of the
word it precedes) and links ``#L57``; the published page needs no Pagefind markup.

Chinese. Pagefind's segmenter (extended build) cuts Chinese with its own dictionary, which
cannot be taught words, while the browser cuts the reader's query with another one
(``Intl.Segmenter``): the two disagree on names (英伟达 is indexed as 英 + 伟达 and looked up
as 英伟 + 达: no result). So the lean copy splits Chinese into single characters (U+200B
between them, which Pagefind treats as a word boundary and drops from excerpts), the
browser script looks a query up as characters and keeps the pages where they follow one
another (Pagefind's phrase search): any run of characters is found, as with the browser's
find-in-page, and no word list has to be taught.

The lifecycle (:class:`PagefindSearch`): each page rendered in a build hands its lean copy
(kept in the plugin's cache, by a digest of the copy); at the end of the build the lean
copies of every page of the site, in site order (those of pages a ``--dirty`` build did not
render come from the last build), are written to a temporary folder, indexed, and the
new bundle replaces ``site/pagefind/`` in one rename. The same copies give the same bundle,
byte for byte; a bundle made from the same copies before is taken from the cache.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import gzip
import os
import re
import shutil
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

from .cache import Cache, digest
from .model import Block, Item, Line, Note, Position

ZWSP = "\u200b"
"""What separates the characters of Chinese text in the lean copy (a word boundary to
Pagefind, removed from the excerpts it shows)."""

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff"
_SPLIT = re.compile(rf"(?<=[{_HAN}])(?=\S)|(?<=\S)(?=[{_HAN}])")
_TAG = re.compile(r"(<[^>]*>)")

BUNDLE = "pagefind"
"""The bundle's folder in the site (``site/pagefind/``)."""

LIST_WEIGHT = "0.3"
"""Pagefind weight of the text of generated list pages (policies, actors, the home page):
they repeat what the episodes say, so an episode or a position ranks above them."""


def split_han(text: str) -> str:
    """``text`` with a U+200B before and after each Chinese character (not next to spaces):
    ``"AI芯片"`` -> ``"AI\\u200b芯\\u200b片"``."""
    return _SPLIT.sub(ZWSP, text)


def split_han_html(html: str) -> str:
    """:func:`split_han` on the text of ``html``, not on its tags."""
    parts = _TAG.split(html)
    return "".join(p if i % 2 else split_han(p) for i, p in enumerate(parts))


def _words(lines: Iterable[Line]) -> str:
    """Lines of one paragraph: an empty anchor before each transcript line's words (note
    lines, number 0, have none), lines joined by a newline (a space to Pagefind)."""
    out = []
    for line in lines:
        anchor = f'<a id="{line.anchor}"></a>' if line.number else ""
        out.append(anchor + str(escape(line.words)))
    return "\n".join(out)


def lean_items(
    items: list[Item], label: Callable[[Block], str], quoted: Callable[[Position], str]
) -> str:
    """The lean copy of some items of an episode: paragraphs of lines with their anchors;
    each block opens with an anchor of its id and its ``label`` (立场（Anthropic） · 主持人转述
    · 未与来源逐一核对, 观点); a position's quote (``quoted``: with what it is) follows its
    lines, after a second anchor of the block's id (a hit in the quote links the block)."""
    out = []
    for item in items:
        if isinstance(item, tuple):
            out.append(f"<p>{_words(item)}</p>")
        elif isinstance(item, Block):
            head = escape(label(item))
            body = "".join(f"<p>{_words(p)}</p>" for p in item.paragraphs)
            anchor = escape(item.anchor)
            quote = ""
            if isinstance(item, Position) and item.quote:
                quote = f'<p><a id="{anchor}"></a>{escape(quoted(item))}</p>'
            kind = "note" if isinstance(item, Note) else item.kind
            opening = f'<div data-kind="{escape(kind)}"><p><a id="{anchor}">{head}</a></p>'
            out.append(f"{opening}{body}{quote}</div>")
    return "".join(out)


def lean_document(title: str, body: str, language: str, *, weight: str | None = None) -> str:
    """A page's lean copy as Pagefind indexes it: ``<h1>`` title, then ``body`` (HTML; a
    ``weight`` below 1 ranks its words below an episode's), Chinese split into characters."""
    if weight is not None:
        body = f'<div data-pagefind-weight="{weight}">{body}</div>'
    html = (
        f'<!doctype html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body><h1>{escape(title)}</h1>{body}</body></html>\n"
    )
    return split_han_html(html)


_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def strip_headerlinks(html: str) -> str:
    """Page HTML without the ``¶`` permalinks MkDocs adds to headings."""
    return _HEADERLINK.sub("", html)


def bundle_key(pages: list[tuple[str, str]], language: str, version: str) -> str:
    """What a bundle is made from: each page's URL and lean-copy digest, in site order,
    the index language and Pagefind's version."""
    return digest("pagefind-bundle", language, version, *(f"{u}\0{k}" for u, k in pages))


def pagefind_version() -> str:
    """The installed Pagefind binary's package version ("-" when it is not installed)."""
    import importlib.metadata

    for dist in ("pagefind-bin-extended", "pagefind-bin"):
        try:
            return f"{dist}={importlib.metadata.version(dist)}"
        except importlib.metadata.PackageNotFoundError:
            continue
    return "-"


SEGMENTED = frozenset({"zh", "ja"})
"""Languages written without spaces, which only Pagefind's extended binary cuts into words
(with the standard one a Chinese sentence is one word: searching 走私 finds nothing)."""


def segmenter_missing(language: str) -> bool:
    """Whether pages in ``language`` would be indexed without the segmenter they need."""
    return language in SEGMENTED and not pagefind_version().startswith("pagefind-bin-extended")


class _Written(Exception):
    """Raised in the index's context once its files are on disk and whole: leaving the
    context cleanly would write them a second time and then stop Pagefind's binary, which
    may still be writing (a file cut at 64 KiB was seen on a loaded machine)."""


async def _index(source: Path, output: Path, language: str) -> int:
    """Index the lean copies under ``source`` into ``output`` (Pagefind's Python API: one
    request for the folder; one request a file costs a tenth of a second each in its
    client)."""
    from pagefind.index import IndexConfig, PagefindIndex

    config: IndexConfig = {
        "force_language": language,
        "output_path": str(output),
    }
    count = 0
    try:
        async with PagefindIndex(config) as index:
            result = await index.add_directory(str(source))
            count = int(result["page_count"])
            await index.write_files()
            await _settled(output)
            raise _Written
    except _Written:
        pass
    return count


async def _settled(folder: Path, seconds: float = 30) -> None:
    """Wait (at most ``seconds``) until the files under ``folder`` keep their sizes for a
    tenth of a second and every compressed one is whole."""
    last: dict[str, int] | None = None
    for _ in range(int(seconds * 10)):
        sizes = {p.as_posix(): p.stat().st_size for p in folder.rglob("*") if p.is_file()}
        if sizes == last and not cut_files(read_tree(folder)):
            return
        last = sizes
        await asyncio.sleep(0.1)


def cut_files(files: dict[str, bytes]) -> list[str]:
    """The files of a bundle that are not whole: a compressed file (Pagefind gzips its
    index, fragments and wasm) whose stream ends early."""
    cut = []
    for rel, data in files.items():
        if data[:2] == b"\x1f\x8b":
            try:
                gzip.decompress(data)
            except (EOFError, OSError, zlib.error):
                cut.append(rel)
    return cut


def run_index(source: Path, output: Path, language: str) -> int:
    """:func:`_index` from synchronous code: in a thread of its own with its own event
    loop (a MkDocs hook may run where a loop is already running, e.g. under a server)."""
    with concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="pagefind") as pool:
        return pool.submit(asyncio.run, _index(source, output, language)).result()


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its relative path (``/``-separated)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write_tree(files: dict[str, bytes], folder: Path) -> None:
    for rel, data in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def replace_folder(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``: the old folder is renamed away first, then removed, so a
    reader (or ``mkdocs serve``) sees the old bundle or the new one, never half of one."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")
"""Files of Pagefind's own search interfaces, which the site does not use (removed)."""

UPDATING = "updating.json"
"""A file of every bundle saying whether a newer one is being made (``serve``, large
archives): the search box then says its results may be out of date, and looks again."""
NOT_UPDATING = b'{"updating": false}\n'
STILL_UPDATING = b'{"updating": true}\n'


BACKGROUND_PAGES = 200
"""Under ``serve``, an index of more pages than this is made after the build, in the
background (the preview reloads at once; its search is marked as updating until then)."""


@dataclass
class Finished:
    """What :meth:`PagefindSearch.finish` did."""

    pages: int
    seconds: float
    how: str
    """``cache`` (the same bundle as before), ``made``, or ``background`` (being made)."""


def make_bundle(pages: Iterable[tuple[str, str]], work: Path, language: str) -> dict[str, bytes]:
    """Index ``pages`` (site URL, lean copy; site order) in the folder ``work``; the bundle's
    files by relative path (without Pagefind's unused interfaces)."""
    source = work / "pages"
    source.mkdir(parents=True, exist_ok=True)
    for url, lean in pages:
        path = source / url_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(lean, "utf-8")
    for attempt in range(3):
        bundle = work / f"bundle-{attempt}"
        run_index(source, bundle, language)
        files = read_tree(bundle)
        if not cut_files(files):
            break
    else:
        raise RuntimeError(
            f"Pagefind wrote an incomplete search index three times ({cut_files(files)[:3]}): "
            "please report this"
        )
    kept = {rel: data for rel, data in files.items() if not rel.startswith(UNUSED)}
    return {**kept, UPDATING: NOT_UPDATING}


def install(files: dict[str, bytes], site_dir: Path, extra: dict[str, bytes] | None = None) -> None:
    """Write ``files`` as ``site_dir/pagefind/``, replacing the bundle there in one rename."""
    site_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site_dir) as tmp:
        bundle = Path(tmp) / "bundle"
        write_tree({**files, **(extra or {})}, bundle)
        bundle.mkdir(exist_ok=True)
        replace_folder(bundle, site_dir / BUNDLE)


@dataclass
class LeanCopies:
    """The pages of an index, in site order: their URLs with the digest of each lean copy,
    the copies read as they are iterated."""

    keys: list[tuple[str, str]]
    read: Callable[[str], str]

    def __len__(self) -> int:
        return len(self.keys)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return ((url, self.read(key)) for url, key in self.keys)


@dataclass
class PagefindSearch:
    """The Pagefind index of one site, across the builds of a ``mkdocs serve``."""

    cache: Cache
    language: str
    salt: str
    copies: dict[str, str] = field(default_factory=dict)
    """Lean copies by digest, kept in memory between the builds of ``serve`` (also when
    the on-disk cache is off)."""
    hold: bool = True
    """Keep every lean copy in memory (``serve``, or no cache); else a copy the cache holds
    is read back when the index is made, so a build does not hold the archive's text."""
    keys: dict[str, str] = field(default_factory=dict)
    """The digest of each page's lean copy handed in this build, by URL."""
    installed: tuple[str, dict[str, bytes]] | None = None
    """The last bundle written (its key and files), kept under ``serve``."""
    worker: threading.Thread | None = None

    def start(self) -> None:
        """A new build: forget which pages were handed in (not their copies)."""
        self.keys = {}

    def add(self, url: str, lean: str) -> None:
        """Hand in the lean copy of the page at ``url`` (a build that renders it)."""
        key = digest(self.salt, url, lean)
        self.keys[url] = key
        if key not in self.copies:
            copy = self.cache.put("pagefind", key, lean)
            if self.hold or not self.cache.has("pagefind", key):
                self.copies[key] = copy

    def has(self, key: str) -> bool:
        """Whether the lean copy ``key`` is at hand (in memory, or read and checked from
        the cache now)."""
        return self._copy(key) is not None

    def _copy(self, key: str, count: bool = True) -> str | None:
        lean = self.copies.get(key)
        if lean is None:
            cached = self.cache.get("pagefind", key, count=count)
            if isinstance(cached, str):
                lean = cached
                if self.hold:
                    self.copies[key] = cached
        return lean

    def _read(self, key: str) -> str:
        # a copy handed in or checked earlier in this build: not a cache hit
        lean = self._copy(key, count=False)
        if lean is None:
            raise self.cache.lost("a page's search copy")
        return lean

    def finish(
        self, site_dir: Path, urls: list[str], last: dict[str, str], serve: bool = False
    ) -> Finished:
        """Write ``site_dir/pagefind/`` from the lean copy of every page in ``urls`` (site
        order): this build's, else the last build's (``last``: digests by URL). Pages
        with neither are left out; ``self.keys`` then holds the digest of every page
        indexed (what the next ``--dirty`` build starts from).

        A bundle made from the same copies before is reused (the cache; under ``serve``
        the last one in memory). Under ``serve`` a bundle made now is not kept in the
        cache (each save would add one), and one of more than :data:`BACKGROUND_PAGES`
        pages is made in a thread: until it is in place the last bundle stays, marked
        with :data:`UPDATING`."""
        start = time.perf_counter()
        if self.worker is not None:  # one index at a time: the last save's first
            self.worker.join()
            self.worker = None
        keys = self._indexed(urls, last)
        # read one at a time while they are written for Pagefind
        pages = LeanCopies(keys, self._read)
        bkey = bundle_key(keys, self.language, pagefind_version())
        files: dict[str, bytes] | None = None
        if self.installed is not None and self.installed[0] == bkey:
            files = self.installed[1]
        else:
            cached = self.cache.get("pagefind-bundle", bkey)
            files = cached if isinstance(cached, dict) else None
        if files is not None:
            install(files, site_dir)
            self.installed = (bkey, files) if serve else None
            return Finished(len(pages), time.perf_counter() - start, "cache")
        if serve and len(pages) > BACKGROUND_PAGES and self.installed is not None:
            install(self.installed[1], site_dir, {UPDATING: STILL_UPDATING})
            self.worker = threading.Thread(
                target=self._make, args=(bkey, pages, site_dir, serve), name="pagefind"
            )
            self.worker.start()
            return Finished(len(pages), time.perf_counter() - start, "background")
        self._make(bkey, pages, site_dir, serve)
        return Finished(len(pages), time.perf_counter() - start, "made")

    def _indexed(self, urls: list[str], last: dict[str, str]) -> list[tuple[str, str]]:
        """The pages the index holds, in site order, with the digest of each lean copy:
        this build's, else the last build's (a page with neither is left out)."""
        added = dict(self.keys)
        keys: list[tuple[str, str]] = []
        for url in urls:
            key = added.get(url) or last.get(url)
            if not key:
                continue
            # a copy handed in now is in memory or the cache; a last build's is checked
            ours = url in added and (key in self.copies or self.cache.has("pagefind", key))
            if ours or self._copy(key) is not None:
                keys.append((url, key))
                self.keys[url] = key
        return keys

    def _make(self, bkey: str, pages: LeanCopies, site_dir: Path, serve: bool) -> None:
        site_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".pagefind-work-", dir=site_dir) as tmp:
            files = make_bundle(pages, Path(tmp), self.language)
        install(files, site_dir)
        if serve:
            self.installed = (bkey, files)
        else:
            self.cache.put("pagefind-bundle", bkey, files, keep=False)


def url_path(url: str) -> str:
    """Where the lean copy of the page at site URL ``url`` is written for indexing
    (Pagefind gives a result the URL of its file: ``a/b/index.html`` -> ``/a/b/``)."""
    if url == "" or url.endswith("/"):
        return url + "index.html"
    return url


__all__ = [
    "BUNDLE",
    "LIST_WEIGHT",
    "UPDATING",
    "ZWSP",
    "Finished",
    "PagefindSearch",
    "bundle_key",
    "lean_document",
    "lean_items",
    "run_index",
    "split_han",
    "split_han_html",
    "strip_headerlinks",
    "url_path",
]
