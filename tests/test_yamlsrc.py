"""The fast path for simple option lines gives exactly what YAML gives (property test)."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs_episodes.yamlsrc import YamlError, _Reader, _simple, load

KEYS = st.sampled_from(["id", "source", "policy", "stance", "quote", "date", "responds_to"])
VALUES = st.one_of(
    st.text(min_size=1, max_size=30).filter(lambda v: "\n" not in v and "\r" not in v),
    st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True),
    st.from_regex(r"\[[a-z0-9-]+(, [a-z0-9-]+)*\]", fullmatch=True),
    st.from_regex(r'"[^"\\\n\r]*"', fullmatch=True),
    st.dates().map(dt.date.isoformat),
    st.sampled_from(["yes", "No", "null", "~", "1.5", "0x1F", "12:30", "true", "on", ".inf"]),
    st.from_regex(r"\d{4}-\d{2}-\d{2}", fullmatch=True),
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=5))
def test_fast_path_agrees_with_yaml(options: dict[str, str]) -> None:
    source = "\n".join(f"{k}: {v}" for k, v in options.items())
    fast = _simple(source, 1)
    if fast is None:
        return  # left to YAML
    try:
        expected = _Reader(source, 1).read()  # the YAML path
    except YamlError:
        raise AssertionError(f"fast path accepted what YAML rejects: {source!r}") from None
    assert fast == expected, source
    try:
        plain = yaml.safe_load(source)
    except ValueError:
        return  # an impossible date ("2025-13-45"): kept as text on purpose, reported later
    assert fast.data == plain, source


def test_fast_path_is_used_for_ordinary_options_and_lines_are_kept() -> None:
    source = (
        'source: cnbc-2025\npolicy: [a, b]\nstance: opposes\nquote: "We said: no."\n'
        "date: 2025-05-01"
    )
    fast = _simple(source, 10)
    assert fast is not None
    data, lines = fast.data, fast.lines
    assert data["policy"] == ["a", "b"] and data["quote"] == "We said: no."
    assert data["date"] == dt.date(2025, 5, 1)
    assert lines[("quote",)] == 13 and lines[("policy", 1)] == 11
    assert load(source, 10) == fast
