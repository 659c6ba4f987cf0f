"""Scrapy settings for patentwatch: the one settings surface.

Every patentwatch setting is prefixed and documented here and in the README's
"Settings" table. Environment variables are read here only:

* ``PATENTWATCH_DB``: database file (default ``data/patentwatch.db``)
* ``PATENTWATCH_MIRROR``: crawl a local mirror folder instead of the real sites
* ``PATENTWATCH_SITES``: an extra sites file (read by :mod:`core.sites`)
* ``PATENTWATCH_TRIGGER``: who started the run (manual, cron, schedule)
"""

from __future__ import annotations

import os

from core import probe

BOT_NAME = "patentwatch"
SPIDER_MODULES = ["spiders"]
SPIDER_LOADER_CLASS = "crawler.spiderloader.SitesSpiderLoader"
# An extra sites file that extends or overrides core/declared/sites.toml (also --sites, env).
PATENTWATCH_SITES = os.environ.get("PATENTWATCH_SITES", "")
NEWSPIDER_MODULE = "spiders"

# --- patentwatch -----------------------------------------------------------
PATENTWATCH_DB = os.environ.get("PATENTWATCH_DB", "data/patentwatch.db")
# Articles saved per transaction: fewer commits, and a crash loses at most one batch
# (those articles are simply fetched again on the next run).
PATENTWATCH_BATCH_SIZE = 50
# ... or when the oldest buffered record is this many seconds old (a kill loses at most that;
# 0: by size only).
PATENTWATCH_BATCH_SECONDS = 3.0
PATENTWATCH_TRIGGER = os.environ.get("PATENTWATCH_TRIGGER", "manual")
# Processes running the metric extractor beside the crawl (pure Python: in the reactor
# thread it stalls downloads and parsing). 0: in the crawl's own thread, as before.
_cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
PATENTWATCH_METRICS_WORKERS = 1 if (_cpus or 1) >= 2 else 0
# Walk every list page (no early stop) / re-fetch stored articles to catch edits.
PATENTWATCH_FULL = False
PATENTWATCH_REFRESH = False
# Send If-None-Match / If-Modified-Since for list pages (and articles on refresh).
PATENTWATCH_CONDITIONAL_GET = True

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.downloader.AllowedHostsMiddleware": 40,
    "crawler.middlewares.downloader.ConditionalGetMiddleware": 560,
    # sees responses before Scrapy's RetryMiddleware (550): 429/503 with Retry-After wait first
    "crawler.middlewares.downloader.RetryAfterMiddleware": 555,
    # skips (size cap, robots, 404, redirect loop / off-site): one WARNING + a skipped_pages
    # row each, not an ERROR. Above RedirectMiddleware (600) to see the raw 3xx.
    "crawler.extensions.skips.SkipsMiddleware": 610,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.extensions.skips.SkipAwareHttpCompressionMiddleware": 590,
}
# Drops requests for stored articles and stops paging (the spider never touches the database).
SPIDER_MIDDLEWARES = {
    "crawler.middlewares.seen.SeenUrlsMiddleware": 600,
    # counts each page's items so its HTTP validator is saved after them (validators.py)
    "crawler.middlewares.validators.ValidatorRelease": 610,
}
# The health monitor judges a closing run before the run ledger records it (lower = first).
EXTENSIONS = {
    "crawler.extensions.health.HealthMonitor": 500,
    "crawler.extensions.run_ledger.RunLedger": 510,
    # logs, counts and records skipped pages (crawler/extensions/skips.py)
    "crawler.extensions.skips.SkipsExtension": 520,
    # after the run ledger: opens the walk of the run it started, closes it if complete
    "crawler.extensions.walks.WalkWatermarks": 525,
    # prints the run id and log file at the start, then progress (stderr)
    "crawler.extensions.progress.ProgressExtension": 530,
}
# HTTP statuses recorded as skipped pages (expected: the page is gone or refused).
PATENTWATCH_SKIP_STATUSES = [403, 404, 410]
# Progress on stderr: "auto" (a live line on a terminal, else a line every interval), "off".
PATENTWATCH_PROGRESS = os.environ.get("PATENTWATCH_PROGRESS", "auto")
PATENTWATCH_PROGRESS_INTERVAL = float(os.environ.get("PATENTWATCH_PROGRESS_INTERVAL", "60"))
# seconds between redraws of the live line on a terminal
PATENTWATCH_PROGRESS_TTY_INTERVAL = float(os.environ.get("PATENTWATCH_PROGRESS_TTY_INTERVAL", "1"))
# Seconds between the run ledger's writes of a running run's counters (0: only at the end).
PATENTWATCH_HEARTBEAT = 5.0
PATENTWATCH_RETRY_AFTER_MAX = 60.0
# Exponential backoff before retrying a 5xx/429 without Retry-After: 1 s, 2 s, 4 s, ...
PATENTWATCH_RETRY_BACKOFF = 1.0
PATENTWATCH_RETRY_AFTER_TIMES = 3
# Set by `patentwatch crawl`, which takes the per-spider locks itself.
PATENTWATCH_LOCK_HELD = False

# --- health checks at the end of each run (core/health.py, crawler/extensions/health.py) --------------
PATENTWATCH_HEALTH_HISTORY = 10  # earlier runs compared with
PATENTWATCH_HEALTH_MAX_EMPTY_LIST_PAGES = 0
PATENTWATCH_HEALTH_MAX_ERROR_RATE = 0.1
PATENTWATCH_HEALTH_MIN_DATE_COVERAGE = 0.9
PATENTWATCH_HEALTH_MIN_SELECTOR_HITS = 0.5
PATENTWATCH_HEALTH_MIN_LINKS_VS_MEAN = 0.3
# Called when a run fails or degrades: a command (JSON summary on stdin) and/or a webhook.
PATENTWATCH_NOTIFY_COMMAND = os.environ.get("PATENTWATCH_NOTIFY_COMMAND", "")
PATENTWATCH_NOTIFY_URL = os.environ.get("PATENTWATCH_NOTIFY_URL", "")
# One log file per `patentwatch crawl`, newest PATENTWATCH_LOG_KEEP kept per spider set.
PATENTWATCH_LOG_DIR = os.environ.get("PATENTWATCH_LOG_DIR", "data/logs")
PATENTWATCH_LOG_KEEP = 30

# --- distributed mode (`crawl --redis`, `worker`, `ingest`; README "Several machines") ---
PATENTWATCH_REDIS_URL = os.environ.get("PATENTWATCH_REDIS_URL", "")
# Workers that may crawl one site at once (politeness is per process): DOWNLOAD_DELAY x this.
PATENTWATCH_WORKERS_PER_SITE = 1
# Items in the Redis stream not yet stored past which workers' pipelines wait for the writer.
PATENTWATCH_STREAM_MAX_BACKLOG = 1000
PATENTWATCH_WORKER_HEARTBEAT = 0.5  # seconds
# Scrapy deprecation warnings raise in workers (CI: a removed Scrapy path fails there first).
PATENTWATCH_STRICT_DEPRECATIONS = False
# scrapy-redis: the opposite values let one worker wipe the shared frontier and are refused.
SCHEDULER_PERSIST = True
SCHEDULER_FLUSH_ON_START = False

# --- local mirror (tests, demo) --------------------------------------------
MIRROR_DIR = os.environ.get("PATENTWATCH_MIRROR", "")
MIRROR_URL = ""
ADDONS = {"crawler.mirror.MirrorAddon": 100}

# --- politeness for real hosts ----------------------------------------------
USER_AGENT = probe.USER_AGENT
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1
# Scrapy starts CONCURRENT_ITEMS asyncio tasks for every response's output (default 100:
# ~20% of the crawl's CPU on the benchmark site). An article page yields one item, so this
# does not limit how many articles wait for a metrics worker at once (one per response in
# the scraper, bounded by SCRAPER_SLOT_MAX_ACTIVE_SIZE): a few do.
CONCURRENT_ITEMS = 4
# Off: Scrapy checks each response's callback for a generator that returns a value by
# reading its source and parsing it (inspect + ast), cached weakly on the bound method, which
# dies with its request, so it re-parsed parse_article's source for nearly every page (~5% of
# the crawl's CPU on the benchmark site). tests/components/test_crawl_cpu.py makes the same
# check once over every spider's generator methods.
WARN_ON_GENERATOR_RETURN_VALUE = False
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
# 8 MiB is far above any news page; past it a response is refused, not buffered.
DOWNLOAD_MAXSIZE = probe.DOWNLOAD_MAXSIZE
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Only http(s): no file://, s3:// or ftp:// reachable from fetched links.
DOWNLOAD_HANDLERS = {"file": None, "s3": None, "ftp": None, "data": None}
# Off: the spiders follow only list items and "next" links, and pagination is bounded per
# site by max_list_pages (sites.toml); a depth limit would cap a long first crawl instead.
DEPTH_LIMIT = 0

ITEM_PIPELINES = {
    "crawler.pipelines.metrics.MetricsPipeline": 200,
    "crawler.pipelines.storage.StoragePipeline": 300,
}

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's remote-control port is not needed by a batch crawler: keep it closed.
REMOTE_CONTROL_ENABLED = False
