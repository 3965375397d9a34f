#!/usr/bin/env python3
"""Build benchmark: how the cost of the site grows with the archive.

    python scripts/bench.py                 # N = 1,000 and 10,000 (about 20 minutes)
    python scripts/bench.py --sizes 100 300 # quicker
    python scripts/bench.py --serve         # also: save-to-preview under `make serve`
    python scripts/bench.py --big           # also: one 0.5 MB and one 5 MB transcript
    python scripts/bench.py --import        # only: `episodes import` of 200 yt-dlp downloads

For each N it generates N synthetic episodes shaped like the first real one and builds
(A) the site with the plugin and (B) the same Markdown, theme and nav with the plugin
switched off (blocks left as plain text): the cost of the content itself. A and B are
compared with no search on either side (the same search work: none); each is built again
with its search (A: Pagefind, B: Material's, up to --material-max episodes), reported
beside with its index and a reader's first query. Each build runs in a fresh process that
reports its wall time, peak memory and the time spent inside the plugin's hooks. A's
first build starts with no cache (cold); at the smallest N the published site is then
rebuilt with the cache warm: nothing changed, one episode changed (a full `mkdocs build`,
and `mkdocs build --dirty` as `make serve` rebuilds). Prints tables; nothing is asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import searchprobe

ROOT = Path(__file__).resolve().parent.parent
TRANSCRIPT = (ROOT / "episodes" / "2025" / "anthropic-nvidia-export-controls.md").read_text("utf-8")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

# The words of the real transcript, recycled (only the shape matters here).
WORDS = [
    line
    for line in TRANSCRIPT.split("---", 2)[2].splitlines()
    if line.strip() and not line.startswith(("#", "///", "    ")) and "](" not in line
]
ACTORS = [f"actor-{i:02d}" for i in range(12)]
POLICIES = [f"policy-{i}" for i in range(6)]
SOURCES = [f"source-{i:02d}" for i in range(30)]

CONFIG = """\
site_name: 基准
site_url: https://example.org/bench/
docs_dir: episodes
theme:
  name: material
  custom_dir: {overrides}
  language: zh
  font: false
nav:
  - 首页: index.md
plugins:
  - search:
      lang: zh
  - episodes:
      enabled: {enabled}
markdown_extensions:
  - attr_list
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
validation:
  nav:
    omitted_files: ignore
    not_found: ignore
"""

# Runs one build in this process and prints its figures as JSON (used as a subprocess).
RUNNER = r"""
import json, resource, sys, time, os
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_episodes import plugin as P
spent = {"t": 0.0}
def timed(fn):
    def wrap(*a, **k):
        t = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            spent["t"] += time.perf_counter() - t
    return wrap
for name in ("on_config", "on_files", "on_page_markdown", "on_page_content", "on_post_page",
             "on_env", "on_pre_build", "on_post_build", "on_serve"):
    if hasattr(P.EpisodesPlugin, name):
        setattr(P.EpisodesPlugin, name, timed(getattr(P.EpisodesPlugin, name)))
t0 = time.perf_counter()
dirty = sys.argv[2:] == ["dirty"]
cfg = load_config(sys.argv[1])
cfg.plugins.on_startup(command="build", dirty=dirty)
build(cfg, dirty=dirty)
wall = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"wall": wall, "peak": peak, "plugin": spent["t"]}))
"""


def catalog() -> dict[str, str]:
    actors = "".join(
        f"{a}:\n  name: {{zh: 人物{i}, en: Actor {i}}}\n  kind: "
        f"{'person' if i % 3 == 0 else 'company'}\n"
        for i, a in enumerate(ACTORS)
    )
    sources = "".join(
        f"{s}:\n  title: 来源 {i}\n  publisher: 出版方\n  url: "
        f"https://example.org/s/{i}\n  date: 2025-01-{i % 28 + 1:02d}\n"
        for i, s in enumerate(SOURCES)
    )
    policies = "".join(
        f"{p}:\n  name: {{zh: 政策{i}, en: Policy {i}}}\n  agency: {ACTORS[i]}\n"
        f"  status: {{value: in-force, date: 2025-01-0{i + 1}, source: {SOURCES[i]}}}\n"
        f"  summary: 第 {i} 项政策的摘要。\n  timeline:\n"
        f"    - {{date: 2025-01-0{i + 1}, event: 发布。, source: {SOURCES[i]}}}\n"
        f"  sources: [{SOURCES[i]}]\n"
        for i, p in enumerate(POLICIES)
    )
    shows = "show:\n  name: {zh: 节目, en: Show}\n  hosts: [actor-00]\n"
    return {
        "actors.yml": actors,
        "sources.yml": sources,
        "policies.yml": policies,
        "shows.yml": shows,
    }


def episode(n: int, lines: int = 240, timestamps: bool | None = None) -> str:
    """A synthetic episode shaped like the real one."""
    rnd = random.Random(n)
    stamped = (n % 3 == 0) if timestamps is None else timestamps
    day = 1 + n % 28
    out = [
        "---",
        f"title: 第 {n} 期：关于政策的讨论",
        f"date: {2015 + n % 11}-{1 + n % 12:02d}-{day:02d}",
        "show: show",
        f"summary: 第 {n} 期节目的摘要，讨论几项政策。",
        "---",
        "",
    ]
    positions = rnd.randint(15, 20)
    block_at = sorted(rnd.sample(range(10, lines - 10, 6), positions + 13))
    kinds = ["position"] * positions + ["opinion"] * 5 + ["analysis"] * 4 + ["context"] * 4
    rnd.shuffle(kinds)
    starts = dict(zip(block_at, kinds, strict=True))
    i = 0
    open_block = None
    while i < lines:
        if i % 30 == 0:
            if open_block:  # a block ends before the next segment's heading
                out.append("///")
                open_block = None
            out += ["", f"## 第 {i // 30 + 1} 段", ""]
        kind = starts.get(i)
        if kind and open_block is None:
            if kind == "position":
                actor, policy = rnd.choice(ACTORS), rnd.choice(POLICIES)
                out += [
                    f"/// position | {actor}",
                    f"    source: {rnd.choice(SOURCES)}",
                    f"    policy: {policy}",
                    f"    stance: {rnd.choice(['supports', 'opposes', 'mixed', 'neutral'])}",
                    '    quote: "We said this, verbatim."',
                ]
            elif kind == "context":
                out += [
                    "/// context",
                    "    date: 2026-01-01",
                    f"    source: {rnd.choice(SOURCES)}",
                    "编者补充的背景说明，见[政策](policy:policy-1)。",
                    "///",
                    "",
                ]
                kind = None
            else:
                out.append(f"/// {kind}")
            open_block = kind and i + rnd.randint(2, 4)
        words = WORDS[(n * 7 + i) % len(WORDS)]
        if i % 40 == 5:
            words = f"见[{words[:2]}](actor:{rnd.choice(ACTORS)}){words[2:]}"
        stamp = f"[{i * 4 // 60:02d}:{i * 4 % 60:02d}] " if stamped and i % 5 == 0 else ""
        out.append(stamp + words)
        i += 1
        if open_block and i >= open_block:
            out += ["///", ""]
            open_block = None
        elif open_block is None and i % 8 == 0:
            out.append("")
    if open_block:
        out.append("///")
    return "\n".join(out) + "\n"


def make_site(root: Path, n: int, enabled: bool, search: bool = True) -> Path:
    """The synthetic site: with the plugin (A) or without (B); with each side's search
    (A: Pagefind, the plugin's default; B: Material's) or with no search at all."""
    (root / "episodes").mkdir(parents=True)
    (root / "data").mkdir()
    for name, text in catalog().items():
        (root / "data" / name).write_text(text, "utf-8")
    config = CONFIG.format(overrides=ROOT / "site_overrides", enabled=str(enabled).lower())
    if not search:  # no search plugin; the plugin's own search is Material's, which is absent
        config = config.replace("  - search:\n      lang: zh\n", "")
        config = config.replace(
            "      enabled: true\n", "      enabled: true\n      search: material\n"
        )
    (root / "mkdocs.yml").write_text(config, "utf-8")
    if not enabled:  # B has no generated home page: give it the simplest one
        (root / "episodes" / "index.md").write_text("# 基准\n", "utf-8")
    for k in range(n):
        path = root / "episodes" / str(2015 + k % 11) / f"episode-{k:05d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(episode(k), "utf-8")
    return root / "mkdocs.yml"


def run_build(config: Path, dirty: bool = False) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(config), *(["dirty"] if dirty else [])],
        cwd=config.parent,
        capture_output=True,
        text=True,
        env=ENV,
    )
    if result.returncode:
        sys.exit(f"build failed:\n{result.stderr[-3000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    site = config.parent / "site"
    pages = [p.stat().st_size for p in site.glob("20*/episode-*/index.html")]
    figures["bytes"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    figures["page"] = statistics.median(pages) if pages else 0
    # the largest page of all (year archives of policies and actors grow with dense years)
    largest = max(site.rglob("index.html"), key=lambda p: p.stat().st_size, default=None)
    figures["largest"] = largest.stat().st_size if largest else 0
    figures["largest_url"] = str(largest.parent.relative_to(site)) + "/" if largest else ""
    figures["warnings"] = result.stderr.count("WARNING")
    figures["gz"] = gzipped(site)
    figures["parts"] = parts(site)
    figures["page_dl"] = (
        statistics.median(
            sum(f.stat().st_size for f in p.parent.iterdir() if f.is_file())
            for p in site.glob("20*/episode-*/index.html")
        )
        if pages
        else 0
    )
    figures["index"] = searchprobe.index_bytes(site)
    found = re.search(r"search index \(Pagefind\): \d+ pages in ([0-9.]+) s", result.stderr)
    figures["index_s"] = float(found.group(1)) if found else float("nan")
    return figures


PARTS = (
    "episode pages",
    "transcript.txt",
    "transcript.vtt",
    "transcript.srt",
    "transcript.json",
    "chapters.json",
    "actor pages",
    "policy pages",
    "other lists (home, years, stances)",
    "search index",
    "theme assets",
    "the rest",
)


def part_of(rel: Path) -> str:
    """Which of :data:`PARTS` the published file ``rel`` (relative to the site) is."""
    top = rel.parts[0]
    if len(rel.parts) == 3 and rel.parts[1].startswith("episode-"):
        return "episode pages" if rel.name == "index.html" else rel.name
    if top in ("actors", "policies"):
        return {"actors": "actor pages", "policies": "policy pages"}[top]
    if top == "pagefind":
        return "search index"
    if top == "assets":
        return "theme assets"
    if rel.name == "index.html":
        return "other lists (home, years, stances)"
    return "the rest"


def parts(site: Path) -> dict[str, int]:
    """The site's bytes on disk by :data:`PARTS`."""
    out = dict.fromkeys(PARTS, 0)
    for p in site.rglob("*"):
        if p.is_file():
            out[part_of(p.relative_to(site))] += p.stat().st_size
    return out


def gzipped(site: Path) -> int:
    """The site's bytes as a server sends them compressed (gzip level 6 a file)."""
    return sum(len(gzip.compress(p.read_bytes(), 6)) for p in site.rglob("*") if p.is_file())


QUERIES = ("走私", "Anthropic")
"""A Chinese and an English word of the generated transcripts."""


def probe(site: Path) -> dict[str, dict[str, float | None]]:
    """The first search of each of :data:`QUERIES` on an episode page of ``site``."""
    out = {}
    for query in QUERIES:
        try:
            out[query] = searchprobe.first_query(site, "2015/episode-00000/", query)
        except Exception as e:  # no Chromium or Playwright here: say so, go on
            print(f"  search probe failed: {e}", file=sys.stderr)
            out[query] = {"seconds": None, "bytes": 0, "files": 0, "results": 0}
    return out


def run_check(config: Path) -> float:
    """Wall time of ``episodes check`` (the whole-site check without a build)."""
    exe = Path(sys.executable).with_name("episodes")
    start = time.perf_counter()
    result = subprocess.run([str(exe), "check"], cwd=config.parent, capture_output=True, env=ENV)
    if result.returncode:
        sys.exit(f"episodes check failed:\n{result.stdout[-3000:]!r}")
    return time.perf_counter() - start


def mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


SIDES = {
    "A": (True, False),  # the plugin, no search: the cold-build and memory budgets
    "B": (False, False),  # the same Markdown without the plugin, no search
    "AS": (True, True),  # the published site: the plugin with Pagefind
    "BS": (False, True),  # the same Markdown with Material's search
}


def bench(
    sizes: list[int], work: Path, material_max: int = 1000
) -> dict[int, dict[str, dict[str, Any]]]:
    """Each size built four ways (:data:`SIDES`), each in a fresh process. Material's
    search (BS) is built only up to ``material_max`` episodes (above, its one index file
    holds every transcript: see the search table)."""
    results: dict[int, dict[str, dict[str, Any]]] = {}
    for n in sizes:
        results[n] = {}
        for label, (enabled, search) in SIDES.items():
            if label == "BS" and n > material_max:
                continue
            root = work / (f"A{n}" if label == "AS" else f"{label}{n}")
            cfg = make_site(root, n, enabled, search)
            results[n][label] = run_build(cfg)
            a = results[n][label]
            if search:
                a["search"] = probe(cfg.parent / "site")
            if label == "AS":
                a["check"] = run_check(cfg)
            print(
                f"  N={n:>5} {label:>2}: {a['wall']:7.1f} s  peak {mb(a['peak'])}  "
                f"plugin {a['plugin']:6.1f} s  site {mb(a['bytes'])}  "
                f"episode page {a['page'] / 1000:.0f} KB",
                file=sys.stderr,
                flush=True,
            )
            if label != "AS":
                shutil.rmtree(root)
    return results


def table(results: dict[int, dict[str, dict[str, Any]]]) -> str:
    rows = [
        "| N | A wall | B wall | A/B | plugin share of A | A peak RSS | B peak RSS | A/B peak "
        "| median episode page (A) | `episodes check` |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, r in results.items():
        a, b, s = r["A"], r["B"], r["AS"]
        rows.append(
            f"| {n:,} | {a['wall']:.1f} s | {b['wall']:.1f} s | {a['wall'] / b['wall']:.2f} "
            f"| {a['plugin'] / a['wall']:.0%} | {mb(a['peak'])} | {mb(b['peak'])} | "
            f"{a['peak'] / b['peak']:.2f} | {a['page'] / 1000:.1f} KB | "
            f"{s['check']:.1f} s ({s['check'] / s['wall']:.0%} of a build) |"
        )
    ns = sorted(results)
    extra = []
    for big_n in (3000, 10000):
        if 1000 in results and big_n in results:
            a1, a2 = results[1000]["A"], results[big_n]["A"]
            k = big_n // 1000
            extra.append(
                f"time({big_n:,})/time(1,000) for A (cold): **{a2['wall'] / a1['wall']:.2f}** "
                f"(linear would be {k}); peak memory {mb(a2['peak'])} vs {mb(a1['peak'])}: "
                f"**{a2['peak'] / a1['peak']:.2f}×** for {k}× the episodes"
            )
    for n in ns:
        a = results[n]["AS"]
        extra.append(
            f"largest page at N={n:,} (A): {a['largest'] / 1e6:.2f} MB (`{a['largest_url']}`)"
        )
    if len(ns) >= 2:
        small, large = results[ns[0]]["A"]["page"], results[ns[-1]]["A"]["page"]
        extra.append(
            f"median episode page, N={ns[0]:,} vs N={ns[-1]:,}: {small / 1000:.1f} KB "
            f"vs {large / 1000:.1f} KB ({large / small - 1:+.1%})"
        )
    return (
        "\n".join(rows)
        + "\n\n"
        + "\n".join(f"- {e}" for e in extra)
        + "\n\n"
        + size_table(results)
        + "\n\n"
        + parts_table(results)
        + "\n\n"
        + search_table(results)
    )


def size_table(results: dict[int, dict[str, Any]]) -> str:
    """Bytes on disk and as served (gzip) of the published sites (A with its Pagefind
    index, B with Material's where it was built, else without search), an episode page
    with its downloads, the largest page, against the budgets (1 GB, 1 MB a page)."""
    rows = [
        "| N | A site (with Pagefind) | A gzipped | B site | B gzipped "
        "| median episode page + downloads (A) | largest page (A) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, r in results.items():
        a = r["AS"]
        b = r.get("BS") or r["B"]
        which = "" if "BS" in r else " (no search)"
        rows.append(
            f"| {n:,} | {mb(a['bytes'])} | {mb(a['gz'])} | {mb(b['bytes'])}{which} "
            f"| {mb(b['gz'])} | {a['page_dl'] / 1000:.1f} KB | {a['largest'] / 1e6:.2f} MB "
            f"(`{a['largest_url']}`) |"
        )
    return "\n".join(rows)


def parts_table(results: dict[int, dict[str, Any]]) -> str:
    """Where the published site's bytes are (A with Pagefind): each part in all, and per
    episode."""
    sizes = list(results)
    head = " | ".join(f"N = {n:,} | per episode" for n in sizes)
    rows = [f"| part | {head} |", "|---|" + "---:|---:|" * len(sizes)]
    for part in PARTS:
        cells = " | ".join(
            f"{mb(results[n]['AS']['parts'][part])} "
            f"| {results[n]['AS']['parts'][part] / n / 1000:.1f} KB"
            for n in sizes
        )
        rows.append(f"| {part} | {cells} |")
    return "\n".join(rows)


def search_table(results: dict[int, dict[str, Any]]) -> str:
    """Each engine: the build with it against the same build without search (its cost), its
    index and a reader's first query (A: Pagefind, the plugin's default; B: Material's
    search on the same Markdown)."""
    rows = [
        "| N | engine | build with it | without search | peak RSS | index bytes | query "
        "| first result | search bytes fetched (files) |",
        "|---:|---|---:|---:|---:|---:|---|---:|---:|",
    ]
    for n, r in results.items():
        for label, bare, engine in (("AS", "A", "Pagefind (A)"), ("BS", "B", "Material (B)")):
            x = r.get(label)
            if x is None:
                rows.append(f"| {n:,} | {engine} | not built | {r[bare]['wall']:.1f} s | | | | | |")
                continue
            for query, q in x["search"].items():
                first = f"{q['seconds']:.2f} s" if q["seconds"] is not None else "none in 300 s"
                rows.append(
                    f"| {n:,} | {engine} | {x['wall']:.1f} s | {r[bare]['wall']:.1f} s "
                    f"| {mb(x['peak'])} | {mb(x['index'])} | {query} | {first} "
                    f"| {mb(q['bytes'])} ({q['files']}) |"
                )
    return "\n".join(rows)


# --- serve: time from saving one episode to the rebuilt page ---------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_latency(work: Path, n: int) -> dict[str, float]:
    """Under the README's preview command (``mkdocs serve --dirty``, what ``make serve``
    runs), on a site whose cache a build already filled: seconds from saving an edit to
    the served pages showing it. ``words``: a new transcript line, on the episode page;
    ``title``: a new title, on the home page (a page that lists the episode)."""
    root = work / f"A{n}"
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
    )
    base = f"http://127.0.0.1:{port}/bench/"

    def body(path: str) -> str:
        try:
            with urllib.request.urlopen(base + path, timeout=5) as r:
                return r.read().decode("utf-8")
        except Exception:
            return ""

    def until(path: str, marker: str) -> float:
        t0 = time.monotonic()
        while marker not in body(path):
            if time.monotonic() - t0 > 600:
                sys.exit(f"the edit never showed on /{path}")
            time.sleep(0.05)
        return time.monotonic() - t0

    try:
        start = time.monotonic()
        while "首页" not in body("") and "基准" not in body(""):
            if time.monotonic() - start > 1800:
                sys.exit("serve did not start")
            time.sleep(0.5)
        figures = {"start": time.monotonic() - start}
        # the first episode the home page lists (so a new title must show there)
        listed = re.search(r'href="(?:\./)?(\d{4}/episode-\d{5})/"', body(""))
        if listed is None:
            sys.exit("no episode listed on the home page")
        url = listed[1] + "/"
        newest = root / "episodes" / f"{listed[1]}.md"
        time.sleep(1)
        marker = f"保存后的新一行{time.time_ns()}"
        newest.write_text(newest.read_text("utf-8") + f"\n{marker}\n", "utf-8")
        figures["words"] = until(url, marker)
        time.sleep(1)
        title = f"新标题{time.time_ns()}"
        text = newest.read_text("utf-8").replace("title: ", f"title: {title} ", 1)
        newest.write_text(text, "utf-8")
        figures["title"] = until("", title)
        return figures
    finally:
        proc.terminate()
        proc.wait(30)


def rebuilds(work: Path, n: int) -> dict[str, float]:
    """Rebuilds of the A site of size ``n`` with its cache warm (wall seconds)."""
    root = work / f"A{n}"
    cfg = root / "mkdocs.yml"
    out = {"nothing": run_build(cfg)["wall"]}
    path = next((root / "episodes").glob("*/episode-00005.md"))
    path.write_text(path.read_text("utf-8").replace("title: ", "title: 改 ", 1), "utf-8")
    out["one"] = run_build(cfg)["wall"]
    path.write_text(path.read_text("utf-8").replace("title: 改 ", "title: 再改 ", 1), "utf-8")
    out["dirty"] = run_build(cfg, dirty=True)["wall"]
    return out


def big(work: Path) -> list[str]:
    rows = []
    for label, size in (("0.5 MB", 500_000), ("5 MB", 5_000_000)):
        root = work / f"big{size}"
        cfg = make_site(root, 1, True)
        lines = []
        total = 0
        k = 0
        while total < size:
            w = WORDS[k % len(WORDS)]
            lines.append(w)
            total += len(w.encode()) + 1
            k += 1
        ep = root / "episodes" / "2015" / "episode-00000.md"
        ep.write_text(
            "---\ntitle: 长文字稿\ndate: 2025-01-01\nshow: show\n---\n\n" + "\n".join(lines) + "\n",
            "utf-8",
        )
        r = run_build(cfg)
        rows.append(
            f"| {label} ({len(lines):,} lines) | {r['wall']:.1f} s | "
            f"{r['plugin']:.1f} s | {mb(r['peak'])} |"
        )
        shutil.rmtree(root)
    return rows


def import_bench(work: Path, n: int, lines: int) -> list[str]:
    """Seconds `episodes import` takes for ``n`` generated yt-dlp downloads (rolling
    automatic captions of ``lines`` lines each), then again with nothing new."""
    sys.path.insert(0, str(ROOT / "tests"))
    from ytdlpgen import make_downloads

    root = work / "import"
    make_site(root, 0, True)
    shows = (root / "data" / "shows.yml").read_text("utf-8") + "  language: en\n"
    (root / "data" / "shows.yml").write_text(shows, "utf-8")
    make_downloads(root / "downloads", n, lines=lines)
    size = sum(p.stat().st_size for p in (root / "downloads").glob("*.vtt"))
    exe = Path(sys.executable).with_name("episodes")
    rows = []
    for label in ("first run", "second run (nothing new)"):
        start = time.perf_counter()
        result = subprocess.run(
            [str(exe), "import", "downloads"], cwd=root, capture_output=True, text=True, env=ENV
        )
        wall = time.perf_counter() - start
        if result.returncode:
            sys.exit(f"episodes import failed:\n{result.stderr[-3000:]}")
        rows.append(f"| {label} | {wall:.1f} s | {wall / n * 1000:.0f} ms |")
    written = len(list((root / "episodes").glob("*/*.md")))
    return [
        f"{n} downloads, {lines} caption lines each ({mb(size)} of WebVTT), {written} "
        "episodes written",
        "",
        "| `episodes import` | wall | per episode |",
        "|---|---:|---:|",
        *rows,
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--material-max",
        type=int,
        default=1000,
        help="build Material's search (B) only up to this many episodes (default 1000)",
    )
    parser.add_argument("--serve", action="store_true", help="measure make serve at N=1000")
    parser.add_argument("--big", action="store_true", help="build 0.5 MB and 5 MB transcripts")
    parser.add_argument(
        "--import",
        dest="import_",
        type=int,
        nargs="?",
        const=200,
        metavar="N",
        help="only time `episodes import` of N (200) generated yt-dlp downloads",
    )
    parser.add_argument(
        "--import-lines", type=int, default=400, help="caption lines of each download"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="episodes-bench-") as tmp:
        work = Path(tmp)
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores", file=sys.stderr)
        if args.import_:
            print("\n## Import\n")
            print("\n".join(import_bench(work, args.import_, args.import_lines)))
            return 0
        first, rest = args.sizes[0], args.sizes[1:]
        results = bench([first], work, args.material_max)
        again = rebuilds(work, first)
        latency = serve_latency(work, first) if args.serve else None
        shutil.rmtree(work / f"A{first}")
        results.update(bench(rest, work, args.material_max))
        print(
            "\n## Cold build, no search on either side (A: the plugin, no cache; B: plugin off)\n"
        )
        print(table(results))
        b = results[first]["BS"]["wall"] if "BS" in results[first] else results[first]["B"]["wall"]
        print(f"\n## Rebuilds at N={first:,} with the cache warm (B with its search = {b:.1f} s)\n")
        print("| rebuild | wall | × B |\n|---|---:|---:|")
        for label, key in (
            ("`mkdocs build`, nothing changed", "nothing"),
            ("`mkdocs build`, one episode's title changed", "one"),
            ("`mkdocs build --dirty`, one episode's title changed", "dirty"),
        ):
            print(f"| {label} | {again[key]:.1f} s | {again[key] / b:.2f} |")
        if latency:
            print(
                f"\n## Save to preview under `make serve` (`mkdocs serve --dirty`), N={first:,}\n"
            )
            print(f"- first start (cache warm): {latency['start']:.1f} s")
            print(f"- a new transcript line, on the episode page: {latency['words']:.1f} s")
            print(f"- a new title, on the home page that lists it: {latency['title']:.1f} s")
        if args.big:
            print("\n## One very long transcript\n")
            print("| transcript | build wall | plugin | peak RSS |\n|---|---:|---:|---:|")
            print("\n".join(big(work)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
