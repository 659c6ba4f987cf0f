"""Read-only queries behind the CLI's summaries (kept here so the CLI holds no SQL)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from core.search import has_cjk, match_query, snippet
from storage.analyst import EXPORTS, institution_filter


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


@dataclass(frozen=True)
class SearchResult:
    """How many articles match, and the best ``rows`` (with a ``snippet`` each)."""

    total: int
    rows: list[dict[str, Any]]


def _search_index(query: str) -> tuple[str, str]:
    """(index, MATCH expression): the word index for Chinese and for terms under three
    characters, the trigram index (substrings, as before) for everything else."""
    if has_cjk(query) or len(query) < 3:
        return "articles_search", match_query(query)
    return "articles_fts", '"' + query.replace('"', '""') + '"'


def search(db: Database, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Full-text search over titles and bodies, best match first, each row with a snippet."""
    return search_articles(db, query, limit).rows


def search_articles(
    db: Database, query: str, limit: int = 20, institution: str | None = None
) -> SearchResult:
    """Matches of ``query`` (every space-separated term must occur; Chinese of any length),
    optionally only articles of ``institution`` (any spelling the registry knows).

    :raises storage.analyst.FilterError: unknown institution
    """
    query = " ".join(query.split())
    if not query:
        return SearchResult(0, [])
    index, expr = _search_index(query)
    where = f"{index} MATCH :expr"
    params: dict[str, Any] = {"expr": expr, "limit": limit}
    if institution:
        inst = institution_filter(db, institution)
        _, _, by_id, by_name = EXPORTS["articles"]
        where += " AND " + (by_id if inst.institution_id is not None else by_name)
        params.update(id=inst.institution_id, name=inst.name)
    source = f"{index} f JOIN articles a ON a.rowid = f.rowid WHERE {where}"
    total = db.execute(f"SELECT count(*) FROM {source}", params).fetchone()[0]
    rows = list(
        db.query(
            "SELECT a.id, a.site, a.published_at, a.title, a.url, a.body"
            f" FROM {source} ORDER BY f.rank LIMIT :limit",
            params,
        )
    )
    for row in rows:
        body = row.pop("body") or ""
        in_body = any(t.lower() in body.lower() for t in query.split())
        row["snippet"] = snippet(body if in_body else (row["title"] or ""), query)
    return SearchResult(int(total), rows)
