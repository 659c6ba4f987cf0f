"""Migration m003: dedup and incremental. Applied once; never edited after release."""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations, run_ddl


@migrations()
def m003_dedup_and_incremental(db: Database) -> None:
    run_ddl(
        db,
        """
        ALTER TABLE articles ADD COLUMN url_key TEXT;
        ALTER TABLE articles ADD COLUMN duplicate_of INTEGER REFERENCES articles(id);
        UPDATE articles SET url_key = CASE
            WHEN substr(substr(url, instr(url, '://') + 3), 1, 4) = 'www.'
            THEN substr(substr(url, instr(url, '://') + 3), 5)
            ELSE substr(url, instr(url, '://') + 3) END;
        CREATE UNIQUE INDEX idx_articles_url_key ON articles(url_key);
        CREATE INDEX idx_articles_duplicate_of ON articles(duplicate_of);

        CREATE TABLE article_urls (
            url TEXT PRIMARY KEY,
            url_key TEXT NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL
        );
        CREATE INDEX idx_article_urls_key ON article_urls(url_key);
        CREATE INDEX idx_article_urls_article ON article_urls(article_id);
        INSERT INTO article_urls (url, url_key, article_id, first_seen, last_seen)
            SELECT url, url_key, id, first_seen, last_seen FROM articles;

        CREATE TABLE article_minhash (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            signature BLOB NOT NULL
        );
        CREATE TABLE lsh_buckets (
            band INTEGER NOT NULL,
            bucket INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (band, bucket, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX idx_lsh_buckets_article ON lsh_buckets(article_id);

        CREATE TABLE http_validators (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            checked_at TEXT NOT NULL
        );

        ALTER TABLE crawl_runs ADD COLUMN requests INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE crawl_runs ADD COLUMN not_modified INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE crawl_runs ADD COLUMN skipped_seen INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE crawl_runs ADD COLUMN duplicates INTEGER NOT NULL DEFAULT 0;

        CREATE VIEW articles_unique AS
            SELECT * FROM articles WHERE duplicate_of IS NULL;
        CREATE VIEW duplicate_clusters AS
            SELECT coalesce(a.duplicate_of, a.id) AS cluster_id,
                   count(*) AS copies,
                   group_concat(a.id) AS article_ids,
                   min(a.first_seen) AS first_seen
            FROM articles a
            WHERE a.duplicate_of IS NOT NULL
               OR a.id IN (SELECT duplicate_of FROM articles WHERE duplicate_of IS NOT NULL)
            GROUP BY coalesce(a.duplicate_of, a.id)
        """,
    )
