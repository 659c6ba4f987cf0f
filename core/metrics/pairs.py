"""Before/after pairs: a count stated with the earlier figure it changed from.

The labelling rules label a stated earlier value as the same metric of the earlier period
(a change is not labelled, the two figures are). Two shapes reach the text without a year
written next to each figure (the "from 132 in 2007 to 1,107 in 2016" shape is read by the
count finder):

* "the number of invention disclosures has dropped from 190 to 150 since fiscal year 2008":
  the first figure is the start point's (its year, or fiscal year), the second the latest;
  without a stated start point the first figure has no time and is not emitted, the second
  takes the sentence's time;
* "filed 52 disclosures, up 40% from the previous fiscal year, when 37 were filed": the
  figure after "when" is the previous period's, of the same metric as the clause before.

* "putting out 378 in FY24 compared to 233 in FY23": each figure with its own time.

Each gives (value, start, end, metric, time): the time is a period, a year's four digits,
or None for the sentence's own. Money pairs
("$6.2 million, down from $7.2 million") are the money finder's.
"""

from __future__ import annotations

import re

from core.metrics.gates import gate_tables
from core.metrics.vocab import count_metric

_N = r"(\d{1,3}(?:,\d{3})+|\d+)"
_FROM_TO = re.compile(
    r"\b(?:dropped|fallen|fell|declined|decreased|shrunk|shrank|slipped|risen|rose|grown|grew"
    r"|increased|climbed|jumped|surged|soared|gone (?:up|down)|went (?:up|down)|moved)\s+"
    rf"from\s+(?:about\s+|around\s+|some\s+)?{_N}\s+to\s+(?:about\s+|around\s+|some\s+)?{_N}"
    r"(?![\d.,]*\s*(?:%|percent|per cent|million|billion))",
    re.I,
)
_SINCE = re.compile(
    r"\bsince\s+(?:the\s+)?(?P<fiscal>fiscal\s+year\s+|FY\s?)?(?P<y>(?:19|20)\d\d)\b", re.I
)
_BETWEEN = re.compile(
    r"\s*,?\s*(?:between|from)\s+(?P<y1>(?:19|20)\d\d)\s+(?:and|to)\s+(?P<y2>(?:19|20)\d\d)\b", re.I
)
# the later figure of a pair whose earlier one is dated, itself undated: no time at all
NO_TIME = "-"
_NOUN = re.compile(
    r"patents?|applications?|filings?|disclosures|licen[cs]es|inventions|grants", re.I
)
# the clause must speak of patents or their pipeline (not of students' or MBA applications)
_PATENTISH = re.compile(r"patent|disclos|invention|licen|专利", re.I)
_WHEN = re.compile(
    r"\b(?:up|down)\s+\d+(?:\.\d+)?\s*(?:%|percent|per cent)\s+(?:from|on|over)\s+the\s+"
    r"(?:previous|prior|preceding)\s+(?P<fiscal>fiscal\s+|academic\s+)?year,?\s+when\s+"
    r"(?:only\s+|just\s+)?(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s+(?:were|was|had been)\s+(?:filed|granted|issued|received|"
    r"submitted|disclosed|reported|made)\b",
    re.I,
)


# "by putting out 378 in FY24 compared to 233 in FY23": two figures, each with its time, of
# the metric the clause before names (the noun elided after the first)
_TIME = r"(?:FY\s?\d{2,4}|fiscal (?:year )?\d{4}|(?:19|20)\d\d(?:\s*[-–/]\s*\d{2})?)"
_BOTH_TIMED = re.compile(
    rf"(?<![\d.,$])(?P<a>\d{{1,3}}(?:,\d{{3}})+|\d+)\s+in\s+(?P<t1>{_TIME})\s*,?\s+"
    r"(?:compared (?:to|with)|versus|vs\.?|against)"
    rf"\s+(?P<b>\d{{1,3}}(?:,\d{{3}})+|\d+)\s+in\s+(?P<t2>{_TIME})\b",
    re.I,
)


# "从2015年的500件增长到2020年的1200件", "由320件增至410件": the earlier and the later figure,
# each with the year written before it (none written: the later one keeps the sentence's)
_ZH_FROM_TO = re.compile(
    r"(?:从|由)\s*(?:(?P<y1>(?:19|20)\d\d)\s*年(?:底|末)?的?)?\s*(?P<a>\d[\d,]*)\s*(?:件|项)"
    r"\s*(?:增长|增加|增|提高|提升|上升|升|跃升|下降|减少|降|回落)?\s*(?:到|至|为)\s*"
    r"(?:(?P<y2>(?:19|20)\d\d)\s*年(?:底|末)?的?)?\s*(?P<b>\d[\d,]*)\s*(?:件|项)"
)


# "…international patents filed … recorded an increase, going up to 105 during 2023, from 58
# in the preceding year": the later figure with its year, then the earlier one, the year before
_UP_TO_FROM = re.compile(
    r"\b(?:going|gone|went|rising|risen|rose|increas(?:ed|ing)|climb(?:ed|ing)|gr[eo]w(?:n|ing)?"
    r"|jump(?:ed|ing)|surg(?:ed|ing))\s+(?:up\s+)?to\s+(?:about\s+|around\s+|some\s+)?"
    rf"{_N}\s+(?:during|in)\s+(?:the\s+(?:calendar\s+)?year\s+)?(?P<y>(?:19|20)\d\d)\s*,?\s+"
    rf"(?:up\s+)?from\s+(?:about\s+|around\s+|some\s+)?{_N}\s+in\s+the\s+"
    r"(?:preceding|previous|prior)\s+year\b",
    re.I,
)


# "reported 428 new inventions, up from last year's total of 422": the figure of the year
# before, of the clause's metric
_LAST_YEARS_TOTAL = re.compile(
    r"\b(?:up|down|compared)\s+(?:from|with|to)\s+(?:last|the previous|the prior)\s+"
    rf"(?P<fiscal>fiscal\s+)?year['’]s\s+(?:total|tally|count|figure|record)\s+(?:of\s+)?{_N}\b",
    re.I,
)


def pair_spans(text: str) -> list[tuple[float, int, int, str, str | None]]:
    """(value, start, end, metric, period) of the earlier and later figures of ``text``."""
    low = text.lower()
    out: list[tuple[float, int, int, str, str | None]] = []
    if any(w in low for w in ("compared", "versus", " vs", "against")):
        for m in _BOTH_TIMED.finditer(text):
            out += _both_timed(text, m)
    if " from " in low:
        for m in _FROM_TO.finditer(text):
            out += _from_to(text, m)
        for m in _UP_TO_FROM.finditer(text):
            out += _up_to_from(text, m)
    if "year's" in low or "year’s" in low:
        for m in _LAST_YEARS_TOTAL.finditer(text):
            before = text[max(0, m.start() - 80) : m.start()]
            # inventions reported or disclosed are disclosures (``other``)
            metric = count_metric(before, "") or ("other" if "invention" in before.lower() else "")
            if (
                metric
                and _PATENTISH.search(text[: m.start()])
                and "$" not in text[: m.start()][-30:]
            ):
                out.append(
                    (float(m[2].replace(",", "")), m.start(2), m.end(2), metric, _before(text))
                )
    if "从" in text or "由" in text:
        for m in _ZH_FROM_TO.finditer(text):
            out += _zh_from_to(text, m)
    if " when " in low:
        for m in _WHEN.finditer(text):
            metric = count_metric(text[: m.start()], "")
            if not metric or not _NOUN.search(text[: m.start()]):
                continue
            if not _PATENTISH.search(text[: m.start()]):
                continue
            period = "previous fiscal year" if m["fiscal"] else "previous year"
            out.append((float(m["n"].replace(",", "")), m.start("n"), m.end(), metric, period))
    return out


def _up_to_from(text: str, m: re.Match[str]) -> list[tuple[float, int, int, str, str | None]]:
    clause = text[max(0, m.start() - 200) : m.start()]
    if not _NOUN.search(clause) or not _PATENTISH.search(clause) or "$" in clause[-20:]:
        return []
    metric = count_metric(clause, "")
    if not metric:
        return []
    year = int(m["y"])
    return [
        (float(m[1].replace(",", "")), m.start(1), m.end(1), metric, str(year)),
        (float(m[3].replace(",", "")), m.start(3), m.end(3), metric, str(year - 1)),
    ]


def _before(text: str) -> str:
    """The period before the sentence's own: the fiscal year or the year before it."""
    fiscal = re.search(
        r"\bfiscal year (?:of )?((?:19|20)\d\d)\b|\bFY\s?((?:19|20)\d\d)\b", text, re.I
    )
    if fiscal:
        return f"fiscal year {int(fiscal.group(1) or fiscal.group(2)) - 1}"
    years = set(re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text))
    return str(int(years.pop()) - 1) if len(years) == 1 else "previous year"


def _zh_from_to(text: str, m: re.Match[str]) -> list[tuple[float, int, int, str, str | None]]:
    clause = re.split(r"[，,。；;]", text[: m.start()])[-1]
    metric = count_metric(clause + text[m.start() : m.end()], "")
    if not metric or "专利" not in clause + text[m.start() : m.end()]:
        return []
    out: list[tuple[float, int, int, str, str | None]] = []
    if m["y1"]:  # without its year the earlier figure's time is unknown: not emitted
        out.append((float(m["a"].replace(",", "")), m.start("a"), m.end("a"), metric, m["y1"]))
    later = m["y2"] or (NO_TIME if m["y1"] else None)
    out.append((float(m["b"].replace(",", "")), m.start("b"), m.end("b"), metric, later))
    return out


def _time(raw: str) -> str:
    """A fiscal year as a period, a plain year as its four digits, "2020-21" as written."""
    fy = re.match(r"FY\s?(\d{2,4})$|fiscal (?:year )?(\d{4})$", raw, re.I)
    if fy:
        return f"fiscal year {fy.group(1) or fy.group(2)}"
    return re.sub(r"\s+", "", raw)


def _both_timed(text: str, m: re.Match[str]) -> list[tuple[float, int, int, str, str | None]]:
    clause = text[max(0, m.start() - 80) : m.start()]
    metric = count_metric(clause, "")
    if not metric or not _NOUN.search(clause) or "$" in clause[-20:]:
        return []
    if not _PATENTISH.search(text[: m.start()]):
        return []
    return [
        (float(m["a"].replace(",", "")), m.start("a"), m.end("a"), metric, _time(m["t1"])),
        (float(m["b"].replace(",", "")), m.start("b"), m.end("b"), metric, _time(m["t2"])),
    ]


def _from_to(text: str, m: re.Match[str]) -> list[tuple[float, int, int, str, str | None]]:
    clause = text[max(0, m.start() - 80) : m.start()]
    if not _NOUN.search(clause) or not _PATENTISH.search(clause) or "$" in clause[-20:]:
        return []
    metric = count_metric(clause, "")
    if not metric:
        return []
    since = _SINCE.search(text)
    out: list[tuple[float, int, int, str, str | None]] = []
    later: str | None = None
    span = _BETWEEN.match(text, m.end())
    if span:  # "rose from 210 to 340 between 2015 and 2019": each figure its end's year
        out.append((float(m[1].replace(",", "")), m.start(1), m.end(1), metric, span["y1"]))
        out.append((float(m[2].replace(",", "")), m.start(2), m.end(2), metric, span["y2"]))
        return out
    if since:
        fiscal = bool(since["fiscal"])
        # a plain start year is the first figure's year (returned as its four digits)
        start = f"fiscal year {since['y']}" if fiscal else since["y"]
        out.append((float(m[1].replace(",", "")), m.start(1), m.end(1), metric, start))
        later = "latest fiscal year" if fiscal else None
    else:
        # "disclosures rose from 284 to 317" in a year's report: last year's, then this year's;
        # "… to 317 in 2023": 2023's, and the year before's
        dated = _LATER_YEAR.match(text, m.end())
        rest = text[: dated.start()] + text[dated.end() :] if dated else text
        if not _SPAN_WORDS.search(rest):
            first = str(int(dated["y"]) - 1) if dated else "previous year"
            out.append((float(m[1].replace(",", "")), m.start(1), m.end(1), metric, first))
            later = dated["y"] if dated else None
    out.append((float(m[2].replace(",", "")), m.start(2), m.end(2), metric, later))
    return out


_LATER_YEAR = re.compile(r"\s+in\s+(?P<y>(?:19|20)\d\d)\b")
# a change over several years: its first figure is of some year the sentence does not say
_SPAN_WORDS = re.compile(
    r"\b(?:over|since|between|during|within|in) (?:the )?(?:past |last )?(?:\w+ )?(?:years|decades?)\b"
    r"|\bdecades?\b|\b(?:19|20)\d\d\b",
    re.I,
)


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
