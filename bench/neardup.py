"""Near-duplicate index: build time, lookup latency (median, p99) and size at N signatures.

``BENCH_NEARDUP`` (default 100,000) signatures are indexed in a fresh database, 5,000
articles per transaction as a re-index does; 500 lookups of unseen texts and 500 of
edited copies are timed. ``neardup_signature_ms`` is the signature alone (median).
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

import storage
from bench.common import report
from storage import dedup
from storage.db import write_transaction


def _word(k: int) -> str:
    rng = random.Random(k)  # one generator per word: a pseudo-word, not one letter repeated
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3 + k % 7))


VOCAB = [_word(k) for k in range(40000)]


def text(seed: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(VOCAB) for _ in range(250))


def main() -> None:
    n = int(os.environ.get("BENCH_NEARDUP", "100000"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "nd.db"
        db = storage.open_db(path)
        db.execute(f"PRAGMA cache_size = -{dedup.BULK_CACHE_KIB}")  # as a bulk re-index does
        start = time.perf_counter()
        batch = 5000
        for lo in range(0, n, batch):
            with write_transaction(db):
                db.conn.executemany(
                    "INSERT INTO articles (id, url, url_key, site, body, content_hash, fetched_at, first_seen,"
                    " last_seen) VALUES (?, ?, ?, 'b', '', ?, 'x', 'x', 'x')",
                    [(i + 1, f"u{i}", f"k{i}", f"h{i}") for i in range(lo, min(n, lo + batch))],
                )
                dedup.index_articles(
                    db, [(i + 1, dedup.signature(text(i))) for i in range(lo, min(n, lo + batch))]
                )
        build_s = time.perf_counter() - start
        sample = [text(i) for i in range(300)]
        sig_ms = []
        for t in sample:
            t0 = time.perf_counter()
            dedup.signature(t)
            sig_ms.append((time.perf_counter() - t0) * 1000)
        lat_miss, lat_hit, hits = [], [], 0
        for q in range(500):
            sig = dedup.signature(text(10_000_000 + q))
            t0 = time.perf_counter()
            dedup.find_near_duplicate(db, sig)
            lat_miss.append((time.perf_counter() - t0) * 1000)
            words = text(q * 37 % n).split()
            words[:20] = ["edited"] * 20  # a repost with its first sentence rewritten
            sig = dedup.signature(" ".join(words))
            t0 = time.perf_counter()
            hits += dedup.find_near_duplicate(db, sig) is not None
            lat_hit.append((time.perf_counter() - t0) * 1000)
        db.close()
        size_mb = path.stat().st_size / 1e6
    lat = sorted(lat_miss + lat_hit)
    report(
        "neardup",
        {
            "signatures": n,
            "neardup_build_s": build_s,
            "neardup_signature_ms": statistics.median(sig_ms),
            "neardup_lookup_ms_p50": statistics.median(lat),
            "neardup_lookup_ms_p99": lat[int(len(lat) * 0.99) - 1],
            "neardup_recall_edited_copies": hits / 500,
            "neardup_db_mb": size_mb,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        },
    )


if __name__ == "__main__":
    main()
