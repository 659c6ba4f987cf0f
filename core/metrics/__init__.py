"""Patent metrics from news text (English and Chinese), independent of Scrapy.

See :func:`extract_metrics`; every record carries the sentence it came from.

The record and the version are light; the extractor (its ~50 finders and their compiled
patterns, about 0.9 s of CPU to import) loads on first use of :func:`extract_metrics`, so a
crawl process whose metrics run in a worker (crawler/pipelines/metrics_pool.py) never pays
for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.metrics.record import EXTRACTOR_VERSION, METRICS, Metric

if TYPE_CHECKING:
    from core.metrics.extract import extract_metrics

__all__ = ["EXTRACTOR_VERSION", "METRICS", "Metric", "extract_metrics"]


def __getattr__(name: str) -> Any:
    if name == "extract_metrics":
        from core.metrics.extract import extract_metrics

        return extract_metrics
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
