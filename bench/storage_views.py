"""Storage: batched upserts through the real save path, and the analysts' queries on a large file.

``BENCH_DB_ARTICLES`` (default 200,000) articles with five metrics each are written
straight with SQL (the fast way to build a large file: the schema's triggers are set
aside and the summary table and both full-text indexes are filled once afterwards,
then the triggers are put back), then each documented SQL query of the README's
"Analysing the data" section is timed (median of 5 runs) and printed as a JSON line
with its ``EXPLAIN QUERY PLAN``; the summary line carries ``view_query_ms_max``.
"""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import storage
from bench.common import report
from storage.db import write_transaction
from storage.migrations.m010_analyst_views import fill_groups, fill_search
from tests.bigsite import story

README = Path(__file__).resolve().parent.parent / "README.md"
INSTITUTIONS = [
    "Dalian University of Technology",
    "Northeastern University",
    "Shenzhen University",
    "Tsinghua University",
    "Zhejiang University",
] + [f"University {k}" for k in range(200)]
# one Chinese title in five; one of those in twenty mentions 专利 (1% of articles)
ZH_TOPICS = ["学校专利转化合同"] + [f"学院举办第{k}届学术论坛" for k in range(19)]
SCOPES = ["global education institutions", "Chinese universities", "overall"]
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
    # per-row triggers (full-text indexes, metric_groups) would dominate a bulk load:
    # set them aside, fill what they maintain once, put them back
    triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for name, _ in triggers:
        db.execute(f"DROP TRIGGER [{name}]")
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
                    f"Story {i}" if i % 5 else f"第{i}号新闻：{ZH_TOPICS[i // 5 % len(ZH_TOPICS)]}",
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
                    SCOPES[k % 3] if k % 5 == 1 else None,
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
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    with write_transaction(db):
        fill_search(db)
        fill_groups(db)
        for _, sql in triggers:
            db.execute(sql)
    db.execute("ANALYZE")
    db.close()


def documented_queries() -> list[str]:
    section = README.read_text(encoding="utf-8").split("## Analysing the data", 1)[1]
    return re.findall(r'^sqlite3 data/demo\.db "(.+)"$', section, re.M)


def time_query(db_path: Path, sql: str, runs: int = 5) -> dict[str, object]:
    """Median milliseconds over ``runs`` (after one warm-up), the row count and the plan."""
    conn = sqlite3.connect(db_path)
    rows = len(conn.execute(sql).fetchall())
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        conn.execute(sql).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    plan = [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql)]
    conn.close()
    return {"ms": statistics.median(times), "rows": rows, "plan": plan}


def main() -> None:
    n = int(os.environ.get("BENCH_DB_ARTICLES", "200000"))
    keep = os.environ.get("BENCH_KEEP_DB")  # a path: build once, re-time later
    with tempfile.TemporaryDirectory() as tmp:
        rate = upsert_rate(Path(tmp) / "upsert.db")
        big = Path(keep) if keep else Path(tmp) / "big.db"
        start = time.perf_counter()
        if not big.exists():
            build_large(big, n)
        build_s = time.perf_counter() - start
        timings = {sql: time_query(big, sql) for sql in documented_queries()}
        size_mb = big.stat().st_size / 1e6
    for k, (sql, t) in enumerate(timings.items(), start=1):
        line = {"benchmark": "storage_query", "query": k, "db_articles": n, "sql": sql, **t}
        print(json.dumps(line, ensure_ascii=False))
    figures: dict[str, object] = {
        "upsert_articles_per_s": rate,
        "db_articles": n,
        "db_metrics": n * 5,
        "db_build_s": build_s,
        "db_size_mb": size_mb,
        "view_query_ms_max": max(float(t["ms"]) for t in timings.values()),  # type: ignore[arg-type]
    }
    for k, t in enumerate(timings.values(), start=1):
        figures[f"query_{k}_ms"] = t["ms"]
    report("storage", figures)


if __name__ == "__main__":
    main()
