"""Shared fixtures: a tiny site in tmp_path, and a guard against unexpected warnings."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from sitekit import build_site, copy_project, run, write_site

# an input the build contract cannot fingerprint is an error in the tests (a build would
# take it as always changed)
os.environ["EPISODES_STRICT_FINGERPRINTS"] = "1"


@pytest.fixture
def site(tmp_path: Path) -> Callable[..., Path]:
    """Write and build a site: ``site({"2025/a.md": text}, data=None)`` -> site dir."""

    calls = iter(range(1000))

    def make(
        episodes: dict[str, str], data: dict[str, str] | None = None, strict: bool = False
    ) -> Path:
        n = next(calls)
        root = tmp_path if n == 0 else tmp_path / f"site{n}"
        root.mkdir(exist_ok=True)
        return build_site(write_site(root, episodes, data), strict=strict)

    return make


@pytest.fixture
def expect_warnings(caplog: pytest.LogCaptureFixture) -> Callable[[], list[str]]:
    """Declare that a test expects warnings; call it to get (and consume) them."""

    def take() -> list[str]:
        found = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
        caplog.clear()
        return found

    return take


@pytest.fixture(autouse=True)
def _no_unexpected_warnings(request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture):
    """Fail any test that logs a warning it did not ask for (like mkdocs-section-index)."""
    caplog.set_level(logging.INFO)
    yield
    if "expect_warnings" in request.fixturenames:
        return
    unexpected = [
        f"{r.name}: {r.getMessage()}"
        for r in caplog.get_records("call")
        if r.levelno >= logging.WARNING and not r.name.startswith("jieba")
    ]
    assert not unexpected, "unexpected warnings:\n" + "\n".join(unexpected)


@pytest.fixture(scope="session")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, built once with `mkdocs build --strict` (a subprocess, like a user)."""
    root = tmp_path_factory.mktemp("project")
    copy_project(root)
    result = run("mkdocs", "build", "--strict", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "Traceback" not in result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh virtual environment with the plugin's wheel."""
    import wheelsite

    folder = tmp_path_factory.mktemp("wheel")
    return wheelsite.fresh_env(folder / "venv", wheelsite.wheel(folder))


@pytest.fixture(scope="session")
def installed_site(tmp_path_factory: pytest.TempPathFactory, installed: Path) -> Path:
    """A Material site of a show's own built with the installed wheel (``--strict``)."""
    import wheelsite

    root = wheelsite.site_of_its_own(tmp_path_factory.mktemp("their-site"))
    result = wheelsite.build(installed, root)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    return root / "site"
