#!/usr/bin/env python3
"""Template work of one episode page: template renders, macro calls, calls from templates
back into Python, and the time to render the first episode's pieces, with the code and
templates of a checkout (to compare two commits):

    python scripts/template_calls.py .
    git worktree add /tmp/old <commit> && python scripts/template_calls.py /tmp/old
"""

from __future__ import annotations

import cProfile
import importlib
import pstats
import sys
import time
from pathlib import Path
from typing import Any

EPISODE = "episodes/2025/anthropic-nvidia-export-controls.md"


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    sys.path.insert(0, str(root / "plugins"))  # that checkout's plugin, not the installed one
    jinja2 = importlib.import_module("jinja2")
    render: Any = importlib.import_module("mkdocs_episodes.render")
    catalog_mod: Any = importlib.import_module("mkdocs_episodes.catalog")
    index_mod: Any = importlib.import_module("mkdocs_episodes.index")
    parse_mod: Any = importlib.import_module("mkdocs_episodes.parse")
    view_cls = getattr(render, "View", None) or importlib.import_module("mkdocs_episodes.view").View

    catalog = catalog_mod.load_data(root / "data", "data").catalog
    episode, _ = parse_mod.parse_episode((root / EPISODE).read_text("utf-8"), EPISODE)
    entry = index_mod.entry_for(episode, "2025/anthropic-nvidia-export-controls/", catalog)
    index = index_mod.build_index([entry], catalog)
    index.urls.update({("policy", p): f"policies/{p}/" for p in catalog.policies})
    index.urls.update({("actor", a): f"actors/{a}/" for a in catalog.actors})
    loader = jinja2.FileSystemLoader(str(root / "site_overrides"))
    env = render.make_env(jinja2.Environment(loader=loader))

    def once() -> None:
        view = view_cls(catalog, index, entry.url, episode.meta.video, entry.host)
        render.episode_pieces(env, entry, view)

    once()  # templates compiled
    profile = cProfile.Profile()
    profile.enable()
    once()
    profile.disable()
    stats: Any = pstats.Stats(profile)

    def calls(test: Any) -> int:
        return sum(v[1] for k, v in stats.stats.items() if test(k[0], k[2]))

    macros = calls(lambda path, fn: "site_overrides" in path and fn == "macro")
    renders = calls(lambda path, fn: path.endswith("jinja2/environment.py") and fn == "render")
    back = calls(lambda path, fn: path.endswith("jinja2/runtime.py") and fn == "call")
    start = time.perf_counter()
    for _ in range(20):
        once()
    ms = (time.perf_counter() - start) / 20 * 1000
    print(
        f"{root}: {len(episode.blocks)} blocks; template renders {renders}, macro calls "
        f"{macros}, calls from templates (Context.call) {back}; {ms:.1f} ms a render"
    )


if __name__ == "__main__":
    main()
