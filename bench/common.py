"""Shared benchmark helpers: machine facts, medians, output format."""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from importlib.metadata import version
from typing import Any


def machine() -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "scrapy": version("scrapy"),
        "trafilatura": version("trafilatura"),
        "date": time.strftime("%Y-%m-%d"),
    }


def median_rate(fn: Callable[[], int], runs: int = 5) -> tuple[float, list[float]]:
    """Run ``fn`` (returning how many items it processed) ``runs`` times; median items/s."""
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        n = fn()
        rates.append(n / (time.perf_counter() - start))
    return statistics.median(rates), rates


def report(name: str, figures: dict[str, Any]) -> None:
    """One JSON line (flat keys) and a readable table."""
    line = {"benchmark": name, **figures, **machine()}
    print(json.dumps(line, sort_keys=True))
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        shown = f"{value:,.1f}" if isinstance(value, float) else str(value)
        print(f"  {key:<{width}}  {shown}")
