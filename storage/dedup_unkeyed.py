"""Near-duplicate rows the way files before migration m018 keep them (no band keys in
``article_minhash``: the bucket rows are written and removed from here). Only a file held
at an older migration meets this path (the tests of earlier migrations fill such files);
:func:`storage.open_db` always brings a file to m018 first."""

from __future__ import annotations

from collections.abc import Mapping

from sqlite_utils import Database

from storage.dedup import SCHEME_VERSION, Signature, band_keys, to_blob


def index_unkeyed(
    db: Database,
    rows: list[tuple[int, Signature]],
    kept: list[tuple[int, Signature]],
    keys: Mapping[int, list[int]],
    replace: bool,
) -> int:
    """:func:`storage.dedup.index_articles` before migration m018: bucket rows written from here."""
    if replace:
        ids = [(article_id,) for article_id, _ in rows]
        db.conn.executemany("DELETE FROM lsh_buckets WHERE article_id = ?", ids)
        db.conn.executemany("DELETE FROM article_minhash WHERE article_id = ?", ids)
    db.conn.executemany(
        "INSERT OR REPLACE INTO article_minhash (article_id, signature, scheme) VALUES (?, ?, ?)",
        [(a, to_blob(s), SCHEME_VERSION) for a, s in kept],
    )
    db.conn.executemany(
        "INSERT OR IGNORE INTO lsh_buckets (band, bucket, article_id) VALUES (?, ?, ?)",
        [(band, key, a) for a, s in kept for band, key in enumerate(keys.get(a) or band_keys(s))],
    )
    return len(kept)
