"""Spans a figure's time is compared with or measured over, not the time it is of: "up 57%
from 2019-20", "compared with $2 million in 2019", "a drop between 2004 and 2005". The
period and year finders skip them; the count finder does not date a figure by them."""

from __future__ import annotations

import re
from functools import lru_cache

from core.metrics.gates import gate_tables

# "compared with 2016", "up from 2019", "较2017": the year compared with
COMPARISON_YEAR = re.compile(
    r"(compared (?:to|with)|than(?: in| that of| the)?|over|vs\.?|versus|the number of|较|比|up from"
    r"|(?:increase|decrease|rise|growth|drop) from"
    r"|\b(?:up|down|increased?|decreased?|rose|grew|fell)\b(?:[^,.;]|\.\d){0,20}?\bfrom)\s*$",
    re.I,
)

# "a drop in patent activity between 2004 and 2005", "the increase from 2019 to 2020": the span
# a change is measured over, not the period of the figures around it
CHANGE_SPAN = re.compile(
    r"\b(?:increases?|decreases?|rises?|growth|drops?|declines?|falls?|jumps?|gains?|changes?)"
    r"\b(?:\s+(?:in|of)\s+[\w\s-]{0,30}?)?\s*$",
    re.I,
)


# "up from 41 the previous year", "compared with $2 million in 2019–20": the time of the
# figure compared with
FIGURE_COMPARED = re.compile(
    r"\b(?:from|than|compared (?:to|with)|versus|vs\.?)\s+\S{0,4}\d[\d,.]*\s*(?:million|billion)?"
    r"\s*(?:in\s+|during\s+|for\s+)?$",
    re.I,
)


@lru_cache(maxsize=4096)  # pure; the year finders ask it again of one figure's words before
def compared_span(before: str) -> bool:
    return bool(COMPARISON_YEAR.search(before[-30:]) or FIGURE_COMPARED.search(before))


@lru_cache(maxsize=4096)  # pure; asked again of one year's words before in each pass
def comparison_year(before: str) -> bool:
    """Whether ``before`` ends with the words of a year compared with ("compared with")."""
    return bool(COMPARISON_YEAR.search(before))


def not_data_span(t: str, m: re.Match[str]) -> bool:
    """A span compared with, or one a change is measured over ("a drop between 2004 and 2005")."""
    before = t[max(0, m.start() - 40) : m.start()]
    return compared_span(before) or (m.group(0)[:1] in "bfBF" and bool(CHANGE_SPAN.search(before)))


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
