"""English count forms whose number does not stand right before its noun.

The count finder (:mod:`core.metrics.counts`) reads "N <patent noun>"; these forms put
the noun elsewhere in the clause, and some of them name the metric themselves:

* a kind breakdown: "2,000 patents, including 1,400 for inventions and 500 for utility
  models" (the invention part is of its parent's kind; utility models and designs are
  ``other``, by the labelling conventions);
* a copula after the noun: "the total number of valid patents is around 15,300";
* an elided noun with its own verb: "the majority of these (378) were applied for in
  China", "the remaining 10 were applied for via PCT", "…, and 15 were issued";
* an apposition: "a record number of patents, 116, …".

Each form gives (value, start, end, metric or None); ``None`` leaves the metric to the
vocabulary table applied to the span and its clause. Rates of patents ("the patent transfer
rate was 18%", 专利转化率达18%) are ``other`` in percent (rules: rates and shares); a growth
rate is a change and is not one of them.
"""

from __future__ import annotations

import re

from core.metrics.gates import gate_tables
from core.metrics.vocab import count_metric

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_NUM = r"(\d{1,3}(?:,\d{3})+|\d+|" + "|".join(_WORDS) + r")"

# "including 1,485 for inventions and 532 for utility models"
_KIND_PART = re.compile(
    rf"(?:\bincluding|,|\band|\bof which|\bwith)\s+(?:some\s+)?{_NUM}\s+(?:were\s+|are\s+)?"
    r"(?:for|in|as)\s+(?P<kind>inventions?|invention patents?|utility models?|utility-model patents?"
    r"|designs?|design patents?)\b",
    re.I,
)
# "the (total) number of valid patents is around 15300", "… has reached 2,000"
_NUMBER_IS = re.compile(
    r"\bnumber of (?P<noun>(?:[\w-]+\s+){0,3}?(?:patents?|patent applications?|applications?"
    r"|licen[cs]es|invention disclosures))\s+(?:\w+\s+){0,5}?"
    r"(?:is|was|has reached|had reached|reached|stood at|stands at|totall?ed|amounted to)\s+"
    rf"(?:around|about|approximately|nearly|almost|over|more than)?\s*{_NUM}\b(?![.,]\d|\s*%)",
    re.I,
)
# "(378) were applied for", "the remaining 10 were applied for", ", and 15 were issued"
_ELIDED = re.compile(
    r"(?:,\s*(?:and\s+)?|\band\s+|\bremaining\s+|\bof (?:these|them|which)\s+|\()\(?"
    rf"{_NUM}\)?\s+(?:were|was|have been|had been)\s+"
    r"(?P<verb>issued|granted|filed|approved|applied for|licensed|transferred)\b",
    re.I,
)
# "licensed around 30 inventions to …", "transferred 12 technologies": the verb names the metric
_TRANSFERRED = re.compile(
    r"\b(?:licen[cs]ed|transferred|assigned|sold)\s+(?:around\s+|about\s+|some\s+|over\s+|nearly\s+)?"
    rf"{_NUM}\s+(?:(?:new|more|such)\s+)?(?:inventions|patents|technologies|patent families)\b",
    re.I,
)
# "a record number of patents, 116, and …"
_APPOSITION = re.compile(
    r"\bnumber of (?P<noun>(?:[\w-]+\s+){0,2}?(?:patents|patent applications|applications)),\s+"
    r"(\d{1,3}(?:,\d{3})+|\d+)(?=\s*(?:,|\.|;|\band\b))",
    re.I,
)
# "27 patents were registered in the healthcare sector, 22 in the field of X, 18 in Y, and
# four in Z": the items after a breakdown's first one (``other``, by the conventions)
_BREAKDOWN_WORD = re.compile(
    r"\b(?:sector|field|area|domain|faculty|facult(?:y|ies)|discipline)s?\b", re.I
)
_ITEM = re.compile(
    rf"(?:,|，|\band)\s*(?:and\s+)?{_NUM}\s+in\s+(?:the\s+)?(?!(?:19|20)\d\d\b)"
    r"(?!(?:previous|prior|same|last|past|first|second)\b)[a-z][a-z-]+",
    re.I,
)
# "one China Patent Gold Award", "11 gold and silver awards" in a sentence about patents or
# inventions: awards and medals are ``other`` (conventions: Awards)
_AWARD = re.compile(
    rf"(?<![\w$.-]){_NUM}\s+(?:[A-Z][\w-]*\s+){{0,3}}"
    r"(?:(?i:gold|silver|bronze|special|excellence|excellent|merit)\s+"
    r"(?:(?i:and|&)\s+(?i:gold|silver|bronze)\s+)?)?(?i:awards?|medals?|prizes?)\b"
)
_ABOUT_PATENTS = re.compile(r"patent|invention", re.I)
_GRANT_VERB = re.compile(r"obtain|grant|issued|received|awarded|secured|授权", re.I)
_FILE_VERB = re.compile(r"appli|filed|filing", re.I)


def _value(raw: str) -> float:
    low = raw.lower()
    return float(_WORDS[low]) if low in _WORDS else float(raw.replace(",", ""))


def extra_forms(text: str) -> list[tuple[float, int, int, str | None]]:
    """Counts of ``text`` in the forms above, in no particular order."""
    low = text.lower()
    found: list[tuple[float, int, int, str | None]] = []
    if "for invention" in low or "utility model" in low or "design" in low:
        for m in _KIND_PART.finditer(text):
            found.append((_value(m.group(1)), m.start(1), m.end(), _kind(text, m)))
    if "number of" in low:
        for m in _NUMBER_IS.finditer(text):
            metric = count_metric(m.group("noun"), "") or None
            found.append((_value(m.group(2)), m.start(2), m.end(), metric))
        for m in _APPOSITION.finditer(text):
            found.append((_value(m.group(2)), m.start(2), m.end(2), None))
    if "licen" in low or "transferred" in low or "assigned" in low or "sold" in low:
        for m in _TRANSFERRED.finditer(text):
            found.append((_value(m.group(1)), m.start(1), m.end(), "patents_transferred"))
    if _BREAKDOWN_WORD.search(text):
        for m in _ITEM.finditer(text):
            found.append((_value(m.group(1)), m.start(1), m.end(), "other"))
    if _ABOUT_PATENTS.search(text):
        for m in _AWARD.finditer(text):
            found.append((_value(m.group(1)), m.start(1), m.end(), "other"))
    if not any(w in low for w in (" were ", " was ", " been ")):
        return found
    for m in _ELIDED.finditer(text):
        found.append((_value(m.group(1)), m.start(1), m.end(), None))
    return found


def _kind(text: str, m: re.Match[str]) -> str:
    """The metric of a kind breakdown: utility models and designs are ``other``; inventions
    are invention grants or applications, by the parent figure's verb."""
    kind = m.group("kind").lower()
    if not kind.startswith("invention"):
        return "other"
    parent = text[max(0, m.start() - 60) : m.start()]
    if _GRANT_VERB.search(parent):
        return "invention_patents_granted"
    if _FILE_VERB.search(parent):
        return "invention_patent_applications"
    return "other"


# "the patent (technology) transfer rate was 18%", "专利转化率为18%": the rate of patents
_RATE = re.compile(
    r"\b(?:patent|licensing|licen[cs]e|commerciali[sz]ation|transfer|grant|conversion|utili[sz]ation)"
    r"[\w\s-]{0,20}?\brate\s+(?:was|is|of|reached|stood at|hit)\s+(?:about\s+|nearly\s+)?"
    r"(?P<en>\d+(?:\.\d+)?)\s*(?:%|percent\b)"
    r"|专利[\u4e00-\u9fff]{0,6}?(?:转化|转让|授权|实施|许可|产业化)率\s*(?:为|达|达到|是|约)?\s*"
    r"(?P<zh>\d+(?:\.\d+)?)\s*%",
    re.I,
)


def rate_forms(text: str) -> list[tuple[float, int, int]]:
    """(percent, start, end) of each patent rate in ``text``."""
    if "%" not in text and "percent" not in text.lower():
        return []
    out = []
    for m in _RATE.finditer(text):
        group = "en" if m.group("en") else "zh"
        out.append((float(m.group(group)), m.start(group), m.end()))
    return out


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
