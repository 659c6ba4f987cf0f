"""Shared fixtures: the bundled site copy on a local server, temp databases, subprocess runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Tests write only to temporary folders: set before any project module reads its settings
# (they read the environment at import) and inherited by every subprocess a test starts.
# Without this, each `patentwatch crawl` a test runs writes its log into the checkout's
# data/logs/, where it counts against the 30 kept per spider and rotates real logs away;
# and a test that forgot --db would write data/patentwatch.db.
SCRATCH = Path(tempfile.mkdtemp(prefix="patentwatch-tests-"))
os.environ["PATENTWATCH_LOG_DIR"] = str(SCRATCH / "logs")
os.environ["PATENTWATCH_DB"] = str(SCRATCH / "default.db")
os.environ.pop("PATENTWATCH_NOTIFY_COMMAND", None)
os.environ.pop("PATENTWATCH_NOTIFY_URL", None)

import tests.processes  # noqa: E402 (after the environment is set)
from crawler.mirror import MirrorServer  # noqa: E402
from storage import open_db  # noqa: E402
from tests.sitegen import EXPECTED_DIR, SITES_DIR  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
CHECKOUT_DATA = REPO / "data"


def _checkout_files() -> set[Path]:
    return {p for p in CHECKOUT_DATA.rglob("*") if p.is_file()} if CHECKOUT_DATA.exists() else set()


_BEFORE = _checkout_files()


def _no_files_in_the_checkout(session: pytest.Session) -> None:
    """Fail the run if any test left a file in the checkout's data/ folder."""
    new = sorted(str(p.relative_to(REPO)) for p in _checkout_files() - _BEFORE)
    if new:
        print(f"\ntests wrote into the checkout: {', '.join(new[:5])}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    shutil.rmtree(SCRATCH, ignore_errors=True)


def pytest_configure(config: pytest.Config) -> None:
    """Make pytest the subreaper of everything the tests start: a grandchild whose parent
    dies (a server left by a killed command) is then our child, not init's, and
    :func:`pytest_sessionfinish` sees it."""
    tests.processes.become_subreaper()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The suite leaves no process behind (any still running fails the run) and no file
    in the checkout's data/ folder."""
    _no_files_in_the_checkout(session)
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
