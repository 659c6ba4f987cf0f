"""Period rows of the period table (:mod:`core.metrics.periods`) for award editions, China's
five-year plans and spans between two dates: each row is (pattern, period text, whether its
year is the data year), tried in the table's order.

* Awards and invention exhibitions are dated by edition: "第二十三届中国专利奖" is one edition
  (the DEV set labels it as the period "23rd China Patent Award"), "第1届至第21届" a span of
  them, "近5届" the last five.
* Chinese university news dates its totals by five-year plan: "“十三五”期间" is 2016-2020,
  "十四五以来" runs from 2021.
* A report's title gives its span as two dates: "July 1, 2008 to June 30, 2009".
"""

from __future__ import annotations

import re

from core.metrics.gates import gate_tables

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# the abbreviations news writes before a year ("till Nov 2024", "through Sept. 2023")
MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"

# part of a year counted to the day of writing: "187 in 2024 so far", "so far in 2024",
# "109 till Nov 2024" (a year's running count, no data year: rules §4, a span)
PARTIAL_YEAR_ROWS: list[tuple[re.Pattern[str], str, bool]] = [
    (
        re.compile(
            r"\b((?:19|20)\d\d),? (?:so far|to date|thus far|year[- ]to[- ]date)\b"
            r"|\b(?:so far|thus far) in ((?:19|20)\d\d)\b",
            re.I,
        ),
        "{0} to date",
        False,
    ),
    (
        re.compile(
            rf"\b(?:till|until|through) ((?:{MONTHS}|{MONTH_ABBR})\.? (?:19|20)\d\d)\b", re.I
        ),
        "to {0}",
        False,
    ),
]

# China's five-year plans, as news dates its totals: "“十三五”期间" (2016-2020), "十三五以来"
_PLANS = (("十一五", "11th", 2006), ("十二五", "12th", 2011), ("十三五", "13th", 2016),
          ("十四五", "14th", 2021), ("十五五", "15th", 2026))  # fmt: skip
PLAN_ROWS = [
    row
    for cn, nth, first in _PLANS
    for row in (
        (
            re.compile(rf"{cn}[”\"’]?\s*(?:开局)?(?:以来|起)"),
            f"since the {nth} Five-Year Plan ({first})",
            False,
        ),
        (
            re.compile(rf"[“\"‘]{cn}[”\"’]|{cn}\s*(?:期间|时期|规划期)"),
            f"{nth} Five-Year Plan ({first}-{first + 4})",
            False,
        ),
    )
]


# the period text of one exhibition's edition, dated by article_time
EXHIBITION_EDITION = "exhibition edition "
# exhibitions whose editions are known years: (name pattern, (first edition, last edition,
# year of edition 0) runs). Geneva's International Exhibition of Inventions: the 1st in 1973,
# the 47th in 2019; none in 2020-2022 (special editions only); the 48th in 2023.
EXHIBITION_YEARS = ((re.compile(r"Geneva|日内瓦|日內瓦"), ((1, 47, 1972), (48, 120, 1975))),)


def exhibition_year(edition: int, text: str) -> int | None:
    """The year of an exhibition's ``edition`` when ``text`` names that edition of an
    exhibition of known editions close to it ("the 48th International Exhibition of
    Inventions Geneva": 2023; a page that only says WIPO is in Geneva names none)."""
    for at in _edition_places(edition, text):
        near = text[max(0, at - 40) : at + 80]
        for name, runs in EXHIBITION_YEARS:
            if name.search(near):
                return next((zero + edition for a, b, zero in runs if a <= edition <= b), None)
    return None


def _edition_places(edition: int, text: str) -> list[int]:
    forms = re.compile(
        rf"(?<!\d){edition}(?:st|nd|rd|th)\b|第\s*(?:{edition}|{_zh_numeral(edition)})\s*[届屆]"
    )
    return [m.start() for m in forms.finditer(text)]


def _zh_numeral(v: int) -> str:
    digits = "零一二三四五六七八九"
    if v < 10:
        return digits[v]
    tens, ones = divmod(v % 100, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


EDITION_ROWS = [
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
    # "近5届中国专利奖", "the last five editions": a run of editions up to the latest
    (
        re.compile(
            r"近\s*([\d一二三四五六七八九十]{1,3})\s*届"
            r"|\b(?:in|over|during) the (?:past|last) (\w+) (?:editions|sessions)\b",
            re.I,
        ),
        "past {0} editions",
        False,
    ),
    # one edition of an award: "the 23rd China Patent Award", "第二十三届中国专利奖" (the
    # award's edition is the figure's time, not a data year)
    (
        re.compile(
            r"\bthe (\d{1,3})(?:st|nd|rd|th) (?:[A-Z][\w-]*\s+){0,4}Awards?\b"
            r"|第\s*([\d一二三四五六七八九十]{1,4})\s*届[^，。；,]{0,12}?专利奖"
        ),
        "edition {0}",
        False,
    ),
    # one edition of an invention exhibition: "the 50th International Exhibition of
    # Inventions", "第50届日内瓦国际发明展". An exhibition is an event of one year: its medals
    # are that year's, and news reports the latest edition, so the figure takes the year
    # the article is dated (EXHIBITION_EDITION, read by article_time)
    (
        re.compile(
            r"\bthe (\d{1,3})(?:st|nd|rd|th) (?:[A-Z][\w-]*\s+){0,4}(?:Exhibition|Expo|Fair)\b"
            r"|第\s*([\d一二三四五六七八九十]{1,4})\s*届[^，。；,]{0,12}?(?:发明展|博览会)"
        ),
        EXHIBITION_EDITION + "{0}",
        False,
    ),
    # "July 1, 2008 to June 30, 2009": a span between two dates (a report's fiscal year)
    (
        re.compile(
            rf"\b(?:{MONTHS})\.? \d{{1,2}},? ((?:19|20)\d\d)\s*(?:to|through|until|-|–)\s*"
            rf"(?:{MONTHS})\.? \d{{1,2}},? ((?:19|20)\d\d)\b",
            re.I,
        ),
        "{0}-{1}",
        False,
    ),
]

# "近5年", "过去三年", "五年来": a run of years up to the report
YEAR_RUN_ROWS = [
    (
        re.compile(
            r"近\s*(\S)\s*年|过去\s*(\S{1,2}?)\s*年"
            # "五年来，…共获授权发明专利1500件" (not 近年来, 多年来, 2020年来)
            r"|(?<![\d近多])([一二三四五六七八九十两]{1,2}|(?<!\d)\d{1,2})\s*年来",
            re.I,
        ),
        "past {0} years",
        False,
    ),
    (
        # "In 10 years, IISc got nearly 700 patents", "filed 500 applications over a five-year
        # period": a run of years up to the report (not "in 10 years' time", a future)
        re.compile(
            r"^\W*(?:In|Over) (\d+|two|three|four|five|six|seven|eight|nine|ten|twenty) years\b"
            r"(?!['’]|\s+(?:time|from now))"
            r"|\bover (?:a |the )?(\d+|two|three|four|five|six|seven|eight|nine|ten)[- ]years?"
            r"(?:\s+(?:period|span))?\b(?!['’]|\s+(?:time|from now))",
            re.I,
        ),
        "past {0} years",
        False,
    ),
]


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
