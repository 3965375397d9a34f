"""Unit tests of the generated pages' planning (pure functions of the index)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from mkdocs_episodes.index import EpisodeEntry, PositionRef
from mkdocs_episodes.kinds.lists import refs_in_year
from mkdocs_episodes.model import Episode, Meta, Position

DATES = st.one_of(st.none(), st.dates(dt.date(1999, 1, 1), dt.date(2030, 12, 31)))


@given(st.lists(DATES, max_size=60))
def test_a_years_positions_are_the_slice_the_filter_finds(dates: list[dt.date | None]) -> None:
    entry = EpisodeEntry(Episode("e.md", Meta(), []), "e/")
    refs = [PositionRef(entry, Position(f"p{k}", k), d) for k, d in enumerate(dates)]
    refs.sort(key=lambda r: r.date or dt.date.min)  # as the index keeps them
    for year in {0, 1998, 2031, *(d.year for d in dates if d)}:
        expected = [r for r in refs if (r.date.year if r.date else 0) == year]
        assert refs_in_year(refs, year) == expected, year
