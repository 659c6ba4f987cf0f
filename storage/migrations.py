"""Numbered schema migrations, applied on open (sqlite-utils ``Migrations``).

Never edit an applied migration: add the next ``mNNN_`` function instead. Dates
are ISO 8601 text (UTC for crawl times), counts are integers, JSON is text.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("patentwatch")


def _run(db: Database, script: str) -> None:
    """Run DDL statement by statement: ``executescript`` would COMMIT the migration's
    transaction first, losing its all-or-nothing guarantee."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations()
def m001_articles_and_runs(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE crawl_runs (
            id INTEGER PRIMARY KEY,
            spider TEXT NOT NULL,
            trigger TEXT NOT NULL DEFAULT 'manual',
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL DEFAULT 'running',
            finish_reason TEXT,
            pages INTEGER NOT NULL DEFAULT 0,
            new_articles INTEGER NOT NULL DEFAULT 0,
            updated_articles INTEGER NOT NULL DEFAULT 0,
            unchanged_articles INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            pid INTEGER,
            host TEXT,
            stats TEXT
        );
        CREATE INDEX idx_crawl_runs_spider ON crawl_runs(spider, started_at);

        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            site TEXT NOT NULL,
            institution TEXT,
            title TEXT,
            published_at TEXT,
            author TEXT,
            editor TEXT,
            source TEXT,
            views INTEGER,
            lang TEXT,
            body TEXT NOT NULL DEFAULT '',
            content_hash TEXT NOT NULL,
            field_sources TEXT,
            fetched_at TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            run_id INTEGER REFERENCES crawl_runs(id)
        );
        CREATE INDEX idx_articles_site_published ON articles(site, published_at);
        CREATE INDEX idx_articles_institution ON articles(institution, published_at);
        CREATE INDEX idx_articles_content_hash ON articles(content_hash);

        CREATE TABLE article_html (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            fetched_url TEXT,
            compression TEXT NOT NULL DEFAULT 'zlib',
            html BLOB NOT NULL
        );

        CREATE TABLE article_versions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            title TEXT,
            published_at TEXT,
            body TEXT,
            content_hash TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            replaced_at TEXT NOT NULL
        );
        CREATE INDEX idx_article_versions_article ON article_versions(article_id);
        """,
    )


@migrations()
def m002_metrics(db: Database) -> None:
    _run(
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
