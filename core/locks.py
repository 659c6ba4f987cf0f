"""Per-spider run locks shared by the scheduler, cron and manual runs.

``flock`` on ``<db>.locks/<spider>.lock``: the kernel drops the lock when its
process dies, however it dies, so a crash never leaves a lock that needs
clearing by hand (the pid written inside is only for messages).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import IO


class LockedError(RuntimeError):
    """Another process is crawling this spider."""


class SpiderLock:
    def __init__(self, db_path: str | Path, spider: str) -> None:
        self.path = Path(f"{db_path}.locks") / f"{spider}.lock"
        self.spider = spider
        self._fh: IO[str] | None = None

    def acquire(self) -> SpiderLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            fh.close()
            raise LockedError(
                f"spider {self.spider!r} is already running (pid {holder}; lock {self.path})"
            ) from None
        try:  # the pid is for messages only: a full disk must not stop the crawl here
            fh.seek(0)
            fh.truncate()
            fh.write(str(os.getpid()))
            fh.flush()
        except OSError:
            pass
        self._fh = fh
        return self

    def release(self) -> None:
        if self._fh is not None:
            fcntl.flock(self._fh, fcntl.LOCK_UN)
            with contextlib.suppress(OSError):  # a pid that could not be flushed (full disk)
                self._fh.close()
            self._fh = None

    def __enter__(self) -> SpiderLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
