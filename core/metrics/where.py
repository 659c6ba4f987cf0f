"""Where a figure is written in its sentence: the words around it (its digits, or a word
multiplier: "$1.8 billion", "5亿元") and the clause it stands in.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.metrics.gates import gate_tables


@lru_cache(maxsize=4096, typed=True)  # pure; asked again for one sentence
def near(sentence: str, value: float, before: int = 40, after: int = 40) -> str:
    """The words around the first place ``value`` is written in ``sentence`` (its own verb)."""
    v = int(value) if value == int(value) else value
    digits = f"{v:,}" if isinstance(v, int) else str(v)
    for form in (digits, str(v)):
        i = sentence.find(form)
        if i >= 0:
            return sentence[max(0, i - before) : i + len(form) + after]
    m = _magnitude_form(sentence, value)  # "$1.8 billion", "5亿元", "4100万元"
    if m:
        return sentence[max(0, m.start() - before) : m.end() + after]
    return sentence if before and after else ""


def figure_at(sentence: str, form: str, decimal_tail: bool = False) -> int:
    """Where ``form`` is first written as a whole figure in ``sentence`` (-1: nowhere): what
    ``(?<![\\d.,])FORM(?!\\d)`` finds (``(?!\\d|[.,]\\d)`` with ``decimal_tail``), by
    substring search: a pattern built per value is compiled per value, and a crawl sees
    thousands of values (the regex module keeps 512)."""
    i = sentence.find(form)
    while i >= 0:
        j = i + len(form)
        if (i == 0 or not (sentence[i - 1].isdecimal() or sentence[i - 1] in ".,")) and not (
            (j < len(sentence) and sentence[j].isdecimal())
            or (
                decimal_tail
                and j + 1 < len(sentence)
                and sentence[j] in ".,"
                and sentence[j + 1].isdecimal()
            )
        ):
            return i
        i = sentence.find(form, i + 1)
    return -1


_MAGNITUDES = (
    (1e9, r"\s*-?\s*billion"),
    (1e8, r"\s*[亿億]"),
    (1e6, r"\s*-?\s*million"),
    (1e4, r"\s*[万萬]"),
)


_WORDS_OF = {1e9: ("billion",), 1e8: ("亿", "億"), 1e6: ("million",), 1e4: ("万", "萬")}


@lru_cache(maxsize=4096, typed=True)  # pure; asked again for one sentence
def _magnitude_form(sentence: str, value: float) -> re.Match[str] | None:
    """Where a large sum is written with a word multiplier."""
    if value < 1e4:
        return None
    if value > 1e8 and value % 1e8:  # "1亿1,443万"
        yi, wan = int(value // 1e8), (value % 1e8) / 1e4
        wan_forms = "|".join(
            re.escape(f)
            for f in {f"{wan:,.4f}".rstrip("0").rstrip("."), f"{wan:.4f}".rstrip("0").rstrip(".")}
        )
        m = re.search(rf"(?<![\d.,]){yi}\s*[亿億]\s*(?:{wan_forms})\s*[万萬]", sentence)
        if m:
            return m
    low = sentence.lower()
    for size, word in _MAGNITUDES:
        if not any(w in low for w in _WORDS_OF[size]):
            continue  # a substring test before the regex
        x = value / size
        if x < 1 or round(x, 4) != x:
            continue
        shown = f"{x:.4f}".rstrip("0").rstrip(".")
        m = re.search(rf"(?<![\d.,]){re.escape(shown)}{word}", sentence, re.I)
        if m:
            return m
    return None


_CLAUSES = re.compile(
    r"[;；。]|[,，]\s*(?:and|while|whereas|but)\b|，而|；|[,，]\s*(?:其中|另有|此外|另外)"
)


@lru_cache(maxsize=4096, typed=True)  # pure; asked again for one sentence
def own_clause(sentence: str, value: float) -> str:
    """The part of ``sentence`` between the clause breaks around ``value`` (whole if not found)."""
    found = near(sentence, value, 0, 1)
    at = sentence.find(found) if found else -1
    if at < 0:
        return sentence
    starts = [m.end() for m in _CLAUSES.finditer(sentence, 0, at)]
    end = _CLAUSES.search(sentence, at)
    return sentence[starts[-1] if starts else 0 : end.start() if end else len(sentence)]


@lru_cache(maxsize=4096, typed=True)  # pure; asked again for one sentence
def span(sentence: str, value: float) -> tuple[int, int] | None:
    """(start, end) of where ``value`` is first written in ``sentence``."""
    v = int(value) if value == int(value) else value
    for form in (f"{v:,}", str(v)) if isinstance(v, int) else (str(v),):
        at = figure_at(sentence, form, decimal_tail=True)
        if at >= 0:
            return at, at + len(form)
    found = _magnitude_form(sentence, value)
    return (found.start(), found.end()) if found else None


@lru_cache(maxsize=4096, typed=True)  # pure; asked again for one sentence
def position(sentence: str, value: float) -> int | None:
    """Where ``value`` is first written in ``sentence`` (digits, or a word multiplier)."""
    v = int(value) if value == int(value) else value
    for form in (f"{v:,}" if isinstance(v, int) else str(v), str(v)):
        i = sentence.find(form)
        if i >= 0:
            return i
    m = _magnitude_form(sentence, value)
    return m.start() if m else None


def own_words(sentence: str, value: float) -> str:
    """The words after a figure up to the next figure ("26 patents and received 93
    disclosures": the 26's words are "patents and received")."""
    after = near(sentence, value, 0, 45)
    own = re.match(r"[\d,.]*", after)  # the figure itself ("1,093", "1.5")
    nxt = re.search(r"\d", after[own.end() if own else 0 :])
    return after[: (own.end() if own else 0) + nxt.start()] if nxt else after


# a figure's digits; a year (19xx, 20xx) is a date, never another figure's number
_FIGURE = re.compile(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")
# words right after a figure ("22 PCT applications", "22 new international …") or right
# before it with no break ("PCT国际专利申请22件") are that figure's noun
_AFTER_FIGURE = re.compile(r"\s*(?:[A-Za-z.]+\s+){0,3}")
_BEFORE_FIGURE = re.compile(r"[^\d,，;；。:：()（）\s]{0,12}")


def _holds(figure: tuple[int, int], word: tuple[int, int], clause: str) -> bool:
    start, end = figure
    if end <= word[0]:
        return bool(_AFTER_FIGURE.fullmatch(clause, end, word[0]))
    return start >= word[1] and bool(_BEFORE_FIGURE.fullmatch(clause, word[1], start))


def words_of_figure(clause: str, value: float, words: re.Pattern[str]) -> bool:
    """``words`` occur in ``clause`` other than as another figure's noun: in "filed 98 patent
    applications and 22 PCT applications" PCT names the 22, not the 98."""
    found = _spans_of(clause, words)
    at = span(clause, value) if found else None
    if at is None:
        return bool(found)
    others = [(a, b) for a, b in _figures_not_years(clause) if b <= at[0] or a >= at[1]]
    return any(
        _holds(at, w, clause) or not any(_holds(f, w, clause) for f in others) for w in found
    )


@lru_cache(maxsize=2048)
def _spans_of(clause: str, words: re.Pattern[str]) -> tuple[tuple[int, int], ...]:
    """The spans of ``words``' matches in a clause (cached: the topic step asks it of one
    clause for each of its records)."""
    return tuple(m.span() for m in words.finditer(clause))


@lru_cache(maxsize=2048)
def _figures_not_years(clause: str) -> tuple[tuple[int, int], ...]:
    """The spans of a clause's figures that are not years, in order (cached: the topic step
    asks it of one clause for each record and topic)."""
    return tuple(
        (m.start(), m.end()) for m in _FIGURE.finditer(clause) if not _YEAR.fullmatch(m.group())
    )


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
