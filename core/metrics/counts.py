"""The count finder: "N <patent noun>" and "N件/项…专利" wherever they stand in a sentence.

The sentence engine reads counts through their verbs; this finder reads them through
their nouns, so "ASU secured 160 U.S. patents", "the school had 114 patents",
"获105项专利", "以88项美国专利" and "共有37813件专利申请" are found whatever the verb.
A count is the institution's named before it in its clause (else after it in the
sentence, else the article's own); it is dropped when the clause makes it a change,
a share, a person's or a country's figure. Which metric it is comes from the
vocabulary table (:mod:`core.metrics.vocab`) applied to the words around it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from core.metrics.carry import elided_zh
from core.metrics.compared import COMPARED_AFTER, PREVIOUS_BEFORE, compared_span
from core.metrics.count_forms import extra_forms, rate_forms
from core.metrics.count_years import _year, _year_near
from core.metrics.count_zh import _PATENT_ZH, zh_candidates
from core.metrics.entities import (
    DEAL_PARTNER,
    Entity,
    find_entities,
    owners,
    without_counterparts,
)
from core.metrics.gates import gate_tables
from core.metrics.noun_pairs import noun_pairs
from core.metrics.numbers import as_number
from core.metrics.periods import _period
from core.metrics.sentences import Sentence
from core.metrics.vocab import count_metric

_EN_NOUN = (
    r"(?:[A-Z][\w.-]*['’]s\s+)?"  # "1,107 SCUT's invention patents"
    r"(?:(?:new|granted|issued|utility|U\.S\.|US|American|domestic|overseas|foreign|international"
    r"|invention|valid|active|pending|registered|provisional|non-provisional|nonprovisional"
    r"|patent|Chinese|total|more|such|technology|tech|exclusive|non-exclusive|nonexclusive"
    r"|commercial)\s+){0,3}"
    r"(?P<noun>patents?|patent applications?|applications?|licen[cs]es|filings"
    r"|(?:licen[cs]e|licensing)(?: and option)? (?:agreements|deals|contracts)"
    r"|(?:agreements|deals|contracts) to licen[cs]e|(?:patent|technology|tech)[ -]transfers|disclosures"
    r"|(?:(?:China|MOE|[A-Z]{2,})\s+)?Patent\s+(?:[A-Z]\w+\s+)?Awards?"
    r"|(?:new )?(?:inventions|technologies|innovations)(?= (?:were |as )?(?:disclosed|reported))"
    r"|invention disclosures"
    r"|invention reports)\b(?!-)"
)
_EN = re.compile(
    rf"(?<![\w.$#-])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d.,]\d)(?:\s+|-)(?!percent){_EN_NOUN}",
    re.I,
)
_NOT_A_COUNT = re.compile(
    r"professor|inventor|faculty member|lecturer|个人|老师|教授|发明人|"
    r"company|companies|企业|公司|\bnational\b|nationwide|全国共|我国|全国高校共|all applicants|"
    r"universities (?:together|combined)|\bcollectively\b|responding|respondents|上榜|入围|所高校|所大学",
    re.I,
)
# "ranks No. 9 among universities nationwide with 1,109 …": a rank's scope, not the owner
_SCOPE_PHRASE = re.compile(
    r"\bamong (?:all )?(?:the )?(?:[\w-]+ ){0,3}(?:universities|institutions|schools|applicants)"
    r"(?: (?:nationwide|worldwide|in (?:the )?(?:nation|world|country|China)))?",
    re.I,
)
_CHANGE_AFTER = re.compile(r"^\s*(?:%|percent|个百分点|more|fewer|additional|倍)", re.I)
# list sizes, ranges and non-patent things counted with 项 ("前100", "2000-3000件", "两项数据")
_BEFORE_NOT = re.compile(r"(?:top|Top|TOP|前|第|百|No\.?)\s*$|\d\s*[-–~至到]\s*$")
_AFTER_NOT = re.compile(
    r"^\s*[-–~至到]\s*\d|^(?:件|项)?\s*(?:数据|指标|措施|工作|活动|政策|项目|课题|计划|标准|任务)"
)
_STOP = re.compile(r"[;；。]")
_EACH_AFTER = re.compile(r"\s*(?:each|apiece)\b", re.I)
# a sentence whose subject is all universities or colleges of a country or region: its
# figures (and their parts) are a group's, not the previous sentence's subject's
_GROUP_SUBJECT = re.compile(
    r"(?:全国|全省|全市|全国各地|各地)[^，,。；;]{0,4}?(?:高校|院校|大学|高职院校|本科院校)"
)
# counts split by field or faculty are `other` (Conventions: Breakdowns); a faculty's
# inventors are not a person-level count
_BREAKDOWN = re.compile(
    r"\b(?:sector|field of|fields? of|areas? of|faculty|college of|school of|department)\b"
    r"|领域|方面|制造业|[\u4e00-\u9fff]{2}(?<![各此该这那等两三四五六多])类(?:专利)?(?:有|为|达|占)?\s*\d",
    re.I,
)
# "2,020 applications were granted": the verb after the noun decides
_VERB_AFTER = re.compile(
    r"\s*(?:were|was|have been|had been|got)\s+(?:granted|issued|approved)"
    # "368 new inventions were reported": disclosures, whatever office the sentence names
    r"|(?:(?<=inventions)|(?<=technologies)|(?<=innovations))\s+(?:were\s+|as\s+)?"
    r"(?:disclosed|reported)\b"
    r"|\s*(?:已|已经)?(?:获|获得|被|得到)?(?:授权|批准)(?!协议|使用|许可)",
    re.I,
)  # "当中844项已获授权": granted, whatever the parent clause counted
_LAST_YEAR = re.compile(r"last year|previous year|prior year|去年|上一年|上年", re.I)
_SPLIT = re.compile(r"[;；，,。]|\band\b|、|while|whereas")


def find_counts(
    s: Sentence, default: str | None, article_default: str, after_patents: bool = False
) -> list[dict[str, Any]]:
    """Patent counts of one sentence, as metric dicts before the context step
    (``after_patents``: the sentence before, in its paragraph, speaks of patents)."""
    out: list[dict[str, Any]] = []
    text = s.text
    ents: list[Entity] | None = None
    if _FROM_TO.search(text):
        ents = find_entities(text)
        m0 = _FROM_TO.search(text)
        owner = _owner(ents, text, m0.start() if m0 else 0, default)
        return from_to(s, owner, count_metric(text, article_default))
    paired = _paired_spans(text)
    out += _compared_pair(s, ents, default, article_default)
    out += _noun_pairs(s, default)
    out += _rates(s, default)
    for value, start, end, hint in _candidates(text, after_patents):
        if any(a <= start < b for a, b in paired):
            continue  # 分别/respectively figures are paired by the list finder
        clause = _clause(text, start, end)
        # "granted to NTHU faculty members": the university's own people together
        breakdown = bool(_BREAKDOWN.search(_OWN_INVENTORS.sub("", clause)))
        not_ours = _NOT_A_COUNT.search(_ours_only(clause))
        if (not_ours and not breakdown) or _CHANGE_AFTER.match(text[end:]):
            continue
        if _EACH_AFTER.match(text, end):
            continue  # "three institutes registered at least 100 patents each": a threshold
        if _BEFORE_NOT.search(text[max(0, start - 6) : start]) or _AFTER_NOT.match(text[end:]):
            continue
        if ents is None:
            ents = owners(text, find_entities(text))
        owner = _owner(ents, text, start, default)
        if owner is None or (owner == "" and _GROUP_SUBJECT.search(text, 0, start)):
            continue  # nobody's, or all colleges' ("全国高职院校累计申请专利…，其中发明专利…")
        metric = "other" if breakdown else hint or _metric(text, start, end, clause)
        if not breakdown and not hint and _elided(text, start, end):
            # the noun left out is the one of the clause before that names it
            metric = _earlier_noun(text, start)
            if not metric:
                continue
        rec = _record(owner, metric or article_default, value, s)
        rec["year"] = _year_near(text, start, end, clause)
        if rec["year"] is None and (_own_last_year(clause) or _own_last_year(text[:start])):
            rec["period"] = "last year"  # the context step dates it
        out.append(rec)
        out += _compared(text, end, rec)
    return out


def _noun_pairs(s: Sentence, default: str | None) -> list[dict[str, Any]]:
    """One owner's figures given "respectively" after their nouns (:mod:`core.metrics.noun_pairs`)."""
    out = []
    for value, start, end, metric in noun_pairs(s.text):
        owner = _owner(owners(s.text, find_entities(s.text)), s.text, start, default)
        if owner is None:
            continue
        rec = _record(owner, metric, value, s)
        rec["year"] = _year_near(s.text, start, end, _clause(s.text, start, end))
        out.append(rec)
    return out


def _elided(text: str, start: int, end: int) -> bool:
    """A Chinese count whose clause names no patent noun, after 以/为 ("B以441件位居第32位")."""
    clause = _clause(text, start, end)
    return not _PATENT_ZH.search(clause) and elided_zh(text[max(0, start - 6) : start])


def _earlier_noun(text: str, start: int) -> str:
    """The metric of the nearest clause before ``start`` that names a patent noun."""
    clauses = _SPLIT.split(text[:start])[:-1]
    named = [c for c in clauses if _PATENT_ZH.search(c)]
    return count_metric(named[-1], "") if named else ""


# "Elm University inventors were granted 88 patents", "its inventors": the institution's
# inventors together are the institution (one person's patents stay a person's)
_OWN_INVENTORS = re.compile(
    r"(?:\b(?:University|Institute|College|Tech|UW|[A-Z]{2,6})(?:['’]s)?|\b(?:its|our|their|faculty"
    r"|campus|university(?:['’]s)?))\s+(?:inventors|faculty(?: members)?|researchers)\b"
)


def _ours_only(clause: str) -> str:
    """The clause without what names others only in passing: a rank's scope, the company a
    transfer goes to, the university's own affiliated companies."""
    clause = DEAL_PARTNER.sub("", _SCOPE_PHRASE.sub("", _OWN_INVENTORS.sub("", clause)))
    return (
        without_counterparts(clause) if "公司" in clause or "compan" in clause.lower() else clause
    )


def _rates(s: Sentence, default: str | None) -> list[dict[str, Any]]:
    """Patent rates, ``other`` in percent, the owner's as for any count."""
    out = []
    for value, start, _end in rate_forms(s.text):
        owner = _owner(owners(s.text, find_entities(s.text)), s.text, start, default)
        if owner is None:
            continue
        rec = _record(owner, "other", value, s)
        rec["unit"] = "percent"
        rec["year"] = _year_near(s.text, start, _end, _clause(s.text, start, _end))
        out.append(rec)
    return out


def _metric(text: str, start: int, end: int, clause: str) -> str:
    """The noun phrase itself ("160 U.S. patents", "国际发明专利3件"), then its clause, then
    the sentence ("…有效发明专利…: 有近1200件"); "" leaves it to the article."""
    # a Chinese noun before its figure, within the figure's own clause ("美国专利12件；转让专利
    # 45项": 45 is a transfer count, not a U.S. patent count)
    lead = max(max(0, start - 12), *(text.rfind(c, 0, start) + 1 for c in "，,；;。"))
    # (an English count with the verb right before it: "filed 26 patents and received 93
    # disclosures" files patents, whatever else the clause counts)
    own = text[lead:end] if text[end - 1] in "件项次宗" else text[_verb_before(text, start) : end]
    verb_after = _VERB_AFTER.match(text, end)
    own += verb_after.group(0) if verb_after else ""
    part = _PART_OF.search(text[max(0, start - 40) : start])
    if part and "发明" in own and not re.search(r"授权|申请", own):
        # "授权专利1520件，其中发明专利680件": a part takes its parent's verb
        own += "授权" if "授权" in part.group(1) else "申请" if "申请" in part.group(1) else ""
    # the words before the figure before those after it ("…申请百大中，A以134件持续领先；…
    # 研发成果转化的实力": the transfer words describe something else)
    found = count_metric(own, "") or count_metric(clause, "")
    if found:
        return found
    item = _later_item(text, start)
    if item is not None:
        # "recorded 148 agreements to license technology …; 132 patents, …": items a
        # semicolon parts share the predicate before the first, not each other's nouns
        return count_metric(text[:item], "")
    return count_metric(text[:end], "") or count_metric(text, "")


_FIRST_FIGURE = re.compile(r"(?<![\w.])\$?\d")


def _later_item(text: str, start: int) -> int | None:
    """Where the shared predicate of a semicolon list ends (its first figure), when the count
    at ``start`` is an item after the first; None otherwise."""
    semi = max(text.rfind(";", 0, start), text.rfind("；", 0, start))
    if semi < 0:
        return None
    first = _FIRST_FIGURE.search(text, 0, semi)
    return first.start() if first else None


def _verb_before(text: str, start: int) -> int:
    """Where the verb right before an English count starts ("filed 26 patents"), else the count."""
    m = _VERB_BEFORE.search(text, max(0, start - 24), start)
    return m.start() if m else start


_VERB_BEFORE = re.compile(
    r"\b(?:filed|issued|granted|received|licensed|transferred|disclosed|submitted|secured)"
    r"\s+(?:a total of\s+|more than\s+|over\s+|about\s+|nearly\s+|some\s+|a record\s+)?$",
    re.I,
)


def _own_last_year(clause: str) -> bool:
    """ "Last year" said of the clause's own figure, not of one it is compared with
    ("104 filings compared with 83 last year")."""
    return any(
        not compared_span(clause[max(0, m.start() - 40) : m.start()])
        for m in _LAST_YEAR.finditer(clause)
    )


_PART_OF = re.compile(r"([^，,；;。]*)[，,]\s*其中[^，,；;。]*$")


def _paired_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"分别|分居|依次|依序", text):
        nxt = re.compile(r"[,，;；。]").search(text, m.end())
        spans.append((m.start(), nxt.start() if nxt else len(text)))
    for m in re.finditer(r"respectively", text):
        prev = max((x.end() for x in _STOP.finditer(text, 0, m.start())), default=0)
        spans.append((prev, m.end()))
    return spans


_ADVERB = r"(?:(?:only|just|about|around|some|nearly|over|more than)\s+)?"
_FROM_TO = re.compile(
    # ("Rising from just 84 applications in 2015, the number grew to 145 in 2023")
    rf"from\s+{_ADVERB}(\d[\d,]*)\s+(?:\w+\s+)?in\s+((?:19|20)\d\d)(?:,?\s+(?:the )?(?:number|total|figure)"
    rf"\s+(?:grew|rose|climbed|increased|jumped))?\s+to\s+{_ADVERB}(\d[\d,]*)\s+in\s+"
    r"((?:19|20)\d\d)(?:,?\s+and\s+(\d[\d,]*)\s+(?:in\s+((?:19|20)\d\d)(?!\d)"
    # "… and 109 till Nov 2024": a part of a year, dated by the period step
    r"|(?=(?:till|until|through)\s+[A-Z][a-z]{2,8}\.?\s+(?:19|20)\d\d)))?",
    re.I,
)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_WORDS |= {"nine": 9, "ten": 10}


def from_to(s: Sentence, owner: str | None, metric: str) -> list[dict[str, Any]]:
    """ "grew from 132 in 2007 to 1,107 in 2016": two stocks, each with its year."""
    out = []
    for m in _FROM_TO.finditer(s.text):
        # "…to 198 in 2023 and 187 in 2024 so far": a third figure, of its own year
        pairs = [(m.group(1), m.group(2)), (m.group(3), m.group(4)), (m.group(5), m.group(6))]
        for v, y in (p for p in pairs if p[0]):
            rec = _record(owner or "", metric, float(v.replace(",", "")), s)
            rec["year"] = int(y) if y else None
            out.append(rec)
    return out


def _compared(text: str, end: int, rec: dict[str, Any]) -> list[dict[str, Any]]:
    """ "42 utility patents, compared to 39 in 2016": the figure it is compared with, dated
    (the year before this figure's when the text says "the previous year"/上年)."""
    m = COMPARED_AFTER.match(text[end:])
    if not m:
        return []
    raw = m.group("n") or m.group("zn")
    value = int(raw.replace(",", ""))
    if m.group("y"):
        return [{**rec, "value": value, "year": int(m.group("y")), "period": None}]
    if m.group("bare") is not None:
        # "…compared with 83 last year; 96 disclosures compared with 71": the same comparison
        if not PREVIOUS_BEFORE.search(text[:end]):
            return []
        return [{**rec, "value": value, "year": None, "period": "previous year"}]
    # "the previous year": the figure's own time, moved one period back by the time step
    # (core.metrics.previous), which sees every finder's figures
    return [{**rec, "value": value}]


# "N were filed …, and M were issued, compared to A and B, respectively, in 2011": the two
# earlier figures of the two clauses before, in order
_PAIR = re.compile(
    r"\bcompared (?:to|with)\s+(?P<a>\d[\d,]*|[a-z]+)\s+and\s+(?P<b>\d[\d,]*|[a-z]+),?"
    r"\s+respectively\b(?:,?\s+in\s+(?P<y>(?:19|20)\d\d)\b)?",
    re.I,
)
_HAS_NUMBER = re.compile(r"\d|\b(?:" + "|".join(_WORDS) + r"|[a-z]+ty(?:-[a-z]+)?)\b", re.I)


def _compared_pair(
    s: Sentence, ents: list[Entity] | None, default: str | None, article_default: str
) -> list[dict[str, Any]]:
    m = _PAIR.search(s.text)
    if not m:
        return []
    values = [_word_or_digits(m.group("a")), _word_or_digits(m.group("b"))]
    clauses = [c for c in _SPLIT.split(s.text[: m.start()]) if _HAS_NUMBER.search(c)][-2:]
    if None in values or len(clauses) != 2:
        return []
    ents = owners(s.text, find_entities(s.text)) if ents is None else ents
    owner = _owner(ents, s.text, m.start(), default)
    if owner is None:
        return []
    period, *_ = _period(s.text)
    out = []
    for value, clause in zip(values, clauses, strict=True):
        rec = _record(owner, count_metric(clause, "") or article_default, float(value or 0), s)
        year = int(m.group("y")) if m.group("y") else None
        rec["year"] = year
        rec["period"] = None
        if year and period and period.startswith("fiscal"):
            rec["year"], rec["period"] = None, f"fiscal year {year}"
        elif not year:
            rec["period"] = "previous year"
        out.append(rec)
    return out


def _word_or_digits(raw: str) -> float | None:
    if raw[0].isdigit():
        return float(raw.replace(",", ""))
    return float(_WORDS[raw.lower()]) if raw.lower() in _WORDS else None


_VOLUME_OF = re.compile(
    r"\b(?:(?:PCT|patent) )?(?:application|filing) (?:volume|count|total)s? of\s+(\d{1,3}(?:,\d{3})+|\d+)\b"
    r"(?![\d.,]\d|\s*%)",
    re.I,
)


@lru_cache(maxsize=4096)  # pure; the dense passes ask it again for one sentence
def _candidates(
    text: str, after_patents: bool = False
) -> tuple[tuple[float, int, int, str | None], ...]:
    """(value, start, end, metric if the form names it) of each count in ``text``."""
    plain = _plain_candidates(text, after_patents)
    taken = {start for _v, start, _e in plain}
    forms = [f for f in extra_forms(text) if f[1] not in taken]
    return tuple(forms + [(v, a, b, None) for v, a, b in plain if a not in {f[1] for f in forms}])


def _plain_candidates(text: str, after_patents: bool = False) -> list[tuple[float, int, int]]:
    found: list[tuple[float, int, int]] = []
    for m in _VOLUME_OF.finditer(text):  # "an application volume of 250": the noun first
        found.append((float(m.group(1).replace(",", "")), m.start(1), m.end()))
    for m in _EN.finditer(text):
        value = float(m.group("num").replace(",", ""))
        if not _is_year(value, m.group("num")):
            found.append((value, m.start("num"), m.end()))
    found += zh_candidates(text, bool(found), after_patents)
    return found


def _is_year(value: float, raw: str) -> bool:
    return "," not in raw and 1980 <= value <= 2035


@lru_cache(maxsize=2048)  # pure; asked again of one figure by the count checks
def _clause(text: str, start: int, end: int) -> str:
    a = max((m.end() for m in _SPLIT.finditer(text, 0, start)), default=0)
    nxt = _SPLIT.search(text, end)
    return text[a : nxt.start() if nxt else len(text)]


def _owner(ents: list[Entity], text: str, pos: int, default: str | None) -> str | None:
    """The university named last before ``pos``; a company or country there means nobody's
    (``None``); "" when the sentence names nobody and the article has no institution (the
    context step may find the subject in the sentence before)."""
    before = [e for e in ents if e.end <= pos and (e.university or not _where_granted(text, e))]
    if before:
        e = before[-1]
        if not e.university:
            return None
        if e.name is None and default is None:
            # "港大的年报显示，该校…": with no article institution, "the school" is the
            # university the sentence named before it
            named = [b for b in before if b.university and b.name]
            return named[-1].name if named else ""
        return e.name or default or ""
    # "获得278项专利的美国麻省理工学院": the owner right after, in the same clause
    after = [e for e in ents if e.start >= pos and e.university]
    if after and after[0].name and not re.search(r"[,，;；。、]", text[pos : after[0].start]):
        gap = text[pos : after[0].start]
        # "the 61 U.S. patents granted to X", "120 applications filed by X": the verb names it
        if len(gap) <= 20 or (len(gap) <= 50 and _TO_OWNER.search(gap)):
            return after[0].name
    return default or ""


_TO_OWNER = re.compile(
    r"\b(?:granted|issued|awarded|assigned|licen[cs]ed|filed|held|owned|obtained|received)"
    r"\s+(?:to|by)\s+(?:the\s+)?$",
    re.I,
)


# "获美国核准专利", "于台湾、日本获得专利": countries where the patents were granted, not owners
_WHERE_GRANTED = re.compile(
    r"(?:、[^，,。；、]{1,6}?)*(?:等[^，,。；]{0,4}?)?\s*(?:的)?\s*"
    r"(?:核准|获准|获证|获得|取得|获授予|获)(?:的)?\s*(?:发明)?专利"
)


def _where_granted(text: str, e: Entity) -> bool:
    return bool(_WHERE_GRANTED.match(text, e.end))


def _record(owner: str, metric: str, value: float, s: Sentence) -> dict[str, Any]:
    return {
        "institution": owner,
        "metric": metric,
        "value": as_number(value),
        "unit": "count",
        "year": _year(s.text),
        "period": None,
        "scope": None,
        "basis": None,
        "qualifier": None,
        "currency": None,
        "evidence": s.text,
        "start": s.start,
        "end": s.end,
    }


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
