"""The names an article gives its institutions: short forms it defines, and usual ones.

"Oklahoma State University (OSU)", "香港中文大学（简称中大）", "…股份有限公司(下称「台积电」)": a
bracketed short form after a name is that name for the rest of the article (a company's
stays a company's). An unregistered "远东科技大学" and "远东科大" in one article are one
university: the short form is the full name with its type shortened. The extraction under
way holds the pairs in :data:`ARTICLE_NAMES`, read by the entity finder.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from functools import lru_cache

# (alias, canonical name) pairs of the extraction under way; the default is none
ARTICLE_NAMES: ContextVar[tuple[tuple[str, str], ...]] = ContextVar("article_names", default=())

# "Oklahoma State University (OSU)", "香港中文大学（简称中大）", "（以下简称“北理工”）"
_DEFINED_EN = re.compile(r"\s*\((?:the\s+)?([A-Z][A-Za-z&]{1,9})\)")
# (Taiwan writes 下稱: "台湾积体电路制造股份有限公司(下称「台积电」)")
_DEFINED_ZH = re.compile(
    r"\s*[（(](?:以下)?(?:简称|下称)[“\"「]?([\u4e00-\u9fffA-Za-z]{2,8}?)[”\"」]?[）)]"
)
# the bracketed short form every definition entities.article_abbreviations reads ends with (a
# looser test than its pattern's, of either bracket): that pattern tries a name at every
# capital of an article, this one skips to the brackets
_ABBREVIATION = re.compile(r"[(（](?:[A-Z][A-Za-z]{1,7}|[\u4e00-\u9fff]{2,4})[)）]")


def defines_short_forms(text: str) -> bool:
    """Whether ``text`` may define an abbreviation (False: it defines none)."""
    # (a bracket is looked for first: the scan for the class costs ~4 us on 2 KB)
    return ("(" in text or "（" in text) and _ABBREVIATION.search(text) is not None


# a defined short form of a company stays a company's name (its figures are nobody's)
COMPANY_NAME = re.compile(r"公司|集团|\b(?:Co\.|Ltd|Inc|Corporation|Corp\.|LLC|GmbH|AG)\b")
_NOT_SHORT = {"PCT", "USD", "HKD", "TWD", "RMB", "CNY", "NAI", "IPO", "USPTO", "WIPO", "UGC"}
# a system's acronym names a family of institutes, not the one before it ("(IIT) Kanpur")
_NOT_SHORT |= {"IIT", "IITs", "NIT", "NITs", "IIM", "IIIT", "IISER", "SUNY", "CUNY", "UC"}


def defined_names(text: str, names: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """(short form, full name) for each name in ``names`` (start, end, canonical) that the
    text follows with a bracketed short form."""
    out: list[tuple[str, str]] = []
    for _start, end, full in names:
        m = _DEFINED_EN.match(text, end) or _DEFINED_ZH.match(text, end)
        if not m:
            continue
        short = m.group(1)
        upper = sum(c.isupper() for c in short)
        if short.isascii() and (upper < 2 or short in _NOT_SHORT):
            continue  # "(Japan)", "(PCT)": not a short form of the name
        if short != full:
            out.append((short, full))
    return out


_BRACKET = re.compile(r"[（(]")
_HEAD = 80  # characters before a bracket that can hold the name it defines


def definition_heads(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text just before each bracket that holds a short form: only these
    windows are searched for the names an article defines (a whole-text search is slow)."""
    return [
        (max(0, m.start() - _HEAD), m.start())
        for m in _BRACKET.finditer(text)
        if _DEFINED_EN.match(text, m.start()) or _DEFINED_ZH.match(text, m.start())
    ]


@lru_cache(maxsize=256)
def article_alias_re(pairs: tuple[tuple[str, str], ...]) -> re.Pattern[str] | None:
    """One pattern for an article's own short forms (Latin ones as whole words)."""
    if not pairs:
        return None
    alts = sorted({a for a, _ in pairs}, key=len, reverse=True)
    # "(?<!\w)OSU" written "O(?<!\wO)SU": opening with a literal, the engine skips to the
    # places of the forms' first characters instead of trying every position (~7x faster)
    return re.compile(
        "|".join(
            rf"{re.escape(a[0])}(?<!\w{re.escape(a[0])}){re.escape(a[1:])}(?![\w])"
            if a.isascii() and a
            else re.escape(a)
            for a in alts
        )
    )


# a Chinese university's usual short form: 远东科技大学 -> 远东科大, 合肥工业大学 -> 合肥工大
_ZH_SHORTS = (
    ("科技大学", "科大"),
    ("工业大学", "工大"),
    ("师范大学", "师大"),
    ("农业大学", "农大"),
    ("医科大学", "医大"),
    ("交通大学", "交大"),
)
ZH_SHORT_CUE = re.compile(r"科大|工大|师大|农大|医大|交大")


def zh_short_forms(text: str, fulls: list[str]) -> list[tuple[str, str]]:
    """(short form, full name) for each unregistered Chinese full name in ``fulls`` whose
    usual short form the text also writes ("远东科技大学…远东科大以336件居第5名")."""
    out: list[tuple[str, str]] = []
    for full in dict.fromkeys(fulls):
        for suffix, short_suffix in _ZH_SHORTS:
            if full.endswith(suffix) and len(full) - len(suffix) >= 2:
                short = full[: -len(suffix)] + short_suffix
                if short in text:
                    out.append((short, full))
    return out
