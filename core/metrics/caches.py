"""The metric extractor's per-sentence caches, and a way to empty them.

The finders cache what several passes ask of one sentence (its numbers, names, period,
gate words). A crawl sees each sentence about once, so a benchmark that runs one corpus
several times must empty them between runs, or it measures lookups, not extraction.
A cached function of no argument holds a resource (a data file read once, a pattern
built from it), and one returning a compiled pattern holds what a crawl compiles once and
reuses (a rank's written forms, a locale's short names): they are not emptied (reading
the registry again cost a cold run ~8 ms, compiling the rank forms ~20 us a value).
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator
from typing import Any

# caches outside the package that hold the extractor's per-text work (not its resources:
# core.chinese's OpenCC converter stays loaded)
_ALSO = {"core.chinese": ("_converted", "_has_traditional")}


def _cached_functions() -> Iterator[Any]:
    for name, also in _ALSO.items():
        module = sys.modules.get(name)
        if module is not None:
            yield from (getattr(module, f) for f in also)
    for name, module in list(sys.modules.items()):
        if not name.startswith("core.metrics.") or module is None:
            continue
        for value in vars(module).values():
            if (
                callable(getattr(value, "cache_clear", None))
                and getattr(value, "__module__", None) == name
                and not _a_resource(value)
            ):
                yield value


def _a_resource(function: Any) -> bool:
    """Whether a cached function takes no argument (its one value is a loaded resource) or
    returns compiled patterns (annotated ``re.Pattern``)."""
    returns = str(getattr(function, "__annotations__", {}).get("return", ""))
    try:
        return not inspect.signature(function).parameters or "re.Pattern" in returns
    except (TypeError, ValueError):
        return False


def clear_caches() -> int:
    """Empty every cache of the extractor's modules; returns how many were emptied."""
    count = 0
    for function in _cached_functions():
        function.cache_clear()
        count += 1
    return count
