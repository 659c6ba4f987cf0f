"""The rank pass: what the article as a whole says about the ranks the finders found.

A rank is read from its sentence, but some of what it means is written around it. The
words are tables in :mod:`core.metrics.rankwords`; the rules, in the order applied:

* **not a rank** — a group's ("这两所高校位居前三"), a count ("14 universities in the top
  50"), a composite ranking's ("40th in the QS …"; in an article about one that names no
  patent list, only paragraphs about patents keep ranks), a list's size ("前十位的高校是：");
* **scope** — the one written at the rank itself (前两名, 榜首, after an English ordinal),
  else the sentence's ("Among Chinese universities, …", "The top 10 non-US universities
  include: 1) …"), else the last one stated in the paragraph, else the article's only one;
  "up from 22nd" keeps the scope of the rank before it;
* **basis** — named in the rank's clause ("以3663件外观专利位居第三": design patents), which
  also keeps two rankings apart in the dedup step; **one rank per figure** under 双双/均
  ("申请2577件、授权1454件，双双位居第2位"), a rank by patents held as of the year's end;
* **time** — a year written at the rank ("22nd in 2018", "2018年的第22位"); an "as of"
  clause's rank is not of the sentence's year; "last year, when it was ranked 52nd with
  31 patents" is the list before the article's, and so is that clause's count;
* **restated top-N** — a "top 10" restating "No. 9" (rules §3) goes when it is the
  headline's, in its paragraph, of the same year or place (records: the context step's dicts).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from core.chinese import to_simplified
from core.institutions import lookup
from core.metrics.dispatch import rows_for
from core.metrics.entities import find_entities
from core.metrics.gates import gate_tables
from core.metrics.members import opens_list
from core.metrics.rankcomposite import not_ours
from core.metrics.rankowners import holder_after, not_a_rival
from core.metrics.rankscope import level_before, rank_scope
from core.metrics.rankspan import held_span
from core.metrics.ranktoken import token_at, token_forms
from core.metrics.rankwords import (
    AFTER_TOP,
    AMONG_LEAD,
    AS_OF,
    BASES_COMPILED,
    CLAUSE_END,
    COMPOSITE_AT,
    COUNTED,
    EACH,
    GROUP_SUBJECT,
    INTRO_EN,
    LAST_YEAR,
    NAMED,
    NEGATED,
    OWNER_END,
    PATENT_LIST,
    PATENT_WORD,
    PRIOR_RANK,
    RANGE_INTRO,
    SCOPE_HINT,
    UP_FROM,
    YEAR,
    YEAR_AFTER,
    YEAR_BEFORE,
    ZH_PLACE,
    ZH_VERB,
)
from core.metrics.restated import drop_restated_top_n
from core.metrics.scopes import LABELS, NATION_OF, scope_class


def settle_ranks(records: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """``records`` with the article-level rank rules applied (see the module's list)."""
    out: list[dict[str, Any]] = []
    simple = to_simplified(text)
    stated: set[int] = set()  # ids of the ranks whose sentence says among whom
    intros: list[dict[str, Any]] = []
    last_year: list[dict[str, Any]] = []
    earlier: list[tuple[dict[str, Any], str, int]] = []
    later: list[dict[str, Any]] = []
    for rec in records:
        if rec["metric"] != "rank":
            out.append(rec)
            continue
        # the article is converted whole: a sentence alone may hold no character that shows
        # it is traditional ("連續六年全港第一"), and the conversion keeps offsets
        sentence = simple[rec["start"] : rec["end"]]
        pos = token_at(sentence, rec["value"], rec["unit"] == "rank_top_n")
        clause = _clause_of(sentence, pos) if pos is not None else ""
        holder_after(rec, sentence, pos, text[rec["start"] : rec["end"]])  # "第二的是X"
        not_a_rival(rec, sentence, pos, text[rec["start"] : rec["end"]])  # "仅次于X，…第一"
        if GROUP_SUBJECT.search(clause):
            continue  # "…，这两所高校位居前三": a group's rank, not the nearest name's
        if pos is not None and _no_place(sentence, clause, pos):
            continue  # "was not even in the top 30", "第5到第10的高校分别是…"
        if rec["unit"] == "rank_top_n" and not rec.get("member") and COUNTED.search(clause):
            continue  # "there are 14 Chinese universities in the top 50": a count (rules §7)
        if pos is not None and not_ours(simple, rec, sentence, clause, pos):
            continue  # "40th in the QS World University Rankings", a THE report's: not ours
        if pos is not None and _of_last_year(sentence, clause, pos):
            last_year.append(rec)
        local = pos is not None and _local_scope(rec, sentence, pos)
        local = local or _sentence_scope(rec, sentence, pos)
        # the scope the context step read at the rank itself (or in the clause naming its
        # ranking: "若加计本国企业及研究单位总排名，X排第8名") is stated, not carried
        local = local or (pos is not None and rank_scope(sentence, rec["value"]) is not None)
        if pos is not None and UP_FROM.search(sentence, 0, pos):
            earlier.append((rec, sentence, pos))  # "15th, up from 22nd in 2018"
        if pos is not None and opens_list(rec, sentence, pos):
            # "前十位的中国高校是：A、B…": the list's size, not a rank (rules §7), but the
            # scope of the ranks that follow
            intros.append({**rec, "metric": "list"})
            stated.add(id(intros[-1]))
            continue
        figures = _per_figure(rec, sentence, pos)
        if pos is not None and _year_of_a_later_clause(rec, sentence, pos):
            later.append(rec)
        # a member whose top N's own words said among whom (members.py) keeps that scope
        if local or _states_scope(sentence) or rec.get("member") == "scoped":
            stated.update(id(f) for f in figures)
        out += figures
    if COMPOSITE_AT.search(text) and not PATENT_LIST.search(text):
        out = [r for r in out if r["metric"] != "rank" or PATENT_WORD.search(_line(text, r))]
    _carry_scopes(out + intros, stated, text)
    _article_years(out, [r for r in later if r not in last_year])
    _last_years(out, last_year)
    _earlier_places(out, earlier)
    return drop_restated_top_n(out, text)


def _earlier_places(
    out: list[dict[str, Any]], earlier: list[tuple[dict[str, Any], str, int]]
) -> None:
    """ "15th, up from 22nd": the earlier place is the same ranking's (the scope of the rank
    before it in its sentence), of the list before unless its own time is written."""
    for rec, sentence, pos in earlier:
        _earlier_edition(rec, sentence, pos)
        first = [r for r in out if r["metric"] == "rank" and r["start"] == rec["start"]]
        if first and first[0] is not rec and first[0]["institution"] == rec["institution"]:
            rec["scope"] = first[0]["scope"]


def engine_times(listed: list[dict[str, Any]], engine: list[dict[str, Any]]) -> None:
    """A list finder's figure with no time of its own takes the time the sentence engine gave
    the same figure in the same sentence: the list finder knows whose it is, the engine
    knows the paragraph's year."""
    times = {
        (r["start"], r["metric"] == "rank", r["value"]): (r["year"], r["period"])
        for r in engine
        if r["year"] or r["period"]
    }
    for rec in listed:  # a rank by a rank, a count by a count of the same value
        if rec["year"] is None and rec["period"] is None:
            key = (rec["start"], rec["metric"] == "rank", rec["value"])
            rec["year"], rec["period"] = times.get(key, (None, None))


_ASIDE = re.compile(r"[(（][^()（）]*[)）]")
_COMPARED_LAST = re.compile(
    r"(?:较|比|与|相较于?|相比于?|\bcompared (?:to|with)|\bfrom|\bup from|\bdown from)\s*"
    r"(?:去年|上年|\blast year)",
    re.I,
)


def _of_last_year(sentence: str, clause: str, pos: int) -> bool:
    """The rank's clause says last year, or is a "when …" clause right after one that does
    ("compared to last year, when it was ranked 52nd")."""
    # an aside or a comparison with last year is not the rank's own time ("64名(较去年退步20名)")
    own = _COMPARED_LAST.sub("", _ASIDE.sub("", clause))
    if LAST_YEAR.search(own):
        return True
    start = pos - len(clause)
    return bool(re.match(r"\s*when\b", clause)) and bool(
        LAST_YEAR.search(sentence[max(0, start - 24) : start])
    )


def _last_years(records: list[dict[str, Any]], marked: list[dict[str, Any]]) -> None:
    """ "去年还名列29名", "compared to last year, when it ranked 82nd": the rank of the list
    before the one the article reports (the year most of its other ranks have, less one)."""
    for rec in marked:
        years = Counter(
            r["year"] for r in records if r["metric"] == "rank" and r["year"] and r is not rec
        )
        if years and not rec.get("period"):
            rec["year"] = years.most_common(1)[0][0] - 1
            for other in _with_counts(rec, records):  # "was ranked 82nd with 34 patents"
                other["year"] = rec["year"]


def _no_place(sentence: str, clause: str, pos: int) -> bool:
    """The rank is negated in its clause, or is an end of a range a list fills."""
    if NEGATED.search(clause):
        return True
    return any(m.start() <= pos < m.end() for m in RANGE_INTRO.finditer(sentence))


def _year_of_a_later_clause(rec: dict[str, Any], sentence: str, pos: int) -> bool:
    """The rank's year is written only after it, in a later clause ("…排名第一；…是2014年
    的全球11名"): that clause's year, not the rank's. Where the place is written more than
    once, the year must follow the last of them."""
    if not rec["year"] or rec.get("period") or rec.get("each"):
        return False
    places = [m.start() for p in token_forms(int(rec["value"])) for m in p.finditer(sentence)]
    last = max(places, default=pos)
    written = [at for at, year in _written_years(sentence) if year == rec["year"]]
    return bool(written) and all(
        at > last and CLAUSE_END.search(sentence, last, at) and _other_rank(sentence, at)
        for at in written
    )


@lru_cache(maxsize=1024)
def _written_years(sentence: str) -> tuple[tuple[int, int], ...]:
    """(start, year) of each year written in a sentence (cached: asked once per rank)."""
    return tuple((m.start(), int(m.group(1))) for m in YEAR.finditer(sentence))


_ANY_RANK = re.compile(
    r"第\s*\S{1,3}\s*[位名]|(?<![\d.])\d{1,3}\s*名|\d(?:st|nd|rd|th)\b|No\.\s*\d"
)


def _other_rank(sentence: str, at: int) -> bool:
    """Whether the clause holding position ``at`` states a rank of its own (the year is that
    rank's: "…，歷史最佳是2014年的全球11名"; "…, with 252 published in 2020" has none)."""
    start = max((m.end() for m in CLAUSE_END.finditer(sentence, 0, at)), default=0)
    end = CLAUSE_END.search(sentence, at)
    return bool(_ANY_RANK.search(sentence, start, end.start() if end else len(sentence)))


def _article_years(records: list[dict[str, Any]], marked: list[dict[str, Any]]) -> None:
    """A rank whose year was a later clause's takes the year most of the article's other
    ranks have (the list the article reports), else none."""
    for rec in marked:
        years = Counter(
            r["year"] for r in records if r["metric"] == "rank" and r["year"] and r is not rec
        )
        rec["year"] = years.most_common(1)[0][0] if years else None


def _with_counts(rank: dict[str, Any], records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The counts written in the rank's own clause after it ("ranked 82nd with 34 patents",
    "以441件位居第32位" is before: those the engine already dates with the rank)."""
    sentence = to_simplified(rank["evidence"])
    pos = token_at(sentence, rank["value"], rank["unit"] == "rank_top_n")
    if pos is None:
        return []
    end = CLAUSE_END.search(sentence, pos)
    after = sentence[pos : end.start() if end else len(sentence)]
    return [
        r
        for r in records
        if r["start"] == rank["start"]
        and r["metric"] != "rank"
        and re.search(rf"(?<![\d.,]){r['value']}(?![\d.,]\d)", after.replace(",", ""))
    ]


def _earlier_edition(rec: dict[str, Any], sentence: str, pos: int) -> None:
    """ "For 2021, it moved up from fourth to third": the place it came from is the list's
    before, a year earlier, unless a time is written with it ("up from 22nd in 2018")."""
    near = sentence[max(0, pos - 30) : pos]  # "从2020年的第95位": its year is written with it
    after = sentence[pos : pos + 40]
    year = str(rec.get("year") or "")
    if year and year in sentence and year not in near and not _OWN_TIME.match(after):
        rec["year"], rec["inferred"] = rec["year"] - 1, True


_OWN_TIME = re.compile(
    r"\S+\s+(?:\w+\s+){0,2}?(?:in\s+(?:19|20)\d\d|(?:last|the previous) year)", re.I
)


def _line(text: str, rec: dict[str, Any]) -> str:
    """The paragraph (line) of the original text that holds ``rec``."""
    start = text.rfind("\n", 0, rec["start"]) + 1
    end = text.find("\n", rec["start"])
    return text[start : len(text) if end < 0 else end]


def _clause_of(sentence: str, pos: int) -> str:
    starts = [m.end() for m in CLAUSE_END.finditer(sentence, 0, pos)]
    return sentence[starts[-1] if starts else 0 : pos]


_OF_WHICH = re.compile(
    r"\b((?:[A-Z][\w.-]*\s+){1,3}(?:universities|institutions|schools|colleges))\s*,?\s*"
    r"(?:of which|among which|among them)\b"
)


def _sentence_scope(rec: dict[str, Any], sentence: str, pos: int | None) -> bool:
    """A scope the sentence sets for its list or all its ranks: "The top 10 non-US
    universities include: 1) A; 2) B", "Among Chinese universities, A ranked third"."""
    intro = INTRO_EN.search(sentence)
    # "…there are 14 Chinese universities, of which A ranks first": the group just named
    group = [m for m in _OF_WHICH.finditer(sentence) if pos is not None and m.end() <= pos]
    if group:
        words = group[-1].group(1)
    elif intro and (pos is None or intro.end() <= pos):
        words = intro.group(1)
    else:
        lead = AMONG_LEAD.match(sentence)
        if not lead or (pos is not None and lead.end() > pos):
            return False
        words = lead.group(1)
    cls = scope_class(words)
    if cls not in LABELS:
        return False
    # "Among public universities" on an American page is the context step's U.S. list
    if not (cls == "china" and rec.get("scope") == LABELS["us"]):
        rec["scope"] = LABELS[cls]
    return True


def _carry_scopes(records: list[dict[str, Any]], stated: set[int], text: str) -> None:
    """A rank whose sentence names no scope is of the ranking the text is speaking of: the
    last scope stated in its paragraph ("前十位的中国高校是…" then "A、B分列第四、六位"), else
    the article's, when every stated rank had one scope (a table's overall column: its own)."""
    last: dict[int, str] = {}
    seen: set[str] = set()
    ranks = [r for r in records if r["metric"] in ("rank", "list") and r.get("member") != "column"]
    for rec in sorted(ranks, key=lambda r: r["start"]):
        paragraph = text.count("\n", 0, rec["start"])
        if id(rec) in stated and rec.get("scope"):
            last[paragraph] = rec["scope"]
            seen.add(rec["scope"])
            continue
        carried = (
            last.get(paragraph)
            or level_before(text, rec["start"], rec["end"])
            or (next(iter(seen)) if len(seen) == 1 else None)
        )
        if carried:
            rec["scope"] = carried


def _per_figure(rec: dict[str, Any], sentence: str, pos: int | None) -> list[dict[str, Any]]:
    """The rank's basis and time from its own clause; one rank per figure under 双双/均."""
    if pos is None or rec.get("each"):
        return [rec]
    starts = [m.end() for m in CLAUSE_END.finditer(sentence, 0, pos)]
    clause = sentence[starts[-1] if starts else 0 : pos]
    if AS_OF.search(clause) and rec.get("period"):
        rec["year"] = None
    held_span(rec, sentence, pos, clause)  # "已连续4年排名第一": a period, not a year
    near = YEAR_AFTER.match(sentence, pos) or YEAR_BEFORE.search(sentence, 0, pos)
    if near and not rec.get("period"):  # "22nd in 2018", "2018年的第22位": its own year
        rec["year"] = int(near.group(1))
    elif not rec.get("period") and (rec["year"] is None or rec.get("inferred")):
        # no year of its own: the one year written before it since the previous rank
        prior = [m.end() for m in PRIOR_RANK.finditer(sentence, 0, pos)]
        years = set(YEAR.findall(sentence, prior[-1] if prior else 0, pos))
        if len(years) == 1:
            rec["year"], rec["inferred"] = int(years.pop()), False
    # what is ranked: named in the rank's clause, else the nearest kind written before it
    kinds = _kinds(clause) or _kinds(sentence[:pos])[-1:]
    each = EACH.search(clause)
    if each:
        # the figures it ranks are in the clauses before 均: back to the previous rank
        lead = sentence[: pos - len(clause) + each.start()]
        prior = [m.end() for m in PRIOR_RANK.finditer(lead)]
        kinds = _kinds(lead[prior[-1] if prior else 0 :])
        if len(kinds) >= 2:
            return [_held({**rec, "basis": kind, "each": True}) for kind in kinds]
    if len(kinds) == 1 and rec.get("basis") is None:
        rec["basis"], rec["each"] = kinds[0], True
    return [rec]


def _held(rec: dict[str, Any]) -> dict[str, Any]:
    """A rank by patents held ranks a stock at the year's end, not a year's flow: "2016年
    授权量和拥有量均位居第2" is 2016 for the grants and as of the end of 2016 for the held."""
    if rec["basis"] == "valid patents held" and rec["year"] and not rec["period"]:
        rec["period"], rec["year"] = f"held as of end of {rec['year']}", None
    return rec


def _local_scope(rec: dict[str, Any], sentence: str, pos: int) -> bool:
    """The scope written at the rank itself wins over one read elsewhere in its sentence:
    Chinese writes it right before 第N/前N/榜首 ("分居两岸大学的前两名"), English right after."""
    if sentence[pos] in "第前榜首冠之" or ZH_PLACE.match(sentence, pos):
        start = max((m.end() for m in CLAUSE_END.finditer(sentence, 0, pos)), default=0)
        # the nearest words between verbs that name a scope: the names before the verb are
        # who ranks ("A和B分居两岸大学的前两名", "进入教育机构排名前10")
        parts = ZH_VERB.split(sentence[max(start, pos - 16) : pos])
        named = (NAMED.sub("", _unname(part)) for part in reversed(parts))
        words = next((w for w in named if scope_class(w) in LABELS), "")
        if not words:  # "前十位的中国高校": the scope after the top N
            m = AFTER_TOP.match(sentence, pos)
            words = m.group(1) if m else words
    else:
        words = re.split(r"[,;，；。]|\b(?:and|with|for|by)\b", sentence[pos : pos + 60])[0]
    cls = scope_class(words)
    if cls not in LABELS:
        return False
    # "nationwide" on an American page, or of a Korean university, is the context step's
    if not (cls == "china" and scope_class(rec.get("scope")) in NATION_OF.values()):
        rec["scope"] = LABELS[cls]
    return True


def _unname(words: str) -> str:
    """``words`` without the registered universities named in them ("台湾清华大学(23名)": the
    place in the name is where the university is, not among whom it ranks)."""
    words = OWNER_END.sub("", words)  # the owner's name right before its place: "A(23名)"
    for e in reversed(find_entities(words)):
        if e.university and lookup(e.name):
            # a country written onto the name is its nationality ("中国苏州大学位居第二" in a
            # list of the world's: Soochow University of China), not among whom it ranks
            glued = _NATIONALITY.search(words, 0, e.start)
            start = glued.start() if glued else e.start
            words = words[:start] + words[e.end :]
    return words


_NATIONALITY = re.compile(
    r"(?:中国|美国|英国|日本|韩国|德国|法国|瑞士|新加坡|加拿大|澳大利亚|以色列)$"
)


@lru_cache(maxsize=2048)
def _states_scope(sentence: str) -> bool:
    """Whether a sentence says among whom its ranks are (cached: each rank of it asks)."""
    return bool(SCOPE_HINT.search(NAMED.sub("", sentence)))


def _kinds(clause: str) -> list[str]:
    return list(kinds_of(clause))


@lru_cache(maxsize=4096)
def kinds_of(clause: str) -> tuple[str, ...]:
    """The kinds of figure a clause names, in the order written, each once (a narrow row's
    words are not read again by a broader one)."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in rows_for(BASES_COMPILED, clause):  # the rows that may match
        for m in pattern.finditer(clause):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            if name not in (n for _, n in found):
                found.append((m.start(), name))
    return tuple(name for _, name in sorted(found))


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
