"""Distributed mode: ``worker`` (any machine) and ``ingest`` (the machine of the SQLite file).

``crawl --redis URL --workers N`` (in :mod:`patentwatch.cli.crawl`) is the coordinator; the
logic is in :mod:`patentwatch.distributed` and :mod:`crawler.distributed`.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from patentwatch.cli.base import (
    EXIT_CRAWL_FAILED,
    EXIT_OK,
    SET_OPTION,
    Locked,
    UsageError,
    arg,
    command,
)

_REDIS = arg(
    "--redis",
    metavar="URL",
    default=os.environ.get("PATENTWATCH_REDIS_URL", ""),
    help="Redis URL, redis://HOST:PORT/DB (default: $PATENTWATCH_REDIS_URL)",
)


def _usage(exc: Exception) -> UsageError:
    return UsageError(str(exc))


def _redis_failed(exc: Exception) -> int:
    """Redis went away mid-run: one line; what was not stored is still in the stream."""
    import sys

    print(f"patentwatch: error: Redis: {exc}", file=sys.stderr)
    return EXIT_CRAWL_FAILED


@command(
    "worker",
    help="crawl the current distributed runs from this machine (never opens the database)",
    description="Join the current run of each named spider (all with a run in progress"
    " when none is named) over the Redis frontier; items go to the Redis stream.",
    args=[
        arg("spiders", nargs="*", metavar="SPIDER", help="spider names (default: any running)"),
        _REDIS,
        arg("--wait", type=float, default=0.0, metavar="SECONDS", help="wait for a run to begin"),
        SET_OPTION,
    ],
)
def worker(args: argparse.Namespace) -> int:
    from crawler.distributed import DistributedSettingsError
    from crawler.distributed.worker import run_worker
    from patentwatch import runner

    settings = runner.project_settings(None, args.set)
    names = runner.resolve_spiders(settings, args.spiders) if args.spiders else []
    from redis.exceptions import RedisError

    try:
        return run_worker(settings, args.redis, names, args.wait)
    except DistributedSettingsError as exc:
        raise _usage(exc) from None
    except RedisError as exc:
        return _redis_failed(exc)


@command(
    "ingest",
    help="store the distributed runs' items into the database (the one writer)",
    description="Consume the Redis stream through its consumer group and store each batch;"
    " acknowledge only after the commit.",
    db=True,
    args=[_REDIS, arg("--drain", action="store_true", help="exit once nothing is left to store")],
)
def ingest(args: argparse.Namespace) -> int:
    from redis.exceptions import RedisError

    from crawler.distributed import DistributedSettingsError
    from patentwatch.cli.base import db_path
    from patentwatch.ingest import run_ingest

    try:
        counts = run_ingest(args.redis, db_path(args), args.drain)
    except DistributedSettingsError as exc:
        raise _usage(exc) from None
    except RedisError as exc:
        return _redis_failed(exc)
    print("ingest: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    return EXIT_OK


def crawl_distributed(args: argparse.Namespace, settings: Any, names: list[str]) -> int:
    """``crawl --redis URL --workers N``: coordinate the run (see :mod:`patentwatch.distributed`)."""
    from contextlib import ExitStack

    from redis.exceptions import RedisError

    from core.mirror import MirrorError
    from crawler.distributed import DistributedSettingsError
    from patentwatch import runner
    from patentwatch.distributed import AlreadyRunning, coordinate

    workers = 1 if args.workers is None else args.workers
    if workers < 0:
        raise UsageError(f"--workers must be 0 or more, got {workers}")
    with ExitStack() as locks:
        # the flock too: a local crawl of the same spider on this database waits its turn
        runner.take_locks(locks, settings["PATENTWATCH_DB"], names)
        try:
            ok = coordinate(settings, args.redis, names, workers, args.mirror, args.set)
        except (DistributedSettingsError, MirrorError) as exc:
            raise _usage(exc) from None
        except AlreadyRunning as exc:
            raise Locked(str(exc)) from None
        except RedisError as exc:
            return _redis_failed(exc)
    return EXIT_OK if ok else EXIT_CRAWL_FAILED
