"""Call the operator's notification hook when a run fails or degrades.

``PATENTWATCH_NOTIFY_COMMAND`` runs a command with the run's summary as JSON on
stdin; ``PATENTWATCH_NOTIFY_URL`` receives it as an HTTP POST. Failures of the
hook are logged, never raised: a broken hook must not break the crawl's record.
"""

from __future__ import annotations

import json
import logging
import shlex
import subprocess
import urllib.request
from collections.abc import Mapping
from typing import Any

logger = logging.getLogger(__name__)


def notify(
    summary: Mapping[str, Any], command: str = "", url: str = "", timeout: float = 10.0
) -> None:
    payload = json.dumps(summary, default=str, sort_keys=True).encode("utf-8")
    if command:
        try:
            subprocess.run(shlex.split(command), input=payload, timeout=timeout, check=True)
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
