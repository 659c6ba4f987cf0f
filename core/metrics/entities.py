"""Who a figure belongs to: universities (by alias), self-references, and non-universities.

A figure is attributed to the nearest organisation named before it in its
sentence. Self-references ("our university", "我校") mean the article's own
institution. Countries, companies and patent offices are recognised only so
that their totals are *not* attributed to a university.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.institutions import canonical, text_aliases
from core.metrics.trie import GatedPattern, trie_branches

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
    "我校",
    "学校",
    "本校",
    "该校",
)
NON_UNIVERSITIES = (
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
_COMPANY_SUFFIX = (
    r"(?:Co\.|Ltd\.?|Inc\.?|Corporation|Corp\.|Group|Technologies|Electronics|公司|集团)"
)
_GENERIC_EN = (
    r"(?:University of (?:[A-Z][a-z]+(?: |(?=\W))){1,3}"
    r"|(?:[A-Z][a-z]+ ){1,4}University(?![a-z])(?: of (?:[A-Z][a-z]+(?: |(?=\W))){1,3})?"
    r"(?:Research Foundation\b)?"
    r"|(?:[A-Z][a-z]+ ){1,3}Institute of Technology)"
)
_GENERIC_ZH = r"[\u4e00-\u9fff]{2,8}?(?:大学|学院)"
_DATE_TAIL = "年月日度底初末"
_LEAD_WORD = re.compile(r"^(?:(?:The|In|At|For|By|From|And|While|Both|A)\s+)+")
_FOUNDATION = re.compile(
    r"\s+(?:Research\s+)?Foundation$|\s+Research$"
)  # no university's name starts with these
# a generic match that is a phrase, not a name: "9个国家或地区的大学", "百强大学", "在汉高校"
_NOT_A_NAME = re.compile(
    r"[的个数量强所家名位第前与和及在为以有是了等共其中该本]|^(?:In|The|A)\s|^\d"
)


@dataclass(frozen=True)
class Entity:
    """An organisation mention: ``name`` is canonical, ``None`` for self-references."""

    start: int
    end: int
    name: str | None
    university: bool


def _alias_pattern() -> re.Pattern[str]:
    """One regex for all aliases: tries whose every alternative opens with a literal (see
    :mod:`core.metrics.trie`; a flat alternation behind ``(?<!\\w)`` cost ~4 us a character)."""
    names = {a for aliases in ALIASES.values() for a in aliases} | set(NON_UNIVERSITIES)
    latin = [n for n in names if n.isascii()]
    cjk = [n for n in names | set(SELF_REFERENCES) if not n.isascii()]
    selfs = [n for n in SELF_REFERENCES if n.isascii()]
    return re.compile(
        "|".join(
            trie_branches(latin, word_start=True, suffix=r"(?!\w)")
            # "the University of California" is a name, not a self-reference
            + trie_branches(
                selfs, word_start=True, suffix=r"(?!\w)(?!\s+of\s+[A-Z])", ignore_case=True
            )
            + trie_branches(cjk)
        )
    )


_ALIAS_RE = _alias_pattern()
_ALIAS_TO_NAME = {a: name for name, aliases in ALIASES.items() for a in aliases}
# each match of these holds one of the words after it: a sentence with none is not scanned
_GENERIC_RE = GatedPattern(
    re.compile(rf"{_GENERIC_EN}|{_GENERIC_ZH}"),
    ("University", "Institute of Technology", "大学", "学院"),
)
_COMPANY_RE = GatedPattern(
    re.compile(
        rf"(?:[A-Z][\w-]+ ){{0,3}}[A-Z][\w-]+ {_COMPANY_SUFFIX}|[\u4e00-\u9fff]{{2,8}}(?:公司|集团)"
    ),
    ("Co.", "Ltd", "Inc", "Corporation", "Corp.", "Group", "Technologies", "Electronics")
    + ("公司", "集团"),
)
# "中国高校" / "Chinese universities" name a ranking scope, not an organisation.
_SCOPE_AFTER = re.compile(r"^\s*(?:高校|大学|universit)", re.I)


def find_entities(text: str) -> list[Entity]:
    """Organisation mentions in ``text``, in order, longest match first where they overlap."""
    return list(_entities(text))


@lru_cache(maxsize=4096)
def _entities(text: str) -> tuple[Entity, ...]:
    """Cached: the sentence engine, the list and the count finders all ask for one sentence."""
    return tuple(_find_entities(text))


def _find_entities(text: str) -> list[Entity]:
    found: list[Entity] = []
    for m in _ALIAS_RE.finditer(text):
        found.append(_classify(m.group(0), m.start(), m.end(), text))
    for m in _COMPANY_RE.finditer(text):
        found.append(Entity(m.start(), m.end(), m.group(0), university=False))
    for m in _GENERIC_RE.finditer(text):
        # "University of X Research Foundation" holds the university's patents: it is the university
        name = _FOUNDATION.sub("", m.group(0).strip())
        # "2021年北方大学", "2022年度…": the date's last character is not part of the name
        if name.isascii():  # "The University of Kansas": the article is not the name
            lead = len(name) - len(_LEAD_WORD.sub("", name))
        else:
            lead = len(name) - len(name.lstrip(_DATE_TAIL))
        if lead and len(name) - lead >= 4:
            name = name[lead:]
            m_start = m.start() + lead
        else:
            m_start = m.start()
        if _NOT_A_NAME.search(name) or _is_department(found, m_start):
            continue
        if not any(e.start <= m_start < e.end or m_start <= e.start < m.end() for e in found):
            found.append(Entity(m_start, m_start + len(name), name, university=True))
    return sorted(_drop_overlaps(found), key=lambda e: e.start)


# names after "beating", "ahead of", 胜过, 超过 are the ones compared with, not the owner
_COMPARED = re.compile(
    r"胜过|超过|超越|领先|击败|力压|\b(?:beating|ahead of|exceeding|surpassing|edged out by|behind)\b",
    re.I,
)
_CLAUSE_END = re.compile(r"[,，;；。]")
_PATENT_AFTER = re.compile(r"\s*(?:的)?\s*(?:实用|发明|授权|专利|utility|invention|patent)", re.I)


def owners(text: str, entities: list[Entity]) -> list[Entity]:
    """The entities that may own a figure: not those in a "beating X, Y and Z" clause."""
    # "美国专利", "U.S. patents", "Chinese invention patents": a country as an adjective
    entities = [e for e in entities if e.university or not _PATENT_AFTER.match(text, e.end)]
    spans = []
    for m in _COMPARED.finditer(text):
        end = _CLAUSE_END.search(text, m.end())
        spans.append((m.end(), end.start() if end else len(text)))
    if not spans:
        return entities
    return [e for e in entities if not any(a <= e.start < b for a, b in spans)]


def _is_department(found: list[Entity], start: int) -> bool:
    """ "东南大学自动化学院" is a school of the university named just before it, not a rival."""
    return any(e.end == start and e.university for e in found)


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
        if e.end == e.start:
            continue
        if kept and e.start < kept[-1].end:
            continue
        kept.append(e)
    return kept


def canonical_institution(name: str) -> str:
    """Canonical name for an alias; unknown names are returned as written."""
    return _ALIAS_TO_NAME.get(name) or canonical(name) or name
