"""Shared pieces of the verb-driven sentence engine: the found-figure record, the paragraph
state handed from sentence to sentence, clause boundaries and qualifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from core.metrics.gates import gate_tables
from core.metrics.trie import has_case_folds


@dataclass
class _Found:
    """A metric before its year and institution are settled."""

    metric: str
    value: float
    pos: int
    unit: str
    scope: str | None = None
    basis: str | None = None
    qualifier: str | None = None
    currency: str | None = None


@dataclass
class _Paragraph:
    """What one sentence hands to the next: the year in force and the last count's noun."""

    index: int = -1
    year: int | None = None
    year_topics: set[str] = field(default_factory=set)
    carry_alive: bool = False
    last_count: str | None = None
    previous_text: str = (
        ""  # the last sentence, for verbs that carry ("…transfer projects. … cover 28 patents")
    )
    pct_seen: bool = False
    patent_seen: bool = False
    earlier_year: int | None = None  # last year of earlier paragraphs, for "the same period"
    deal_money: bool = False  # the paragraph's last sum was deal money (core.metrics.money)
    list_basis: str | None = None  # what the article's ranking ranks (core/metrics/list_basis.py)


_RANK_WORD = re.compile(r"\brank|rating|排名|位居|位列|名列|top\b|第\s*\S{1,3}\s*[位名]", re.I)
_QUAL_BEFORE = [
    (
        re.compile(
            r"(more than|over|no less than|at least|exceed(?:ed|ing|s)?|超过了?|突破了?|逾|多于)\s*$",
            re.I,
        ),
        "more_than",
    ),
    (re.compile(r"(about|approximately|around|nearly|近|约)\s*$", re.I), "about"),
]
_CHANGE_BEFORE = re.compile(
    r"(increase[ds]? (?:of|by)|increased by|up by|growth of|grew by|up|增长|增加|提高|同比)\s*$",
    re.I,
)
_CHANGE_AFTER = re.compile(
    r"^\s*(%|percent|个百分点|倍|times\b|more\b|less\b|fewer\b|higher\b|lower\b)", re.I
)
_STOP = {
    "and",
    "with",
    "in",
    "to",
    "for",
    "from",
    "under",
    "which",
    "of",
    "were",
    "was",
    "have",
    "has",
    "had",
    "that",
    "during",
    "by",
    "at",
    "on",
    "since",
    "is",
    "are",
    "a",
    "the",
    "as",
    "than",
    "while",
    # "42 Indian patents against an application of 97": a comparison, not the noun
    "an",
    "against",
    "versus",
    "vs",
    "compared",
}
# Every figure the extractor emits sits in a sentence with one of these words; sentences
# without any are skipped whole (most news never mentions patents). Substring tests on the
# lowered text: a case-insensitive alternation over 2 KB costs ~0.4 ms, these ~10 us.
GATE_WORDS = (
    "patent", "pct", "invention", "intellectual", "applica", "contract", "worth", "licen",
    "transfer", "transform", "rank", "top", "placed", "medal", "专利", "知识产权", "发明",
    "合同", "成交", "转让", "转化", "许可", "授权", "排名", "位居", "位列", "名列", "首位",
    "居", "前", "第", "sold for", "royalt", "技转", "买断", "卖出", "转移", "移转",
    "收益", "收入", "income", "revenue", "申请", "获证", "disclosure", "disclosed",
    # a place stated with no patent word ("X finished in third place, behind Y"): only
    # sentences of patent articles reach this gate
    "place", "spot", "position",
)  # fmt: skip
# An article holds a patent metric only if it names patents, inventions, IP, licences,
# transfers or their contracts somewhere: a rank word alone ("top", 第) is not enough.
ARTICLE_WORDS = (
    "patent", "pct", "invention", "intellectual", "licen", "transfer", "commerciali", "applica",
    "wipo", "uspto", "disclosure",
    "royalt", "contract", "utility", "专利", "知识产权", "发明", "合同", "成交", "转让",
    "转化", "许可", "技转", "授权", "转移", "移转",
)  # fmt: skip


@lru_cache(maxsize=8192)
def gated(text: str) -> bool:
    """Whether a sentence has a patent, rank or money word (cached: every pass asks)."""
    low = text.lower()
    for w in GATE_WORDS:  # noqa: SIM110 (a loop is cheaper than any() over a generator)
        if w in low:
            return True
    return False


def may_hold(low: str, text: str, words: tuple[str, ...]) -> bool:
    """Whether a case-insensitive pattern whose every match holds one of ``words`` (lowered)
    can match ``text`` (``low`` is ``text.lower()``): a substring test before the regex.
    Text holding İ ı ſ K, which IGNORECASE also reads as i, s, k, always may."""
    for w in words:  # a plain loop: cheaper than a generator for a few words
        if w in low:
            return True
    return has_case_folds(text)


def patent_article(text: str) -> bool:
    """Whether an article can hold a patent metric at all (checked before any regex): it names
    patents, inventions, IP, licences or transfers, and its licences are not only those of
    its name and logo on merchandise."""
    low = text.lower()
    for w in ARTICLE_WORDS:  # noqa: SIM110 (a loop is cheaper than any() over a generator)
        if w in low:
            return not _merchandise_licensing(low)
    return False


# a university's trademark licensing ("royalties are generated by sales of items bearing the
# logo", Collegiate Licensing Company): its royalties and ranks are no patent figures
_MERCHANDISE = ("logo", "trademark", "apparel", "merchandise", "collegiate licensing")
_INVENTIONS = ("patent", "invention", "technology transfer", "tech transfer", "专利", "发明")


def _merchandise_licensing(low: str) -> bool:
    return any(w in low for w in _MERCHANDISE) and not any(w in low for w in _INVENTIONS)


_RANK_HINTS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "fifteenth",
    "twentieth",
    "top",
    "led ",  # "led with 413", "led all universities" (engine_ranks._TOPPED)
    "leads ",
    "head",
    "首位",
    "第",
    "前",
)


@lru_cache(maxsize=4096)  # pure; the engine asks it of a sentence more than once
def _has_rank_hint(t: str) -> bool:
    """Cheap pre-check before the rank patterns (substring tests beat a case-insensitive regex)."""
    low = t.lower()
    for h in _RANK_HINTS:  # noqa: SIM110 (a loop is cheaper than any() over a generator)
        if h in low:
            return True
    return False


_PATENT_CONTEXT = re.compile(
    r"patent|PCT|invention|applications|applicants|intellectual property|专利|知识产权|发明|转让|许可|转化|transfer|licens"
    r"|移转|技转",  # Taiwan's 技术移转 (技转)
    re.I,
)
_PCT = re.compile(r"(?<![A-Za-z])PCT(?![A-Za-z])|Patent Cooperation Treaty", re.I)
_MEASURE = re.compile(r"^\s*(件|项|个)")
_CLAUSE_SEP = re.compile(r"[;；，,:：](?!\d)|、")


@lru_cache(maxsize=4096, typed=True)  # pure; asked again for one sentence
def _clause_start(t: str, pos: int) -> int:
    starts = [m.end() for m in _CLAUSE_SEP.finditer(t, 0, pos)]
    return starts[-1] if starts else 0


# "余"/"多" after the figure ("300余件", "300件多"); a bare "余" is one of its cases
_QUAL_AFTER = re.compile(r"^\s*(?:件|项)?\s*(余|多)")


def _qualifier(before: str, after: str) -> str | None:
    for pattern, name in _QUAL_BEFORE:
        if pattern.search(before):
            return name
    if _QUAL_AFTER.match(after):
        return "more_than"
    return None


def _next_clause_end(t: str, pos: int) -> int:
    m = _CLAUSE_SEP.search(t, pos)
    return m.start() if m else len(t)


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
