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
    # "of which 11 have had patents filed": the disclosures with a patent application
    rf"{_NUM}\)?\s+(?:were|was|have been|had been|(?:have |has )?had (?:patents?|applications?))\s+"
    r"(?P<verb>issued|granted|filed|approved|applied for|licensed|transferred)\b",
    re.I,
)
# "licensed around 30 inventions to …", "transferred 12 technologies": the verb names the metric
_TRANSFERRED = re.compile(
    r"\b(?:licen[cs]ed|transferred|assigned|sold)\s+(?:around\s+|about\s+|some\s+|over\s+|nearly\s+)?"
    rf"{_NUM}\s+(?:(?:new|more|such)\s+)?(?:inventions|patents|technologies|patent families)\b",
    re.I,
)
# "the patent application amount of X between 2005 and 2009 is 6,216", "its patent grant
# count in 2011 was 23": the noun, its measure word, then the copula (translated Chinese news)
_NOUN_AMOUNT_IS = re.compile(
    r"\b(?P<noun>(?:PCT |invention |international )?patent (?:applications?|application|grants?|licen[cs]ing"
    r"(?: contracts?)?|transfers?)(?: contract)?)\s+(?:amount|number|count|volume|total)\b"
    r"(?:[^.;]|\.\d){0,60}?\b(?:is|was|reached|stood at|totall?ed)\s+"
    rf"(?:around|about|approximately|nearly|over|more than)?\s*{_NUM}\b(?![.,]\d|\s*%)",
    re.I,
)
# "2,550 IP (including patent) applications", "1,100 registered IP/granted patents": IP written
# as the patent kind's modifier, with an aside or a slash before the noun
_IP_NOUN = re.compile(
    r"(?<![\w.$#-])(\d{1,3}(?:,\d{3})+|\d+)\s+(?:(?:registered|granted|filed|new)\s+)?"
    r"(?:IP|intellectual property)\s*(?:\([^()]{1,30}\)\s*|/\s*(?:registered|granted|filed)\s+)?"
    r"(?P<noun>applications|patents)\b",
)
# a count split by where the patents are, in brackets after it: "(about 900 Indian and 200
# international)", "in India (1,800) and abroad (750)": the foreign part is international
_WHERE_SPLIT = re.compile(
    r"\((?:about|some|around|nearly|over)?\s*(?P<a>\d{1,3}(?:,\d{3})+|\d+)\s+(?P<wa>[A-Za-z]+)\s+(?:and|&|,)\s+"
    r"(?P<b>\d{1,3}(?:,\d{3})+|\d+)\s+(?P<wb>[A-Za-z]+)\)"
    r"|\bin (?P<wa2>[A-Z][a-z]+|the [A-Z][\w.]+)\s*\((?P<a2>\d{1,3}(?:,\d{3})+|\d+)\)\s+and\s+"
    r"(?P<wb2>abroad|overseas|internationally|other countries)\s*\((?P<b2>\d{1,3}(?:,\d{3})+|\d+)\)",
)
_FOREIGN = ("international", "foreign", "overseas", "abroad", "internationally", "other countries")
_DOMESTIC = ("domestic", "national", "local", "indian", "chinese", "american", "japanese", "korean")

# "Two hundred six (206) US and 156 foreign patents were issued": the first count of a
# coordination shares the noun written after the second
_SHARED_NOUN = re.compile(
    r"(?<![\w.$#-])\(?(\d{1,3}(?:,\d{3})+|\d+)\)?\s+"
    r"(?P<adj>U\.S\.|US|American|domestic|foreign|international|overseas|Chinese|invention)\s+"
    r"and\s+\(?(?:\d{1,3}(?:,\d{3})+|\d+)\)?\s+(?:[A-Za-z.]+\s+){0,2}?"
    r"(?P<noun>patents|patent applications|applications)\b(?P<rest>[^.;]{0,60})",
)
_HELD = re.compile(r"\bportfolio\b|\bheld\b|\bin force\b|\bvalid\b|\bactive\b", re.I)
# "staff reporting over 300 inventions", "disclosed 120 new inventions": invention
# disclosures, written with the verb before the count (rules: `other`)
_DISCLOSED = re.compile(
    r"\b(?:report(?:ing|ed)|disclos(?:ing|ed)|submitt(?:ing|ed))\s+(?:a record\s+)?"
    rf"(?:over|more than|about|nearly|some|almost|around)?\s*{_NUM}\s+(?:new\s+)?inventions\b",
    re.I,
)
# "Invention disclosures at X reached 147", "Disclosures reach 47 in record year", "patent
# applications by X rose to 210": the noun first, then the level it reached (not "by 20%")
_NOUN_REACHED = re.compile(
    r"\b(?P<noun>(?:invention\s+)?disclosures|patent (?:applications|filings)|(?:new\s+)?licen[cs]es"
    r"(?:\s+and\s+options)?|(?:U\.S\.\s+)?patents(?:\s+(?:issued|granted))?)\s+"
    r"(?:(?:at|by|for|from|of|filed by)\s+[^.;:]{1,60}?\s+)?"
    r"(?:reach(?:ed|es)?|rose to|climbed to|grew to|increased to|jumped to|hit|totall?ed|numbered"
    r"|stood at)\s+(?:a record\s+(?:of\s+)?)?(?:over|more than|about|nearly|some|almost|around)?\s*"
    rf"{_NUM}\b(?![.,]\d|\s*%|\s*percent)",
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
    r"\b(?:sector|field|area|domain|faculty|facult(?:y|ies)|discipline)s?\b"
    r"|\bpatents (?:related|relating|pertaining) to\b",
    re.I,
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
# "荣获434奖项，包含139金牌、121银牌、94面铜牌": medals of invention exhibitions, written with
# no measure word or with 面/枚 (counts in 件/项 are read by the count finder itself)
_AWARD_ZH = re.compile(
    r"(?<![\d.第])(\d{1,4})\s*(?:面|枚)?\s*(?:其他|其它)?(?:金牌|银牌|铜牌|金奖|银奖|铜奖|特别奖|奖项)"
    r"|(?<![\d.第])(\d{1,3})\s*(?:金|银|铜)(?=\s*\d|\s*[、，,。；;和及]|$)"  # "获得3金2银1铜"
)
# "首次突破千件大关", "突破万件": a round threshold passed, written as a bare magnitude (a
# rounded restatement, labelled as more than that many)
# (a thousand or ten thousand: a milestone news reports; "破百" is read both ways by labellers)
_BARE_THRESHOLD = re.compile(r"(?:突破|超过|超|逾|过)\s*(千|万)\s*(?:件|项)")
_MAGNITUDE_ZH = {"千": 1000.0, "万": 10000.0}
# "获得专利奖的数量有67个": awards counted after their noun, in 个 as well
_AWARDS_NUMBER = re.compile(
    r"(?:专利奖|奖项|金奖|银奖|优秀奖)[^，,。；]{0,4}?(?:数量|数目|总数)?(?:有|为|达|共|共计)\s*(\d{1,4})\s*(?:个|项|件)"
)
_ABOUT_INVENTIONS_ZH = re.compile(r"发明展|发明博览会|发明奖|专利奖|国际发明|发明与创新")
_ABOUT_PATENTS = re.compile(r"patent|invention", re.I)
_GRANT_VERB = re.compile(r"obtain|grant|issued|received|awarded|secured|bagged|授权", re.I)
_FILE_VERB = re.compile(r"appli|filed|filing", re.I)


def _value(raw: str) -> float:
    low = raw.lower()
    return float(_WORDS[low]) if low in _WORDS else float(raw.replace(",", ""))


_LEVEL_WORDS = (
    "reach",
    " rose",
    "climb",
    "grew",
    "increas",
    "jump",
    " hit",
    "total",
    "number",
    "stood",
)


def _levels(text: str, low: str) -> list[tuple[float, int, int, str | None]]:
    """ "Invention disclosures at X reached 147": the noun, then the level it reached."""
    if not any(w in low for w in _LEVEL_WORDS):
        return []
    out: list[tuple[float, int, int, str | None]] = []
    for m in _NOUN_REACHED.finditer(text):
        noun = m.group("noun")
        metric = "other" if "disclos" in noun.lower() else (count_metric(noun, "") or None)
        out.append((_value(m.group(2)), m.start(2), m.end(), metric))
    return out


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
    if "amount" in low or "count" in low or "volume" in low or "total" in low:
        for m in _NOUN_AMOUNT_IS.finditer(text):
            metric = count_metric(m.group("noun"), "") or None
            found.append((_value(m.group(2)), m.start(2), m.end(), metric))
    if " IP" in text or "intellectual property" in low:
        for m in _IP_NOUN.finditer(text):
            metric = count_metric(text[m.start() : m.end()], "") or None
            found.append((_value(m.group(1)), m.start(1), m.end(), metric))
    found += _where_split(text)
    found += _levels(text, low)
    if "invention" in low:
        for m in _DISCLOSED.finditer(text):
            found.append((_value(m.group(1)), m.start(1), m.end(), "other"))
    if " and " in text:
        for m in _SHARED_NOUN.finditer(text):
            held = _HELD.search(m.group("rest"))
            phrase = f"{m.group('adj')} {m.group('noun')}{m.group('rest')}"
            metric = "other" if held else count_metric(phrase, "")
            found.append((_value(m.group(1)), m.start(1), m.end(1), metric or None))
    if "licen" in low or "transferred" in low or "assigned" in low or "sold" in low:
        for m in _TRANSFERRED.finditer(text):
            found.append((_value(m.group(1)), m.start(1), m.end(), "patents_transferred"))
    if _BREAKDOWN_WORD.search(text):
        for m in _ITEM.finditer(text):
            found.append((_value(m.group(1)), m.start(1), m.end(), "other"))
    if _ABOUT_PATENTS.search(text):
        for m in _AWARD.finditer(text):
            found.append((_value(m.group(1)), m.start(1), m.end(), "other"))
    for m in _BARE_THRESHOLD.finditer(text):
        found.append((_MAGNITUDE_ZH[m.group(1)], m.start(1), m.end(), None))
    if _ABOUT_INVENTIONS_ZH.search(text):
        for m in _AWARDS_NUMBER.finditer(text):
            found.append((float(m.group(1)), m.start(1), m.end(), "other"))
        for m in _AWARD_ZH.finditer(text):
            group = 1 if m.group(1) else 2
            found.append((float(m.group(group)), m.start(group), m.end(), "other"))
    if not any(w in low for w in (" were ", " was ", " been ")):
        return found
    for m in _ELIDED.finditer(text):
        found.append((_value(m.group(1)), m.start(1), m.end(), None))
    return found


def _where_split(text: str) -> list[tuple[float, int, int, str | None]]:
    """The parts of a count split by where the patents are: the home part is of the parent's
    metric, the foreign part its international counterpart."""
    out: list[tuple[float, int, int, str | None]] = []
    if "(" not in text:
        return out
    for m in _WHERE_SPLIT.finditer(text):
        a, b = ("a", "b") if m.group("a") else ("a2", "b2")
        home, away = (
            (m.group("wa" if a == "a" else "wa2") or "").lower(),
            m.group("wb" if a == "a" else "wb2").lower(),
        )
        if away not in _FOREIGN or not (a == "a2" or home in _DOMESTIC):
            continue
        parent = count_metric(text[max(0, m.start() - 80) : m.start()], "")
        if parent not in _INTERNATIONAL:
            continue
        out.append((_value(m.group(a)), m.start(a), m.end(a), parent))
        out.append((_value(m.group(b)), m.start(b), m.end(b), _INTERNATIONAL[parent]))
    return out


_INTERNATIONAL = {
    "patent_applications": "international_patent_applications",
    "patents_granted": "international_patents_granted",
}


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


# "as on November 25", "on Dec. 31": the number is a day of the month, never a figure
_MONTH_BEFORE = re.compile(
    r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+$"
)


def day_of_month(before: str) -> bool:
    """Whether the words right before a number are a month's name (the number is a date)."""
    return bool(_MONTH_BEFORE.search(before[-12:]))


# "B came in fifth with 186", "C ranked 12th with 88": a place, then its list's figure
_PLACE_WITH = (
    r"\b(?:ranked|ranks|came in|finished|placed|was|is"
    # "moved into second with 136", "slipping 25 percent to third overall with 101"
    r"|(?:(?:mov|ris|climb|jump|fall|dropp|slipp)(?:ed|ing)|rose|fell|slid)\s+(?:up\s+|down\s+)?"
    r"(?:[\w%-]+\s+){0,3}?(?:to|into))"
    r"\s+(?:the\s+)?(?:No\.\s*\d+|\d+(?:st|nd|rd|th)|\w+)(?:\s+(?:place|overall|spot))?\s+with"
)
PLACED_WITH = re.compile(_PLACE_WITH + r"\s*$", re.I)  # right before the figure
PLACED_WITH_ANY = re.compile(_PLACE_WITH + r"\s*\d", re.I)  # anywhere in a sentence
# every match of PLACED_WITH_ANY ends in "with" and a digit: a sentence without them is
# answered without its scan (~130 us on a 1.5 KB sentence, its alternation tried at every
# word); an ASCII sentence is lowered (as IGNORECASE reads it there) and "with" found as is
_WITH_FIGURE = re.compile(r"with\s*\d")
_WITH_FIGURE_ANY_CASE = re.compile(r"with\s*\d", re.I)


def placed_with_any(text: str) -> bool:
    """``bool(PLACED_WITH_ANY.search(text))``: a place with its figure anywhere in ``text``."""
    if text.isascii():
        if _WITH_FIGURE.search(text.lower()) is None:
            return False
    elif _WITH_FIGURE_ANY_CASE.search(text) is None:
        return False
    return PLACED_WITH_ANY.search(text) is not None


# a count right after "received" ("received 42 patents"; not "members who received patents")
RECEIVED_BEFORE = re.compile(
    r"\b(?:received|receives|receiving|won|was awarded|were awarded)\s+"
    r"(?:a total of\s+|nearly\s+|over\s+|more than\s+|about\s+|some\s+)?$",
    re.I,
)


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
