"""The policies: their overview, a page per policy (status, timeline, the debate — every
position taken on it, by stance — provisions, related policies, sources), and the year
archives of a long debate."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import pages
from ..index import Index
from ..model import Catalog
from ..pages import Page, PageKind, Plan, section, year_links
from ..view import View
from .archive import archive_plan, year_key, year_pages
from .lists import by_stance, timeline


def _index_pages(catalog: Catalog, index: Index) -> Iterator[tuple[str, Page]]:
    yield "policies/index.md", Page("policies")


def _index(page: Page, view: View) -> Plan:
    policies = list(view.catalog.policies.values())
    return Plan(view.t("page.policies"), (section(None, None, "policy_index", policies=policies),))


def _policy_pages(catalog: Catalog, index: Index) -> Iterator[tuple[str, Page]]:
    for pid in catalog.policies:
        yield f"policies/{pid}.md", Page("policy", pid)


def _policy(page: Page, view: View) -> Plan:
    catalog, index, t = view.catalog, view.index, view.t
    policy = catalog.policies[page.id]
    refs = index.by_policy.get(page.id, [])
    eps = index.episodes_by_policy.get(page.id, [])
    years = year_links(view, "policy-year", page.id, [r.date for r in refs] + [e.date for e in eps])
    sections = [
        section(None, None, "policy_head", p=policy),
        section(
            t("section.timeline"),
            "timeline",
            "timeline",
            items=timeline(view, page.id),
            years=years,
        ),
        section(
            t("section.debate"),
            "debate",
            "debate",
            find=False,
            groups=by_stance(refs, pages.NEWEST),
            years=years,
        ),
    ]
    if policy.provisions:
        sections.append(section(t("section.provisions"), "provisions", "provisions", p=policy))
    if policy.related:
        sections.append(section(t("section.related"), "related", "related", p=policy))
    sections.append(section(t("section.sources"), "sources", "sources", ids=policy.sources))
    if policy.corrections:
        sections.append(
            section(
                t("section.record_corrections"),
                "corrections",
                "record_corrections",
                corrections=policy.corrections,
            )
        )
    return Plan(view.name(policy.name), tuple(sections))


def _describe(page: Page, view: View) -> str | None:
    return view.plain(view.catalog.policies[page.id].summary)


def _jsonld(page: Page, view: View, ctx: Any, url: str) -> dict[str, Any]:
    from .. import jsonld

    return jsonld.policy(view.catalog.policies[page.id], ctx, url)


def _year_pages(catalog: Catalog, index: Index) -> Iterator[tuple[str, Page]]:
    for pid in catalog.policies:
        refs = index.by_policy.get(pid, [])
        eps = index.episodes_by_policy.get(pid, [])
        yield from year_pages("policy-year", "policies", pid, refs, eps)


def _year(page: Page, view: View) -> Plan:
    index = view.index
    title = view.name(view.catalog.policies[page.id].name)
    refs = index.by_policy.get(page.id, [])
    eps = index.episodes_by_policy.get(page.id, [])
    return archive_plan(page, view, "policy", title, refs, eps)


def _key(page: Page) -> tuple[str, str]:
    return (page.kind, f"{page.id}/{page.year}" if page.year else page.id)


INDEX = PageKind("policies", _index_pages, _index)
POLICY = PageKind("policy", _policy_pages, _policy, _key, _describe, _jsonld)
YEAR = PageKind("policy-year", _year_pages, _year, year_key, searchable=False)
