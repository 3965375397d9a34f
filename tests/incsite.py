"""A small site with every kind of input a build reads, for the incremental-build matrix:
an INHERITed config, an !ENV value, the theme's templates and main.html, data of every
kind, taught search words, episodes with timestamps, voices, notes and inline links, and an
author page listed in ``pages``. Plus the edits an editor or an attacker makes, each a
function of the site's root."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

from sitekit import ROOT

CONFIG = """\
INHERIT: base.yml
site_name: !ENV [EP_TEST_SITE_NAME, "增量站点"]
site_url: !ENV [EP_TEST_SITE_URL, "https://example.org/inc/"]
docs_dir: episodes
theme:
  name: material
  custom_dir: site_overrides
  language: zh
  font: false
nav:
  - 首页: index.md
  - 关于: about.md
plugins:
  - search:
      lang: zh
  - episodes:
      pages: [about.md]
markdown_extensions:
  - attr_list
  - toc:
      permalink: true
validation:
  nav:
    omitted_files: ignore
hooks:
  - hooks.py
"""

HOOKS = '''\
"""The site's own hook: a mark at the end of every page's body."""

MARK = "hook one"


def on_post_page(output, page, config):
    return output.replace("</body>", f"<!-- {MARK} --></body>", 1)
'''

BASE = """\
site_description: 用于测试增量构建的站点。
copyright: 测试
"""

DATA = {
    "shows.yml": """\
        show-a:
          name: {zh: 节目甲, en: Show A}
          hosts: [host-a]
          url: https://example.org/show-a
          language: zh
          podcast:
            artwork: media/cover.png
            category: News
            explicit: false
            owner: {name: 编辑部, email: editors@example.org}
            guid: 917393e3-1b1e-5cef-ace4-edfa1ebe1d3b
        """,
    "actors.yml": """\
        host-a:
          name: {zh: 主持人甲, en: Host A}
          kind: person
        acme:
          name: {zh: 甲公司, en: Acme}
          kind: company
          description: 一家做芯片的公司。
          url: https://example.org/acme
          sources: [src-a]
        beta:
          name: {zh: 乙公司, en: Beta}
          kind: company
        carol:
          name: {zh: 卡萝, en: Carol}
          kind: person
          affiliation: beta
          description: 乙公司的发言人。
          sources: [src-b]
        agency-x:
          name: {zh: 某机构, en: Agency X}
          kind: agency
        """,
    "sources.yml": """\
        src-a:
          title: Acme statement
          publisher: acme
          url: https://example.org/acme-statement
          date: 2025-04-30
          language: en
          note: 甲公司的声明。
        src-b:
          title: Beta reply
          publisher: Beta News
          url_status: not-public
          date: 2025-05-01
          language: en
        """,
    "policies.yml": """\
        rule-x:
          name: {zh: 某规则, en: Rule X}
          short: X 规则
          kind: 规则
          agency: agency-x
          jurisdiction: 某国
          status:
            value: in-force
            date: 2025-01-13
            source: src-a
            confidence: high
            note: 已生效。
          summary: 关于芯片出口的规则。
          provisions:
            - 第一条。
          timeline:
            - {date: 2025-01-13, event: 宣布。, source: src-a}
          sources: [src-a]
          related: [rule-y]
        rule-y:
          name: {zh: 另一规则, en: Rule Y}
          sources: [src-b]
        """,
}

EPISODES = {
    "2025/a.md": """\
        ---
        title: 第一期：规则之争
        date: 2025-05-03
        show: show-a
        guests: [carol]
        summary: 甲公司与乙公司就某规则的争论。
        tags: [规则]
        audio: media/a.mp3
        ---

        ## 开场 {#open}

        [00:01] 大家好，今天聊[某规则](policy:rule-x)。
        [00:05] 先说甲公司。

        /// position | acme
            id: acme-for
            source: src-a
            policy: rule-x
            stance: supports
            stance_basis: stated
            quote: We support it.
            quote_kind: verbatim
        [00:09] 甲公司支持这项规则。
        ///

        /// context
            date: 2026-01-01
            source: src-a
            qualifies: [acme-for]
        编者：这份声明只谈了一部分。
        ///

        @carol
        [00:20] 我们乙公司反对。

        /// position | beta
            id: beta-against
            source: src-b
            policy: rule-x
            stance: opposes
        [00:25] 乙公司反对这项规则。
        ///

        @host-a
        /// opinion
        [00:30] 我觉得双方都有道理。
        ///
        """,
    "2025/b.md": """\
        ---
        title: 第二期：回应
        date: 2025-06-01
        show: show-a
        ---

        今天接着聊[乙公司](actor:beta)的回应。

        /// position | beta
            source: src-b
            policy: rule-y
            stance: mixed
        乙公司对另一规则有保留。
        ///
        """,
    # published as imported: not annotated, its words unreviewed automatic captions
    "2024/c.md": """\
        ---
        title: 去年的一期
        date: 2024-03-01
        show: show-a
        annotated: false
        imported: {from: c.zh.vtt, kind: auto-captions, reviewed: false}
        ---

        [00:02] 去年的话题。
        """,
}

ABOUT = "# 关于本站\n\n这是一个测试站点。\n"
WORDS = "# 教给分词器的词\n某规则\n"


def write(root: Path) -> Path:
    """Write the site under ``root``; returns its mkdocs.yml."""
    (root / "mkdocs.yml").write_text(CONFIG, "utf-8")
    (root / "base.yml").write_text(BASE, "utf-8")
    (root / "hooks.py").write_text(HOOKS, "utf-8")
    shutil.copytree(ROOT / "site_overrides", root / "site_overrides")
    (root / "data").mkdir()
    for name, text in DATA.items():
        (root / "data" / name).write_text(textwrap.dedent(text), "utf-8")
    (root / "data" / "search_words.txt").write_text(WORDS, "utf-8")
    for rel, text in EPISODES.items():
        path = root / "episodes" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), "utf-8")
    (root / "episodes" / "about.md").write_text(ABOUT, "utf-8")
    media = root / "episodes" / "media"
    media.mkdir()
    (media / "a.mp3").write_bytes(AUDIO)
    (media / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return root / "mkdocs.yml"


AUDIO = b"ID3" + bytes(1000)
"""The first episode's audio: its size is what the podcast feed's enclosure says."""


def audio_grows(root: Path) -> None:
    """The audio file replaced by a longer one (its name, so the episode, unchanged)."""
    path = root / "episodes" / "media" / "a.mp3"
    path.write_bytes(AUDIO + bytes(500))
    touch(path)


def audio_moved(root: Path) -> None:
    """The audio file renamed (as .m4a: another type) and the episode pointed at it."""
    media = root / "episodes" / "media"
    (media / "a.mp3").rename(media / "a.m4a")
    replace(A, "audio: media/a.mp3", "audio: media/a.m4a")(root)


def touch(path: Path) -> None:
    """Move a file's time on, as an editor's save does (MkDocs' --dirty compares times)."""
    st = path.stat()
    os.utime(path, (st.st_atime, st.st_mtime + 2))


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    """An edit: ``old`` -> ``new`` in the file ``rel`` (which must hold ``old``)."""

    def edit(root: Path) -> None:
        path = root / rel
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), "utf-8")
        touch(path)

    return edit


def append(rel: str, text: str) -> Callable[[Path], None]:
    """An edit: ``text`` added at the end of ``rel``."""

    def edit(root: Path) -> None:
        path = root / rel
        path.write_text(path.read_text("utf-8") + text, "utf-8")
        touch(path)

    return edit


THEME = ROOT / "plugins" / "mkdocs_episodes" / "theme"


def override(rel: str, old: str, new: str) -> Callable[[Path], None]:
    """An edit: the site overrides the plugin's template or asset ``rel`` (a copy in its
    ``custom_dir`` with ``old`` -> ``new``), or edits its override again."""

    def edit(root: Path) -> None:
        path = root / "site_overrides" / rel
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(THEME / rel, path)
        replace(f"site_overrides/{rel}", old, new)(root)

    return edit


def unoverride(rel: str) -> Callable[[Path], None]:
    """An edit: the site's override of ``rel`` removed (the plugin's own is used again)."""

    def edit(root: Path) -> None:
        override(rel, "", "")(root)  # there to remove, whatever came before
        (root / "site_overrides" / rel).unlink()

    return edit


def move_episode(root: Path) -> None:
    """A date moved to another year, together with its file."""
    old = root / "episodes" / "2025" / "b.md"
    new = root / "episodes" / "2024" / "b.md"
    new.write_text(old.read_text("utf-8").replace("2025-06-01", "2024-06-01"), "utf-8")
    old.unlink()


def add_episode(root: Path) -> None:
    path = root / "episodes" / "2025" / "d.md"
    path.write_text(
        "---\ntitle: 新的一期\ndate: 2025-07-01\nshow: show-a\n---\n\n"
        "谈到[某规则](policy:rule-x)。\n",
        "utf-8",
    )


def delete_episode(root: Path) -> None:
    (root / "episodes" / "2024" / "c.md").unlink()


def env(name: str, value: str) -> Callable[[Path], None]:
    """An edit of the environment an !ENV tag reads (undone by the fixture)."""

    def edit(root: Path) -> None:
        os.environ[name] = value

    return edit


D = "data/"
# Each field of each data file: (file, field) -> an edit of that field. The matrix test
# checks that every field the schema declares is here.
FIX = "    - {date: 2026-11-30, change: 改, reason: 错}\n"
"""A correction of a data record (issue 25)."""

FIELD_EDITS: dict[tuple[str, str], Callable[[Path], None]] = {
    ("shows", "name"): replace(D + "shows.yml", "zh: 节目甲", "zh: 节目甲（新名）"),
    ("shows", "hosts"): replace(D + "shows.yml", "hosts: [host-a]", "hosts: [host-a, carol]"),
    ("shows", "url"): replace(D + "shows.yml", "example.org/show-a", "example.org/show-a2"),
    ("shows", "language"): replace(D + "shows.yml", "language: zh", "language: zh-Hans"),
    ("shows", "podcast"): replace(D + "shows.yml", "category: News", "category: News/Politics"),
    ("actors", "name"): replace(D + "actors.yml", "zh: 甲公司", "zh: 甲公司（新）"),
    ("actors", "kind"): replace(
        D + "actors.yml", "en: Beta}\n  kind: company", "en: Beta}\n  kind: organization"
    ),
    ("actors", "description"): replace(D + "actors.yml", "一家做芯片的公司。", "一家大公司。"),
    ("actors", "url"): replace(D + "actors.yml", "example.org/acme\n", "example.org/acme2\n"),
    ("actors", "affiliation"): replace(D + "actors.yml", "affiliation: beta", "affiliation: acme"),
    ("actors", "sources"): replace(D + "actors.yml", "sources: [src-b]", "sources: [src-a, src-b]"),
    ("sources", "title"): replace(D + "sources.yml", "Acme statement", "Acme's statement"),
    ("sources", "publisher"): replace(D + "sources.yml", "Beta News", "Beta Daily"),
    ("sources", "url"): replace(D + "sources.yml", "acme-statement", "acme-statement-2"),
    ("sources", "url_status"): replace(D + "sources.yml", "not-public", "not-found"),
    ("sources", "date"): replace(D + "sources.yml", "2025-04-30", "2025-04-29"),
    ("sources", "language"): replace(
        D + "sources.yml", "language: en\n  note", "language: en-US\n  note"
    ),
    ("sources", "note"): replace(D + "sources.yml", "甲公司的声明。", "甲公司的正式声明。"),
    ("policies", "name"): replace(D + "policies.yml", "zh: 某规则", "zh: 某项规则"),
    ("policies", "short"): replace(D + "policies.yml", "short: X 规则", "short: X 新规"),
    ("policies", "kind"): replace(D + "policies.yml", "kind: 规则", "kind: 法规"),
    ("policies", "agency"): replace(D + "policies.yml", "agency: agency-x", "agency: acme"),
    ("policies", "jurisdiction"): replace(
        D + "policies.yml", "jurisdiction: 某国", "jurisdiction: 全球"
    ),
    ("policies", "status"): replace(
        D + "policies.yml", "value: in-force", "value: enforcement-paused"
    ),
    ("policies", "summary"): replace(
        D + "policies.yml", "关于芯片出口的规则。", "关于出口的规则。"
    ),
    ("policies", "provisions"): replace(D + "policies.yml", "第一条。", "第一条（改）。"),
    ("policies", "timeline"): replace(D + "policies.yml", "event: 宣布。", "event: 正式宣布。"),
    ("policies", "sources"): replace(
        D + "policies.yml", "sources: [src-a]\n  related", "sources: [src-a, src-b]\n  related"
    ),
    ("policies", "related"): replace(D + "policies.yml", "related: [rule-y]", "related: []"),
    ("actors", "corrections"): replace(
        D + "actors.yml",
        "  sources: [src-a]\nbeta:",
        "  sources: [src-a]\n  corrections:\n" + FIX + "beta:",
    ),
    ("sources", "corrections"): replace(
        D + "sources.yml",
        "  note: 甲公司的声明。\n",
        "  note: 甲公司的声明。\n  corrections:\n" + FIX,
    ),
    ("policies", "corrections"): replace(
        D + "policies.yml",
        "  related: [rule-y]\n",
        "  related: [rule-y]\n  corrections:\n" + FIX,
    ),
}

A = "episodes/2025/a.md"
EDITS: dict[str, Callable[[Path], None]] = {
    **{f"data {f}.{k}": e for (f, k), e in FIELD_EDITS.items()},
    "search word added": append(D + "search_words.txt", "双方\n"),
    "actor added whose name a line holds": append(
        D + "actors.yml", "shuangfang:\n  name: 双方\n  kind: organization\n"
    ),
    "transcript line": replace(A, "先说甲公司。", "先说说甲公司。"),
    "inline policy link": replace(A, "先说甲公司。", "先说[另一规则](policy:rule-y)和甲公司。"),
    "inline actor link": replace(
        "episodes/2025/b.md", "今天接着聊", "今天和[甲公司](actor:acme)接着聊"
    ),
    "title": replace(A, "title: 第一期：规则之争", "title: 第一期：规则之辩"),
    "summary": replace(A, "summary: 甲公司与乙公司", "summary: 甲乙两家公司"),
    "date moved with its file": move_episode,
    "speaker": replace(A, "@carol\n", "@beta\n"),
    "guest": replace(A, "guests: [carol]", "guests: [carol, beta]"),
    "audio file grows": audio_grows,
    "audio file moved": audio_moved,
    "position stance": replace(A, "stance: opposes", "stance: mixed"),
    "annotated flipped": replace("episodes/2024/c.md", "annotated: false", "annotated: true"),
    "captions marked reviewed": replace(
        "episodes/2024/c.md", "reviewed: false}", "reviewed: true}"
    ),
    "editor's note": replace(A, "编者：这份声明只谈了一部分。", "编者：这份声明只谈了一小部分。"),
    "episode added": add_episode,
    "episode deleted": delete_episode,
    "author page": replace("episodes/about.md", "测试站点", "测试用的站点"),
    "block template": override(
        "partials/episodes/blocks/position.html", '<div class="ep-said', '<div class="ep-x ep-said'
    ),
    "block template override removed": unoverride("partials/episodes/blocks/position.html"),
    "pages template": override(
        "partials/episodes/macros.html", '<li class="ep-item">', '<li class="ep-item ep-x">'
    ),
    "main.html": replace("site_overrides/main.html", "{% extends", "{# edited #}{% extends"),
    "stylesheet": override("assets/episodes/episodes.css", ".ep-", ".ep-x { color: red; }\n.ep-"),
    "mkdocs.yml site_name": replace("mkdocs.yml", '"增量站点"', '"增量站点二"'),
    "mkdocs.yml language": replace("mkdocs.yml", "language: zh", "language: en"),
    "mkdocs.yml directory urls": append("mkdocs.yml", "use_directory_urls: false\n"),
    "mkdocs.yml plugin option": replace(
        "mkdocs.yml", "pages: [about.md]", "pages: [about.md]\n      drafts: always"
    ),
    "hook file": replace("hooks.py", 'MARK = "hook one"', 'MARK = "the hook, second"'),
    "INHERITed file": replace("base.yml", "用于测试增量构建的站点。", "一个测试站点。"),
    "!ENV value": env("EP_TEST_SITE_NAME", "环境变量里的站名"),
}
