"""A report's scorecard: one row per measure, one column per year.

Knowledge-transfer reports (a UK university's "Enterprising Activity Scorecard", a Hong Kong
university's annual KT statistics) print their figures as a table whose header holds the
years and whose rows name the measure:

    Metric 2014-15 2015-16 2016-17 2017-18
    Patent applications filed (4) 66 73 68 77
    Royalties and fees income generated in the period (£ million) 2.8 2.1 3.0 1.9

Each value is the report's institution's figure of the measure its row names, in the year
its column names (a period: the rules put fiscal and academic years in ``period``). A row's
footnote mark ("(4)") is no value; a measure that is no patent figure (research income) is
not read. The sentence finders cannot read such rows: they see a name-less run of numbers.
"""

from __future__ import annotations

import re
from typing import Any

from core.metrics.gates import gate_tables
from core.metrics.record import sentence_figure
from core.metrics.vocab import count_metric

# a column's year: "2014-15", "2014/15", "FY2015", "2015" (a typo's century, "1016-17", too)
# (a header copied without spaces, "Metric2014-152015-16…", still gives its years)
_PERIOD = re.compile(
    r"(?:19|20|10)\d\d\s*[-–/]\s*(?:(?:19|20)\d\d(?!\d)|\d\d)|\bFY\s?(?:19|20)\d\d\b"
    r"|(?<!\d)(?:19|20)\d\d(?!\d)"
)
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_ROW = re.compile(
    rf"^\s*(?P<label>[A-Za-z][^\d\n]*?)\s*(?:\(\d{{1,2}}\)\s*)?(?P<values>(?:{_NUMBER}\s+)+{_NUMBER})\s*$"
)
_MONEY = re.compile(r"£|\$|€|\bmillions?\b|\bthousands?\b|\bGBP\b|\bUSD\b|\bHKD\b", re.I)
_DEAL_MONEY = re.compile(r"royalt|licen[cs]", re.I)
_HELD = re.compile(r"\b(?:held|active|portfolio|generating|disclos|invention)", re.I)
_PATENT_WORDS = re.compile(r"patent|licen[cs]|invention|disclos|royalt", re.I)
_CURRENCY = (("HK$", "HKD"), ("£", "GBP"), ("€", "EUR"), ("$", "USD"))
_MAX_ROWS = 40


def row_tables(text: str) -> list[dict[str, Any]]:
    """Records of every scorecard row under a header of years in ``text`` (no institution:
    the context step gives each the report's subject)."""
    out: list[dict[str, Any]] = []
    lines = _lines(text)
    maybe = _may_head(lines)
    if not any(maybe):
        return []
    for i, (_start, line) in enumerate(lines):
        periods = _header(line) if maybe[i] else []
        if periods:
            for k in range(i + 1, min(len(lines), i + 1 + _MAX_ROWS)):
                row_start, row = lines[k]
                if maybe[k] and _header(row):
                    break
                out += _row(row, row_start, periods)
    return out


def _may_head(lines: list[tuple[int, str]]) -> list[bool]:
    """Per line, whether it may be a header: whether it holds "19", "20" or "10" three times.
    Every year :data:`_PERIOD` reads holds one of them (its century, FY's too), a header holds
    three years, and matches do not overlap; ``str.count`` counts the most occurrences of a
    word that do not overlap. The years' scan of every other line (~3 us a line, ~60 us a
    dense 2 KB article) is spared."""
    return [line.count("19") + line.count("20") + line.count("10") >= 3 for _start, line in lines]


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _header(line: str) -> list[str]:
    """The years of a header line: three or more, and few words besides ("Metric")."""
    periods = [m.group(0).replace(" ", "") for m in _PERIOD.finditer(line)]
    # the typo's century read as the one meant ("1016-17" between "2015-16" and "2017-18")
    periods = [f"20{p[2:]}" if p.startswith("10") else p for p in periods]
    if len(periods) < 3:  # (before the words are counted: most lines hold no year)
        return []
    if len(re.findall(r"[A-Za-z]{2,}", _PERIOD.sub(" ", line))) > 3:
        return []
    return periods


def _row(line: str, start: int, periods: list[str]) -> list[dict[str, Any]]:
    m = _ROW.match(line)
    if not m:
        return []
    values = m.group("values").split()
    label = m.group("label").strip()
    if len(values) != len(periods) or not _PATENT_WORDS.search(label):
        return []
    metric, unit, scale = _measure(label)
    if metric is None:
        return []
    out = []
    for value, period in zip(values, periods, strict=True):
        number = float(value.replace(",", "")) * scale
        rec = sentence_figure("", metric, int(number) if number == int(number) else number, unit,
                              line.strip(), start + len(line) - len(line.lstrip()))  # fmt: skip
        rec["period"], rec["timed"], rec["member"] = period, True, "column"
        rec["currency"] = unit if unit.isupper() else None
        out.append(rec)
    return out


def _measure(label: str) -> tuple[str | None, str, float]:
    """(metric, unit, multiplier) of a row's measure, or no metric for one that is no patent
    figure."""
    if _MONEY.search(label):
        if not _DEAL_MONEY.search(label):
            return None, "", 1.0  # research income, funding: not a patent figure
        scale = (
            1e6
            if re.search(r"million", label, re.I)
            else 1e3
            if re.search(r"thousand", label, re.I)
            else 1.0
        )
        currency = next((code for sign, code in _CURRENCY if sign in label), "USD")
        return "contract_amount", currency, scale
    if _HELD.search(label):
        return "other", "count", 1.0  # held, active, disclosed: the rules' `other`
    metric = count_metric(label, "")
    return (metric or "other"), "count", 1.0


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
