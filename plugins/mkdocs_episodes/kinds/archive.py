"""A year of a policy's or an actor's positions and episodes, in compact rows (the pages
a long list continues on)."""

from __future__ import annotations

from .. import pages
from ..index import EpisodeEntry, PositionRef
from ..pages import Page, Plan, section, year_of
from ..view import View
from .lists import by_policy, by_stance, refs_in_year


def archive_plan(
    page: Page,
    view: View,
    kind: str,
    title: str,
    refs: list[PositionRef],
    episodes: list[EpisodeEntry],
) -> Plan:
    """One year (``page.year``) of ``refs`` and ``episodes`` of the policy or actor
    ``page.id`` (``kind``), titled after ``title``."""
    t = view.t
    refs = refs_in_year(refs, page.year)
    eps = [e for e in episodes if year_of(e.date) == page.year]
    groups = by_stance(refs, None) if kind == "policy" else by_policy(refs, None)
    heading = t("section.discussed_in") if kind == "policy" else t("section.appearances")
    sections = (
        section(None, None, "archive_intro", find=False, kind=kind, rid=page.id),
        section(t("section.positions"), "positions", "compact_refs", find=False, groups=groups),
        section(heading, "episodes", "compact_episodes", find=False, episodes=eps),
    )
    return Plan(t("page.archive", title=title, year=page.year), sections)


def long(refs: list[PositionRef], episodes: list[EpisodeEntry]) -> bool:
    """Whether a record's lists go on to archive pages."""
    return len(refs) > pages.NEWEST or len(episodes) > pages.NEWEST
