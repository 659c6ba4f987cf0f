"""Near-duplicate detection: MinHash over character n-grams, LSH buckets kept in SQLite.

Why characters: Chinese has no spaces, so word-token SimHash treats whole
clauses as tokens and misses reposts; character n-grams work for both
languages (3-grams for mostly-CJK text, 5-grams otherwise).

Why 0.5: a repost with a new headline and one of three paragraphs rewritten
keeps a Jaccard similarity of about 0.55-0.70 (measured on the pairs in
``tests/dedup/pairs.toml``), while different stories on the same topic from
the same university stay at or below about 0.45. 0.5 separates the two with a
margin on each side of about twice the MinHash estimate's standard error (128
permutations).

Why SQLite for the index: the band buckets live in ``lsh_buckets`` (indexed),
so a lookup is a few indexed reads, memory stays flat however many articles
there are, several crawler processes share one index, and nothing needs
rebuilding after a restart. :func:`rebuild_index` recomputes everything from
article bodies if the tables are lost.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata

import numpy as np
from datasketch import MinHash
from sqlite_utils import Database

NUM_PERM = 128
# Pinned: signatures of different permutation schemes cannot be compared (datasketch 2.0).
SCHEME = "affine32"
THRESHOLD = 0.5
BANDS, ROWS = 25, 5  # datasketch's optimal (b, r) for threshold 0.5 at 128 permutations
_CJK = re.compile(r"[\u3400-\u9fff]")
_NON_WORD = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]+")


def shingles(text: str) -> set[bytes]:
    """Character n-grams of the normalised text (3 for mostly-CJK text, else 5)."""
    norm = unicodedata.normalize("NFKC", text or "").lower()
    cjk = len(_CJK.findall(norm[:4000]))
    if cjk > 0.3 * max(1, len(norm[:4000])):
        norm, k = _NON_WORD.sub("", norm), 3
    else:
        norm, k = _SPACES.sub(" ", _PUNCT.sub("", norm)).strip(), 5
    if len(norm) <= k:
        return {norm.encode("utf-8")} if norm else set()
    return {norm[i : i + k].encode("utf-8") for i in range(len(norm) - k + 1)}


# datasketch derives its permutations on every MinHash(); computing them once keeps a
# signature cheap on the crawl's hot path.
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)


def signature(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, permutations=_TEMPLATE.permutations)
    grams = shingles(text)
    if grams:
        m.update_batch(list(grams))
    return m


def to_blob(m: MinHash) -> bytes:
    return m.hashvalues.astype(np.uint32).tobytes()


def from_blob(blob: bytes) -> MinHash:
    return MinHash(
        num_perm=NUM_PERM,
        seed=1,
        scheme=SCHEME,
        permutations=_TEMPLATE.permutations,
        hashvalues=np.frombuffer(blob, dtype=np.uint32),
    )


def similarity(m: MinHash, blob: bytes) -> float:
    """Estimated Jaccard similarity with a stored signature (share of equal MinHash values)."""
    return float(np.mean(m.hashvalues.astype(np.uint32) == np.frombuffer(blob, dtype=np.uint32)))


def band_keys(m: MinHash) -> list[int]:
    """One stable 63-bit key per band (Python's hash() differs between processes)."""
    values = m.hashvalues.astype(np.uint32)
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=struct.pack("<q", band)).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)
    return keys


def find_near_duplicate(
    db: Database, m: MinHash, exclude: int | None = None
) -> tuple[int, float] | None:
    """The most similar indexed article at or above :data:`THRESHOLD`, with its estimated Jaccard."""
    keys = band_keys(m)
    # One indexed probe per band (a 25-way OR is planned as a scan of the table).
    probes = " UNION ".join(
        "SELECT article_id FROM lsh_buckets WHERE band = ? AND bucket = ?" for _ in keys
    )
    params = [v for pair in enumerate(keys) for v in pair]
    candidates = {row[0] for row in db.execute(probes, params)}
    candidates.discard(exclude)
    best: tuple[int, float] | None = None
    for article_id in sorted(candidates):
        row = db.execute(
            "SELECT signature FROM article_minhash WHERE article_id = ?", [article_id]
        ).fetchone()
        if row is None:
            continue
        estimate = similarity(m, row[0])
        if estimate >= THRESHOLD and (best is None or estimate > best[1]):
            best = (article_id, estimate)
    return best


def index_article(db: Database, article_id: int, m: MinHash) -> None:
    """Store an article's signature and band buckets (call inside a write transaction)."""
    db.execute(
        "INSERT OR REPLACE INTO article_minhash (article_id, signature) VALUES (?, ?)",
        [article_id, to_blob(m)],
    )
    db.execute("DELETE FROM lsh_buckets WHERE article_id = ?", [article_id])
    db.conn.executemany(
        "INSERT OR IGNORE INTO lsh_buckets (band, bucket, article_id) VALUES (?, ?, ?)",
        [(band, key, article_id) for band, key in enumerate(band_keys(m))],
    )


def rebuild_index(db: Database) -> int:
    """Recompute every signature and bucket from article bodies (after the index was lost)."""
    from storage.db import write_transaction

    with write_transaction(db):
        db.execute("DELETE FROM lsh_buckets")
        db.execute("DELETE FROM article_minhash")
        n = 0
        for article_id, body in db.execute("SELECT id, body FROM articles ORDER BY id").fetchall():
            index_article(db, article_id, signature(body))
            n += 1
    return n
