"""A small site of a show's archive: episodes published as imported (``annotated: false``)
from unreviewed automatic captions, one whose marking is begun, one whose captions an
editor reviewed, and one fully annotated, for the tests of how every output tells them
apart (tests/test_standing.py, tests/browser/test_plain_episode.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sitekit import write_site

SHA = hashlib.sha256(b"a1b2c3.zh.vtt").hexdigest()


def _auto(extra: str = "") -> str:
    return f"imported: {{from: a1b2c3.zh.vtt, sha256: {SHA}, kind: auto-captions{extra}}}\n"


def _front(title: str, date: str, extra: str) -> str:
    return (
        f"---\ntitle: {title}\ndate: {date}\nshow: show-a\n"
        "video: https://www.youtube.com/watch?v=a1b2c3\n"
        f"summary: {title}的摘要。\n{extra}---\n\n"
    )


BODY = """\
@host-a
[00:01] 大家好，今天聊聊某规则。
[00:05] 这一段是自动字幕，还没有人核对。

@acme
[00:12] 我们公司支持这项规则。
[00:18] 我们会继续和各方沟通。

@host-a
[00:25] 好，今天就到这里。
"""

POSITION = """\

/// position | acme
    source: src-a
    policy: rule-x
    stance: supports
[00:30] 甲公司表示支持。
///
"""

EPISODES = {
    # published as imported: not annotated, unreviewed automatic captions
    "2025/plain.md": _front("自动字幕的一期", "2025-06-01", "annotated: false\n" + _auto()) + BODY,
    # marking begun, not finished
    "2025/partial.md": _front("标了一半的一期", "2025-05-20", "annotated: false\n" + _auto())
    + BODY
    + POSITION,
    # an editor checked the captions, the marking is not done
    "2025/reviewed.md": _front(
        "校对过字幕的一期", "2025-05-10", "annotated: false\n" + _auto(", reviewed: true")
    )
    + BODY,
    # annotated, words written by people
    "2025/marked.md": _front("标注完成的一期", "2025-05-01", "") + BODY + POSITION,
}

PLAIN = "2025/plain/"
"""The unannotated auto-caption episode's address."""


def write_plain_site(root: Path) -> Path:
    """Write the site under ``root``; returns its mkdocs.yml."""
    return write_site(root, EPISODES)
