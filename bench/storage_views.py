"""Storage: batched upserts through the real save path, and the analysts' queries on a large file.

``BENCH_DB_ARTICLES`` (default 200,000) articles with five metrics each are written
straight with SQL (the fast way to build a large file), then each documented query
of the README's "Analysing the data" section is timed (median of 5 runs).
"""

from __future__ import annotations

import os
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

import storage
from bench.common import report
from bench.crawl import story
from storage.db import write_transaction

README = Path(__file__).resolve().parent.parent / "README.md"
INSTITUTIONS = [
    "Dalian University of Technology",
    "Northeastern University",
    "Shenzhen University",
    "Tsinghua University",
    "Zhejiang University",
] + [f"University {k}" for k in range(200)]
METRICS = [
    "pct_applications_published",
    "rank",
    "invention_patents_granted",
    "contract_amount",
    "patents_transferred",
]


def upsert_rate(db_path: Path, n: int = 3000) -> float:
    db = storage.open_db(db_path)
    items = []
    for i in range(n):
        s = story(i)
        items.append(
            {
                "url": s.url,
                "site": "bench",
                "institution": "Dalian University of Technology",
                "title": s.title,
                "published_at": s.date,
                "lang": "en",
                "body": s.body,
                "fetched_at": "2026-01-01T00:00:00+00:00",
                "html": "<html></html>",
                "sources": {},
            }
        )
    start = time.perf_counter()
    for k in range(0, n, 50):
        storage.save_articles(db, items[k : k + 50], None, "2026-01-01T00:00:00+00:00")
    rate = n / (time.perf_counter() - start)
    db.close()
    return rate


def build_large(db_path: Path, n: int) -> None:
    db = storage.open_db(db_path)
    rng = random.Random(7)
    ids = {
        name: db.execute("SELECT id FROM institutions WHERE name = ?", [name]).fetchone()
        for name in INSTITUTIONS
    }
    # the full-text triggers would dominate a bulk load: drop them, rebuild the index once
    for trig in ("articles_ai", "articles_ad", "articles_au"):
        db.execute(f"DROP TRIGGER IF EXISTS [{trig}]")
    with write_transaction(db):
        db.conn.executemany(
            "INSERT INTO articles (id, url, url_key, site, institution, title, published_at, lang, body,"
            " content_hash, fetched_at, first_seen, last_seen) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    i,
                    f"https://x.edu.cn/info/{i}.htm",
                    f"x.edu.cn/info/{i}.htm",
                    "bench",
                    INSTITUTIONS[i % 5],
                    f"Story {i}",
                    f"{2010 + i % 16}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "en",
                    f"Body of story {i}.",
                    f"h{i}",
                    "2026-01-01",
                    "2026-01-01",
                    "2026-01-01",
                )
                for i in range(1, n + 1)
            ),
        )
        db.conn.executemany(
            "INSERT INTO metrics (article_id, institution, institution_id, metric, value, unit, year, scope,"
            " evidence, start_offset, end_offset, extractor_version, extracted_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    1 + (k // 5),
                    name,
                    (ids[name] or [None])[0],
                    METRICS[k % 5],
                    rng.randint(1, 2000),
                    "applications",
                    2010 + k % 16,
                    "global education institutions" if k % 5 == 1 else None,
                    "A sentence.",
                    0,
                    10,
                    "1",
                    "2026-01-01",
                )
                for k in range(n * 5)
                for name in [INSTITUTIONS[rng.randrange(len(INSTITUTIONS))]]
            ),
        )
    db["articles"].rebuild_fts()
    db.execute("ANALYZE")
    db.close()


def documented_queries() -> list[str]:
    section = README.read_text(encoding="utf-8").split("## Analysing the data", 1)[1]
    return re.findall(r'^sqlite3 data/demo\.db "(.+)"$', section, re.M)


def time_query(db_path: Path, sql: str, runs: int = 5) -> float:
    import sqlite3

    conn = sqlite3.connect(db_path)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        conn.execute(sql).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return statistics.median(times)


def main() -> None:
    n = int(os.environ.get("BENCH_DB_ARTICLES", "200000"))
    with tempfile.TemporaryDirectory() as tmp:
        rate = upsert_rate(Path(tmp) / "upsert.db")
        big = Path(tmp) / "big.db"
        start = time.perf_counter()
        build_large(big, n)
        build_s = time.perf_counter() - start
        timings = {sql: time_query(big, sql) for sql in documented_queries()}
        size_mb = big.stat().st_size / 1e6
    figures: dict[str, object] = {
        "upsert_articles_per_s": rate,
        "db_articles": n,
        "db_metrics": n * 5,
        "db_build_s": build_s,
        "db_size_mb": size_mb,
        "view_query_ms_max": max(timings.values()),
    }
    for k, ms in enumerate(timings.values(), start=1):
        figures[f"query_{k}_ms"] = ms
    report("storage", figures)
    for k, sql in enumerate(timings, start=1):
        print(f"  query_{k}: {sql[:110]}")


if __name__ == "__main__":
    main()
