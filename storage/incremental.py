"""What earlier runs already stored, and HTTP validators for conditional GETs.

The database is the crawl's memory between nights (no dbm files, no in-memory
fingerprint sets): any process that can read it, on any machine, skips the
same URLs.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from storage.db import write_transaction

_CHUNK = 500


def known_url_keys(db: Database, keys: Iterable[str]) -> set[str]:
    """The subset of ``keys`` (see ``storage.articles.url_key_of``) already stored."""
    wanted = list(dict.fromkeys(keys))
    found: set[str] = set()
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i : i + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        found.update(
            row[0]
            for row in db.execute(
                f"SELECT url_key FROM article_urls WHERE url_key IN ({marks})", chunk
            )
        )
    return found


def get_validators(db: Database, url: str) -> tuple[str | None, str | None]:
    """(ETag, Last-Modified) recorded for ``url`` by an earlier fetch."""
    row = db.execute(
        "SELECT etag, last_modified FROM http_validators WHERE url = ?", [url]
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def save_validators(db: Database, rows: Iterable[tuple[str, str | None, str | None, str]]) -> None:
    """Upsert (url, etag, last_modified, checked_at) rows in one transaction."""
    rows = list(rows)
    if not rows:
        return
    with write_transaction(db):
        db.conn.executemany(
            "INSERT INTO http_validators (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,"
            " checked_at = excluded.checked_at",
            rows,
        )
