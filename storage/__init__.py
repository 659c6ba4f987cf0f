"""patentwatch storage: a library over sqlite-utils that the pipelines and CLI call.

Everything that touches SQL lives here, so a crawl pipeline, a queue consumer
(scale-out: ``patentwatch ingest``) or a CLI command store data the same way:
:func:`save_batch` is the one entry point for crawled records, and :class:`Writer`
runs it in a background thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storage.db import StorageError, open_db, open_reader, utc_now, write_transaction
from storage.runs import finish_run, mark_aborted_runs, start_run

if TYPE_CHECKING:
    from storage.articles import content_hash, save_articles, save_articles_outcomes
    from storage.writer import KINDS, Record, Writer, save_batch

_LAZY = {
    "content_hash": "storage.articles",
    "save_articles": "storage.articles",
    "save_articles_outcomes": "storage.articles",
    "KINDS": "storage.writer",
    "Record": "storage.writer",
    "Writer": "storage.writer",
    "save_batch": "storage.writer",
}


def __getattr__(name: str) -> Any:
    """The write path on first use: it pulls in numpy and the near-duplicate index, which
    read commands such as ``runs`` and ``export`` never need."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'storage' has no attribute {name!r}")


__all__ = [
    "KINDS",
    "Record",
    "StorageError",
    "Writer",
    "content_hash",
    "finish_run",
    "mark_aborted_runs",
    "open_db",
    "open_reader",
    "save_articles",
    "save_articles_outcomes",
    "save_batch",
    "start_run",
    "utc_now",
    "write_transaction",
]
