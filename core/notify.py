"""Call the operator's notification hook when a run fails or degrades.

``PATENTWATCH_NOTIFY_COMMAND`` is a shell command line (run by ``/bin/sh -c``, so
pipes, redirections and quoting work as typed: ``mail -s "crawl failed" ops@x``)
that gets the run's summary as JSON on stdin; ``PATENTWATCH_NOTIFY_URL`` receives
it as an HTTP POST. The summary names the host, the database and the run's log
file, so a message from one of several machines says where to look. Failures of
the hook are logged, never raised: a broken hook must not break the crawl's record.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import urllib.request
from collections.abc import Mapping
from typing import Any

logger = logging.getLogger(__name__)


def run_summary(
    spider: str,
    run_id: int | None,
    status: str,
    finish_reason: str,
    counts: Mapping[str, Any],
    failed_checks: list[str],
    database: str,
    log_file: str | None,
) -> dict[str, Any]:
    """The JSON a hook receives: which run, how it ended, where (host, database, log)."""
    return {
        "spider": spider,
        "run_id": run_id,
        "status": status,
        "finish_reason": finish_reason,
        **counts,
        "failed_checks": failed_checks,
        "host": socket.gethostname(),
        "database": os.path.abspath(database) if database else None,
        "log_file": os.path.abspath(log_file) if log_file else None,
    }


def notify(
    summary: Mapping[str, Any], command: str = "", url: str = "", timeout: float = 10.0
) -> None:
    payload = json.dumps(summary, default=str, sort_keys=True).encode("utf-8")
    if command:
        try:
            # the operator's own configured command line, run as a shell would
            subprocess.run(["/bin/sh", "-c", command], input=payload, timeout=timeout, check=True)
        except (OSError, subprocess.SubprocessError) as exc:
            logger.error("notification command failed: %s", exc)
    if url:
        if not url.startswith(("http://", "https://")):
            logger.error("notification URL must be http(s): %s", url)
            return
        request = urllib.request.Request(
            url, data=payload, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout):  # noqa: S310 - scheme checked above
                pass
        except OSError as exc:
            logger.error("notification webhook %s failed: %s", url, exc)
