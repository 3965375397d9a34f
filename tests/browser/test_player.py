"""Listen along (issue 23), on real speech whose line timings are known (espeak-ng and
sox, tests/browser/speech.py), in a site with Material's instant navigation and
navigation.tracking, served at its own site_url: a line's time seeks the player there,
the line being spoken carries aria-current="time" as the audio plays, the page script
works after instant navigation, the line anchor survives scrolling, and YouTube is asked
for nothing until the reader presses its button (its IFrame API played by a test double
of its documented interface)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import sitekit
import speech
from browserkit import screenshot
from conftest import WIDTHS, _Quiet
from test_reading import run_axe

FEATURES = "  features:\n    - navigation.instant\n    - navigation.tracking\n"
LISTEN = "2025/listen/"
YOUTUBE = "2025/tube/"
YT_ID = "dQw4w9WgXcQ"


def body(lines: tuple[str, ...]) -> str:
    stamp = [f"[00:{n * speech.SLOT:02d}] {words}" for n, words in enumerate(lines)]
    return (
        "## 开场 {#opening}\n\n"
        + "\n".join(stamp[:3])
        + "\n\n/// opinion\n"
        + stamp[3]
        + "\n///\n\n## 结尾 {#end}\n\n"
        + "\n".join(stamp[4:])
        + "\n"
    )


def write(root: Path, site_url: str) -> Path:
    front = "title: {t}\ndate: 2025-05-0{d}\nshow: show-a\n{media}\n"
    listen = sitekit.episode(
        body(speech.LINES),
        front.format(t="边听边读", d=3, media='audio: media/2025/speech.wav\nduration: "00:20"'),
    )
    tube = sitekit.episode(
        body(speech.LINES),
        front.format(t="看视频", d=2, media=f"video: https://www.youtube.com/watch?v={YT_ID}"),
    )
    long = sitekit.episode(
        "".join(
            f"## 第{k}段 {{#part-{k}}}\n\n" + "".join(f"第{k}段第{n}行\n" for n in range(30)) + "\n"
            for k in range(3)
        ),
        "title: 长\ndate: 2025-05-01\nshow: show-a\n",
    )
    config = sitekit.write_site(
        root, {"2025/listen.md": listen, "2025/tube.md": tube, "2025/long.md": long}
    )
    text = config.read_text(encoding="utf-8")
    text = text.replace("https://example.org/repo/", site_url)
    text = text.replace("  font: false\n", "  font: false\n" + FEATURES)
    config.write_text(text, encoding="utf-8")
    speech.speak(root / "episodes" / "media" / "2025")
    for extra in (root / "episodes" / "media" / "2025").glob("*"):
        if extra.name != "speech.wav":
            extra.unlink()
    return config


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    root = tmp_path_factory.mktemp("listen")
    site = sitekit.build_site(write(root, url), strict=True)
    server.RequestHandlerClass = functools.partial(_Quiet, directory=str(site))  # type: ignore[assignment]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def chromium(browser: Any) -> Any:
    """The session's Chromium, which may play media without a gesture (conftest's ARGS:
    the tests start playback); one Playwright per process, so it is shared."""
    return browser


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def tab(request: pytest.FixtureRequest, chromium: Any) -> Iterator[Any]:
    width = WIDTHS[request.param]
    context = chromium.new_context(viewport={"width": width, "height": 844 if width < 600 else 900})
    pg = context.new_page()
    pg.width_name = request.param
    yield pg
    context.close()


def timed_lines(page: Any) -> list[tuple[str, float]]:
    return [
        (i, float(s))
        for i, s in page.evaluate(
            "[...document.querySelectorAll('.ep-l[data-start]')]"
            ".map(e => [e.id, e.getAttribute('data-start')])"
        )
    ]


def spoken(page: Any) -> list[str]:
    return list(
        page.evaluate("[...document.querySelectorAll('[aria-current=time]')].map(e => e.id)")
    )


def media_time(page: Any) -> float:
    return float(page.evaluate("document.querySelector('[data-player] audio').currentTime"))


def test_the_speech_lines_are_where_the_transcript_says(tab: Any, site_url: str) -> None:
    tab.goto(site_url + LISTEN)
    lines = timed_lines(tab)
    assert [s for _, s in lines] == [n * speech.SLOT for n in range(len(speech.LINES))]
    assert tab.locator("[data-player=audio] audio").count() == 1
    duration = tab.evaluate(
        """() => new Promise(ok => { const a = document.querySelector('[data-player] audio');
           if (a.readyState >= 1) ok(a.duration); else a.addEventListener('loadedmetadata',
           () => ok(a.duration)); })"""
    )
    assert abs(duration - speech.SLOT * len(speech.LINES)) < 0.1


def test_a_lines_time_seeks_the_player_and_the_spoken_line_follows(tab: Any, site_url: str) -> None:
    tab.goto(site_url + LISTEN)
    lines = timed_lines(tab)
    for line_id, start in (lines[2], lines[4], lines[1]):
        tab.locator(f"#{line_id} .ep-ts").click()
        tab.wait_for_function(
            f"Math.abs(document.querySelector('[data-player] audio').currentTime - {start}) < 0.5"
        )
        assert abs(media_time(tab) - start) <= 0.5
        tab.wait_for_function(f"document.getElementById('{line_id}').ariaCurrent === 'time'")
        assert spoken(tab) == [line_id]  # one line at a time
        assert tab.evaluate("location.pathname") == "/" + LISTEN  # still on the page
    # while it plays, the highlight advances with the audio, line by line
    tab.locator(f"#{lines[0][0]} .ep-ts").click()
    # until the seek lands the line before it is still the one spoken (a race seen on a
    # loaded machine): follow from the line the click asked for
    tab.wait_for_function(f"document.getElementById('{lines[0][0]}').ariaCurrent === 'time'")
    seen: list[str] = []
    for _ in range(60):
        now = spoken(tab)
        if now and (not seen or seen[-1] != now[0]):
            seen.append(now[0])
        if len(seen) >= 3:
            break
        tab.wait_for_timeout(200)
    assert seen[:3] == [lines[0][0], lines[1][0], lines[2][0]], seen
    t = media_time(tab)
    current = spoken(tab)[0]
    expected = max(i for i, s in lines if s <= t + 0.05)
    assert current in (expected, lines[[i for i, _ in lines].index(expected) - 1][0])
    highlight = tab.locator(f"#{current}").evaluate("e => getComputedStyle(e).backgroundColor")
    assert highlight != tab.locator(f"#{lines[4][0]}").evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    screenshot(tab, "player-playing")


def test_follow_keeps_the_spoken_line_in_view_until_the_reader_scrolls(
    tab: Any, site_url: str
) -> None:
    tab.goto(site_url + LISTEN)
    follow = tab.locator("[data-ep-follow]")
    assert follow.is_visible() and follow.get_attribute("aria-pressed") == "false"
    follow.click()
    assert follow.get_attribute("aria-pressed") == "true"
    last = timed_lines(tab)[-1][0]
    tab.evaluate("document.querySelector('[data-player] audio').currentTime = 16.2")
    tab.evaluate("document.querySelector('[data-player] audio').play()")
    tab.wait_for_function(f"document.getElementById('{last}').ariaCurrent === 'time'")
    tab.wait_for_timeout(800)  # smooth scrolling
    box = tab.locator(f"#{last}").bounding_box()
    height = tab.viewport_size["height"]
    assert box is not None and 0 <= box["y"] <= height
    tab.mouse.move(100, tab.viewport_size["height"] - 100)
    tab.mouse.wheel(0, -400)
    # the reader scrolled away
    tab.wait_for_function("document.querySelector('[data-ep-follow]').ariaPressed === 'false'")


def test_axe_finds_no_violation_with_the_player(tab: Any, site_url: str) -> None:
    tab.goto(site_url + LISTEN)
    assert run_axe(tab) == []
    screenshot(tab, "player")


def test_after_instant_navigation_the_toggle_and_the_player_work(tab: Any, site_url: str) -> None:
    tab.goto(site_url)
    tab.wait_for_load_state("networkidle")  # Material has read the sitemap
    tab.evaluate("window.__sameDocument = true")
    tab.locator(f'a[href$="{LISTEN}"]').first.click()
    tab.wait_for_url(site_url + LISTEN)
    tab.locator("[data-player] audio").wait_for()
    assert tab.evaluate("window.__sameDocument === true"), "not instant navigation"
    toggle = tab.locator("[data-ep-toggle=commentary]")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    line_id, start = timed_lines(tab)[3]
    tab.locator(f"#{line_id} .ep-ts").click()
    tab.wait_for_function(f"document.getElementById('{line_id}').ariaCurrent === 'time'")
    assert abs(media_time(tab) - start) <= 0.5
    # away (the player stops, its marks go) and back: one player, working, no stale state
    tab.go_back()
    tab.wait_for_url(lambda url: urlsplit(url).path == "/")
    tab.locator("[data-player]").wait_for(state="detached")
    assert tab.evaluate("document.querySelectorAll('[aria-current=time]').length") == 0
    tab.go_forward()
    tab.wait_for_url(lambda url: urlsplit(url).path == "/" + LISTEN)
    tab.locator("[data-player] audio").wait_for()
    assert tab.evaluate("window.__sameDocument === true")
    line_id, start = timed_lines(tab)[1]
    tab.locator(f"#{line_id} .ep-ts").click()
    tab.wait_for_function(f"document.getElementById('{line_id}').ariaCurrent === 'time'")
    assert abs(media_time(tab) - start) <= 0.5
    assert len(spoken(tab)) == 1


def test_a_line_anchor_survives_navigation_tracking(tab: Any, site_url: str) -> None:
    tab.goto(site_url + "2025/long/")
    line_id = tab.evaluate("document.querySelectorAll('.ep-l')[40].id")  # in the 2nd part
    tab.goto(site_url + f"2025/long/#{line_id}")
    tab.wait_for_load_state("networkidle")
    for _ in range(6):  # read on, past the next heading
        tab.mouse.wheel(0, 300)
        tab.wait_for_timeout(300)
    tab.wait_for_timeout(800)  # tracking is debounced
    assert tab.evaluate("location.hash") == f"#{line_id}"
    # once the reader goes to a section, tracking writes sections again
    tab.evaluate("location.hash = '#part-0'")
    for _ in range(6):
        tab.mouse.wheel(0, 300)
        tab.wait_for_timeout(300)
    tab.wait_for_timeout(800)
    assert tab.evaluate("location.hash") in ("#part-1", "#part-2")


# --- YouTube: nothing asked of it before the reader presses the button --------------------

FAKE_API = """
window.__yt = {calls: []};
window.YT = {Player: function (el, opts) {
  var self = this, time = 0, state = -1, timer = null;
  __yt.calls.push(['new', opts.videoId]);
  var frame = document.createElement('div');
  frame.className = 'fake-yt'; frame.textContent = 'YouTube ' + opts.videoId;
  el.replaceWith(frame);
  function set(s) { state = s; opts.events.onStateChange({data: s}); }
  this.getCurrentTime = function () { return time; };
  this.getPlayerState = function () { return state; };
  this.seekTo = function (s, ahead) { __yt.calls.push(['seekTo', s, ahead]); time = s; };
  this.playVideo = function () { __yt.calls.push(['playVideo']);
    clearInterval(timer); timer = setInterval(function () { time += 0.25; }, 250); set(1); };
  this.pauseVideo = function () { __yt.calls.push(['pauseVideo']); clearInterval(timer); set(2); };
  setTimeout(function () { opts.events.onReady({target: self}); }, 50);
}};
window.onYouTubeIframeAPIReady();
"""


def test_youtube_is_loaded_only_when_the_reader_asks(tab: Any, site_url: str) -> None:
    outside: list[str] = []
    tab.on("request", lambda r: None if r.url.startswith(site_url) else outside.append(r.url))
    tab.route(
        "https://www.youtube.com/iframe_api",
        lambda route: route.fulfill(content_type="text/javascript", body=FAKE_API),
    )
    tab.goto(site_url + YOUTUBE)
    tab.wait_for_load_state("networkidle")
    assert outside == []  # no request to a third party before the click
    lines = timed_lines(tab)
    link = tab.locator(f"#{lines[2][0]} .ep-ts")
    assert link.get_attribute("href") == f"https://www.youtube.com/watch?v={YT_ID}&t=8s"
    assert tab.locator("[data-ep-follow]").is_hidden()  # nothing to follow yet
    screenshot(tab, "player-youtube")
    tab.locator("[data-ep-load]").click()
    tab.wait_for_function("window.__yt && __yt.calls.length > 0")
    assert outside == ["https://www.youtube.com/iframe_api"]
    assert tab.evaluate("__yt.calls[0]") == ["new", YT_ID]
    tab.locator("[data-ep-follow]").wait_for()  # ready
    link.click()
    tab.wait_for_function(f"document.getElementById('{lines[2][0]}').ariaCurrent === 'time'")
    assert tab.evaluate("__yt.calls.slice(1, 3)") == [["seekTo", 8, True], ["playVideo"]]
    tab.wait_for_function(f"document.getElementById('{lines[3][0]}').ariaCurrent === 'time'")
    assert spoken(tab) == [lines[3][0]]
    assert tab.evaluate("location.pathname") == "/" + YOUTUBE
