"""A real browser for the Datasette tests: Debian's Chromium driven by Playwright.

The browser is the system's (``make browser`` installs it); Playwright's own browser
download is never used (``executable_path``). Each session gets a fresh profile.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
VIEWPORT = {"width": 1400, "height": 1000}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser_context() -> Iterator[Any]:
    """One headless Chromium (1400 × 1000) per test module, closed after it: Playwright's
    sync API keeps an event loop running in the main thread while it is open, which
    would break every later test that calls ``asyncio.run``."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (as root) or `make test`")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="pw-chromium-") as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport=VIEWPORT,
            locale="en-US",
            timeout=60_000,
        )
        context.set_default_timeout(30_000)
        try:
            yield context
        finally:
            context.close()
