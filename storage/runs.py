"""The ``crawl_runs`` ledger: one row per crawl, whatever started it.

A run is ``running`` until its process records how it ended. A process killed
with SIGKILL cannot do that, so the next run of the same spider on the same
host marks such rows ``aborted`` when their pid is gone.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from storage.db import write_transaction

RUN_COUNTS = (
    "pages",
    "new_articles",
    "updated_articles",
    "unchanged_articles",
    "errors",
    "requests",
    "not_modified",
    "skipped_seen",
    "duplicates",
)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def mark_aborted_runs(db: Database, spider: str, now: str) -> int:
    """Mark this host's ``running`` rows of ``spider`` whose process is gone as ``aborted``."""
    host = socket.gethostname()
    rows = db.execute(
        "SELECT id, pid FROM crawl_runs WHERE spider = ? AND status = 'running' AND host = ?",
        [spider, host],
    ).fetchall()
    dead = [run_id for run_id, pid in rows if pid is None or not _pid_alive(pid)]
    if dead:
        with write_transaction(db):
            for run_id in dead:
                db.execute(
                    "UPDATE crawl_runs SET status = 'aborted', finished_at = ?, "
                    "finish_reason = 'process died before recording its end' WHERE id = ?",
                    [now, run_id],
                )
    return len(dead)


def start_run(db: Database, spider: str, now: str, trigger: str = "manual") -> int:
    """Record a new ``running`` run and return its id (stale runs are marked aborted first)."""
    mark_aborted_runs(db, spider, now)
    with write_transaction(db):
        cur = db.execute(
            "INSERT INTO crawl_runs (spider, trigger, started_at, status, pid, host)"
            " VALUES (?, ?, ?, 'running', ?, ?)",
            [spider, trigger, now, os.getpid(), socket.gethostname()],
        )
    return int(cur.lastrowid or 0)


def recent_stats(db: Database, spider: str, limit: int, before_id: int) -> list[dict[str, Any]]:
    """Stats of the spider's last ``limit`` finished runs before ``before_id`` (for trend checks)."""
    rows = db.execute(
        "SELECT stats FROM crawl_runs WHERE spider = ? AND id < ? AND status IN ('finished', 'degraded')"
        " AND stats IS NOT NULL ORDER BY id DESC LIMIT ?",
        [spider, before_id, limit],
    ).fetchall()
    return [json.loads(r[0]) for r in rows]


def finish_run(
    db: Database,
    run_id: int,
    now: str,
    status: str,
    finish_reason: str,
    counts: Mapping[str, int],
    stats: Mapping[str, Any],
    health: list[dict[str, Any]] | None = None,
    log_file: str | None = None,
) -> None:
    """Record how a run ended: counts, health check results, and the full Scrapy stats as JSON."""
    values = {name: int(counts.get(name, 0)) for name in RUN_COUNTS}
    with write_transaction(db):
        db.execute(
            "UPDATE crawl_runs SET finished_at = ?, status = ?, finish_reason = ?, pages = ?,"
            " new_articles = ?, updated_articles = ?, unchanged_articles = ?, errors = ?, requests = ?,"
            " not_modified = ?, skipped_seen = ?, duplicates = ?, stats = ?, health = ?, log_file = ?"
            " WHERE id = ?",
            [
                now,
                status,
                finish_reason,
                *values.values(),
                json.dumps(dict(stats), default=str, sort_keys=True),
                json.dumps(health) if health is not None else None,
                log_file,
                run_id,
            ],
        )
