"""Re-run the current metric extractor over stored articles and bring their metrics up to date.

Unchanged figures keep their rows and ids (see :func:`storage.metrics.replace_metrics`).

Used after an extractor improvement: articles are streamed from the database
(a large file never loads into memory) and rewritten in short transactions, so
a crawl can keep writing meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from core.metrics import EXTRACTOR_VERSION, extract_metrics
from storage import write_transaction
from storage.metrics import iter_article_texts, metric_keys, replace_metrics


@dataclass
class ReextractReport:
    articles: int = 0
    changed: int = 0
    added: int = 0
    removed: int = 0


def reextract(
    db: Database, now: str, batch: int = 200, progress: Callable[[int], None] | None = None
) -> ReextractReport:
    """Replace every article's metrics with the current extractor's; report what changed."""
    report = ReextractReport()
    pending: list[tuple[int, list[dict[str, Any]]]] = []
    for article_id, body, institution, lang, published in iter_article_texts(db):
        # the publication date dates "last year"; the language is only a hint
        records = [
            m.as_dict() for m in extract_metrics(body or "", institution, lang or "auto", published)
        ]
        new_keys = {(r["institution"], r["metric"], r["value"], r["year"]) for r in records}
        old_keys = metric_keys(db, article_id)
        report.articles += 1
        if new_keys != old_keys:
            report.changed += 1
            report.added += len(new_keys - old_keys)
            report.removed += len(old_keys - new_keys)
        pending.append((article_id, records))
        if len(pending) >= batch:
            _write(db, pending, now)
            pending = []
            if progress:
                progress(report.articles)
    _write(db, pending, now)
    return report


def _write(db: Database, pending: list[tuple[int, list[dict[str, Any]]]], now: str) -> None:
    if not pending:
        return
    with write_transaction(db):
        for article_id, records in pending:
            replace_metrics(db, article_id, records, EXTRACTOR_VERSION, now)
