"""Migration m006: search and analyst views. Applied once; never edited after release."""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations, run_ddl


@migrations()
def m006_search_and_analyst_views(db: Database) -> None:
    # Trigram tokens: the default tokenizer treats a run of Chinese characters as one
    # token, so no Chinese word could be found; trigrams match any 3+ character substring.
    db.table("articles").enable_fts(["title", "body"], create_triggers=True, tokenize="trigram")
    run_ddl(
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
