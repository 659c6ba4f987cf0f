"""Near-duplicate detection: MinHash over character n-grams, LSH buckets kept in SQLite.

Why characters: Chinese has no spaces, so word-token SimHash treats whole
clauses as tokens and misses reposts; character n-grams work for both
languages (3-grams for mostly-CJK text, 5-grams otherwise).

Why 0.5: a repost with a new headline and one of three paragraphs rewritten
keeps a Jaccard similarity of about 0.55-0.70 (measured on the pairs in
``tests/dedup/pairs.toml``), while different stories on the same topic from
the same university stay at or below about 0.45. 0.5 separates the two with a
margin on each side of about twice the MinHash estimate's standard error (128
values).

Why this signature (scheme 2): scheme 1 (datasketch) called SHA-1 once per
shingle and ran 128 affine permutations over every shingle, ~5 ms an article
and 22% of a crawl. Scheme 2 hashes all n-grams of an article at once (numpy:
a 64-bit mix of the codepoints) and uses *one-permutation hashing* with
optimal densification (Shrivastava, ICML 2017): the top 7 bits of a shingle's
hash pick one of 128 bins, the next 32 bits are its value, each bin keeps its
minimum, and an empty bin copies the bin found by a fixed probe sequence.
Two texts agree on a bin with probability equal to their Jaccard similarity,
as with 128 independent permutations, at one hash per shingle (~0.1 ms).
Signatures of different schemes cannot be compared: ``article_minhash.scheme``
records each row's, and migration m013 re-indexed scheme-1 rows.

Why SQLite for the index: the band buckets live in ``lsh_buckets`` (indexed),
so a lookup is a few indexed reads, memory stays flat however many articles
there are, several crawler processes share one index, and nothing needs
rebuilding after a restart. :func:`rebuild_index` recomputes everything from
article bodies if the tables are lost.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from sqlite_utils import Database

from storage.asciitext import ascii_table, collapse_ascii

SCHEME_VERSION = 2
BULK_CACHE_KIB = 262_144  # page cache while re-indexing everything (256 MiB)
NUM_PERM = 128  # bins; the name is kept from the permutation scheme it replaced
THRESHOLD = 0.5
BANDS, ROWS = 25, 5  # the optimal (b, r) for threshold 0.5 at 128 values (as datasketch picks)

_BIN_SHIFT = np.uint64(64 - 7)  # 2**7 == NUM_PERM bins
_VALUE_SHIFT = np.uint64(64 - 7 - 32)
_LOW32 = np.uint64(0xFFFFFFFF)
_GRAM_BASE = np.uint64(
    0x100000001B3
)  # odd and > 2**21 (every codepoint): distinct n-grams, distinct sums
_EMPTY = np.uint32(0xFFFFFFFF)
# Fixed probe sequence for empty bins, the same in every process (seeded), 256 tries per bin:
# a text with at least 8 distinct shingles misses all 256 with probability < 1e-14.
_PROBES = np.random.default_rng(20261201).integers(0, NUM_PERM, (NUM_PERM, 256))
_BAND_SALT = np.random.default_rng(7).integers(1, 2**63, BANDS, dtype=np.uint64)

Signature = np.ndarray  # uint32[NUM_PERM]


_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, element-wise: every input bit flips about half the output bits.
    In place on a fresh array (``x`` is overwritten; callers pass temporaries)."""
    x = x.copy() if not x.flags.writeable else x
    x ^= x >> _S30
    x *= _M1
    x ^= x >> _S27
    x *= _M2
    x ^= x >> _S31
    return x


@functools.cache
def _char_classes() -> tuple[np.ndarray, np.ndarray]:
    """re's ``\\w`` (isalnum or ``_``) and ``\\s`` (isspace) for every BMP codepoint, built
    once on first use (~15 ms), so classifying a text is one array lookup per class."""
    chars = [chr(c) for c in range(0x10000)]
    word = np.array([c.isalnum() or c == "_" for c in chars], dtype=bool)
    space = np.array([c.isspace() for c in chars], dtype=bool)
    return word, space


def _classes(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    word_bmp, space_bmp = _char_classes()
    bmp = codes < 0x10000
    index = np.where(bmp, codes, 0)
    word, space = word_bmp[index], space_bmp[index]
    if not bmp.all():  # astral characters are rare: classify them one by one
        for i in np.flatnonzero(~bmp).tolist():
            ch = chr(int(codes[i]))
            word[i], space[i] = ch.isalnum(), ch.isspace()
    return word, space


# shingled ASCII text: lower case, whitespace a space, punctuation ([^\w\s]) deleted
_ASCII = ascii_table(
    "".join(
        chr(c)
        for c in range(128)
        if not chr(c).isspace() and not (chr(c).isalnum() or chr(c) == "_")
    )
)


def _normal_codes(text: str) -> tuple[np.ndarray, int]:
    """Codepoints of the shingled text and the n-gram length, computed as arrays:

    NFKC, lower case; mostly-CJK text keeps only word characters (``[\\W_]`` removed) and
    takes 3-grams; other text drops punctuation (``[^\\w\\s]``), collapses whitespace runs
    to one space, strips the ends, and takes 5-grams.

    Why the ASCII branch: English pages are ASCII, where NFKC changes nothing and the same
    definition is a few C passes over bytes (:mod:`storage.asciitext`): faster than
    classifying every codepoint with arrays, with the same result (tested).
    """
    text = text or ""
    if text.isascii():
        return np.frombuffer(collapse_ascii(text.encode("ascii"), _ASCII), dtype=np.uint8), 5
    norm = unicodedata.normalize("NFKC", text).lower()
    codes = np.frombuffer(norm.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    head = codes[:4000]
    cjk = int(np.count_nonzero((head >= 0x3400) & (head <= 0x9FFF)))
    word, space = _classes(codes)
    if cjk > 0.3 * max(1, len(head)):
        return codes[word & (codes != ord("_"))], 3
    keep = word | space
    codes, space = codes[keep], space[keep]
    # a space stays only after a non-space (runs collapse; leading ones go), then strip the end
    prev_space = np.concatenate(([True], space[:-1]))
    codes, space = codes[~(space & prev_space)], space[~(space & prev_space)]
    if len(space) and space[-1]:
        codes, space = codes[:-1], space[:-1]
    return np.where(space, np.uint32(32), codes), 5


def normalise(text: str) -> tuple[str, int]:
    """The text shingles are taken from, and the n-gram length (3 for mostly-CJK text, else 5)."""
    codes, k = _normal_codes(text)
    return codes.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass"), k


def shingles(text: str) -> set[str]:
    """The character n-grams of the normalised text (for exact Jaccard in tests and audits)."""
    norm, k = normalise(text)
    if len(norm) <= k:
        return {norm} if norm else set()
    return {norm[i : i + k] for i in range(len(norm) - k + 1)}


def shingle_hashes(text: str) -> np.ndarray:
    """64-bit hashes of every n-gram of ``text``, all at once (uint64; repeats kept)."""
    small, k = _normal_codes(text)
    if not len(small):
        return np.zeros(0, dtype=np.uint64)
    codes = small.astype(np.uint64)
    k = min(k, len(codes))
    n = len(codes) - k + 1
    h = codes[:n].copy()
    with np.errstate(over="ignore"):
        for j in range(1, k):  # a polynomial of the k codepoints: k array operations in all
            h *= _GRAM_BASE
            h += codes[j : j + n]
        return _mix(h)


def signature(text: str) -> Signature:
    """The scheme-2 MinHash signature of ``text`` (all bins empty for a text without letters)."""
    h = shingle_hashes(text)
    sig = np.full(NUM_PERM, _EMPTY, dtype=np.uint32)
    if not len(h):
        return sig
    bins = (h >> _BIN_SHIFT).astype(np.intp)
    # each bin's minimum value, unbuffered (no sort of all the shingles: ~3x cheaper); the
    # counts say which bins are filled (a minimum may equal the empty marker)
    np.minimum.at(sig, bins, ((h >> _VALUE_SHIFT) & _LOW32).astype(np.uint32))
    filled = np.bincount(bins, minlength=NUM_PERM) > 0
    present = np.flatnonzero(filled)
    if len(present) < NUM_PERM:
        empty = np.flatnonzero(~filled)
        probes = _PROBES[empty]
        hit = filled[probes]
        source = probes[np.arange(len(empty)), hit.argmax(axis=1)]
        # a text of a few shingles may miss every probe: the nearest filled bin after it
        missed = ~hit.any(axis=1)
        if missed.any():
            source[missed] = [
                present[np.searchsorted(present, j) % len(present)] for j in empty[missed]
            ]
        sig[empty] = sig[source]
    return sig


def is_empty(sig: Signature) -> bool:
    return bool((sig == _EMPTY).all())


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal values)."""
    return int(np.count_nonzero(a == b)) / NUM_PERM


def to_blob(sig: Signature) -> bytes:
    return sig.astype(np.uint32).tobytes()


def from_blob(blob: bytes) -> Signature:
    return np.frombuffer(blob, dtype=np.uint32)


def similarity(sig: Signature, blob: bytes) -> float:
    """Estimated Jaccard similarity with a stored signature."""
    return jaccard(sig, from_blob(blob))


def band_keys(sig: Signature) -> list[int]:
    """One stable 63-bit key per band (Python's hash() differs between processes)."""
    rows = sig[: BANDS * ROWS].astype(np.uint64).reshape(BANDS, ROWS)
    h = _BAND_SALT.copy()
    with np.errstate(over="ignore"):
        for col in range(ROWS):
            h = h * _GRAM_BASE + rows[:, col]
        return [int(k) for k in (_mix(h) >> np.uint64(1)).tolist()]


def candidates(
    db: Database, keys: Sequence[int], before: int | None = None
) -> list[tuple[int, bytes]]:
    """(article id, signature) of every current-scheme article sharing a band bucket
    (only ids below ``before``, if given: the articles stored before a new one)."""
    params: list[int] = [v for pair in enumerate(keys) for v in pair]
    if before is not None:
        params.append(before)
    return [
        (int(r[0]), r[1])
        for r in db.execute(_candidates_sql(len(keys), before is not None), params)
    ]


@functools.cache
def _candidates_sql(bands: int, below: bool) -> str:
    """The lookup of :func:`candidates`, built once per shape (it was rebuilt per article)."""
    # One indexed probe per band (a 25-way OR is planned as a scan of the table); UNION ALL:
    # IN () drops repeats itself, a UNION would sort them out once more (~1% of a batch).
    probes = " UNION ALL ".join(
        "SELECT article_id FROM lsh_buckets WHERE band = ? AND bucket = ?" for _ in range(bands)
    )
    return (
        f"SELECT article_id, signature FROM article_minhash WHERE scheme = {SCHEME_VERSION}"
        f" AND article_id IN ({probes}){' AND article_id < ?' if below else ''}"
        " ORDER BY article_id"
    )


def find_near_duplicates(
    db: Database,
    sig: Signature,
    exclude: int | None = None,
    keys: list[int] | None = None,
    before: int | None = None,
) -> list[tuple[int, float]]:
    """Every indexed article at or above :data:`THRESHOLD`, most similar first.

    :param keys: the signature's :func:`band_keys`, when the caller has them already
    :param before: only articles with a smaller id (stored before the one looked up)
    """
    if is_empty(sig):
        return []
    found = [
        (article_id, similarity(sig, blob))
        for article_id, blob in candidates(db, keys or band_keys(sig), before)
        if article_id != exclude
    ]
    return sorted((f for f in found if f[1] >= THRESHOLD), key=lambda f: (-f[1], f[0]))


def find_near_duplicate(
    db: Database, sig: Signature, exclude: int | None = None
) -> tuple[int, float] | None:
    """The most similar indexed article at or above :data:`THRESHOLD`, with its estimated Jaccard."""
    found = find_near_duplicates(db, sig, exclude)
    return found[0] if found else None


def index_articles(
    db: Database,
    entries: Iterable[tuple[int, Signature]],
    keys: Mapping[int, list[int]] | None = None,
    replace: bool = True,
) -> int:
    """Store signatures with their band keys, a batch per statement (call inside a write
    transaction); the triggers of migration m018 write and remove the bucket rows.

    An article without shingles is not indexed: its empty signature would share buckets
    with every other empty one and match nothing.

    :param keys: band keys by article id, when the caller has them already
    :param replace: remove the articles' earlier rows first; False for articles just
        inserted (they have none: an index probe per article saved)
    """
    keys = keys or {}
    rows = [(article_id, sig) for article_id, sig in entries]
    kept = [(a, s) for a, s in rows if not is_empty(s)]
    if not _keyed(db):
        from storage.dedup_unkeyed import index_unkeyed  # a file before m018 (tests)

        return index_unkeyed(db, rows, kept, keys, replace)
    if replace:  # the delete trigger removes exactly the bucket rows of the stored keys
        ids = [(article_id,) for article_id, _ in rows]
        db.conn.executemany("DELETE FROM article_minhash WHERE article_id = ?", ids)
    db.conn.executemany(
        # OR REPLACE: a row a tool left behind after deleting its article without foreign keys
        f"INSERT OR REPLACE INTO article_minhash ({_KEYED_COLUMNS}) VALUES ({_KEYED_MARKS})",
        [(a, to_blob(s), SCHEME_VERSION, *(keys.get(a) or band_keys(s))) for a, s in kept],
    )
    return len(kept)


def _keyed(db: Database) -> bool:
    """Whether ``article_minhash`` carries the band keys (migration m018), once per connection.
    Files opened by :func:`storage.open_db` always do; a file held at an older migration
    (the tests of earlier migrations fill such files) stores its buckets the old way."""
    known: bool | None = getattr(db, "_pw_keyed", None)
    if known is None:
        known = any(r[1] == "k0" for r in db.execute("PRAGMA table_info(article_minhash)"))
        setattr(db, "_pw_keyed", known)  # noqa: B010 (a Database attribute of ours)
    return known


_KEY_COLUMNS = ", ".join(f"k{b}" for b in range(BANDS))
_KEYED_COLUMNS = f"article_id, signature, scheme, {_KEY_COLUMNS}"
_KEYED_MARKS = ", ".join("?" for _ in range(BANDS + 3))


def index_article(db: Database, article_id: int, sig: Signature) -> None:
    """Store one article's signature and band buckets (call inside a write transaction)."""
    index_articles(db, [(article_id, sig)])


def band_key_matrix(sigs: np.ndarray) -> np.ndarray:
    """:func:`band_keys` of many signatures at once: an (N, 25) int64 array, row i the keys
    of ``sigs[i]`` (an (N, 128) uint32 array)."""
    rows = sigs[:, : BANDS * ROWS].astype(np.uint64).reshape(len(sigs), BANDS, ROWS)
    h = np.broadcast_to(_BAND_SALT, (len(sigs), BANDS)).copy()
    with np.errstate(over="ignore"):
        for col in range(ROWS):
            h = h * _GRAM_BASE + rows[:, :, col]
        out: np.ndarray = (_mix(h) >> np.uint64(1)).astype(np.int64)
        return out


def band_keys_of(sigs: Mapping[int, Signature]) -> dict[int, list[int]]:
    """:func:`band_keys` of a batch's signatures, by article id, in one array operation."""
    if not sigs:
        return {}
    matrix = band_key_matrix(np.stack(list(sigs.values()))).tolist()
    return dict(zip(sigs, matrix, strict=True))


_STAGE = "pw_lsh_stage"


class BulkIndex:
    """Build the whole near-duplicate index from scratch (re-index, benchmark), inside the
    caller's write transaction: ``with BulkIndex(db) as bulk: bulk.add(entries) ...``.

    Why not :func:`index_articles` in a loop: 25 bucket rows per article land at random
    places of the ``lsh_buckets`` B-tree (the bucket is a hash), so at a million articles
    every commit dirtied most of its leaf pages: 65 GB written through the WAL in 28
    minutes for 60% of a build. Here the signatures append to ``article_minhash`` (ids
    ascending) with their band keys, the triggers that would write bucket rows one
    article at a time are set aside, and at the end each band is copied into
    ``lsh_buckets`` sorted by bucket (SQLite's sorter), so the B-tree is written in key
    order, appending; secondary indexes (before m018: ``idx_lsh_buckets_article``) are
    dropped during the build and created afterwards (one sort each).
    Entries must come in ascending article id (as a re-index reads them).

    Before migration m018 (the m013 re-index runs on such a file) ``article_minhash`` has
    no key columns: the keys then go to a temporary table, one row per article.
    """

    def __init__(self, db: Database) -> None:
        self.db, self.n = db, 0
        self.schema: list[str] = []  # indexes and triggers set aside, recreated by finish()
        self.previous_cache = 0
        self.keyed = False
        self.source = "article_minhash"

    def __enter__(self) -> BulkIndex:
        self.start()
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        self.finish(complete=kind is None)  # on an error the caller's transaction rolls back

    def start(self) -> None:
        """Empty the index, set aside its indexes and triggers (recreated by :meth:`finish`)."""
        db = self.db
        (self.previous_cache,) = db.execute("PRAGMA cache_size").fetchone()
        db.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        columns = {str(r[1]) for r in db.execute("PRAGMA table_info(article_minhash)")}
        self.keyed = "k0" in columns
        aside = db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND"
            " ((type = 'index' AND tbl_name = 'lsh_buckets')"
            " OR (type = 'trigger' AND tbl_name = 'article_minhash')) ORDER BY type, name"
        ).fetchall()
        self.schema = [str(sql) for _, _, sql in aside]
        for kind, name, _ in aside:
            db.execute(f"DROP {kind.upper()} [{name}]")
        db.execute("DELETE FROM lsh_buckets")
        db.execute("DELETE FROM article_minhash")
        db.execute(f"DROP TABLE IF EXISTS temp.{_STAGE}")
        if not self.keyed:
            keys = ", ".join(f"k{b} INTEGER" for b in range(BANDS))
            db.execute(f"CREATE TEMP TABLE {_STAGE} (article_id INTEGER PRIMARY KEY, {keys})")
            self.source = f"temp.{_STAGE}"

    def add(self, entries: Iterable[tuple[int, Signature]]) -> int:
        """Stage signatures (ascending ids); empty ones are skipped. Returns how many were kept."""
        kept = [(a, s) for a, s in entries if not is_empty(s)]
        if not kept:
            return 0
        keys = band_key_matrix(np.stack([s for _, s in kept])).tolist()
        if self.keyed:
            self.db.conn.executemany(
                f"INSERT INTO article_minhash ({_KEYED_COLUMNS}) VALUES ({_KEYED_MARKS})",
                [(a, to_blob(s), SCHEME_VERSION, *k) for (a, s), k in zip(kept, keys, strict=True)],
            )
        else:
            self.db.conn.executemany(
                "INSERT INTO article_minhash (article_id, signature, scheme) VALUES (?, ?, ?)",
                [(a, to_blob(s), SCHEME_VERSION) for a, s in kept],
            )
            marks = ", ".join("?" for _ in range(BANDS + 1))
            self.db.conn.executemany(
                f"INSERT INTO temp.{_STAGE} VALUES ({marks})",
                [(a, *k) for (a, _), k in zip(kept, keys, strict=True)],
            )
        self.n += len(kept)
        return len(kept)

    def finish(self, complete: bool = True) -> None:
        """Copy the keys into ``lsh_buckets`` band by band in key order, put back its indexes
        and the triggers, drop the staging table (only the last, when not ``complete``)."""
        db = self.db
        try:
            if complete:
                for band in range(BANDS):
                    db.execute(
                        "INSERT INTO lsh_buckets (band, bucket, article_id)"
                        f" SELECT {band}, k{band}, article_id FROM {self.source}"
                        f" ORDER BY k{band}, article_id"
                    )
                for sql in self.schema:
                    db.execute(sql)
        finally:
            db.execute(f"DROP TABLE IF EXISTS temp.{_STAGE}")
            db.execute(f"PRAGMA cache_size = {int(self.previous_cache)}")


def reindex_all(db: Database, batch: int = 2000) -> int:
    """Recompute every signature and bucket from article bodies, inside the caller's
    transaction, as one bulk build (:class:`BulkIndex`)."""
    with BulkIndex(db) as bulk:
        last = 0
        while True:
            rows = db.execute(
                "SELECT id, body FROM articles WHERE id > ? ORDER BY id LIMIT ?", [last, batch]
            ).fetchall()
            if not rows:
                break
            bulk.add([(int(i), signature(body)) for i, body in rows])
            last = rows[-1][0]
    return bulk.n


def rebuild_index(db: Database) -> int:
    """Recompute every signature and bucket from article bodies (after the index was lost)."""
    from storage.db import write_transaction

    with write_transaction(db):
        return reindex_all(db)
