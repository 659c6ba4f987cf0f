"""A rank's scope as written at the rank itself: the words before 第N (全国高校第3位,
亚洲第八位) or after an English ordinal ("3rd among Chinese universities"), classed by
:mod:`core.metrics.scopes`; a scope that is no class is kept only as a short clean phrase.
Used by the context step (:mod:`core.metrics.context`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from core.chinese import to_simplified
from core.metrics.gates import gate_tables
from core.metrics.numbers import ORDINAL_WORDS, zh_numeral
from core.metrics.scopes import KINDS, LABELS, PROVINCES_ZH, SCOPES, scope_class

_SCOPE_WORDS = re.compile(
    r"在[^，。；在]{2,16}?(?:之中|当中|中)|among [^,.;]{3,60}|全国[^，。；]{0,6}"
    r"|全球[^，。；]{0,6}|世界[^，。；]{0,6}|[^，。；]{0,4}高校",
    re.I,
)


_ORDINAL_NAMES = {v: k for k, v in ORDINAL_WORDS.items()}
# "3所江苏高校", "A、B等地方高校": who the named ones are, not among whom they rank
_SUBJECT_COUNT = re.compile(
    r"[\d一二三四五六七八九十两]+所[^，。；、]{0,6}?(?:高校|大学)|等[^，。；、\d]{0,6}?(?:高校|大学|院校)"
)


@lru_cache(maxsize=4096, typed=True)  # pure; asked again for one sentence
def rank_scope(sentence: str, value: float) -> str | None:
    """The scope class written at the rank itself: the words before 第N (全国高校第3位, 亚洲第八位)
    or after "3rd" ("3rd among Chinese universities"); ``None`` if they name no class."""
    v = int(value)
    if v != value or v <= 0 or v > 99:
        return None
    token = _place_forms(v).search(sentence)
    if not token:
        return None
    if token.group(0).startswith(("第", "前")):  # Chinese: the scope is written before it
        words = re.split(r"[,，;；。、:：]", sentence[max(0, token.start() - 14) : token.start()])[
            -1
        ]
        words = _SUBJECT_COUNT.sub("", _NAMES_ZH.sub("", words))
        if scope_class(words) not in LABELS:
            # "若加计本国企业及研究单位总排名，X排第8名": the clause before names the ranking
            clauses = re.split(r"[,，;；。]", sentence[: token.start()])
            if len(clauses) >= 2 and _NAMES_RANKING.search(clauses[-2]):
                words = clauses[-2]
    elif whose := _WHOSE_PLACE.search(sentence[max(0, token.start() - 24) : token.start()]):
        # "the nation's No. 2", "the world's fifth-largest": the owner of the list before it
        words = whose.group(0)
    else:  # English: after it ("3rd among Chinese universities"), past the ordinals paired
        # with it ("the second and third French universities")
        rest = _MORE_ORDINALS.sub("", sentence[token.end() : token.end() + 80])
        # a bracket's end or a next verb closes the rank's own words ("X (97th in top-100)
        # was ranked 5th among … in Taiwan": Taiwan is the 5th's)
        words = re.split(
            r"[,，;；。)）]|\b(?:and|for|with|by|in terms of|in the number of|was|is|were|are"
            r"|ranked|ranks)\b",
            rest[:60],
        )[0]
    cls = scope_class(_NAMES_EN.sub("", words))
    return cls if cls in LABELS else None


@lru_cache(maxsize=128)
def _place_forms(v: int) -> re.Pattern[str]:
    """The ways the place ``v`` (1-99) is written, compiled once per value: searched as a
    string, the pattern relied on the re module's cache of 512, which a crawl's distinct
    values of every per-value pattern overflow (~140 us a compile)."""
    zh = zh_numeral(v)
    word = _ORDINAL_NAMES.get(v)
    return re.compile(
        rf"第\s*(?:{v}|{zh})(?![\d十])|(?<![\d.]){v}(?:st|nd|rd|th)\b|No\.?\s*{v}\b"
        rf"|前\s*(?:{v}|{zh})(?![\d十])|\btop\s+{v}\b" + (rf"|\b{word}\b" if word else ""),
        re.I,
    )


_WHOSE_PLACE = re.compile(
    r"\b(nation|country|world|globe|state|province)[’']s\s+(?:(?:very\s+)?(?:top|leading)\s+)?$",
    re.I,
)
_NAMES_RANKING = re.compile(r"(?:总)?(?:排名|排行|排序)(?:上|中)?\s*$")
_ORDINAL_WORD = r"(?:\d{1,3}(?:st|nd|rd|th)|" + "|".join(ORDINAL_WORDS) + r")"
_MORE_ORDINALS = re.compile(rf"^(?:\s*(?:,|and|&|,\s*and)\s+(?:the\s+)?{_ORDINAL_WORD}\b)+", re.I)

# a university's own name ("Jiangsu University", 江苏大学, "（江苏）") says where it is, not
# among whom it ranks: removed before the scope words are classed
_NAMES_ZH = re.compile(r"[^\s，,、。；（(]{2,8}?(?:大学|学院)|[（(][^）)]{1,8}[）)]")
_NAMES_EN = re.compile(r"\b[A-Z][\w&.-]*(?:\s+(?:of\s+)?[A-Z][\w&.-]*)*\s+(?:University|College)\b")
_FRAGMENT = re.compile(r"[\d，。；,.;:：!?！？()（）]")


def clean_scope(raw: str | None) -> str | None:
    """A scope that is no class is kept only as a short clean phrase ("among the Ivy
    League" -> "the Ivy League"), never as a fragment of its sentence."""
    if not raw:
        return None
    phrase = re.sub(r"^(?:among|in|within)\s+", "", raw.strip(), flags=re.I).strip()
    if len(phrase) < 2 or len(phrase) > 40 or _FRAGMENT.search(phrase):
        return None
    if len(phrase) < 4 and not phrase.isascii():
        return None  # "前", "中的": a word left over, not a group
    if _NAMES_ZH.search(phrase) or _NAMES_EN.search(phrase):
        return None  # "北京大学则拿下": the ranked one's own words, not among whom it ranks
    return phrase


def scope_words(sentence: str) -> str | None:
    m = _SCOPE_WORDS.search(_SUBJECT_COUNT.sub("", sentence))
    return m.group(0) if m else None


# "Grenoble is also well ahead at European level. Second in the ranking, …": a level named in
# the paragraph before an unscoped rank is the ranking it speaks of
_LEVEL = re.compile(
    r"\bat (?:the )?([A-Z][a-z]+|national|world|global|international) level\b"
    r"|(?:在|居)(全球|世界|亚洲|欧洲|全国)(?:范围|层面)",
)
# a ranking named with among whom it ranks: "2014中国大学专利奖排行榜", "全国高校专利排行榜",
# "Top 100 China Universities by Patent Awards": the scope of the ranks that follow it
_RANKING_NAME = re.compile(
    r"(中国|全国|全球|世界|亚洲|台湾|臺灣|香港)[^，。；,;\n]{0,10}?(?:大学|大學|高校)"
    r"[^，。；,;\n]{0,10}?(?:排行榜|排名榜|榜单|榜單)"
    r"|\bTop \d+ (China|Chinese|Asian|U\.S\.) (?:Universities|Colleges)\b"
    # a province's own patent list ("2022年安徽省发明专利百强排行榜"): a rank within the province
    rf"|(?<![\u4e00-\u9fff])(?:\d{{4}}年)?((?:{PROVINCES_ZH})省?)(?:[^，。；,;\n]{{0,8}}?)(?:专利|发明)"
    r"[^，。；,;\n]{0,8}?(?:排行榜|排名榜|榜单|榜單|百强)",
)


def level_before(text: str, start: int, end: int | None = None) -> str | None:
    """The scope label of the last "at X level" in the paragraph before ``start``, else of
    the last ranking named with its scope before ``end`` (the rank's own sentence included:
    "…发布中国大学专利排行榜，A以300件位居第二")."""
    para = text.rfind("\n", 0, start) + 1
    found = [m.group(1) or m.group(2) for m in _LEVEL.finditer(text, para, start)]
    if not found:
        named = list(_RANKING_NAME.finditer(text, 0, end or start))
        found = [named[-1].group(1) or named[-1].group(2) or "全省"] if named else []
    cls = scope_class(found[-1]) if found else None
    return LABELS.get(cls or "")


# every pattern above skips texts without its words (core/metrics/gates.py)
# a kind of institution's own ranking (高职院校, 民办高校): its words, read in a paragraph
_KIND_WORDS = [(cls, re.compile(pat, re.I)) for cls, _label, pat in SCOPES if cls in KINDS]


def kind_scopes(records: list[dict[str, Any]], text: str) -> None:
    """A national rank ("全国第3", "nationwide") in a text about one kind's ranking is a place
    among that kind nationwide: the kind named in the rank's paragraph before it, else the
    only kind the opening paragraph (the title's) names. ``records`` hold offsets into
    ``text``; traditional text is read simplified."""
    national = [
        r for r in records if r["metric"] == "rank" and scope_class(r.get("scope")) == "china"
    ]
    if not national:
        return  # (the text and its title are read for a national rank only)
    simple = to_simplified(text)
    lead = _ranking_kinds(simple[: (simple.find("\n") + 1) or len(simple)])
    for rec in national:
        sentence = simple[rec["start"] : rec["end"]]
        if _ALL_UNIVERSITIES.search(sentence) and not _kinds_in(sentence):
            continue  # "位列全国高校第N": among all universities, whatever kind it is itself
        para = _ranking_kinds(simple[simple.rfind("\n", 0, rec["start"]) + 1 : rec["start"]])
        kinds = para or lead
        if len(kinds) == 1:
            rec["scope"] = LABELS[next(iter(kinds))]


_ALL_UNIVERSITIES = re.compile(r"全国(?:普通)?(?:高校|高等学校|高等院校|大学)|所有高校|全部高校")


_RANKING_CLAUSE = re.compile(
    r"排名|排行|榜|名列|位列|位居|第|前\s*[\d一二三四五六七八九十百]|强|\brank|\btop\b", re.I
)


def _ranking_kinds(words: str) -> set[str]:
    """The kinds named in a clause that names a ranking ("民办高校专利排行榜", "在民办高校中位列
    第一"); not the kind a sentence says the university is ("北方学院是一所民办高校")."""
    return {
        kind
        for clause in re.split(r"[。；;，,\n]", words)
        if _RANKING_CLAUSE.search(clause)
        for kind in _kinds_in(clause)
    }


def _kinds_in(words: str) -> set[str]:
    return {cls for cls, pattern in _KIND_WORDS if pattern.search(words)}


gate_tables(globals())
