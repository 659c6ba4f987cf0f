"""Migration m015: a running run's heartbeat (its counters are kept current while it runs)."""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations, run_ddl


@migrations()
def m015_run_heartbeat(db: Database) -> None:
    # When a killed run is found later, its end is its last heartbeat, not the time noticed.
    run_ddl(db, "ALTER TABLE crawl_runs ADD COLUMN heartbeat_at TEXT")
