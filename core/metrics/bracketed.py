"""List entries that give a place and a count in one bracket: "Purdue University (9th, 120
patents)", "X (No. 14, 95)", "X (95 patents, 14th)".

News of the NAI/IPO and WIPO lists names the members of a list in passing with both figures
in brackets after each name. The other finders read a bracket that holds one figure; this
one reads the pair. The name is the organisation written right before the bracket; the
count's metric is the one its noun names in the bracket, else the sentence's count noun,
else the article's default count (the list's figure: U.S. patents granted in an NAI
article, PCT applications in a WIPO one).
"""

from __future__ import annotations

import re
from typing import Any

from core.metrics.entities import find_entities
from core.metrics.record import sentence_figure
from core.metrics.vocab import count_metric

_PLACE = r"(?:No\.?\s*|#)?(?P<{0}>\d{{1,3}})(?:st|nd|rd|th)?(?:\s+place)?"
_COUNT = r"(?:with\s+)?(?P<{0}>\d{{1,3}}(?:,\d{{3}})*|\d+)(?P<{1}>\s+[a-zA-Z. ]{{0,30}}?)?"
_PAIR = re.compile(
    r"\(\s*(?:"
    + _PLACE.format("r1")
    + r"\s*[,;]\s*"
    + _COUNT.format("c1", "n1")
    + r"|"
    + _COUNT.format("c2", "n2")
    + r"\s*[,;]\s*"
    + _PLACE.format("r2")
    + r")\s*\)"
)
# a place must look like one: an ordinal suffix, "No."/"#", or the first of the pair
_ORDINAL = re.compile(r"(?:No\.?\s*|#)\d|\d(?:st|nd|rd|th)\b", re.I)


def bracketed_pairs(
    sentence: str, start: int, default_count: str, patent_list: bool
) -> list[dict[str, Any]]:
    """Rank and count records for each "Name (place, count)" of ``sentence``."""
    if "(" not in sentence or not (patent_list or re.search(r"patent|专利", sentence, re.I)):
        return []
    ents = [e for e in find_entities(sentence) if e.university and e.name]
    out: list[dict[str, Any]] = []
    for m in _PAIR.finditer(sentence):
        if not _ORDINAL.search(m.group(0)):
            continue  # "(12, 120)" could be anything: a place says it is one
        owner = next((e for e in reversed(ents) if 0 <= m.start() - e.end <= 2), None)
        if owner is None or owner.name is None:
            continue
        place = int(m.group("r1") or m.group("r2"))
        count = int((m.group("c1") or m.group("c2")).replace(",", ""))
        noun = (m.group("n1") or m.group("n2") or "").strip()
        metric = (count_metric(noun, "") if noun else "") or count_metric(sentence, "")
        metric = metric or default_count
        if 0 < place <= 500:
            out.append(sentence_figure(owner.name, "rank", place, "rank", sentence, start))
        out.append(sentence_figure(owner.name, metric, count, "count", sentence, start))
    return out
