"""Pages other plugins own: the episodes plugin neither checks them nor leaves them out
(Material's blog keeps its index and posts, the tags plugin its listing pages).

Each plugin is one declaration (:data:`OWNERS`): the names it is listed under in
``mkdocs.yml`` and what it owns given its options, as files, folders, or a marker in a
page's text. The plugin (on a build) and ``episodes check`` (reading ``mkdocs.yml``) read
the same table; a build also leaves alone any page another plugin has already made.
"""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Options = Mapping[str, Any]


@dataclass(frozen=True)
class Owner:
    """What one plugin owns, from its options."""

    names: tuple[str, ...]
    """How ``mkdocs.yml`` lists it (with and without Material's prefix)."""
    files: Callable[[Options], Iterable[str]] = lambda options: ()
    """Glob patterns (relative to ``docs_dir``) of the files it owns."""
    marker: Callable[[Options], str | None] = lambda options: None
    """Text that makes a page its own (a listing it fills in)."""


def _blog_files(options: Options) -> list[str]:
    blog = posixpath.normpath(str(options.get("blog_dir") or "blog"))
    posts = posixpath.normpath(str(options.get("post_dir") or "{blog}/posts").format(blog=blog))
    index = "index.md" if blog == "." else f"{blog}/index.md"
    return [index, f"{posts}/*"]


def _tags_marker(options: Options) -> str:
    return "<!-- " + str(options.get("listings_directive") or "material/tags")


OWNERS: tuple[Owner, ...] = (
    Owner(("blog", "material/blog"), files=_blog_files),
    Owner(("tags", "material/tags"), marker=_tags_marker),
)


@dataclass
class Claims:
    """What the site's other plugins own: patterns and markers, each with its plugin."""

    files: dict[str, str] = field(default_factory=dict)
    markers: dict[str, str] = field(default_factory=dict)

    def of_path(self, uri: str) -> str | None:
        """The plugin that owns the file ``uri`` by its place (None: none does)."""
        for pattern, plugin in self.files.items():
            if fnmatch.fnmatch(uri, pattern):
                return plugin
        return None

    def of_text(self, text: str) -> str | None:
        """The plugin that owns a page by a marker in its text (None: none does)."""
        for marker, plugin in self.markers.items():
            if marker in text:
                return plugin
        return None


def claims(plugins: Mapping[str, Options]) -> Claims:
    """The claims of the enabled plugins among ``plugins`` (name -> options)."""
    found = Claims()
    for owner in OWNERS:
        for name in owner.names:
            options = plugins.get(name)
            if options is None or options.get("enabled", True) is False:
                continue
            for pattern in owner.files(options):
                found.files[pattern] = name
            marker = owner.marker(options)
            if marker:
                found.markers[marker] = name
    return found
