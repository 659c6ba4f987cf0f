"""One figure said of several names at once: "A和B各获12项奖励，并列第五", "A and B tied for
third place, each with 14 awards", "A、B均位列第3位"; and a place that shares its holder's
count's time ("1989年至今…A有36项，位居第二": the place is of the span).

The finders give such a figure to the name nearest it; the words 各, 均, 都, 并列, each, both
and tied say it holds for every name of the run before it, so each of them gets its own
record (rules §6: every institution named with a figure is labelled). "分别"/"respectively"
pairs names with different values and is the list finders' (lists.py), not this step's.
"""

from __future__ import annotations

import re
from typing import Any

from core.chinese import to_simplified
from core.metrics.entities import find_entities
from core.metrics.gates import gate_tables
from core.metrics.linerank import run_after
from core.metrics.members import _runs
from core.metrics.numbers import zh_numeral
from core.metrics.ranktoken import token_at
from core.metrics.rankwords import YEAR

# between the names and the figure: the word that gives the figure to each of them
_EACH = re.compile(r"各|均|都|并列|\beach\b|\bboth\b|\btied\b|\bjointly\b", re.I)
# a clause ends the run's reach; 分别/respectively hands out different values
_STOP = re.compile(r"[。；;，,]|分别|respectively", re.I)


def shared_figures(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records of the other names a figure is said of with 各/each (new records only)."""
    have = {(r["start"], r["institution"], r["metric"], float(r["value"])) for r in records}
    out: list[dict[str, Any]] = []
    for rec in records:
        if rec["unit"] not in ("count", "rank") and not rec.get("currency"):
            continue
        sentence = to_simplified(rec["evidence"])
        for name in _sharers(rec, sentence):
            key = (rec["start"], name, rec["metric"], float(rec["value"]))
            if key not in have:
                have.add(key)
                out.append({**rec, "institution": name})
    return out


def _sharers(rec: dict[str, Any], sentence: str) -> list[str]:
    """The other names of the run holding ``rec``'s institution, when the words between the
    run and the figure give the figure to each of them."""
    ents = [e for e in find_entities(sentence) if e.university and e.name]
    for run in _runs(sentence, ents):
        names = [str(e.name) for e in run]
        if len(run) < 2 or rec["institution"] not in names:
            continue
        stop = _STOP.search(sentence, run[-1].end)
        reach = sentence[run[-1].end : stop.start() if stop else len(sentence)]
        if not _holds(reach, rec) and not _continued(sentence, stop, reach, rec):
            continue
        return [n for n in dict.fromkeys(names) if n != rec["institution"]]
    return _tied_partners(rec, sentence, ents)


# "With 15 utility patents granted in 2022, UW tied with A and B": the figure is theirs too
_TIED_WITH = re.compile(r"\s*(?:,\s*)?(?:was |is |were )?tied with (?:the )?", re.I)


def _tied_partners(rec: dict[str, Any], sentence: str, ents: list[Any]) -> list[str]:
    """The names a figure's holder is "tied with" (the run right after the words)."""
    if "tied with" not in sentence.lower():
        return []
    for e in ents:
        tie = _TIED_WITH.match(sentence, e.end) if e.name == rec["institution"] else None
        if not tie:
            continue
        run = run_after(sentence, ents, tie.end(), _NO_LEAD, _PARTNER_JOIN)
        return [str(p.name) for p in run if p.name != rec["institution"]]
    return []


_NO_LEAD = re.compile("")  # the first partner right after "tied with (the)"
_PARTNER_JOIN = re.compile(r"\s*(?:,|and|&|, and)\s*(?:the\s+)?", re.I)


def times_of_counts(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A rank is of the time of its holder's count written in its own clause run before it:
    "1989年至今…清华大学有36项专利获奖,位居第二" ranks the cumulative count, so the place is
    of that span, not of a year carried from the paragraph or the article."""
    spans = [
        r for r in records if r["metric"] != "rank" and r.get("period") and r.get("year") is None
    ]
    for rec in records:
        if rec["metric"] != "rank" or (rec.get("period") and rec.get("year") is None):
            continue
        sentence = to_simplified(rec["evidence"])
        pos = token_at(sentence, rec["value"], rec["unit"] == "rank_top_n")
        if pos is None:
            continue
        lead = sentence[max(sentence.rfind(c, 0, pos) for c in "。；;") + 1 : pos]
        if YEAR.search(lead):
            continue  # a year of its own ("2015年…双双位居第2位")
        for count in spans:
            same = (count["start"], count["institution"]) == (rec["start"], rec["institution"])
            if same and _value_in(lead, count):
                rec["period"], rec["year"] = count["period"], None
                break
    return records


def _holds(reach: str, rec: dict[str, Any]) -> bool:
    each = _EACH.search(reach)
    return each is not None and _value_in(reach[each.start() :], rec)


def _continued(sentence: str, stop: re.Match[str] | None, reach: str, rec: dict[str, Any]) -> bool:
    """ "A和B各获12项奖励,并列第五": the figure in the next clause, which names nobody, after a
    run whose own clause said 各."""
    if stop is None or stop.group(0) not in ",，" or not _EACH.search(reach):
        return False
    nxt = _STOP.search(sentence, stop.end())
    more = sentence[stop.end() : nxt.start() if nxt else len(sentence)]
    return not find_entities(more) and _value_in(more, rec)


def _value_in(text: str, rec: dict[str, Any]) -> bool:
    """Whether ``rec``'s value is written in ``text`` (digits, or a place's Chinese numeral)."""
    value = float(rec["value"])
    if value != int(value):
        return False
    v = int(value)
    if re.search(rf"(?<![\d.]){v}(?![\d.])", text.replace(",", "")):
        return True
    if rec["metric"] == "rank" and 0 < v < 100:
        word = zh_numeral(v)
        return bool(re.search(rf"第{word}(?![十一二三四五六七八九])", text)) or bool(
            re.search(rf"\b{_ORDINALS.get(v, '@')}\b", text, re.I)
        )
    return False


_ORDINALS = {
    1: "first",
    2: "second",
    3: "third",
    4: "fourth",
    5: "fifth",
    6: "sixth",
    7: "seventh",
    8: "eighth",
    9: "ninth",
    10: "tenth",
}

# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
