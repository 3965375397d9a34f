"""The first episode page in a real browser, at phone and desktop width."""

from __future__ import annotations

from typing import Any

from browserkit import no_horizontal_scroll, screenshot

EPISODE = "2025/anthropic-nvidia-export-controls/"


def test_episode_shows_segments_cards_labels_and_notes(page: Any, base_url: str) -> None:
    page.goto(base_url + EPISODE)
    assert page.locator("h1").inner_text().startswith("用仿真孕肚和龙虾走私芯片")
    assert page.locator("article h2#anthropic-post").is_visible()
    card = page.locator('[data-kind="position"][data-actor="nvidia"]').first
    card.scroll_into_view_if_needed()
    text = card.inner_text()
    assert "英伟达" in text and "来源" in text and "2025-05-01" in text
    assert "tall tales" in text  # the verbatim quote beside the host's account
    opinion = page.locator('[data-kind="opinion"]').first
    assert opinion.locator(".ep-label").inner_text() == "观点"
    note = page.locator('[data-kind="context"]#note-rescission')
    note.scroll_into_view_if_needed()
    assert note.locator(".ep-label").is_visible() and "编者注" in note.inner_text()
    assert no_horizontal_scroll(page)
    screenshot(page, "episode-top")


def test_line_link_scrolls_to_and_highlights_the_line(page: Any, base_url: str) -> None:
    page.goto(base_url + EPISODE + "#L57")
    line = page.locator("#L57")
    page.wait_for_timeout(200)
    assert line.is_visible()
    box = line.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    highlighted = line.evaluate("e => getComputedStyle(e).backgroundColor")
    other = page.locator("#L58").evaluate("e => getComputedStyle(e).backgroundColor")
    assert highlighted != other
    screenshot(page, "episode-L57")


def test_commentary_is_distinct_without_colour(page: Any, base_url: str) -> None:
    """Label text, border style and accessible name differ; colour is not the only cue."""
    page.goto(base_url + EPISODE)
    styles = {}
    for kind in ("position", "opinion", "analysis", "context"):
        el = page.locator(f'[data-kind="{kind}"]').first
        styles[kind] = el.evaluate(
            "e => [getComputedStyle(e).borderTopStyle, e.querySelector('.ep-label').innerText,"
            " e.getAttribute('aria-label')]"
        )
    assert styles["position"][0] == "solid"
    assert styles["opinion"][0] == "dashed" and styles["analysis"][0] == "dashed"
    assert styles["context"][0] == "dotted"
    assert len({s[1] for s in styles.values()}) == 4  # four different label texts
    assert "观点" in styles["opinion"][2] and "不是事实报道" in styles["opinion"][2]
    assert "分析" in styles["analysis"][2]


def test_full_page_screenshot(page: Any, base_url: str) -> None:
    page.goto(base_url + EPISODE)
    assert no_horizontal_scroll(page)
    path = screenshot(page, "episode-full", full_page=True)
    assert path.stat().st_size > 10_000


def test_clicking_a_line_number_links_the_line(page: Any, base_url: str) -> None:
    page.goto(base_url + EPISODE)
    line = page.locator("#L120")
    line.scroll_into_view_if_needed()
    box = line.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 5, box["y"] + box["height"] / 2)
    assert page.evaluate("location.hash") == "#L120"
    assert line.evaluate("e => getComputedStyle(e).backgroundColor") != page.locator(
        "#L121"
    ).evaluate("e => getComputedStyle(e).backgroundColor")
