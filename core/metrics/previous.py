"""Figures of the period before: "an increase from 153 in the prior year", "up from $962,000
in the previous fiscal year", "compared to 72 and eight, respectively, in 2011", "较上年的250件".

The labelling rules label such a figure as the same metric for the earlier period (a change
is not labelled, a stated earlier value is). Finders emit the figure with the sentence's
time; :func:`previous_time` moves it one period back: a fiscal or academic year to the one
before, a year to the year before. Without any time of its own the figure is marked
``previous year`` and the context step dates it from the article (its data year minus one).
"""

from __future__ import annotations

import re
from typing import Any

from core.metrics.gates import gate_tables
from core.metrics.where import span

# the words right before an earlier figure ("compared to", "up from", "较上年的")
_BEFORE = re.compile(
    r"(?:\bcompared (?:to|with)|\b(?:up|down|increase[sd]?|rise|rose|grew|climbed|jump(?:ed)?"
    r"|decrease[sd]?|fell|dropped) from|\bfrom|\bthan|\bversus|\bvs\.?)\s+"
    r"(?:a |an |the )?(?:total of |record of )?(?:nearly |about |around |some |almost |roughly "
    r"|approximately |more than |over |just |only )?(?:US\$|HK\$|NT\$|\$|RMB\s?|€|£)?\s*$",
    re.I,
)
# Chinese names the period before the figure itself ("较上年的250件", "去年为")
_BEFORE_ZH = re.compile(r"(?:上年|上一年|去年|前一年)(?:同期)?(?:的|为|是)\s*$")
# the words right after it that name the period before (not an explicit year: that one is
# the figure's own and only needs the fiscal form when the sentence counts in fiscal years)
_AFTER = re.compile(
    r"^[\d,.]*\s*(?:million|billion)?(?:[^.;。；]|\.(?=\s?\d)){0,30}?(?:\b(?:in|during|for|over)\s+)?"
    r"(?:\bthe\s+)?(?:(?:previous|prior|preceding) (?:fiscal |academic |financial )?year"
    r"|year before|\ba year (?:earlier|before|ago)\b|\blast year\b)",
    re.I,
)
_AFTER_YEAR = re.compile(
    r"^[\d,.]*[^.;。；]{0,34}?\bin\s+(?:the\s+)?(?:(?:FY\s?|fiscal (?:year )?)?((?:19|20)\d\d)\b"
    r"|FY\s?(\d\d)\b)"  # "in FY11"
)
_FISCAL = re.compile(r"^fiscal year (\d{4})(?:\s*([/–-])\s*(\d{2,4}))?$")
_ACADEMIC = re.compile(r"^(\d{4})-(\d{2})$")


_CUES = ("from", "than", "compared", "versus", "vs", "year", "上年", "去年", "前一年", "上一年")


def compared_before(before: str) -> bool:
    """Whether the words before a figure make it the one compared with ("up from $"), or the
    next one of a run compared with ("down from $16 million in FY11 and $")."""
    return bool(
        _BEFORE.search(before[-40:])
        or _BEFORE_ZH.search(before[-12:])
        or _BEFORE_AND.search(before[-60:])
    )


_BEFORE_AND = re.compile(
    r"\b(?:from|than|compared (?:to|with))\s(?:[^.;。；]|\.(?=\d)){1,40}?\band\s+(?:US\$|HK\$|NT\$|\$|€|£)\s*$",
    re.I,
)


# "compared to last year, when it was ranked 82nd with 34 patents": what follows describes
# the year before (ranks included)
_LAST_YEAR_WHEN = re.compile(
    r"\b(?:last|the previous|the prior) year,? when\b|去年[^，。；]{0,4}时", re.I
)


def previous_time(rec: dict[str, Any]) -> None:
    """Move a figure of the period before to that period (in place)."""
    text = rec.get("evidence") or ""
    low = text.lower()
    if not any(w in low for w in _CUES):
        return  # substring tests first: most sentences compare with nothing
    at = span(text, rec["value"])
    if at is None:
        return
    start, end = at
    when = _LAST_YEAR_WHEN.search(text, 0, start)
    if when and not re.search(r"[.;。；]", text[when.end() : start]):
        rec["year"], rec["period"] = None, "previous year"
        return
    if rec.get("metric") == "rank":
        return
    before, after = text[max(0, start - 40) : start], text[end : end + 60]
    if (_BEFORE.search(before) and _AFTER.match(after)) or _BEFORE_ZH.search(before):
        _shift(rec)
    elif (_BEFORE.search(before) or _BEFORE_AND.search(text[max(0, start - 60) : start])) and (
        m := _AFTER_YEAR.match(after)
    ):
        period = rec.get("period") or ""
        if period.startswith("fiscal year"):
            year = m.group(1) or m.group(2)  # as the period table writes it ("fiscal year 11")
            rec["year"], rec["period"] = None, f"fiscal year {year}"


def shift_back(rec: dict[str, Any]) -> None:
    """Move ``rec`` one period back (a figure already known to be of the period before)."""
    _shift(rec)


_TWO_DIGIT_FISCAL = re.compile(r"(fiscal year )(\d\d)\b(.*)")


def full_fiscal(period: str) -> str:
    """A fiscal year written with two digits in full: "fiscal year 24" (FY24) is 2024, "fiscal
    year 96" (FY96) 1996: university fiscal years in the news are of 1950-2049."""
    m = _TWO_DIGIT_FISCAL.fullmatch(period)
    if not m:
        return period
    short = int(m.group(2))
    return f"{m.group(1)}{(1900 if short >= 50 else 2000) + short}{m.group(3)}"


def period_before(period: str) -> str:
    """The fiscal or academic year before ``period`` ("Last year, …" in FY2020's report)."""
    rec: dict[str, Any] = {"period": full_fiscal(period), "year": None}
    _shift(rec)
    return str(rec["period"] or period)


def _shift(rec: dict[str, Any]) -> None:
    period = full_fiscal(rec.get("period") or "")
    fiscal, academic = _FISCAL.match(period), _ACADEMIC.match(period)
    if fiscal:
        year = int(fiscal.group(1)) - 1
        end = fiscal.group(3)
        tail = f"{fiscal.group(2)}{int(end) - 1:0{len(end)}d}" if end else ""
        rec["period"] = f"fiscal year {year}{tail}"
    elif academic:
        year = int(academic.group(1)) - 1
        rec["period"] = f"{year}-{int(academic.group(2)) - 1:02d}"
    elif rec.get("year"):
        rec["year"] = int(rec["year"]) - 1
        rec["period"] = None
    elif not period or period in ("last year", "previous year"):
        rec["year"], rec["period"] = None, "previous year"


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
