"""The one storage entry point for crawled records, and the background writer thread.

:func:`save_batch` stores a batch of records of any kind (articles, WIPO rankings and
indicators) in one transaction and returns each record's outcome. Everything that
stores crawled records calls it: the local crawl (through :class:`Writer`) and the
distributed ``patentwatch ingest`` (which reads a Redis Stream and calls it inside its
own transaction, beside its entry-id bookkeeping).

:class:`Writer` runs storage off the caller's thread: the Scrapy pipeline ``put``\\ s
records and returns at once, so parsing and downloading never wait on SQLite, MinHash
or compression (SQLite, zlib and large numpy operations release the GIL, so on two
cores they overlap the reactor). A batch is committed when it is full or when its
oldest record is ``max_age_s`` old, so a killed crawl loses at most the last few
seconds (issue #15 item 5). The queue is bounded: when the writer falls behind,
``put`` blocks, which slows the crawl instead of growing memory.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from storage import fts
from storage.articles import save_articles_outcomes
from storage.db import StorageError, open_db, utc_now, write_transaction
from storage.wipo import save_indicators, save_rankings

logger = logging.getLogger(__name__)

KINDS = ("article", "ranking", "indicator")
FTS_CHUNK = 500  # rows per full-text transaction: ~0.2-0.5 s of the write lock (fewer, larger
# segments: 5% fewer instructions per article than 250, measured with callgrind)
Record = tuple[str, Mapping[str, Any]]  # (kind, the record's fields)


def save_batch(
    db: Database,
    records: Sequence[Record],
    run_id: int | None,
    now: str | None = None,
    index_text: bool = True,
) -> list[str]:
    """Store ``records`` in one transaction (the caller's, if one is open).

    :param records: ``(kind, fields)`` pairs; ``kind`` is one of :data:`KINDS`; article
        fields as :func:`storage.articles.save_articles` takes them (with ``metrics``)
    :param run_id: the ``crawl_runs`` row the records belong to
    :param index_text: fill the full-text indexes now (False: :func:`storage.fts.catch_up` later)
    :returns: one outcome per record, in order: ``new``, ``duplicate``, ``updated``,
        ``unchanged`` for articles; ``ranking`` or ``indicator`` for WIPO rows
    :raises ValueError: a record of an unknown kind (nothing is written)
    :raises StorageError: the database refused the write (nothing is written)
    """
    unknown = sorted({kind for kind, _ in records if kind not in KINDS})
    if unknown:
        raise ValueError(f"unknown record kind {unknown[0]!r} (expected one of {', '.join(KINDS)})")
    now = now or utc_now()
    outcomes = ["" for _ in records]
    with write_transaction(db) if not db.conn.in_transaction else _joined(db):
        positions = [i for i, (kind, _) in enumerate(records) if kind == "article"]
        stored = save_articles_outcomes(
            db, [records[i][1] for i in positions], run_id, now, index_text
        )
        for i, outcome in zip(positions, stored, strict=True):
            outcomes[i] = outcome
        for kind, save in (("ranking", save_rankings), ("indicator", save_indicators)):
            rows = [(i, data) for i, (k, data) in enumerate(records) if k == kind]
            if rows:
                save(db, [data for _, data in rows])
                for i, _ in rows:
                    outcomes[i] = kind
    return outcomes


class _joined:
    """Context manager for "already inside the caller's transaction": nothing to do."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def __enter__(self) -> Database:
        return self.db

    def __exit__(self, *exc: object) -> None:
        return None


_STOP = object()


class Writer:
    """A thread that owns one SQLite connection and stores records in batches.

    Use: ``w = Writer(path, run_id).start()``; ``w.put("article", fields)`` from any
    thread; ``w.flush()`` to wait until everything put so far is committed;
    ``w.close()`` at the end (commits the rest, indexes queued text, closes the file).
    ``w.counts()`` is a snapshot of the outcomes so far (plus ``failed``).
    """

    def __init__(
        self,
        db_path: str | Path,
        run_id: int | None,
        batch_size: int = 50,
        max_age_s: float = 2.0,
        max_queued: int = 2000,
        fts_every_s: float = 5.0,
        on_commit: Callable[[list[Record], list[str]], None] | None = None,
    ) -> None:
        self.db_path, self.run_id = db_path, run_id
        self.batch_size, self.max_age_s, self.fts_every_s = batch_size, max_age_s, fts_every_s
        self.on_commit = on_commit
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=max_queued)
        self._counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._opened = threading.Event()
        self._open_error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="patentwatch-writer", daemon=True)
        self._batch: list[Record] = []
        self._born = 0.0  # monotonic time the current batch's first record arrived
        self._last_fts = time.monotonic()

    def start(self) -> Writer:
        """Open the database in the writer thread; raises its StorageError here if it fails."""
        self._thread.start()
        self._opened.wait()
        if self._open_error is not None:
            self._thread.join()
            raise self._open_error
        return self

    def put(self, kind: str, fields: Mapping[str, Any]) -> None:
        """Queue one record (blocks while the queue is full: backpressure)."""
        if not self._thread.is_alive():
            raise StorageError("the storage writer has stopped")
        self._queue.put((kind, fields))

    def call(self, fn: Callable[[Database], Any]) -> Future[Any]:
        """Run ``fn(db)`` in the writer thread, after everything queued before it is committed
        (e.g. a run-ledger heartbeat, so one connection does all the writing)."""
        future: Future[Any] = Future()
        self._queue.put((fn, future))
        return future

    def offer(self, fn: Callable[[Database], Any]) -> Future[Any] | None:
        """:meth:`call` without waiting: None when the queue is full (the writer is behind)
        or the writer has stopped, for periodic writes that may skip a turn (heartbeats)."""
        if not self._thread.is_alive():
            return None
        future: Future[Any] = Future()
        try:
            self._queue.put_nowait((fn, future))
        except queue.Full:
            return None
        return future

    def flush(self, timeout: float | None = None) -> None:
        """Wait until every record put so far is committed."""
        self.call(lambda db: None).result(timeout)

    def close(self) -> Counter[str]:
        """Commit what is queued, index queued text, stop the thread; the final counts."""
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join()
        return self.counts()

    def counts(self) -> Counter[str]:
        with self._lock:
            return Counter(self._counts)

    def _run(self) -> None:
        try:
            db = open_db(self.db_path)
        except BaseException as exc:  # handed to start(), raised in the caller's thread
            self._open_error = exc
            self._opened.set()
            return
        self._opened.set()
        try:
            self._loop(db)
        finally:
            self._commit(db)
            self._index_text(db, final=True)
            db.close()

    def _loop(self, db: Database) -> None:
        while True:
            wait = self.fts_every_s
            if self._batch:
                # min(): an infinite age (commit by size only) still wakes for the text index
                age_left = self._born + self.max_age_s - time.monotonic()
                wait = max(0.0, min(age_left, self.fts_every_s))
            try:
                msg = self._queue.get(timeout=wait)
            except queue.Empty:
                self._commit(db)
                self._index_text(db)
                continue
            if msg is _STOP:
                return
            if callable(msg[0]):
                self._commit(db)
                self._answer(db, *msg)
                continue
            if not self._batch:
                self._born = time.monotonic()
            self._batch.append(msg)
            if len(self._batch) >= self.batch_size:
                self._commit(db)
                self._index_text(db)

    def _answer(self, db: Database, fn: Callable[[Database], Any], future: Future[Any]) -> None:
        try:
            future.set_result(fn(db))
        except BaseException as exc:  # the caller's function: its error is the caller's
            future.set_exception(exc)

    def _commit(self, db: Database) -> None:
        if not self._batch:
            return
        batch, self._batch = self._batch, []
        try:
            outcomes = save_batch(db, batch, self.run_id, index_text=False)
        except (StorageError, ValueError) as exc:
            logger.error("%s (%d records not saved)", exc, len(batch))
            outcomes = ["failed"] * len(batch)
        except Exception:  # a malformed record must not kill the writer: count and go on
            logger.exception("storage batch failed (%d records not saved)", len(batch))
            outcomes = ["failed"] * len(batch)
        with self._lock:
            self._counts.update(outcomes)
        if self.on_commit is not None:
            self.on_commit(batch, outcomes)

    def _index_text(self, db: Database, final: bool = False) -> None:
        """Full-text catch-up every ``fts_every_s`` (and at close), in chunks of
        :data:`FTS_CHUNK` rows, each its own transaction: other connections of the crawl
        (the seen-URL middleware, skips, an analyst's tool) never wait long for the lock."""
        if not final and time.monotonic() - self._last_fts < self.fts_every_s:
            return
        self._last_fts = time.monotonic()
        try:
            while True:
                with write_transaction(db):
                    if fts.catch_up(db, FTS_CHUNK) < FTS_CHUNK:
                        return
        except StorageError as exc:  # the rows stay queued; the next catch-up takes them
            logger.warning("full-text index not updated yet: %s", exc)
