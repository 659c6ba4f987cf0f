"""A figure's own relative year ("last year"/"this year") in its sentence, and where the
figure is written: the time words nearest before it, comparisons ("较去年", "than last
year") skipped. Used by the period step (:mod:`core.metrics.periods`) and by the article
step's relative dating (:func:`core.metrics.article_time.own_relative_time`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from core.metrics.gates import gate_tables
from core.metrics.where import position

# the relative years a sentence can carry to the next ones of its paragraph
CARRIED_RELATIVE = ("this year", "last year")


def value_pos(sentence: str, value: float) -> int | None:
    """Where the figure is written: the value as a whole number first (the 2 of "含2金5银",
    not the first digit of "自2009年以来"), else wherever ``position`` finds it."""
    v = int(value) if value == int(value) else value
    for form in (f"{v:,}", str(v)) if isinstance(v, int) else (str(v),):
        at = first_written(sentence, form)
        if at is not None:
            return at
    return position(sentence, value)


def first_written(sentence: str, form: str) -> int | None:
    """Where ``form`` is first written as a number of its own: the first match of
    ``(?<![\\d.,])form(?![\\d]|[.,]\\d)`` (``\\d`` is ``str.isdecimal``), found with
    ``str.find``: a pattern per value relied on the re module's cache of 512, which a crawl's
    distinct values overflow (~45 us a compile)."""
    i = sentence.find(form)
    while i >= 0:
        end = i + len(form)
        before = sentence[i - 1] if i else ""
        after = sentence[end : end + 2]
        if not (before and (before.isdecimal() or before in ".,")) and not (
            after[:1].isdecimal() or (after[:1] in (".", ",") and after[1:2].isdecimal())
        ):
            return i
        i = sentence.find(form, i + 1)
    return None


# the time words of a clause, nearest before a figure: "统计去年有137件…，今年截至6月底…"
_CLAUSE_TIME = re.compile(
    r"(?P<last>去年|上一年|\blast year\b|\bthe previous year\b)|(?P<this>今年|本年|\bthis year\b)",
    re.I,
)


def relative_before(rec: dict[str, Any], comparisons: bool = True) -> str | None:
    """ "last year"/"this year" written before the figure in its sentence, if any; without
    ``comparisons``, not one a comparison names ("较去年", "去年同期")."""
    pos = value_pos(rec["evidence"], rec["value"])
    found = [
        m
        for m in _CLAUSE_TIME.finditer(rec["evidence"], 0, pos if pos is not None else 0)
        if comparisons or not _compared(rec["evidence"], m)
    ]
    if not found:
        return None
    return "last year" if found[-1].group("last") else "this year"


# a relative year that is compared with: "较去年", "比去年", "去年同期", "than last year"
_COMPARED_BEFORE = re.compile(
    r"(?:[较比与同]|相比|\bthan|\bfrom|\bover|\bdouble|\btwice|\btriple|\bhalf|\btimes)\s*$", re.I
)
_COMPARED_AFTER = re.compile(r"\s*(?:同期|相比|相较)")


def _compared(text: str, m: re.Match[str]) -> bool:
    return bool(
        _COMPARED_BEFORE.search(text, max(0, m.start() - 10), m.start())
        or _COMPARED_AFTER.match(text, m.end())
    )


def relative_between(
    rec: dict[str, Any], at: int, period_of: Callable[[str], str | None]
) -> str | None:
    """The time of the figure's own clause when a clause break separates it from the
    sentence's period at ``at`` and the clause says "last year"/"this year" (not one compared
    with): the period it states ("去年第4季"), else that relative year."""
    text = rec["evidence"]
    pos = value_pos(text, rec["value"])
    if pos is None or pos <= at:
        return None
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, at, pos)]
    if not breaks:
        return None
    clause = text[breaks[-1] : pos]
    found = [m for m in _CLAUSE_TIME.finditer(clause) if not _compared(clause, m)]
    if not found:
        return None  # "截至2020年底，学校累计拥有…": the clause restates no time of its own
    own = period_of(clause)
    if own and own not in CARRIED_RELATIVE:
        return own  # "去年第4季…8件": part of last year
    return "last year" if found[-1].group("last") else "this year"


_CLAUSE_BREAK = re.compile(r"[,，;；](?!\d)")


def clause_time(rec: dict[str, Any]) -> str | None:
    """The relative year ("last year"/"this year") written nearest before the figure in its
    sentence, comparisons skipped: "去年获得52件，今年增加到60件" dates 52 and 60 apart."""
    return relative_before(rec, comparisons=False)


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
