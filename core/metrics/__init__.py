"""Patent metrics from news text (English and Chinese), independent of Scrapy.

See :func:`extract_metrics`; every record carries the sentence it came from.
"""

from __future__ import annotations

from core.metrics.extract import EXTRACTOR_VERSION, METRICS, Metric, extract_metrics

__all__ = ["EXTRACTOR_VERSION", "METRICS", "Metric", "extract_metrics"]
