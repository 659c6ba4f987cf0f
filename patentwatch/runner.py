"""Run spiders in this process: settings, per-spider locks, the run's log file, a local mirror.

Used by ``patentwatch crawl`` and ``patentwatch demo``; Scrapy is imported here,
never by the CLI's parser, so ``patentwatch --help`` does not pay for it.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")

from scrapy.crawler import Crawler, CrawlerProcess  # noqa: E402  (after the settings module is set)
from scrapy.settings import Settings  # noqa: E402
from scrapy.spiderloader import get_spider_loader  # noqa: E402
from scrapy.utils.project import get_project_settings  # noqa: E402

from core.locks import LockedError, SpiderLock  # noqa: E402
from core.mirror import MirrorError, MirrorServer, validate_mirror  # noqa: E402
from core.sites import SitesError, expand_spiders, load_sites, spider_groups  # noqa: E402
from crawler.runlog import LOG_FORMAT, attach_filter, install_filter, log_path  # noqa: E402
from patentwatch.cli.base import Locked, UsageError  # noqa: E402


class OneLineFormatter(logging.Formatter):
    """Errors on the terminal as one line each; their tracebacks stay in the log file."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        return "patentwatch: " + (message.splitlines()[0] if message else "")


def project_settings(db: str | None, overrides: Sequence[str] = ()) -> Settings:
    """Scrapy's project settings with ``--db`` and ``-s NAME=VALUE`` applied."""
    settings = get_project_settings()
    if db:
        settings.set("PATENTWATCH_DB", db, priority="cmdline")
    for pair in overrides:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"-s expects NAME=VALUE, got {pair!r}")
        settings.set(name, value, priority="cmdline")
    return settings


def resolve_spiders(settings: Settings, names: Sequence[str]) -> list[str]:
    """The spiders to run: the named ones and ``@group`` members (each once, in order), or all."""
    try:
        sites = load_sites()
    except SitesError as exc:
        raise UsageError(str(exc)) from None
    known = sorted(get_spider_loader(settings).list())
    groups = spider_groups(sites, known)
    unknown = [n for n in names if n not in known and n not in groups]
    if unknown:
        raise UsageError(
            f"unknown spider {unknown[0]!r} (known: {', '.join(known)}; groups: {', '.join(groups)})"
        )
    return expand_spiders(list(names), groups) or known


def known_names(settings: Settings) -> set[str]:
    """Every spider name and ``@group`` a schedule may name."""
    known = sorted(get_spider_loader(settings).list())
    return set(known) | set(spider_groups(load_sites(), known))


def spider_hosts(names: Sequence[str]) -> list[str]:
    sites = load_sites()
    return sorted({h for n in names if n in sites for h in sites[n].hosts})


def run_status(crawler: Crawler) -> str:
    """The run's status as ``crawl_runs`` records it: finished, degraded or failed."""
    stats = crawler.stats.get_stats() if crawler.stats else {}
    status = stats.get("patentwatch/status")
    if status:
        return str(status)
    if stats.get("finish_reason") != "finished" or stats.get("log_count/ERROR"):
        return "failed"
    return "finished"


def run_crawls(settings: Settings, names: Sequence[str]) -> list[Crawler]:
    """Run spiders together in one Twisted reactor; return their crawlers."""
    install_filter()
    process = CrawlerProcess(settings)
    for name in names:
        process.crawl(name)
    attach_filter()
    if settings.get("LOG_FILE"):
        # details go to the run's log file; errors also reach the terminal (and cron's mail)
        errors = logging.StreamHandler(sys.stderr)
        errors.setLevel(logging.ERROR)
        errors.setFormatter(OneLineFormatter())
        logging.getLogger().addHandler(errors)
    crawlers = list(process.crawlers)
    process.start()
    return crawlers


def take_locks(stack: ExitStack, db_path: str, names: Sequence[str]) -> None:
    """One flock per spider, shared with the scheduler, cron and `scrapy crawl`."""
    for name in names:
        try:
            stack.enter_context(SpiderLock(db_path, name))
        except LockedError as exc:
            raise Locked(str(exc)) from None
        except OSError as exc:
            raise UsageError(
                f"cannot create the lock for {name} next to {db_path}: {exc.strerror}"
            ) from None


def setup_run_log(settings: Settings, names: Sequence[str]) -> None:
    if settings.get("LOG_FILE") or not settings.get("PATENTWATCH_LOG_DIR"):
        return
    path = log_path(
        settings["PATENTWATCH_LOG_DIR"], list(names), settings.getint("PATENTWATCH_LOG_KEEP", 30)
    )
    settings.set("LOG_FILE", str(path), priority="cmdline")
    settings.set("LOG_FORMAT", LOG_FORMAT, priority="cmdline")


def crawl_with_mirror(
    settings: Settings, names: Sequence[str], mirror: str | None
) -> list[Crawler]:
    with ExitStack() as stack:
        if mirror:
            try:
                validate_mirror(Path(mirror), spider_hosts(names))
            except MirrorError as exc:
                raise UsageError(str(exc)) from None
            server = stack.enter_context(MirrorServer(mirror))
            settings.set("MIRROR_URL", server.url, priority="cmdline")
        return run_crawls(settings, names)


def crawl(
    settings: Settings, names: Sequence[str], mirror: str | None, log_file: bool = True
) -> list[Crawler]:
    """Take every spider's lock, then run them all (the locks are released at the end).

    :param log_file: give the run its own log file under ``PATENTWATCH_LOG_DIR``
    """
    with ExitStack() as locks:
        take_locks(locks, settings["PATENTWATCH_DB"], names)
        settings.set("PATENTWATCH_LOCK_HELD", True, priority="cmdline")
        if log_file:
            setup_run_log(settings, names)
        return crawl_with_mirror(settings, names, mirror)


def outcome_line(crawler: Crawler) -> str:
    """One line per spider: its status in ``crawl_runs``' words, then its counts."""
    stats: dict[str, Any] = crawler.stats.get_stats() if crawler.stats else {}
    name = crawler.spider.name if crawler.spider else "?"
    status = run_status(crawler)
    word = "ok" if status == "finished" else status.upper()
    extra = ""
    if stats.get("storage/rankings"):
        extra += f", {stats['storage/rankings']} WIPO ranking rows"
    if stats.get("storage/indicators"):
        extra += f", {stats['storage/indicators']} WIPO indicator values"
    return (
        f"{name}: {word} ({stats.get('finish_reason', 'not started')}),"
        f" {stats.get('storage/new', 0)} new, {stats.get('storage/updated', 0)} updated,"
        f" {stats.get('storage/unchanged', 0)} unchanged, {stats.get('storage/duplicate', 0)} duplicates,"
        f" {stats.get('incremental/skipped_seen', 0)} skipped as seen,"
        f" {stats.get('downloader/request_count', 0)} requests, {stats.get('log_count/ERROR', 0)} errors"
        + extra
    )


def print_outcome(crawlers: Sequence[Crawler]) -> bool:
    """Print each spider's line; True when every run finished (not degraded, not failed)."""
    for crawler in crawlers:
        print(outcome_line(crawler))
    return all(run_status(c) == "finished" for c in crawlers)
