"""The metric extractor's per-sentence caches, and a way to empty them.

The finders cache what several passes ask of one sentence (its numbers, names, period,
gate words). A crawl sees each sentence about once, so a benchmark that runs one corpus
several times must empty them between runs, or it measures lookups, not extraction.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any


def _cached_functions() -> Iterator[Any]:
    for name, module in list(sys.modules.items()):
        if not name.startswith("core.metrics.") or module is None:
            continue
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)) and (
                getattr(value, "__module__", None) == name
            ):
                yield value


def clear_caches() -> int:
    """Empty every cache of the extractor's modules; returns how many were emptied."""
    count = 0
    for function in _cached_functions():
        function.cache_clear()
        count += 1
    return count
