"""The list pass: runs the list finders (:mod:`core.metrics.lists`) over every sentence.

A figure found here wins over the sentence engine's reading of the same figure in the
same sentence, because in a list the nearest name before a number is often the
previous entry's, not its owner.
"""

from __future__ import annotations

import re
from typing import Any

from core.metrics.context import Article
from core.metrics.entities import find_entities
from core.metrics.lists import bracketed_counts, no_n, numbered_line, respectively
from core.metrics.sentences import split_sentences
from core.metrics.vocab import count_metric

_YEAR = re.compile(r"(?<!\d)((?:19[89]|20[0-3])\d)(?!\d)(?!\s*(?:件|项|名|位|年代|万|亿))")
_RANKING = re.compile(r"\brank|\btop\s+\d|\blist\b|排名|排行|榜|前\d+|百强", re.I)


def list_metrics(text: str, ctx: Article) -> list[dict[str, Any]]:
    """Records (as dicts, before the context step) of every list entry in ``text``."""
    ranking_article = bool(_RANKING.search(text))
    default = "patents_granted" if "us_patents" in ctx.topics else "patent_applications"
    if "pct" in ctx.topics and "us_patents" not in ctx.topics:
        default = "pct_applications_published"
    out: list[dict[str, Any]] = []
    paragraph, para_text = -1, ""
    for s in split_sentences(text):
        if s.paragraph != paragraph:
            paragraph, para_text = s.paragraph, ""
        para_text += s.text
        ents = [e for e in find_entities(s.text) if e.university and e.name]
        if not ents:
            continue
        # the sentence's own words, else its paragraph's so far ("前5名的高校分别为: A 8002件" after
        # a sentence naming the list of valid invention patents)
        metric = count_metric(s.text, "") or count_metric(para_text, default)
        found = bracketed_counts(s.text, ents, metric) + respectively(s.text, ents, metric)
        found += no_n(s.text, ents)
        if ranking_article:
            found += numbered_line(s.text, ents)
        years = [int(y) for y in _YEAR.findall(s.text)]
        year = years[0] if len(set(years)) == 1 else None
        for inst, m, value, unit, _pos in found:
            out.append(
                {
                    "institution": inst,
                    "metric": m,
                    "value": int(value) if value == int(value) else value,
                    "unit": unit,
                    "year": year,
                    "period": None,
                    "scope": None,
                    "basis": None,
                    "qualifier": None,
                    "currency": None,
                    "evidence": s.text,
                    "start": s.start,
                    "end": s.end,
                }
            )
    return out
