"""Counts, rates and pairs the other finders miss, as records before the context step.

One entry point for three small form finders: patent rates (:mod:`core.metrics.rates`),
bare and elided nouns (:mod:`core.metrics.bare_counts`) and before/after pairs
(:mod:`core.metrics.pairs`). A figure belongs to the university named last before it in
its sentence, as for any count; none named, the paragraph's last named subject (a block's,
for its "label: value" lines); its year is the one written with it, else its sentence's only year.
"""

from __future__ import annotations

import re
from typing import Any

from core.metrics.awards import award_article, award_spans
from core.metrics.bare_counts import bare_spans, paragraph_topics
from core.metrics.blocks import label_line
from core.metrics.count_years import _year_near
from core.metrics.counts import _NOT_A_COUNT, _clause, _ours_only, _owner, _record
from core.metrics.entities import find_entities, owners
from core.metrics.gates import gate_tables
from core.metrics.pairs import NO_TIME, pair_spans
from core.metrics.periods import _period, own_years
from core.metrics.rates import rate_spans
from core.metrics.sentences import Sentence

# "4,100 filings since 2019": the count runs from that year to now (a period, not a year)
_SINCE_AFTER = re.compile(r"[^,;.。；]{0,20}?\bsince\s+((?:19|20)\d\d)\b", re.I)
_Span = tuple[float, int, int, str, str, str | None]  # value, start, end, metric, unit, time
AWARD_TIME = "award"  # an award count's time: its clause's year, else the last one before it


def more_counts(sentences: list[Sentence], default: str | None) -> list[dict[str, Any]]:
    """Records of every sentence's rates, bare counts and pairs, each (sentence, value) once."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[int, float]] = set()
    before, paragraph = "", -1
    history: list[str] = []  # the sentences whose named university is the subject
    awards = award_article([s.text for s in sentences])
    award_year: int | None = None  # the paragraph's last year stated, for its medal counts
    for s in sentences:
        if s.paragraph != paragraph and not label_line(s.text):
            before, history = "", []  # a block's "label: value" lines keep its subject
        if s.paragraph != paragraph:
            award_year = None
        paragraph = s.paragraph
        spans = _spans(s.text, before)
        if awards:  # an article about patent awards or invention exhibitions (awards.py)
            spans += [(v, a, b, m, "count", AWARD_TIME) for v, a, b, m in award_spans(s.text)]
        for value, start, end, metric, unit, time in spans:
            if (s.start, value) in seen:
                continue
            seen.add((s.start, value))
            rec = _figure(s, value, start, end, metric, unit, time, default)
            if rec is not None:
                rec["institution"] = rec["institution"] or _subject(history)
                if time == AWARD_TIME and rec["year"] is None:
                    # "于2022年…发明展…囊括22个奖项。…包括六项金奖": the paragraph's exhibition
                    rec["year"] = award_year
                out.append(rec)
        if awards and (stated := own_years(s.text)):
            # (a span's year, "1989年至2014年累计", dates no later sentence's medals)
            award_year = None if _period(s.text)[0] else stated[-1]
        before = paragraph_topics(before, s.text)
        history.append(s.text)
    return out


def with_forms(
    engine: list[dict[str, Any]],
    mine: list[dict[str, Any]],
    known: set[tuple[int, float, bool]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The sentence engine's records and the new ones of these forms. A form names its
    metric by its own verb or noun ("with 120 of them being granted", "out of the 116
    filed"), so where the engine read the same number of the same sentence as another
    count metric, the form's reading replaces it; other known numbers stay the finders'.
    ``known`` grows by the forms' new numbers."""
    by_key = {(r["start"], float(r["value"])): r for r in mine}
    kept, replaced = [], set()
    for r in engine:
        key = (r["start"], float(r["value"]))
        form = by_key.get(key)
        if form and _count(r) and form["unit"] == "count" and _reads_better(form, r):
            replaced.add(key)
            continue
        kept.append(r)
    new = []
    for key, r in by_key.items():
        seen = (*key, r["metric"] == "rank")  # a place is known apart from a count (extract.py)
        if key in replaced or seen not in known:
            known.add(seen)
            new.append(r)
    return kept, new


def _reads_better(form: dict[str, Any], engine: dict[str, Any]) -> bool:
    """The form names another metric, or the same one with its own time ("rose from 210 to 340
    between 2015 and 2019": 210 is 2015's, not the span's)."""
    if engine["metric"] != form["metric"]:
        return True
    own_time = (form.get("year"), form.get("period"))
    return bool(form.get("timed")) and own_time != (engine.get("year"), engine.get("period"))


def _count(rec: dict[str, Any]) -> bool:
    """Whether an engine record is a count (its unit there is the noun: patents, applications)."""
    return (
        rec["metric"] not in ("rank", "contract_amount")
        and not rec.get("currency")
        and rec["unit"] not in ("percent", "rank", "rank_top_n")
    )


def _subject(history: list[str]) -> str:
    """The paragraph's subject: the one university the latest sentence naming any names;
    two or more named leave no subject (whose would a bare figure be?). Asked only for a
    figure whose own sentence names nobody."""
    for text in reversed(history):
        named = {e.name for e in find_entities(text) if e.university and e.name}
        if named:
            return named.pop() if len(named) == 1 else ""
    return ""


def _spans(text: str, before: str) -> list[_Span]:
    spans: list[_Span] = [
        (v, a, b, "other", "percent", None) for v, a, b in rate_spans(text, before)
    ]
    spans += [(v, a, b, m, "count", None) for v, a, b, m in bare_spans(text, before)]
    spans += [(v, a, b, m, "count", t) for v, a, b, m, t in pair_spans(text)]
    return spans


def _figure(
    s: Sentence,
    value: float,
    start: int,
    end: int,
    metric: str,
    unit: str,
    time: str | None,
    default: str | None,
) -> dict[str, Any] | None:
    owner = _owner(owners(s.text, find_entities(s.text)), s.text, start, default)
    if owner is None:
        return None  # a company's or a country's figure
    if _NOT_A_COUNT.search(_ours_only(s.text[:start] + _clause(s.text, start, end))):
        return None  # the nation's, all applicants', a person's or a company's figure
    rec = _record(owner, metric, value, s)
    rec["unit"] = unit
    # a pair's own time ("from 210 to 340 between 2015 and 2019") is not the sentence's span
    # an award's time and "the year before" are read against the sentence's period later
    rec["timed"] = time is not None and time not in (AWARD_TIME, "previous year")
    if time == AWARD_TIME:
        # "2022年的发明展中，城大囊括22个奖项": the exhibition's year is the one said before
        rec["year"] = _year_near(s.text, start, end, _clause(s.text, start, end)) or _year_before(
            s.text, start
        )
    elif time == NO_TIME:
        rec["year"] = None  # "从2015年的500件增至1200件": the later figure's year is not said
    elif time is not None and time.isdigit():
        rec["year"] = int(time)
    elif time is not None:
        rec["year"], rec["period"] = None, time
    elif since := _SINCE_AFTER.match(s.text, end):
        rec["year"], rec["period"] = None, f"since {since.group(1)}"  # a count to date
    else:
        rec["year"] = _year_near(s.text, start, end, _clause(s.text, start, end))
    return rec


def _year_before(text: str, start: int) -> int | None:
    """The last year the sentence states as its own before ``start``."""
    years = own_years(text[:start])
    return years[-1] if years else None


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
