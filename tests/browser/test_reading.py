"""The reading experience in a real browser: accessibility, the commentary control,
Chinese search, layout at phone and desktop width, dark mode and print."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browserkit import ROOT, no_horizontal_scroll, screenshot

EPISODE = "2025/anthropic-nvidia-export-controls/"
PAGES = {
    "home": "",
    "episode": EPISODE,
    "policy": "policies/ai-diffusion-rule/",
    "actor": "actors/nvidia/",
    "overview": "stances/",
    "policies": "policies/",
    "actors": "actors/",
    "corrections": "corrections/",
}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def run_axe(page: Any) -> list[str]:
    if not AXE.exists():
        import os

        if os.environ.get("CI"):
            pytest.fail("node_modules/axe-core is missing in CI (npm ci)")
        pytest.skip("axe-core not installed (npm ci)")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => (await axe.run(document)).violations.map(v =>
            v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
    )
    return list(found)


@pytest.mark.parametrize("kind", list(PAGES))
def test_axe_finds_no_violations(page: Any, base_url: str, kind: str) -> None:
    page.goto(base_url + PAGES[kind])
    assert run_axe(page) == []
    assert no_horizontal_scroll(page)
    screenshot(page, kind)


@pytest.mark.parametrize("kind", ["episode", "policy", "overview"])
def test_axe_in_dark_mode(browser: Any, base_url: str, kind: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(base_url + PAGES[kind])
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert run_axe(page) == []
    context.close()


def visible_lines(page: Any) -> set[str]:
    return set(
        page.evaluate(
            """() => [...document.querySelectorAll('.ep-l')]
                 .filter(e => e.offsetParent !== null).map(e => e.id)"""
        )
    )


def test_reader_can_hide_commentary_and_choice_survives_reload(page: Any, base_url: str) -> None:
    page.goto(base_url + EPISODE)
    every = visible_lines(page)
    commentary = set(
        page.evaluate(
            """() => [...document.querySelectorAll(
                 '[data-kind=opinion] .ep-l, [data-kind=analysis] .ep-l')].map(e => e.id)"""
        )
    )
    assert len(every) == 239 and 0 < len(commentary) < 239
    notes = page.locator('[data-kind="context"]').count()
    toggle = page.get_by_role("button", name="隐藏主持人评论（只看报道与立场）")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    # nothing but commentary disappears: every other line, every note, every position stays
    assert visible_lines(page) == every - commentary
    assert page.locator('[data-kind="context"]:visible').count() == notes
    assert page.locator('[data-kind="position"] .ep-l:visible').count() > 0
    # the commentary's labelled header stays, saying what was hidden
    head = page.locator("#opening-framing .ep-head")
    assert head.is_visible() and "已隐藏第 2–11 行" in head.inner_text()
    screenshot(page, "episode-commentary-hidden")
    page.reload()
    assert visible_lines(page) == every - commentary
    show = page.get_by_role("button", name="显示主持人评论")
    assert show.get_attribute("aria-pressed") == "true"
    show.click()
    assert visible_lines(page) == every
    page.reload()
    assert visible_lines(page) == every


def test_commentary_is_exposed_to_assistive_technology(page: Any, base_url: str) -> None:
    page.goto(base_url + EPISODE)
    notes = page.get_by_role("note")
    names = [notes.nth(i).get_attribute("aria-label") for i in range(notes.count())]
    assert any(n.startswith("观点：") and "不是事实报道" in n for n in names)
    assert any(n.startswith("分析：") for n in names)
    assert any(n.startswith("编者注") for n in names)
    opinion = page.get_by_role("note", name="观点：主持人大飞的评论，不是事实报道").first
    assert opinion.locator(".ep-label").inner_text() == "观点"  # visible label text


def boxes_overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_nothing_overlaps_on_the_episode_page(page: Any, base_url: str) -> None:
    page.goto(base_url + EPISODE)
    assert no_horizontal_scroll(page)
    for n in (1, 57, 120, 239):
        # the number is drawn in the line's left padding, the words start after it
        number_width, gutter = page.locator(f"#L{n}").evaluate(
            """e => [parseFloat(getComputedStyle(e, '::before').width),
                     parseFloat(getComputedStyle(e).paddingLeft)]"""
        )
        assert 0 < number_width <= gutter, n
    for sel in ("#nvidia-tall-tales", "#opening-framing", "#note-rescission"):
        label = page.locator(f"{sel} .ep-head .ep-label").bounding_box()
        text = page.locator(f"{sel} .ep-head > :nth-child(2)").bounding_box()
        assert label and text and not boxes_overlap(label, text), sel
    # the position's quote sits beside (desktop) or below (phone) the host's words
    account = page.locator("#nvidia-tall-tales .ep-account").bounding_box()
    quote = page.locator("#nvidia-tall-tales .ep-quote").bounding_box()
    assert account and quote and not boxes_overlap(account, quote)
    if page.width_name == "desktop":
        assert quote["x"] > account["x"] + account["width"] - 1
    else:
        assert quote["y"] >= account["y"] + account["height"] - 1


def test_dark_mode_keeps_markings_distinct(page: Any, base_url: str) -> None:
    page.goto(base_url + EPISODE)
    page.locator("label.md-header__button[for^=__palette]:visible").first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    style = {}
    for kind in ("position", "opinion", "analysis", "context"):
        style[kind] = page.locator(f'[data-kind="{kind}"]').first.evaluate(
            """e => { const s = getComputedStyle(e);
                 return [s.borderTopStyle, s.backgroundColor, s.borderTopColor] }"""
        )
    assert [style[k][0] for k in style] == ["solid", "dashed", "dashed", "dotted"]
    assert len({style[k][1] for k in style}) == 4  # four different backgrounds
    body = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert all(style[k][1] != body for k in style)
    screenshot(page, "episode-dark")


def test_print_has_labels_and_transcript_without_navigation(
    browser: Any, base_url: str, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + EPISODE)
    page.get_by_role("button", name="隐藏主持人评论（只看报道与立场）").click()  # even hidden …
    page.emulate_media(media="print")
    for sel in (".md-header", ".md-sidebar--primary", ".md-footer", ".ep-controls"):
        assert not page.locator(sel).first.is_visible(), sel
    assert page.locator("#L2").is_visible()  # … commentary prints
    assert page.locator("#L239").is_visible()
    assert page.locator("#opening-framing .ep-label").is_visible()
    assert page.locator("#note-rescission .ep-label").is_visible()
    pdf = tmp_path / "episode.pdf"
    page.pdf(path=str(pdf))
    assert pdf.stat().st_size > 50_000
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    pdf.replace(artifacts / "episode-print.pdf")
    context.close()
