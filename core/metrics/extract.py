"""Extract patent metrics from article text, English and Chinese, with provenance.

Pure functions over text: no Scrapy, no database. The pipeline, the
``extract-metrics`` command and re-extraction all call :func:`extract_metrics`.

How a figure becomes a record, sentence by sentence:

1. numbers are found (digits, words, Chinese numerals) and years, percentages,
   year-on-year changes and figures of other things (students, sessions,
   contracts counted) are set aside;
2. money next to a currency is a ``contract_amount`` when the clause speaks of a
   contract (``other`` when it is an average); an ordinal in a ranking context
   is a ``rank`` with its scope and basis; "top 50"/"前50名" is a ``rank`` with
   unit ``rank_top_n``; a count is classified by its noun phrase and verb
   (published/filed/granted/transferred);
3. the figure belongs to the nearest organisation named before it in the
   sentence (self-references mean the article's institution); totals of
   countries, companies and patent offices are dropped;
4. its year is the sentence's own year (comparison years such as "compared to
   2017" excluded), else a year carried from the paragraph while the text
   stays on the same subject, else none; spans ("in the past three years",
   "截至2020年底") go to ``period``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from core.chinese import to_simplified
from core.institutions import canonical
from core.metrics.applicants import followed_by_another, group_total, not_the_owners
from core.metrics.article_time import own_relative_time
from core.metrics.blocks import block_times
from core.metrics.bracketed import bracketed_pairs, lend_scopes
from core.metrics.column_tables import column_tables
from core.metrics.contents import mask_page_numbers
from core.metrics.context import Article, apply_context, article_context
from core.metrics.counts import find_counts
from core.metrics.ellipsis import continued_all
from core.metrics.engine import _sentence_pass
from core.metrics.engine_base import gated, patent_article
from core.metrics.engine_counts import placed_with
from core.metrics.entities import find_entities
from core.metrics.foreign import foreign_office
from core.metrics.g_counts import more_counts, with_forms
from core.metrics.gates import gate_tables
from core.metrics.inline_table import table_rows
from core.metrics.listpass import list_metrics
from core.metrics.locale import local_scopes
from core.metrics.members import member_ranks, merge_members
from core.metrics.names import as_written
from core.metrics.numbers import normalise
from core.metrics.paired_sums import pair_sums
from core.metrics.periods import _set_time, one_time, sentence_periods
from core.metrics.rankforms import rank_phrases
from core.metrics.rankpass import engine_times, settle_ranks
from core.metrics.rankscope import kind_scopes
from core.metrics.rankwords import PATENT_WORD
from core.metrics.record import EXTRACTOR_VERSION, METRICS, Metric
from core.metrics.row_tables import row_tables
from core.metrics.sentences import Sentence, split_sentences
from core.metrics.shared import shared_figures, times_of_counts
from core.metrics.stat_lines import stat_lines
from core.metrics.subject import headline_subject
from core.metrics.table_lines import header_year, table_headers, table_line_ranks
from core.metrics.table_rows import flat_tables
from core.metrics.unwrap import span_in_original, unwrap

# --------------------------------------------------------------------------- public API


def extract_metrics(
    text: str, institution: str | None = None, lang: str = "auto", published: str | None = None
) -> list[Metric]:
    """All patent metrics stated in ``text``.

    :param text: article body (paragraphs separated by newlines); traditional characters
        are matched through their simplified form, offsets stay those of ``text``
    :param institution: the article's own institution (for "NEU", "我校", "the university");
        any registered alias, written in its canonical spelling in the output
    :param lang: ``en``, ``zh`` or ``auto``; both languages' patterns run on every sentence,
        so ``auto`` is always right for mixed text
    :param published: the article's publication date (ISO), for "last year"
    :returns: one record per distinct (institution, metric, value, year, scope), first kept
    """
    del lang  # patterns of both languages apply; kept for the CLI contract
    original = text or ""
    if not patent_article(original) and not patent_article(to_simplified(original)):
        return []
    matched, index = unwrap(to_simplified(normalise(original)))
    # a number of 16 or more digits (commas allowed) is an id or junk, never a figure:
    # masked, offsets kept
    if _has_long_number(matched):
        matched = _LONG_DIGITS.sub(_masked, matched)
    matched = mask_page_numbers(matched)  # "Appendix 1 – Patents Filed 21" is a page
    ctx = article_context(matched, published, institution)
    # no institution given: the headline's, for an article that says "the university"
    owner, count = canonical(institution) or headline_subject(matched), _default_count(ctx)
    sentences = list(split_sentences(matched))
    raws = _raw_figures(matched, sentences, ctx, owner, count)
    pair_sums(raws)  # "A和B…收入分别达29.9亿元和25亿元": each name its sum
    _headed(raws, table_headers(sentences))
    periods = sentence_periods(sentences)
    kept: list[dict[str, Any]] = []
    for raw in raws:
        if not raw.get("timed"):  # a pair's figures carry their own times (g_counts.py)
            _set_time(raw, periods.get(raw["start"]))
        own_relative_time(raw)  # "北方大学去年技转金额排名全国第二": the sentence's own time
        rec = apply_context(raw, ctx)
        named = find_entities(rec["evidence"]) if rec is not None else []
        if (
            rec is None
            or not_the_owners(rec, named)
            or followed_by_another(rec, named)
            or group_total(rec)
        ):
            continue  # nobody's, or a company's or a country's the finders fell back on
        one_time(rec)
        foreign_office(rec)  # "4 US patent applications" of an Indian institute: abroad
        # an unregistered name is reported as the original text writes it (逢甲大學, not 逢甲大学)
        rec["institution"] = as_written(rec["institution"], matched, original, index, rec["start"])
        rec["start"], rec["end"] = span_in_original(index, rec["start"], rec["end"])
        rec["evidence"] = original[rec["start"] : rec["end"]]
        kept.append(rec)
    kept += shared_figures(kept)  # "A和B各获12项", "A and B tied for third, each with 14"
    kept = _dedup(times_of_counts(settle_ranks(_each_rank(kept), original)))
    kind_scopes(kept, original)  # "全国第3" in a vocational colleges' ranking: among them
    local_scopes(kept, ctx)
    return [Metric(**{k: v for k, v in r.items() if k not in _WORK_KEYS}) for r in kept]


_LONG_DIGITS = re.compile(r"\d(?:[\d,]*\d)?")
_ANY_LONG = re.compile(r"\d[\d,]{15}")
# an ASCII text's digits and commas as "0", every other byte as " ": a match of _ANY_LONG is
# sixteen of them in a row (found by bytes.find, ~2 us on 1.8 KB; the scan ~11 us)
_DIGIT_OR_COMMA = bytes(48 if 48 <= b <= 57 or b == 44 else 32 for b in range(256))
_SIXTEEN = b"0" * 16


def _has_long_number(text: str) -> bool:
    """``bool(_ANY_LONG.search(text))``: an ASCII text without sixteen digits and commas in
    a row is answered without the scan."""
    if text.isascii() and _SIXTEEN not in text.encode("ascii").translate(_DIGIT_OR_COMMA):
        return False
    return _ANY_LONG.search(text) is not None


def _masked(m: re.Match[str]) -> str:
    run = m.group(0)
    return "#" * len(run) if sum(c.isdigit() for c in run) >= 16 else run


# finders' working marks, not Metric fields
_WORK_KEYS = ("inferred", "each", "member", "timed", "header")


def _headed(raws: list[dict[str, Any]], headers: dict[int, str]) -> None:
    """A line table's row count takes its header's year and words ("International Patent
    Applications, 2014" over "1 47 U. of California system 413"), read by the context step."""
    for raw in raws:
        header = headers.get(raw["start"])
        if header and raw["metric"] != "rank":
            raw["header"] = header
            year = header_year(header)
            if year and raw.get("year") is None and not raw.get("period"):
                raw["year"], raw["timed"] = year, True


def _raw_figures(
    matched: str, sentences: list[Sentence], ctx: Article, owner: str | None, count: str
) -> list[dict[str, Any]]:
    """Every finder's figures, each figure once: lists first, then the sentence engine, the
    count finder, the names that continue an enumeration, and rank phrases."""
    # only sentences with a patent, rank or money word can hold a figure (a list entry
    # "12. Purdue University", "…: 505" needs only a number)
    near = _after_patent_sentence(sentences)
    # (and a place with its figure right after one about patents: "B came in fifth with 186.")
    with_words = [
        s for s in sentences if gated(s.text) or (s.start in near and placed_with(s.text))
    ]
    listed = _list_figures(matched, sentences, ctx, owner, count)
    # a top 3 is not the list's third place: a rank's unit is part of the figure
    in_lists = {(r["start"], r["metric"], r["value"], _top(r["unit"])) for r in listed}
    found = [m.as_dict() for m in _sentence_pass(sentences, owner, ctx.ranking_basis)]
    engine_times(listed, found)
    engine = [
        m for m in found if (m["start"], m["metric"], m["value"], _top(m["unit"])) not in in_lists
    ]
    known = {_known_key(r) for r in listed + engine}
    engine, mine = with_forms(
        engine, more_counts(sentences, owner), known
    )  # rates, bare nouns, pairs
    extra = _new(_counts(with_words, owner, count, near, listed), known)
    # "A filed 185 applications, B 132 and C 106": the later names share the first's metric
    more = _new(continued_all(engine + extra), known)
    # rank phrases no finder above read ("is second with", "排第2", "排名第二的是X")
    # a sentence right after one about patents in its paragraph ranks the same thing ("…专利
    # 申请百大排名。A以98件排名第2，B以90件排名第3")
    more += _new(
        (
            r
            for s in with_words
            for r in rank_phrases(s.text, s.start, owner, bool(ctx.topics) or s.start in near)
        ),
        known,
    )
    # "Purdue (9th, 120 patents)": a list member's place and count in one bracket
    places = [
        r for s in with_words for r in bracketed_pairs(s.text, s.start, count, bool(ctx.topics))
    ]
    lend_scopes(listed + engine + mine + extra + more, places)
    more += _new(places, known)
    # "A、B、C等也都杀入了全国50强", "A, B and C made the top 50": every named member
    have = {_member_key(r) for r in listed + engine + mine + extra + more}
    more += merge_members(
        listed + engine + mine + extra + more, member_ranks(sentences, bool(ctx.topics))
    )
    # "1 University of California 540" line tables: the places of their rows
    more += [r for r in table_line_ranks(sentences, bool(ctx.topics)) if _member_key(r) not in have]
    block_times(listed + mine, matched)  # "Total patents filed: 118" under a ranking's span
    columns = column_tables(matched, sentences, count, bool(ctx.topics))
    # a scorecard's rows, a dashboard's captioned figures ("145\ninvention disclosures")
    columns += [{**r, "institution": owner or ""} for r in row_tables(matched)]
    found = _own_kind_first(listed + engine + mine + extra + more, count)
    return _headed_tables(_captions_first(found, stat_lines(matched, owner)), columns)


def _counts(
    sentences: list[Sentence],
    owner: str | None,
    count: str,
    near: set[int],
    listed: list[dict[str, Any]],
) -> Iterable[dict[str, Any]]:
    """The count finder's figures (a sentence right after one about patents may count them
    with their noun left out), except those of the lists."""
    for s in sentences:
        for r in find_counts(s, owner, count, s.start in near):
            if not _in_list(r, listed):
                yield r


def _list_figures(
    matched: str, sentences: list[Sentence], ctx: Article, owner: str | None, count: str
) -> list[dict[str, Any]]:
    """The list finders' figures, read on the sentences that can be list entries."""
    listy = [s for s in sentences if _listy(s.text)]
    listed = list_metrics(matched, ctx, owner, count, listy)
    listed += [r for s in listy for r in table_rows(s.text, s.start, count)]
    return listed + flat_tables(matched, listy, count, listed)  # "1 A 北京 12 2 B 北京 2 …"


def _after_patent_sentence(sentences: list[Sentence]) -> set[int]:
    """Starts of the sentences whose previous sentence in the same paragraph speaks of patents."""
    out: set[int] = set()
    for prev, s in zip(sentences, sentences[1:], strict=False):
        if prev.paragraph == s.paragraph and PATENT_WORD.search(prev.text):
            out.add(s.start)
    return out


def _headed_tables(
    found: list[dict[str, Any]], columns: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A table whose header names its columns ("Rank in 2005 | Number of patents in 2005 |
    U.S. University | (Rank in 2004) | …") has its rows read by the header alone."""
    if not columns:
        return found
    rows = {r["start"] for r in columns}
    return [r for r in found if r["start"] not in rows] + columns


def _captions_first(
    found: list[dict[str, Any]], captions: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A dashboard line's figure is what its caption names ("Issued patents – 252, with 180
    U.S. and 72 international": 252 is the caption's; the sentence finders' 180 and 72 stay)."""
    read = {(r["start"], r["value"]) for r in captions}
    return [r for r in found if (r["start"], r["value"]) not in read] + captions


def _own_kind_first(records: list[dict[str, Any]], count: str) -> list[dict[str, Any]]:
    """One count read twice, once as the article's default kind (a list finder's guess) and
    once as what its own clause names ("以发明专利来看，则是成大以92件…": invention
    applications), is the clause's."""
    if count == "other":
        return records
    named = {_count_key(r) for r in records if _is_count(r) and r["metric"] != count}
    return [
        r for r in records if not (_is_count(r) and r["metric"] == count and _count_key(r) in named)
    ]


def _is_count(r: dict[str, Any]) -> bool:
    return (
        r["metric"] not in ("rank", "contract_amount")
        and r["unit"] not in _NOT_COUNT_UNITS
        and not r.get("currency")
    )


_NOT_COUNT_UNITS = ("rank", "rank_top_n", "percent")


def _count_key(r: dict[str, Any]) -> tuple[Any, ...]:
    return (r["start"], r["institution"], float(r["value"]))


def _member_key(r: dict[str, Any]) -> tuple[Any, ...]:
    return (r["start"], r["institution"], float(r["value"]), r["unit"])


def _new(
    records: Iterable[dict[str, Any]], known: set[tuple[int, float, bool]]
) -> list[dict[str, Any]]:
    """The records whose (sentence, value) no earlier finder gave; ``known`` grows. A place and
    a count are different figures even with one value ("B有7项，名列第九；C有11项，列第七": the
    count 7 is not the place 7), so a rank is known apart from counts."""
    out = []
    for r in records:
        key = _known_key(r)
        if key not in known:
            known.add(key)
            out.append(r)
    return out


def _known_key(r: dict[str, Any]) -> tuple[int, float, bool]:
    return r["start"], float(r["value"]), r["metric"] == "rank"


# "申请量、授权量均位列第3位", "applications and grants both ranked third": one rank per figure
_EACH = re.compile(
    r"((?:[^\s，,。；、]{1,8}?(?:量|数)、)+[^\s，,。；、]{1,8}?(?:量|数))(?:[^，,。；]{0,8}?)均(?:位列|位居|排名|名列|居)"
)


def _each_rank(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A rank said to hold for each of several figures ("均位列") is one rank per figure, each
    with its own basis (two labels in the rules, not one)."""
    out: list[dict[str, Any]] = []
    for rec in records:
        # _EACH needs 均: a substring test spares the pattern on every other rank
        m = (
            _EACH.search(rec["evidence"])
            if rec["metric"] == "rank" and "均" in rec["evidence"]
            else None
        )
        if not m:
            out.append(rec)
            continue
        bases = [re.sub(r"^.*(?:大学|学院|年)", "", b) for b in m.group(1).split("、")]
        out += [{**rec, "basis": basis, "each": True} for basis in bases]
    return out


_LIST_DIGITS = re.compile(r"[\d一二三四五六七八九十两]")
_LIST_WORDS = (
    "first",
    "second",
    "third",
    "place",
    "led the",
    "no.",
    "桂冠",
    "榜首",
    "居首",
    "居冠",
    "居次",
    "次之",
    "夺冠",
    "头筹",
    "冠军",
    "亚军",
    "季军",
    "之首",
)


def _listy(text: str) -> bool:
    """Whether a sentence can be a list entry: a number (a character class scans fast) or a
    place word (substring tests; a case-insensitive alternation is ~30x slower)."""
    if _LIST_DIGITS.search(text):
        return True
    low = text.lower()
    return any(w in low for w in _LIST_WORDS)


def _top(unit: str) -> bool:
    return unit == "rank_top_n"


def _dedup(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per figure. The same (institution, metric, value, unit, scope) twice is one
    figure when one of the two only has a time inferred from the article (a subtitle
    restating a figure the body dates); figures of different stated years both stay."""
    out: list[dict[str, Any]] = []
    for rec in records:
        same = [
            o
            for o in out
            if (o["institution"], o["metric"], o["value"], o["unit"], o["scope"])
            == (rec["institution"], rec["metric"], rec["value"], rec["unit"], rec["scope"])
            and (o["basis"] == rec["basis"] or not (o.get("each") and rec.get("each")))
        ]
        if any((o["year"], o["period"]) == (rec["year"], rec["period"]) for o in same):
            continue
        inferred = [o for o in same if o.get("inferred")]
        if same and rec.get("inferred"):
            continue
        for o in inferred:
            out.remove(o)
        out.append(rec)
    return out


def _in_list(rec: dict[str, Any], listed: list[dict[str, Any]]) -> bool:
    """A value the list finders already own (a colon list's line may lie inside a sentence);
    a place is not a count of the same value ("ranked 32nd with 32 patents")."""
    rank = rec["metric"] == "rank"
    return any(
        float(r["value"]) == float(rec["value"])
        and rec["start"] <= r["start"] < rec["end"]
        and (r["metric"] == "rank") == rank
        for r in listed
    )


def _default_count(ctx: Article) -> str:
    """What a patent count with no verb is: the topic's figure in a topic article, the
    figure its ranking ranks in a ranking article, else ``other`` (patents held, selected,
    on offer: the rules' catch-all)."""
    if "us_patents" in ctx.main_topics:
        return "patents_granted"
    if "pct" in ctx.main_topics:
        return "pct_applications_published"
    # an entry of the article's ranking ("…发明专利公告发证排名。…A以150件排名第三")
    return ctx.ranking_basis or "other"


__all__ = ["EXTRACTOR_VERSION", "METRICS", "Metric", "extract_metrics"]

# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
