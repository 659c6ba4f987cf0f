"""Numbers as news text writes them: digits with separators, words, Chinese numerals, magnitudes.

General-purpose quantity parsers misread this domain ("1,234 PCT applications"
as a percentage, "3.95亿元" without its magnitude), so the forms are matched
here and only the arithmetic of Chinese numerals is left to cn2an.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import cn2an

from core.metrics.gates import gate_tables
from core.metrics.trie import has_case_folds, trie_branches, trie_pattern

WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "twentieth": 20,
}
MAGNITUDES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "crore": 1e7,  # Indian numbering: "Rs 15 crore", "2.5 lakh"
    "crores": 1e7,
    "lakh": 1e5,
    "lakhs": 1e5,
    "bn": 1e9,
    "b": 1e9,
    "m": 1e6,
    "k": 1e3,
    "万": 1e4,
    "만": 1e4,  # Korean 만/억 are the same myriads as 万/亿 (3억원 = 300,000,000 won)
    "억": 1e8,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "千": 1e3,
}
CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_TRAD = str.maketrans({"萬": "万", "億": "亿", "兩": "两"})
# the four non-ASCII letters a case-insensitive pattern matches as ASCII ones (İ ı as i, ſ as
# s, the Kelvin sign as k): folded, so a word a pattern matched is the word a table knows
# ("ranked fırst" matched an ordinal; ORDINAL_WORDS["fırst"] was a KeyError)
_ASCII_LOOKALIKES = str.maketrans({"İ": "I", "ı": "i", "ſ": "s", "\u212a": "K"})
_LOOKALIKE = re.compile("[İıſ\u212a]")

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD_RE = "|".join(sorted(WORDS, key=len, reverse=True))
NUMBER_RE = re.compile(
    rf"(?<![A-Za-z0-9_.])(?<!\d,)(?P<digits>{_DIGITS})(?![\d])"
    rf"|(?<![A-Za-z-])(?P<word>(?:{_WORD_RE})(?:[- ](?:{_WORD_RE}))?)(?![A-Za-z])"
    rf"|(?P<cn>[{CN_DIGITS}]+)",
    re.IGNORECASE,
)
# NUMBER_RE's three branches, each scanned on its own: their matches are made of disjoint
# characters (digits, letters, Chinese numerals), so the three scans together find exactly
# what the one alternation finds. Each opens with a character (class) and tests what
# precedes it after that character (``\d(?<![…].)``), so the engine skips to the positions
# that can start one (a leading lookbehind, or IGNORECASE, makes it try every position);
# the words are a trie. Case-insensitive [A-Za-z] also matches İ ı ſ K: a text holding one
# of them takes the one alternation.
_DIGITS_RE = re.compile(
    r"\d(?<![A-Za-z0-9_.].)(?<!\d,.)(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?)(?!\d)"
)
_WORDS_RE = re.compile(
    "|".join(
        trie_branches(
            WORDS,
            word_start="[A-Za-z-]",
            suffix=rf"(?i:(?:[- ]{trie_pattern(WORDS)})?)(?![A-Za-z])",
            ignore_case=True,
        )
    )
)
_CN_RE = re.compile(rf"[{CN_DIGITS}]+")
_WORD_SPLIT = re.compile(r"[- ]")
_MAGNITUDE = re.compile(
    # "$1.4B" only written against its number (a "b" after a space is a list's item)
    r"[\s-]?\s*(千万|百万|万|亿|만|억|thousand|million|billion|trillion|crores?\b|lakhs?\b|bn\b|m\b|k\b"
    r"|(?<![\s-])b\b)",
    re.I,
)


@dataclass(frozen=True)
class Number:
    """A number found in text, with its span and how it was written."""

    value: float
    start: int
    end: int
    form: str  # digits | word | cn


def normalise(text: str) -> str:
    """Fold traditional numeral characters (萬, 億) into simplified ones and ASCII look-alike
    letters into ASCII, keeping offsets (one character for one)."""
    if "萬" in text or "億" in text or "兩" in text:
        text = text.translate(_TRAD)
    if not text.isascii() and _LOOKALIKE.search(text):
        text = text.translate(_ASCII_LOOKALIKES)
    if "—" in text or "－" in text or "～" in text:
        # "2010—2019年", "2015～2020年": a range written with an em dash or a full-width tilde
        # or hyphen is the en dash of every range pattern
        text = _RANGE_DASH.sub("–", text)
    return text


_RANGE_DASH = re.compile(r"(?<=[\d年])[—－～](?=\d)")


def word_value(text: str) -> float | None:
    parts = _WORD_SPLIT.split(text.lower())
    if len(parts) == 2 and parts[1] == "hundred":
        return WORDS.get(parts[0], 0) * 100 or None
    total = sum(WORDS.get(p, 0) for p in parts)
    return float(total) if total and all(p in WORDS for p in parts) else None


@lru_cache(maxsize=4096)
def zh_numeral(v: int) -> str:
    """The Chinese numeral of 1-99 as places are written (4 -> 四, 10 -> 十, 23 -> 二十三): the
    form a rank takes after 第."""
    digits = "零一二三四五六七八九"
    if v < 10:
        return digits[v]
    tens, ones = divmod(v, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


@lru_cache(maxsize=4096)  # pure; cn2an parses a numeral in ~10 us, and the finders ask again
def cn_value(text: str) -> float | None:
    """Value of a Chinese numeral run (二百一十五 → 215); None if it is not a number."""
    if not text or text in ("万", "亿", "千", "百", "十万"):
        return None
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def find_numbers(text: str) -> list[Number]:
    """All numbers in ``text`` (already :func:`normalise`d), in order."""
    return list(_numbers(text))


@lru_cache(maxsize=4096)
def _numbers(text: str) -> tuple[Number, ...]:
    """Cached: a sentence's numbers are the same for every pass that asks (Number is frozen)."""
    if has_case_folds(text):
        return tuple(_numbers_one_scan(text))  # (the year-span filter is applied there)
    found: list[Number] = []
    for m in _DIGITS_RE.finditer(text):
        found.append(Number(float(m.group(0).replace(",", "")), m.start(), m.end(), "digits"))
    for m in _WORDS_RE.finditer(text):
        value = word_value(m.group(0))
        if value is not None:
            found.append(Number(value, m.start(), m.end(), "word"))
    for m in _CN_RE.finditer(text):
        value = cn_value(m.group(0))
        if value is not None:
            found.append(Number(value, m.start(), m.end(), "cn"))
    found.sort(key=_start)  # the three scans' numbers back into text order
    return tuple(_compounds(text, [n for n in found if not _in_year_span(text, n.start)]))


# "One hundred and sixty-nine", "one hundred twenty": the hundreds and the rest are one number
_HUNDREDS_JOIN = re.compile(r"\s+(?:and\s+)?")


def _compounds(text: str, found: list[Number]) -> list[Number]:
    if not any(n.form == "word" and n.value >= 100 for n in found):
        return found
    out: list[Number] = []
    for n in found:
        last = out[-1] if out else None
        if (
            last is not None
            and last.form == n.form == "word"
            and last.value in _HUNDREDS
            and n.value < 100
            and _HUNDREDS_JOIN.fullmatch(text, last.end, n.start)
        ):
            out[-1] = Number(last.value + n.value, last.start, n.end, "word")
        else:
            out.append(n)
    return out


_HUNDREDS = frozenset(float(h * 100) for h in range(1, 10))


def _start(n: Number) -> int:
    return n.start


def _numbers_one_scan(text: str) -> list[Number]:
    """The reference scan (one alternation over the original text)."""
    found: list[Number] = []
    for m in NUMBER_RE.finditer(text):
        if m.group("digits"):
            value: float | None = float(m.group("digits").replace(",", ""))
            form = "digits"
        elif m.group("word"):
            value, form = word_value(m.group("word")), "word"
        else:
            value, form = cn_value(m.group("cn")), "cn"
        if value is not None and not _in_year_span(text, m.start()):
            found.append(Number(value, m.start(), m.end(), form))
    return _compounds(text, found)


# "2023-24", "2019/20", "FY23": the number is (part of) a fiscal or academic year, not a figure
_SPAN_HEAD = re.compile(r"(?:(?<!\d)(?:19|20)\d\d\s*[-–/]\s*|\bFY\s?)$")


# "19:49", "2026-03-18": a clock time or a date's parts are not figures
_CLOCK_OR_DATE = re.compile(r"(?:\d[:：]|(?:19|20)\d\d-(?:\d\d-)?)$")


_CLOCK_AT = re.compile(r"\d{1,2}[:：]\d\d(?!\d)")


# the last character (trailing space stripped) of every match of _SPAN_HEAD and _CLOCK_OR_DATE
# is one of these, or the match ends with "FY" ($ may also match before a final newline)
_SPAN_ENDS = frozenset("-–/:：")


def _in_year_span(text: str, start: int) -> bool:
    """Whether the number at ``start`` is part of a year span, a clock time or a date. Most
    numbers are none: the three patterns run only where their own end (a dash, slash or
    colon before the number, "FY") or their colon (right after one or two digits) is."""
    before = text[max(0, start - 8) : start]
    tail = before.rstrip()
    if (
        tail
        and (tail[-1] in _SPAN_ENDS or tail.endswith("FY"))
        and (_SPAN_HEAD.search(before) or _CLOCK_OR_DATE.search(before))
    ):
        return True
    colon = text[start + 1 : start + 3]
    return ("：" in colon or ":" in colon) and bool(_CLOCK_AT.match(text[start : start + 6]))


def apply_magnitude(value: float, following: str) -> tuple[float, int]:
    """Scale by a magnitude word right after the number; return (value, chars consumed)."""
    # "$1.8-billion" and "$162-million" are written with a hyphen
    m = _MAGNITUDE.match(following)
    if not m:
        return value, 0
    return value * MAGNITUDES[m.group(1).lower()], m.end()


def as_number(value: float) -> int | float:
    """Integers stay integers (2395800, not 2395800.0)."""
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


def bare_year(raw: str) -> bool:
    """A number written as a bare four-digit year ("in 2021"), not a count: list and
    enumeration finders skip it among their figures."""
    return bool(_BARE_YEAR.fullmatch(raw))


_BARE_YEAR = re.compile(r"\s*(?:19[89]\d|20[0-3]\d)\s*")

# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
