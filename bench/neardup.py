"""Near-duplicate index: build time, lookup latency (median, p99) and size at N signatures.

``BENCH_NEARDUP`` (default 100,000) signatures are indexed in a fresh database by the bulk
build a re-index uses (:class:`storage.dedup.BulkIndex`, one transaction): the timed part is
what a re-index does after reading the bodies (signatures with their band keys, the sorted
copy into ``lsh_buckets``, any index of it); generating the texts is not timed. ``neardup_build_cpu_s`` is
the process's CPU time for the same span (the machine's other load cannot move it). Then
500 lookups of unseen texts and 500 of edited copies are timed (wall and the thread's CPU
time), then 1,000 more (``*_warm_*``: the index's pages cached by then), and 1,000 more articles are
indexed the way the crawl's writer does (batches of 50, ``index_articles``) into the full
index. ``neardup_signature_ms`` is the signature alone (median).
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

import storage
from bench.common import report
from storage import dedup
from storage.db import write_transaction


def _word(k: int) -> str:
    rng = random.Random(k)  # one generator per word: a pseudo-word, not one letter repeated
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3 + k % 7))


VOCAB = [_word(k) for k in range(40000)]
CHUNK = 5000


def text(seed: int) -> str:
    return " ".join(random.Random(seed).choices(VOCAB, k=250))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _articles(db: Database, n: int) -> None:
    """The article rows the signatures belong to (foreign keys), committed before the build."""
    for lo in range(0, n, 50_000):
        with write_transaction(db):
            db.conn.executemany(
                "INSERT INTO articles (id, url, url_key, site, body, content_hash, fetched_at,"
                " first_seen, last_seen) VALUES (?, ?, ?, 'b', '', ?, 'x', 'x', 'x')",
                [(i + 1, f"u{i}", f"k{i}", f"h{i}") for i in range(lo, min(n, lo + 50_000))],
            )


class Clock:
    """Wall and CPU seconds of the timed parts only (not generating the texts)."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    @contextmanager
    def timing(self) -> Iterator[None]:
        t0, c0 = time.perf_counter(), _cpu()
        yield
        self.wall += time.perf_counter() - t0
        self.cpu += _cpu() - c0


def build(db: Database, n: int) -> tuple[Clock, Clock]:
    """Bulk-build the index of ``n`` texts as a re-index does: (whole build, final copy)."""
    whole, final = Clock(), Clock()
    bulk = dedup.BulkIndex(db)
    with write_transaction(db):
        with whole.timing():
            bulk.start()
        for lo in range(0, n, CHUNK):
            texts = [(i + 1, text(i)) for i in range(lo, min(n, lo + CHUNK))]
            with whole.timing():
                bulk.add([(a, dedup.signature(t)) for a, t in texts])
        with whole.timing(), final.timing():
            bulk.finish()
    with whole.timing():  # the build is done when its pages are in the database file
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return whole, final


def lookups(db: Database, n: int, seed: int = 10_000_000) -> tuple[list[float], list[float], int]:
    """Wall and CPU latencies (ms, sorted) of 500 unseen texts and 500 edited copies; how
    many copies were found. The CPU figure is the thread's own time: on a loaded machine a
    lookup's wall time includes waiting for a core (the scheduler), its CPU time does not."""
    lat, cpu, hits = [], [], 0
    for q in range(500):
        words = text(q * 37 % n).split()
        words[:20] = ["edited"] * 20  # a repost with its first sentence rewritten
        for sig, copy in (
            (dedup.signature(text(seed + q)), False),
            (dedup.signature(" ".join(words)), True),
        ):
            c0, t0 = time.thread_time(), time.perf_counter()
            found = dedup.find_near_duplicate(db, sig)
            lat.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.thread_time() - c0) * 1000)
            hits += copy and found is not None
    return sorted(lat), sorted(cpu), hits


def incremental(db: Database, n: int, extra: int = 1000) -> float:
    """ms per article to index ``extra`` new articles into the full index, 50 per commit."""
    _articles_from(db, n, extra)
    sigs = [(n + i + 1, dedup.signature(text(20_000_000 + i))) for i in range(extra)]
    t0 = time.perf_counter()
    for lo in range(0, extra, 50):
        with write_transaction(db):
            dedup.index_articles(db, sigs[lo : lo + 50])
    return (time.perf_counter() - t0) * 1000 / extra


def _articles_from(db: Database, start: int, count: int) -> None:
    with write_transaction(db):
        db.conn.executemany(
            "INSERT INTO articles (id, url, url_key, site, body, content_hash, fetched_at,"
            " first_seen, last_seen) VALUES (?, ?, ?, 'b', '', ?, 'x', 'x', 'x')",
            [(i + 1, f"u{i}", f"k{i}", f"h{i}") for i in range(start, start + count)],
        )


def main() -> None:
    n = int(os.environ.get("BENCH_NEARDUP", "100000"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "nd.db"
        db = storage.open_db(path)
        _articles(db, n)
        whole, final = build(db, n)
        sig_ms = []
        for t in [text(i) for i in range(300)]:
            t0 = time.perf_counter()
            dedup.signature(t)
            sig_ms.append((time.perf_counter() - t0) * 1000)
        lat, cpu, hits = lookups(db, n)
        # again, other texts: the index's pages are now in the OS cache (the first pass may
        # read them from disk: its slow lookups are reads, `ru_inblock`, not CPU)
        warm, warm_cpu, _ = lookups(db, n, seed=11_000_000)
        insert_ms = incremental(db, n)
        db.close()
        size_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 1e6
    report(
        "neardup",
        {
            "signatures": n,
            "neardup_build_s": whole.wall,
            "neardup_build_cpu_s": whole.cpu,
            "neardup_build_sorted_copy_s": final.wall,
            "neardup_build_sorted_copy_cpu_s": final.cpu,
            "neardup_signature_ms": statistics.median(sig_ms),
            "neardup_lookup_ms_p50": statistics.median(lat),
            "neardup_lookup_ms_p99": lat[int(len(lat) * 0.99) - 1],
            "neardup_lookup_cpu_ms_p50": statistics.median(cpu),
            "neardup_lookup_cpu_ms_p99": cpu[int(len(cpu) * 0.99) - 1],
            "neardup_lookup_warm_ms_p50": statistics.median(warm),
            "neardup_lookup_warm_ms_p99": warm[int(len(warm) * 0.99) - 1],
            "neardup_lookup_warm_cpu_ms_p99": warm_cpu[int(len(warm_cpu) * 0.99) - 1],
            "neardup_recall_edited_copies": hits / 500,
            "neardup_index_ms_per_new_article": insert_ms,
            "neardup_db_mb": size_mb,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        },
    )


if __name__ == "__main__":
    main()
