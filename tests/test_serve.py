"""A real `mkdocs serve` on loopback: pages follow edits, broken edits never stop it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sitekit import episode, write_site

TIMEOUT = 40.0
A = episode("""
    /// position | acme
        source: src-a
        policy: rule-x
        stance: supports
    甲公司支持
    ///
    """)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for: {what}")


class Server:
    """``mkdocs serve`` in a subprocess; its log goes to a file we can read."""

    def __init__(self, root: Path, *flags: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/repo/"
        self.log = root / "serve.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}", *flags],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("w"),
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        wait_for(lambda: fetch(self.base)[0] == 200, "the server to start")

    def page(self, path: str) -> str:
        status, body = fetch(self.base + path)
        assert status == 200, f"{path}: HTTP {status}"
        return body

    def body(self, path: str) -> str:
        """The page's HTML, or "" while it is missing (for polling)."""
        return fetch(self.base + path)[1]

    def logged(self) -> str:
        return self.log.read_text("utf-8", "replace")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    servers: list[Server] = []

    def start(*flags: str) -> Server:
        servers.append(Server(tmp_path, *flags))
        return servers[-1]

    yield start
    for s in servers:
        s.stop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    # some file systems keep one mtime per second: make sure the change is seen
    os.utime(path)


def test_serve_follows_edits_and_survives_broken_ones(tmp_path: Path, serve) -> None:
    write_site(tmp_path, {"2025/a.md": A})
    actors = tmp_path / "data" / "actors.yml"
    ep = tmp_path / "episodes" / "2025" / "a.md"
    server = serve()
    assert "甲公司支持" in server.page("2025/a/")

    # a data edit reaches the episode page and the generated pages
    edit(actors, "name: {zh: 甲公司, en: Acme}", "name: {zh: 甲集团, en: Acme}")
    wait_for(lambda: "甲集团" in server.body("2025/a/"), "the renamed actor on the episode")
    assert "甲集团" in server.page("policies/rule-x/")

    # a broken episode is reported with path:line, and the server keeps serving
    edit(ep, "/// position | acme", "/// position | acmee")
    wait_for(
        lambda: "episodes/2025/a.md:7: unknown actor 'acmee'" in server.logged(),
        "the error in the log",
    )
    assert "Traceback" not in server.logged()
    assert "甲公司支持" in server.page("2025/a/")
    # ... and the next good edit shows again
    edit(ep, "/// position | acmee\n", "/// position | beta\n")
    wait_for(lambda: 'data-actor="beta"' in server.body("2025/a/"), "the fixed episode")

    # broken YAML in data: reported, still serving; fixed: back
    edit(actors, "name: {zh: 甲集团, en: Acme}", "name: {zh: 甲集团, en: Acme")
    wait_for(
        lambda: "data/actors.yml:" in server.logged() and "not valid YAML" in server.logged(),
        "the YAML error",
    )
    assert server.page("2025/a/")
    edit(actors, "name: {zh: 甲集团, en: Acme", "name: {zh: 乙集团, en: Acme}")
    wait_for(lambda: "乙集团" in server.body("actors/acme/"), "the fixed data file")
    assert "Traceback" not in server.logged()
    assert server.proc.poll() is None


def test_drafts_show_under_serve_only_and_are_marked(tmp_path: Path, serve) -> None:
    draft = A.replace("show: show-a\n", "show: show-a\ndraft: true\n")
    write_site(tmp_path, {"2025/a.md": A, "2025/d.md": draft})
    server = serve()
    page = server.page("2025/d/")
    assert 'class="ep-draft"' in page and "草稿" in page
    assert "../2025/d/" in server.page("") or "2025/d/" in server.page("")
    from sitekit import build_site

    site = build_site(tmp_path / "mkdocs.yml", strict=True)
    assert not (site / "2025" / "d").exists()
    assert "2025/d/" not in (site / "index.html").read_text("utf-8")


def test_dirty_serve_keeps_cross_links_complete(tmp_path: Path, serve) -> None:
    write_site(tmp_path, {"2025/a.md": A})
    server = serve("--dirty")
    assert "2025/a/#acme-1" in server.page("policies/rule-x/")
    # a new episode: the policy page lists both (the index is built from every file)
    b = A.replace("title: 测试节目", "title: 第二期").replace("甲公司支持", "甲公司再次支持")
    (tmp_path / "episodes" / "2025" / "b.md").write_text(b, "utf-8")
    wait_for(lambda: "2025/b/#acme-1" in server.body("policies/rule-x/"), "episode b listed")
    policy = server.page("policies/rule-x/")
    assert "2025/a/#acme-1" in policy
    # editing one episode under --dirty: the home page still lists both
    edit(tmp_path / "episodes" / "2025" / "a.md", "甲公司支持", "甲公司依然支持")
    wait_for(lambda: "甲公司依然支持" in server.body("policies/rule-x/"), "the edit")
    home = server.page("")
    assert "第二期" in home and "测试节目" in home


def test_serve_keeps_answering_while_hostile_input_is_in_place(tmp_path: Path, serve) -> None:
    """The round-2 mistakes that once made requests hang: reported, and pages still served."""
    write_site(tmp_path, {"2025/a.md": A})
    actors = tmp_path / "data" / "actors.yml"
    ep = tmp_path / "episodes" / "2025" / "a.md"
    good_actors = actors.read_text("utf-8")
    server = serve()
    assert "甲公司支持" in server.page("2025/a/")
    hostile = [
        (actors, good_actors + "2025-13-45: x\n", "data/actors.yml:"),
        (actors, good_actors + "loop: &x [*x]\n", "data/actors.yml:"),
        (actors, good_actors + "x:\n  name: !!int abc\n", "data/actors.yml:"),
        (ep, A.replace("show: show-a", "show: show-a\n2025-13-45: x"), "episodes/2025/a.md:"),
        (
            ep,
            A.replace("/// position | acme", "/// position | " + "a" * 300),
            "episodes/2025/a.md:",
        ),
    ]
    for path, text, where in hostile:
        mark = len(server.logged())
        path.write_text(text, "utf-8")
        os.utime(path)
        try:
            wait_for(lambda w=where, m=mark: w in server.logged()[m:], f"the message for {where}")
        except AssertionError:
            raise AssertionError(server.logged()[mark:][-3000:]) from None
        assert server.page("2025/a/")  # answers while the mistake is in place
        assert "Traceback" not in server.logged()
        actors.write_text(good_actors, "utf-8")
        ep.write_text(A, "utf-8")
    assert server.proc.poll() is None


def test_dirty_serve_refreshes_the_pages_that_depend_on_an_edit(tmp_path: Path, serve) -> None:
    """The README's preview (serve --dirty): an edit reaches every page that shows it,
    not only the file that changed."""
    write_site(tmp_path, {"2025/a.md": A})
    server = serve("--dirty")
    assert "甲公司" in server.page("2025/a/")
    entry = json.loads(server.body("pagefind/pagefind-entry.json"))
    pages_before = next(iter(entry["languages"].values()))["page_count"]
    assert pages_before > 5
    # a data record: the episode that names the actor, its page, the policy page
    edit(
        tmp_path / "data" / "actors.yml",
        "name: {zh: 甲公司, en: Acme}",
        "name: {zh: 甲集团, en: Acme}",
    )
    wait_for(lambda: "甲集团" in server.body("2025/a/"), "the renamed actor on the episode")
    assert "甲集团" in server.page("actors/acme/")
    assert "甲集团" in server.page("policies/rule-x/")
    # an episode's title: the home page and the policy page list it under the new title
    edit(tmp_path / "episodes" / "2025" / "a.md", "title: 测试节目", "title: 改名的节目")
    wait_for(lambda: "改名的节目" in server.body(""), "the new title on the home page")
    assert "改名的节目" in server.page("policies/rule-x/")
    assert "改名的节目" in server.page("2025/a/")
    # the search index holds every page (not only the one rebuilt)
    entry = json.loads(server.body("pagefind/pagefind-entry.json"))
    [language] = entry["languages"].values()
    assert language["page_count"] == pages_before
    assert "Traceback" not in server.logged()
