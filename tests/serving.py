"""Start ``patentwatch serve`` for a test, on a free port, and always stop it."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import REPO, VENV_BIN


@contextmanager
def served(db: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """``patentwatch serve`` on port 0; yields the process and its base URL."""
    proc = subprocess.Popen(
        [str(VENV_BIN / "patentwatch"), "serve", "--db", str(db), "--port", "0"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()  # "Serving … at http://127.0.0.1:PORT/ …"
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line + proc.stdout.read()
        yield proc, f"http://127.0.0.1:{match.group(1)}"
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        if proc.stdout:
            proc.stdout.close()
