"""Migration m014: stream entries. Applied once; never edited after release.

Distributed mode (``patentwatch ingest``) records every Redis Stream entry it stored in
the same transaction as the rows it produced: a writer killed between COMMIT and XACK
finds the entry here on restart and acknowledges it without storing it twice.
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations, run_ddl


@migrations()
def m014_stream_entries(db: Database) -> None:
    run_ddl(
        db,
        """
        CREATE TABLE stream_entries (
            entry_id TEXT PRIMARY KEY,
            run_id INTEGER,
            spider TEXT NOT NULL,
            kind TEXT NOT NULL,
            outcome TEXT NOT NULL,
            stored_at TEXT NOT NULL
        );
        CREATE INDEX idx_stream_entries_run ON stream_entries(run_id, outcome)
        """,
    )
