"""Read-only queries behind the CLI's summaries (kept here so the CLI holds no SQL)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database


def articles_per_site(db: Database) -> list[dict[str, Any]]:
    """Per site: article count and the oldest and newest publication dates."""
    return list(
        db.query(
            "SELECT site, institution, count(*) AS articles, min(published_at) AS oldest,"
            " max(published_at) AS newest FROM articles GROUP BY site, institution ORDER BY site"
        )
    )


def recent_runs(db: Database, limit: int = 10) -> list[dict[str, Any]]:
    """The latest runs, newest first, with their key figures."""
    return list(
        db.query(
            "SELECT id, spider, trigger, started_at, finished_at, status, pages, requests, not_modified,"
            " skipped_seen, new_articles, duplicates, updated_articles, unchanged_articles, errors"
            " FROM crawl_runs ORDER BY id DESC LIMIT ?",
            [limit],
        )
    )


def run_summary(db: Database, run_id: int) -> dict[str, Any] | None:
    """One run's row (without the stats JSON)."""
    rows = list(
        db.query(
            "SELECT id, spider, status, finish_reason, pages, new_articles, updated_articles,"
            " unchanged_articles, errors FROM crawl_runs WHERE id = ?",
            [run_id],
        )
    )
    return rows[0] if rows else None


def latest_runs_per_spider(db: Database) -> list[dict[str, Any]]:
    """Each spider's most recent finished (or failed) run, with its health results."""
    return list(
        db.query(
            "SELECT id, spider, started_at, status, health FROM crawl_runs WHERE id IN"
            " (SELECT max(id) FROM crawl_runs WHERE status != 'running' GROUP BY spider) ORDER BY spider"
        )
    )


def search(db: Database, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Full-text search over titles and bodies, best match first.

    The trigram index needs at least 3 characters; shorter queries (most two-character
    Chinese words) fall back to a substring scan.
    """
    query = query.strip()
    if len(query) >= 3:
        phrase = '"' + query.replace('"', '""') + '"'
        return list(
            db.query(
                "SELECT a.id, a.site, a.published_at, a.title, a.url FROM articles_fts f"
                " JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH ? ORDER BY f.rank LIMIT ?",
                [phrase, limit],
            )
        )
    like = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return list(
        db.query(
            "SELECT id, site, published_at, title, url FROM articles WHERE title LIKE ? ESCAPE '\\'"
            " OR body LIKE ? ESCAPE '\\' ORDER BY published_at DESC LIMIT ?",
            [like, like, limit],
        )
    )
