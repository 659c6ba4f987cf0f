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


@migrations()
def m003_dedup_and_incremental(db: Database) -> None:
    _run(
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


@migrations()
def m004_health_and_schedules(db: Database) -> None:
    _run(
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


@migrations()
def m005_wipo_and_institutions(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE institutions (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            country TEXT NOT NULL,
            UNIQUE (name, country)
        );
        CREATE TABLE institution_aliases (
            alias_key TEXT NOT NULL,
            institution_id INTEGER NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            PRIMARY KEY (alias_key, institution_id)
        );
        ALTER TABLE metrics ADD COLUMN institution_id INTEGER REFERENCES institutions(id);
        CREATE INDEX idx_metrics_institution_id ON metrics(institution_id, metric, year);

        CREATE TABLE pct_rankings (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL,
            category TEXT NOT NULL,
            rank INTEGER,
            tied INTEGER NOT NULL DEFAULT 0,
            rank_overall INTEGER,
            position_change INTEGER,
            applicant TEXT NOT NULL,
            country TEXT,
            published INTEGER,
            published_prev INTEGER,
            change INTEGER,
            institution_id INTEGER REFERENCES institutions(id),
            release_no TEXT,
            source_url TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            UNIQUE (year, category, applicant)
        );
        CREATE INDEX idx_pct_rankings_institution ON pct_rankings(institution_id, year);

        CREATE TABLE pct_indicators (
            id INTEGER PRIMARY KEY,
            indicator TEXT NOT NULL,
            origin TEXT NOT NULL,
            office TEXT NOT NULL,
            year INTEGER NOT NULL,
            value REAL,
            source_url TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            UNIQUE (indicator, origin, office, year)
        );

        CREATE VIEW pct_rank_history AS
            SELECT i.name AS institution, i.country, r.year, r.category, r.rank, r.tied, r.published,
                   r.change, r.release_no, r.source_url
            FROM pct_rankings r JOIN institutions i ON i.id = r.institution_id
            ORDER BY i.name, r.category, r.year;

        CREATE VIEW claims_vs_wipo AS
            SELECT m.id AS metric_id, a.url AS article_url, a.published_at AS article_date,
                   coalesce(i.name, m.institution) AS institution, m.year, m.metric, m.scope,
                   m.value AS claimed,
                   CASE WHEN m.metric = 'rank' THEN r.rank ELSE r.published END AS official,
                   CASE
                     WHEN (CASE WHEN m.metric = 'rank' THEN r.rank ELSE r.published END) IS NULL
                       THEN 'no official figure'
                     WHEN m.value = (CASE WHEN m.metric = 'rank' THEN r.rank ELSE r.published END)
                       THEN 'match'
                     ELSE 'differs' END AS verdict,
                   r.release_no, r.source_url AS official_source, m.evidence
            FROM metrics m
            JOIN articles a ON a.id = m.article_id
            LEFT JOIN institutions i ON i.id = m.institution_id
            LEFT JOIN pct_rankings r
              ON r.institution_id = m.institution_id AND r.year = m.year AND r.category = 'education'
            WHERE m.metric = 'pct_applications_published'
               OR (m.metric = 'rank' AND m.unit = 'rank' AND m.scope = 'global education institutions')
        """,
    )
    from storage.institutions import seed

    seed(db)


@migrations()
def m006_search_and_analyst_views(db: Database) -> None:
    # Trigram tokens: the default tokenizer treats a run of Chinese characters as one
    # token, so no Chinese word could be found; trigrams match any 3+ character substring.
    db["articles"].enable_fts(["title", "body"], create_triggers=True, tokenize="trigram")
    _run(
        db,
        """
        CREATE VIEW institution_metrics AS
            SELECT coalesce(i.name, m.institution) AS institution, m.year, m.metric, m.unit,
                   count(DISTINCT a.id) AS articles, min(m.value) AS value_min, max(m.value) AS value_max,
                   max(a.published_at) AS latest_article
            FROM metrics m
            JOIN articles a ON a.id = m.article_id AND a.duplicate_of IS NULL
            LEFT JOIN institutions i ON i.id = m.institution_id
            GROUP BY coalesce(i.name, m.institution), m.year, m.metric, m.unit;

        CREATE VIEW recent_runs AS
            SELECT id, spider, trigger, status, started_at, finished_at, requests, not_modified,
                   skipped_seen, new_articles, duplicates, updated_articles, errors
            FROM crawl_runs ORDER BY id DESC LIMIT 200
        """,
    )


@migrations()
def m007_indexes_for_views(db: Database) -> None:
    # articles_unique ordered by date, and claims_vs_wipo's choice of metrics
    _run(
        db,
        """
        CREATE INDEX idx_articles_published ON articles(published_at);
        CREATE INDEX idx_metrics_metric ON metrics(metric, year)
        """,
    )
