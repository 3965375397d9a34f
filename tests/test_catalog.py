"""The catalog: data/*.yml loaded, typed and cross-checked, each mistake at its line."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
import yaml
from mkdocs_episodes.catalog import build_catalog, load_catalog
from sitekit import DATA

ROOT = Path(__file__).resolve().parent.parent
# libyaml (used when PyYAML has it) and pure-Python PyYAML word this error differently
EXPECTED_COMMA = (
    "did not find expected ',' or '{}'"
    if yaml.__with_libyaml__
    else "expected ',' or '{}', but got ':'"
)
MAPPING_VALUES = "mapping values are not allowed " + (
    "in this context" if yaml.__with_libyaml__ else "here"
)


def problems(**files: str) -> list[str]:
    texts = {k[:-4]: textwrap.dedent(v) for k, v in DATA.items()}
    texts.update({k: textwrap.dedent(v) for k, v in files.items()})
    return [str(p) for p in sorted(build_catalog(texts)[1])]


def test_project_data_is_clean_and_sourced() -> None:
    catalog, found = load_catalog(ROOT / "data")
    assert [str(p) for p in found] == []
    rule = catalog.policies["ai-diffusion-rule"]
    # rescission announced and not enforced; no Federal Register rescission found
    assert rule.status is not None and rule.status.value == "rescission-announced"
    assert rule.status.confidence == "medium"
    assert rule.status.date == dt.date(2025, 5, 13) and rule.status.source
    assert all(event.sources for event in rule.timeline)
    assert catalog.actors["jensen-huang"].affiliation == "nvidia"
    for source in catalog.sources.values():
        assert source.url or source.note, source.id
        assert source.url is None or source.url.startswith("https://")


def test_fixture_data_loads() -> None:
    catalog, found = build_catalog({k[:-4]: textwrap.dedent(v) for k, v in DATA.items()})
    assert found == []
    assert catalog.policies["rule-x"].timeline[0].date == dt.date(2025, 1, 13)
    assert catalog.sources["src-a"].date == dt.date(2025, 4, 30)
    assert catalog.shows["show-a"].hosts == ("host-a",)


CASES = [
    (
        "yaml syntax",
        {"actors": "acme:\n  name: {zh: 甲, en: A\n  kind: company\n"},
        [
            f"data/actors.yml:3: not valid YAML: {EXPECTED_COMMA.format('}')} (while "
            "parsing a flow mapping) — check indentation, quotes and colons on this line (2 "
            "reference(s) to its ids are checked once it can be read)",
        ],
    ),
    (
        "duplicate id",
        {"shows": "show-a:\n  name: A\n  hosts: [host-a]\nshow-a:\n  name: B\n  hosts: [host-a]\n"},
        [
            "data/shows.yml:4: not valid YAML: the key 'show-a' appears twice (first on line 1) "
            "— remove or rename one of them",
        ],
    ),
    (
        "invalid id",
        {"shows": "Show A:\n  name: A\n  hosts: [host-a]\n"},
        [
            "data/shows.yml:1: invalid id 'Show A' — ids are lower-case letters, digits "
            "and hyphens, at most 64 characters, e.g. ai-diffusion-rule",
        ],
    ),
    (
        "unknown field",
        {"shows": "show-a:\n  name: A\n  hosts: [host-a]\n  hostz: [x]\n"},
        [
            "data/shows.yml:4: unknown field 'hostz' in show-a — did you mean 'hosts'? Use "
            "the fields: hosts, language, name, podcast, url",
        ],
    ),
    (
        # one mistake, one line: 'hosts' is not reported missing as well
        "misspelt required field",
        {"shows": "show-a:\n  name: A\n  hostz: [host-a]\n"},
        [
            "data/shows.yml:3: unknown field 'hostz' in show-a — did you mean 'hosts'? Use "
            "the fields: hosts, language, name, podcast, url",
        ],
    ),
    (
        "missing field",
        {"shows": "show-a:\n  name: A\n"},
        [
            "data/shows.yml:1: show-a has no 'hosts' — add 'hosts: [<id from data/actors.yml>]'",
        ],
    ),
    (
        "unknown host",
        {"shows": "show-a:\n  name: A\n  hosts: [host-a, host-z]\n"},
        [
            "data/shows.yml:3: show-a.hosts[1]: unknown actor 'host-z' — did you mean "
            "'host-a'? Use an id: acme, agency-x, beta, host-a (or add it to "
            "data/actors.yml)",
        ],
    ),
    (
        "name under a key that is not a language tag",
        {"actors": "acme:\n  name: {zh: '', chinese: x}\n  kind: company\n"},
        [
            "data/actors.yml:2: acme.name has 'chinese', which is not a language tag — did "
            "you mean 'zh'? write the name under a language tag: zh, en, zh-Hant…",
        ],
    ),
    (
        "name with every language empty",
        {"actors": "acme:\n  name: {zh: '', en: ''}\n  kind: company\n"},
        [
            "data/actors.yml:2: acme.name gives no name — write 'name: {zh: 英伟达, en: "
            "NVIDIA}' or one of them",
        ],
    ),
    (
        "unknown kind",
        {"actors": "acme:\n  name: {zh: 甲, en: A}\n  kind: compnay\n"},
        [
            "data/actors.yml:3: acme.kind is 'compnay', not an allowed value — did you "
            "mean 'company'? Use one of: agency, company, court, government, lab, "
            "legislature, media, organization, person",
        ],
    ),
    (
        "unsourced description",
        {"actors": "acme:\n  name: {zh: 甲, en: A}\n  kind: company\n  description: 一家公司\n"},
        [
            "data/actors.yml:4: acme has no 'sources' for its facts — add 'sources: [<id "
            "from data/sources.yml>]'",
        ],
    ),
    (
        "unknown affiliation",
        {
            "actors": "p:\n  name: {zh: 人, en: P}\n  kind: person\n"
            "  affiliation: acmee\n  sources: [src-a]\n"
        },
        [
            "data/actors.yml:4: p.affiliation: unknown actor 'acmee' — use an id: p (or add it "
            "to data/actors.yml)",
        ],
    ),
    (
        "malformed source date",
        {"sources": "s:\n  title: T\n  publisher: X\n  url: https://e.org\n  date: 2025-5-1\n"},
        [
            "data/sources.yml:5: s.date must be a date, not '2025-5-1' — write it as "
            "YYYY-MM-DD, e.g. 2025-05-03",
        ],
    ),
    (
        "javascript URL",
        {"sources": "s:\n  title: T\n  publisher: X\n  url: javascript:x\n"},
        [
            "data/sources.yml:4: s.url is 'javascript:x', which is not an http(s) URL — "
            "write the full https:// address",
        ],
    ),
    (
        "unknown agency",
        {"policies": "p:\n  name: {zh: 规, en: P}\n  agency: agencyx\n  sources: [src-a]\n"},
        [
            "data/policies.yml:3: p.agency: unknown actor 'agencyx' — did you mean 'agency-x'? "
            "Use an id: acme, agency-x, beta, host-a (or add it to data/actors.yml)",
        ],
    ),
    (
        "unknown related",
        {"policies": "p:\n  name: {zh: 规, en: P}\n  sources: [src-a]\n  related: [q]\n"},
        [
            "data/policies.yml:4: p.related[0]: unknown policy 'q' — use an id: p (or add "
            "it to data/policies.yml)",
        ],
    ),
    (
        "timeline without source",
        {
            "policies": "p:\n  name: {zh: 规, en: P}\n  sources: "
            "[src-a]\n  timeline:\n    - {date: 2025-01-01, event: x}\n"
        },
        [
            "data/policies.yml:5: p.timeline[0] has no 'source' or 'sources' — add "
            "'source: <id from data/sources.yml>', or add 'sources: [<id from "
            "data/sources.yml>]'",
        ],
    ),
    (
        "timeline unknown source",
        {
            "policies": "p:\n  name: {zh: 规, en: P}\n  sources: "
            "[src-a]\n  timeline:\n    - {date: 2025-01-01, event: x, "
            "source: src-q}\n"
        },
        [
            "data/policies.yml:5: p.timeline[0].source: unknown source 'src-q' — did you "
            "mean 'src-b'? Use an id: src-a, src-b (or add it to data/sources.yml)",
        ],
    ),
    (
        "timeline bad date",
        {
            "policies": "p:\n  name: {zh: 规, en: P}\n  sources: [src-a]\n"
            "  timeline:\n    - date: 2025-02-30\n      event: x\n"
            "      source: src-a\n"
        },
        [
            "data/policies.yml:5: p.timeline[0].date is '2025-02-30', which is not a date: "
            "February 2025 has 28 days — write a day that exists",
        ],
    ),
    (
        "unknown status",
        {"policies": "p:\n  name: {zh: 规, en: P}\n  sources: [src-a]\n  status: revoked\n"},
        [
            "data/policies.yml:4: p.status.value is 'revoked', not an allowed value — use "
            "one of: enacted, enforcement-paused, expired, in-force, introduced, pending, "
            "proposed, rescinded, rescission-announced, struck-down, superseded",
        ],
    ),
    (
        "status date without source",
        {
            "policies": "p:\n  name: {zh: 规, en: P}\n  sources: "
            "[src-a]\n  status: {value: rescinded, date: 2025-05-13}\n"
        },
        [
            "data/policies.yml:4: p.status has no 'source' for its date — add 'source: <id "
            "from data/sources.yml>'",
        ],
    ),
    (
        "not a mapping",
        {"sources": "- a\n- b\n"},
        [
            "data/sources.yml:1: the file must map ids to records — write 'some-id:' at the start "
            "of a line, its fields indented below (4 reference(s) to its ids are checked once it "
            "can be read)",
        ],
    ),
]


@pytest.mark.parametrize(
    ("files", "expected"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES]
)
def test_catalog_error(files: dict[str, str], expected: list[str]) -> None:
    got = problems(**files)
    # replacing a fixture file can leave other records' references dangling: those are
    # reported too, so check that each expected message is there
    for message in expected:
        assert message in got


def test_a_misspelt_field_is_one_mistake_not_two() -> None:
    """'did you mean' names the field: the field it meant is not reported missing too."""
    got = problems(sources="s-a:\n  title: T\n  publisher: P\n  urll: https://x.org/\n")
    assert [p for p in got if p.startswith("data/sources.yml")] == [
        "data/sources.yml:4: unknown field 'urll' in s-a — did you mean 'url'? Use the "
        "fields: corrections, date, language, note, publisher, title, url, url_status"
    ]
