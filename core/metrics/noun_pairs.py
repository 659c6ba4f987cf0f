"""One institution's two figures named together and given "respectively": "A的专利申请量和授权量
分别为1200件和800件", "A's patent applications and grants were 120 and 80, respectively".

The list finders pair several *names* with several numbers; here one owner has several
*nouns*, and each number takes the metric of the noun in its place (labelling rule 6: each
figure is labelled); or one noun has two verbs ("416 and 385 patents filed and granted"), and
each number takes its verb's. A noun that names no patent kind by itself ("授权量", "grants") takes
the patent word its neighbour has.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.metrics.gates import gate_tables
from core.metrics.vocab import count_metric

# the Chinese form: the nouns, 分别, then the numbers with their measure words
_ZH = re.compile(r"分别(?:为|是|达|达到|有|共)?\s*")
_ZH_NUMBER = re.compile(r"(\d[\d,]*)\s*(?:件|项)")
_ZH_JOIN = re.compile(r"和|及|与|、")
# the English form: "<nouns> were 120 and 80, respectively"
_EN = re.compile(
    r"(?P<head>[^,;.]{3,120}?)\s+(?:were|was|are|stood at|reached|totall?ed|numbered)\s+"
    r"(?P<a>\d[\d,]*)\s+and\s+(?P<b>\d[\d,]*),?\s+respectively\b",
    re.I,
)
_EN_JOIN = re.compile(r"\s+and\s+|,\s*")
# the values first, then one noun and its verbs: "416 and 385 patents filed and granted
# (respectively)": each value takes its verb's metric
_EN_VERBS = re.compile(
    r"(?P<a>\d[\d,]*)\s+and\s+(?P<b>\d[\d,]*)\s+(?P<noun>(?:[A-Za-z.-]+\s+){0,3}?"
    r"(?:patents?|IPs?|inventions?|applications?))\s+(?:were\s+|have been\s+)?"
    r"(?P<v1>filed|applied for|granted|issued|licensed|transferred)\s+and\s+"
    r"(?P<v2>filed|applied for|granted|issued|licensed|transferred)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[,，;；。]")

# English nouns the vocabulary reads only with their patent word ("grants" = patents granted)
_BARE = {
    "grants": "patents granted",
    "issued": "patents granted",
    "filings": "patent applications",
    "applications": "patent applications",
    "licences": "licence agreements",
    "licenses": "license agreements",
}

Pair = tuple[float, int, int, str]  # value, start, end, metric


@lru_cache(maxsize=1024)
def noun_pairs(text: str) -> tuple[Pair, ...]:
    """(value, start, end, metric) of each figure of a nouns-then-values "respectively"
    (cached: the engine asks for every number of such a sentence)."""
    out: list[Pair] = []
    if "分别" in text:
        for m in _ZH.finditer(text):
            out += _zh_pair(text, m)
    if "respectively" in text:
        for m in _EN.finditer(text):
            values = [(m.group(k), m.start(k), m.end(k)) for k in ("a", "b")]
            out += _assign(_EN_JOIN.split(m.group("head")), values, "patent ")
    if " and " in text:
        for m in _EN_VERBS.finditer(text):
            values = [(m.group(k), m.start(k), m.end(k)) for k in ("a", "b")]
            noun = re.sub(r"\bIPs?\b", "patents", m.group("noun"))
            out += _assign([f"{noun} {m.group('v1')}", f"{noun} {m.group('v2')}"], values, "")
    return tuple(out)


def paired_noun_figure(text: str, start: int) -> bool:
    """Whether the number at ``start`` is one of such a pair (the engine then leaves it to
    :func:`noun_pairs`, which knows which noun is its own)."""
    if "分别" not in text and "respectively" not in text and " and " not in text:
        return False
    return any(a <= start < b for _v, a, b, _m in noun_pairs(text))


def _zh_pair(text: str, m: re.Match[str]) -> list[Pair]:
    head_start = max((x.end() for x in _CLAUSE_BREAK.finditer(text, 0, m.start())), default=0)
    head = text[head_start : m.start()]
    nxt = _CLAUSE_BREAK.search(text, m.end())
    tail_end = nxt.start() if nxt else len(text)
    values = [
        (v.group(1), v.start(1), v.end()) for v in _ZH_NUMBER.finditer(text, m.end(), tail_end)
    ]
    return _assign(_ZH_JOIN.split(head), values, "专利")


def _assign(parts: list[str], values: list[tuple[str, int, int]], patent: str) -> list[Pair]:
    """Each value the metric of its noun, when there are as many nouns as values and each
    names a different metric."""
    parts = [p for p in parts if p.strip()]
    if len(parts) < 2 or len(parts) != len(values):
        return []
    metrics = [
        count_metric(p, "")
        or count_metric(patent + p.strip(), "")
        or count_metric(_BARE.get(p.strip().split()[-1].lower(), ""), "")
        for p in parts
    ]
    if "" in metrics or len(set(metrics)) != len(metrics):
        return []
    return [
        (float(raw.replace(",", "")), start, end, metric)
        for (raw, start, end), metric in zip(values, metrics, strict=True)
    ]


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
