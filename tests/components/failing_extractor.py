"""An extractor with a bug, for the failure path of the metrics pipeline.

Set as ``PATENTWATCH_METRICS_EXTRACTOR`` (a real function, as a user could configure one):
it raises on a body holding :data:`TRIGGER` and is the product's extractor otherwise, so a
test sees one bad article stored without metrics and the next one extracted, in the crawl
process and in a worker alike. Importable without Scrapy or pytest (a spawned worker loads
it quickly).
"""

from __future__ import annotations

from typing import Any

from core.metrics import extract_metrics

TRIGGER = "[extractor bug]"


def extract(body: str, institution: str | None, lang: str, published: str | None) -> Any:
    if TRIGGER in body:
        raise RuntimeError(f"extractor bug on a {len(body)}-character body")
    return extract_metrics(body, institution, lang, published)
