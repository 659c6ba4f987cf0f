"""One log file per run, with the run id on every line, and retention.

``patentwatch crawl`` writes ``PATENTWATCH_LOG_DIR/<UTC time>-<spiders>.log`` and
keeps the newest ``PATENTWATCH_LOG_KEEP`` files for the same spiders. Every line
carries ``[run N]``: the ``crawl_runs`` id of the spider that logged it.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

LOG_FORMAT = "%(asctime)s [run %(run_id)s] [%(name)s] %(levelname)s: %(message)s"
RUN_IDS: dict[str, int] = {}  # spider name -> crawl_runs.id, filled by the storage pipeline


def _run_id(record: logging.LogRecord) -> object:
    """The run of the record's spider, or of the only running spider, or "-"."""
    name = getattr(getattr(record, "spider", None), "name", None)
    if name in RUN_IDS:
        return RUN_IDS[name]
    if len(RUN_IDS) == 1:
        return next(iter(RUN_IDS.values()))
    return "-"


class RunIdFilter(logging.Filter):
    """Sets ``record.run_id`` once the record is complete (``extra`` spider included)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.run_id = _run_id(record)
        return True


def log_path(log_dir: str | Path, spiders: list[str], keep: int) -> Path:
    """A new log file for this run; older files of the same spiders beyond ``keep`` are removed."""
    folder = Path(log_dir)
    folder.mkdir(parents=True, exist_ok=True)
    tag = "+".join(spiders) if len(spiders) <= 3 else "all"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    old = sorted(folder.glob(f"*-{tag}.log"))
    for stale in old[: max(0, len(old) - (keep - 1))]:
        stale.unlink(missing_ok=True)
    return folder / f"{stamp}-{tag}.log"


def install_filter() -> None:
    """Give every log record a ``run_id`` (a record factory: whichever handler Scrapy
    installs, the format never meets a record without it), refined by a handler filter."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "_patentwatch", False):
        return

    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        record.run_id = "-"
        return record

    factory._patentwatch = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


def attach_filter() -> None:
    """Attach the run-id filter to the root handlers Scrapy installed."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RunIdFilter) for f in handler.filters):
            handler.addFilter(RunIdFilter())
