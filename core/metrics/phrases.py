"""Finders for fixed phrasings of ranks and money, as table rows with one small loop each.

Same signature as :mod:`core.metrics.lists`: a sentence and the names in it in,
``(institution, metric, value, unit, position)`` tuples out.

* **rank words** — 桂冠/榜首/居首 (1), 亚军 (2), 季军 (3), "took first place", "led the
  list" are ranks without digits; the owner is named before them in the clause, or
  right after ("位列亚军的是获得278项专利的美国麻省理工学院");
* **rank before name** — "全球第二的浙江大学", "第六名：浙江大学": the rank precedes its owner;
* **name + money** — "the University of Arizona at $981,495", "Northwestern ($162-million)".
"""

from __future__ import annotations

import re

from core.metrics.entities import Entity
from core.metrics.gates import gate_tables
from core.metrics.numbers import ORDINAL_WORDS, apply_magnitude, cn_value
from core.metrics.scopes import LABELS, scope_class

Found = tuple[str, str, float, str, int]

# (pattern, rank) — the words alone say the rank
RANK_WORDS: tuple[tuple[str, int], ...] = (
    (
        r"摘得桂冠|夺得桂冠|获得冠军|位居榜首|名列榜首|高居榜首|排名首位|排序首位|位列首位|居[^，。；]{0,8}之首|之冠"
        # "以180件居首", Taiwan's 居冠 ("first"), 拔得头筹, 夺冠
        r"|(?<![之其])居(?:首位?|冠)(?!军)|拔得头筹|夺冠",
        1,
    ),
    # "B以150件居次": second ("屈居次席", "位居次席")
    # "清华大学以178件次之": the one after the first
    (r"位列亚军|获得亚军|亚军|居次(?:席|位)?(?![年日])|位列次席|(?<![其])次之", 2),
    (r"位列季军|获得季军|季军", 3),
    (
        r"\btook (?:the )?first place\b|\btaking first\b|\bled the (?:list|ranking)\b|\branked first\b"
        r"|\b(?:took|taking|takes|held|holds|kept|keeps) the (?:top|first|No\.\s*1) (?:spot|place|position)\b"
        r"|\b(?:remained|remains|stayed|stays) (?:in|at) (?:the )?(?:first|top) (?:place|spot|position)\b",
        1,
    ),
    (
        r"\b(?:was|is|became|remains?|remained) the top (?:[A-Z][\w.-]*\s+)?(?:applicant|filer|patentee)\b"
        r"|\btopped the (?:list|ranking|table)\b|\bhead(?:s|ed)? the list\b"
        # "ranks top among Chinese universities" (not "ranks top 10": a number follows then)
        r"|\brank(?:s|ed|ing)? (?:at the )?top (?:among|in|of|on)\b",
        1,
    ),
    (r"\btook (?:the )?second place\b|\bsecond place\b", 2),
    (r"\btook (?:the )?third place\b|\bthird place\b", 3),
)
_RANK_WORDS = [(re.compile(p, re.I), v) for p, v in RANK_WORDS]
_ORD_SUPERLATIVE = re.compile(
    r"\b(" + "|".join(w for w in ORDINAL_WORDS if w != "first") + r")[- ]"
    r"(?:highest|largest|most|biggest|greatest|leading)\b"
    r"(?:\s+(?:patent\s+)?(?:filer|applicant|patentee|recipient|holder)s?\b|(?=[^;]{0,40}?(?:patent|applica|licen)))",
    re.I,
)
_NUM = r"(\d+|[一二三四五六七八九十百]+)"
# "全球第二的浙江大学", "第六名：浙江大学" (rank, then its owner)
_RANK_THEN_NAME = re.compile(
    rf"第\s*{_NUM}\s*(?:位|名)?\s*(?:的|[:：])\s*$|\bNo\.\s*(\d{{1,3}})\s*[:：]\s*$"
)
# "It was seventh among American public research universities", "finished 12th in the world"
_ORDINAL_PHRASE = re.compile(
    r"\b(?:was|is|were|are|came(?: in)?|finished|placed|stood|stands)\s+(?:No\.\s*)?"
    r"(?:(\d{1,3})(?:st|nd|rd|th)|(" + "|".join(ORDINAL_WORDS) + r"))\s+"
    r"(?:(?:this|last) year\s+|again\s+)?"
    r"(?:among|in|on|of|for|overall|globally|worldwide|nationally|nationwide)\b",
    re.I,
)
_MONEY_AFTER = re.compile(
    r"^\s*(?:at|with|\(|（)\s*(US\$|HK\$|NT\$|\$|RMB\s?|¥|￥)\s*(\d[\d,]*(?:\.\d+)?)", re.I
)
_CLAUSE_END = re.compile(r"[,，;；。]")


# every RANK_WORDS pattern holds one of these (lowered): tested before the six patterns
_RANK_WORD_HINTS = (
    "桂冠", "冠军", "榜首", "首位", "之首", "之冠", "亚军", "季军", "first", "second", "third",
    "居首", "居冠", "居次", "头筹", "夺冠", "次席", "次之",
    "top", "head", "led the",
)  # fmt: skip


def rank_words(sentence: str, entities: list[Entity]) -> list[Found]:
    out: list[Found] = []
    low = sentence.lower()
    if not any(h in low for h in _RANK_WORD_HINTS):
        return out
    for pattern, value in _RANK_WORDS:
        for m in pattern.finditer(sentence):
            owner = _owner_of(sentence, entities, m.start(), m.end())
            if owner:
                out.append((owner, "rank", float(value), "rank", m.start()))
    for m in _ORD_SUPERLATIVE.finditer(sentence):  # "the second-highest number of patents"
        owner = _owner_of(sentence, entities, m.start(), m.end())
        if owner:
            place = float(ORDINAL_WORDS[m.group(1).lower()])
            out.append((owner, "rank", place, "rank", m.start()))
    return out


def rank_then_name(sentence: str, entities: list[Entity]) -> list[Found]:
    out: list[Found] = []
    for e in entities:
        if not (e.university and e.name):
            continue
        m = _RANK_THEN_NAME.search(sentence[max(0, e.start - 12) : e.start])
        if m:
            raw = m.group(1) or m.group(2)
            value = float(raw) if raw.isdigit() else cn_value(raw)
            if value:
                out.append((e.name, "rank", value, "rank", e.start))
    return out


def ordinal_phrase(sentence: str, entities: list[Entity]) -> list[Found]:
    """ "X was seventh among …": the rank of the name (or the article's subject) before it."""
    out: list[Found] = []
    for m in _ORDINAL_PHRASE.finditer(sentence):
        value = float(m.group(1)) if m.group(1) else float(ORDINAL_WORDS[m.group(2).lower()])
        owner = _owner_of(sentence, entities, m.start(), m.start())
        out.append((owner or "", "rank", value, "rank", m.start()))
    return out


# "深圳大学以252件位居全球第三，中国第一": a second scope's ordinal right after a rank
_SCOPE_ORDINAL = re.compile(
    rf"[,，、]\s*(?:在)?([^，,、。；;\d第前]{{1,8}}?)(?:中)?第\s*{_NUM}\s*(?:位|名)?"
    r"(?!\s*的)"  # "全球第四的清华大学" is a rank before its own name
)
_RANK_JUST_BEFORE = re.compile(rf"第\s*{_NUM}\s*(?:位|名)?\s*$")
_RANK_VERB_ZH = re.compile(r"位居|位列|排名|名列|居|列")
# "ranked 5th among educational institutions worldwide, first among Chinese universities"
_SCOPE_ORDINAL_EN = re.compile(
    r"[,;]\s*(?:and\s+)?(?:(\d{1,3})(?:st|nd|rd|th)|(" + "|".join(ORDINAL_WORDS) + r"))"
    r"\s+(?:among|in)\s+(?:the\s+)?(?:[A-Z][\w.]*\s+)+(?:universities|institutions|applicants)",
    re.I,
)
_RANK_VERB_EN = re.compile(r"\b(?:ranked|ranks|placed|came in|was|is)\b", re.I)


def scope_ordinal(sentence: str, entities: list[Entity]) -> list[Found]:
    out: list[Found] = []
    if _RANK_VERB_EN.search(sentence):
        for m in _SCOPE_ORDINAL_EN.finditer(sentence):
            rank = float(m.group(1) or ORDINAL_WORDS[m.group(2).lower()])
            owner = _owner_of(sentence, entities, m.start(), m.start())
            if owner:
                out.append((owner, "rank", rank, "rank", m.start()))
    if not _RANK_VERB_ZH.search(sentence):
        return out
    for m in _SCOPE_ORDINAL.finditer(sentence):
        if scope_class(m.group(1)) not in LABELS or not _RANK_JUST_BEFORE.search(
            sentence, 0, m.start()
        ):
            continue  # a second scope right after a first rank ("第六，四川省高校第一")
        raw = m.group(2)
        value = float(raw) if raw.isdigit() else cn_value(raw)
        owner = _owner_of(sentence, entities, m.start(), m.start())
        if value and owner:
            out.append((owner, "rank", value, "rank", m.start()))
    return out


def name_money(sentence: str, entities: list[Entity]) -> list[Found]:
    """A sum right after a name, in a sentence about licensing or transfer income."""
    out: list[Found] = []
    for e in entities:
        if not (e.university and e.name):
            continue
        m = _MONEY_AFTER.match(sentence[e.end :])
        if m:
            value = float(m.group(2).replace(",", ""))
            value, _used = apply_magnitude(value, sentence[e.end + m.end() :])
            out.append((e.name, "contract_amount", value, _code(m.group(1)), e.end))
    return out


def _code(symbol: str) -> str:
    s = symbol.strip().upper()
    return {"HK$": "HKD", "NT$": "TWD", "RMB": "CNY", "¥": "CNY", "￥": "CNY"}.get(s, "USD")


def _owner_of(sentence: str, entities: list[Entity], start: int, end: int) -> str | None:
    """The name before the phrase in its clause, else the first name after it in its clause."""
    if start < len(sentence) and sentence[start] in ",，、":  # a continuation: the clause before
        start = max(0, start - 1)
        clause_start = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)), default=0)
        clause_start = (
            max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, clause_start - 1)), default=0)
            if clause_start
            else 0
        )
    else:
        clause_start = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)), default=0)
    before = [e for e in entities if clause_start <= e.start and e.end <= start and e.university]
    if before and before[-1].name:
        return before[-1].name
    nxt = _CLAUSE_END.search(sentence, end)
    stop = nxt.start() if nxt else len(sentence)
    after = [e for e in entities if end <= e.start < stop and e.university and e.name]
    if after:
        return after[0].name
    return _previous_clause_subject(sentence, entities, clause_start)


def _previous_clause_subject(
    sentence: str, entities: list[Entity], clause_start: int
) -> str | None:
    """A clause with no name after a comma continues the one before ("城大囊括22个奖项，数量为
    全港大学之冠"): its subject is the last university named there (not across a semicolon)."""
    if clause_start < 1 or sentence[clause_start - 1] not in ",，":
        return None
    prev_start = max(
        (m.end() for m in _CLAUSE_END.finditer(sentence, 0, clause_start - 1)), default=0
    )
    prev = [e for e in entities if prev_start <= e.start and e.end < clause_start and e.university]
    return prev[-1].name if prev and prev[-1].name else None


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
