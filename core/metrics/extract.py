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
from dataclasses import asdict, dataclass, field
from typing import Any

from core.chinese import to_simplified
from core.institutions import canonical
from core.metrics.context import Article, apply_context, article_context
from core.metrics.counts import find_counts
from core.metrics.entities import Entity, find_entities
from core.metrics.listpass import list_metrics
from core.metrics.numbers import (
    ORDINAL_WORDS,
    WORDS,
    Number,
    apply_magnitude,
    as_number,
    cn_value,
    find_numbers,
    normalise,
)
from core.metrics.sentences import Sentence, split_sentences

EXTRACTOR_VERSION = "2"
METRICS = (
    "pct_applications_published",
    "pct_applications_filed",
    "international_patent_applications",
    "international_patents_granted",
    "invention_patent_applications",
    "invention_patents_granted",
    "patents_granted",
    "patent_applications",
    "patents_transferred",
    "contract_amount",
    "rank",
    "other",
)


@dataclass
class Metric:
    """One figure stated in an article, traceable to its sentence."""

    institution: str | None
    metric: str
    value: int | float
    unit: str
    year: int | None
    period: str | None
    scope: str | None
    basis: str | None
    qualifier: str | None
    currency: str | None
    evidence: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Found:
    """A metric before its year and institution are settled."""

    metric: str
    value: float
    pos: int
    unit: str
    scope: str | None = None
    basis: str | None = None
    qualifier: str | None = None
    currency: str | None = None


@dataclass
class _Paragraph:
    """What one sentence hands to the next: the year in force and the last count's noun."""

    index: int = -1
    year: int | None = None
    year_topics: set[str] = field(default_factory=set)
    carry_alive: bool = False
    last_count: str | None = None
    previous_text: str = (
        ""  # the last sentence, for verbs that carry ("…transfer projects. … cover 28 patents")
    )
    pct_seen: bool = False
    patent_seen: bool = False
    earlier_year: int | None = None  # last year of earlier paragraphs, for "the same period"


# --------------------------------------------------------------------------- vocabulary

_CURRENCY_BEFORE = re.compile(
    r"(HK\$|NT\$|US\$|RMB|CNY|USD|HKD|TWD|新台币|台币|港币|人民币|\$|¥|￥|EUR|€)\s*$"
)
_CURRENCY_AFTER = re.compile(
    r"^\s*(yuan|RMB|CNY|HKD|港元|港币|新台币|元|美元|欧元|US dollars|dollars|euros)", re.I
)
# a specific currency before the number wins over a generic 元 after it (新台币1亿元 is TWD)
_SPECIFIC_BEFORE = {"hk$", "nt$", "新台币", "台币", "港币", "hkd", "twd"}
_CURRENCY_CODE = {
    "hk$": "HKD",
    "hkd": "HKD",
    "港元": "HKD",
    "港币": "HKD",
    "nt$": "TWD",
    "twd": "TWD",
    "新台币": "TWD",
    "台币": "TWD",
    "人民币": "CNY",
    "yuan": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "元": "CNY",
    "¥": "CNY",
    "￥": "CNY",
    "美元": "USD",
    "usd": "USD",
    "us$": "USD",
    "$": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "欧元": "EUR",
    "eur": "EUR",
    "€": "EUR",
    "euros": "EUR",
}
_RANK_VERB = re.compile(r"\b(rank(?:s|ed|ing)?|plac(?:e|es|ed|ing)|position(?:ed)?)\b", re.I)
_RANK_WORD = re.compile(r"\brank|rating|排名|位居|位列|名列|top\b|第\s*\S{1,3}\s*[位名]", re.I)
_ORDINAL_SUFFIX = re.compile(r"^(?:st|nd|rd|th)\b")
_ORDINAL_WORD_RE = re.compile(r"\b(" + "|".join(ORDINAL_WORDS) + r")\b", re.I)
_NOT_RANK_AFTER = re.compile(
    r"^\s*(?:consecutive|session|anniversary|edition|annual|time|century|batch|year|round|"
    r"China|International|National|Geneva|[A-Z][a-z]+ (?:Competition|Exhibition|Conference|Forum))",
)
_TOP_EN = re.compile(r"\btop\s+(\d+|" + "|".join(WORDS) + r")\b", re.I)
_TOPPED = re.compile(
    r"\btopped (?:the|its) (?:list|ranking)|\bremained (?:at )?the top\b(?!\s+\d)", re.I
)
_TOP_ZH = re.compile(
    r"(进入|跻身|位居|位列|排名|居)[^，。；]{0,12}?前\s*(\d+|[一二三四五六七八九十百]+)\s*(?:名|位|强)?"
)
_ORD_ZH = re.compile(r"第\s*(\d+|[一二三四五六七八九十百]+)\s*(位|名)?")
_RANK_ZH_VERB = re.compile(r"(排名|位居|位列|名列|居)[^，。；、]{0,15}$")
_QUAL_BEFORE = [
    (
        re.compile(
            r"(more than|over|no less than|at least|exceed(?:ed|ing|s)?|超过|逾|多于)\s*$", re.I
        ),
        "more_than",
    ),
    (re.compile(r"(about|approximately|around|nearly|近|约)\s*$", re.I), "about"),
]
_CHANGE_BEFORE = re.compile(
    r"(increase[ds]? (?:of|by)|increased by|up by|growth of|grew by|up|增长|增加|提高|同比)\s*$",
    re.I,
)
_CHANGE_AFTER = re.compile(
    r"^\s*(%|percent|个百分点|倍|times\b|more\b|less\b|fewer\b|higher\b|lower\b)", re.I
)
_STOP = {
    "and",
    "with",
    "in",
    "to",
    "for",
    "from",
    "under",
    "which",
    "of",
    "were",
    "was",
    "have",
    "has",
    "had",
    "that",
    "during",
    "by",
    "at",
    "on",
    "since",
    "is",
    "are",
    "a",
    "the",
    "as",
    "than",
    "while",
}
_VERBS = [
    (
        "transferred",
        re.compile(r"transfer|licens|transformation|transform|commerciali|转让|许可|转化", re.I),
    ),
    ("granted", re.compile(r"\bgrant|authori[sz]|obtain|授权", re.I)),
    ("published", re.compile(r"publish|公开|公布", re.I)),
    ("filed", re.compile(r"\bfil(?:e|ed|es|ing)\b|submit|appl(?:y|ied) for|提交|申请", re.I)),
]
_VERB_ALL = re.compile("|".join(f"(?P<{name}>{pattern.pattern})" for name, pattern in _VERBS), re.I)
_NOUN_BACK = re.compile(
    r"(PCT[^,;，；]{0,40}?applications?|international patent applications?|international patents?|"
    r"invention patent applications?|invention patents?|patent applications?|patents|"
    r"intellectual property rights?)",
    re.I,
)
# Every figure the extractor emits sits in a sentence with one of these words; sentences
# and articles without any are skipped whole (most news never mentions patents).
_GATE = re.compile(
    r"patent|PCT|invention|intellectual|applica|contract|worth|licens|transfer|transform|rank|top|"
    r"placed|medal|专利|知识产权|发明|合同|成交|转让|转化|许可|授权|排名|位居|位列|名列|首位|居|前|第",
    re.I,
)
_PLAIN_YEAR = re.compile(r"(?<!\d)(?:19[89]\d|20[0-3]\d)(?!\d)")
_RANK_HINTS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "fifteenth",
    "twentieth",
    "top",
    "首位",
    "第",
    "前",
)


def _has_rank_hint(t: str) -> bool:
    """Cheap pre-check before the rank patterns (substring tests beat a case-insensitive regex)."""
    low = t.lower()
    return any(h in low for h in _RANK_HINTS)


_PATENT_CONTEXT = re.compile(
    r"patent|PCT|invention|applications|applicants|intellectual property|专利|知识产权|发明|转让|许可|转化|transfer|licens",
    re.I,
)
_PCT = re.compile(r"(?<![A-Za-z])PCT(?![A-Za-z])|Patent Cooperation Treaty", re.I)
# (pattern, period text, whether its year is the data year). Cumulative totals, fiscal
# and academic years are periods with no single data year (labelling rules, section 4).
_PERIODS = [
    (
        re.compile(
            r"fiscal (?:year )?(?:of )?(\d{4}(?:\s*[/–-]\s*\d{2,4})?)|\bFY\s?(\d{2,4})"
            r"|(\d{4}) fiscal year|财年\s*(\d{4})|(\d{4})\s*财年",
            re.I,
        ),
        "fiscal year {0}",
        False,
    ),
    (
        re.compile(
            r"(?:截至|截止|至)\s*(\d{4})\s*年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:年?底|末)?"
            r"|as of (?:the end of |\d{1,2} \w+ |\w+ \d{1,2},? )?(\d{4})"
            r"|(?:截至|截止)(?:今年|本年)?\s*(\d{1,2}月\d{1,2}日)"
            r"|\bas of ((?:January|February|March|April|May|June|July|August|September|October"
            r"|November|December) \d{1,2})",
            re.I,
        ),
        "cumulative as of {0}",
        False,
    ),
    (re.compile(r"(?<!\d)(\d{4})\s*[–/]\s*(\d{2})(?!\d)"), "{0}-{1}", False),
    (
        re.compile(
            r"\b(?:up till now|up to now|to date|so far|until now|since (?:its )?founding"
            r"|currently|at present)|迄今|截至目前|截至最新|累计|目前",
            re.I,
        ),
        "cumulative",
        False,
    ),
    (re.compile(r"\bfrom (\w+) to (\w+) (\d{4})", re.I), "{0} to {1} {2}", True),
    (
        re.compile(r"\bfrom (\d{4}) to (\d{4})|(\d{4})\s*(?:年)?\s*[-–至到]\s*(\d{4})\s*年?", re.I),
        "{0}-{1}",
        False,
    ),
    (
        re.compile(r"\b(?:in|over|during) the (?:past|last) (\w+) years?", re.I),
        "past {0} years",
        False,
    ),
    (re.compile(r"近\s*(\S)\s*年", re.I), "past {0} years", False),
    (re.compile(r"\bsince (\d{4})", re.I), "since {0}", False),
    (re.compile(r"\bin recent years|近年来", re.I), "recent years", False),
    (re.compile(r"\blast year\b|\bthe previous year\b|上年度", re.I), "last year", False),
    (re.compile(r"累计|cumulative", re.I), "cumulative", False),
]
_PERIOD_HINT = re.compile(
    r"截至|截止|至\s*\d{4}|fiscal|FY|迄今|to date|so far|up till|until now|founding|\d{4}\s*[–/]\s*\d{2}|as of|from|past|last|since|recent|近|累计|cumulative|previous|上年|\d\s*(?:年)?\s*[-–至到]\s*\d",
    re.I,
)
_YEAR_CARRY = re.compile(
    r"same period|same year|in the year|during the year|that year|同期|当年|全年", re.I
)
_COMPARISON_YEAR = re.compile(
    r"(compared (?:to|with)|than(?: in| that of| the)?|over|vs\.?|versus|the number of|较|比|up from"
    r"|(?:increase|decrease|rise|growth|drop) from)\s*$",
    re.I,
)
_MEASURE = re.compile(r"^\s*(件|项|个)")
_ZH_SKIP_NOUN = re.compile(r"(合同|项目|场|人次|册|届|次|所|家|名|个国家)[^专利知识产权]{0,3}$")
_CLAUSE_SEP = re.compile(r"[;；，,:：](?!\d)|、")


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
    matched = to_simplified(normalise(original))
    if not _GATE.search(matched):
        return []
    ctx = article_context(matched, published, institution)
    kept: list[dict[str, Any]] = []
    listed = list_metrics(matched, ctx, canonical(institution), _default_count(ctx))
    in_lists = {(r["start"], r["metric"], r["value"]) for r in listed}
    engine = [
        m.as_dict()
        for m in _sentence_pass(matched, canonical(institution))
        if (m.start, m.metric, m.value) not in in_lists
    ]
    known = {(r["start"], float(r["value"])) for r in listed + engine}
    extra = [
        r
        for sentence in split_sentences(matched)
        for r in find_counts(sentence, canonical(institution), _default_count(ctx))
        if (r["start"], float(r["value"])) not in known and not _in_list(r, listed)
    ]
    periods = sentence_periods(matched)
    for raw in listed + engine + extra:
        _set_time(raw, periods.get(raw["start"]))
        rec = apply_context(raw, ctx)
        if rec is None:
            continue
        rec["evidence"] = original[rec["start"] : rec["end"]]
        kept.append(rec)
    kept = _drop_restated_top_n(_dedup(kept))
    return [Metric(**{k: v for k, v in r.items() if k != "inferred"}) for r in kept]


def _drop_restated_top_n(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """"Ranks in top 10" beside "ranks No. 9" is one rank (rules §3): a top-N is dropped when
    the same institution has an exact rank within it in the same scope."""
    exact = {
        (r["institution"], r["scope"], r["value"])
        for r in records
        if r["metric"] == "rank" and r["unit"] == "rank"
    }
    return [
        r
        for r in records
        if not (
            r["unit"] == "rank_top_n"
            and any(i == r["institution"] and s == r["scope"] and v <= r["value"] for i, s, v in exact)
        )
    ]


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
        ]
        if any((o["year"], o["period"]) == (rec["year"], rec["period"]) for o in same):
            continue
        inferred = [o for o in same if o.get("inferred")]
        if same and (rec.get("inferred") or len(inferred) < len(same)):
            continue
        for o in inferred:
            out.remove(o)
        out.append(rec)
    return out


def _in_list(rec: dict[str, Any], listed: list[dict[str, Any]]) -> bool:
    """A value the list finders already own (a colon list's line may lie inside a sentence)."""
    return any(
        float(r["value"]) == float(rec["value"]) and rec["start"] <= r["start"] < rec["end"]
        for r in listed
    )


def _default_count(ctx: Article) -> str:
    """What a patent count with no verb is: the topic's figure in a topic article, else
    ``other`` (patents held, selected, on offer: the rules' catch-all)."""
    if "us_patents" in ctx.main_topics:
        return "patents_granted"
    return "pct_applications_published" if "pct" in ctx.main_topics else "other"


def _set_time(rec: dict[str, Any], period: tuple[str, bool, int] | None) -> None:
    """A sentence's own period replaces a year for the figures it governs: those after it,
    or in its clause ("98 patents were filed during the fiscal year 2012"); a figure before
    it keeps its year ("2015年…2577件…，并以截至2015年年底…3896件"). A period carried from
    earlier applies only to a figure without a year."""
    if period is None:
        return
    text, own, at = period
    if own and _governed(rec, at):
        rec["year"], rec["period"] = None, rec["period"] or text
    elif rec["year"] is None and not rec["period"]:
        rec["period"] = text
    elif rec["year"] is not None and str(rec["year"]) in text and not rec["period"]:
        if str(rec["year"]) not in rec["evidence"]:  # a year carried out of the span itself
            rec["year"], rec["period"] = None, text


def _governed(rec: dict[str, Any], at: int) -> bool:
    pos = _value_pos(rec["evidence"], rec["value"])
    if pos is not None and rec["year"] is not None:
        if str(rec["year"]) in rec["evidence"][pos : pos + 24]:
            return False  # "1,107 in 2016": the figure's own year
    if at < 0:
        return True
    if pos is None or pos >= at:
        return True
    return not re.search(r"[,，;；]", rec["evidence"][pos:at])


def _value_pos(sentence: str, value: float) -> int | None:
    v = int(value) if value == int(value) else value
    for form in (f"{v:,}" if isinstance(v, int) else str(v), str(v)):
        i = sentence.find(form)
        if i >= 0:
            return i
    return None


_SAME_PERIOD = re.compile(r"same period|同期", re.I)
_DATA_WINDOW = re.compile(r"统计|数据|收集|\bdata\b|statistics|survey", re.I)


def sentence_periods(text: str) -> dict[int, tuple[str, bool, int]]:
    """Sentence start -> (period in force, whether the sentence states it, where): its own, else
    one stated earlier in its paragraph ("截至2021年3月31日…。其中，我校以203件…") while no
    sentence names a year."""
    out: dict[int, tuple[str, bool]] = {}
    paragraph, current, article_wide = -1, None, False
    for s in split_sentences(text):
        if s.paragraph != paragraph:
            paragraph = s.paragraph
            current = current if article_wide else None
        own, _year, _dated, span = _period(s.text)
        if own and own not in ("last year", "recent years"):
            current = own
            # a data window ("统计1990年-2018年的专利数据") or a fiscal year holds for the
            # whole report, not only its paragraph
            article_wide = own.startswith("fiscal") or bool(_DATA_WINDOW.search(s.text))
            out[s.start] = (own, True, span[0])
            continue
        if _PLAIN_YEAR.search(s.text) and not article_wide:
            current = None
        if current:
            # "during the same period" / 同期 restates the period: as good as its own
            out[s.start] = (current, bool(_SAME_PERIOD.search(s.text)), -1)
    return out


def _sentence_pass(text: str, institution: str | None) -> list[Metric]:
    """Figures sentence by sentence, with the paragraph state handed from one to the next."""
    para = _Paragraph()
    out: list[Metric] = []
    for sentence in split_sentences(text):
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
            )
        out.extend(_sentence_metrics(sentence, para, institution))
    return out


# --------------------------------------------------------------------------- per sentence


def _sentence_metrics(s: Sentence, para: _Paragraph, default: str | None) -> list[Metric]:
    t = s.text
    if not _GATE.search(t):
        # No patent, ranking or money word: nothing to extract, but a year it states
        # may carry to the next sentence.
        years = [(int(m.group(0)), m.start(), False) for m in _PLAIN_YEAR.finditer(t)]
        _update_paragraph(para, t, years[-1:], [], False, None)
        return []
    numbers = find_numbers(t)
    if not numbers and not _has_rank_hint(t):
        _update_paragraph(para, t, [], [], False, None)
        return []
    years = _years(t, numbers)
    period, period_year, period_is_dated, period_span = _period(t)
    found = _find_all(t, numbers, years, para)
    entities = find_entities(t) if found else []
    metrics: list[Metric] = []
    # A year inside a span ("since 2016", "from 2018 to 2020") is not the data year.
    explicit_years = [
        y
        for y in years
        if not y[2] and (period_is_dated or not (period_span[0] <= y[1] < period_span[1]))
    ]
    carried = False
    for f in found:
        inst = _institution(f.pos, entities, default)
        if inst is False:
            continue
        year = _year_for(f.pos, explicit_years)
        if year is None and period_is_dated:
            year = period_year
        if year is None and not period and _may_carry(t, f.metric, para):
            year, carried = para.year, True
        elif year is None and not period and para.year is None and _YEAR_CARRY.search(t):
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
    return para.carry_alive or bool(_YEAR_CARRY.search(t)) or _topic(metric) in para.year_topics


def _topic(metric: str) -> str:
    if metric.startswith("pct") or metric == "rank":
        return "pct"
    if metric in ("patents_transferred", "contract_amount"):
        return "transfer"
    return metric.split("_")[0]


def _topics(t: str) -> set[str]:
    topics = set()
    if _PCT.search(t) or _RANK_WORD.search(t):
        topics.add("pct")
    if re.search(r"transfer|licens|contract|转让|许可|转化|合同", t, re.I):
        topics.add("transfer")
    if re.search(r"invention|发明", t, re.I):
        topics.add("invention")
    if re.search(r"international|国际专利|国外", t, re.I):
        topics.add("international")
    return topics


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
    if entity is None or entity.name is None:
        return default
    if not entity.university:
        return False
    return entity.name


# --------------------------------------------------------------------------- years and periods


def _years(t: str, numbers: list[Number]) -> list[tuple[int, int, bool]]:
    """(year, position, is_comparison) for each year in the sentence."""
    out = []
    for n in numbers:
        if n.form != "digits" or not (1980 <= n.value <= 2035) or n.value != int(n.value):
            continue
        raw = t[n.start : n.end]
        after = t[n.end : n.end + 12]
        if "," in raw or "." in raw or re.match(r"\s*(件|项|名|位|个|万|亿|元|%|多|余|所|家|人)", after):
            continue
        if re.match(r"\s+(?:[a-z-]+\s+){0,2}(?:patents?|applications?)\b", after):
            continue
        comparison = bool(_COMPARISON_YEAR.search(t[max(0, n.start - 30) : n.start]))
        out.append((int(n.value), n.start, comparison))
    return out


def _year_for(pos: int, years: list[tuple[int, int, bool]]) -> int | None:
    before = [y for y, p, _ in years if p < pos]
    if before:
        return before[-1]
    after = [y for y, p, _ in years if p > pos]
    return after[0] if after else None


def _period(t: str) -> tuple[str | None, int | None, bool, tuple[int, int]]:
    """(period text, its year if it names one, whether that year is the data year, its span)."""
    if not _PERIOD_HINT.search(t):
        return None, None, False, (0, 0)
    for pattern, template, dated in _PERIODS:
        m = pattern.search(t)
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
    value = cn_value(word)
    names = {v: k for k, v in WORDS.items()}
    return names.get(int(value), str(int(value))) if value else word


# --------------------------------------------------------------------------- finding figures


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
            _money(t, n, prev_end)
            or _rank(t, n, prev_end, found)
            or _count(t, n, prev_end, para, found)
        )
        if f:
            found.append(f)
        prev_end = n.end
    if not para.pct_seen:
        para.pct_seen = bool(_PCT.search(t))
    if not para.patent_seen:
        para.patent_seen = bool(_PATENT_CONTEXT.search(t))
    if not para.patent_seen:  # a contest or sports ranking, not a patent one
        found = [f for f in found if f.metric != "rank"]
    for f in found:
        if f.metric == "rank" and f.basis is None:
            f.basis = _rank_basis(t, found) or (
                "pct_applications_published" if para.pct_seen else None
            )
    return sorted(found, key=lambda f: f.pos)


def _clause_start(t: str, pos: int) -> int:
    starts = [m.end() for m in _CLAUSE_SEP.finditer(t, 0, pos)]
    return starts[-1] if starts else 0


def _qualifier(before: str, after: str) -> str | None:
    for pattern, name in _QUAL_BEFORE:
        if pattern.search(before):
            return name
    if re.match(r"^\s*(?:件|项)?\s*(余|多)", after) or re.match(r"^\s*余", after):
        return "more_than"
    return None


# money is a patent metric only with one of these in its clause (not funding, scholarships)
_MONEY_CUES = re.compile(
    r"contract|合同|worth|成交|交易额|licens|许可|royalt|income|revenue|earn|sold for|"
    r"转让费|转让|转化|卖出|买断|收入|技转|commerciali",
    re.I,
)


def _money(t: str, n: Number, prev_end: int) -> _Found | None:
    value, used = apply_magnitude(n.value, t[n.end :])
    after = t[n.end + used :]
    before = t[max(0, n.start - 8) : n.start]
    cur_after = _CURRENCY_AFTER.match(after)
    cur_before = _CURRENCY_BEFORE.search(before)
    if not (cur_after or cur_before):
        return None
    if cur_before and cur_before.group(1).lower() in _SPECIFIC_BEFORE:
        cur_after = None
    code = _CURRENCY_CODE[(cur_after or cur_before).group(1).lower()]  # type: ignore[union-attr]
    segment = t[max(prev_end, _clause_start(t, n.start)) : n.start]
    clause = t[_clause_start(t, n.start) : _next_clause_end(t, n.end)]
    if re.search(r"average|平均|单项", segment, re.I):
        metric = "other"
    elif _MONEY_CUES.search(clause):
        metric = "contract_amount"
    else:
        return None
    return _Found(
        metric, value, n.start, code, qualifier=_qualifier(t[: n.start][-20:], after), currency=code
    )


def _ranks_special(t: str, consumed: set[int]) -> list[_Found]:
    """Ranks not written as a plain number: ordinal words, "top N", 第N位, "topped the list"."""
    out: list[_Found] = []
    if not _has_rank_hint(t):
        return out
    for m in _ORDINAL_WORD_RE.finditer(t):
        if _RANK_VERB.search(
            t[_clause_start(t, m.start()) : m.start()][-40:]
        ) and not _NOT_RANK_AFTER.match(t[m.end() :]):
            out.append(
                _Found(
                    "rank",
                    ORDINAL_WORDS[m.group(1).lower()],
                    m.start(),
                    "rank",
                    scope=_scope_en(t[m.end() :]),
                )
            )
    for m in re.finditer(r"(?:位居|居|位列|排名|名列)([^，。；]{0,15}?)(首位|第一名?)", t):
        if m.group(2).startswith("首"):
            out.append(_Found("rank", 1, m.start(2), "rank", scope=_scope_zh(m.group(1))))
    for m in _TOPPED.finditer(t):
        out.append(_Found("rank", 1, m.start(), "rank", scope=_scope_en(t[m.end() :])))
    for m in _TOP_EN.finditer(t):
        lead = t[: m.start()]
        if (
            re.search(r"(rank\w*|among|into|enter\w*|in)\s+(?:the\s+)?$", lead, re.I)
            and re.search(r"\b(rank|among|enter|is|are|was|has been|have been)\b", lead[-60:], re.I)
            and not re.match(r"^\s*Among\b", lead, re.I)
        ):
            value = float(m.group(1)) if m.group(1).isdigit() else float(WORDS[m.group(1).lower()])
            out.append(
                _Found(
                    "rank",
                    value,
                    m.start(),
                    "rank_top_n",
                    qualifier="top_n",
                    scope=_scope_en(t[m.end() :]),
                )
            )
            consumed.add(m.start(1))
    for m in _TOP_ZH.finditer(t):
        value = float(m.group(2)) if m.group(2).isdigit() else cn_value(m.group(2))
        if value:
            out.append(
                _Found(
                    "rank",
                    value,
                    m.start(2),
                    "rank_top_n",
                    qualifier="top_n",
                    scope=_scope_zh(t[m.end(1) : m.start(2)]),
                )
            )
            consumed.add(m.start(2))
    for m in _ORD_ZH.finditer(t):
        before = t[max(0, m.start() - 20) : m.start()]
        if not (m.group(2) or _RANK_ZH_VERB.search(before)):
            continue
        if re.match(r"\s*(届|次|批|年|期|轮)", t[m.end(1) :]):
            continue
        value = float(m.group(1)) if m.group(1).isdigit() else cn_value(m.group(1))
        if value:
            out.append(
                _Found(
                    "rank", value, m.start(1), "rank", scope=_scope_zh(_zh_scope_text(t, m.start()))
                )
            )
            consumed.add(m.start(1))
    return out


def _rank(t: str, n: Number, prev_end: int, found: list[_Found]) -> _Found | None:
    after = t[n.end :]
    if n.form != "digits":
        return None
    clause_before = t[_clause_start(t, n.start) : n.start]
    if _ORDINAL_SUFFIX.match(after):
        if _NOT_RANK_AFTER.match(after[2:]):
            return None
        earlier_rank = any(f.metric == "rank" and f.pos < n.start for f in found)
        if not (
            _RANK_VERB.search(clause_before[-60:])
            or _RANK_VERB.search(t[prev_end : n.start])
            or earlier_rank
            or re.match(r"^\w*\s+place", after)
        ):
            return None
        return _Found("rank", n.value, n.start, "rank", scope=_scope_en(after[2:]))
    # "…, 8th in Chinese universities, and 836 in overall international rankings"
    continues_ranks = any(f.metric == "rank" and f.pos < n.start for f in found)
    if (
        continues_ranks
        and re.match(r"^\s+(?:in|among)\b", after)
        and re.search(r"rank", after[:60], re.I)
    ):
        return _Found("rank", n.value, n.start, "rank", scope=_scope_en(after))
    return None


def _count(
    t: str, n: Number, prev_end: int, para: _Paragraph, found: list[_Found]
) -> _Found | None:
    after = t[n.end :]
    before = t[: n.start]
    if _CHANGE_AFTER.match(after) or _CHANGE_BEFORE.search(before[-20:]):
        return None
    if re.match(r"^\s*(?:st|nd|rd|th)\b", after):
        return None
    if n.form == "cn" and not _MEASURE.match(after):
        return None
    zh = bool(_MEASURE.match(after)) or n.form == "cn"
    metric = (
        _count_metric_zh(t, n, prev_end, para) if zh else _count_metric_en(t, n, prev_end, para)
    )
    if not metric:
        return None
    name, unit = metric
    para.last_count = name
    return _Found(name, n.value, n.start, unit, qualifier=_qualifier(before[-20:], after))


def _count_metric_en(t: str, n: Number, prev_end: int, para: _Paragraph) -> tuple[str, str] | None:
    after = t[n.end :]
    window, trailing = _noun_window(after)
    sentence_before = t[: n.start]
    if window:
        words = [w.lower() for w in window]
        if any(w.startswith("medal") for w in words):
            return ("other", " ".join(window)) if _PATENT_CONTEXT.search(t) else None
        head = words[-1]
        kind = {
            "patents": "patents",
            "patent": "patents",
            "applications": "applications",
            "application": "applications",
            "rights": "ip",
            "right": "ip",
        }.get(head)
        if kind is None or (kind == "ip" and "property" not in words):
            return None
        verb = (
            trailing
            or _verb_after(after[len(" ".join(window)) + 1 :])
            or _verb_in(t[prev_end : n.start])
            or _last_verb(sentence_before)
            or _verb_in(para.previous_text)
        )
        pct = "pct" in words or bool(
            re.match(r"^\s*(?:\w+\s+){0,4}under the (?:PCT|Patent Cooperation Treaty)", after)
        )
        return _classify_count(kind, set(words), verb, pct, t)
    copula = re.match(r"^\s*(?:were|are|was|is)\s+", after)
    if copula:
        window, _ = _noun_window(after[copula.end() :])
        words = [w.lower() for w in window]
        if words and words[-1] in ("patents", "patent", "applications", "application"):
            kind = "applications" if words[-1].startswith("application") else "patents"
            verb = (
                _verb_in(t[prev_end : n.start])
                or _last_verb(sentence_before)
                or _verb_in(para.previous_text)
            )
            return _classify_count(kind, set(words), verb, "pct" in words, t)
    if n.form == "word":
        return None  # "one of the indicators": a spelled-out number must name its noun
    clause = t[max(prev_end, _clause_start(t, n.start)) : n.start]
    noun = list(_NOUN_BACK.finditer(clause))
    verb = (
        _verb_after(after)
        or _verb_in(clause)
        or _last_verb(sentence_before)
        or _verb_in(para.previous_text)
    )
    if noun:
        words = set(noun[-1].group(0).lower().split())
        kind = (
            "applications"
            if any(w.startswith("application") for w in words)
            else ("ip" if "property" in words else "patents")
        )
        return _classify_count(kind, words, verb, "pct" in words or bool(_PCT.search(t)), t)
    elided = re.search(
        r"(with|granted|published|filed|transferred|of which|reach(?:ed|ing)?)\s*$",
        t[: n.start],
        re.I,
    )
    if para.last_count and (elided or _verb_after(after)):
        return para.last_count if not _verb_after(after) else _reverb(
            para.last_count, _verb_after(after)
        ), _unit(para.last_count)
    return None


def _classify_count(
    kind: str, words: set[str], verb: str | None, pct: bool, t: str
) -> tuple[str, str] | None:
    intl = bool(words & {"international", "foreign", "overseas"})
    invention = "invention" in words
    if kind == "applications":
        if pct:
            published = (
                verb == "published"
                or bool(words & {"published", "open"})
                or (verb is None and bool(_RANK_WORD.search(t)))
            )
            return (
                "pct_applications_published" if published else "pct_applications_filed"
            ), "applications"
        if intl:
            return "international_patent_applications", "applications"
        if invention:
            return "invention_patent_applications", "applications"
        if verb == "published" or "published" in words:
            return "pct_applications_published", "applications"
        return "patent_applications", "applications"
    if kind == "ip":
        return ("patents_transferred", "ip rights") if verb == "transferred" else None
    if verb == "transferred":
        return "patents_transferred", "patents"
    return _by_verb(verb, intl, invention)


def _by_verb(verb: str | None, intl: bool, invention: bool) -> tuple[str, str] | None:
    """Granted or filed patents, international, invention or plain (English and Chinese alike)."""
    if verb == "granted":
        if intl:
            return "international_patents_granted", "patents"
        return ("invention_patents_granted" if invention else "patents_granted"), "patents"
    if verb == "filed":
        if intl:
            return "international_patent_applications", "applications"
        return (
            "invention_patent_applications" if invention else "patent_applications"
        ), "applications"
    return None


def _count_metric_zh(t: str, n: Number, prev_end: int, para: _Paragraph) -> tuple[str, str] | None:
    start = max(prev_end, _clause_start(t, n.start))
    seg = t[start : n.start]
    measure = _MEASURE.match(t[n.end :])
    tail_end = _next_clause_end(t, n.end)
    tail = t[n.end + (measure.end() if measure else 0) : tail_end]
    if _ZH_SKIP_NOUN.search(seg) and not re.search(r"专利|知识产权", seg[-6:]):
        return None
    text = seg if re.search(r"专利|知识产权|PCT", seg) else tail
    if not re.search(r"专利|知识产权|PCT", text):
        if not re.search(r"以\s*$", seg):
            return None
        # "深圳大学以252件位居第三": the noun is the sentence's subject matter, or the last count's
        if re.search(r"专利|PCT", t[: n.start]):
            text = t[: n.start] + ("公开" if _RANK_WORD.search(t) else "")
        elif para.last_count:
            return para.last_count, _unit(para.last_count)
        else:
            return None
    if "PCT" in text:
        return (
            "pct_applications_published"
            if re.search(r"公开|公布", text)
            else "pct_applications_filed"
        ), "applications"
    if re.search(r"有效|拥有", text):
        return "other", "patents held"
    if re.search(r"转让|许可|转化", text):
        return "patents_transferred", "patents"
    intl = bool(re.search(r"国际专利|国外|海外|境外", text))
    invention = "发明专利" in text
    verb = "granted" if "授权" in text else "filed" if "申请" in text else None
    return _by_verb(verb, intl, invention)


def _next_clause_end(t: str, pos: int) -> int:
    m = _CLAUSE_SEP.search(t, pos)
    return m.start() if m else len(t)


def _noun_window(after: str) -> tuple[list[str], str | None]:
    """Words of the noun phrase right after a number, and a trailing participle if any."""
    words: list[str] = []
    for m in re.finditer(r"\s*([A-Za-z][A-Za-z-]*|\(|\))", after):
        if m.start() != 0 and not words and after[: m.start()].strip():
            break
        word = m.group(1)
        if word in "()" or word.lower() in _STOP or len(words) >= 6:
            break
        words.append(word)
        rest = after[m.end() :]
        if not re.match(r"^\s+[A-Za-z]", rest):
            break
        after_next = re.match(r"^\s+([A-Za-z-]+)", rest)
        if after_next and after_next.group(1).lower() in _STOP:
            break
    if words and words[-1].lower() in (
        "granted",
        "published",
        "filed",
        "transferred",
        "licensed",
        "authorized",
    ):
        return words[:-1], _verb_in(words[-1])
    return words, None


def _verb_in(text: str) -> str | None:
    """The category of the last patent verb in ``text`` (published/filed/granted/transferred)."""
    last = None
    for m in _VERB_ALL.finditer(text):
        last = m.lastgroup
    return last


def _last_verb(text: str) -> str | None:
    return _verb_in(text)


def _verb_after(after: str) -> str | None:
    m = re.match(r"^\s*(?:have|has|had|were|was)\s+(?:been\s+)?(\w+)", after)
    return _verb_in(m.group(1)) if m else None


def _reverb(metric: str, verb: str | None) -> str:
    swaps = {
        ("international_patent_applications", "granted"): "international_patents_granted",
        ("invention_patent_applications", "granted"): "invention_patents_granted",
        ("patent_applications", "granted"): "patents_granted",
    }
    return swaps.get((metric, verb or ""), metric)


def _unit(metric: str) -> str:
    return "applications" if "applications" in metric else "patents"


# --------------------------------------------------------------------------- rank details


def _scope_en(after: str) -> str | None:
    m = re.match(
        r"^\s*(?:place\s+)?(?:in|among)\s+(?:the\s+)?(?:top\s+\w+\s+)?(.+?)(?=\s*(?:,|\.|;|\band\s+\d|\bwith\b|"
        r"\bin the number\b|\bin PCT\b|\bin (?:19|20)\d\d\b|\bfor \d|\bcompared\b|$))",
        after,
        re.I,
    )
    if not m:
        m = re.match(
            r"^\s*(.+?)(?=\s*(?:,|\.|;|\bin PCT\b|\bin the number\b|\bin (?:19|20)\d\d\b|$))", after
        )
        if not m or not re.search(r"institution|universit|applicant|school", m.group(1), re.I):
            return None
    return normalise_scope(m.group(1))


def _zh_scope_text(t: str, pos: int) -> str:
    lead = t[max(0, pos - 20) : pos]
    parts = re.split(r"[，。；、]|排名|位居|位列|名列|居|为|达", lead)
    return parts[-1] if parts else lead


def _scope_zh(raw: str) -> str | None:
    raw = re.sub(r"PCT\S*?量|PCT申请", "", raw).strip()
    return normalise_scope(raw) if raw else None


def normalise_scope(raw: str) -> str:
    """Map ranking scopes to a few canonical names; anything else is kept as written."""
    low = raw.lower()
    edu = re.search(r"educat|universit|academic|教育|高校|大学", low)
    if re.search(r"global|world|around the world|全球|世界|international", low) and edu:
        return "global education institutions"
    if re.search(r"chinese|china|国内|中国|全国|nationwide|national|domestic", low) and edu:
        return "Chinese universities"
    if re.search(r"overall|总", low):
        return "overall"
    return raw.strip()


def _rank_basis(t: str, found: list[_Found]) -> str | None:
    m = re.search(r"in the number of ([\w\s-]+?)(?=[,.;]|$)", t, re.I)
    if m:
        phrase = m.group(1).lower()
        if "transfer" in phrase:
            return "patents_transferred"
        if "invention" in phrase and "grant" in phrase:
            return "invention_patents_granted"
    counts = [f.metric for f in found if f.metric not in ("rank", "other")]
    if counts:
        return counts[0]
    if _PCT.search(t):
        return "pct_applications_published"
    if re.search(r"转让|转化|transfer", t, re.I):
        return "patents_transferred"
    return None
