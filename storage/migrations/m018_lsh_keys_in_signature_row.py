"""Migration m018: an article's 25 band keys live in its ``article_minhash`` row, and
triggers on that row keep ``lsh_buckets`` in step. Applied once; never edited after release.

Why: a new article wrote its 25 bucket rows as 25 statements from Python into a table
with a second index (``idx_lsh_buckets_article``, only there to find an article's rows
when it changed or was deleted) and a foreign key checked on each row: ~7% of a new
article's storage instructions (callgrind, bench/README.md "Throughput, fourth pass").
Now the signature row carries the keys (``k0`` … ``k24``: the bands' bucket keys, as
:func:`storage.dedup.band_keys` computes them), an ``AFTER INSERT`` trigger writes the
bucket rows from them in one statement, and ``AFTER DELETE`` (also when an article's
deletion cascades to its signature) removes exactly those rows by primary key, so
``lsh_buckets`` needs neither the second index nor the foreign key. Its rows are the same
(band, bucket, article id) triples as before: lookups and results do not change.

Both tables are rebuilt in key order from the stored signatures (no body is read again):
signatures in id order with their keys, then each band's bucket rows sorted (as
:class:`storage.dedup.BulkIndex` builds them). Bucket rows of articles without a signature
row (left by a tool that deleted articles with foreign keys off) are not carried over:
a lookup never returned them.
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.migrations.base import migrations

BANDS = 25  # storage.dedup.BANDS when this migration was written
KEYS = ", ".join(f"k{b} INTEGER" for b in range(BANDS))


def trigger_sql() -> list[str]:
    """The triggers that keep ``lsh_buckets`` equal to the signature rows' keys."""
    rows = ", ".join(f"({b}, NEW.k{b}, NEW.article_id)" for b in range(BANDS))
    drop = " ".join(
        f"DELETE FROM lsh_buckets WHERE band = {b} AND bucket = OLD.k{b}"
        " AND article_id = OLD.article_id;"
        for b in range(BANDS)
    )
    add = f"INSERT OR IGNORE INTO lsh_buckets (band, bucket, article_id) VALUES {rows};"
    keys = ", ".join(f"k{b}" for b in range(BANDS))
    return [
        f"CREATE TRIGGER lsh_buckets_ai AFTER INSERT ON article_minhash BEGIN {add} END",
        f"CREATE TRIGGER lsh_buckets_ad AFTER DELETE ON article_minhash BEGIN {drop} END",
        f"CREATE TRIGGER lsh_buckets_au AFTER UPDATE OF article_id, {keys} ON article_minhash"
        f" BEGIN {drop} {add} END",
    ]


@migrations()
def m018_lsh_keys_in_signature_row(db: Database) -> None:
    # lazy: listing migrations must not need numpy
    import numpy as np

    from storage.dedup import band_key_matrix

    db.execute(
        "CREATE TABLE pw_minhash_new (article_id INTEGER PRIMARY KEY REFERENCES articles(id)"
        f" ON DELETE CASCADE, signature BLOB NOT NULL, scheme INTEGER NOT NULL DEFAULT 1, {KEYS})"
    )
    marks = ", ".join("?" for _ in range(BANDS + 3))
    last = -1
    while True:
        rows = db.execute(
            "SELECT article_id, signature, scheme FROM article_minhash WHERE article_id > ?"
            " ORDER BY article_id LIMIT 5000",
            [last],
        ).fetchall()
        if not rows:
            break
        sigs = np.stack([np.frombuffer(r[1], dtype=np.uint32) for r in rows])
        keys = band_key_matrix(sigs).tolist()
        db.conn.executemany(
            f"INSERT INTO pw_minhash_new VALUES ({marks})",
            [(*r, *k) for r, k in zip(rows, keys, strict=True)],
        )
        last = rows[-1][0]
    db.execute("DROP TABLE article_minhash")
    db.execute("ALTER TABLE pw_minhash_new RENAME TO article_minhash")
    db.execute(
        "CREATE TABLE pw_lsh_new (band INTEGER NOT NULL, bucket INTEGER NOT NULL,"
        " article_id INTEGER NOT NULL, PRIMARY KEY (band, bucket, article_id)) WITHOUT ROWID"
    )
    for band in range(BANDS):
        db.execute(
            f"INSERT INTO pw_lsh_new SELECT {band}, k{band}, article_id FROM article_minhash"
            f" ORDER BY k{band}, article_id"
        )
    db.execute("DROP TABLE lsh_buckets")  # with its index idx_lsh_buckets_article
    db.execute("ALTER TABLE pw_lsh_new RENAME TO lsh_buckets")
    for statement in trigger_sql():
        db.execute(statement)
