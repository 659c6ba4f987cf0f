"""The year of a count: the one written with it ("39 patents in 2003"), else its clause's or
its sentence's only own year (not a count "2,020 件", not a comparison year, ROC years too)."""

from __future__ import annotations

import re
from functools import lru_cache

from core.metrics.gates import gate_tables
from core.metrics.periods import own_years
from core.metrics.roc import roc_years

_YEAR = re.compile(
    r"(?<!\d)((?:19[89]|20[0-3])\d)(?!\d|(?<=0)s\b)(?!\s*(?:件|项|名|位|年代|万|亿))"
)


_YEAR_AFTER = re.compile(r"^[^,，;；。]{0,25}?\b(?:in|for|during)\s+((?:19|20)\d\d)\b")


def _year_near(text: str, start: int, end: int, clause: str) -> int | None:
    """ "39 patents in 2003": the year written with the figure, else its clause's only year,
    else the sentence's only year."""
    m = _YEAR_AFTER.match(text[end:])
    if m:
        return int(m.group(1))
    years = _own(clause)
    if len(years) == 1:
        return years.pop()
    return _year(text)


@lru_cache(maxsize=4096, typed=True)  # pure; asked again for one sentence
def _year(text: str) -> int | None:
    years = _own(text)
    return years.pop() if len(years) == 1 else None


def _own(text: str) -> set[int]:
    """The years a text states as its own (not a count: 2,020 件; not a comparison year)."""
    western = {int(y) for y in _YEAR.findall(text)} & set(own_years(text))
    return western | {year for year, _at in roc_years(text)}


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
