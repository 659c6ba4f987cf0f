"""The verb-driven sentence engine: numbers found sentence by sentence, classified as money,
rank or count, attributed to the nearest organisation before them, dated by the sentence
or the paragraph. One of the finders behind :func:`core.metrics.extract.extract_metrics`.
"""

from __future__ import annotations

import re

from core.metrics.carry import carried_gate, names_deal_heading
from core.metrics.engine_base import (
    _PATENT_CONTEXT,
    _PCT,
    _RANK_WORD,
    _Found,
    _has_rank_hint,
    _Paragraph,
    gated,
    may_hold,
)
from core.metrics.engine_counts import _count, placed_after_patents
from core.metrics.engine_ranks import _rank, _rank_basis, _ranks_special
from core.metrics.entities import Entity, find_entities, owners
from core.metrics.money import _money
from core.metrics.numbers import Number, as_number, find_numbers
from core.metrics.periods import _PLAIN_YEAR, _YEAR_CARRY, _period, _year_for, _years
from core.metrics.rankwords import PLACE_BEFORE_NAME
from core.metrics.record import Metric
from core.metrics.sentences import Sentence
from core.metrics.trie import any_match

# "the same year", 当年: plain words, tested as substrings (the case-insensitive alternation is
# tried at every character), once per figure
_HAS_YEAR_CARRY = any_match(_YEAR_CARRY)


def _sentence_pass(
    sentences: list[Sentence], institution: str | None, basis: str | None = None
) -> list[Metric]:
    """Figures sentence by sentence, with the paragraph state handed from one to the next;
    ``basis`` is what the article's ranking ranks (a bare entry's count is that figure)."""
    para = _Paragraph(list_basis=basis)
    out: list[Metric] = []
    for sentence in sentences:
        if sentence.paragraph != para.index:
            para = _Paragraph(
                index=sentence.paragraph,
                earlier_year=para.year or para.earlier_year,
                # what the article is about, and its year for the same topic, carry across
                # paragraphs; the sentence-to-sentence carry does not
                year=para.year,
                year_topics=para.year_topics,
                pct_seen=para.pct_seen,
                patent_seen=para.patent_seen,
                # "…transfer income.¶By school, A topped with $2m"; a heading that names the
                # money with no sum ("Royalties rose in 2019.¶A made $12.5 million")
                deal_money=para.deal_money or names_deal_heading(para.previous_text),
                list_basis=basis,
            )
        out.extend(_sentence_metrics(sentence, para, institution))
    return out


# --------------------------------------------------------------------------- per sentence


def _sentence_metrics(s: Sentence, para: _Paragraph, default: str | None) -> list[Metric]:
    t = s.text
    if not gated(t) and not carried_gate(t, para) and not placed_after_patents(t, para):
        # No patent, ranking or money word: nothing to extract, but a year it states
        # may carry to the next sentence.
        years = [(int(m.group(0)), m.start(), False) for m in _PLAIN_YEAR.finditer(t)]
        _update_paragraph(para, t, years[-1:], [], False, None)
        return []
    numbers = find_numbers(t)
    if not numbers and not _has_rank_hint(t):
        # "智慧局公布大专院校发明专利公告发证排名。": a sentence naming patents without a
        # figure still makes the places after it patent places
        para.patent_seen = para.patent_seen or _names_patents(t, t.lower())
        _update_paragraph(para, t, [], [], False, None)
        return []
    years = _years(t, numbers)
    period, period_year, period_is_dated, period_span = _period(t)
    found = _find_all(t, numbers, years, para)
    entities = [e for e in owners(t, find_entities(t)) if not _list_kind(t, e)] if found else []
    metrics: list[Metric] = []
    # A year inside a span ("since 2016", "from 2018 to 2020") is not the data year.
    explicit_years = [
        y
        for y in years
        if not y[2] and (period_is_dated or not (period_span[0] <= y[1] < period_span[1]))
    ]
    carried = False
    for f in found:
        inst = _named_after(t, f.pos, entities) or _institution(f.pos, entities, default)
        if inst is False:
            continue
        year = _year_for(f.pos, explicit_years)
        if year is None and period_is_dated:
            year = period_year
        if year is None and not period and _may_carry(t, f.metric, para):
            year, carried = para.year, True
        elif year is None and not period and para.year is None and _HAS_YEAR_CARRY(t):
            year = para.earlier_year
        metrics.append(
            Metric(
                institution=inst if isinstance(inst, str) else None,
                metric=f.metric,
                value=as_number(f.value),
                unit=f.unit,
                year=year,
                period=period,
                scope=f.scope,
                basis=f.basis,
                qualifier=f.qualifier,
                currency=f.currency,
                evidence=t,
                start=s.start,
                end=s.end,
            )
        )
    _update_paragraph(para, t, explicit_years, metrics, carried, period)
    return metrics


def _update_paragraph(
    para: _Paragraph,
    t: str,
    explicit_years: list[tuple[int, int, bool]],
    metrics: list[Metric],
    carried: bool,
    period: str | None,
) -> None:
    # a year in a bracketed aside ("…增长3%(日本松下公司曾于2013年获得第一名)") is the
    # aside's, not the time the next sentences speak of
    explicit_years = [y for y in explicit_years if not _in_brackets(t, y[1])]
    if explicit_years:
        para.year = explicit_years[-1][0]
        para.year_topics = _topics(t)  # only sentences that state a year need their topics
        para.carry_alive = True
    elif period:
        para.carry_alive = False
    else:
        para.carry_alive = carried and bool(metrics)
    para.previous_text = t


def _may_carry(t: str, metric: str, para: _Paragraph) -> bool:
    if para.year is None:
        return False
    return para.carry_alive or _HAS_YEAR_CARRY(t) or _topic(metric) in para.year_topics


_ASIDE = re.compile(r"[(（][^()（）]*[)）]")


def _in_brackets(t: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a bracketed aside of ``t`` (an aside opens with a bracket:
    a sentence without one is not scanned)."""
    if "(" not in t and "（" not in t:
        return False
    return any(m.start() < pos < m.end() for m in _ASIDE.finditer(t))


def _topic(metric: str) -> str:
    if metric.startswith("pct") or metric == "rank":
        return "pct"
    if metric in ("patents_transferred", "contract_amount"):
        return "transfer"
    return metric.split("_")[0]


# every match of _PCT / _RANK_WORD holds one of these (lowered)
_PCT_WORDS = ("pct", "patent cooperation treaty")
_PATENT_WORDS = (
    "patent", "pct", "invention", "applica", "intellectual property", "专利", "知识产权", "发明",
    "转让", "许可", "转化", "transfer", "licens",
)  # fmt: skip
_RANK_WORDS = ("rank", "rating", "排名", "位居", "位列", "名列", "top", "第")


def _topics(t: str) -> set[str]:
    topics = set()
    low = t.lower()  # substring tests: these run for every sentence that states a year
    if (may_hold(low, t, _PCT_WORDS) and _PCT.search(t)) or (
        may_hold(low, t, _RANK_WORDS) and _RANK_WORD.search(t)
    ):
        topics.add("pct")
    if any(w in low for w in ("transfer", "licens", "contract", "转让", "许可", "转化", "合同")):
        topics.add("transfer")
    if "invention" in low or "发明" in low:
        topics.add("invention")
    if any(w in low for w in ("international", "国际专利", "国外")):
        topics.add("international")
    return topics


# "A以180件排名学校第1": 学校 between a rank verb and its place is the kind of applicant the
# list ranks (schools, as against companies), not "the school" the article is about
_RANK_VERB_END = re.compile(r"(?:排名|排在|位居|位列|名列|居于|居|列)\s*$")


def _list_kind(t: str, e: Entity) -> bool:
    return (
        e.name is None
        and t[e.end : e.end + 1] == "第"
        and bool(_RANK_VERB_END.search(t, max(0, e.start - 3), e.start))
    )


_PLACE_BEFORE_NAME = re.compile(PLACE_BEFORE_NAME, re.I)


def _named_after(t: str, pos: int, entities: list[Entity]) -> str | None:
    """The university a place written right before its name is of ("26th-ranked B")."""
    m = _PLACE_BEFORE_NAME.match(t, pos)
    if not m:
        return None
    after = next((e for e in entities if e.start == m.end()), None)
    return after.name if after is not None and after.university and after.name else None


def _institution(pos: int, entities: list[Entity], default: str | None) -> str | None | bool:
    """The organisation a figure at ``pos`` belongs to; False for a non-university."""
    before = [e for e in entities if e.end <= pos]
    # With nothing named before the figure, a university named after it may be the
    # subject ("With 247 PCT applications, SZU ..."); a country after it is a place.
    entity = (
        before[-1]
        if before
        else next((e for e in entities if e.start >= pos and e.university), None)
    )
    if entity is not None and entity.name is None and default is None:
        # "宁波大学到2016年底,学校的有效专利量是…": with no article institution, "the school"
        # is the university the sentence named before it
        named = [e for e in before if e.university and e.name]
        return named[-1].name if named else None
    if entity is None or entity.name is None:
        return default
    if not entity.university:
        return False
    return entity.name


# --------------------------------------------------------------------------- finding figures


def _names_patents(t: str, low: str) -> bool:
    """Whether a sentence speaks of patents (then the places after it are patent places)."""
    return may_hold(low, t, _PATENT_WORDS) and bool(_PATENT_CONTEXT.search(t))


def _find_all(
    t: str, numbers: list[Number], years: list[tuple[int, int, bool]], para: _Paragraph
) -> list[_Found]:
    year_positions = {p for _, p, _ in years}
    found: list[_Found] = []
    consumed: set[int] = set()
    found += _ranks_special(t, consumed)
    prev_end = 0
    for n in numbers:
        if n.start in year_positions or n.start in consumed:
            prev_end = n.end
            continue
        f = (
            _money(t, n, prev_end, para)
            or _rank(t, n, prev_end, found)
            or _count(t, n, prev_end, para, found)
        )
        if f:
            found.append(f)
        prev_end = n.end
    low = t.lower()
    if not para.pct_seen:
        para.pct_seen = may_hold(low, t, _PCT_WORDS) and bool(_PCT.search(t))
    para.patent_seen = para.patent_seen or _names_patents(t, low)
    if not para.patent_seen:  # a contest or sports ranking, not a patent one
        found = [f for f in found if f.metric != "rank"]
    for f in found:
        if f.metric == "rank" and f.basis is None:
            f.basis = _rank_basis(t, found) or (
                "pct_applications_published" if para.pct_seen else None
            )
    return sorted(found, key=lambda f: f.pos)
