"""The bad-input corpus: small sites that must fail `mkdocs build --strict` with one exact
``path:line: what — how to fix`` message and no traceback. Each case overrides the fixture
site's files (``sitekit.DATA`` and one episode)."""

from __future__ import annotations

FM = "---\ntitle: 测试\ndate: 2025-05-03\nshow: show-a\n---\n"  # body from line 6
OK = FM + "一行\n"


def ep(body: str, front: str = FM) -> dict[str, str | bytes]:
    return {"episodes/2025/e.md": front + body}


def data(name: str, text: str) -> dict[str, str | bytes]:
    return {"episodes/2025/e.md": OK, f"data/{name}": text}


CASES: dict[str, dict[str, str | bytes]] = {
    # --- front matter
    "front matter: bad YAML": ep(
        "一行\n", "---\ntitle: [测试\ndate: 2025-05-03\nshow: show-a\n---\n"
    ),
    "front matter: unknown key": ep("一行\n", FM.replace("show:", "shwo: x\nshow:")),
    "front matter: missing title": ep("一行\n", FM.replace("title: 测试\n", "")),
    "front matter: missing show": ep("一行\n", FM.replace("show: show-a\n", "")),
    "front matter: malformed date": ep("一行\n", FM.replace("2025-05-03", "2025-02-30")),
    "front matter: unknown show": ep("一行\n", FM.replace("show-a", "show-z")),
    "front matter: unknown host": ep(
        "一行\n", FM.replace("show: show-a", "show: show-a\nhost: hostx")
    ),
    "front matter: javascript video": ep(
        "一行\n", FM.replace("show: show-a", "show: show-a\nvideo: javascript:alert(1)")
    ),
    "front matter: draft not a bool": ep(
        "一行\n", FM.replace("show: show-a", "show: show-a\ndraft: maybe")
    ),
    # --- references
    "position: unknown actor": ep("/// position | acmee\n说\n///\n"),
    "position: unknown policy": ep("/// position | acme\n    policy: rule-q\n说\n///\n"),
    "position: unknown source": ep("/// position | acme\n    source: src-q\n说\n///\n"),
    "position: unknown responds_to": ep("/// position | acme\n    responds_to: beta-1\n说\n///\n"),
    "position: invalid stance": ep("/// position | acme\n    stance: against\n说\n///\n"),
    "position: malformed date": ep("/// position | acme\n    date: 2025-13-01\n说\n///\n"),
    "commentary: unknown speaker": ep("/// opinion | nobody\n说\n///\n"),
    "context: unknown source": ep("/// context\n    source: src-q\n注\n///\n"),
    "inline: unknown policy": ep("见[规则](policy:rule-q)\n"),
    "inline: unknown actor": ep("见[某人](actor:nobody)\n"),
    "inline: unknown source": ep("见[原文](source:src-q)\n"),
    "inline: misspelled scheme": ep("见[规则](polciy:rule-x)\n"),
    "inline: unknown anchor": ep("见[上文](#nowhere)\n"),
    # --- blocks
    "block: misspelled name": ep("/// posiiton | acme\n说\n///\n"),
    "block: unknown option": ep("/// position | acme\n    sauce: src-a\n说\n///\n"),
    "block: bad option YAML": ep("/// position | acme\n    quote: [unclosed\n说\n///\n"),
    "block: unclosed": ep("一行\n/// analysis\n说\n"),
    "block: inside a block": ep("/// opinion\n说\n/// context\n注\n///\n"),
    "block: empty": ep("/// opinion\n///\n一行\n"),
    "block: stray close": ep("一行\n///\n"),
    # --- file level
    "episode: empty": ep(""),
    "episode: no front matter": {"episodes/2025/e.md": "只有文字\n"},
    "episode: NUL byte": ep("一\x00行\n"),
    "episode: invalid UTF-8": {"episodes/2025/e.md": FM.encode() + b"\xff\xfe bad\n"},
    "episode: malformed timestamp": ep("[12:99] 一行\n"),
    "episode: duplicate anchor": ep("## 甲 {#x}\n一\n## 乙 {#x}\n二\n"),
    "episode: title heading": ep("# 标题\n一行\n"),
    # --- data files
    "shows.yml: YAML syntax": data("shows.yml", "show-a:\n  name: {zh: 甲\n  hosts: [host-a]\n"),
    "actors.yml: YAML syntax": data("actors.yml", "host-a:\n\tname: x\n"),
    "sources.yml: YAML syntax": data("sources.yml", "src-a: [\n"),
    "policies.yml: YAML syntax": data(
        "policies.yml", "rule-x:\n  name: {zh: a, en: b}\n  sources: [src-a\n"
    ),
    "actors.yml: duplicate id": data(
        "actors.yml",
        "host-a:\n  name: {zh: a, en: b}\n  kind: person\nhost-a:\n  name: {zh: c, en: d}\n  kind: person\n",
    ),
    "policies.yml: missing name": data("policies.yml", "rule-x:\n  sources: [src-a]\n"),
    "policies.yml: unknown agency": data(
        "policies.yml", "rule-x:\n  name: {zh: a, en: b}\n  agency: nobody\n  sources: [src-a]\n"
    ),
    "actors.yml: unknown affiliation": data(
        "actors.yml",
        "host-a:\n  name: {zh: a, en: b}\n  kind: person\n  affiliation: nobody\n  sources: [src-a]\n",
    ),
    "shows.yml: unknown host": data("shows.yml", "show-a:\n  name: 甲\n  hosts: [nobody]\n"),
    "policies.yml: unknown related": data(
        "policies.yml", "rule-x:\n  name: {zh: a, en: b}\n  sources: [src-a]\n  related: [rule-q]\n"
    ),
    "policies.yml: timeline source": data(
        "policies.yml",
        "rule-x:\n  name: {zh: a, en: b}\n  sources: [src-a]\n  timeline:\n    - {date: 2025-01-01, event: e, source: src-q}\n",
    ),
    "sources.yml: malformed date": data(
        "sources.yml",
        "src-a:\n  title: T\n  publisher: P\n  url: https://e.org\n  date: 2025-1-1\n",
    ),
    "sources.yml: javascript URL": data(
        "sources.yml", "src-a:\n  title: T\n  publisher: P\n  url: 'javascript:alert(1)'\n"
    ),
    "actors.yml: unknown field": data(
        "actors.yml", "host-a:\n  name: {zh: a, en: b}\n  kind: person\n  homepage: https://e.org\n"
    ),
    "actors.yml: not UTF-8": {
        "episodes/2025/e.md": OK,
        "data/actors.yml": b"host-a:\n  name: \xff\n",
    },
}
