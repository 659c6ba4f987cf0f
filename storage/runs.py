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

# crawl_runs column → the Scrapy stat it counts. One mapping for the run ledger (heartbeat and
# finish), the UPDATE below, and the printers; ``errors`` is derived (see :func:`run_counts`).
RUN_COUNTS: dict[str, str] = {
    "pages": "response_received_count",
    "new_articles": "storage/new",
    "updated_articles": "storage/updated",
    "unchanged_articles": "storage/unchanged",
    "requests": "downloader/request_count",
    "not_modified": "conditional/not_modified",
    "skipped_seen": "incremental/skipped_seen",
    "duplicates": "storage/duplicate",
}
COUNT_COLUMNS = (*RUN_COUNTS, "errors")


def error_count(stats: Mapping[str, Any]) -> int:
    """Real errors: ERROR log lines and articles storage could not save."""
    return int(stats.get("log_count/ERROR", 0) or 0) + int(stats.get("storage/failed", 0) or 0)


def run_counts(stats: Mapping[str, Any]) -> dict[str, int]:
    """The ``crawl_runs`` counters from a crawl's stats (current while it runs)."""
    counts = {column: int(stats.get(key, 0) or 0) for column, key in RUN_COUNTS.items()}
    counts["errors"] = error_count(stats)
    return counts


def run_status(reason: str, errors: int, healthy: bool = True) -> str:
    """The one status vocabulary: ``finished`` (complete, no errors, healthy), ``degraded``
    (a health check failed), ``failed`` (errors or an early stop); ``running`` and
    ``aborted`` are set by :func:`start_run` and :func:`mark_aborted_runs`."""
    if reason != "finished" or errors:
        return "failed"
    return "finished" if healthy else "degraded"


def update_counts(db: Database, run_id: int, counts: Mapping[str, int], now: str) -> None:
    """The heartbeat: a running run's counters as they are now (``patentwatch runs`` shows them)."""
    values = {name: int(counts.get(name, 0)) for name in COUNT_COLUMNS}
    sets = ", ".join(f"{name} = ?" for name in values)
    with write_transaction(db):
        db.execute(
            f"UPDATE crawl_runs SET {sets}, heartbeat_at = ? WHERE id = ? AND status = 'running'",
            [*values.values(), now, run_id],
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
                    "UPDATE crawl_runs SET status = 'aborted', finished_at = coalesce(heartbeat_at, ?), "
                    "finish_reason = 'process died before recording its end' WHERE id = ?",
                    [now, run_id],
                )
    return len(dead)


def start_run(
    db: Database, spider: str, now: str, trigger: str = "manual", log_file: str | None = None
) -> int:
    """Record a new ``running`` run and return its id (stale runs are marked aborted first).

    :param log_file: recorded at the start, so a killed run still says where its log is
    """
    mark_aborted_runs(db, spider, now)
    with write_transaction(db):
        cur = db.execute(
            "INSERT INTO crawl_runs (spider, trigger, started_at, status, pid, host, log_file,"
            " heartbeat_at) VALUES (?, ?, ?, 'running', ?, ?, ?, ?)",
            [spider, trigger, now, os.getpid(), socket.gethostname(), log_file, now],
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
    values = {name: int(counts.get(name, 0)) for name in COUNT_COLUMNS}
    sets = ", ".join(f"{name} = ?" for name in values)
    with write_transaction(db):
        db.execute(
            f"UPDATE crawl_runs SET finished_at = ?, status = ?, finish_reason = ?, {sets},"
            " stats = ?, health = ?, log_file = coalesce(?, log_file) WHERE id = ?",
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
