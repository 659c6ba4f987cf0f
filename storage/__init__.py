"""patentwatch storage: a library over sqlite-utils that the pipelines and CLI call.

Everything that touches SQL lives here, so a crawl pipeline, a queue consumer
(scale-out with scrapy-redis) or a CLI command store data the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storage.db import StorageError, open_db, open_reader, utc_now, write_transaction
from storage.runs import finish_run, mark_aborted_runs, start_run

if TYPE_CHECKING:
    from storage.articles import content_hash, save_articles


def __getattr__(name: str) -> Any:
    """``save_articles``/``content_hash`` on first use: storage.articles pulls in the
    near-duplicate index (datasketch, which imports scipy: ~2 s), which read commands
    such as ``runs`` and ``export`` never need."""
    if name in ("content_hash", "save_articles"):
        from storage import articles

        return getattr(articles, name)
    raise AttributeError(f"module 'storage' has no attribute {name!r}")


__all__ = [
    "StorageError",
    "content_hash",
    "finish_run",
    "mark_aborted_runs",
    "open_db",
    "open_reader",
    "save_articles",
    "start_run",
    "utc_now",
    "write_transaction",
]
