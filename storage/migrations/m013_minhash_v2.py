"""Migration m013: MinHash signature scheme 2. Applied once; never edited after release.

Scheme-1 signatures (datasketch, SHA-1 per shingle) cannot be compared with scheme-2
ones (one-permutation hashing, see :mod:`storage.dedup`), so every stored article is
re-indexed from its stored body and ``lsh_buckets`` is rebuilt. Each row now records
its scheme, so a later scheme can tell stale rows apart. Links already made
(``duplicate_of``) are kept: they were decided when the copies arrived.
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations, run_ddl


@migrations()
def m013_minhash_v2(db: Database) -> None:
    from storage import dedup  # lazy: storage.dedup is not needed to list migrations

    run_ddl(db, "ALTER TABLE article_minhash ADD COLUMN scheme INTEGER NOT NULL DEFAULT 1")
    dedup.reindex_all(db)
