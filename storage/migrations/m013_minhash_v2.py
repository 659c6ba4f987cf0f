"""Migration m013: MinHash signature scheme 2; full-text indexes off the per-row path.
Applied once; never edited after release.

* Scheme-1 signatures (datasketch, SHA-1 per shingle) cannot be compared with scheme-2
  ones (one-permutation hashing, see :mod:`storage.dedup`), so every stored article is
  re-indexed from its stored body and ``lsh_buckets`` is rebuilt. Each row now records
  its scheme, so a later scheme can tell stale rows apart. Links already made
  (``duplicate_of``) are kept: they were decided when the copies arrived.
* The full-text indexes' per-row triggers (sqlite-utils' ``articles_ai/au/ad``; the word
  index's ``articles_search_*`` when m010 made one) are replaced by triggers that queue
  the article in ``fts_pending``; :func:`storage.fts.catch_up` indexes the queue a chunk
  at a time. Rows already indexed stay indexed; the queue starts empty.
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations, run_ddl

_OLD_TRIGGERS = (
    "articles_ai",
    "articles_au",
    "articles_ad",
    "articles_search_ai",
    "articles_search_au",
    "articles_search_ad",
)


@migrations()
def m013_minhash_v2(db: Database) -> None:
    # lazy: listing migrations must not need the dedup and FTS modules
    from storage import dedup, fts

    run_ddl(db, "ALTER TABLE article_minhash ADD COLUMN scheme INTEGER NOT NULL DEFAULT 1")
    dedup.reindex_all(db)
    for trigger in _OLD_TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS [{trigger}]")
    db.execute("CREATE TABLE fts_pending (article_id INTEGER PRIMARY KEY)")
    for statement in fts.trigger_sql(fts.present(db)):
        db.execute(statement)
