"""Figures of applicants that are not universities: companies, countries and offices.

Patent news ranks companies and countries in the same tables and sentences as universities
(WIPO's PCT reports, CNIPA's and TIPO's lists). The rules never label their figures. Two
things go wrong without this module: a company or country the alias table does not know is
no entity at all, so its figure falls back to the article's own university; and a figure
in a sentence about companies ("从企业排名来看…", "among corporate applicants …") that names
no one takes the article's university too. The names are data (core/declared/applicants.toml);
the checks below apply only to figures whose institution is a *fallback* (the article's own
university, or the previous sentence's subject), never to a university named beside its
figure.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Any

import pycountry

from core.metrics.gates import gate_tables
from core.metrics.numbers import ORDINAL_WORDS, zh_numeral
from core.metrics.where import position
from core.resources import data_file

APPLICANTS_FILE = data_file("applicants.toml")


@cache
def _data() -> dict[str, Any]:
    with APPLICANTS_FILE.open("rb") as fh:
        return tomllib.load(fh)


@cache
def country_names() -> tuple[str, ...]:
    """English (ISO, via pycountry, plus common forms) and Chinese names of the countries that
    lead the PCT filing tables."""
    data = _data()
    english: list[str] = []
    for code in data["countries"]:
        country = pycountry.countries.get(alpha_2=code)
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value and value not in english:
                english.append(value)  # "Korea, Republic of" is a table form, not prose
    return (*english, *data["countries_en"], *data["countries_zh"])


@cache
def company_names() -> tuple[str, ...]:
    """Every name of every listed company, then the patent offices."""
    data = _data()
    return (*(n for row in data["company"] for n in row["names"]), *data["offices"])


# A sentence about companies: the figure's owner is a company even when no name is known.
_COMPANY_WORDS = re.compile(
    r"企业|公司|厂商|厂家|民营|\b(?:compan(?:y|ies)|firms?|corporat(?:e|ions?)|enterprises?"
    r"|business(?:es)?|industry applicants|manufacturers?)\b",
    re.I,
)
# ... unless the words between it and the figure turn to universities again
_ACADEMIC_WORDS = re.compile(
    r"高校|大学|学院|院校|大专|学校|科研院所|研究院|研究所|universit|college|academ|institut|school",
    re.I,
)
# a clause that opens on a name with 以 just before the figure: "X以466件…排名第二"
_YI_SUBJECT = re.compile(
    r"(?:^|[，,；;。、:：])\s*([\u4e00-\u9fff]{2,6}?)(?:则|也|更|亦|还)?以\s*(?:约|近|超过|逾)?"
    r"[\d一二三四五六七八九十两][^，,；;。]*$"
)
# a name right before a bracket that holds the figure: "腾讯(第", "某某科技（"
_BRACKET_NAME = re.compile(r"([\u4e00-\u9fff]{2,8})[(（][^()（）]{0,5}$")
# what may open a clause without being a name: function words, times, self-references
_NOT_A_NAME = re.compile(
    r"^(?:在|于|并|还|也|又|均|共|其|该|我|本|学|全|各|另|此|这|那|最|总|累|近|去|今|前|后|同|而|且"
    r"|分别|目前|截至|截止|当年|以来|合计|总计|共计|申请|授权|专利|发明)"
)
# a country that opens the sentence or a clause: "德国和韩国分别排名…", "相比之下,美国的…"
_CLAUSE_LEAD = re.compile(
    r"(?:^|[，,；;。:：])\s*(?:而|但|相比之下|同时|此外|另外|其中|其次|and|while|meanwhile|whereas"
    r"|by contrast|in contrast)?\s*[,，]?\s*(?:(?:到|至|在|于|in|by)?\s*\d{4}\s*年?\s*[,，]?\s*)?$",
    re.I,
)


_DEAL_METRICS = ("contract_amount", "patents_transferred")


def not_the_owners(rec: dict[str, Any], entities: list[Any]) -> bool:
    """Whether a figure the finders gave to ``rec['institution']`` only as a fallback (no
    university or self-reference is named in its sentence before it, ``entities`` being the
    sentence's organisation mentions) belongs to a company or a country instead."""
    sentence = rec["evidence"]
    at = _written_at(sentence, rec["value"])
    if at is None:
        return False  # where the figure is written is unknown: nothing to judge by
    if any((e.university or e.name is None) and e.start < at for e in entities):
        return False
    if any(e.university and e.name == rec["institution"] for e in entities):
        return False  # "全球第二的浙江大学": the university named after its rank
    if rec["metric"] in _DEAL_METRICS:
        return False  # a deal's company is the buyer or licensee: the money is the university's
    before_it = [e for e in entities if e.start < at]
    if before_it and before_it[-1].name not in country_names():
        return True  # "鸿海精密…排名…第9名": the nearest name before the figure is a company's
    if _country_subject(sentence, at):
        return True  # "德国和韩国分别排名第四和第五", "相比之下,美国的专利申请…达到56142件"
    before = sentence[:at]
    words = list(_COMPANY_WORDS.finditer(before))
    if words and not _ACADEMIC_WORDS.search(before, words[-1].end()):
        return True  # "从企业排名来看,…5405件", "among corporate applicants, … with 1,300"
    named = _BRACKET_NAME.search(before) or _YI_SUBJECT.search(before)
    return named is not None and not _NOT_A_NAME.match(named.group(1))


# "…is the leading university on the list, followed by Tata Consultancy Services (TCS) with 239
# patent applications, CSIR with 202 …": the figures after it are the names' that follow
_FOLLOWED = re.compile(r"\b(?:followed by|trailed by|ahead of)\s+(?:the\s+)?[A-Z]")


def followed_by_another(rec: dict[str, Any], entities: list[Any]) -> bool:
    """Whether ``rec``'s figure is written after a "followed by <Name>" that comes after the
    last mention of ``rec``'s institution: a figure of the names that follow, not its own."""
    if rec["metric"] == "rank" or not rec.get("institution"):
        return False
    sentence = rec["evidence"]
    at = _written_at(sentence, rec["value"])
    if at is None:
        return False
    follows = [m.end() for m in _FOLLOWED.finditer(sentence, 0, at)]
    if not follows:
        return False
    own = [e.end for e in entities if e.name == rec["institution"] and e.end <= at]
    return not own or max(own) < follows[-1]


# "557 patents were filed by 27 Indian Institute of Technology (IITs) collectively": a group's
# total told after its figure (the context step reads a group named before one)
_COLLECTIVELY = re.compile(
    r"(?:(?!\band\b)[^.;,，。；]){0,80}?\b(?:collectively|between them)\b", re.I
)


def group_total(rec: dict[str, Any]) -> bool:
    """Whether ``rec``'s figure is a group's total, said so in its own clause after it."""
    at = _written_at(rec["evidence"], rec["value"])
    return at is not None and bool(_COLLECTIVELY.match(rec["evidence"], at))


def _written_at(sentence: str, value: float) -> int | None:
    """Where ``value`` is written: its digits, else (a place) its Chinese numeral after 第
    or its English ordinal word."""
    at = position(sentence, value)
    if at is not None or value != int(value) or not 0 < value < 100:
        return at
    n = int(value)
    found = sentence.find("第" + zh_numeral(n))
    if found >= 0:
        return found
    word = next((w for w, v in ORDINAL_WORDS.items() if v == n), None)
    m = re.search(rf"\b{word}\b", sentence, re.I) if word else None
    return m.start() if m else None


@cache
def _country_re() -> re.Pattern[str]:
    names = sorted(country_names(), key=len, reverse=True)
    latin = "|".join(re.escape(n) for n in names if n.isascii())
    cjk = "|".join(re.escape(n) for n in names if not n.isascii())
    return re.compile(rf"(?<![\w.])(?:{latin})(?![\w])|(?:{cjk})(?!高校|大学|科学院|科技大学)")


def _country_subject(sentence: str, end: int) -> bool:
    """A country opens a clause before the figure, as its subject (not "美国专利", where the
    country says where the patents are, nor "in China", nor "中国高校")."""
    for m in _country_re().finditer(sentence, 0, end):
        after = sentence[m.end() : m.end() + 6].lstrip()
        if re.match(r"(?:专利|实用|发明|授权|patent|utility|invention)", after, re.I):
            continue
        if _CLAUSE_LEAD.search(sentence[: m.start()]):
            return True
    return False


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
