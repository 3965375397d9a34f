#!/usr/bin/env python3
"""Page-quality report: Lighthouse 12.2.3 and the Nu HTML Checker on the built site.

    python scripts/quality_report.py            # prints the figures, writes QUALITY.md

- Lighthouse (npm, run against Debian's Chromium, mobile emulation) on the first episode
  and a policy page: performance, accessibility, best practices and SEO scores. The site
  is served on loopback with gzip, as GitHub Pages serves it.
- The Nu HTML Checker (``vnu-jar`` from npm, Java 17) on every generated page, compared
  with a stock Material page built in the same run from the same Markdown, so that only the
  errors our templates add are listed.

Tools are installed on first use into ``.cache/quality/`` (npm). Not a test: it prints
figures; nothing here asserts timings or scores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "quality"
LIGHTHOUSE = "lighthouse@12.2.3"
VNU = "vnu-jar@26.9.27"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
PAGES = {
    "episode": "2025/anthropic-nvidia-export-controls/",
    "policy": "policies/ai-diffusion-rule/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def tools() -> tuple[Path, Path]:
    lighthouse = CACHE / "node_modules" / "lighthouse" / "cli" / "index.js"
    vnu = CACHE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not (lighthouse.exists() and vnu.exists()):
        CACHE.mkdir(parents=True, exist_ok=True)
        print(f"installing {LIGHTHOUSE} and {VNU} into {CACHE} …", file=sys.stderr)
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(CACHE),
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "-E",
                LIGHTHOUSE,
                VNU,
            ],
            check=True,
        )
    for exe in ("node", "java"):
        if shutil.which(exe) is None:
            sys.exit(f"quality_report: '{exe}' is needed")
    return lighthouse, vnu


def build(work: Path) -> tuple[Path, Path]:
    """Our site, and a stock Material site of the same episode Markdown (no plugin)."""
    site = work / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        check=True,
        env=ENV,
    )
    stock = work / "stock"
    (stock / "docs").mkdir(parents=True)
    episode = (ROOT / "episodes" / (PAGES["episode"].rstrip("/") + ".md")).read_text("utf-8")
    (stock / "docs" / "index.md").write_text(episode, "utf-8")
    (stock / "mkdocs.yml").write_text(
        "site_name: stock\ntheme:\n  name: material\n  language: zh\n  font: false\n", "utf-8"
    )
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=stock, check=True, env=ENV)
    return site, stock / "site"


class _Gzip(SimpleHTTPRequestHandler):
    """Serves text gzip-compressed, as GitHub Pages does (Lighthouse would otherwise
    measure a transfer no reader gets)."""

    TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".vtt")

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects to the slash URL
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and path.suffix in self.TEXT and accepts):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def lighthouse(cli: Path, base: str, work: Path) -> dict[str, dict[str, int]]:
    scores = {}
    for name, path in PAGES.items():
        out = work / f"lh-{name}.json"
        subprocess.run(
            [
                "node",
                str(cli),
                base + path,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                f"--chrome-flags={CHROME_FLAGS}",
                "--only-categories=" + ",".join(CATEGORIES),
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
        )
        report = json.loads(out.read_text("utf-8"))
        scores[name] = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    return scores


def nu_errors(jar: Path, files: list[Path]) -> dict[Path, list[str]]:
    result = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    found: dict[Path, list[str]] = {f: [] for f in files}
    for m in messages:
        path = Path(m.get("url", "").removeprefix("file:"))
        found.setdefault(path, []).append(re.sub(r"\s+", " ", m.get("message", "")).strip())
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "QUALITY.md")
    args = parser.parse_args()
    cli, jar = tools()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site, stock = build(work)
        server = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_Gzip, directory=str(site))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            scores = lighthouse(cli, base, work)
        finally:
            server.shutdown()
        ours = sorted(site.rglob("*.html"))
        errors = nu_errors(jar, [*ours, stock / "index.html"])
        stock_errors = set(errors.pop(stock / "index.html", []))
        added = {
            p.relative_to(site).as_posix(): [m for m in ms if m not in stock_errors]
            for p, ms in errors.items()
            if p in ours
        }
    lines = [
        "# Page quality",
        "",
        f"Measured {dt.date.today().isoformat()} with `python scripts/quality_report.py` "
        f"({LIGHTHOUSE}, Debian Chromium, mobile emulation; {VNU}, Java 17).",
        "",
        "## Lighthouse",
        "",
        "| page | " + " | ".join(CATEGORIES) + " |",
        "|---|" + "---|" * len(CATEGORIES),
    ]
    for name, s in scores.items():
        lines.append(
            f"| {name} (`{PAGES[name]}`) | " + " | ".join(str(s[c]) for c in CATEGORIES) + " |"
        )
    total_added = sum(len(v) for v in added.values())
    lines += [
        "",
        "## Nu HTML Checker",
        "",
        f"{len(ours)} generated pages checked; errors also found on a stock Material page "
        f"built from the same Markdown in the same run ({len(stock_errors)} distinct) are "
        f"Material's and not listed. Errors our templates add: **{total_added}**.",
        "",
    ]
    for page, msgs in sorted(added.items()):
        for msg in sorted(set(msgs)):
            lines.append(f"- `{page}`: {msg} ({msgs.count(msg)}×)")
    if stock_errors:
        lines += ["", "Material's own (stock page):", ""]
        lines += [f"- {m}" for m in sorted(stock_errors)]
    report = "\n".join(lines) + "\n"
    print(report)
    args.out.write_text(report, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
