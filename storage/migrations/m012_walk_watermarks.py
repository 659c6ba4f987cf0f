"""Migration m012: where each spider's last completed walk of its list pages reached.

Applied once; never edited after release. Existing databases start from their
history: the last run that finished (``finish_reason = 'finished'``) is taken as
the last completed walk, its watermark the newest article stored by then; a later
run that did not finish (killed, stopped, failed to start) leaves the walk open,
so the next run walks on past what that run stored.
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations, run_ddl


@migrations()
def m012_walk_watermarks(db: Database) -> None:
    run_ddl(
        db,
        """
        CREATE TABLE walk_watermarks (
            spider TEXT PRIMARY KEY,
            completed_run_id INTEGER,
            completed_at TEXT,
            watermark INTEGER,
            open_run_id INTEGER,
            opened_at TEXT
        );
        INSERT INTO walk_watermarks (spider, completed_run_id, completed_at, watermark)
            SELECT r.spider, r.id, r.finished_at,
                   (SELECT max(a.id) FROM articles a WHERE a.first_seen <= r.finished_at)
            FROM crawl_runs r
            WHERE r.finish_reason = 'finished'
              AND r.id = (SELECT max(id) FROM crawl_runs WHERE spider = r.spider
                          AND finish_reason = 'finished');
        INSERT INTO walk_watermarks (spider) SELECT DISTINCT spider FROM crawl_runs
            WHERE spider NOT IN (SELECT spider FROM walk_watermarks);
        UPDATE walk_watermarks SET
            open_run_id = (SELECT max(id) FROM crawl_runs r WHERE r.spider = walk_watermarks.spider
                           AND r.id > coalesce(walk_watermarks.completed_run_id, 0)),
            opened_at = (SELECT max(started_at) FROM crawl_runs r WHERE r.spider = walk_watermarks.spider
                         AND r.id > coalesce(walk_watermarks.completed_run_id, 0))
        """,
    )
