"""Save articles idempotently, a batch at a time: a re-crawl updates rows, never duplicates them.

An article is keyed by its canonical URL. Its ``content_hash`` covers the
normalised body only (NFKC folds full-width punctuation, whitespace collapses),
so a changed view counter or meta line is not a new version.

Why batches: one ``executemany`` per table per batch instead of one statement per
row and table (a batch of 50 used to run ~2,000 statements). Why ids are assigned
here: ``executemany`` reports no row ids, and inside the ``BEGIN IMMEDIATE``
transaction this connection is the only writer, so ``max(id) + 1 ...`` is safe.

Near-duplicates form clusters whose root (``duplicate_of IS NULL``) is the
earliest *published* copy, then the earliest seen: a cluster is a connected
component of the "same story" relation (equal content hash, or estimated Jaccard
at or above the threshold), so the clusters and their roots are the same whatever
order the copies arrive in (see :mod:`storage.clusters`).
"""

from __future__ import annotations

import hashlib
import json
import threading
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import zstandard
from sqlite_utils import Database

from core.records import ArticleRecord, columns
from storage import clusters, dedup, fts
from storage.asciitext import LOWER_SPACES, collapse_ascii
from storage.db import write_transaction
from storage.metrics import ArticleMetrics, replace_metrics_batch

# Derived from the record: a new article field is declared once, in core/records.py.
ARTICLE_COLUMNS = columns(ArticleRecord)
# Columns an unchanged re-crawl refreshes; title and body stay, so no full-text re-index.
_REFRESH_COLUMNS = (
    *(c for c in ARTICLE_COLUMNS if c not in ("url", "title", "body")),
    "url_key",
    "field_sources",
    "fetched_at",
    "last_seen",
    "run_id",
)
# Raw HTML: zstd level 1. On the 183 real pages of ../shared/aeb (168 KB on average) it
# keeps 20.9% of the bytes for 3.0 M instructions a page, where zlib level 3 (the format
# before) kept 22.1% for 9.2 M (callgrind; bench/README.md). Rows say which they use:
# older rows stay zlib and read as before.
HTML_COMPRESSION = "zstd"
HTML_LEVEL = 1
_local = threading.local()  # a zstd context per thread (contexts are not thread-safe)


def _compressor() -> zstandard.ZstdCompressor:
    c: zstandard.ZstdCompressor | None = getattr(_local, "compressor", None)
    if c is None:
        c = _local.compressor = zstandard.ZstdCompressor(level=HTML_LEVEL)
    return c


def pack_html(html: str) -> bytes:
    """The page as stored in ``article_html.html`` (compression :data:`HTML_COMPRESSION`)."""
    return _compressor().compress(html.encode("utf-8"))


def unpack_html(compression: str, blob: bytes) -> str:
    """A stored page, whichever compression its row names."""
    if compression == "zstd":
        return zstandard.ZstdDecompressor().decompress(blob).decode("utf-8")
    if compression == "zlib":
        return zlib.decompress(blob).decode("utf-8")
    raise ValueError(f"unknown compression {compression!r} in article_html")


def content_hash(body: str) -> str:
    """SHA-256 of the normalised body text."""
    body = body or ""
    if body.isascii():
        return hashlib.sha256(collapse_ascii(body.encode("ascii"), LOWER_SPACES)).hexdigest()
    # split() and re's \s both use str.isspace: the same text as collapsing \s+ runs, faster
    norm = " ".join(unicodedata.normalize("NFKC", body).split()).lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def url_key_of(url: str) -> str:
    """Identity of a canonical URL: no scheme, no leading ``www.`` (http/https and www variants match)."""
    rest = url.split("://", 1)[-1]
    return rest[4:] if rest.startswith("www.") else rest


@dataclass
class _Prepared:
    """One item's rows, computed before the transaction opens (hashing, compression)."""

    item: Mapping[str, Any]
    row: dict[str, Any]
    html: bytes | None
    article_id: int = 0


def _prepare(item: Mapping[str, Any], run_id: int | None, now: str) -> _Prepared:
    row = {col: item.get(col) for col in ARTICLE_COLUMNS}
    body = item.get("body") or ""
    row.update(
        url_key=item.get("url_key") or url_key_of(str(item["url"])),
        body=body,
        content_hash=content_hash(body),
        field_sources=json.dumps(item.get("sources") or {}, sort_keys=True),
        fetched_at=item["fetched_at"],
        last_seen=now,
        run_id=run_id,
    )
    html = item.get("html") or ""
    packed = pack_html(html) if html else None
    return _Prepared(item, row, packed)


def save_articles(
    db: Database,
    items: Iterable[Mapping[str, Any]],
    run_id: int | None,
    now: str,
    index_text: bool = True,
) -> Counter[str]:
    """Insert or update a batch of articles in one transaction (or in the caller's, if open).

    :param items: mappings with the ``articles`` columns plus ``html``, ``fetched_url``,
        ``fetched_at``, ``sources`` and optionally ``metrics`` (records from
        :func:`core.metrics.extract_metrics`) with ``extractor_version``; metrics are
        (re)written for new and changed articles
    :param run_id: the ``crawl_runs`` row doing the saving
    :param now: ISO timestamp for first_seen/last_seen
    :param index_text: fill the full-text indexes before returning; the background writer
        passes False and catches up in larger chunks (:mod:`storage.fts`)
    :returns: counts of ``new``, ``duplicate`` (new, but a copy of a stored story: in its
        cluster), ``updated`` and ``unchanged`` articles
    """
    return Counter(save_articles_outcomes(db, items, run_id, now, index_text))


def save_articles_outcomes(
    db: Database,
    items: Iterable[Mapping[str, Any]],
    run_id: int | None,
    now: str,
    index_text: bool = True,
) -> list[str]:
    """:func:`save_articles`, with each item's outcome in item order (``new``, ...)."""
    prepared = [_prepare(item, run_id, now) for item in items]
    outcomes: dict[int, str] = {}
    if not prepared:
        return []
    if db.conn.in_transaction:  # the caller's transaction (e.g. with its own bookkeeping)
        _save_all(db, prepared, now, outcomes, index_text)
    else:
        with write_transaction(db):
            _save_all(db, prepared, now, outcomes, index_text)
    return [outcomes[id(p)] for p in prepared]


def _save_all(
    db: Database, prepared: list[_Prepared], now: str, outcomes: dict[int, str], index_text: bool
) -> None:
    for part in _rounds(prepared):
        outcomes.update(_save_round(db, part, now))
    if index_text:
        fts.catch_up(db)


def _rounds(prepared: list[_Prepared]) -> Iterator[list[_Prepared]]:
    """Split a batch so no URL appears twice in one round (a later copy updates the earlier)."""
    while prepared:
        seen: set[str] = set()
        this: list[_Prepared] = []
        rest: list[_Prepared] = []
        for p in prepared:
            (rest if p.row["url_key"] in seen else this).append(p)
            seen.add(p.row["url_key"])
        yield this
        prepared = rest


def _save_round(db: Database, batch: list[_Prepared], now: str) -> dict[int, str]:
    """Save one round; the outcome of each item, keyed by ``id()`` of its prepared form."""
    existing = _existing(db, [p.row["url_key"] for p in batch])
    new = [p for p in batch if p.row["url_key"] not in existing]
    old = [p for p in batch if p.row["url_key"] in existing]
    changed = [p for p in old if _is_changed(p, existing[p.row["url_key"]])]
    unchanged = [p for p in old if p not in changed]
    for p in old:
        p.article_id = existing[p.row["url_key"]][0]
    _keep_versions(db, changed, existing, now)
    _update(db, changed, [c for c in _refresh_and_text() if c != "url"])
    _update(db, unchanged, list(_REFRESH_COLUMNS))
    _insert(db, new, now)
    _save_urls(db, batch, now)
    _save_html(db, batch)
    _save_metrics(db, [*new, *changed], now, {p.article_id for p in new})
    sigs = {p.article_id: dedup.signature(p.row["body"]) for p in [*new, *changed]}
    keys = dedup.band_keys_of(sigs)
    dedup.index_articles(db, [(p.article_id, sigs[p.article_id]) for p in new], keys, False)
    dedup.index_articles(db, [(p.article_id, sigs[p.article_id]) for p in changed], keys)
    outcomes = {id(p): "updated" for p in changed} | {id(p): "unchanged" for p in unchanged}
    same = clusters.same_hash_ids(db, [p.row["content_hash"] for p in new if p.row["body"]])
    for p in new:
        a = p.article_id
        linked = p.row["body"] and clusters.link_new(
            db, a, p.row, sigs[a], keys[a], same.get(p.row["content_hash"], [])
        )
        outcomes[id(p)] = "duplicate" if linked else "new"
    return outcomes


def _refresh_and_text() -> tuple[str, ...]:
    return (*_REFRESH_COLUMNS, "title", "body", "content_hash")


def _existing(db: Database, keys: list[str]) -> dict[str, tuple[Any, ...]]:
    marks = ", ".join("?" for _ in keys)
    rows = db.execute(
        "SELECT url_key, id, title, published_at, body, content_hash, fetched_at FROM articles"
        f" WHERE url_key IN ({marks})",
        keys,
    ).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def _is_changed(p: _Prepared, old: tuple[Any, ...]) -> bool:
    _, old_title, _, _, old_hash, _ = old
    return bool(old_hash != p.row["content_hash"] or old_title != p.row["title"])


def _keep_versions(
    db: Database, changed: list[_Prepared], existing: dict[str, tuple[Any, ...]], now: str
) -> None:
    db.conn.executemany(
        "INSERT INTO article_versions (article_id, title, published_at, body, content_hash,"
        " fetched_at, replaced_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(*existing[p.row["url_key"]], now) for p in changed],
    )


def _update(db: Database, batch: list[_Prepared], cols: list[str]) -> None:
    """Update stored rows; the first canonical URL stays the article's URL (variants: article_urls)."""
    if not batch:
        return
    assignments = ", ".join(f"{col} = ?" for col in cols)
    db.conn.executemany(
        f"UPDATE articles SET {assignments} WHERE id = ?",
        [[*(p.row[c] for c in cols), p.article_id] for p in batch],
    )


def _insert(db: Database, new: list[_Prepared], now: str) -> None:
    if not new:
        return
    (top,) = db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()
    cols = [*new[0].row, "first_seen", "id"]
    for k, p in enumerate(new, start=1):
        p.article_id = int(top) + k
    db.conn.executemany(
        f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
        [[*p.row.values(), now, p.article_id] for p in new],
    )


def _save_urls(db: Database, batch: list[_Prepared], now: str) -> None:
    rows = []
    for p in batch:
        url = str(p.item["url"])
        for variant in dict.fromkeys([url, str(p.item.get("fetched_url") or url)]):
            rows.append((variant, p.row["url_key"], p.article_id, now, now))
    db.conn.executemany(
        "INSERT INTO article_urls (url, url_key, article_id, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(url) DO UPDATE SET last_seen = excluded.last_seen",
        rows,
    )


def _save_metrics(db: Database, batch: list[_Prepared], now: str, new: set[int]) -> None:
    replace_metrics_batch(
        db,
        [
            ArticleMetrics(
                p.article_id,
                p.item["metrics"],
                str(p.item.get("extractor_version", "")),
                p.item.get("country") or "CN",
                p.article_id in new,
            )
            for p in batch
            if "metrics" in p.item
        ],
        now,
    )


def _save_html(db: Database, batch: list[_Prepared]) -> None:
    db.conn.executemany(
        "INSERT INTO article_html (article_id, fetched_url, compression, html)"
        f" VALUES (?, ?, '{HTML_COMPRESSION}', ?)"
        " ON CONFLICT(article_id) DO UPDATE SET fetched_url = excluded.fetched_url,"
        " compression = excluded.compression, html = excluded.html",
        [(p.article_id, p.item.get("fetched_url"), p.html) for p in batch if p.html],
    )


def load_html(db: Database, article_id: int) -> str | None:
    """The stored raw HTML of an article, decompressed (for re-extraction)."""
    row = db.execute(
        "SELECT compression, html FROM article_html WHERE article_id = ?", [article_id]
    ).fetchone()
    if row is None:
        return None
    return unpack_html(row[0], row[1])
