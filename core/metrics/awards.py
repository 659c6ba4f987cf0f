"""Patent awards and invention-exhibition medals counted anywhere in an article about them.

The labelling conventions count patent awards (China Patent Gold/Silver/Excellence awards)
and medals of invention exhibitions (Geneva, Warsaw …) as ``other``. The count finder reads
them where the sentence itself names the award or the exhibition ("获3项中国专利优秀奖",
"won 17 awards at the International Exhibition of Inventions"). Real reports name the
exhibition once, in the headline or the opening, and then go university by university:

* "香港科技大学共夺得36个奖项" (个 is the measure word of awards, not of patents);
* "包括1个特别大奖、7个评判特别嘉许金奖、8个金奖" (an award's own qualifiers before its noun);
* "获奖总数达到50项(含2金5银)" (the N金M银 shorthand of award news);
* "winning 19 prestigious medals and prizes", "two gold and two silver medals".

So these forms apply in every sentence of an article whose text names a patent award or an
invention exhibition (:func:`award_article`), and in no other article: elsewhere "12个奖项"
or "19 awards" are a competition's or a teacher's, never a patent figure.
"""

from __future__ import annotations

import re

from core.metrics.gates import gate_tables
from core.metrics.numbers import cn_value

# what makes an article one about patent awards or invention exhibitions
_TOPIC = re.compile(
    r"发明展|发明博览会|发明与创新|专利奖|专利金奖|专利银奖|专利优秀奖|发明创新奖"
    r"|exhibitions? of inventions|invention(?:s)? (?:show|exhibition|expo|fair)|patent awards?",
    re.I,
)
# an award's noun: 奖项 itself, or a medal or award class after its qualifiers
_ZH_NOUN = (
    r"(?:奖项|奖励|大奖|金奖|银奖|铜奖|金牌|银牌|铜牌|特别奖|优秀奖|专利奖|嘉许奖"
    r"|奖(?=\s*(?:[，,。；;、)）]|$)))"  # "勇夺最多的45个奖，": 奖 ending its clause
)
_ZH_COUNT = re.compile(
    r"(?<![\d.第])(?P<n>\d{1,4}|(?<![\u4e00-\u9fff])[一两二三四五六七八九十]{1,3}|(?<=[、和及与包括获])[一两二三四五六七八九十]{1,3})"
    r"\s*(?:个|项|枚|面|块)\s*(?![年月日届次所家])"
    rf"[\u4e00-\u9fff“”\"「」]{{0,14}}?{_ZH_NOUN}"
)
# "获得金奖5项、银奖3项": the award's noun before its count
_ZH_NOUN_FIRST = re.compile(
    rf"{_ZH_NOUN}\s*(?:共|有|为)?\s*(?P<n>\d{{1,4}})\s*(?:个|项|枚|面|块)(?![年月日届次所家])"
)
# "B、C各有2项，并列第二", "港大亦有42个", "分别有36个及32个奖项": a count whose noun the
# article's award sentence named, its clause ending at the measure word (a noun after it,
# "3项成果", is another count)
_ZH_ELIDED = re.compile(
    r"(?:有|获|夺得|赢得|获得)\s*(?P<n>\d{1,4})\s*(?:个|项|枚|面)"
    r"(?=\s*(?:[，,。；;、]|$|(?:及|和|与)\s*\d))"
)
# "含2金5银", "获得3金2银1铜": the shorthand of medal tallies
_ZH_SHORT = re.compile(
    r"(?<![\d.第])(?P<n>\d{1,3})\s*(?:金|银|铜)(?=\s*\d|\s*[、，,。；;)）和及]|$)"
)
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip
_EN_NUM = r"(?P<n>\d{1,3}|" + "|".join(_WORDS) + r")"
# "19 prestigious medals and prizes", "four Gold Medals", "two gold and two silver medals"
_EN_COUNT = re.compile(
    rf"(?<![\w$.,-]){_EN_NUM}\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:(?:gold|silver|bronze|platinum|special|grand|merit|excellence)\s+"
    r"(?:(?:and|&)\s+(?:[\w-]+\s+)?(?:gold|silver|bronze)\s+)?)?"
    r"(?:awards?|medals?|prizes?)\b",
    re.I,
)
# the first count of "two gold and two silver medals" shares the noun of the second
_EN_SHARED = re.compile(
    rf"(?<![\w$.,-]){_EN_NUM}\s+(?:gold|silver|bronze|platinum)\s+(?:and|&)\s+"
    r"(?:\d{1,3}|[a-z]+)\s+(?:gold|silver|bronze)\s+(?:awards?|medals?)\b",
    re.I,
)
# a sum of money, a year or an edition is never an award count
_NOT_AFTER = re.compile(r"^\s*(?:%|percent|years?\b|editions?\b|届)", re.I)


def award_article(texts: list[str]) -> bool:
    """Whether an article (its sentences) names a patent award or an invention exhibition."""
    return any(_TOPIC.search(t) for t in texts)


def award_spans(text: str) -> list[tuple[float, int, int, str]]:
    """(value, start, end, ``other``) of each award or medal count of a sentence of an
    article about patent awards or invention exhibitions."""
    out: list[tuple[float, int, int, str]] = []
    for pattern in (_ZH_COUNT, _ZH_NOUN_FIRST, _ZH_ELIDED, _ZH_SHORT, _EN_COUNT, _EN_SHARED):
        for m in pattern.finditer(text):
            if _NOT_AFTER.match(text[m.end("n") :]):
                continue
            raw = m.group("n")
            value = _value(raw)
            if value is None:
                continue
            out.append((value, m.start("n"), m.end(), "other"))
    return out


def _value(raw: str) -> float | None:
    """An award count's value: digits, an English word ("four") or a Chinese numeral (六, 两)."""
    if raw.isdigit():
        return float(raw)
    if raw.lower() in _WORDS:
        return float(_WORDS[raw.lower()])
    return cn_value(raw.replace("两", "二"))


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
