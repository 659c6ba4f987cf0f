"""WIPO rows: ``pct_rankings`` (top applicants), ``pct_indicators`` (long format, every
dimension) and ``wipo_files`` (the files they came from).

Both row kinds are upserts on their natural keys that write only when a value
differs, so a re-crawl or a second import of the same file changes nothing
(not even ``fetched_at``), and a corrected file updates in place. Rankings are
linked to ``institutions`` as they are saved; companies in the overall table
simply resolve to none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from storage.db import write_transaction
from storage.institutions import resolve

RANKING_KEY = ("year", "category", "applicant")
RANKING_VALUES = (
    "rank",
    "tied",
    "rank_overall",
    "position_change",
    "country",
    "published",
    "published_prev",
    "change",
)
RANKING_COLUMNS = (*RANKING_KEY, *RANKING_VALUES, "release_no", "source_url", "fetched_at")
INDICATOR_KEY = ("indicator", "office", "origin", "field", "year")
INDICATOR_COLUMNS = (*INDICATOR_KEY, "value", "source_url", "fetched_at")


def _upsert_sql(
    table: str, cols: tuple[str, ...], key: tuple[str, ...], values: tuple[str, ...]
) -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in key)
    old = ", ".join(values)
    new = ", ".join(f"excluded.{c}" for c in values)
    return (
        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
        f" ON CONFLICT({', '.join(key)}) DO UPDATE SET {updates}"
        f" WHERE ({old}) IS NOT ({new})"
    )


def save_rankings(db: Database, rows: Iterable[Mapping[str, Any]]) -> int:
    """Upsert rankings; returns how many rows were inserted or changed."""
    cols = (*RANKING_COLUMNS, "institution_id")
    sql = _upsert_sql("pct_rankings", cols, RANKING_KEY, (*RANKING_VALUES, "institution_id"))
    changed = 0
    with write_transaction(db):
        for row in rows:
            inst = resolve(db, row["applicant"], row.get("country"))
            values = [int(row[c]) if c == "tied" else row.get(c) for c in RANKING_COLUMNS]
            changed += db.execute(sql, [*values, inst]).rowcount
    return changed


def save_indicators(db: Database, rows: Iterable[Mapping[str, Any]]) -> int:
    """Upsert indicator values; returns how many rows were inserted or changed."""
    sql = _upsert_sql("pct_indicators", INDICATOR_COLUMNS, INDICATOR_KEY, ("value",))
    before = db.conn.total_changes
    with write_transaction(db):
        db.conn.executemany(sql, (_indicator_values(row) for row in rows))
    return db.conn.total_changes - before


def _indicator_values(row: Mapping[str, Any]) -> list[Any]:
    # rows written before ``field`` existed (or items without it) have no breakdown
    return [row.get(c) if c != "field" else row.get(c) or "" for c in INDICATOR_COLUMNS]


def file_hash(db: Database, url: str) -> str | None:
    """The content hash recorded for ``url`` by an earlier read."""
    row = db.execute("SELECT sha1 FROM wipo_files WHERE url = ?", [url]).fetchone()
    return row[0] if row else None


@dataclass
class WipoFile:
    """A WIPO file as last read: where it was linked from and what it gave."""

    url: str
    sha1: str
    kind: str
    rankings: int = 0
    indicators: int = 0
    parent_url: str | None = None
    release_no: str | None = None
    data_year: int | None = None


def record_file(db: Database, file: WipoFile, checked_at: str) -> None:
    """Remember a file read (upsert on its URL; a known parent link is kept)."""
    with write_transaction(db):
        db.execute(
            "INSERT INTO wipo_files (url, sha1, kind, parent_url, release_no, data_year, rankings,"
            " indicators, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE"
            " SET sha1 = excluded.sha1, kind = excluded.kind,"
            " parent_url = coalesce(excluded.parent_url, parent_url),"
            " release_no = coalesce(excluded.release_no, release_no),"
            " data_year = coalesce(excluded.data_year, data_year),"
            " rankings = excluded.rankings, indicators = excluded.indicators,"
            " checked_at = excluded.checked_at",
            [
                file.url,
                file.sha1,
                file.kind,
                file.parent_url,
                file.release_no,
                file.data_year,
                file.rankings,
                file.indicators,
                checked_at,
            ],
        )


def linked_files(db: Database, parent_url: str) -> list[WipoFile]:
    """The annex files an earlier run followed from ``parent_url``."""
    rows = db.execute(
        "SELECT url, sha1, kind, rankings, indicators, parent_url, release_no, data_year"
        " FROM wipo_files WHERE parent_url = ? ORDER BY url",
        [parent_url],
    ).fetchall()
    return [WipoFile(*row) for row in rows]
