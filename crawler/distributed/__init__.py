"""Distributed mode's Scrapy layer: thin subclasses of scrapy-redis 0.9.1 (no fork).

A worker (``patentwatch worker``) runs the product's spiders over a frontier shared in
Redis: :mod:`.scheduler` (per-run queue and dupefilter keys, Scrapy's request
fingerprinter, no deprecated calls), :mod:`.spider` (``async def start()``, the seen-URL
check against Redis, the idle hook), :mod:`.pipeline` (items to a Redis Stream, with
backpressure), :mod:`.extension` (heartbeats, the coordinator's done flag, stale runs).
Workers never open the SQLite file: the single writer is :mod:`storage.stream`.
"""

from __future__ import annotations

from crawler.distributed.settings import (
    DistributedSettingsError,
    check_settings,
    connect,
    worker_settings,
)

__all__ = ["DistributedSettingsError", "check_settings", "connect", "worker_settings"]
