"""Migration m004: health and schedules. Applied once; never edited after release."""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations, run_ddl


@migrations()
def m004_health_and_schedules(db: Database) -> None:
    run_ddl(
        db,
        """
        ALTER TABLE crawl_runs ADD COLUMN health TEXT;
        ALTER TABLE crawl_runs ADD COLUMN log_file TEXT;
        CREATE TABLE schedule_state (
            job_id TEXT PRIMARY KEY,
            last_run_at TEXT,
            last_exit_code INTEGER,
            next_run_at TEXT,
            updated_at TEXT NOT NULL
        )
        """,
    )
