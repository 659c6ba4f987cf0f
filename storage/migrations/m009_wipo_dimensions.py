"""Migration m009: WIPO values keep every dimension; WIPO files are remembered.

``pct_indicators`` gains ``field`` (the technology, field or class breakdown of
IP Statistics exports, '' when there is none) in its natural key, so a
technology-by-office export no longer collapses onto one value per
(office, origin, year). SQLite cannot change a UNIQUE constraint in place, so the
table is rebuilt and its rows copied; its name and old columns stay, so readers
keep working. ``wipo_files`` records each WIPO file read (a crawled annex or an
imported download): its content hash (an unchanged file is not parsed again),
the release page that linked it (so a second run can ask about it even when the
page itself answers 304), and how many rows it gave.
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations, run_ddl


@migrations()
def m009_wipo_dimensions(db: Database) -> None:
    run_ddl(
        db,
        """
        CREATE TABLE pct_indicators_m009 (
            id INTEGER PRIMARY KEY,
            indicator TEXT NOT NULL,
            origin TEXT NOT NULL,
            office TEXT NOT NULL,
            field TEXT NOT NULL DEFAULT '',
            year INTEGER NOT NULL,
            value REAL,
            source_url TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            UNIQUE (indicator, office, origin, field, year)
        );
        INSERT INTO pct_indicators_m009
            (id, indicator, origin, office, field, year, value, source_url, fetched_at)
            SELECT id, indicator, origin, office, '', year, value, source_url, fetched_at
            FROM pct_indicators;
        DROP TABLE pct_indicators;
        ALTER TABLE pct_indicators_m009 RENAME TO pct_indicators;
        CREATE INDEX idx_pct_indicators_origin ON pct_indicators(origin, indicator, year);

        CREATE TABLE wipo_files (
            url TEXT PRIMARY KEY,
            sha1 TEXT NOT NULL,
            kind TEXT NOT NULL,
            parent_url TEXT,
            release_no TEXT,
            data_year INTEGER,
            rankings INTEGER NOT NULL DEFAULT 0,
            indicators INTEGER NOT NULL DEFAULT 0,
            checked_at TEXT NOT NULL
        );
        CREATE INDEX idx_wipo_files_parent ON wipo_files(parent_url)
        """,
    )
