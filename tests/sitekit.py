"""Helpers for site tests: a tiny site (config, data, episodes) written and built in a folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

SITE_CONFIG = """\
site_name: 测试站点
site_url: https://example.org/repo/
docs_dir: episodes
theme:
  name: material
  custom_dir: site_overrides
  language: zh
  font: false
nav:
  - 首页: index.md
  - 政策: policies/index.md
  - 人物与机构: actors/index.md
  - 立场总览: stances/index.md
plugins:
  - search:
      lang: zh
  - episodes
markdown_extensions:
  - attr_list
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
validation:
  nav:
    omitted_files: ignore
  links:
    not_found: warn
    anchors: warn
    absolute_links: warn
    unrecognized_links: warn
"""

DATA = {
    "shows.yml": """\
        show-a:
          name: {zh: 节目甲, en: Show A}
          hosts: [host-a]
        """,
    "actors.yml": """\
        host-a:
          name: {zh: 主持人甲, en: Host A}
          kind: person
        acme:
          name: {zh: 甲公司, en: Acme}
          kind: company
        beta:
          name: {zh: 乙公司, en: Beta}
          kind: company
        agency-x:
          name: {zh: 某机构, en: Agency X}
          kind: agency
        """,
    "sources.yml": """\
        src-a:
          title: Acme statement
          publisher: acme
          url: https://example.org/acme
          date: 2025-04-30
          language: en
        src-b:
          title: Beta reply
          publisher: Beta News
          url: https://example.org/beta
          date: 2025-05-01
        """,
    "policies.yml": """\
        rule-x:
          name: {zh: 某规则, en: Rule X}
          short: X 规则
          agency: agency-x
          status: {value: rescinded, date: 2025-05-13, source: src-b}
          timeline:
            - {date: 2025-01-13, event: 宣布。, source: src-a}
          sources: [src-a]
        rule-y:
          name: {zh: 另一规则, en: Rule Y}
          sources: [src-b]
        """,
}


def write_site(root: Path, episodes: dict[str, str], data: dict[str, str] | None = None) -> Path:
    """Write a site (config, data, episodes, the project's site_overrides) under ``root``."""
    (root / "mkdocs.yml").write_text(SITE_CONFIG, encoding="utf-8")
    shutil.copytree(ROOT / "site_overrides", root / "site_overrides")
    (root / "data").mkdir()
    for name, text in (DATA if data is None else data).items():
        (root / "data" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "episodes").mkdir()
    for rel, text in episodes.items():
        path = root / "episodes" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


def build_site(
    config_file: Path, strict: bool = False, site: str = "site", dirty: bool = False
) -> Path:
    """Build in-process (as tests of MkDocs plugins do) into ``site`` (relative to the
    config's folder) and return that directory; ``dirty`` as ``mkdocs build --dirty``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cwd = os.getcwd()
    os.chdir(config_file.parent)
    site_dir = config_file.parent / site
    try:
        config = load_config(str(config_file), strict=strict, site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=dirty)
        build(config, dirty=dirty)
        config.plugins.on_shutdown()
    finally:
        os.chdir(cwd)
    return site_dir


def episode(body: str, front: str | None = None) -> str:
    """An episode file: default front matter for show-a, then ``body``."""
    if front is None:
        front = "title: 测试节目\ndate: 2025-05-03\nshow: show-a\n"
    return f"---\n{front}---\n\n{textwrap.dedent(body).lstrip()}"


def copy_project(dest: Path) -> Path:
    for name in ("mkdocs.yml", "episodes", "data", "site_overrides"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            shutil.copy(src, dest / name)
    return dest / "mkdocs.yml"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"},
    )
