"""Who a figure belongs to: universities (by alias), self-references, and non-universities.

A figure is attributed to the nearest organisation named before it in its
sentence. Self-references ("our university", "我校") mean the article's own
institution. Countries, companies and patent offices are recognised only so
that their totals are *not* attributed to a university.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from core.institutions import canonical, lookup, text_aliases
from core.metrics import names  # name shapes and an article's own names (locale helper)
from core.metrics.applicants import company_names
from core.metrics.colleges import is_department, listed_college
from core.metrics.gates import gate_tables
from core.metrics.initials import expand_u
from core.metrics.trie import FirstOf, GatedPattern, has_case_folds, trie_branches
from core.resources import data_file

# Canonical name -> aliases, from the one registry (core/declared/institutions.toml) that also
# seeds the database; unknown "X University" / "X大学" names are kept as written.
ALIASES: dict[str, tuple[str, ...]] = {}
for _alias, _name in text_aliases():
    ALIASES[_name] = (*ALIASES.get(_name, ()), _alias)
SELF_REFERENCES = (
    "our university",
    "the university",
    "our school",
    "this university",
    "the school",
    "the institute",  # an institute's own news (IITs, KAIST, the Max Planck institutes)
    "the varsity",  # Indian English for the university
    "我校",
    "学校",
    "本校",
    "该校",
)
NON_UNIVERSITIES: tuple[str, ...] = (
    # countries and regions
    "China",
    "the United States",
    "United States",
    "Japan",
    "Germany",
    "Republic of Korea",
    "Korea",
    "France",
    "United Kingdom",
    "Switzerland",
    "Sweden",
    "Netherlands",
    "中国",
    "美国",
    "日本",
    "德国",
    "韩国",
    # companies and offices
    "Huawei",
    "Samsung",
    "Qualcomm",
    "ZTE",
    "LG Electronics",
    "Mitsubishi",
    "Ericsson",
    "BOE",
    "Ansteel",
    "华为",
    "中兴",
    "京东方",
    "国家知识产权局",
    "CNIPA",
)
# and every company and office of the data file (core/declared/applicants.toml), so that their
# figures are never a university's
NON_UNIVERSITIES += tuple(n for n in company_names() if n not in NON_UNIVERSITIES)
_COMPANY_SUFFIX = (
    r"(?:Co\.|Ltd\.?|LTD\.?|Inc\.?|INC\.?|LLC|GmbH|AG\b|S\.A\.|Corporation|Corp\.|Group"
    r"|Technologies|Electronics|公司|集团)"
)
_DATE_TAIL = "年月日度底初末"
_LEAD_WORD = re.compile(r"^(?:(?:The|In|At|For|By|From|And|While|Both|A)\s+)+")
_FOUNDATION = re.compile(
    r"\s+(?:Research\s+|Innovation\s+)?Foundation$|\s+Research(?:\s+Corp(?:oration|\.)?)?$"
)  # no university's name starts with these
# "Georgia Tech Research Corp.", "Purdue Research Foundation": the body that holds a
# university's patents (NAI/IPO lists name the first assignee) is the university, no company
_HOLDING_ARM = re.compile(
    r"(?:University|Institute|College|State|Tech|A&M)\b[\w\s.&-]{0,30}?\s+Research\s+"
    r"(?:Corp(?:oration|\.)?|Foundation)$"
)


@dataclass(frozen=True)
class Entity:
    """An organisation mention: ``name`` is canonical, ``None`` for self-references."""

    start: int
    end: int
    name: str | None
    university: bool


def _alias_parts() -> list[str]:
    """The alias regex in three parts (Latin names, English self-references, the rest):
    tries whose every alternative opens with a literal (see :mod:`core.metrics.trie`; a
    flat alternation behind ``(?<!\\w)`` cost ~4 us a character)."""
    names = {a for aliases in ALIASES.values() for a in aliases} | set(NON_UNIVERSITIES)
    latin = [n for n in names if n.isascii()]
    cjk = [n for n in names | set(SELF_REFERENCES) if not n.isascii()]
    selfs = [n for n in SELF_REFERENCES if n.isascii()]
    return [
        "|".join(trie_branches(latin, word_start=True, suffix=r"(?!\w)")),
        # "the University of California" is a name, not a self-reference
        "|".join(
            trie_branches(
                selfs, word_start=True, suffix=r"(?!\w)(?!\s+[oO]f\s+[A-Z])", ignore_case=True
            )
        ),
        "|".join(trie_branches(cjk)),
    ]


def _has_self_word(text: str) -> bool:
    """Whether ``text`` may hold an English self-reference: each holds one of these words
    (in any case; a text with İ, ı, ſ or K, which IGNORECASE pairs with ASCII letters, is
    always scanned)."""
    if has_case_folds(text):
        return True
    low = text.lower()
    return "universit" in low or "school" in low or "institute" in low or "varsity" in low


def _alias_scan() -> FirstOf:
    """The alias regex as three scans: the self-references only where one of their words is,
    the non-ASCII names only in a text that is not ASCII (each holds a non-ASCII character,
    matched as written)."""
    latin, selfs, other = (re.compile(p) for p in _alias_parts())
    return FirstOf([(latin, None), (selfs, _has_self_word), (other, _not_ascii)])


def _not_ascii(text: str) -> bool:
    return not text.isascii()


_ALIAS_RE = re.compile("|".join(_alias_parts()))  # the one alternation the scans stand for
_ALIAS_SCAN = _alias_scan()
_ALIAS_TO_NAME = {a: name for name, aliases in ALIASES.items() for a in aliases}
_COMPANY_RE = GatedPattern(
    re.compile(
        rf"(?:[A-Z][\w-]+ ){{0,3}}[A-Z][\w-]+ {_COMPANY_SUFFIX}|[\u4e00-\u9fff]{{2,8}}(?:公司|集团)"
    ),
    ("Co.", "Ltd", "LTD", "Inc", "INC", "LLC", "GmbH", "AG", "S.A.", "Corporation", "Corp.")
    + ("Group", "Technologies", "Electronics", "公司", "集团"),
)
# "中国高校" / "Chinese universities" name a ranking scope, not an organisation.
_SCOPE_AFTER = re.compile(r"^\s*(?:高校|大学|universit)", re.I)


# "…独占许可给某某科技有限公司": the words before the name ("可给") are not part of it
_LEAD_IN_COMPANY = re.compile(
    r"^[^\s]*?(?:给|被|由|向|与|把|将|从|对|为|是|的|了|以|获|经)(?=..公司|...)"
)
_UNIVERSITY_IN_COMPANY = re.compile(r".*(?:大学|学院)(?:及其|及下属|及旗下|的|旗下|下属)?")


_LEAD_ZH = re.compile(  # (and "前十的高校有北方大学": the group and its verb before a member's name)
    r"^(?:其中|其次|而且|并且|此外|另外|以及|包括|同时|而|和|与|及|由|在|对|将|把|是|为|以|从|的|了|也|则"
    r"|(?:高校|大学|院校|学校)?(?:还有|依次为|依次是|分别为|分别是|有))+"
)


def _country_named(name: str, start: int, over: list[Entity]) -> bool:
    """Whether a name starts with a country it is named for (中国计量大学, "Korea Institute of
    Science and Technology"): the country alias at its start is part of the name."""
    return (
        len(over) == 1
        and over[0].name in _COUNTRIES
        and over[0].start == start
        and len(name) - (over[0].end - over[0].start) >= 4
    )


def _tail_of_full_name(text: str, start: int, end: int) -> bool:
    """Whether a two-character short form ending in 大 (城大, 港大, 中大) is the middle of a
    full name written on ("聊城大学", "北城大学"): the short form is never followed by 学."""
    return end - start == 2 and text[end - 1] == "大" and text[end : end + 1] == "学"


def _without_lead(name: str, start: int) -> tuple[str, int]:
    """A name shape's match without the words before the name, and where it then starts:
    "The University of Kansas" (the article), "2021年北方大学" (a date's last character),
    "其中科技大学" (其中 is not part of the name)."""
    if name.isascii():
        lead = len(name) - len(_LEAD_WORD.sub("", name))
    else:
        lead = len(name) - len(name.lstrip(_DATE_TAIL)) or _lead_words(name)
    return (name[lead:], start + lead) if lead and len(name) - lead >= 4 else (name, start)


def _lead_words(name: str) -> int:
    """Length of the function words a generic Chinese name match starts with."""
    m = _LEAD_ZH.match(name)
    return m.end() if m else 0


def find_entities(text: str) -> list[Entity]:
    """Organisation mentions in ``text``, in order, longest match first where they overlap."""
    return list(_entities(text, names.ARTICLE_NAMES.get()))


@lru_cache(maxsize=4096)
def _entities(text: str, article: tuple[tuple[str, str], ...] = ()) -> tuple[Entity, ...]:
    """Cached: the sentence engine, the list and the count finders all ask for one sentence."""
    return tuple(_find_entities(text, article))


def _find_entities(text: str, article: tuple[tuple[str, str], ...] = ()) -> list[Entity]:
    found: list[Entity] = []
    # the article's own short forms first: on a tie they win ("中山大学" in Taiwan news)
    own, own_re = dict(article), names.article_alias_re(article)
    for m in own_re.finditer(text) if own_re else ():
        # a two-character short form (清大, 中大) ends no longer name: only a full one may
        # (科技大学 in 南方科技大学)
        short = m.end() - m.start() <= 2
        if not names.inside_word(text, m.start(), m.end()) and (
            short or not names.inside_name(text, m.start())
        ):
            full = own[m.group(0)]
            found.append(Entity(m.start(), m.end(), full, not names.COMPANY_NAME.search(full)))
    for m in _ALIAS_SCAN.finditer(text):
        if _tail_of_full_name(text, m.start(), m.end()):
            continue  # 聊城大学 is not 城大
        if not names.inside_word(text, m.start(), m.end()):  # 全港大学 is not 港大
            found.append(_classify(m.group(0), m.start(), m.end(), text))
    for m in _COMPANY_RE.finditer(text):
        if _HOLDING_ARM.search(m.group(0)):
            continue  # a university's patent-holding body, found as a name below
        # "东南大学及其关联公司": the university is named first, the company is what follows
        inner = _UNIVERSITY_IN_COMPANY.search(m.group(0)) or _LEAD_IN_COMPANY.match(m.group(0))
        start = m.start() + inner.end() if inner else m.start()
        if m.end() - start >= 2:
            found.append(Entity(start, m.end(), text[start : m.end()], university=False))
    for m in names.name_matches(text):  # one row per name shape: core/metrics/names.py
        # "University of X Research Foundation" holds the university's patents: it is the university
        name, m_start = _without_lead(_FOUNDATION.sub("", m.group(0).strip()), m.start())
        cleaned = names.clean_name(name)  # no verb, date or phrase before a name
        if cleaned and (college := listed_college(found, m_start + cleaned[1], text, cleaned[0])):
            found = [e for e in found if not (e.start == college[0] and e.university)]
            found.append(Entity(*college, university=True))  # "北方大学城市学院" in a list
            continue
        if cleaned is None or is_department(found, m_start + cleaned[1], text, cleaned[0]):
            continue
        name, m_start = cleaned[0], m_start + cleaned[1]
        if cleaned[1] and (again := _lead_words(name)) and len(name) - again >= 4:
            name, m_start = name[again:], m_start + again  # "排名前十的|高校有|北方大学"
        if name.isascii() and m_start > 0 and text[m_start - 1] == "-":
            continue  # "the leading Stand-Alone University": a word's half is no name
        over = [e for e in found if e.start <= m_start < e.end or m_start <= e.start < m.end()]
        if over and (
            all(names.extends(text, e.start, e.end, m_start) for e in over)
            or _country_named(name, m_start, over)
        ):
            found, over = [e for e in found if e not in over], []  # "X University of Y"
        if not over:
            known = canonical(expand_u(name)) if "U." in name else name
            found.append(Entity(m_start, m_start + len(name), known, university=True))
    return [_in_taiwan(text, e) for e in sorted(_drop_overlaps(found), key=lambda e: e.start)]


# "台湾清华大学", "臺灣的交通大學": a bare name that means a Taiwan university in Taiwan's own
# press (the registry's ``local`` TW names) means it wherever Taiwan is written before it
_TAIWAN_BEFORE = re.compile(r"(?:中国)?(?:台湾|台灣|臺灣|臺湾)(?:地区)?(?:的)?$")


@lru_cache(maxsize=1)
def taiwan_names() -> dict[str, str]:
    """Bare name -> the Taiwan university it means in Taiwan's press (registry data)."""
    with data_file("institutions.toml").open("rb") as fh:
        rows = tomllib.load(fh)["institution"]
    return {alias: row["name"] for row in rows for alias in row.get("local", {}).get("TW", [])}


def taiwan_named(text: str, start: int, end: int) -> str | None:
    """The Taiwan university a name at ``start:end`` means when Taiwan is written before it."""
    if not _TAIWAN_BEFORE.search(text[max(0, start - 6) : start]):
        return None
    return taiwan_names().get(text[start:end])


def _in_taiwan(text: str, e: Entity) -> Entity:
    """ "台湾清华大学(23名)": National Tsing Hua University, not the Beijing one."""
    if not e.university or not e.name or e.name.isascii() and text[e.start : e.end].isascii():
        return e
    local = taiwan_named(text, e.start, e.end)
    return Entity(e.start, e.end, local, True) if local else e


# names after "beating", "ahead of", 胜过, 超过 are the ones compared with, not the owner
_COMPARED = re.compile(
    r"胜过|超过|超越|领先|击败|力压|仅次于|\b(?:beating|ahead of|exceeding|surpassing|edged out by|behind"
    r"|second only to|trailing)\b",
    re.I,
)
_CLAUSE_END = re.compile(r"[,，;；。]")
_PATENT_AFTER = re.compile(
    r"(?:、[^，,。；、]{1,6}?)*(?:等[^，,。；]{0,8}?)?\s*(?:的)?\s*"
    r"(?:实用|发明|授权|专利|utility|invention|patent)",
    re.I,
)  # "美国专利", "日本等各国专利", "U.S. patents": a country as where the patents are


# the other side of a deal: a company that buys, licenses or is sold the university's patents
# ("被X公司…买断", "X公司以300万元获…许可", "licensed to X Inc.", "X Corp. paid $2 million")
# owns neither the money nor the patents of the deal; the university does
_DEAL_BEFORE = re.compile(
    r"(?:(?:被|由|向|与|给|卖给|售予|转让给|许可给|授权给)[^，。；,;、]{0,8}"
    r"|\b(?:to|by|with|buyer|licensee)\s+(?:the\s+)?)$",
    re.I,
)
_DEAL_AFTER = re.compile(
    r"\s*(?:以|出资|斥资|购买|购得|买断|受让|获得|\b(?:paid|bought|purchased|acquired|licensed)\b)",
    re.I,
)
_DEAL_WORDS = re.compile(
    r"转让|许可|转化|买断|受让|购买|购得|拍卖|竞拍|成交|签约|licen[cs]|sold|bought|purchas|acquir"
    r"|royalt|paid|deal|agreement",
    re.I,
)


# "技术移转予企业", "licensed to (regional) companies": unnamed companies across a transfer
DEAL_PARTNER = re.compile(
    r"(?:予|给|向|与)(?:企业|公司)"
    r"|\b(?:to|with)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}?(?:companies|firms|industry|industries|enterprises)\b"
    r"|\b(?:to|with)\s+(?:a|an|the)\s+(?:[\w()-]+\s+){0,5}?(?:company|firm|corporation|start-?up)\b",
    re.I,
)
_AFFILIATE = re.compile(r"(?:及其|及下属|及旗下|\band its\s+)(?:关联|下属|全资)?$", re.I)


_COUNTRIES = frozenset(NON_UNIVERSITIES[: NON_UNIVERSITIES.index("Huawei")])
_IN_BEFORE = re.compile(r"(?:\b(?:in|within|across|throughout)\s+(?:the\s+)?|在|于)$", re.I)
_CLAUSE_AFTER = re.compile(r"\s*(?:[,，;；]|\band\b)", re.I)


def _place(text: str, e: Entity) -> bool:
    """ "(378) were applied for in China, and the remaining 10 …": a country closing a clause
    after "in" is where, not whose."""
    return (
        e.name in _COUNTRIES
        and bool(_IN_BEFORE.search(text[max(0, e.start - 12) : e.start]))
        and bool(_CLAUSE_AFTER.match(text, e.end))
    )


def counterpart(text: str, e: Entity) -> bool:
    """Whether a non-university ``e`` is the buyer or licensee of the sentence's deal."""
    if e.university:
        return False
    lead = text[max(0, e.start - 12) : e.start]
    if _AFFILIATE.search(lead):
        return True  # "东南大学及其关联公司", "X University and its affiliates": the university's
    if not _DEAL_WORDS.search(text):
        return False
    return bool(_DEAL_BEFORE.search(lead) or _DEAL_AFTER.match(text, e.end))


def without_counterparts(text: str) -> str:
    """``text`` with the deal's buyers and licensees blanked (they do not make a figure theirs)."""
    for e in find_entities(text):
        if counterpart(text, e):
            text = text[: e.start] + " " * (e.end - e.start) + text[e.end :]
    return text


def owners(text: str, entities: list[Entity]) -> list[Entity]:
    """The entities that may own a figure: not those in a "beating X, Y and Z" clause, nor
    the company on the other side of a deal."""
    # "美国专利", "U.S. patents", "Chinese invention patents": a country as an adjective
    entities = [
        e
        for e in entities
        if e.university
        or not (_PATENT_AFTER.match(text, e.end) or counterpart(text, e) or _place(text, e))
    ]
    spans = _compared_spans(text)
    if not spans:
        return entities
    # a rival's own figure is written in brackets right after it ("ahead of X (52nd)",
    # "仅次于X(470件)"): it stays the owner of that figure
    return [
        e
        for e in entities
        if not any(a <= e.start < b for a, b in spans) or _OWN_BRACKET.match(text, e.end)
    ]


@lru_cache(maxsize=2048)
def _compared_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the names compared with are ("beating X, Y and Z": to the clause's end); cached,
    as the finders ask it of one sentence for each of its figures."""
    spans = []
    for m in _COMPARED.finditer(text):
        end = _CLAUSE_END.search(text, m.end())
        spans.append((m.end(), end.start() if end else len(text)))
    return tuple(spans)


_OWN_BRACKET = re.compile(r"\s*[(（]\s*[^)）]{0,12}?\d")


_SENTENCE_END = re.compile(r"[。！？；!?;]|\.(?:\s|$)")


def previous_subject(text: str, start: int) -> str | None:
    """The one university the sentence before ``start`` (same paragraph) is about: a figure
    of a sentence that names nobody ("哈工大有效发明专利中…。…也达到250余件") is its subject's."""
    para = text.rfind("\n", 0, start) + 1
    ends = [m.end() for m in _SENTENCE_END.finditer(text, para, start)]
    if not ends or text[ends[-1] : start].strip():
        return None  # no sentence before in the paragraph, or ``start`` is mid-sentence
    begin = ends[-2] if len(ends) > 1 else para
    names = {e.name for e in find_entities(text[begin : ends[-1]]) if e.university and e.name}
    return names.pop() if len(names) == 1 else None


# "Qinling University of Science (QUS)", "江苏大学（江大）": an abbreviation the article defines
_DEFINED = re.compile(
    r"((?:[A-Z][\w'’.-]*\s+(?:of\s+|and\s+|the\s+)*){1,8}?(?:University|College|Institute)"
    r"(?:\s+of(?:\s+[A-Z][\w'’.-]*)+)?)\s*\(([A-Z][A-Za-z]{1,7})\)"
    r"|([\u4e00-\u9fff]{2,12}?(?:大学|学院))[（(]([\u4e00-\u9fff]{2,4})[)）]"
)


def article_abbreviations(text: str) -> dict[str, str]:
    """Abbreviation -> full name, for each abbreviation the article defines in brackets."""
    out: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        name, short = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if m.group(3) and lookup(m.group(0)):
            continue  # "中国石油大学(华东)": a registered campus's name, not a short form
        out.setdefault(short, canonical_institution(_LEAD_WORD.sub("", name.strip())))
    return out


def defined_owner(sentence: str, pos: int, abbreviations: dict[str, str]) -> str | None:
    """The article-defined abbreviation named last before ``pos``, when no other university is
    named between it and the figure ("QUS filed 120 applications, and HIT filed 900")."""
    best = None
    for short, name in abbreviations.items():
        # not where it opens a longer name ("IIT Goa", "(IIT) Jammu")
        pattern = rf"(?<![\w-]){re.escape(short)}(?![\w-])(?![)）]?\s+[A-Z][a-z])"
        for m in re.finditer(pattern, sentence[:pos]):
            if best is None or m.start() > best[0]:
                best = (m.start(), m.end(), name)
    if best is None:
        return None
    between = [e for e in find_entities(sentence[best[1] : pos]) if e.university and e.name]
    return None if between else best[2]


def _classify(alias: str, start: int, end: int, text: str) -> Entity:
    if alias.lower() in SELF_REFERENCES or alias in SELF_REFERENCES:
        return Entity(start, end, None, university=True)
    if alias in _ALIAS_TO_NAME:
        return Entity(start, end, _ALIAS_TO_NAME[alias], university=True)
    if _SCOPE_AFTER.match(text[end:]):
        return Entity(start, start, None, university=True)  # a scope word: ignored below
    return Entity(start, end, alias, university=False)


def _drop_overlaps(entities: list[Entity]) -> list[Entity]:
    kept: list[Entity] = []
    for e in sorted(entities, key=lambda e: (e.start, -(e.end - e.start))):
        if e.end > e.start and not (kept and e.start < kept[-1].end):
            kept.append(e)  # (an empty span is a scope word; an overlap loses to the longer)
    return kept


def canonical_institution(name: str) -> str:
    """Canonical name for an alias; unknown names are returned as written."""
    return _ALIAS_TO_NAME.get(name) or canonical(name) or name


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
