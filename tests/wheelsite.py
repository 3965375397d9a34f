"""The plugin as a user gets it: a wheel built from the repository, installed into a fresh
virtual environment (with what it depends on, in the versions constraints.txt pins), and
a Material site of a show's own (tests/foreignsite.py) built there with ``--strict``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

from foreignsite import write
from sitekit import ROOT

INSTANT = "    - navigation.instant\n"
PACKAGED = ("pyproject.toml", "plugins", "LICENSE")
"""What the wheel is built from (the package's README is in ``plugins/``)."""


def run(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=900,
    )


def wheel(out: Path) -> Path:
    """The plugin's wheel, built (as ``pip wheel`` does, with the build backend the
    project names) from a copy of what the package is made of, so that the build leaves
    nothing in the repository."""
    source = out / "source"
    source.mkdir()
    for name in PACKAGED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, source / name)
    result = run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, source, cwd=out
    )
    assert result.returncode == 0, result.stderr
    [made] = out.glob("mkdocs_episodes-*.whl")
    return made


def fresh_env(folder: Path, made: Path) -> Path:
    """A new virtual environment with the wheel installed; its ``bin`` folder."""
    venv.EnvBuilder(with_pip=True).create(folder)
    bin_ = folder / "bin"
    result = run(
        bin_ / "python",
        "-m",
        "pip",
        "install",
        "-q",
        "-c",
        ROOT / "constraints.txt",
        made,
        cwd=folder,
    )
    assert result.returncode == 0, result.stderr
    return bin_


def build(bin_: Path, root: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the site at ``root`` with the fresh environment."""
    return run(bin_ / "mkdocs", "build", "--strict", cwd=root)


def site_of_its_own(root: Path, site_url: str = "https://example.org/show/") -> Path:
    """The show's site (its pages, blog, tags, one episode) with instant navigation."""
    write(root, features=INSTANT, site_url=site_url)
    return root
