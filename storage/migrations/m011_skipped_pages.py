"""Migration m011: skipped pages. Applied once; never edited after release."""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations, run_ddl


@migrations()
def m011_skipped_pages(db: Database) -> None:
    # One row per page a run chose not to store, with why: the size cap, robots.txt,
    # a 404, a redirect loop or off the site, a page that is a list or has no body.
    # Expected events, not errors: operators read them here instead of in a traceback.
    run_ddl(
        db,
        """
        CREATE TABLE skipped_pages (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES crawl_runs(id),
            url TEXT NOT NULL,
            reason TEXT NOT NULL,
            status INTEGER,
            detail TEXT,
            skipped_at TEXT NOT NULL
        );
        CREATE INDEX idx_skipped_pages_run ON skipped_pages(run_id, reason)
        """,
    )
