"""Render an episode (and generated pages) through the theme's Jinja templates.

The episode becomes Markdown headings (so the table of contents and search see the
segments) interleaved with slots; each slot is filled with HTML rendered from the model.
Templates live in the theme's ``custom_dir`` (``partials/episodes/``) and are rendered in an
autoescaping overlay of the theme's environment, so every data value is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import jinja2
from markupsafe import escape

from . import present as present_rows
from .blocks import present_block
from .episode_page import EpisodePage
from .fragments import told_by
from .model import (
    Block,
    Code,
    Commentary,
    Item,
    Position,
    Subheading,
)
from .pagefind_search import lean_items
from .present import commentary_who
from .standing import notices
from .view import View

SLOT = '<div class="ep-slot" data-ep-slot="{n}"></div>'
_SLOT_RE = re.compile(re.escape(SLOT).replace(r"\{n\}", "([0-9]+)"))


def make_env(theme_env: jinja2.Environment) -> jinja2.Environment:
    """An autoescaping overlay of the theme's environment (same loader, so overrides work)."""
    return theme_env.overlay(autoescape=True)


@dataclass
class Pieces:
    """A page in pieces: Markdown (headings, for the TOC) with slots, the full HTML of each
    slot, and a lean text version of each slot for the search index (``search``: text for
    Material's search; ``index``: with line and block anchors, for Pagefind's)."""

    markdown: str
    html: list[str]
    search: list[str]
    index: list[str] = field(default_factory=list)


def search_text(items: list[Item], view: View, page: EpisodePage) -> str:
    """What the search index should see of some items: their words, with the marking each
    is under as a short prefix (:func:`search_label`), and nothing else (no buttons or
    line numbers)."""
    out = []
    for item in items:
        if isinstance(item, tuple):
            out.append(f"<p>{_text(line.words for line in item)}</p>")
        elif isinstance(item, Block):
            words = _text(line.words for line in item.lines)
            label = _text([search_label(item, view, page)])
            quote = ""
            if isinstance(item, Position) and item.quote:
                quote = f"\n{_text([view.quoted(item)])}"
            out.append(f"<p>{label}{view.t('colon')}{words}{quote}</p>")
    return "".join(out)


def search_label(block: Block, view: View, page: EpisodePage) -> str:
    """A block named in search (both engines) as its head names it on the page: a
    position with whose account it is and how it compares with the source, commentary
    with whose it is, a note as the editors'."""
    if isinstance(block, Position):
        return view.position_label(block, told_by(view, block, page.entry))
    label = view.kind_label(block.kind)
    if isinstance(block, Commentary):  # whose commentary, as the page says
        label += view.t("bracket", text=commentary_who(block, view, page)[0])
    return label


def _text(lines: Iterable[str]) -> str:
    # str(): Markup + str would escape the str side, so keep plain strings here
    return str(escape("\n".join(lines)))


def episode_pieces(
    env: jinja2.Environment,
    page: EpisodePage,
    view: View,
    downloads: list[tuple[str, str, str]] | None = None,
    index: bool = False,
) -> Pieces:
    """Render an episode's page into :class:`Pieces`.

    ``downloads`` are ``(label, relative href, media type)`` of the transcript files;
    ``index``: also the lean copy of each slot for Pagefind (``Pieces.index``)."""
    ep = page.entry.episode
    templates: dict[str, jinja2.Template] = {}
    md: list[str] = []
    html: list[str] = []
    search: list[str] = []
    lean: list[str] = []

    def label(block: Block) -> str:
        return search_label(block, view, page)

    def slot(items: list[Item], prefix: str = "") -> None:
        if not items and not prefix:
            return
        body = "".join(_item(env, templates, item, view, page) for item in items)
        md.append(SLOT.format(n=len(html)))
        html.append(prefix + body)
        lead = _lead(page, view) if prefix else ""
        search.append(lead + search_text(items, view, page))
        if index:
            lean.append(lead + lean_items(items, label, view.quoted))

    view_head = _head(env, page, view, downloads)
    # headings are the episode's words: marked with its language where it is not the site's
    lang = f' lang="{page.content_lang}"' if page.content_lang else ""
    for n, seg in enumerate(ep.segments):
        if seg.title is not None:
            md.append(f"## {heading_text(seg.title)} {{#{seg.anchor}{lang}}}")
        run: list[Item] = []
        prefix = view_head if n == 0 else ""
        for item in seg.items:
            if isinstance(item, Subheading):
                slot(run, prefix)
                prefix, run = "", []
                heading = f"{heading_text(item.title)} {{#{item.anchor}{lang}}}"
                md.append(f"{'#' * item.level} {heading}")
            else:
                run.append(item)
        slot(run, prefix)
    if ep.meta.corrections:
        md.append(f"## {heading_text(view.t('corrections.title'))} {{#corrections}}")
        md.append(SLOT.format(n=len(html)))
        html.append(_corrections(env, page, view))
        search.append("")
        lean.append("")
    return Pieces("\n\n".join(md) + "\n", html, search, lean)


def _lead(page: EpisodePage, view: View) -> str:
    """What search sees first of an episode: its notices (not annotated, unreviewed
    automatic captions: a reader who finds a line by search is told too), its summary."""
    ep = page.entry.episode
    texts = [n.text for n in notices(view.t, ep.standing)]
    if ep.meta.summary:
        texts.append(ep.meta.summary)
    return "".join(f"<p>{_text([x])}</p>" for x in texts)


def _head(
    env: jinja2.Environment,
    page: EpisodePage,
    view: View,
    downloads: list[tuple[str, str, str]] | None,
) -> str:
    """The head of an episode's page (``partials/episodes/episode-head.html``): show,
    hosts and guests, who said what, the downloads."""
    entry = page.entry
    ep = entry.episode
    head = env.get_template("partials/episodes/episode-head.html")
    return head.render(
        ep=view,
        page=page,
        episode=ep,
        entry=entry,
        positions=ep.positions,
        who_said=present_rows.who_said(view, page, ep.positions),
        hosts=page.people("host", "co-host"),
        guests=page.people("guest"),
        show=view.catalog.shows.get(ep.meta.show),
        downloads=downloads or [],
        notices=notices(view.t, ep.standing),
    )


def _corrections(env: jinja2.Environment, page: EpisodePage, view: View) -> str:
    """The corrections at the foot of an episode's page."""
    foot = env.get_template("partials/episodes/corrections.html")
    return foot.render(corrections=page.entry.episode.meta.corrections, ep=view)


def _item(
    env: jinja2.Environment,
    templates: dict[str, jinja2.Template],
    item: Item,
    view: View,
    page: EpisodePage,
) -> str:
    """One item of a segment: a paragraph of transcript lines, code, or a block drawn by
    ``partials/episodes/blocks/<kind>.html`` with its presenter ``v`` (one template call
    per block)."""
    if isinstance(item, tuple):
        return f"{page.paragraph(view, item)}\n"
    if isinstance(item, Block):
        if item.kind not in templates:  # looked up once a page: the lookup stats the file
            templates[item.kind] = env.get_template(f"partials/episodes/blocks/{item.kind}.html")
        v = present_block(item, view, page)
        episode = page.entry.episode
        return templates[item.kind].render(b=item, v=v, ep=view, page=page, episode=episode) + "\n"
    if isinstance(item, Code):
        return f'<pre class="ep-code"><code>{escape(item.text)}</code></pre>\n'
    return ""  # subheadings are Markdown headings, made by the caller


def heading_text(title: str) -> str:
    """A title as the text of a Markdown heading (headings go through Markdown, for the
    table of contents): what Markdown or HTML would read as markup is escaped."""
    return "".join("\\" + c if c in "\\`*_{}[]<>()#+!|" else c for c in title).replace("&", "&amp;")


def fill_slots(html: str, chunks: list[str]) -> str:
    """Replace the slot placeholders in rendered page HTML with their chunks (the first
    placeholder of each number; in one pass, so a page of many slots stays linear)."""
    left = set(range(len(chunks)))

    def fill(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if n in left:
            left.discard(n)
            return chunks[n]
        return m.group(0)

    return _SLOT_RE.sub(fill, html)
