"""Save articles idempotently: a re-crawl updates rows, never duplicates them.

An article is keyed by its canonical URL. Its ``content_hash`` covers the
normalised body only (NFKC folds full-width punctuation, whitespace collapses),
so a changed view counter or meta line is not a new version.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from core.records import ArticleRecord, columns
from storage import dedup
from storage.db import write_transaction
from storage.metrics import replace_metrics

_WS = re.compile(r"\s+")
# Derived from the record: a new article field is declared once, in core/records.py.
ARTICLE_COLUMNS = columns(ArticleRecord)


def content_hash(body: str) -> str:
    """SHA-256 of the normalised body text."""
    norm = _WS.sub(" ", unicodedata.normalize("NFKC", body or "")).strip().lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def save_articles(
    db: Database, items: Iterable[Mapping[str, Any]], run_id: int | None, now: str
) -> Counter[str]:
    """Insert or update a batch of articles in one transaction.

    :param items: mappings with the ``articles`` columns plus ``html``, ``fetched_url``,
        ``fetched_at``, ``sources`` and optionally ``metrics`` (records from
        :func:`core.metrics.extract_metrics`) with ``extractor_version``; metrics are
        (re)written for new and changed articles
    :param run_id: the ``crawl_runs`` row doing the saving
    :param now: ISO timestamp for first_seen/last_seen
    :returns: counts of ``new``, ``duplicate`` (new, but a copy of a stored story: linked by
        ``duplicate_of``), ``updated`` and ``unchanged`` articles
    """
    counts: Counter[str] = Counter()
    with write_transaction(db):
        for item in items:
            counts[_save_one(db, item, run_id, now)] += 1
    return counts


def _save_one(db: Database, item: Mapping[str, Any], run_id: int | None, now: str) -> str:
    row = {col: item.get(col) for col in ARTICLE_COLUMNS}
    row.update(
        url_key=item.get("url_key") or url_key_of(str(item["url"])),
        body=item.get("body") or "",
        content_hash=content_hash(item.get("body") or ""),
        field_sources=json.dumps(item.get("sources") or {}, sort_keys=True),
        fetched_at=item["fetched_at"],
        last_seen=now,
        run_id=run_id,
    )
    old = db.execute(
        "SELECT id, title, published_at, body, content_hash, fetched_at FROM articles WHERE url_key = ?",
        [row["url_key"]],
    ).fetchone()
    if old is None:
        return _insert_new(db, row, item, now)
    article_id, old_title, old_date, old_body, old_hash, old_fetched = old
    changed = old_hash != row["content_hash"] or old_title != row["title"]
    if changed:
        db.execute(
            "INSERT INTO article_versions (article_id, title, published_at, body, content_hash,"
            " fetched_at, replaced_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [article_id, old_title, old_date, old_body, old_hash, old_fetched, now],
        )
    row.pop("url")  # the first canonical URL stays the article's URL; variants go to article_urls
    assignments = ", ".join(f"{col} = ?" for col in row)
    db.execute(f"UPDATE articles SET {assignments} WHERE id = ?", [*row.values(), article_id])
    _save_url(db, article_id, item, row["url_key"], now)
    _save_html(db, article_id, item)
    if changed:
        _save_metrics(db, article_id, item, now)
        dedup.index_article(db, article_id, dedup.signature(row["body"]))
    return "updated" if changed else "unchanged"


def _insert_new(db: Database, row: dict[str, Any], item: Mapping[str, Any], now: str) -> str:
    """Insert an article, linking it to the earliest copy of the same story if there is one."""
    sig = dedup.signature(row["body"])
    row["duplicate_of"] = _duplicate_root(db, row["content_hash"], sig) if row["body"] else None
    cur = db.execute(_insert_sql(row), [*row.values(), now])
    article_id = int(cur.lastrowid or 0)
    _save_url(db, article_id, item, row["url_key"], now)
    _save_html(db, article_id, item)
    _save_metrics(db, article_id, item, now)
    dedup.index_article(db, article_id, sig)
    return "duplicate" if row["duplicate_of"] else "new"


def _duplicate_root(db: Database, digest: str, sig: Any) -> int | None:
    """The earliest article with the same body, or a near-duplicate's root."""
    same = db.execute(
        "SELECT coalesce(duplicate_of, id) FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1",
        [digest],
    ).fetchone()
    if same:
        return int(same[0])
    near = dedup.find_near_duplicate(db, sig)
    if near is None:
        return None
    root = db.execute(
        "SELECT coalesce(duplicate_of, id) FROM articles WHERE id = ?", [near[0]]
    ).fetchone()
    return int(root[0])


def _save_url(db: Database, article_id: int, item: Mapping[str, Any], key: str, now: str) -> None:
    for url in {str(item["url"]), str(item.get("fetched_url") or item["url"])}:
        db.execute(
            "INSERT INTO article_urls (url, url_key, article_id, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(url) DO UPDATE SET last_seen = excluded.last_seen",
            [url, key, article_id, now, now],
        )


def url_key_of(url: str) -> str:
    """Identity of a canonical URL: no scheme, no leading ``www.`` (http/https and www variants match)."""
    rest = url.split("://", 1)[-1]
    return rest[4:] if rest.startswith("www.") else rest


def _save_metrics(db: Database, article_id: int, item: Mapping[str, Any], now: str) -> None:
    if "metrics" in item:
        replace_metrics(
            db,
            article_id,
            item["metrics"],
            str(item.get("extractor_version", "")),
            now,
            country=item.get("country") or "CN",
        )


def _insert_sql(row: Mapping[str, Any]) -> str:
    cols = [*row, "first_seen"]
    return f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"


def _save_html(db: Database, article_id: int | None, item: Mapping[str, Any]) -> None:
    html = item.get("html") or ""
    if not html:
        return
    db.execute(
        "INSERT INTO article_html (article_id, fetched_url, compression, html) VALUES (?, ?, 'zlib', ?)"
        " ON CONFLICT(article_id) DO UPDATE SET fetched_url = excluded.fetched_url,"
        " compression = excluded.compression, html = excluded.html",
        [article_id, item.get("fetched_url"), zlib.compress(html.encode("utf-8"), 6)],
    )


def load_html(db: Database, article_id: int) -> str | None:
    """The stored raw HTML of an article, decompressed (for re-extraction)."""
    row = db.execute(
        "SELECT compression, html FROM article_html WHERE article_id = ?", [article_id]
    ).fetchone()
    if row is None:
        return None
    return zlib.decompress(row[1]).decode("utf-8")
