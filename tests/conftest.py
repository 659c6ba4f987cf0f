"""Shared fixtures: the bundled site copy on a local server, temp databases, subprocess runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import tests.processes
from crawler.mirror import MirrorServer
from storage import open_db
from tests.sitegen import EXPECTED_DIR, SITES_DIR

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def pytest_configure(config: pytest.Config) -> None:
    """Make pytest the subreaper of everything the tests start: a grandchild whose parent
    dies (a server left by a killed command) is then our child, not init's, and
    :func:`pytest_sessionfinish` sees it."""
    tests.processes.become_subreaper()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The suite leaves no process behind: any still running now fails the run."""
    left = tests.processes.reap_and_list_children()
    if left:
        tests.processes.kill(left)
        print(f"\nprocesses left running by the tests (now killed): {left}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def mirror_server() -> Iterator[MirrorServer]:
    """The bundled copy of the sites, served on 127.0.0.1 (port 0) for the whole session."""
    with MirrorServer(SITES_DIR) as server:
        yield server


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def fresh_db(db_path: Path):  # noqa: ANN201 - sqlite_utils.Database
    db = open_db(db_path)
    yield db
    db.close()


def expected(site: str) -> list[dict[str, object]]:
    return json.loads((EXPECTED_DIR / f"{site}.json").read_text(encoding="utf-8"))


def run_cmd(
    args: list[str], env: dict[str, str] | None = None, timeout: int = 180
) -> subprocess.CompletedProcess[str]:
    """Run a console script of this venv (scrapy, patentwatch) from the repo root."""
    full_env = {**os.environ, **(env or {})}
    exe = str(VENV_BIN / args[0]) if (VENV_BIN / args[0]).exists() else args[0]
    return subprocess.run(
        [exe, *args[1:]], cwd=REPO, env=full_env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One `patentwatch demo` database shared by the read-only analysis tests."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    proc = run_cmd(["patentwatch", "demo", "--db", str(db)])
    assert proc.returncode == 0, proc.stderr[-2000:]
    return db


# Fixtures that start a real crawl in a subprocess: a test using one is an integration test.
_SUBPROCESS_FIXTURES = {"demo_db"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that spawns a process ``integration`` (``make test-fast`` skips them).

    Explicit marks win; otherwise a test is integration when it uses a crawl fixture or
    calls :func:`run_cmd` / ``subprocess`` itself, so a new slow test cannot slip into the
    fast layer unnoticed.
    """
    import inspect

    for item in items:
        if item.get_closest_marker("integration") or not isinstance(item, pytest.Function):
            continue
        fixtures = set(getattr(item, "fixturenames", ()))
        try:
            source = inspect.getsource(item.function)
        except (OSError, TypeError):
            source = ""
        if fixtures & _SUBPROCESS_FIXTURES or "run_cmd(" in source or "subprocess." in source:
            item.add_marker(pytest.mark.integration)
