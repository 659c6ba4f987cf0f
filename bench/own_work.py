"""The product's own work per article, in-process, over stored pages; and batched upserts.

* ``own_work_ms_per_article``: CPU milliseconds (``time.process_time``) per article of
  extraction (declared selectors), metric extraction, and storage through
  :func:`storage.save_batch` (hashing, compression, MinHash, near-duplicate lookup, rows,
  full-text index), over the pages of the crawl benchmark's generated site. The split per
  stage is printed beside it. No Scrapy, no network: only what the product adds to a
  download.
* ``upsert_articles_per_s``: wall-clock rate of new articles through ``save_batch`` in
  batches of 50 (as the crawl writes them), full-text index filled by the writer's
  catch-up (``fts_index_articles_per_s`` separately), and ``recrawl_upsert_articles_per_s``
  for the same articles again (unchanged: the nightly case).

``BENCH_OWN_ARTICLES`` sets how many pages (default 3,000).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import report
from core.extraction import extract_article
from core.metrics import EXTRACTOR_VERSION, extract_metrics
from storage import fts, open_db, save_batch, write_transaction
from tests.bigsite import SITES, story
from tests.sitegen import dut_old_article

NOW = "2026-01-01T00:00:00+00:00"


def pages(n: int) -> list[tuple[str, str]]:
    return [(dut_old_article(s), s.url) for s in (story(i) for i in range(n))]


def template(tmp: Path) -> Any:
    from core.sites import load_sites

    path = tmp / "sites.toml"
    path.write_text(SITES, encoding="utf-8")
    os.environ["PATENTWATCH_SITES"] = str(path)
    return load_sites()["bench_news"].template_for_article(story(0).url)


def record(html: str, url: str, tpl: Any) -> dict[str, Any]:
    """What the spider and the metrics pipeline hand to storage for one page."""
    fields = extract_article(html, url, tpl)
    metrics = extract_metrics(fields.body, "Dalian University of Technology", fields.lang)
    return {
        "url": url,
        "site": "bench_news",
        "institution": "Dalian University of Technology",
        "title": fields.title,
        "published_at": fields.published_at,
        "author": fields.author,
        "lang": fields.lang,
        "body": fields.body,
        "fetched_at": NOW,
        "fetched_url": url,
        "html": html,
        "sources": fields.sources,
        "metrics": [m.as_dict() for m in metrics],
        "extractor_version": EXTRACTOR_VERSION,
    }


def timed(fn: Any) -> tuple[Any, float, float]:
    """(result, CPU seconds, wall seconds)."""
    cpu, wall = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.process_time() - cpu, time.perf_counter() - wall


def store(db: Any, records: list[dict[str, Any]]) -> None:
    for k in range(0, len(records), 50):
        save_batch(db, [("article", r) for r in records[k : k + 50]], None, NOW, index_text=False)


def catch_up(db: Any) -> int:
    with write_transaction(db):
        return fts.catch_up(db)


def main() -> None:
    n = int(os.environ.get("BENCH_OWN_ARTICLES", "3000"))
    with tempfile.TemporaryDirectory() as tmp:
        tpl = template(Path(tmp))
        site = pages(n)
        fields, extract_cpu, _ = timed(lambda: [extract_article(h, u, tpl) for h, u in site])
        _, metrics_cpu, _ = timed(
            lambda: [
                extract_metrics(f.body, "Dalian University of Technology", f.lang) for f in fields
            ]
        )
        records = [record(h, u, tpl) for h, u in site]
        db = open_db(Path(tmp) / "own.db")
        _, store_cpu, store_wall = timed(lambda: store(db, records))
        _, fts_cpu, fts_wall = timed(lambda: catch_up(db))
        _, again_cpu, again_wall = timed(lambda: store(db, records))
        stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        db.close()
    per = 1000 / n
    report(
        "own_work",
        {
            "articles": n,
            "articles_stored": stored,
            "own_work_ms_per_article": (extract_cpu + metrics_cpu + store_cpu + fts_cpu) * per,
            "extract_ms_per_article": extract_cpu * per,
            "metrics_ms_per_article": metrics_cpu * per,
            "storage_ms_per_article": store_cpu * per,
            "fts_ms_per_article": fts_cpu * per,
            "upsert_articles_per_s": n / store_wall,
            "fts_index_articles_per_s": n / fts_wall,
            "recrawl_upsert_articles_per_s": n / again_wall,
            "recrawl_storage_ms_per_article": again_cpu * per,
        },
    )


if __name__ == "__main__":
    main()
