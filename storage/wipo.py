"""WIPO rows: ``pct_rankings`` (top applicants) and ``pct_indicators`` (long format).

Both are upserts on their natural keys, so a re-crawl updates and never
duplicates; rankings are linked to ``institutions`` as they are saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from storage.db import write_transaction
from storage.institutions import resolve

RANKING_COLUMNS = (
    "year",
    "category",
    "rank",
    "tied",
    "rank_overall",
    "position_change",
    "applicant",
    "country",
    "published",
    "published_prev",
    "change",
    "release_no",
    "source_url",
    "fetched_at",
)
INDICATOR_COLUMNS = ("indicator", "origin", "office", "year", "value", "source_url", "fetched_at")


def save_rankings(db: Database, rows: Iterable[Mapping[str, Any]]) -> int:
    n = 0
    cols = (*RANKING_COLUMNS, "institution_id")
    updates = ", ".join(
        f"{c} = excluded.{c}" for c in cols if c not in ("year", "category", "applicant")
    )
    sql = (
        f"INSERT INTO pct_rankings ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
        f" ON CONFLICT(year, category, applicant) DO UPDATE SET {updates}"
    )
    with write_transaction(db):
        for row in rows:
            inst = resolve(db, row["applicant"], row.get("country"))
            db.execute(
                sql, [*(int(row[c]) if c == "tied" else row.get(c) for c in RANKING_COLUMNS), inst]
            )
            n += 1
    return n


def save_indicators(db: Database, rows: Iterable[Mapping[str, Any]]) -> int:
    n = 0
    cols = INDICATOR_COLUMNS
    sql = (
        f"INSERT INTO pct_indicators ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
        " ON CONFLICT(indicator, origin, office, year) DO UPDATE SET value = excluded.value,"
        " source_url = excluded.source_url, fetched_at = excluded.fetched_at"
    )
    with write_transaction(db):
        for row in rows:
            db.execute(sql, [row.get(c) for c in cols])
            n += 1
    return n
