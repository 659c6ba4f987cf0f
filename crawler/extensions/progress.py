"""A crawl shows its progress: where its log goes and its run id at the start, then counts.

A 1,000-page crawl at real politeness delays takes many minutes; silence until the end
looks like a hang. At the start each spider prints its ``crawl_runs`` id and log file
(stderr, so cron mails and the scheduler's log get it too). Then:

* on a terminal (stderr is a TTY and the log goes to a file): one line, redrawn in place
  every second, with each running spider's pages, new articles, errors and rate;
* on a pipe, in cron or under the scheduler: the same figures as a line every
  ``PATENTWATCH_PROGRESS_INTERVAL`` seconds (default 60).

``PATENTWATCH_PROGRESS = off`` silences it. The run row's counters are kept current by
the run ledger's heartbeat, not here: this only reads the crawler's stats.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import reactor, task

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

_LIVE: dict[str, str] = {}  # spider -> its latest figures, for the shared terminal line
_CLEAR = "\r\x1b[K"


def figures(stats: dict[str, Any], elapsed: float) -> str:
    """``120 pages, 45 new, 0 errors, 3.2 pages/s, 0:37``: what an operator watches."""
    pages = int(stats.get("response_received_count", 0))
    errors = int(stats.get("log_count/ERROR", 0)) + int(stats.get("storage/failed", 0))
    rate = pages / elapsed if elapsed > 0 else 0.0
    minutes, seconds = divmod(int(elapsed), 60)
    return (
        f"{pages} pages, {int(stats.get('storage/new', 0))} new, {errors} errors,"
        f" {rate:.1f} pages/s, {minutes}:{seconds:02d}"
    )


class ProgressExtension:
    """Start line, then a live terminal line or a periodic line per spider."""

    def __init__(self, crawler: Crawler, stream: TextIO | None = None) -> None:
        mode = str(crawler.settings.get("PATENTWATCH_PROGRESS", "auto")).lower()
        if mode in ("off", "0", "false", "no"):
            raise NotConfigured
        self.crawler = crawler
        self.stream = stream or sys.stderr
        self.live = mode == "tty" or (
            mode == "auto" and _isatty(self.stream) and bool(crawler.settings.get("LOG_FILE"))
        )
        self.interval = (
            crawler.settings.getfloat("PATENTWATCH_PROGRESS_TTY_INTERVAL", 1.0)
            if self.live
            else crawler.settings.getfloat("PATENTWATCH_PROGRESS_INTERVAL", 60.0)
        )
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressExtension:
        return cls(crawler)

    def _name(self) -> str:
        return self.crawler.spider.name if self.crawler.spider else "?"

    def spider_opened(self, spider: Spider) -> None:
        self.started = time.monotonic()
        # after every spider_opened handler: the run ledger has recorded the run by then
        reactor.callLater(0, self.announce)  # type: ignore[arg-type]
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(self.interval, now=False)

    def announce(self) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        run = stats.get("patentwatch/run_id")
        if run is None:
            return  # the run never started (locked, database unusable): the ledger said why
        log = self.crawler.settings.get("LOG_FILE") or "stderr"
        self._line(f"{self._name()}: run #{run} started; log: {log}")

    def tick(self) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        text = figures(stats, time.monotonic() - self.started)
        if self.live:
            _LIVE[self._name()] = f"{self._name()}: {text}"
            self._redraw()
        else:
            self._line(f"{self._name()}: {text}")

    def _line(self, text: str) -> None:
        """A whole line; on a terminal it goes above the live line, which is redrawn."""
        if self.live:
            self.stream.write(f"{_CLEAR}{text}\n")
            self._redraw()
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def _redraw(self) -> None:
        if _LIVE:
            self.stream.write(_CLEAR + " | ".join(_LIVE.values()))
            self.stream.flush()

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.live:
            _LIVE.pop(self._name(), None)
            self.stream.write(_CLEAR)
            self._redraw()
            self.stream.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
