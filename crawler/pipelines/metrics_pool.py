"""Worker processes for the metric extractor (``PATENTWATCH_METRICS_WORKERS``).

The extractor is pure Python: in a thread it would hold the GIL the reactor needs, so it
runs in its own process(es) while the reactor keeps downloading and parsing. This module
imports only the standard library and :mod:`core.metrics`, so a spawned worker stays
small: it never loads Scrapy, Twisted or the storage layer.

Processes are started with the ``spawn`` method: forking a running reactor (its threads,
sockets and SQLite connections) would copy state the child must not touch.
"""

from __future__ import annotations

import functools
import importlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from core.metrics import EXTRACTOR_VERSION

logger = logging.getLogger(__name__)

# a pool that died this many times in one crawl is not restarted again: extraction goes
# back to the reactor thread (slower, but every article keeps its metrics)
MAX_RESTARTS = 3
# one sentence the extractor matches, to compile its patterns before the first article
_WARM_UP = "Example University was granted 42 invention patents in 2024."


DEFAULT_EXTRACTOR = "core.metrics.extract_metrics"


def extract_records(
    body: str,
    institution: str | None,
    lang: str,
    published: str | None,
    extractor: str = DEFAULT_EXTRACTOR,
) -> tuple[list[dict[str, Any]], str]:
    """The records the pipeline attaches (plain dicts: cheap to send back) and the
    extractor version of the code that produced them; ``extractor`` is the dotted path of
    the function (``PATENTWATCH_METRICS_EXTRACTOR``), imported once per worker."""
    extract = _load(extractor)  # (the default is imported here: only the worker needs it)
    found = extract(body, institution, lang, published)
    return [m.as_dict() for m in found], EXTRACTOR_VERSION


Call = tuple[str, str | None, str, str | None]  # body, institution, lang, published
Outcome = tuple[list[dict[str, Any]], str] | BaseException  # records and version, or the error


def extract_batch(calls: list[Call], extractor: str = DEFAULT_EXTRACTOR) -> list[Outcome]:
    """:func:`extract_records` for several articles in one round trip to the worker (each
    call to a process pool wakes three threads of the crawl process and its event loop);
    an article the extractor raises on gets its exception, the others their records."""
    outcomes: list[Outcome] = []
    for call in calls:
        try:
            outcomes.append(extract_records(*call, extractor))
        except Exception as exc:  # one bad article must not cost the batch
            outcomes.append(exc)
    return outcomes


@functools.lru_cache(maxsize=8)
def _load(path: str) -> Any:
    """``module.function`` imported (no Scrapy in the worker: it stays small)."""
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _start_worker(parent_pid: int) -> None:
    """Runs once in each worker: Ctrl-C reaches the whole process group, but only the
    crawler decides when workers stop (it closes the pool); a worker whose crawler died
    without closing it (SIGKILL, OOM) exits by itself instead of lingering."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    _load(DEFAULT_EXTRACTOR)(_WARM_UP, None)


def _exit_with_parent(parent_pid: int, interval: float = 1.0) -> None:
    """Poll the parent pid (portable: no prctl); an orphan is re-parented, so it changes."""
    while os.getppid() == parent_pid:
        time.sleep(interval)
    os._exit(0)


class MetricsPool:
    """A process pool that replaces itself when a worker dies.

    A dead worker breaks a :class:`ProcessPoolExecutor` for good (every pending call fails
    with :class:`BrokenProcessPool`); the next :meth:`submit` starts a fresh one, up to
    :data:`MAX_RESTARTS` times, after which :attr:`usable` turns False and :meth:`submit`
    raises :class:`BrokenProcessPool` at once.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.restarts = 0
        self._context = multiprocessing.get_context("spawn")
        self._executor: ProcessPoolExecutor | None = None
        self._broken = False
        self.usable = True  # False once the pool died more than MAX_RESTARTS times

    def start(self) -> None:
        """Start the workers now (importing the extractor and compiling its patterns takes
        them about a second of CPU), so they are ready by the first article."""
        self._live_executor().submit(int)

    def submit(
        self,
        body: str,
        institution: str | None,
        lang: str,
        published: str | None,
        extractor: str = DEFAULT_EXTRACTOR,
    ) -> Future[tuple[list[dict[str, Any]], str]]:
        """Hand one article's text to a worker; raises :class:`BrokenProcessPool` if the
        pool died and may not be restarted."""
        executor = self._live_executor()
        try:
            future = executor.submit(extract_records, body, institution, lang, published, extractor)
        except BrokenProcessPool:
            self._broken = True
            raise
        future.add_done_callback(self._note_broken)
        return future

    def submit_batch(
        self, calls: list[Call], extractor: str = DEFAULT_EXTRACTOR
    ) -> Future[list[Outcome]]:
        """Hand several articles to a worker in one call (:func:`extract_batch`); raises
        :class:`BrokenProcessPool` if the pool died and may not be restarted."""
        executor = self._live_executor()
        try:
            future = executor.submit(extract_batch, calls, extractor)
        except BrokenProcessPool:
            self._broken = True
            raise
        future.add_done_callback(self._note_broken)
        return future

    def kill(self) -> None:
        """Stop the workers now (a call that never returns); pending calls fail."""
        self._broken = True
        if self._executor is not None:
            _kill(_processes(self._executor))

    def close(self, timeout: float = 5.0) -> None:
        """Stop the workers and reap them (no orphans, their CPU time counted in ours).

        The executor's own thread joins the workers; a worker still busy after ``timeout``
        (a call that never ends) is killed so that join returns. Joining them here as well
        would race that thread for each exit status.
        """
        executor, self._executor = self._executor, None
        if executor is None:
            return
        procs = _processes(executor)
        killer = threading.Timer(timeout, _kill, (procs,))
        killer.start()
        try:
            executor.shutdown(wait=True, cancel_futures=True)
        finally:
            killer.cancel()

    def _live_executor(self) -> ProcessPoolExecutor:
        if self._executor is not None and self._broken:
            self.close(timeout=1.0)
            if self.restarts >= MAX_RESTARTS:
                self.usable = False
            else:
                self.restarts += 1
                logger.warning("a metrics worker process died; starting a new pool")
        if not self.usable:
            raise BrokenProcessPool(f"metrics workers died {self.restarts + 1} times")
        if self._executor is None:
            self._broken = False
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=self._context,
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
        return self._executor

    def _note_broken(self, future: Future[Any]) -> None:
        """Runs in the executor's thread: only sets a flag the reactor thread reads."""
        if not future.cancelled() and isinstance(future.exception(), BrokenProcessPool):
            self._broken = True


_SHARED: dict[int, tuple[MetricsPool, int]] = {}  # workers -> (pool, crawlers using it)


def acquire(workers: int) -> MetricsPool:
    """The process's pool of ``workers`` processes, shared by every crawler in it:
    ``patentwatch crawl`` runs all its spiders in one reactor, and a pool per spider would
    start one worker per site on a two-core machine."""
    pool, users = _SHARED.get(workers, (None, 0))
    if pool is None:
        pool = MetricsPool(workers)
        pool.start()
    _SHARED[workers] = (pool, users + 1)
    return pool


def release(pool: MetricsPool) -> None:
    """The last crawler to release the pool stops its workers."""
    shared, users = _SHARED.get(pool.workers, (None, 0))
    if shared is not pool:  # not shared (built directly): its owner closes it
        pool.close()
    elif users <= 1:
        del _SHARED[pool.workers]
        pool.close()
    else:
        _SHARED[pool.workers] = (pool, users - 1)


def _kill(procs: list[multiprocessing.process.BaseProcess]) -> None:
    for proc in procs:
        proc.kill()  # a no-op for a worker already reaped


def _processes(executor: ProcessPoolExecutor) -> list[multiprocessing.process.BaseProcess]:
    """The executor's worker processes (``_processes`` is private but stable since 3.2;
    3.14's ``terminate_workers`` is the public form)."""
    procs: dict[int, multiprocessing.process.BaseProcess] | None
    procs = getattr(executor, "_processes", None)
    return list(procs.values()) if procs else []
