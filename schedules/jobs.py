"""Job functions the scheduler calls: each crawl is a ``patentwatch crawl`` subprocess.

A subprocess, not an in-process crawl: the Twisted reactor cannot be restarted
inside one process, and the subprocess is exactly what cron and manual runs
execute (same locks, logs, run ledger and exit codes). Module-level functions,
as APScheduler needs textual references for its jobs.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence

import storage
from storage.db import write_transaction

logger = logging.getLogger(__name__)
_RUNNING: dict[str, subprocess.Popen[bytes]] = {}
_LOCK = threading.Lock()


def crawl_command(
    spiders: Sequence[str], db: str, args: Sequence[str], mirror: str | None, trigger: str
) -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        "crawler",
        "crawl",
        *spiders,
        "--trigger",
        trigger,
        "--db",
        db,
        *args,
    ]
    if mirror:
        cmd += ["--mirror", mirror]
    return cmd


def run_crawl(
    job_id: str,
    spiders: Sequence[str],
    db: str,
    args: Sequence[str] = (),
    mirror: str | None = None,
) -> int:
    """Run one scheduled crawl to completion; record its end in ``schedule_state``."""
    cmd = crawl_command(spiders, db, args, mirror, "schedule")
    logger.info("job %s: starting %s", job_id, " ".join(cmd))
    proc = subprocess.Popen(cmd)  # noqa: S603 - our own interpreter and module
    with _LOCK:
        _RUNNING[job_id] = proc
    try:
        code = proc.wait()
    finally:
        with _LOCK:
            _RUNNING.pop(job_id, None)
    logger.info("job %s: finished with exit code %s", job_id, code)
    record_state(db, job_id, last_exit_code=code)
    return code


def stop_running(timeout: float = 120.0) -> None:
    """Ask running crawls to shut down cleanly (SIGTERM: Scrapy's graceful stop), then wait."""
    with _LOCK:
        procs = list(_RUNNING.values())
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()


def record_state(
    db: str, job_id: str, last_exit_code: int | None = None, next_run_at: str | None = None
) -> None:
    """Persist a job's last run and next run time (they survive a scheduler restart)."""
    now = storage.utc_now()
    try:
        conn = storage.open_db(db)
    except storage.StorageError as exc:
        logger.error("schedule state not saved: %s", exc)
        return
    try:
        with write_transaction(conn):
            conn.execute(
                "INSERT INTO schedule_state (job_id, updated_at) VALUES (?, ?) ON CONFLICT(job_id) DO NOTHING",
                [job_id, now],
            )
            if last_exit_code is not None:
                conn.execute(
                    "UPDATE schedule_state SET last_run_at = ?, last_exit_code = ?, updated_at = ? WHERE job_id = ?",
                    [now, last_exit_code, now, job_id],
                )
            if next_run_at is not None:
                conn.execute(
                    "UPDATE schedule_state SET next_run_at = ?, updated_at = ? WHERE job_id = ?",
                    [next_run_at, now, job_id],
                )
    finally:
        conn.close()


def load_state(db: str) -> dict[str, dict[str, object]]:
    conn = storage.open_db(db)
    try:
        return {row["job_id"]: row for row in conn.query("SELECT * FROM schedule_state")}
    finally:
        conn.close()
