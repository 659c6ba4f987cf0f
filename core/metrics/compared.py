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
    # "$84.8M, double last year's figure", "twice the 2019 total"
    r"|\b(?:double|twice|triple|treble|half|times)(?: the| that of)?"
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


# the same metric's figure of an earlier year, stated right after this one (rules: a change is
# not labelled, a stated earlier value is): "compared to 39 in 2016", "up from 31 the previous
# year", "compared with 31 last year", "较上年的250件", "上年为250件"
COMPARED_AFTER = re.compile(
    # (a plain "from" close to the figure; "up from", "compared with" anywhere in its sentence:
    # "218 licensing agreements with companies that want to …, up from 173 in 2017")
    r"^(?:(?:[^.;。；]|\.(?=\s?\d)){0,60}?\bfrom"
    r"|(?:[^.;。；]|\.(?=\s?\d)){0,140}?(?:\bcompared (?:to|with)|\b(?:up|down)(?:\s+\w+ly)? from))\s+(?:the\s+)?"
    r"(?P<n>\d[\d,]*)(?:\s+(?:patents?|applications?|issued|filed|granted|signed|executed|reported|recorded))?"
    r"\s*(?:in\s+(?P<y>(?:19|20)\d\d)\b|(?P<prev>(?:in |during )?(?:the )?(?:previous|prior)"
    r" (?:fiscal )?year|last year"
    r"|a year (?:earlier|before|ago)|the year before|the preceding year)|(?P<bare>(?=\s*(?:[,;.]|$))))"
    r"|^[^。；]{0,12}?(?:较|比|相比|高于|低于)?(?:上年|上一年|去年)(?:同期)?(?:的|为)\s*(?P<zn>\d[\d,]*)\s*(?:件|项)",
    re.I,
)


PREVIOUS_BEFORE = re.compile(
    r"\bcompared (?:to|with) \d[\d,]* (?:last year|in the (?:previous|prior) year|a year (?:earlier|ago))",
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
