"""The article's own time and region, for figures whose sentence does not give them: the
year of "last year" (from the publication date, the list's data year or the latest year an
undated article states), the dateline of a reported event, the one year a report's lead says
its data are for, and the region whose universities a Hong Kong or Taiwan article shortens.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from core.institutions import lookup
from core.metrics.compared import compared_span
from core.metrics.gates import gate_tables
from core.metrics.numbers import cn_value
from core.metrics.period_forms import EXHIBITION_EDITION, exhibition_year
from core.metrics.periods import own_years
from core.metrics.relative_time import clause_time
from core.metrics.trie import any_match

if TYPE_CHECKING:
    from core.metrics.context import Article


def dateline_year(text: str) -> int | None:
    """The year of the full date an article opens with ("2018年7月17日，…")."""
    m = _DATELINE.match(text)
    return int(m.group(1) or m.group(2)) if m else None


# a lead that says what data it reports: "对2019年全国…数据进行了统计分析", "according to a
# survey … in 2011", "WIPO released data for 2021"
_REPORTS = re.compile(r"统计|数据|分析|报告|年报|survey|report|statistics|\bdata\b", re.I)
_SENTENCE_END = re.compile(r"[。！？!?]|\.(?:\s|$)")


def report_year(text: str) -> int | None:
    """The one year the article's first two sentences give the data they report on."""
    # the end of the second sentence, found by one forward scan (a lazy "anything up to an
    # end" pattern retried at every position is quadratic on text with no sentence end)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, 600)][:2]
    lead = text[: ends[-1]] if ends else ""
    if not _REPORTS.search(lead):
        return None
    years = set(own_years(lead))
    return years.pop() if len(years) == 1 else None


_HEADLINE_END = re.compile(r"[。！？!?；;]|\.(?:\s|$)")


def headline_year(text: str) -> int | None:
    """The one year an article's headline (its first line, short and with no sentence end)
    states as its own: the data year of the figures its body gives undated."""
    first = text.lstrip().split("\n", 1)[0].strip()
    if not first or len(first) > 90 or _HEADLINE_END.search(first):
        return None
    years = set(own_years(first))
    return years.pop() if len(years) == 1 else None


# a report's title naming its academic or fiscal year ("Annual Report 2014–15", "2013-14年報")
_REPORT_SPAN = re.compile(
    r"(?:annual report|annual review|年报|年報|年度报告)\D{0,12}((?:19|20)\d\d)\s*[–/-]\s*(\d\d)\b"
    r"|((?:19|20)\d\d)\s*[–/-]\s*(\d\d)\b\D{0,6}(?:annual report|annual review|年报|年報|年度报告)",
    re.I,
)
_THIS_YEAR = re.compile(r"今年|本年度|\bthis year\b", re.I)


@lru_cache(maxsize=64)  # one article's text, asked once per record
def _report_span(text: str) -> str | None:
    """The academic or fiscal year its title line says a report covers ("2014-15")."""
    first = text.lstrip().split("\n", 1)[0]
    m = _REPORT_SPAN.search(first)
    if not m:
        return None
    start, end = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    return f"{start}-{end}"


_RECENT = re.compile(
    r"近日|日前|近期|昨天|昨日|今天|本周|上周|\b(?:recently|this week|last week|yesterday|today)\b",
    re.I,
)
_ANNUAL_TITLE = re.compile(r"\bannual (?:report|review)\b|年度报告|年报", re.I)
_FISCAL_WORDS = re.compile(r"\b(?:fiscal|financial) year\b|\bFY\b|财年|财政年度|会计年度", re.I)


@lru_cache(maxsize=64)  # one article's text, asked once per undated record
def _fiscal_review(text: str) -> bool:
    """An annual report or review (its headline says so) told in fiscal years."""
    first = text.lstrip().split("\n", 1)[0]
    return bool(_ANNUAL_TITLE.search(first) and _FISCAL_WORDS.search(text))


# an article that opens with the full date of the event it reports
_DATELINE = re.compile(
    r"\s*(?:本报讯|讯)?\s*((?:19|20)\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[,，]"
    r"|\s*(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December) \d{1,2}, ((?:19|20)\d\d)\s*[,—–-]",
)


# a year followed by a comma is a year ("in 2018, …"); "2,018" and "2018,500" are not
_STATED_YEAR = re.compile(
    r"(?<![\d.,])((?:19[89]|20[0-3])\d)(?!\d|,\d|(?<=0)s\b|\s*(?:件|项|名|位|万|亿))"
)


_TARGET = re.compile(r"(?:\bby|\buntil|\btill|到|至)\s*$", re.I)


def latest_year(text: str) -> int | None:
    """The latest year an article states, not counting targets ("by 2030", "到2035年")."""
    found = sorted(
        ((int(m.group(1)), m.start()) for m in _STATED_YEAR.finditer(text)), reverse=True
    )
    for year, start in found:  # the latest first: most articles need one test
        if not _TARGET.search(text[max(0, start - 8) : start]) and not _META_LINE.match(
            text, text.rfind("\n", 0, start) + 1
        ):
            return year
    return None


# a page's byline ("Post time:08-30 2023 Source:tech.eu", "发布时间：2023-08-30"): when it was
# posted, not a year its figures are of
_META_LINE = re.compile(
    r"\s*(?:post(?:ed)?(?:\s+(?:time|on|date))?|published(?:\s+on)?|updated|date|"
    r"发布时间|发布日期|发稿时间|更新时间|日期|时间)\s*[:：]",
    re.I,
)


# Hong Kong and Taiwan media write their universities without the place ("理工大學" for 香港理工大學,
# "清华大学" beside 国立清华大学 is another matter): an unregistered short name is the registered
# one of the article's region that it ends
_REGIONS = (
    (re.compile(r"香港|港大|本港|Hong Kong"), ("香港",)),
    (re.compile(r"台湾|臺灣|台灣|全台|新台币"), ("国立", "國立", "台湾", "臺灣")),
)


def regional(name: str, ctx: Article) -> str:
    if name.isascii() or lookup(name) or not re.search(r"大学|大學", name):
        return name
    for region, prefixes in _REGIONS:
        if region.search(ctx.text):
            for prefix in prefixes:
                inst = lookup(prefix + name)
                if inst:
                    return inst.name
    return name


def article_time(rec: dict[str, Any], ctx: Article) -> None:
    """A figure's time from the article: "last year" from its date, the list's data year,
    the dateline's year of a reported event."""
    span = _report_span(ctx.text)
    if (
        span
        and rec.get("year") is None
        and rec.get("period") in (None, "this year")
        and _THIS_YEAR.search(rec.get("evidence") or "")
    ):
        rec["period"] = span  # "Annual Report 2014–15" … "今年簽訂的…協議共有五十七項"
        return
    _relative_period(rec, ctx)
    if rec.get("year") is not None or rec.get("period"):
        return
    _undated(rec, ctx)


def _relative_period(rec: dict[str, Any], ctx: Article) -> None:
    """A period relative to the article ("last year", "this year", an exhibition's edition,
    "the previous year") made the year it names."""
    if rec.get("period") == "the academic year before" and ctx.published_year:
        before = _academic_year_before(ctx.published_year, ctx.published_month)
        rec["period"] = before or rec["period"]
    if rec.get("period") in ("last year", "the previous year"):
        rec["period"] = None
        # without a publication date, only a WIPO/NAI list's data year is a safe reference
        # or, undated, the latest year the article states (its own year, as a rule)
        ref = (
            ctx.published_year
            or (ctx.data_year + 1 if ctx.data_year and ctx.topics else None)
            or ctx.latest_year
        )
        rec["year"] = rec.get("year") or (ref - 1 if ref else None)
    if rec.get("period") == "this year":
        rec["period"] = None
        # "ranked 64th in the list released this year": WIPO's and the NAI/IPO's lists of
        # this year are of last year's data
        pub = ctx.published_year
        listed = bool(ctx.topics) and _listed(rec) and pub is not None
        this_year = (ctx.data_year or pub - 1) if listed and pub is not None else None
        rec["year"] = rec.get("year") or this_year or ctx.published_year or ctx.latest_year
    if str(rec.get("period") or "").startswith(EXHIBITION_EDITION):
        # an exhibition's medals are of its year: its edition's, where the exhibition's
        # editions are known years, else the article's, as news reports the latest
        edition = _edition(rec["period"][len(EXHIBITION_EDITION) :])
        known = exhibition_year(edition, rec["evidence"] + " " + ctx.text) if edition else None
        rec["period"] = None
        if rec.get("year") is None or known:
            rec["year"] = known or ctx.published_year or ctx.latest_year
            rec["inferred"] = not known
    if rec.get("period") == "previous year":
        # the figure before the article's own: its data year (or the year before publication)
        # minus one
        ref = ctx.data_year or (ctx.published_year - 1 if ctx.published_year else None)
        rec["period"], rec["year"] = None, (ref - 1 if ref else None)


def _academic_year_before(year: int, month: int | None) -> str | None:
    """ "the last academic year" read on a date: academic years run from the summer (July to
    September start them), so from July on the one just ended is Y-1 to Y, before July the
    one before the current (Y-2 to Y-1); an article with no month leaves it unresolved."""
    if month is None:
        return None
    start = year - 1 if month >= 7 else year - 2
    return f"{start}-{(start + 1) % 100:02d}"


def _edition(raw: str) -> int | None:
    """An edition number written in digits or Chinese numerals (第五十届)."""
    raw = raw.strip()
    value = int(raw) if raw.isdigit() else cn_value(raw)
    return int(value) if value else None


def _undated(rec: dict[str, Any], ctx: Article) -> None:
    """A figure with no time of its own: the article's list year, dateline, report or
    headline year, or (a rank) the latest year it states."""
    if _listed(rec) or (ctx.main_topics and rec.get("unit") == "count" and _of_the_list(rec)):
        rec["inferred"] = True
        if ctx.topics:
            # WIPO's and the NAI/IPO's lists report a calendar year and appear the next year;
            # every count of such an article (a breakdown of the year's patents) is of it
            rec["year"] = ctx.data_year or (ctx.published_year - 1 if ctx.published_year else None)
        elif ctx.ranking:
            rec["year"] = ctx.data_year  # a ranking list is of one year ("2021年…前100名")
    elif ctx.ranking and ctx.data_year and _list_entry(rec):
        # an entry of the article's ranking ("X以121件专利申请量位居…之冠") is of the list's year
        rec["year"], rec["inferred"] = ctx.data_year, True
    if rec.get("year") is None and ctx.dateline_year and rec["metric"] != "rank":
        rec["year"], rec["inferred"] = ctx.dateline_year, True  # the reported event's year
    if (
        rec.get("year") is None
        and ctx.published_year
        and rec["metric"] != "rank"
        and _RECENT.search(rec.get("evidence") or "")
    ):
        # "近日，中国科学院拍卖36项专利", "this week the university licensed 12 patents": an event
        # the article reports as just happened is of its publication year
        rec["year"], rec["inferred"] = ctx.published_year, True
    if (
        rec.get("year") is None
        and ctx.report_year
        and not _AWARDS.search(rec.get("evidence") or "")
    ):
        rec["year"], rec["inferred"] = ctx.report_year, True  # "对2019年…数据进行了统计"
    if rec.get("year") is None and rec["metric"] != "rank" and (year := headline_year(ctx.text)):
        rec["year"], rec["inferred"] = year, True  # "我校2016年发明专利授权量…" over the body
    if (
        rec.get("year") is not None
        and rec["metric"] != "rank"
        and _fiscal_review(ctx.text)
        and rec["year"] == headline_year(ctx.text)
    ):
        # "Annual Review 2022" whose body speaks of "the fiscal year": a figure dated by the
        # title is of the fiscal year it names, not of the calendar year
        rec["year"], rec["period"] = None, f"fiscal year {rec['year']}"
    # a rank with no time of its own, in its sentence, paragraph or the article's lead, is a
    # place in the article's present list: of the latest year it states (not after its
    # date). Counts and sums with no time stay undated (rules §4: no data year, no year).
    latest = ctx.latest_year
    if (
        rec.get("year") is None
        and rec["metric"] == "rank"
        and latest
        and not (ctx.published_year and latest > ctx.published_year)
    ):
        rec["year"], rec["inferred"] = latest, True


_PATENTS = re.compile(r"patent|专利", re.I)
_PLACE = re.compile(
    r"第\s*[\d一二三四五六七八九十]|位居|位列|排名|名列|之冠|榜首|居首|\branked\b|No\.\s*\d", re.I
)


def _list_entry(rec: dict[str, Any]) -> bool:
    """A patent count whose sentence gives a place: an entry of the article's list."""
    return (
        rec.get("unit") == "count"
        and rec["metric"] != "other"
        and bool(_PLACE.search(rec.get("evidence") or ""))
    )


_AWARDS = re.compile(r"award|medal|prize|奖", re.I)


def _of_the_list(rec: dict[str, Any]) -> bool:
    """A count of the list's own patents (a breakdown of them), not of medals or awards."""
    text = rec.get("evidence") or ""
    return bool(_PATENTS.search(text)) and not _AWARDS.search(text)


def _listed(rec: dict[str, Any]) -> bool:
    """Figures that WIPO's and the NAI/IPO's lists report (not awards or money)."""
    return rec["metric"] in ("rank", "patents_granted", "invention_patents_granted") or rec[
        "metric"
    ].startswith("pct_")


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())


# a sentence's own "last year"/"this year" ("北方大学去年技转金额排名全国第二", "台大今年获得专利
# 52件"), when it states no other time
_LAST_YEAR_SAID = re.compile(r"去年|上一年|\blast year\b", re.I)
_THIS_YEAR_SAID = re.compile(r"今年(?!以来)|本年(?!度)|\bthis year\b", re.I)
_OTHER_TIME = re.compile(
    r"(?<!\d)(?:19|20)\d\d(?!\d)|\d{2,3}\s*年|前年|同期|\bprevious\b|\bcompared\b"
    r"|\bup from\b|\bdown from\b|以来|截至|截止|\bso far\b|\bsince\b|\bby\b",
    re.I,
)
# its words as substring tests, its digit forms one scan jumping to the digits (a yes/no)
_HAS_OTHER_TIME = any_match(_OTHER_TIME)


def own_relative_time(raw: dict[str, Any]) -> None:
    """A figure's own "last year" or "this year", read once for every finder (a count finder
    reads a figure's noun and verb, not its time words):

    * a figure a finder dated "last year"/"this year" with the sentence takes the one
      written nearest before it ("去年获得专利52件，今年增加到60件");
    * a figure of the period before, in a sentence about this year, is of last year;
    * an undated figure in a sentence that states no other time takes the relative year
      nearest before it, comparisons skipped ("较去年"), else the one its sentence says
      after it ("filed 50 patents this year").
    The context step dates these from the publication date."""
    if raw.get("year") or raw.get("timed"):
        return
    period = raw.get("period")
    nearest = (
        clause_time(raw) if period in (None, "last year", "this year", "previous year") else None
    )
    if period == "previous year":
        # the period before a sentence's "this year" is last year ("今年…60件，较去年的52件")
        if nearest == "this year":
            raw["period"] = "last year"
        return
    if period not in (None, "last year", "this year"):
        return
    if period:
        if nearest and nearest != period:
            raw["period"] = nearest
        return
    sentence = raw["evidence"]
    if _HAS_OTHER_TIME(sentence):
        return
    if nearest:
        raw["period"] = nearest
        return
    last, this = _LAST_YEAR_SAID.search(sentence), _THIS_YEAR_SAID.search(sentence)
    if last and compared_span(sentence[max(0, last.start() - 40) : last.start()]):
        # "$84.8M, double last year's figure": compared with last year, the figure is this year's
        raw["period"] = "this year"
        return
    if bool(last) != bool(this) and not re.search(r"[较比与]\s*(?:去年|今年)", sentence):
        raw["period"] = "last year" if last else "this year"
