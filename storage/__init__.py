"""patentwatch storage: a library over sqlite-utils that the pipelines and CLI call.

Everything that touches SQL lives here, so a crawl pipeline, a queue consumer
(scale-out: ``patentwatch ingest``) or a CLI command store data the same way:
:func:`save_batch` is the one entry point for crawled records, and :class:`Writer`
runs it in a background thread.
"""

from __future__ import annotations

from storage.articles import content_hash, save_articles, save_articles_outcomes
from storage.db import StorageError, open_db, utc_now, write_transaction
from storage.runs import finish_run, mark_aborted_runs, start_run
from storage.writer import KINDS, Record, Writer, save_batch

__all__ = [
    "KINDS",
    "Record",
    "StorageError",
    "Writer",
    "content_hash",
    "finish_run",
    "mark_aborted_runs",
    "open_db",
    "save_articles",
    "save_articles_outcomes",
    "save_batch",
    "start_run",
    "utc_now",
    "write_transaction",
]
