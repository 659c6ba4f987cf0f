"""A report's figures as a dashboard: one figure per line, its caption beside it.

Technology-transfer offices print their year as blocks of large numbers, and a page's text
keeps them one per line, in one of three shapes:

    New invention disclosures: 145        145                    Invention disclosures
    U.S. patents issued: 48               invention disclosures  145
    Gross licensing income: $12.5 million $12.5M                 Licensing income
                                          licensing income       $12.5M

Each figure is the report's institution's measure its caption names (the context step gives
the owner and the article's time). The sentence finders cannot read them: a caption has no
verb and a lone number no noun. A caption that names no patent figure (start-ups formed,
research expenditure) is not read; neither is a caption naming a university (a ranking's
cells are another institution's).
"""

from __future__ import annotations

import re
from typing import Any

from core.metrics.entities import find_entities
from core.metrics.gates import gate_tables
from core.metrics.record import sentence_figure
from core.metrics.vocab import count_metric

# a figure: "145", "1,200+", "$12.5M", "US$3.2 million", "£1.1m"
_FIGURE_AT = re.compile(
    r"(?P<cur>US\$|HK\$|A\$|C\$|S\$|\$|£|€)?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<mult>billion|million|thousand|bn|mn|[BMKbmk](?![A-Za-z]))?\s*(?P<plus>\+)?"
)
# the same figure alone on its line
_FIGURE = re.compile(rf"^\s*(?:{_FIGURE_AT.pattern})\s*$")
# "Caption: figure" on one line (the caption first, no digits in it); what may follow the
# figure: "284 to 317 for a 12 percent increase" (last year's, then this year's), "408,
# compared with 360 last year" (this year's, then last year's), or words that end with no
# second figure of the caption's ("241 technologies licensed to …")
_CAPTIONED = re.compile(
    r"^\s*(?:[·•▪●◦*]\s*)?(?P<label>[A-Za-z][^\d:：\n]{2,60}?)\s*(?:[:：]|\s[–—-])\s*(?P<fig>[^\n]+?)\s*$"
)
_TO = re.compile(r"\s*to\s+")
# "284 to 317 for a 12 percent increase": the rise ends at its second figure ("45 to 30
# start-up companies" is a count of something else after "to")
_RISE_END = re.compile(r"\s*(?:$|[,.;(]|(?:for|in|during|over|this|last|from)\b)", re.I)
_SHARE = re.compile(r"\s*(?:%|percent\b|per cent\b)", re.I)
_COMPARED = re.compile(r"\s*,?\s*(?:compared (?:with|to)|up from|down from|versus|vs\.?)\s+")
_LAST_YEAR = re.compile(
    r"\s*(?:last year|the (?:previous|prior|preceding) (?:fiscal )?year|a year (?:earlier|ago)"
    r"|the year before)\b",
    re.I,
)
# a caption line: short, no digits, no sentence end
_CAPTION = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z .,&'’()/-]{1,60}?[A-Za-z)])\s*$")
_PATENT_WORDS = re.compile(r"patent|licen[cs]|invention|disclos|royalt|\boptions?\b", re.I)
_DEAL_MONEY = re.compile(r"royalt|licen[cs]|\bIP\b|intellectual property|commerciali", re.I)
_SCALE = {"billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6, "mn": 1e6, "m": 1e6}
_SCALE |= {"thousand": 1e3, "k": 1e3}
_CURRENCY = {"$": "USD", "US$": "USD", "HK$": "HKD", "A$": "AUD", "C$": "CAD", "S$": "SGD"}
_CURRENCY |= {"£": "GBP", "€": "EUR"}

_HEADING = 100  # a longer line is prose, whose names are not the block's
Line = tuple[int, str]  # start in the text, the line


def stat_lines(text: str, owner: str | None) -> list[dict[str, Any]]:
    """Records of every captioned figure of ``text``: the report's subject's (``owner``), or
    the university a heading line above the block opens with ("Peking University …\nTotal
    patents filed: 118" is a ranking's cell, Peking's)."""
    if not _PATENT_WORDS.search(text):
        return []
    lines = [(start, line) for start, line in _lines(text) if line.strip()]
    out: list[dict[str, Any]] = []
    heading = owner or ""
    block: list[Line] = []
    for start, line in [*lines, (len(text), "")]:
        if line and (_alone(line) or (_CAPTION.match(line) and not _names_other(line, owner))):
            block.append((start, line))  # a figure alone, or a caption
            continue
        out += [{**r, "institution": heading} for r in _block(text, block)]
        block = []
        if not line:
            break
        out += [{**r, "institution": heading} for r in _captioned(start, line)]
        if not _is_captioned(line):
            # a heading opening with a university heads the next block; prose gives the next
            # block back to the report's subject (or, with none given, to the last heading)
            named = _heading_name(line, None)
            heading = named or owner or heading
    return out


def _block(text: str, block: list[Line]) -> list[dict[str, Any]]:
    """The figures of a block of figure and caption lines, each with its caption: the line
    after it when the block opens with a figure or ends with a caption (a title line above
    the first figure reads as a caption), else the line before it."""
    figures = [i for i, (_s, line) in enumerate(block) if _alone(line)]
    if not figures:
        return []
    figure_first = figures[0] == 0 or not _alone(block[-1][1])
    out = []
    for i in figures:
        j = i + 1 if figure_first else i - 1
        if 0 <= j < len(block) and not _alone(block[j][1]):
            out += _record(text, block[i], block[j], figure_first)
    return out


def _alone(line: str) -> bool:
    """A figure alone on its line, not a year ("2023" over "Royalty income" is a heading)."""
    m = _FIGURE.match(line)
    if m is None:
        return False
    return bool(m.group("cur") or m.group("mult")) or not _YEAR.fullmatch(m.group("num"))


_YEAR = re.compile(r"(?:19|20)\d\d")


def _names_other(line: str, owner: str | None) -> bool:
    return _heading_name(line, owner) != (owner or "")


def _heading_name(line: str, owner: str | None) -> str:
    """The university a short heading line opens with ("Peking University", "Peking
    University has close ties …"), else ``owner``: a name later in a sentence ("We thank
    Harvard University …") heads nothing."""
    if len(line) <= _HEADING:
        found = [e for e in find_entities(line) if e.university and e.name]
        if found and not line[: found[0].start].strip(" \t·•*-–"):
            return found[0].name or ""
    return owner or ""


def _lines(text: str) -> list[Line]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _is_captioned(line: str) -> bool:
    m = _CAPTIONED.match(line)
    return bool(m and _FIGURE_AT.match(m.group("fig")))


def _captioned(start: int, line: str) -> list[dict[str, Any]]:
    m = _CAPTIONED.match(line)
    first = _FIGURE_AT.match(m.group("fig")) if m else None
    if not (m and first):
        return []
    rest, label = m.group("fig")[first.end() :], m.group("label")
    if _SHARE.match(rest):
        return []  # "Patents granted: 60.2%": a rate (rates.py reads it)
    evidence, at = line.strip(), start + len(line) - len(line.lstrip())
    link = _TO.match(rest) or _COMPARED.match(rest)
    second = _FIGURE_AT.match(rest, link.end()) if link else None
    if link is None or second is None:
        return _figure(label, first, evidence, at)
    rising = link.re is _TO
    if rising and not _RISE_END.match(rest, second.end()):
        return _figure(label, first, evidence, at)
    if not rising and not _LAST_YEAR.match(rest, second.end()):
        return _figure(label, first, evidence, at)  # compared with another time: not read
    earlier, later = (first, second) if rising else (second, first)
    out = _figure(label, later, evidence, at)
    for rec in _figure(label, earlier, evidence, at):
        out.append({**rec, "period": "previous year"})  # the time step moves it one year back
    return out


def _record(text: str, line: Line, caption: Line, figure_first: bool) -> list[dict[str, Any]]:
    m = _CAPTION.match(caption[1])
    figure = _FIGURE.match(line[1])
    if not (m and figure) or caption == line:
        return []
    first, last = (line, caption) if figure_first else (caption, line)
    begin = first[0] + len(first[1]) - len(first[1].lstrip())
    end = last[0] + len(last[1].rstrip())
    return _figure(m.group("label"), figure, text[begin:end], begin)


def _figure(label: str, figure: re.Match[str], evidence: str, start: int) -> list[dict[str, Any]]:
    if not _PATENT_WORDS.search(label) or any(
        e.university and e.name for e in find_entities(label)
    ):
        return []
    value = float(figure.group("num").replace(",", ""))
    mult = (figure.group("mult") or "").lower()
    if figure.group("cur"):
        if not _DEAL_MONEY.search(label):
            return []  # research income, funding: not a patent figure
        metric, unit = "contract_amount", _CURRENCY[figure.group("cur")]
        value *= _SCALE.get(mult, 1.0)
    else:
        if mult and mult != "k":
            return []  # "12.5M" without a currency: no count is written so
        value *= 1000 if mult else 1  # "1.1k" applications
        metric, unit = count_metric(label, ""), "count"
        if not metric:
            return []
    rec = sentence_figure("", metric, int(value) if value == int(value) else value, unit,
                          evidence, start)  # fmt: skip
    if unit != "count":
        rec["currency"] = unit
    if figure.group("plus"):
        rec["qualifier"] = "more_than"
    return [rec]


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
