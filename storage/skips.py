"""Skipped pages: what a run fetched (or was about to) and chose not to store, and why.

Rows come from the crawl's skip recorder (``crawler/extensions/skips.py``); the
``runs`` command and analysts read them. Reasons are short words
(``size_cap``, ``robots``, ``not_found``, ``redirect_loop``, ``offsite_redirect``,
``list_page``, ``no_body``, ...); ``status`` is the HTTP status when there was one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from storage.db import write_transaction

SKIP_COLUMNS = ("run_id", "url", "reason", "status", "detail", "skipped_at")


def save_skips(db: Database, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert skipped-page rows in one transaction; return how many were written."""
    values = [[row.get(c) for c in SKIP_COLUMNS] for row in rows]
    if not values:
        return 0
    with write_transaction(db):
        db.conn.executemany(
            f"INSERT INTO skipped_pages ({', '.join(SKIP_COLUMNS)})"
            f" VALUES ({', '.join('?' for _ in SKIP_COLUMNS)})",
            values,
        )
    return len(values)


def skips_for_run(db: Database, run_id: int) -> list[dict[str, Any]]:
    """A run's skipped pages, grouped by reason, in the order they happened."""
    return list(
        db.query(
            "SELECT url, reason, status, detail, skipped_at FROM skipped_pages"
            " WHERE run_id = ? ORDER BY reason, id",
            [run_id],
        )
    )


def skip_counts(db: Database, run_id: int) -> dict[str, int]:
    """How many pages a run skipped, per reason."""
    rows = db.execute(
        "SELECT reason, count(*) FROM skipped_pages WHERE run_id = ? GROUP BY reason ORDER BY reason",
        [run_id],
    ).fetchall()
    return {reason: int(n) for reason, n in rows}


def find_run(db: Database, run_id: int) -> dict[str, Any] | None:
    """One ``crawl_runs`` row (without its stats JSON), for showing a run with its skips."""
    rows = list(
        db.query(
            "SELECT id, spider, trigger, started_at, finished_at, status, pages, requests,"
            " not_modified, skipped_seen, new_articles, duplicates, updated_articles,"
            " unchanged_articles, errors FROM crawl_runs WHERE id = ?",
            [run_id],
        )
    )
    return rows[0] if rows else None
