"""Every author mistake of the contract's §8: the exact ``path:line: what — how to fix``."""

from __future__ import annotations

import textwrap

import pytest
from mkdocs_episodes.catalog import build_catalog
from mkdocs_episodes.check import check_episode
from mkdocs_episodes.parse import parse_episode
from sitekit import DATA
from test_catalog import EXPECTED_COMMA, MAPPING_VALUES

CATALOG, CATALOG_PROBLEMS = build_catalog({k[:-4]: textwrap.dedent(v) for k, v in DATA.items()})
FRONT = "---\ntitle: t\ndate: 2025-05-03\nshow: show-a\n---\n"  # body starts on line 6
P = "episodes/2025/e.md"


def problems_of(text: str) -> list[str]:
    episode, found = parse_episode(text, P)
    return [str(p) for p in sorted(found + check_episode(episode, CATALOG))]


CASES: list[tuple[str, str, list[str]]] = [
    (
        "no front matter",
        "只有一行\n",
        [
            f"{P}:1: the file has no front matter — start it with '---', then 'title:', 'date:' "
            "and 'show:' lines, then '---'",
        ],
    ),
    (
        "unclosed front matter",
        "---\ntitle: t\n一行\n",
        [
            f"{P}:1: the front matter is not closed — add a line '---' after its last key",
        ],
    ),
    (
        "bad YAML in front matter",
        "---\ntitle: t\ndate: [2025\nshow: show-a\n---\n一行\n",
        [
            f"{P}:4: the front matter is not valid YAML: {EXPECTED_COMMA.format(']')} (while "
            "parsing a flow sequence) — check indentation, quotes and colons on this line",
        ],
    ),
    (
        "unknown front-matter key",
        "---\ntitle: t\ndate: 2025-05-03\nshow: show-a\ntitel: x\n---\na\n",
        [
            f"{P}:5: unknown front-matter key 'titel' — did you mean 'title'? Use the "
            "front-matter keys: annotated, audio, corrections, date, date_approximate, draft, "
            "duration, guests, host, hosts, imported, language, policies, show, summary, tags, "
            "title, video",
        ],
    ),
    (
        "missing title",
        "---\ndate: 2025-05-03\nshow: show-a\n---\na\n",
        [
            f"{P}:1: the front matter has no 'title' — add 'title: <the episode title>'",
        ],
    ),
    (
        "missing date and show",
        "---\ntitle: t\n---\na\n",
        [
            f"{P}:1: the front matter has no 'date' — add 'date: <YYYY-MM-DD, the day it was "
            "published>'",
            f"{P}:1: the front matter has no 'show' — add 'show: <id from data/shows.yml>'",
        ],
    ),
    (
        "malformed date",
        "---\ntitle: t\ndate: 2025-13-45\nshow: show-a\n---\na\n",
        [
            f"{P}:3: 'date' is '2025-13-45', which is not a date: there is no month 13 — write "
            "YYYY-MM-DD with the month from 01 to 12",
        ],
    ),
    (
        "unknown show",
        "---\ntitle: t\ndate: 2025-05-03\nshow: show-b\n---\na\n",
        [
            f"{P}:4: unknown show 'show-b' — did you mean 'show-a'? Use an id: show-a (or add it "
            "to data/shows.yml)",
        ],
    ),
    (
        "unknown host",
        "---\ntitle: t\ndate: 2025-05-03\nshow: show-a\nhost: host-b\n---\na\n",
        [
            f"{P}:5: unknown actor 'host-b' — did you mean 'host-a'? Use an id: acme, agency-x, "
            "beta, host-a (or add it to data/actors.yml)",
        ],
    ),
    (
        "video not a URL",
        "---\ntitle: t\ndate: 2025-05-03\nshow: show-a\nvideo: javascript:alert(1)\n---\na\n",
        [
            f"{P}:5: 'video' is 'javascript:alert(1)', which is not an http(s) URL — write the "
            "full https:// address",
        ],
    ),
    (
        "unknown actor",
        FRONT + "/// position | acmee\n    source: src-a\n说\n///\n",
        [
            f"{P}:6: unknown actor 'acmee' — did you mean 'acme'? Use an id: acme, agency-x, beta, "
            "host-a (or add it to data/actors.yml)",
        ],
    ),
    (
        "position without actor",
        FRONT + "/// position\n    source: src-a\n说\n///\n",
        [
            f"{P}:6: '/// position' needs the actor who holds the position — write '/// "
            "position | <actor id>'",
        ],
    ),
    (
        "unknown policy",
        FRONT + "/// position | acme\n    source: src-a\n    policy: rule-z\n说\n///\n",
        [
            f"{P}:8: unknown policy 'rule-z' — did you mean 'rule-y'? Use an id: rule-x, "
            "rule-y (or add it to data/policies.yml)",
        ],
    ),
    (
        "unknown source",
        FRONT + "/// position | acme\n    source: src-c\n说\n///\n",
        [
            f"{P}:7: unknown source 'src-c' — did you mean 'src-b'? Use an id: src-a, src-b (or "
            "add it to data/sources.yml)",
        ],
    ),
    (
        "invalid stance",
        FRONT + "/// position | acme\n    source: src-a\n    stance: support\n说\n///\n",
        [
            f"{P}:8: option 'stance' of '/// position' is 'support', not an allowed value — "
            "did you mean 'supports'? Use one of: mixed, neutral, opposes, supports",
        ],
    ),
    (
        "unknown responds_to",
        FRONT + "/// position | acme\n    source: src-a\n说\n///\n/// position | beta\n"
        "    source: src-b\n    responds_to: acme-2\n答\n///\n",
        [
            f"{P}:12: 'responds_to: acme-2' names no position in this episode — did you mean "
            "'acme-1'? Use the id of another position: acme-1",
        ],
    ),
    (
        "unknown option",
        FRONT + "/// position | acme\n    source: src-a\n    stnace: opposes\n说\n///\n",
        [
            f"{P}:8: unknown option 'stnace' for '/// position' — did you mean 'stance'? Use "
            "the options: account, attribution, checked_against, date, id, policy, quote, "
            "quote_by, quote_from, quote_kind, responds_to, source, stance, stance_basis, "
            "statement, unsourced",
        ],
    ),
    (
        # one mistake, one line: the option it meant is not reported missing as well
        "misspelt required option",
        FRONT + "/// position | acme\n    sources: src-a\n说\n///\n",
        [
            f"{P}:7: unknown option 'sources' for '/// position' — did you mean 'source'? Use "
            "the options: account, attribution, checked_against, date, id, policy, quote, "
            "quote_by, quote_from, quote_kind, responds_to, source, stance, stance_basis, "
            "statement, unsourced",
        ],
    ),
    (
        "bad YAML in options",
        FRONT + "/// position | acme\n    quote: a: b\n说\n///\n",
        [
            f"{P}:7: the options of '/// position' are not valid YAML: {MAPPING_VALUES} — put "
            "text that contains ': ' in quotes",
        ],
    ),
    (
        "unknown block",
        FRONT + "/// opnion\n说\n///\n",
        [
            f"{P}:6: unknown block '/// opnion' — did you mean 'opinion'? Use a block: "
            "analysis, clip, context, opinion, position",
        ],
    ),
    (
        "unclosed block",
        FRONT + "一行\n/// opinion\n说\n",
        [
            f"{P}:7: the '/// opinion' block opened here is never closed (found the end of the "
            "file first) — add a line '///' right after the block's last line (blocks do "
            "not nest)",
        ],
    ),
    (
        "block inside a block",
        FRONT + "/// opinion\n说\n/// analysis\n析\n///\n",
        [
            f"{P}:6: the '/// opinion' block opened here is never closed (found '/// analysis' "
            "on line 8 first) — add a line '///' right after the block's last line (blocks "
            "do not nest)",
        ],
    ),
    (
        "stray closing fence",
        FRONT + "一行\n///\n",
        [
            f"{P}:7: '///' closes a block, but no block is open — remove this line, or open a "
            "block with '/// opinion' (or position, clip, analysis, context) above it",
        ],
    ),
    (
        "empty block",
        FRONT + "一行\n/// opinion\n///\n",
        [
            f"{P}:7: the '/// opinion' block is empty — put the lines it covers between its "
            "header and '///', or remove it",
        ],
    ),
    (
        "heading inside a block",
        FRONT + "/// opinion\n说\n## 段落\n///\n",
        [
            f"{P}:6: the '/// opinion' block opened here is never closed (found the heading on "
            "line 8 first) — add a line '///' right after the block's last line (blocks do "
            "not nest)",
            f"{P}:9: '///' closes a block, but no block is open — remove this line, or open a "
            "block with '/// opinion' (or position, clip, analysis, context) above it",
        ],
    ),
    (
        "title heading",
        FRONT + "# 标题\n一行\n",
        [
            f"{P}:6: a '# ' heading is not allowed in an episode — the page title comes from "
            "'title:' in the front matter; use '## ' for a segment",
        ],
    ),
    (
        "duplicate anchor",
        FRONT + "## 甲 {#a}\n一\n## 乙 {#a}\n二\n",
        [
            f"{P}:8: the anchor 'a' is already used on line 6 — give this one a different id",
        ],
    ),
    (
        "malformed timestamp",
        FRONT + "[1:75] 一行\n",
        [
            f"{P}:6: malformed timestamp '[1:75]' — write [mm:ss] or [h:mm:ss] with seconds and "
            "minutes below 60",
        ],
    ),
    (
        "malformed timestamp shape",
        FRONT + "[1.5] 一行\n",
        [
            f"{P}:6: malformed timestamp '[1.5]' — write [mm:ss] or [h:mm:ss], e.g. [01:23] or "
            "[1:02:03]",
        ],
    ),
    (
        "unknown inline policy",
        FRONT + "见[规则](policy:rule-q)\n",
        [
            f"{P}:6: unknown policy 'rule-q' — did you mean 'rule-y'? Use an id: rule-x, rule-y "
            "(or add it to data/policies.yml)",
        ],
    ),
    (
        "unknown link scheme",
        FRONT + "见[规则](polcy:rule-x)\n",
        [
            f"{P}:6: unknown link scheme 'polcy:' in [规则](polcy:rule-x) — did you mean "
            "'policy:'? Use policy:, actor:, source: or an https:// URL",
        ],
    ),
    (
        "malformed reference id",
        FRONT + "见[规则](policy:Rule X)\n",
        [
            # a space makes it no link at all (Markdown would not link it either): no problem,
            # but an id with capitals is an error
        ],
    ),
    (
        "capitalised reference id",
        FRONT + "见[规则](policy:Rule_X)\n",
        [
            f"{P}:6: malformed policy id 'Rule_X' in [规则](policy:Rule_X) — ids are lower-case "
            "letters, digits and hyphens, at most 64 characters, e.g. ai-diffusion-rule",
        ],
    ),
    (
        "unknown in-page anchor",
        FRONT + "一行\n/// context\n    date: 2025-05-04\n见[上文](#L9)\n///\n",
        [
            f"{P}:9: the link '#L9' points to no place in this episode — the episode has 1 "
            "transcript lines: link one of #L1 to #L1",
        ],
    ),
    (
        "empty episode",
        FRONT,
        [
            f"{P}:6: the episode has no transcript lines — paste the transcript below the front "
            "matter, one spoken line per line",
        ],
    ),
    (
        "NUL byte",
        FRONT + "一\x00行\n",
        [
            f"{P}:6: the line contains a NUL byte — remove it (it cannot be shown, and breaks "
            "feeds and subtitles); save the file as UTF-8 text",
        ],
    ),
]


def test_fixture_catalog_is_clean() -> None:
    assert CATALOG_PROBLEMS == []


@pytest.mark.parametrize(
    ("text", "expected"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES]
)
def test_error(text: str, expected: list[str]) -> None:
    assert problems_of(text) == expected


def test_every_message_has_a_fix() -> None:
    for _, text, _ in CASES:
        for message in problems_of(text):
            assert " — " in message and message.startswith(P + ":")
