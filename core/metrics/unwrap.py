"""Hard-wrapped Chinese text (forum posts, PDFs): lines broken mid-sentence are joined.

"國立台灣大\\n學獲證55件專利" is one sentence and one name; the extractor reads the joined text
and maps every offset back to the original, so evidence still comes from the body as
stored. Only a single line break between two Chinese characters, not after a sentence end,
is soft, and only when a text has several: one break there is more likely a headline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from core.metrics.gates import gate_tables

_SOFT = re.compile(r"(?<=[\u4e00-\u9fff，、,])[ \t]*\n[ \t]*(?=[\u4e00-\u9fff(（\d，,、])")
_MIN_BREAKS = 3
_MIN_LINE = 25  # characters: wrapped lines are long, list lines short


def unwrap(text: str) -> tuple[str, list[int] | None]:
    """(joined text, position map into ``text``), or ``(text, None)`` when nothing is wrapped."""
    breaks = [m for m in _soft_breaks(text) if _wrapped(text, m)]
    if len(breaks) < _MIN_BREAKS:
        return text, None
    parts: list[str] = []
    index: list[int] = []
    last = 0
    for m in breaks:
        parts.append(text[last : m.start()])
        index.extend(range(last, m.start()))
        last = m.end()
    parts.append(text[last:])
    index.extend(range(last, len(text)))
    return "".join(parts), index


def _soft_breaks(text: str) -> Iterator[re.Match[str]]:
    """_SOFT's matches, tried only where one can start: at the run of spaces before each line
    break (the pattern opens with a lookbehind, so a scan tries it at every character)."""
    i = text.find("\n")
    while i >= 0:
        j = i
        while j and text[j - 1] in " \t":
            j -= 1
        m = _SOFT.match(text, j)
        if m:
            yield m
        i = text.find("\n", i + 1)


_LIST_ITEM = re.compile(
    r"第\s*[\d一二三四五六七八九十百]+\s*[名位]|[\d一二三四五六七八九十]+[、.)]"
)


def _wrapped(text: str, m: re.Match[str]) -> bool:
    """A long line cut mid-sentence, not a short list line ("第六名：浙江大学，2985件")."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    return m.start() - line_start >= _MIN_LINE and not _LIST_ITEM.match(text, m.end())


def span_in_original(index: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """A span of the joined text as a span of the original (covering the removed breaks)."""
    if index is None or end <= start:
        return start, end
    return index[start], index[end - 1] + 1


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
