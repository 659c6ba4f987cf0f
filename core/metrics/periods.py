"""Years and periods of a sentence: data years (not comparison years), spans, cumulative totals
and fiscal years as ``period`` (labelling rules, section 4), and how a period carries.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from core.metrics.numbers import WORDS, Number, cn_value
from core.metrics.sentences import Sentence
from core.metrics.trie import any_match

_PLAIN_YEAR = re.compile(r"(?<!\d)(?:19[89]\d|20[0-3]\d)(?!\d)")
# (pattern, period text, whether its year is the data year). Cumulative totals, fiscal
# and academic years are periods with no single data year (labelling rules, section 4).
_PERIODS = [
    (
        re.compile(
            r"fiscal (?:year )?(?:of )?(\d{4}(?:\s*[/–-]\s*\d{2,4})?)|\bFY\s?(\d{2,4})"
            r"|(\d{4}) fiscal year|财年\s*(\d{4})|(\d{4})\s*财年"
            r"|(?:year|period) ending (?:\w+ \d{1,2},? )?(\d{4})",
            re.I,
        ),
        "fiscal year {0}",
        False,
    ),
    (
        re.compile(
            r"(?:截至|截止|至)\s*(\d{4})\s*年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:年?底|末)?"
            r"|as of (?:the end of |\d{1,2} \w+ |\w+ \d{1,2},? )?(\d{4})"
            r"|(?:截至|截止)(?:今年|本年)?\s*(\d{1,2}月\d{1,2}日)"
            r"|\bas of ((?:January|February|March|April|May|June|July|August|September|October"
            r"|November|December) \d{1,2})",
            re.I,
        ),
        "cumulative as of {0}",
        False,
    ),
    (re.compile(r"(?<!\d)(\d{4})\s*[–/]\s*(\d{2})(?!\d)"), "{0}-{1}", False),
    (
        re.compile(
            r"\b(?:up till now|up to now|to date|so far|until now|since (?:its )?founding"
            r"|currently|at present)|迄今|截至目前|截至最新|累计",
            re.I,
        ),
        "cumulative",
        False,
    ),
    # award editions: "第1届至第21届", "the 1st to 21st editions" are a span, not a year
    (
        re.compile(
            r"第\s*(\d{1,3})\s*届\s*(?:至|到|[-–—~])\s*第?\s*(\d{1,3})\s*届"
            r"|\b(\d{1,3})(?:st|nd|rd|th)\s*(?:to|through|-|–)\s*(\d{1,3})(?:st|nd|rd|th)\s+(?:editions?|sessions?)",
            re.I,
        ),
        "editions {0}-{1}",
        False,
    ),
    (re.compile(r"\bfrom (\w+) to (\w+) (\d{4})", re.I), "{0} to {1} {2}", True),
    (
        re.compile(r"\bfrom (\d{4}) to (\d{4})|(\d{4})\s*(?:年)?\s*[-–至到]\s*(\d{4})\s*年?", re.I),
        "{0}-{1}",
        False,
    ),
    (
        re.compile(r"\b(?:in|over|during) the (?:past|last) (\w+) years?", re.I),
        "past {0} years",
        False,
    ),
    (re.compile(r"近\s*(\S)\s*年", re.I), "past {0} years", False),
    (re.compile(r"\bsince (\d{4})", re.I), "since {0}", False),
    (re.compile(r"\bin recent years|近年来", re.I), "recent years", False),
    (re.compile(r"\blast year\b|\bthe previous year\b|上年度", re.I), "last year", False),
    (re.compile(r"累计|cumulative", re.I), "cumulative", False),
]
_PERIOD_HINT = re.compile(
    r"届|edition|session|截至|截止|至\s*\d{4}|fiscal|FY|迄今|currently|at present|to date|so far|up till|until now|founding|\d{4}\s*[–/]\s*\d{2}|as of|from|past|last|since|recent|近|累计|cumulative|previous|上年|\d\s*(?:年)?\s*[-–至到]\s*\d",
    re.I,
)
_YEAR_CARRY = re.compile(
    r"same period|same year|in the year|during the year|that year|同期|当年|全年", re.I
)
_COMPARISON_YEAR = re.compile(
    r"(compared (?:to|with)|than(?: in| that of| the)?|over|vs\.?|versus|the number of|较|比|up from"
    r"|(?:increase|decrease|rise|growth|drop) from)\s*$",
    re.I,
)


def _set_time(rec: dict[str, Any], period: tuple[str, bool, int] | None) -> None:
    """A sentence's own period replaces a year for the figures it governs: those after it,
    or in its clause ("98 patents were filed during the fiscal year 2012"); a figure before
    it keeps its year ("2015年…2577件…，并以截至2015年年底…3896件"). A period carried from
    earlier applies only to a figure without a year."""
    if period is None:
        return
    text, own, at = period
    if own and _governed(rec, at):
        rec["year"], rec["period"] = None, rec["period"] or text
    elif rec["year"] is None and not rec["period"]:
        rec["period"] = text
    elif (
        rec["year"] is not None
        and str(rec["year"]) in text
        and not rec["period"]
        and str(rec["year"]) not in rec["evidence"]
    ):
        rec["year"], rec["period"] = None, text  # a year carried out of the span itself


def _governed(rec: dict[str, Any], at: int) -> bool:
    pos = _value_pos(rec["evidence"], rec["value"])
    if (
        pos is not None
        and rec["year"] is not None
        and str(rec["year"]) in rec["evidence"][pos : pos + 24]
    ):
        return False  # "1,107 in 2016": the figure's own year
    if at < 0:
        return True
    if pos is None or pos >= at:
        return True
    return not re.search(r"[,，;；]", rec["evidence"][pos:at])


def _value_pos(sentence: str, value: float) -> int | None:
    v = int(value) if value == int(value) else value
    for form in (f"{v:,}" if isinstance(v, int) else str(v), str(v)):
        i = sentence.find(form)
        if i >= 0:
            return i
    return None


_SAME_PERIOD = re.compile(r"same period|同期", re.I)
_DATA_WINDOW = re.compile(r"统计|数据|收集|\bdata\b|statistics|survey", re.I)


def sentence_periods(sentences: list[Sentence]) -> dict[int, tuple[str, bool, int]]:
    """Sentence start -> (period in force, whether the sentence states it, where): its own, else
    one stated earlier in its paragraph ("截至2021年3月31日…。其中，我校以203件…") while no
    sentence names a year."""
    out: dict[int, tuple[str, bool, int]] = {}
    paragraph, current, article_wide = -1, None, False
    for s in sentences:
        if s.paragraph != paragraph:
            paragraph = s.paragraph
            current = current if article_wide else None
        own, _year, _dated, span = _period(s.text)
        if own and own not in ("last year", "recent years"):
            current = own
            # a data window ("统计1990年-2018年的专利数据") or a fiscal year holds for the
            # whole report, not only its paragraph
            article_wide = own.startswith("fiscal") or bool(_DATA_WINDOW.search(s.text))
            out[s.start] = (own, True, span[0])
            continue
        if _PLAIN_YEAR.search(s.text) and not article_wide:
            current = None
        if current:
            # "during the same period" / 同期 restates the period: as good as its own
            out[s.start] = (current, bool(_SAME_PERIOD.search(s.text)), -1)
    return out


# --------------------------------------------------------------------------- years and periods


def _years(t: str, numbers: list[Number]) -> list[tuple[int, int, bool]]:
    """(year, position, is_comparison) for each year in the sentence."""
    out = []
    for n in numbers:
        if n.form != "digits" or not (1980 <= n.value <= 2035) or n.value != int(n.value):
            continue
        raw = t[n.start : n.end]
        after = t[n.end : n.end + 12]
        if (
            "," in raw
            or "." in raw
            or re.match(r"\s*(件|项|名|位|个|万|亿|元|%|多|余|所|家|人)", after)
        ):
            continue
        if re.match(r"\s+(?:[a-z-]+\s+){0,2}(?:patents?|applications?)\b", after):
            continue
        comparison = bool(_COMPARISON_YEAR.search(t[max(0, n.start - 30) : n.start]))
        # "与2017年相比", "较2017年": the year compared with, not the data year
        comparison = comparison or bool(re.match(r"\s*年?\s*(?:相比|相较|同期相比)", after))
        out.append((int(n.value), n.start, comparison))
    return out


def _year_for(pos: int, years: list[tuple[int, int, bool]]) -> int | None:
    before = [y for y, p, _ in years if p < pos]
    if before:
        return before[-1]
    after = [y for y, p, _ in years if p > pos]
    return after[0] if after else None


_HAS_PERIOD_HINT = any_match(_PERIOD_HINT)  # its words as substring tests (~4x faster)


@lru_cache(maxsize=4096)
def _period(t: str) -> tuple[str | None, int | None, bool, tuple[int, int]]:
    """(period text, its year if it names one, whether that year is the data year, its span)."""
    if not _HAS_PERIOD_HINT(t):
        return None, None, False, (0, 0)
    for pattern, template, dated in _PERIODS:
        m = pattern.search(t)
        if m:
            groups = [_english_count(g) for g in m.groups() if g]
            text = template.format(*groups) if groups or "{" not in template else template
            year = next((int(g) for g in reversed(groups) if g.isdigit() and len(g) == 4), None)
            return text, year, dated, m.span()
    return None, None, False, (0, 0)


def _english_count(word: str) -> str:
    """近三年 → "three" so periods read the same in both languages."""
    if word.isdigit() or word.isascii():
        return word
    value = cn_value(word)
    names = {v: k for k, v in WORDS.items()}
    return names.get(int(value), str(int(value))) if value else word
