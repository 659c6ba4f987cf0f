"""Years of the Republic of China, as Taiwanese texts write them ("111年" is 2022)."""

from __future__ import annotations

import re

from core.metrics.gates import gate_tables

# Taiwan writes years of the Republic ("111年" is 2022) in texts that name Taiwan, its
# currency or its national universities; not an age ("100年校庆", "近100年")
_TAIWAN = re.compile(r"新台币|台币|台湾|臺灣|台灣|国立|國立|技转|技轉|民国|民國")
_ROC_YEAR = re.compile(
    r"(?<![\d.近逾超连過过约第])(9\d|1[0-2]\d)\s*(?:年度|年)(?!代|前|后|後|间|間|来|來|内|內|校庆|華誕|华诞|之久|以上|历史|歷史)"
)


def roc_years(text: str) -> list[tuple[int, int]]:
    """(Western year, position) of each Republic-of-China year in a Taiwanese text."""
    if "年" not in text or not _TAIWAN.search(text):
        return []
    return [(int(m.group(1)) + 1911, m.start()) for m in _ROC_YEAR.finditer(text)]


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
