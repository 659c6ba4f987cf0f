"""Run every benchmark in turn (``make bench``)."""

from __future__ import annotations

from bench import crawl, distributed, extraction_speed, neardup, own_work, storage_views

if __name__ == "__main__":
    for bench in (extraction_speed, own_work, crawl, storage_views, neardup, distributed):
        print(f"== {bench.__name__}", flush=True)
        bench.main()
