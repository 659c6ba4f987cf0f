"""What earlier runs already stored, and HTTP validators for conditional GETs.

The database is the crawl's memory between nights (no dbm files, no in-memory
fingerprint sets): any process that can read it, on any machine, skips the
same URLs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

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


def known_url_ids(db: Database, keys: Iterable[str]) -> dict[str, int]:
    """Each stored key of ``keys`` with the id of its article (the oldest, if several)."""
    wanted = list(dict.fromkeys(keys))
    found: dict[str, int] = {}
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i : i + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        for key, article_id in db.execute(
            f"SELECT url_key, min(article_id) FROM article_urls WHERE url_key IN ({marks})"
            " GROUP BY url_key",
            chunk,
        ):
            found[key] = int(article_id)
    return found


# --------------------------------------------------------------------------- walk watermarks
#
# Early stopping ("this list page's articles are all stored, so are the older ones") and
# the 304 shortcut ("page 1 is unchanged, so nothing is new") are only true of what a
# *completed* walk saw. A run killed or stopped half-way has stored the newest pages but
# not the older ones: trusting its articles or its list-page validators would stop the
# next run on page 1 and lose the rest of the site until a --full run. So each spider
# keeps the watermark of its last completed walk (the newest article id stored when it
# ended) and whether a walk has begun since without completing.


@dataclass(frozen=True)
class WalkState:
    """What the previous walks of a spider let this run trust."""

    watermark: int | None  # articles with ids up to this were stored by completed walks
    interrupted: bool  # a walk began after the last completed one and did not complete

    def trusted(self, article_id: int) -> bool:
        """Whether an article stored under ``article_id`` proves older pages are stored."""
        return self.watermark is not None and article_id <= self.watermark


def open_walk(db: Database, spider: str, run_id: int, now: str) -> WalkState:
    """Record that ``run_id`` begins a walk; return the state left by earlier walks."""
    with write_transaction(db):
        row = db.execute(
            "SELECT watermark, open_run_id FROM walk_watermarks WHERE spider = ?", [spider]
        ).fetchone()
        db.execute(
            "INSERT INTO walk_watermarks (spider, open_run_id, opened_at) VALUES (?, ?, ?)"
            " ON CONFLICT(spider) DO UPDATE SET open_run_id = excluded.open_run_id,"
            " opened_at = excluded.opened_at",
            [spider, run_id, now],
        )
    if row is None:
        return WalkState(None, False)
    return WalkState(row[0], row[1] is not None)


def complete_walk(db: Database, spider: str, run_id: int, now: str) -> int | None:
    """Record that ``run_id`` walked its list to the end: everything stored now is gap-free.

    Returns the new watermark (the newest article id; None on an empty database)."""
    with write_transaction(db):
        (watermark,) = db.execute("SELECT max(id) FROM articles").fetchone()
        db.execute(
            "INSERT INTO walk_watermarks (spider, completed_run_id, completed_at, watermark)"
            " VALUES (?, ?, ?, ?) ON CONFLICT(spider) DO UPDATE SET"
            " completed_run_id = excluded.completed_run_id, completed_at = excluded.completed_at,"
            " watermark = excluded.watermark, open_run_id = NULL, opened_at = NULL",
            [spider, run_id, now, watermark],
        )
    return int(watermark) if watermark is not None else None


def walk_completed(stats: Mapping[str, Any], finish_reason: str) -> bool:
    """A run's walk is complete when Scrapy finished on its own (not killed, not stopped by
    SIGTERM or a close condition), no list page failed (a list page that failed ends the
    walk early: the pages after it were never seen; stat ``patentwatch/list/failed``) and
    no batch failed to be stored (``storage/failed``: those articles are not there)."""
    return (
        finish_reason == "finished"
        and not stats.get("patentwatch/list/failed")
        and not stats.get("storage/failed")
    )


def refresh_urls(db: Database, site: str) -> list[tuple[str, str | None, str | None]]:
    """(url, title, published_at) per stored article of ``site``, to re-validate on
    ``--refresh``. The URL is the variant whose validators were recorded (so the GET is
    conditional), else the stored one; title and date stand in for what the list page
    said, so a page that lacks them keeps the stored ones."""
    rows = db.execute(
        "SELECT a.url, (SELECT u.url FROM article_urls u JOIN http_validators v ON v.url = u.url"
        "  WHERE u.article_id = a.id ORDER BY v.checked_at DESC LIMIT 1), a.title, a.published_at"
        " FROM articles a WHERE a.site = ? ORDER BY a.id",
        [site],
    ).fetchall()
    return [(validated or url, title, date) for url, validated, title, date in rows]
