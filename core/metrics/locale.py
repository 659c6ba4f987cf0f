"""Where an article is from: mainland China, Taiwan or Hong Kong, read from its own words.

The extractor's defaults are mainland China's: a bare 元 is CNY, 全国/国内 ranks are among
Chinese universities, a year is a Gregorian year. A Taiwan or Hong Kong article means
something else by the same words: 元 is TWD or HKD, 全国 is Taiwan (or Hong Kong), 102年 is
the ROC year 2013, and 清大/中大/科大 are local universities. The locale decides.

No single word decides it: mainland papers write about 国立清华大学 and 两岸 rankings,
Taiwan papers about 北京清华大学, and many mainland texts are in traditional characters.
Every row of :data:`CUES` is an independent cue with a weight; a locale needs
:data:`_ENOUGH` points and a lead of :data:`_MARGIN` over the others. Cues are written in
simplified characters: the text is matched through its simplified copy.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from core.chinese import to_simplified
from core.metrics.article_names import (
    ARTICLE_NAMES,
    COMPANY_NAME,
    ZH_SHORT_CUE,
    defined_names,
    definition_heads,
    zh_short_forms,
)
from core.metrics.campuses import campus_names
from core.metrics.entities import find_entities
from core.metrics.gates import gate_tables
from core.metrics.initials import implied_short_names, undefined_tokens
from core.metrics.numbers import ORDINAL_WORDS
from core.metrics.scopes import KINDS, LABELS, scope_class
from core.metrics.trie import trie_pattern
from core.resources import data_file

# (locale, weight, words, pattern): a row scores its weight per occurrence of one of its words
# (plain substrings: a scan each costs microseconds), at most twice; a row with a pattern
# counts the pattern's matches instead, and runs it only where one of its words occurs
CUES: tuple[tuple[str, int, tuple[str, ...], str | None], ...] = (
    # Taiwan: places, offices, currency, calendar, higher-education words, short names
    ("TW", 2, ("台湾", "台北", "新竹", "台中", "台南", "高雄", "桃园", "Taiwan", "Taipei",
               "Hsinchu", "Tainan", "Kaohsiung", "Taichung"), None),
    ("TW", 2, ("智慧财产局", "智慧局", "智财局", "经济部", "国科会", "MOST", "TIPO"), None),
    ("TW", 3, ("新台币", "台币", "NT$", "TWD", "NTD"), None),
    ("TW", 3, ("民国", "年度"),
     r"民国\s*\d{2,3}|中华民国|(?<![\d.])(?:9\d|1[01]\d)\s*(?:学年度|年度)"),
    # a three-digit year (102年) is an ROC year; mainland text writes 100年 only as an age
    ("TW", 2, ("年",), r"(?<![\d.,])(?:10[1-9]|11\d)\s*年(?!代|来|间|前|历史|校庆)"),
    ("TW", 2, ("大专校院", "技转", "技术移转", "获证", "权利金", "智财", "产学合作", "全台",
               "岛内"), None),
    ("TW", 1, ("台大", "清大", "成大", "交大", "政大", "台科大", "北科大"), None),
    ("TW", 1, ("国立", "National "), r"国立[\u4e00-\u9fff]{2,6}大学|National [A-Z]\w+ University"),
    # Hong Kong: places, the UGC, currency, knowledge-transfer words, short names
    ("HK", 2, ("香港", "本港", "全港", "九龙", "新界", "Kowloon"), None),
    # "Shenzhen-Hong Kong-Guangzhou" is a mainland cluster, not Hong Kong
    ("HK", 2, ("Hong Kong",), r"(?<![-–])\bHong Kong\b(?![-–])"),
    ("HK", 3, ("教资会", "大学教育资助委员会", "UGC", "University Grants Committee"), None),
    ("HK", 3, ("港元", "港币", "HK$", "HKD"), None),
    ("HK", 2, ("知识转移", "八大", "创新科技署", "创科", "nowledge transfer", "nowledge-transfer",
               "nowledge Transfer"), None),
    ("HK", 1, ("港大", "中大", "科大", "理大", "城大", "浸大", "岭大", "教大", "HKUST", "CUHK",
               "PolyU", "CityU", "HKBU"), None),
    # mainland China: offices, currency, the system's own words
    ("CN", 3, ("国家知识产权局", "CNIPA", "教育部科技发展中心", "科技成果转化", "人民币", "RMB",
               "yuan", "Yuan", "renminbi"), None),
    ("CN", 2, ("全国高校", "高校", "双一流", "985工程", "985高校", "211工程", "部属", "省属",
               "地方高校", "发明专利授权", "授权发明专利"), None),
    ("CN", 1, ("Beijing", "Shanghai", "Shenzhen", "Guangdong", "Guangzhou", "Jiangsu", "Zhejiang",
               "Hubei", "Sichuan", "Shandong", "Wuhan", "Nanjing", "Tianjin", "Harbin", "Xi'an",
               "Chongqing", "rovince", "Chinese universities", "mainland China"), None),
    ("CN", 1, ("省", "自治区", "直辖市"), r"[\u4e00-\u9fff]{2}省|自治区|直辖市"),
)  # fmt: skip
_ENOUGH = 3
_MAX_HITS = 2  # a place named twice is a stronger cue than once, ten times no stronger
_MARGIN = 2
_PATTERNS = [
    (loc, weight, words, re.compile(pattern)) for loc, weight, words, pattern in CUES if pattern
]
# the word rows as one alternation (longest word first): one scan of the text, not one a word
_ROW_OF: dict[str, list[int]] = {}
for _row, (_loc, _weight, _words, _pattern) in enumerate(CUES):
    for _w in _words if _pattern is None else ():
        _ROW_OF.setdefault(_w, []).append(_row)
# (written as a trie: the same matches, one character a step instead of every word a place)
_WORDS = re.compile(trie_pattern(_ROW_OF))
_CJK = re.compile(r"[\u4e00-\u9fff]")


def locale_scores(text: str) -> dict[str, int]:
    """Points per locale: the sum of the weights of the cues the text contains."""
    plain = to_simplified(text)
    hits = [0] * len(CUES)
    for m in _WORDS.finditer(plain):
        for row in _ROW_OF[m.group(0)]:
            hits[row] += 1
    scores = {"TW": 0, "HK": 0, "CN": 0}
    for row, (loc, weight, _words, pattern) in enumerate(CUES):
        if pattern is None:
            scores[loc] += weight * min(hits[row], _MAX_HITS)
    for loc, weight, words, compiled in _PATTERNS:
        if any(w in plain for w in words):
            found = sum(1 for _ in zip(range(_MAX_HITS), compiled.finditer(plain), strict=False))
            scores[loc] += weight * found
    return scores


_HOME_WEIGHT = 3  # the article's own institution's country (a site's declared university)


def detect_locale(text: str, home: str | None = None) -> str | None:
    """``"TW"``, ``"HK"`` or ``"CN"``; ``None`` for an English text with no such cue.

    ``home`` is the country of the article's own institution, when known: one more cue.
    Chinese text without a clear Taiwan or Hong Kong lead stays mainland (``"CN"``)."""
    scores = locale_scores(text)
    if home in scores:
        scores[home] += _HOME_WEIGHT
    best = max(scores, key=lambda k: scores[k])
    others = max(v for k, v in scores.items() if k != best)
    if scores[best] >= _ENOUGH and scores[best] - others >= _MARGIN:
        return best
    return "CN" if _CJK.search(text) else None


# --------------------------------------------------------------------------- what it decides

DEFAULT_CURRENCY = {"TW": "TWD", "HK": "HKD", "CN": "CNY"}
NATIONAL_SCOPE = {"TW": "taiwan", "HK": "hong_kong", "CN": "china"}
# a national-scope word that still means the mainland in a Taiwan or Hong Kong text
_MAINLAND = re.compile(r"中国(?!台湾)|大陆|内地|两岸|\bmainland\b|\bChina\b|\bChinese\b", re.I)


def yuan_currency(locale: str | None) -> str:
    """What a bare 元/万元/亿元 (or "yuan"-less "$" amount of a local body) is."""
    return DEFAULT_CURRENCY.get(locale or "CN", "CNY")


# words that make an article's ranks national ones when a rank names no scope of its own
# words that make an article's ranks national ones when a rank names no scope of its own
_LOCAL_RANKING = {
    "TW": re.compile(r"大专校院|大专院校|全台|全国|国内"),
    # "8大"/八大: the eight UGC-funded universities, the Hong Kong press's own league
    "HK": re.compile(r"全港|本港|本地大学|八大|(?<![\d.])8\s*大(?!学)|教资会|大学教育资助委员会"),
}


def default_scope(text: str, locale: str | None) -> str | None:
    """The scope class of a Taiwan or Hong Kong article's ranks that name none ("全年排名
    第18名" in an article on 大专院校 rankings): the locale's own universities."""
    if locale in _LOCAL_RANKING and _LOCAL_RANKING[locale].search(text):
        return NATIONAL_SCOPE[locale]
    return None


def national_scope(
    cls: str | None, locale: str | None, sentence: str, value: float = 0
) -> str | None:
    """A rank's scope class, read in the article's locale. In Taiwan text 全国/国内
    ("china") is Taiwan unless the sentence names the mainland (Hong Kong papers write 全港
    for their own, 全国 for the nation's); a local word in the rank's own clause
    (在全台各大学中…排名第一, "among local universities") beats a world word elsewhere
    in its sentence, not one in the clause."""
    if locale not in _LOCAL_SCOPE or cls in KINDS:
        return cls
    clause = rank_clause(sentence, value)
    words = _NAME_IN_CLAUSE.sub("", clause or "")  # 台湾大学, 香港科技大学 are names
    if (
        _LOCAL_SCOPE[locale].search(words)
        and not _MAINLAND.search(words + " ")
        and not (_WORLD.search(words))
    ):
        return NATIONAL_SCOPE[locale]
    if locale != "TW" or cls != "china" or _MAINLAND.search(sentence):
        return cls
    return NATIONAL_SCOPE[locale]


_LOCAL_SCOPE = {
    "TW": re.compile(
        r"全台|台湾|大专校院|大专院校|全国|国内|\b(?:in Taiwan|nationwide|domestic)\b"
    ),
    "HK": re.compile(r"全港|本港|香港|本地|八大|教资会|\b(?:in Hong Kong|local)\b"),
}
_WORLD = re.compile(r"全球|世界|国际|亚洲|\b(?:global|world|Asia)", re.I)
_NAME_IN_CLAUSE = re.compile(
    r"[\u4e00-\u9fff]{0,8}(?:大学|学院)(?!中|之)|\b(?:[A-Z][\w&.-]+\s+){1,5}(?:University|College)\b"
    r"|\bUniversity of(?:\s+[A-Z][\w&.-]+){1,4}"
)
_ZH_ORDINALS = "一二三四五六七八九十"


def rank_clause(sentence: str, value: float) -> str | None:
    """The clause (between commas) that writes the rank ``value`` (第3, 第三, 3名, 居首)."""
    v = int(value) if value and float(value) == int(value) else 0
    if not 0 < v <= 99:
        return None
    zh = _ZH_ORDINALS[v - 1] if v <= 10 else "_"
    first = "|之首|居首|榜首|之冠" if v == 1 else ""
    m = re.search(rf"第\s*(?:{v}(?!\d)|{zh}(?![十百]))|(?<![\d.]){v}\s*名{first}", sentence)
    if not m:
        return _english_rank_clause(sentence, v)
    at = m.start()
    start = _clause_start(sentence, at)
    if start > 1:
        before = _clause_start(sentence, start - 1)
        if re.match(r"\s*(?:且|并|而|又|也)?在.*中\s*$", sentence[before : start - 1]):
            start = before  # "在全台各大学中,…排名第一": the locative clause is the rank's
    return sentence[start : at + 4]


_ORDINAL_NAMES = {v: k for k, v in ORDINAL_WORDS.items()}


def _english_rank_clause(sentence: str, v: int) -> str | None:
    """English writes the scope after the rank: "2nd among local universities"."""
    word = _ORDINAL_NAMES.get(v)
    alt = rf"|\b{word}\b" if word else ""
    m = re.search(rf"(?<![\d.]){v}(?:st|nd|rd|th)\b|\bNo\.?\s*{v}\b{alt}", sentence, re.I)
    if not m:
        return None
    end = re.search(r"[,;.](?:\s|$)|\s(?:and|while|but|whereas)\s|$", sentence[m.end() :])
    return sentence[m.start() : m.end() + (end.start() if end else 0)]


def _clause_start(sentence: str, at: int) -> int:
    return max(sentence.rfind(c, 0, at) for c in ",，;；。") + 1


# words for licence and transfer money in Taiwan and Hong Kong news (matched simplified):
# royalties, signing fees, licence fees, proceeds, technology "移转", IP income
LOCAL_MONEY_CUES = r"权利金|签约金|授权金|收益|技术移转|智财收入|知识产权收入"


# --------------------------------------------------------------------------- ROC years

_ROC_OFFSET = 1911  # ROC year 1 is 1912
# 民国102年, 102年, 102学年度, 去年(102): a two- or three-digit year of the ROC calendar
_ROC = re.compile(
    r"民国\s*(\d{2,3})\s*年"
    r"|(?<![\d.,])(?<!近)(?<!逾)(?<!约)(?<!达)(?<!已)(?<!校)(?<!满)(?<!第)(?<!周)"
    r"(\d{2,3})\s*(?:学年度|年度|年)(?!代|来|间|前|后|历史|校庆)"
    r"|(?:去年|今年|前年)\s*[（(]\s*(\d{2,3})\s*[）)]"
)
_ROC_RANGE = (70, 130)  # 1981-2041: news figures, not "建校80年"-style ages (see the lookbehinds)


def roc_to_ad(year: int) -> int:
    return year + _ROC_OFFSET


def roc_years(sentence: str) -> list[tuple[int, int, bool]]:
    """(AD year, position, whether it is an academic year) of each ROC year in ``sentence``."""
    out = []
    for m in _ROC.finditer(sentence):
        raw = m.group(1) or m.group(2) or m.group(3)
        n = int(raw)
        if _ROC_RANGE[0] <= n <= _ROC_RANGE[1]:
            out.append((roc_to_ad(n), m.start(), "学年度" in m.group(0)))
    return out


def roc_data_year(text: str) -> int | None:
    """The first ROC year stated with a patent word in its clause (``民国103年…专利``); of
    a span (从92年到去年(102)), its last year: the figures are the latest year's."""
    for clause in re.split(r"[，。；\n]", text):
        if "专利" in clause:
            span = _ROC_SPAN.search(clause)
            if span and all(_ROC_RANGE[0] <= int(g) <= _ROC_RANGE[1] for g in span.groups()):
                return roc_to_ad(int(span.group(2)))  # 从92年到去年(102): the span's last year
            years = [y for y, _pos, academic in roc_years(clause) if not academic]
            if years:
                return years[0]
    return None


_ROC_SPAN = re.compile(
    r"(?<!\d)(\d{2,3})\s*年?\s*(?:到|至|-|–|~|～)\s*(?:去年|今年)?\s*[（(]?\s*(\d{2,3})(?!\d)"
)
_AD_YEAR = re.compile(r"(?<!\d)(?:19[89]\d|20[0-4]\d)(?!\d)")


def apply_roc_year(rec: dict[str, Any]) -> None:
    """A figure in a Taiwan text whose sentence states an ROC year and no Gregorian one takes
    the ROC year: the last one before the figure, else the first after it. An ROC academic
    year (102学年度, August to July) is a period, as the labelling rules file academic years."""
    sentence = rec.get("evidence") or ""
    if rec.get("period") and rec.get("year") is None or _AD_YEAR.search(sentence):
        return
    years = roc_years(sentence)
    if not years:
        return
    span = _ROC_SPAN.search(sentence)
    low, high = _ROC_RANGE
    if span and rec.get("year") is None and all(low <= int(g) <= high for g in span.groups()):
        first, last = (roc_to_ad(int(g)) for g in span.groups())
        rec["period"] = f"{first}-{last}"  # 从92年到去年(102): a span, not a year
        return
    value = rec["value"]
    digits = str(int(value)) if float(value) == int(value) else str(value)
    at = sentence.find(digits)
    before = [(y, academic) for y, pos, academic in years if at < 0 or pos < at]
    year, academic = before[-1] if before else (years[0][0], years[0][2])
    if academic:
        rec["year"], rec["period"] = None, f"academic year {year}-{(year + 1) % 100:02d}"
    else:
        rec["year"], rec["period"] = year, None


# Hong Kong and Taiwan write academic and reporting years as "2010 至 11 年度", "17/18年度",
# "2024/25学年": a period (labelling rules §4), not the calendar year the first number names
_ACADEMIC = re.compile(r"(?<!\d)((?:19|20)?\d{2})\s*(?:至|/|-|–)\s*(\d{2})\s*(?:学年度|年度|学年)")


def apply_academic_year(rec: dict[str, Any]) -> None:
    """A figure whose sentence names one academic year, and that has no period, is of that
    year as a period ("2010-11")."""
    if rec.get("period"):
        return
    found = {(m.group(1), m.group(2)) for m in _ACADEMIC.finditer(rec.get("evidence") or "")}
    if len(found) != 1:
        return
    first, second = found.pop()
    start = int(first) if len(first) == 4 else 2000 + int(first)
    if (start + 1) % 100 == int(second):
        rec["year"], rec["period"] = None, f"{start}-{second}"


# --------------------------------------------------------------------------- local names


# Short and bare names that mean a local university in the locale's own press (in Taiwan
# 清华大学 is National Tsing Hua, in Hong Kong 中大 is CUHK): data, the ``local`` key of the
# institutions registry (core/declared/institutions.toml), read once
def _local_names() -> dict[str, tuple[tuple[str, str], ...]]:
    with data_file("institutions.toml").open("rb") as fh:
        rows = tomllib.load(fh)["institution"]
    out: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        for locale, aliases in row.get("local", {}).items():
            out.setdefault(locale, []).extend((alias, row["name"]) for alias in aliases)
    # a longer name first: 科技大学 is read before the 科大 inside no other name
    return {loc: tuple(sorted(pairs, key=lambda p: -len(p[0]))) for loc, pairs in out.items()}


LOCAL_NAMES: dict[str, tuple[tuple[str, str], ...]] = _local_names()


def learn_article_names(text: str, locale: str | None) -> tuple[tuple[str, str], ...]:
    """The article's own names (its locale's short forms, then the short forms it defines,
    "Oklahoma State University (OSU)"), made current for the entity finder."""
    local = LOCAL_NAMES.get(locale or "", ())
    ARTICLE_NAMES.set(local)
    # universities' short forms, and companies' ("…股份有限公司(下称「台积电」)"): a company's
    # stays a company, so its figures fall to nobody
    found = [
        (lo + e.start, lo + e.end, e.name)
        for lo, hi in definition_heads(text)
        for e in find_entities(text[lo:hi])
        if e.name and (e.university or COMPANY_NAME.search(e.name))
    ]
    pairs = local + tuple(defined_names(text, found)) + campus_names(text)
    if undefined_tokens(text):  # the whole-text name scan only where a short form may be
        fulls = [e.name for e in find_entities(text) if e.university and e.name and " " in e.name]
        defined = {a for a, _ in pairs}
        pairs += tuple(p for p in implied_short_names(text, fulls) if p[0] not in defined)
    if ZH_SHORT_CUE.search(text):  # "远东科技大学" and "远东科大": one university
        fulls = [e.name for e in find_entities(text) if e.university and e.name]
        defined = {a for a, _ in pairs}
        pairs += tuple(p for p in zh_short_forms(text, fulls) if p[0] not in defined)
    ARTICLE_NAMES.set(pairs)
    return pairs


def local_scopes(records: list[dict[str, Any]], ctx: Any) -> None:
    """Ranks' scopes read in the article's locale once every step that sets a scope has
    run (the rank pass may give a rank its paragraph's scope after the context step)."""
    if ctx.locale not in _LOCAL_SCOPE:
        return
    for rec in records:
        if rec["metric"] != "rank":
            continue
        cls = scope_class(rec.get("scope"))
        local = national_scope(cls, ctx.locale, to_simplified(rec["evidence"]), rec["value"])
        if local != cls and local in LABELS:
            rec["scope"] = LABELS[local]


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
