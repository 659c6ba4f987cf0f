"""Migration m002: metrics. Applied once; never edited after release."""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations, run_ddl


@migrations()
def m002_metrics(db: Database) -> None:
    run_ddl(
        db,
        """
        CREATE TABLE metrics (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            institution TEXT,
            metric TEXT NOT NULL,
            value NUMERIC NOT NULL,
            unit TEXT,
            year INTEGER,
            period TEXT,
            scope TEXT,
            basis TEXT,
            qualifier TEXT,
            currency TEXT,
            evidence TEXT NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            extractor_version TEXT NOT NULL,
            extracted_at TEXT NOT NULL
        );
        CREATE INDEX idx_metrics_article ON metrics(article_id);
        CREATE INDEX idx_metrics_institution ON metrics(institution, metric, year)
        """,
    )
