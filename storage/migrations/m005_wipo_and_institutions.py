"""Migration m005: wipo and institutions. Applied once; never edited after release."""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations, run_ddl


@migrations()
def m005_wipo_and_institutions(db: Database) -> None:
    run_ddl(
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
