"""Migration m001: articles and runs. Applied once; never edited after release."""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations, run_ddl


@migrations()
def m001_articles_and_runs(db: Database) -> None:
    run_ddl(
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
