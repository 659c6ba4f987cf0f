"""Figures in a patent sentence that are nobody's institutional figure: a person's patents,
a plan or target, a place in a ranking that is not a patent ranking.

Each is a class seen on real news from publishers outside the development set. The
context step asks these before it gives a figure to an institution.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from core.metrics.entities import find_entities
from core.metrics.gates import gate_tables
from core.metrics.numbers import zh_numeral
from core.metrics.ranktoken import token_at
from core.metrics.where import position

# a plan, aim or target: the figure is one the institution wants, not one it has
_TARGET = re.compile(
    r"\b(?:plans?|planning|aims?|aiming|intends?|expects?|hopes?) to\b|\b(?:target|goal) of\b"
    r"|计划|目标|力争|预计|有望|争取",
    re.I,
)


# A person's (or a named team's) patents are not the institution's (rules §7, person-level
# counts). PERSON_WORDS right before a figure ("教授张明个人…") make it a person's; the
# subject words, anywhere in the figure's clause, unless a university is named after them.
PERSON_WORDS = re.compile(r"个人|老师|教授|讲师|professor|inventor's|lecturer", re.I)
_PERSON_SUBJECT = re.compile(
    r"\b(?:Professor|Prof\.|Dr\.|inventor|researcher|scientist|who|he|she|his|her)\b"
    r"|教授|研究员|院士|老师|博士|团队|课题组|个人|讲师",
    re.I,
)

_NON_PATENT_RANK = re.compile(
    r"\b(?:[Dd]isciplines?|[Ss]ubjects?|[Tt]eams?|[Ll]eagues?|[Tt]ournaments?|[Cc]hampionships?"
    r"|ESI|QS)\b|学科|球队|联赛|比赛|竞赛"
)
_PATENT_CUE = re.compile(r"patent|\bPCT\b|licens|专利|發明|发明|转让|转化|许可|技转", re.I)


def non_patent_rank(rec: dict[str, Any]) -> bool:
    sentence = rec["evidence"]
    return (
        rec["metric"] == "rank"
        and bool(_NON_PATENT_RANK.search(sentence))
        and not _PATENT_CUE.search(sentence)
    )


def a_persons_figure(clause: str) -> bool:
    found = list(_PERSON_SUBJECT.finditer(clause))
    if not found:
        return False
    after = clause[found[-1].end() :]
    return not any(e.university for e in find_entities(after))


def a_target(clause: str, sentence: str | None = None) -> bool:
    """ "plans to file 300 applications by 2030", "力争…达到500件": not a figure yet ("achieved
    its goal of filing one patent a day by putting out 378" is one: the goal is met, which
    the sentence may say before the clause read)."""
    sentence = sentence or clause
    at = max(sentence.find(clause), 0)
    met = _met_spans(sentence)
    # a target word inside a met goal ("achieved its goal of") is no target; another one is
    return any(not any(a <= at + t.start() < b for a, b in met) for t in _TARGET.finditer(clause))


_MET = re.compile(
    r"\b(?:achieved|met|reached|surpassed|exceeded|hit|beat)\s+(?:its|their|the|a|this)\s+"
    r"(?:\w+\s+)?(?:goal|target)|(?:实现|达成|完成|超额完成)了?[^，。；]{0,6}目标",
    re.I,
)


@lru_cache(maxsize=2048)
def _met_spans(sentence: str) -> tuple[tuple[int, int], ...]:
    """The spans of a sentence's met goals (cached: asked once for each of its figures)."""
    return tuple(m.span() for m in _MET.finditer(sentence))


# a count whose measure word is followed by what it counts, when that is no patent: "三项因素"
# (factors), "两项新的资助计划" (funding schemes), "立项…项目50余项" is the projects'
_OTHER_NOUN = (
    r"\s*(?:个|项|件)\s*(?:新的?|的|重大|重点)?"
    r"(?:因素|计划|项目|基金|措施|举措|指标|条件|任务|活动|课题|标准|政策|目标|原则|要求|内容|方面"
    r"|比赛|竞赛|会议|论文|著作|专著|教材|课程|平台|资助|荣誉|称号)"
)
_ZH_DIGITS = "〇零一二两三四五六七八九十百千"


# "355 Purdue students filed patents", "48 faculty members who received patents": the number
# counts people (or companies), not patents
_PEOPLE_AFTER = re.compile(
    r"\s+(?:[A-Z][\w&.-]*\s+){0,2}(?:students?|faculty|professors?|inventors?|researchers?"
    r"|scientists?|staff|employees|people|members|teams?|start-?ups?|companies|spin-?offs?)\b"
)


_OTHER_NOUN_AT = re.compile(_OTHER_NOUN)  # it opens with \s*: matched at an end as after a slice
_NOT_BEFORE = frozenset(_ZH_DIGITS + ".")
_NOT_AFTER = frozenset(_ZH_DIGITS)


def written_ends(sentence: str, form: str) -> list[int]:
    """Where each place ``form`` is written as a number of its own ends: no digit, Chinese
    numeral or "." before it, no digit or numeral after; the matches of
    ``(?<![\\d〇…千.])form(?![\\d〇…千])`` (``\\d`` is ``str.isdecimal``). A pattern compiled
    per value cost ~0.5 ms an article: the re module's cache of 512 overflowed. The form's
    characters are all digits or numerals, so two such places never overlap."""
    out = []
    i = sentence.find(form)
    while i >= 0:
        end = i + len(form)
        before = sentence[i - 1] if i else ""
        after = sentence[end] if end < len(sentence) else ""
        if not (before and (before.isdecimal() or before in _NOT_BEFORE)) and not (
            after and (after.isdecimal() or after in _NOT_AFTER)
        ):
            out.append(end)
        i = sentence.find(form, i + 1)
    return out


def counts_another_noun(sentence: str, value: float, unit: str | None = None) -> bool:
    """Whether the count ``value`` is written in ``sentence`` only as a count of a noun that
    is no patent ("三项因素", "两项新的资助计划"); never a sum or a share (``unit``)."""
    if (
        unit in ("percent", "CNY", "USD", "HKD", "TWD")
        or value != int(value)
        or not 0 < value < 10000
    ):
        return False
    v = int(value)
    forms = [str(v)] + ([zh_numeral(v)] if v < 100 else []) + (["两"] if v == 2 else [])
    written = [end for form in forms for end in written_ends(sentence, form)]
    return bool(written) and all(
        _OTHER_NOUN_AT.match(sentence, end) or _PEOPLE_AFTER.match(sentence, end) for end in written
    )


# "重庆市整体以604件位居全国第五": a province's or a city's figure as a whole, in the clause
# after a university's ("北方职业学院共获…162件，位居全国第一，…")
_PLACE_WHOLE = re.compile(
    r"(?:^|[，,；;。])\s*[\u4e00-\u9fff]{2,8}(?:省|市|自治区|地区)(?:整体|总体|全省|全市|全区|合计|共计)"
)


def a_places_whole(rec: dict[str, Any]) -> bool:
    """The figure's own comma clause opens with a province or a city as a whole."""
    sentence = rec["evidence"]
    if "省" not in sentence and "市" not in sentence and "区" not in sentence:
        return False
    at = (
        token_at(sentence, rec["value"], rec["unit"] == "rank_top_n")
        if rec["metric"] == "rank"
        else position(sentence, rec["value"])
    )
    if at is None:
        return False
    last = max((m.end() for m in _PLACE_WHOLE.finditer(sentence, 0, at)), default=-1)
    return last >= 0 and not re.search(r"[，,；;。]", sentence[last:at])


# "the special initiative '100 patents in 100 days'", “百项专利进企业”: a figure inside a
# quoted name (a campaign's, a title's) is the name's, no count
_OPEN_QUOTE, _CLOSE_QUOTE = "'‘\"“「", "'’\"”」"


def in_quoted_name(rec: dict[str, Any]) -> bool:
    """The figure stands inside quotation marks opened and closed within a few words."""
    sentence = rec["evidence"]
    if not any(q in sentence for q in _OPEN_QUOTE):
        return False
    at = position(sentence, rec["value"]) if rec["metric"] != "rank" else None
    if at is None:
        return False
    before, after = sentence[max(0, at - 30) : at], sentence[at : at + 40]
    opened = max(before.rfind(q) for q in _OPEN_QUOTE)
    if opened < 0 or any(q in before[opened + 1 :] for q in _CLOSE_QUOTE if q not in "'\""):
        return False
    return any(q in after[1:] for q in _CLOSE_QUOTE) and not re.match(
        r"\w", before[opened - 1 : opened] or " "
    )


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
