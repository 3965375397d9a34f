"""The plugin as a show gets it (issue 27): a wheel that carries its templates, styles,
scripts and licence; installed into a fresh environment, it builds a Material site of the
show's own with ``--strict`` and nothing copied; the Chinese extra is optional and its
absence is reported, not silent; and the pre-commit hook checks a site whose docs_dir is
Material's ``docs/``."""

from __future__ import annotations

import email
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import wheelsite
from foreignsite import EPISODE_PAGE, assert_episode_page_complete, read, write
from sitekit import ROOT

THEME = "mkdocs_episodes/theme/"


@pytest.fixture(scope="module")
def wheel_file(installed: Path) -> Path:
    """The wheel the ``installed`` environment was made from."""
    [made] = installed.parent.parent.glob("mkdocs_episodes-*.whl")
    return made


def test_the_wheel_carries_templates_assets_licence_and_its_own_readme(wheel_file: Path) -> None:
    names = set(zipfile.ZipFile(wheel_file).namelist())
    for rel in (
        "main.html",
        "episodes-base.html",
        "partials/episodes/head.html",
        "partials/episodes/episode-head.html",
        "assets/episodes/episodes.css",
        "assets/episodes/episodes.js",
        "assets/episodes/search.js",
    ):
        assert THEME + rel in names, rel
    assert "mkdocs_episodes/theme-pagefind/partials/search-pagefind.html" in names
    assert "mkdocs_episodes/py.typed" in names
    assert any(n.startswith("mkdocs_episodes/i18n/") for n in names)
    # every template of the source tree is in the wheel (a new one cannot be forgotten)
    source = ROOT / "plugins" / "mkdocs_episodes"
    for path in source.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            assert path.relative_to(source.parent).as_posix() in names, path
    [licence] = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")] or [
        n for n in names if n.endswith(".dist-info/LICENSE")
    ]
    assert "MIT License" in zipfile.ZipFile(wheel_file).read(licence).decode()
    [meta] = [n for n in names if n.endswith(".dist-info/METADATA")]
    metadata = email.message_from_string(zipfile.ZipFile(wheel_file).read(meta).decode())
    assert metadata["Name"] == "mkdocs-episodes"
    assert "Framework :: MkDocs" in metadata.get_all("Classifier")
    body = metadata.get_payload()
    assert isinstance(body, str)
    assert "pip install mkdocs-episodes" in body  # the package's README, not the site's
    assert "make serve" not in body


def test_installed_it_builds_a_site_of_its_own_complete(installed_site: Path) -> None:
    """Nothing copied into the site: the episode page has everything, the site's own home
    and pages are kept, and the plugin's assets are published."""
    assert_episode_page_complete(installed_site)
    assert "Welcome to the show" in read(installed_site, "index.html")
    assert (installed_site / "about" / "index.html").is_file()
    assert (installed_site / "blog" / "index.html").is_file()
    page = read(installed_site, EPISODE_PAGE)
    assert "navigation.instant" in page  # the site's features are its own


def test_an_english_site_does_not_install_the_chinese_segmenter(installed: Path) -> None:
    result = wheelsite.run(installed / "python", "-c", "import jieba", cwd=installed)
    assert result.returncode != 0 and "No module named 'jieba'" in result.stderr


def test_a_chinese_site_without_the_zh_extra_is_told_to_install_it(
    installed: Path, tmp_path: Path
) -> None:
    """Pagefind's standard binary does not cut Chinese into words; a build that would
    publish a search that finds no word inside a sentence fails under --strict."""
    config = write(tmp_path)
    config.write_text(
        config.read_text("utf-8").replace(
            "  name: material\n", "  name: material\n  language: zh\n"
        ),
        "utf-8",
    )
    result = wheelsite.build(installed, tmp_path)
    assert result.returncode != 0
    assert "mkdocs.yml:" in result.stderr and "mkdocs-episodes[zh]" in result.stderr
    assert "Traceback" not in result.stderr


def _git(*args: str, cwd: Path) -> None:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_pre_commit_hook_checks_a_site_under_docs(tmp_path: Path) -> None:
    """pre-commit installs the hook from this repository, as a show's repository does, and
    runs it on a site whose docs_dir is ``docs/``: a broken episode fails the commit with
    path:line, and a commit that touches none of the site's files is not held up."""
    repo = tmp_path / "repo"  # this repository, committed as it is now
    shutil.copytree(
        ROOT,
        repo,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "site", ".cache", "node_modules", "__pycache__", "*.egg-info"
        ),
    )
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "hook", cwd=repo)
    show = tmp_path / "show"
    show.mkdir()
    write(show)
    episode = show / "docs" / "2025" / "episode-one.md"
    episode.write_text(
        episode.read_text("utf-8").replace("stance: supports", "stance: suports"), "utf-8"
    )
    (show / "notes.txt").write_text("not the site's\n", "utf-8")
    _git("init", "-q", cwd=show)
    _git("add", "-A", cwd=show)
    env = {"PIP_CONSTRAINT": str(ROOT / "constraints.txt"), "PRE_COMMIT_HOME": str(tmp_path / "pc")}

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        selection = ["--files", *files] if files else ["--all-files"]
        return wheelsite.run(
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            repo,
            "episodes-check",
            *selection,
            cwd=show,
            env=env,
        )

    result = try_repo()
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Skipped" not in out
    assert "docs/2025/episode-one.md:" in out and "suports" in out
    assert "Traceback" not in out
    result = try_repo("notes.txt")
    assert result.returncode == 0, result.stdout + result.stderr
