"""The settings of a distributed worker, and the scrapy-redis settings refused outright.

scrapy-redis's ``SCHEDULER_PERSIST=False`` lets the first worker that closes wipe the
shared queue and dupefilter; ``SCHEDULER_FLUSH_ON_START=True`` lets a late worker do the
same. Both are refused with one line; the scheduler never flushes (per-run keys are dropped
by the coordinator instead).
"""

from __future__ import annotations

from typing import Any

import redis
from scrapy.settings import Settings

REFUSED = {
    "SCHEDULER_PERSIST": (False, "lets the first worker that closes wipe the shared queue"),
    "SCHEDULER_FLUSH_ON_START": (True, "lets a late worker wipe the shared queue"),
}


class DistributedSettingsError(ValueError):
    """A setting that distributed mode cannot run with; the message is one line."""


def check_settings(settings: Settings) -> None:
    """Refuse the scrapy-redis settings that lose work across workers."""
    for name, (bad, why) in REFUSED.items():
        if settings.get(name) is not None and settings.getbool(name) == bad:
            raise DistributedSettingsError(f"{name}={bad} is refused in distributed mode: it {why}")


def connect(url: str) -> Any:
    """A client for the coordination keys (text replies), checked with PING."""
    if not url:
        raise DistributedSettingsError("no Redis URL (--redis or PATENTWATCH_REDIS_URL)")
    try:
        client = redis.Redis.from_url(url, decode_responses=True, socket_timeout=30)
        client.ping()
    except ValueError as exc:
        raise DistributedSettingsError(f"bad Redis URL {url!r}: {exc}") from None
    except redis.RedisError as exc:
        raise DistributedSettingsError(f"cannot reach Redis at {url}: {exc}") from None
    return client


def worker_settings(settings: Settings, url: str) -> None:
    """Turn project settings into a worker's: shared scheduler, stream pipeline, no SQLite."""
    check_settings(settings)
    prio = "cmdline"
    settings.set("PATENTWATCH_REDIS_URL", url, prio)
    settings.set("REDIS_URL", url, prio)
    settings.set("SCHEDULER", "crawler.distributed.scheduler.RunScheduler", prio)
    settings.set("SCHEDULER_PERSIST", True, prio)
    settings.set("SCHEDULER_FLUSH_ON_START", False, prio)
    settings.set("SCHEDULER_IDLE_BEFORE_CLOSE", 0, prio)
    settings.set(
        "ITEM_PIPELINES",
        {
            "crawler.pipelines.metrics.MetricsPipeline": 200,  # metrics extracted on workers
            "crawler.distributed.pipeline.StreamPipeline": 300,
        },
        prio,
    )
    # Workers never open the SQLite file: the coordinator keeps the run ledger and judges
    # health; seen URLs come from Redis; HTTP validators (SQLite) are not sent.
    _replace(
        settings,
        "EXTENSIONS",
        {
            "crawler.extensions.run_ledger.RunLedger": None,
            "crawler.extensions.health.HealthMonitor": None,
            "crawler.distributed.extension.RunWatch": 500,
        },
    )
    _replace(
        settings,
        "SPIDER_MIDDLEWARES",
        {
            "crawler.middlewares.seen.SeenUrlsMiddleware": None,
            "crawler.distributed.seen.RedisSeenUrlsMiddleware": 600,
        },
    )
    _replace(
        settings,
        "DOWNLOADER_MIDDLEWARES",
        {"crawler.middlewares.downloader.ConditionalGetMiddleware": None},
    )
    settings.set("PATENTWATCH_CONDITIONAL_GET", False, prio)


def _replace(settings: Settings, name: str, changes: dict[str, Any]) -> None:
    settings.set(name, {**settings.getdict(name), **changes}, "cmdline")
