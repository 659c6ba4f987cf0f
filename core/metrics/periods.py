"""Years and periods of a sentence: data years (not comparison years), spans, cumulative totals
and fiscal years as ``period`` (labelling rules, section 4), and how a period carries.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from core.metrics.compared import compared_span, comparison_year, not_data_span
from core.metrics.dispatch import rows_for
from core.metrics.gates import gate_tables
from core.metrics.numbers import WORDS, Number, cn_value
from core.metrics.period_forms import (
    EDITION_ROWS,
    EXHIBITION_EDITION,
    MONTHS,
    PARTIAL_YEAR_ROWS,
    PLAN_ROWS,
    YEAR_RUN_ROWS,
)
from core.metrics.previous import full_fiscal, period_before, previous_time, shift_back
from core.metrics.relative_time import (
    CARRIED_RELATIVE,
    relative_before,
    relative_between,
    value_pos,
)
from core.metrics.roc import roc_years
from core.metrics.sentences import Sentence
from core.metrics.trie import any_match

_PLAIN_YEAR = re.compile(r"(?<!\d)(?:19[89]\d|20[0-3]\d)(?!\d|(?<=0)s\b)")
# (pattern, period text, whether its year is the data year). Cumulative totals, fiscal
# and academic years are periods with no single data year (labelling rules, section 4).
_PERIODS = PLAN_ROWS + [
    (
        re.compile(
            r"(?:fiscal|financial)[\s-](?:year[\s-])?(?:of )?(\d{4}(?:\s*[/–-]\s*\d{2,4})?)"
            r"|\bFY\s?(\d{2,4}(?:\s*[/–-]\s*\d{2,4})?)"
            r"|\b(?:fiscal|financial)[\s-]year (\d{2})(?!\d|[,.]\d)"
            r"|(\d{4}(?:\s*[/–-]\s*\d{2,4})?) fiscal year|财年\s*(\d{4})|(\d{4})\s*财年"
            r"|(?:year|period) ending (?:\w+ \d{1,2},? )?(\d{4})"
            r"|\b(?:the )?(current) fiscal(?: year)?\b",
            re.I,
        ),
        "fiscal year {0}",
        False,
    ),
    # "filed 50% more disclosures this fiscal year": the report's own fiscal year, article-wide
    (re.compile(r"\bthis (?:fiscal|financial) year\b", re.I), "fiscal year (current)", False),
    # "$1.2 million in 2012, up from the previous fiscal year": the sentence counts in fiscal
    # years, so its plain year is a fiscal one
    (
        re.compile(
            r"\b(?:in|for|during) ((?:19|20)\d\d)\b(?=[^.;]*\bfiscal year\b)"
            r"|\bfiscal year\b[^.;]*?\b(?:in|for|during) ((?:19|20)\d\d)\b",
            re.I,
        ),
        "fiscal year {0}",
        False,
    ),
    (
        re.compile(
            r"(?:截至|截止|至)\s*(\d{4})\s*年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:年?底|末)?"
            # "到2020年底" (not "减少到2011年的…": a change's end)
            r"|(?<![减增降升少加长])到\s*(\d{4})\s*年\s*(?:\d{1,2}\s*月(?:\d{1,2}日)?(?:底|末)?|年?底|末)"
            # "2020年底，学校拥有有效发明专利…": a stock at a year's end (not "2020年底…授权量")
            r"|(?<!\d)(\d{4})\s*年\s*(?:底|末)(?=[^。；;]{0,24}?(?:有效|拥有|累计|共有|总量|存量))"
            # "as on" is Indian English for "as of"
            r"|as o[fn] (?:the end of |\d{1,2} \w+ |\w+ \d{1,2},? )?(\d{4})"
            # "By June 2024, 585 patents had been licensed", "up to June 1997, a total of 19
            # disclosures": a total reached by then
            r"|\b(?:[Bb]y|up to|up till) (?:the end of )?((?:January|February|March|April|May|June|July|August"
            r"|September|October|November|December)(?: \d{1,2},)? \d{4})"
            r"|(?:截至|截止|统计至)(?:今年|本年)?\s*(\d{1,2}月(?:\d{1,2}日|底|末))"
            # "as of February 2024" (a month, not "February 20" of it), "as of March 31"
            r"|\bas o[fn] ((?:January|February|March|April|May|June|July|August|September|October"
            r"|November|December) (?:\d{4}|\d{1,2}(?!\d)))",
            re.I,
        ),
        "cumulative as of {0}",
        False,
    ),
    *PARTIAL_YEAR_ROWS,
    # an academic or fiscal year written "2020-21", "2019/20", "2010–11" (not a date "2020-12-01")
    (re.compile(r"(?<![\d-])(\d{4})\s*[–/-]\s*(\d{2})(?![\d-])"), "{0}-{1}", False),
    # "17/18年度": a two-digit academic or fiscal year
    (re.compile(r"(?<![\d/])(\d{2})\s*/\s*(\d{2})\s*(?:年度|学年)"), "20{0}-{1}", False),
    (
        re.compile(
            r"\b(?:up till now|up to now|to date|till date|so far|until now|since (?:its )?(?:founding|establishment|inception|creation)|accumulated|自建校以来|建校以来"
            r"|currently|at present|over the years)|(?:迄今|至今|历年来)(?!\s*(?:最|之最|新高))|截至目前|截至最新|累计|累积"
            # "目前，学校拥有有效发明专利2000件": a stock held now, not the paragraph's year
            r"|(?:目前|当前|现阶段)(?=[^。；;]{0,24}?(?:有效|拥有|累计|共有|总量|存量))",
            re.I,
        ),
        "cumulative",
        False,
    ),
    *EDITION_ROWS,
    (re.compile(r"\bfrom (\w+) to (\w+) (\d{4})", re.I), "{0} to {1} {2}", True),
    # part of a year: "from January to April", "1-4月", "上半年", "the first half of the year"
    (
        re.compile(
            rf"\bfrom ({MONTHS}) (?:to|through|until) ({MONTHS})\b"
            r"|(?<![\d.])(\d{1,2})\s*(?:月)?\s*(?:[-–~至到])\s*(\d{1,2})\s*月"
            r"|(上半年|下半年|前[一二三123]季度?|[一二三四1-4]季度|第[一二三四1-4]季度?)"
            r"|\b(first half|second half|(?:first|second|third|fourth) quarter"
            r"|first (?:two|three) quarters) of (?:the|this|last) year\b",
            re.I,
        ),
        "part of the year",
        False,
    ),
    (
        re.compile(
            r"\bfrom (\d{4}) to (\d{4})|(\d{4})\s*(?:年)?\s*[-–至到]\s*(\d{4})\s*年?"
            r"|\bbetween (\d{4}) and (\d{4})\b",
            re.I,
        ),
        "{0}-{1}",
        False,
    ),
    (
        re.compile(
            r"\b(?:in|over|during) the (?:past|last) (\d+|one|two|three|four|five|six|seven|eight"
            r"|nine|ten|few|several|many|couple of) years?",
            re.I,
        ),
        "past {0} years",
        False,
    ),
    *YEAR_RUN_ROWS,
    (re.compile(r"\b(?:in|over|during) the (?:past|last) decade\b", re.I), "past ten years", False),
    # the academic or fiscal year before the report's own ("上学年"; the English "previous
    # fiscal year" is mostly a comparison, see core.metrics.previous)
    (
        re.compile(
            r"上一?学年|上一?财年|上一?财政年度"
            r"|\b(?:in|during|for) the (?:last|previous|past) (?:academic|school) year\b",
            re.I,
        ),
        "the academic year before",
        False,
    ),
    (
        re.compile(r"\bsince (\d{4})|(\d{4})\s*年以来|自\s*(\d{4})\s*年?\s*(?:起|以来|以來)", re.I),
        "since {0}",
        False,
    ),
    (
        _EACH_YEAR := re.compile(
            r"每年|每一年|\bevery year\b|\beach year\b|\bper year\b"
            # "writes 20 provisional patents a year" (not "a year ago", "half a year")
            r"|\b(?:patents|applications|disclosures|licen[cs]es|inventions|filings|agreements)"
            r"\s+a\s+year\b",
            re.I,
        ),
        "each year",
        False,
    ),
    # "took part in the exhibition for four sessions and won 6 gold medals": a run of editions
    (re.compile(r"\bfor (\w+) (?:sessions|editions)\b", re.I), "{0} sessions", False),
    (re.compile(r"\bin recent years|近年来", re.I), "recent years", False),
    (re.compile(r"\blast year\b|\bthe previous year\b|上年度|去年", re.I), "last year", False),
    # "今年以来…300件": this year up to the report, a span (not the whole year)
    (
        re.compile(r"今年以来|年初以来|今年迄今|\bso far this year\b|\bthis year so far\b", re.I),
        "this year to date",
        False,
    ),
    (re.compile(r"\bthis year\b|今年(?!\d)|本年度", re.I), "this year", False),
    (re.compile(r"累计|cumulative", re.I), "cumulative", False),
]
_PERIOD_HINT = re.compile(
    r"十[一二三四五]五|^\W*(?:In|Over) \w+ years|over (?:a |the )?\w+[- ]years?|\d{4}\s*(?:to|through|until)\s+[A-Z]|年来|年底|年末|到\s*\d{4}|目前|当前|现阶段|年初|每年|between|至今|累积|历年来|过去|decade|over the years|till date|学年|财年|财政年度|每一年|every year|each year|per year|自\s*\d{4}|accumulated|\d{4}\s*-\s*\d{2}|月(?:底|末|至)|\d\s*月?\s*[-–~至到]\s*\d{1,2}\s*月|季度|半年|half of|quarter|(?:from|ending) (?:January|February|March|April|May|June|July|August|September|October|November|December)|届|edition|Award|Exhibition|Expo|Fair|session|截至|截止|至\s*\d{4}|fiscal|financial|FY|迄今|currently|at present|to date|so far|up till|up to|until now|founding|establishment|inception|以来|\d{2,4}\s*[–/]\s*\d{2}|as of|as on|\btill |\buntil |\bthrough |\bby (?:the end of )?[A-Z][a-z]+ \d|from|past|last|since|recent|近|累计|cumulative|previous|上年|去年|今年|本年|this year|\d\s*(?:年)?\s*[-–至到]\s*\d",
    re.I,
)
_YEAR_CARRY = re.compile(
    r"same period|same year|in the year|during the year|that year|同期|当年|全年", re.I
)


def _set_time(rec: dict[str, Any], period: tuple[str, bool, int] | None) -> None:
    """A sentence's own period replaces a year for the figures it governs: those after it,
    or in its clause ("98 patents were filed during the fiscal year 2012"); a figure before
    it keeps its year ("2015年…2577件…，并以截至2015年年底…3896件"). A period carried from
    earlier applies only to a figure without a year."""
    marked = rec.get("period") == "previous year"  # a finder knows it is the period before
    if marked:
        rec["period"] = None
    if period is not None:
        _apply_period(rec, period)
    if marked:
        shift_back(rec)
    else:
        previous_time(rec)
    evidence = (rec.get("evidence") or "").strip()
    if rec.get("year") is not None and str(rec["year"]) not in evidence and _heading(evidence):
        # a heading's figure with a year carried from above: the body's restatement that
        # states its own time ("844项已获授权" over "截至1月29日…844项") is the one kept
        rec["inferred"] = True


def one_time(rec: dict[str, Any]) -> None:
    """A figure is of a year or of a period, never both: a start year ("自2019年起已連續5年",
    "since 2019") gives way to the period; a year of its own ("from 24 in 2015 to … 187 in
    2024 so far", "2015年数据排名中…，并以截至2015年年底…") stays, and the period is a
    neighbour's."""
    year, period = rec.get("year"), rec.get("period")
    if period:
        rec["period"] = full_fiscal(period)  # "FY20": fiscal year 2020
    if year is None or not period:
        return
    since = rf"(?:自|从|since\s+|from\s+){year}\s*年?\s*(?:起|以来|onwards?|on\b)|{year}\s*年以来"
    if re.search(since, rec.get("evidence") or "", re.I):
        rec["year"] = None
    else:
        rec["period"] = None


def _title_line(text: str) -> bool:
    """A title or heading line: short, with no sentence end."""
    return len(text) <= 80 and not re.search(r"[。!?！？；;]|\.(?:\s|$)", text)


def _heading(text: str) -> bool:
    """A subtitle or headline: short, with no sentence end and no clause break."""
    return len(text) <= 40 and not re.search(r"[。.!?！？；;，,]", text)


def _apply_period(rec: dict[str, Any], period: tuple[str, bool, int]) -> None:
    text, own, at = period
    if own and at >= 0 and (later := relative_between(rec, at, lambda c: _period(c)[0])):
        # "2012年至2014年…都在百件以上，但去年申请量大减至38件": a relative year written
        # between the sentence's period and the figure is the figure's own
        rec["year"], rec["period"] = None, later
        return
    if (
        text.startswith(("edition ", EXHIBITION_EDITION))
        and rec.get("year")
        and str(rec["year"]) in rec["evidence"]
    ):
        return  # "2010年，第十二届专利奖中…各有1项": the year written is the figure's own
    if rec.get("period") == "the academic year before":
        rec["period"] = text  # the report's own academic year, as sentence_periods read it
    if own and text == "each year" and _later_clause(rec, at):
        # "每年支付20万元的分期款，直到5年后101万元付清": "each year" is its own clause's,
        # unless the figure's clause says it again ("…, writes 20 patents a year")
        if _EACH_YEAR.search(_clause_at(rec)):
            rec["year"], rec["period"] = None, text
        elif rec["period"] == text:
            rec["period"] = None
    elif own and _governed(rec, at):
        kept = (
            rec["period"] if rec["period"] != "last year" or not text.startswith("fiscal") else None
        )
        rec["year"], rec["period"] = None, kept or text
    elif own and rec["period"] == text and _in_earlier_clause(rec, at):
        # the sentence's period belongs to a later clause ("去年…137件…；今年截至6月底…"); the
        # figure's own clauses may state another ("每年逾2000万元，近3年…")
        rec["period"] = _period(rec["evidence"][:at])[0] or relative_before(rec)
    elif rec["year"] is None and not rec["period"]:
        rec["period"] = text
    elif (
        rec["year"] is not None
        and str(rec["year"]) in text
        and not rec["period"]
        and str(rec["year"]) not in rec["evidence"]
    ):
        rec["year"], rec["period"] = None, text  # a year carried out of the span itself


def _clause_at(rec: dict[str, Any]) -> str:
    """The clause the figure is written in ("" when where it is written is unknown)."""
    ev: str = rec["evidence"]
    pos = value_pos(ev, rec["value"])
    if pos is None:
        return ""
    start = max((m.end() for m in re.finditer(r"[,，;；。]", ev[:pos])), default=0)
    end = re.search(r"[,，;；。]", ev[pos:])
    return ev[start : pos + end.start() if end else len(ev)]


def _later_clause(rec: dict[str, Any], at: int) -> bool:
    """A figure written after the period's phrase, a clause break between them."""
    if at < 0 or rec.get("metric") == "rank":
        return False
    pos = value_pos(rec["evidence"], rec["value"])
    return pos is not None and pos > at and bool(re.search(r"[,，;；]", rec["evidence"][at:pos]))


def _governed(rec: dict[str, Any], at: int) -> bool:
    year, evidence = str(rec.get("year") or ""), rec["evidence"]
    if year and at >= 0 and evidence.count(year) == 1 and 0 <= evidence.find(year) - at <= 16:
        return True  # "147 disclosures, 62 applications … in FY2019": its only year is the period's
    pos = _rank_pos(rec) if rec.get("metric") == "rank" else None
    pos = pos if pos is not None else value_pos(rec["evidence"], rec["value"])
    if (
        pos is not None
        and rec["year"] is not None
        and str(rec["year"]) in rec["evidence"][pos : pos + 24]
        # "300 patents in 2022-23", "147 in fiscal year 2019": the year written there is
        # the period's own (opens it, or is in it), it is no year
        and not 0 <= rec["evidence"].find(str(rec["year"]), pos, pos + 24) - at <= 16
    ):
        return False  # "1,107 in 2016": the figure's own year
    if at < 0:
        return True
    if pos is None or pos >= at:
        return True
    return not re.search(r"[,，;；]", rec["evidence"][pos:at])


def _rank_pos(rec: dict[str, Any]) -> int | None:
    """Where a rank is written ("第4位", "4th", "No. 4"), not the first digit 4 of the sentence."""
    v = rec["value"]
    if v != int(v):
        return None
    m = re.search(
        rf"第\s*{int(v)}\s*[位名]|(?<![\d.]){int(v)}(?:st|nd|rd|th)\b|No\.?\s*{int(v)}\b|前\s*{int(v)}(?!\d)",
        rec["evidence"],
    )
    return m.start() if m else None


def _in_earlier_clause(rec: dict[str, Any], at: int) -> bool:
    """A count or sum written before the period's phrase, a clause break between them."""
    if rec["metric"] == "rank" or at < 0:
        return False
    pos = value_pos(rec["evidence"], rec["value"])
    return (
        pos is not None and pos < at and bool(re.search(r"[,，;；](?!\d)", rec["evidence"][pos:at]))
    )


_ACADEMIC_YEAR = re.compile(r"academic year|financial year|学年|年度", re.I)
_SAME_PERIOD = re.compile(r"same period|during the period|同期|期内|期间", re.I)
_DATA_WINDOW = re.compile(r"统计|数据|收集|\bdata\b|statistics|survey", re.I)


def sentence_periods(sentences: list[Sentence]) -> dict[int, tuple[str, bool, int]]:
    """Sentence start -> (period in force, whether the sentence states it, where): its own, else
    one stated earlier in its paragraph ("截至2021年3月31日…。其中，我校以203件…") while no
    sentence names a year."""
    out: dict[int, tuple[str, bool, int]] = {}
    paragraph, current, article_wide = -1, None, False
    for s in sentences:
        if s.paragraph != paragraph:
            paragraph = s.paragraph
            current = current if article_wide else None
        own, _year, _dated, span = _period(s.text)
        if own == "the academic year before" and article_wide and current:
            # a report of the last academic year, read in the next one: "上学年" is its year
            out[s.start] = (current, True, span[0])
            continue
        if own == "last year" and article_wide and current and current.startswith("fiscal"):
            out[s.start] = (period_before(current), True, span[0])  # in a fiscal year's report
            continue
        if own in CARRIED_RELATIVE and not article_wide:
            # "…132 patents filed this year. B is second with 104": the next sentences of
            # the paragraph with no time of their own are of the same year
            current = own
            continue
        if own and own not in ("last year", "this year", "recent years"):
            # "Since 2013, the list has …": a start year says when something began, in its
            # own sentence; the figures of the next sentences are not counted from it
            restated = article_wide and own == current  # the article's period said again
            current = None if own.startswith("since") else own
            # a data window ("统计1990年-2018年的专利数据") or a fiscal year holds for the
            # whole report, not only its paragraph
            # so does one in the article's first sentence or in a report's title
            # ("公布《至2016年底有效发明专利排名》")
            article_wide = (
                restated
                or own.startswith("fiscal")
                or bool(_ACADEMIC_YEAR.search(s.text))
                # (a window has bounds: "累计" in a statistics sentence is that figure's own)
                or (bool(_DATA_WINDOW.search(s.text)) and own != "cumulative")
                or s is sentences[0]
                # a report's title line ("Annual Report July 1, 2008 to June 30, 2009")
                or (s.paragraph == sentences[0].paragraph and _title_line(s.text))
                or bool(re.search(r"《[^》]*" + re.escape(s.text[span[0] : span[1]]), s.text))
            )
            out[s.start] = (own, True, span[0])
            continue
        if own_years(s.text) and not article_wide:
            current = None  # a year of its own ends the carried period (not "up from 2019")
        if current:
            # "during the same period" / 同期 restates the period: as good as its own
            out[s.start] = (current, bool(_SAME_PERIOD.search(s.text)), -1)
    return out


# --------------------------------------------------------------------------- years and periods


def _strip_fy(before: str) -> str:
    """The words before a year without its fiscal-year prefix ("from FY2014")."""
    return re.sub(r"(?:FY\s?|fiscal year\s+|财年\s*)$", "", before)


def own_years(text: str) -> list[int]:
    """The years ``text`` states as its own, in order: not those it compares with ("up 5% from
    2019", "compared to 2016", "较2017年")."""
    return list(_own_years(text))


@lru_cache(maxsize=4096)  # pure; every pass asks it of the same sentences
def _own_years(text: str) -> tuple[int, ...]:
    out = []
    for m in _PLAIN_YEAR.finditer(text):
        before = _strip_fy(text[max(0, m.start() - 40) : m.start()])
        if compared_span(before):
            # "a 20 percent increase from FY2014" compares with that year; "up from 173 in
            # 2017" dates the figure compared with
            continue
        if re.match(r"\s*年?\s*(?:相比|相较|同期相比)", text[m.end() : m.end() + 8]):
            continue
        out.append(int(m.group(0)))
    return tuple(out + [year for year, _at in roc_years(text)])


def _years(t: str, numbers: list[Number]) -> list[tuple[int, int, bool]]:
    """(year, position, is_comparison) for each year in the sentence."""
    out = []
    for n in numbers:
        if n.form != "digits" or not (1980 <= n.value <= 2035) or n.value != int(n.value):
            continue
        raw = t[n.start : n.end]
        after = t[n.end : n.end + 12]
        if (
            "," in raw
            or "." in raw
            or re.match(r"\s*(件|项|名|位|个|万|亿|元|%|多|余|所|家|人)", after)
        ):
            continue
        if raw.endswith("0") and re.match(r"s\b", after):
            continue  # a decade ("the 1980s") is no year
        if re.match(r"\s+(?:[a-z-]+\s+){0,2}(?:patents?|applications?)\b", after):
            continue
        comparison = bool(comparison_year(_strip_fy(t[max(0, n.start - 40) : n.start])[-30:]))
        # "与2017年相比", "较2017年": the year compared with, not the data year
        # "与2014年持平": the year the figure equals, not its own
        comparison = comparison or bool(
            re.match(r"\s*年?\s*(?:相比|相较|同期相比|(?:基本)?持平)", after)
        )
        out.append((int(n.value), n.start, comparison))
    out += [(year, at, False) for year, at in roc_years(t)]
    return sorted(out, key=lambda y: y[1])


def _year_for(pos: int, years: list[tuple[int, int, bool]]) -> int | None:
    before = [y for y, p, _ in years if p < pos]
    if before:
        return before[-1]
    after = [y for y, p, _ in years if p > pos]
    return after[0] if after else None


_HAS_PERIOD_HINT = any_match(_PERIOD_HINT)  # its words as substring tests (~4x faster)


@lru_cache(maxsize=4096)
def _period(t: str) -> tuple[str | None, int | None, bool, tuple[int, int]]:
    """(period text, its year if it names one, whether that year is the data year, its span)."""
    if not _HAS_PERIOD_HINT(t):
        return None, None, False, (0, 0)
    for pattern, template, dated in rows_for(_PERIODS, t):  # the rows that may match
        m = pattern.search(t)
        while m and not_data_span(t, m):
            m = pattern.search(t, m.end())  # "up 57% from 2019–20": the span compared with
        if m:
            groups = [_english_count(g) for g in m.groups() if g]
            text = template.format(*groups) if groups or "{" not in template else template
            year = next((int(g) for g in reversed(groups) if g.isdigit() and len(g) == 4), None)
            return text, year, dated, m.span()
    return None, None, False, (0, 0)


def _english_count(word: str) -> str:
    """近三年 → "three" so periods read the same in both languages."""
    if word.isdigit() or word.isascii():
        return word
    if word in ("几", "幾"):
        return "few"  # 近几年: the past few years
    value = cn_value(word)
    names = {v: k for k, v in WORDS.items()}
    return names.get(int(value), str(int(value))) if value else word


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
