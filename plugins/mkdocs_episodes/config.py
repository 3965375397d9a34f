"""Plugin options (``plugins: - episodes: …`` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class EpisodesConfig(base.Config):
    """Options of the ``episodes`` plugin."""

    enabled = c.Type(bool, default=True)
    """Switch the plugin off (episodes then render as plain Markdown)."""

    data_dir = c.Type(str, default="data")
    """The YAML data folder, relative to mkdocs.yml."""

    episodes = c.ListOfItems(c.Type(str), default=["[0-9][0-9][0-9][0-9]/*.md"])
    """Glob patterns (relative to docs_dir) of the files that are episodes."""

    drafts = c.Choice(("serve", "always", "never"), default="serve")
    """Where episodes with ``draft: true`` appear: under ``mkdocs serve`` only (default),
    in every build (for checking a draft with ``mkdocs build --strict``), or never."""

    generate_pages = c.Type(bool, default=True)
    """Generate the home, policy, actor and stance pages."""
