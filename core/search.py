"""Search terms for the word index: Chinese text cut into 1- to 4-character grams.

SQLite's built-in tokenizers cannot find short Chinese terms: ``unicode61`` keeps
a run of Han characters as one token (so 专利 inside 专利申请 is invisible), and
``trigram`` needs three characters. The word index (``articles_search``) is
therefore fed pre-segmented text: every run of CJK characters is replaced by its
characters (in order, so a phrase of characters matches any length), then its
2-, 3- and 4-character grams. A query typed as-is into Datasette's search box,
``sqlite-utils search`` or ``MATCH`` then finds any Chinese term of up to four
characters, and English words as usual. Pure functions: the database registers
:func:`search_terms` as an SQL function for the index's triggers.
"""

from __future__ import annotations

import re

# Han (incl. extension A and compatibility ideographs) and kana: scripts written without spaces.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_HAS_CJK = re.compile(f"[{_CJK}]")
MAX_GRAM = 4


def _grams(match: re.Match[str]) -> str:
    run = match.group()
    parts = [" ".join(run)]  # characters first and contiguous: a phrase of them is any length
    for k in range(2, min(MAX_GRAM, len(run)) + 1):
        parts.append(" ".join([run[i : i + k] for i in range(len(run) - k + 1)]))
    return " " + " ".join(parts) + " "


def search_terms(text: str | None) -> str:
    """The text as the word index stores it: CJK runs as grams, everything else unchanged."""
    if not text:
        return ""
    return _CJK_RUN.sub(_grams, text)


def has_cjk(text: str) -> bool:
    return bool(_HAS_CJK.search(text))


def match_query(query: str) -> str:
    """An FTS5 ``MATCH`` expression for the word index: every space-separated term must occur.

    A CJK term becomes the phrase of its characters, which the index holds in order, so
    terms of any length match; quotes in the query are data, never FTS5 syntax.
    """
    phrases = []
    for term in query.split():
        spaced = _CJK_RUN.sub(lambda m: " " + " ".join(m.group()) + " ", term).strip()
        phrases.append('"' + spaced.replace('"', '""') + '"')
    return " ".join(phrases)


def snippet(text: str, query: str, width: int = 40) -> str:
    """A one-line excerpt around the query (else its first term found), marked with [ ]."""
    flat = " ".join(text.split())
    lower = flat.lower()
    found = [(lower.find(t.lower()), t) for t in [query, *query.split()] if t]
    found = [(pos, t) for pos, t in found if pos >= 0]
    if not found:
        return flat[: 2 * width] + ("…" if len(flat) > 2 * width else "")
    pos, term = found[0]
    end = pos + len(term)
    start = max(0, pos - width)
    stop = min(len(flat), end + width)
    return (
        ("…" if start else "")
        + flat[start:pos]
        + "["
        + flat[pos:end]
        + "]"
        + flat[end:stop]
        + ("…" if stop < len(flat) else "")
    )
