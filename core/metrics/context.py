"""The context step: what the article as a whole says about each figure found in a sentence.

A sentence's figure is named by the words next to it; the article decides the rest:

* **topic** — in an article about WIPO's PCT statistics "302 applications" are PCT
  applications (published, or filed where the sentence says so); in one about the
  NAI/IPO or USPTO lists, patents are U.S. patents granted (``patents_granted``);
* **scope** of a rank — its class (:mod:`core.metrics.scopes`) from the rank's own
  words, else its sentence, else the article's list (world for PCT and NAI ranks);
* **time** — "last year" is the year before publication, not a period;
* **owner** — a figure of nobody named (a national or all-applicant total) is dropped,
  and every institution is written in its registry spelling.
The rules are the rows of :data:`TOPICS`; the code below only applies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from core.institutions import canonical, lookup
from core.metrics import locale as loc  # the article's locale (TW/HK/CN): core/metrics/locale.py
from core.metrics import names  # generic figures (names hook)
from core.metrics.article_names import defines_short_forms
from core.metrics.article_time import (
    article_time,
    dateline_year,
    latest_year,
    regional,
    report_year,
)
from core.metrics.entities import (
    DEAL_PARTNER,
    article_abbreviations,
    defined_owner,
    find_entities,
    previous_subject,
    without_counterparts,
)
from core.metrics.gates import gate_tables
from core.metrics.groups import group_figure, whole_clause_before
from core.metrics.list_basis import ranking_basis
from core.metrics.members import joins_list
from core.metrics.money import local_currency
from core.metrics.not_figures import (
    PERSON_WORDS,
    a_persons_figure,
    a_places_whole,
    a_target,
    counts_another_noun,
    in_quoted_name,
    non_patent_rank,
)
from core.metrics.rankcomposite import composite_named_last
from core.metrics.rankscope import clean_scope, rank_scope, scope_words
from core.metrics.scopes import LABELS, NATION_OF, article_scope, list_title_scope, scope_class
from core.metrics.vocab import without_inclusions
from core.metrics.where import near, own_clause, own_words, position, words_of_figure

# topic -> (article pattern, sentence pattern that confirms it, metrics it renames, new metric)
TOPICS: tuple[tuple[str, str, str, tuple[str, ...], str], ...] = (
    (
        "pct",
        r"\bPCT\b|Patent Cooperation Treaty|\bWIPO\b|World Intellectual Property Organi[sz]ation"
        r"|international patent (?:applications|filings)|世界知识产权组织|国际专利申请",
        r"\bPCT\b|Patent Cooperation Treaty|international (?:patent )?applications|国际专利申请|PCT",
        ("patent_applications", "international_patent_applications"),
        "pct_applications_published",
    ),
    (
        "us_patents",
        r"utility patents?|National Academy of Inventors|\bNAI\b|USPTO|Patent (?:and|&) Trademark Office"
        # the IPO's list of U.S. patents, "granted U.S. patents"
        r"|Intellectual Property Owners|\bU\.S\. patents\b"
        r"|美国实用|美国专利|美國專利|美国发明专利|美國發明專利|实用专利",
        # a Chinese invention patent (发明专利) is China's unless its clause says 美国
        r"U\.S\.|\bUS\b|utility|美国|美國|(?<!发明)(?<!發明)(?:专利|專利)|patent",
        ("invention_patents_granted", "international_patents_granted"),
        "patents_granted",
    ),
)
# words one of which an article must contain before its topic's pattern is tried (a
# substring test costs microseconds; a case-insensitive alternation over 2 KB, a millisecond)
TOPIC_WORDS = {
    "pct": (
        "pct",
        "patent cooperation",
        "wipo",
        "world intellectual",
        "international patent",
        "世界知识产权",
        "国际专利",
    ),
    "us_patents": (
        "utility patent", "academy of inventors", "nai", "uspto", "trademark office",
        "property owners", "u.s. patent", "美国", "实用专利",
    ),
}  # fmt: skip
_FILED = re.compile(r"\bfiled\b|\bfiling\b|\bapplied for\b|提交", re.I)
_COMPILED = [
    (name, re.compile(art, re.I), re.compile(sent, re.I), renames, new)
    for name, art, sent, renames, new in TOPICS
]
_NATIONAL = re.compile(
    r"全国|我国|国内|中国高校|高等院校|前\s*\d+\s*名(?:的)?高校|nationwide|Chinese universities|in China",
    re.I,
)


@dataclass(frozen=True)
class Article:
    """What holds for every sentence of one article."""

    topics: frozenset[str]
    published_year: int | None
    default_scope: str | None
    data_year: int | None  # the year the article's figures are for ("patents in 2018")
    main_topics: frozenset[str] = frozenset()  # topics of the headline and lead
    country: str | None = None  # the article's own institution's country (for a bare "$")
    ranking: bool = False  # the article reports a ranking list
    latest_year: int | None = None  # the latest year it states (not a target "by 2030")
    text: str = ""  # the matched text, for the subject of the sentence before
    dateline_year: int | None = None  # "2018年7月17日，…": the year of the event reported
    report_year: int | None = None  # the one year of the data its lead says it reports on
    abbreviations: dict[str, str] = field(default_factory=dict)  # "QUS" -> its full name
    locale: str | None = None  # "TW", "HK", "CN" or None (core.metrics.locale.detect_locale)
    ranking_basis: str | None = None  # what its ranking ranks (core/metrics/list_basis.py)
    published_month: int | None = None  # for "the last academic year" (article_time.py)


# the data year: the first year written right after a patent word ("utility patents issued in
# 2022", "applications filed in 2014") or right before one (2020年…专利)
_DATA_YEAR = re.compile(
    r"(?:patents?|applications?|filings?|PCT)\b[^.。\n]{0,40}?\b(?:in|for|of|during)\s+((?:19[89]|20[0-3])\d)\b"
    r"|(?<!\d)((?:19[89]|20[0-3])\d)\s*年[^，。\n]{0,20}?专利",
    re.I,
)
_LEAD = 400
_RANKING = re.compile(
    r"排名|排行|榜单|前\s*\d+\s*名|前[一二三四五六七八九十百]+名|百强|\branking|\btop \d+\b", re.I
)


def article_context(text: str, published: str | None, institution: str | None = None) -> Article:
    bare = without_inclusions(text)  # "(including PCT)" makes no PCT article
    low = bare.lower()
    maybe = [c for c in _COMPILED if any(w in low for w in TOPIC_WORDS[c[0]])]
    topics = frozenset(name for name, art, _s, _r, _n in maybe if art.search(bare))
    lead = frozenset(name for name, art, _s, _r, _n in maybe if art.search(bare[:_LEAD]))
    year = int(published[:4]) if published and published[:4].isdigit() else None
    default = "world" if topics else ("china" if _NATIONAL.search(text) else None)
    m = _DATA_YEAR.search(text)
    data_year = int(m.group(1) or m.group(2)) if m else None
    inst = lookup(institution)
    ranking = bool(_RANKING.search(text))
    latest = latest_year(text)
    country = inst.country if inst else None
    # locale hook: the article's locale, its own short names, and ROC years (民国103年)
    locale = loc.detect_locale(text, country)
    loc.learn_article_names(text, locale)
    data_year = data_year or (loc.roc_data_year(text) if locale == "TW" else None)
    default = default if topics else (loc.default_scope(text, locale) or default)
    default = list_title_scope(text) or default or article_scope(text)
    return Article(
        topics,
        year,
        default,
        data_year,
        lead,
        country,
        ranking,
        latest,
        text,
        dateline_year(text),
        report_year(text),
        article_abbreviations(text) if defines_short_forms(text) else {},
        locale,
        ranking_basis(text),
        int(published[5:7]) if published and published[5:7].isdigit() else None,
    )


def apply_context(rec: dict[str, Any], ctx: Article) -> dict[str, Any] | None:
    """``rec`` (a metric's fields) adjusted by the article; ``None`` when it is nobody's."""
    if ctx.abbreviations and rec["metric"] != "rank":
        at = position(rec["evidence"], rec["value"])
        short = defined_owner(rec["evidence"], at, ctx.abbreviations) if at is not None else None
        rec["institution"] = short or rec.get("institution")
    if not rec.get("institution"):
        rec["institution"] = previous_subject(ctx.text, rec.get("start", 0))
    if not rec.get("institution"):
        return None
    if _not_an_institution_figure(rec):
        return None
    if names.generic_figure(rec["evidence"], rec["value"]):
        return None  # names hook: "every 100 patents", 每天一项专利, "an applicant can…"
    rec["institution"] = regional(canonical(rec["institution"]) or rec["institution"], ctx)
    if ctx.locale == "TW":
        loc.apply_roc_year(rec)  # locale hook: 102年 in a Taiwan text is 2013
    if ctx.locale in ("TW", "HK"):
        loc.apply_academic_year(rec)  # locale hook: 2010 至 11 年度 is the period 2010-11
    _rename_by_topic(rec, ctx)
    _breakdown_kind(rec)
    if rec["metric"] != "rank" and _DISCLOSURES.search(own_words(rec["evidence"], rec["value"])):
        rec["metric"] = "other"  # invention disclosures are not patents (rules: `other`)
    local_currency(rec, ctx.country or ctx.locale)  # locale hook
    if rec["metric"] == "rank":
        cls = (
            rank_scope(rec["evidence"], rec["value"])
            or scope_class(rec.get("scope"))
            or scope_class(scope_words(rec["evidence"]))
        )
        cls = cls if cls in LABELS else (ctx.default_scope or cls)
        cls = loc.national_scope(cls, ctx.locale, rec["evidence"], rec["value"])  # locale hook
        cls = _whose_nation(cls, rec, ctx)
        rec["scope"] = LABELS.get(cls or "", clean_scope(rec.get("scope")))
    elif not rec.get("currency") and rec.get("unit") not in ("percent", "rank_top_n"):
        rec["unit"] = "count"  # every count is a count (rules §3), whatever it counts
    article_time(rec, ctx)
    return rec


# "No. 1", "#1": a place; "FY 25", "Financial Year 25": a year
_PLACE_MARK = re.compile(r"(?:\bNo\.?|#|\bFY|\b(?:fiscal|financial|academic) year)\s*$", re.I)


def _not_an_institution_figure(rec: dict[str, Any]) -> bool:
    """A change, one person's patents, a company's or the nation's total, or a list size."""
    sentence = rec["evidence"]
    if "公司" in sentence or "compan" in sentence.lower():
        sentence = without_counterparts(sentence)  # a licensee's name does not own the figure
    if _clock_part(sentence, rec["value"]):
        return True  # "发布时间:23:00", "updated 19:49": a time of day
    if rec["metric"] != "rank" and counts_another_noun(sentence, rec["value"], rec.get("unit")):
        return True  # "三项因素", "两项新的资助计划": a count of something else
    before = near(sentence, rec["value"], before=60, after=0)
    lead = re.split(r"[，;；。、:：]|,(?!\d)", before[-16:])[-1]
    clause = re.split(r"[，;；。:：]|,(?!\d)", before)[-1]  # "6,952" is one number
    if _CHANGE_BEFORE.search(lead) or PERSON_WORDS.search(lead):
        return True  # "年增长量超1000件", "an increase of 44", "教授张明个人…"
    if not rec.get("currency") and a_persons_figure(whole_clause_before(sentence, rec["value"])):
        return True  # "Professor X, who holds 45 patents", "张明教授团队获授权30件"
    at = position(sentence, rec["value"]) if rec["metric"] != "rank" else None
    if at is not None and _PLACE_MARK.search(sentence[max(0, at - 20) : at]):
        return True  # "…, 540 patents, No. 1": a place written after "No.", never a count
    if a_target(clause, sentence):
        return True  # "plans to file 300 applications by 2030", "力争…达到500件": not a figure yet
    if (
        not rec.get("currency")
        and rec["unit"] == "count"
        and _WRITTEN_AS_MONEY.match(near(sentence, rec["value"], 0, 8)[len(str(rec["value"])) :])
    ):
        return True  # "8000万元" is a sum, never a count
    if rec["metric"] != "rank" and group_figure(near(sentence, rec["value"], 120, 0)):
        return True  # "the 157 responding universities … 12,090 filings": the group's
    clause = DEAL_PARTNER.sub("", clause)  # "transferred to companies": not the companies'
    if rec["metric"] != "rank" and _NOT_OURS.search(clause) and not _names_ours(clause):
        return True
    if (rec["metric"] != "rank" and _everyones(rec)) or a_places_whole(rec) or in_quoted_name(rec):
        return True  # all universities', a province's or a city's as a whole, a quoted name's
    if non_patent_rank(rec):
        return True  # a discipline's, a team's or a league's place, in a sentence without patents
    if rec["metric"] == "rank" and _composite(rec["evidence"]):
        return True  # a composite (innovation, influence, QS) ranking is not a patent rank
    if rec["metric"] == "rank" and _ranks_of_parts(rec["evidence"]):
        return True  # "排名首位的是仪器仪表制造业": the ranking of a portfolio's fields  # "the company filed …", "applicants worldwide filed …", "全国高校共…"
    return (
        rec["metric"] == "rank"
        and rec.get("unit") == "rank_top_n"
        and not rec.get("member")  # a named member of the list (members.py) is in its top N
        and bool(_LIST_SIZE.search(near(rec["evidence"], rec["value"], before=30, after=8)))
        and not joins_list(near(rec["evidence"], rec["value"], before=40, after=12))
    )  # "全球排名前十的高校": the size of the list, not a rank; "入选…前100名榜单" is one


_CLOCK = re.compile(r"(?<![\d.])(\d{1,2})\s*[:：]\s*(\d{2})(?![\d.,])")


def _clock_part(sentence: str, value: float) -> bool:
    """Whether ``value`` is the hours or minutes of a time of day written in ``sentence``."""
    if ":" not in sentence and "：" not in sentence:
        return False
    return any(
        value in (int(m.group(1)), int(m.group(2)))
        for m in _CLOCK.finditer(sentence)
        if int(m.group(1)) < 24 and int(m.group(2)) < 60
    )


# "申请专利1200件，其中发明专利800件": a part of a parent figure is of the parent's kind
_BREAKDOWN = re.compile(r"其中[^，。；,]{0,10}发明专利[^，。；,申请授权]{0,4}$")
_INVENTION_KIND = {
    "patent_applications": "invention_patent_applications",
    "patents_granted": "invention_patents_granted",
}


def _breakdown_kind(rec: dict[str, Any]) -> None:
    """An invention-patent part (其中发明专利N件) of an applications or grants total is
    invention applications or invention grants."""
    if rec["metric"] in _INVENTION_KIND and _BREAKDOWN.search(
        near(rec["evidence"], rec["value"], before=16, after=0)
    ):
        rec["metric"] = _INVENTION_KIND[rec["metric"]]


# words right after a figure that make it everyone's ("… were filed worldwide", "全国共…")
_EVERYONE_AFTER = re.compile(
    r"^[^,;，；。]{0,40}?(?:\b(?:worldwide|globally|nationwide|around the world|across the world"
    r"|in the world)\b|全球|全国|全世界)",
    re.I,
)


def _everyones(rec: dict[str, Any]) -> bool:
    """A total the words after it give to the world or the nation, not to the university."""
    after = near(rec["evidence"], rec["value"], before=0, after=50)
    after = re.split(r"\band\b|\bwhile\b|但|而", after.lstrip("0123456789,. "), maxsplit=1)[0]
    if _RANK_AFTER.search(after):
        return False  # "以3896件居全国高校第4位", "ranked 5th worldwide": a rank's scope
    return bool(_EVERYONE_AFTER.search(after)) and not _names_ours(after) and not _filer_before(rec)


_FILED_BY = re.compile(
    r"\b(?:has|have|had)\s+(?:filed|obtained|been granted|secured|received|applied for)\b", re.I
)


def _filer_before(rec: dict[str, Any]) -> bool:
    """ "CityU has filed more than 1,540 patents … around the world": a university that has
    filed or obtained the figure in its own clause; the world is where, not whose."""
    at = position(rec["evidence"], rec["value"])
    if at is None:
        return False
    start = max((m.end() for m in re.finditer(r"[,;，；。]", rec["evidence"][:at])), default=0)
    clause = rec["evidence"][start:at]
    return bool(_FILED_BY.search(clause)) and any(
        e.university and e.name for e in find_entities(clause)
    )


_RANK_AFTER = re.compile(r"第|前\s*\d|居|位列|名列|\brank|\btop\b|No\.|\d(?:st|nd|rd|th)\b", re.I)


_COMPOSITE = re.compile(
    r"most innovative|innovative universit|innovation (?:index|ranking)|Times Higher|\bQS\b"
    r"|Nature Index|U\.S\. News|创新能力|创新指数|创新力|竞争力|综合实力|影响力|学术排名",
    re.I,
)
_POSITION = re.compile(
    r"第\s*[\d一二三四五六七八九十]|位列|位居|名列|\branked\s+\d|\d(?:st|nd|rd|th)\b|No\.\s*\d"
    r"|前\s*[\d一二三四五六七八九十百]|[\d一二三四五六七八九十百]\s*强|\btop\s+\d",
    re.I,
)


def _composite(sentence: str) -> bool:
    """The sentence's ranking is named as a composite one before its first rank position
    (praise after the rank, "展现了…创新能力", does not make the ranking composite)."""
    comp = _COMPOSITE.search(sentence)
    if not comp:
        return False
    pos = _POSITION.search(sentence)
    if pos is None:
        return True
    # the ranking named last before the rank decides (the rank pass's rule, this step's words)
    return composite_named_last(sentence, 0, pos.start(), _COMPOSITE)


# "排名首位的是A业，第二位是B": a ranking whose members, named after 是, are not universities
_RANKED_IS = re.compile(
    r"(?:首位|第[一二三四五六七八九十\d]{1,3}(?:位|名))的?是([^，,；;。]{2,16})"
)


def _ranks_of_parts(sentence: str) -> bool:
    found = list(_RANKED_IS.finditer(sentence))
    return (
        bool(found)
        and not any(e.university for m in found for e in find_entities(m.group(1)))
        and not _OURS.search("".join(m.group(1) for m in found))
    )


def _names_ours(clause: str) -> bool:
    """The clause names a university (a word for one, or a registered or generic name)."""
    return bool(_OURS.search(clause)) or any(e.university for e in find_entities(clause))


_DISCLOSURES = re.compile(r"inventions?\b[^.;,]{0,30}disclos|disclosures|invention reports", re.I)
# in an article whose lead is about the topic, plain counts are the topic's unless the
# sentence names another kind of patent
_GENERIC = {"pct": ("patent_applications",), "us_patents": ("patents_granted",)}
_DOMESTIC = re.compile(r"\bin China\b|\bin the (?:U\.S\.|United States)\b|在国内|在中国|国内", re.I)
_OTHER_KIND = re.compile(r"invention|domestic|utility model|发明|国内|实用新型|外观", re.I)


def _rename_by_topic(rec: dict[str, Any], ctx: Article) -> None:
    if not ctx.topics:
        return
    # the figure's own clause ("… in China, and the remaining 10 via PCT": the 10 are PCT's)
    bare = own_clause(rec["evidence"], rec["value"])
    clause = without_inclusions(bare) + " " + rec.get("header", "")  # a row's header names it
    for name, _art, sentence, renames, new in _COMPILED:
        if name not in ctx.topics:
            continue
        own = words_of_figure(clause, rec["value"], sentence)
        # a topic named only as another figure's noun ("98 patent applications and 22 PCT
        # applications") says this figure is not the topic's, whatever the lead is about
        lead_topic = (
            name in ctx.main_topics
            and rec["metric"] in _GENERIC[name]
            and not _OTHER_KIND.search(rec["evidence"])
            and not _DOMESTIC.search(bare)
            and (own or not sentence.search(clause))
        )
        if (rec["metric"] in renames and own) or lead_topic:
            if name == "pct" and _FILED.search(near(rec["evidence"], rec["value"])):
                rec["metric"] = "pct_applications_filed"
            else:
                rec["metric"] = new
            return


# a clause whose subject is a company, the world or the nation, and names no university
_NOT_OURS = re.compile(
    r"\b(?:the|a|its) (?:company|firm|group|corporation)\b|\bcompanies\b|\bfirms\b"
    r"|worldwide|globally|nationwide|all applicants|inventors from|applicants from"
    r"|\b(?:Chinese|Japanese|Korean|American|U\.S\.|German|European|foreign|domestic) applicants\b"
    r"|全国|全球|我国|全省|该省|各省|省高校|市高校|企业|公司|中国发明人|中国申请人|发明人在",
    re.I,
)
_OURS = re.compile(r"universit|college|institute|大学|学院|我校|学校|本校|该校", re.I)


# a list's size or a ranking of the university's own parts ("排名前三名的院系", "前50名高校"
# as a list's title, "the top ten applicants were"), not the institution's rank
_LIST_SIZE = re.compile(
    r"(?<!进入)(?<!跻身)(?<!位列)(?<!位居)(?<!名列)(?<!入选)(?<!位于)(?<!排在)"
    r"前\s*(?:\d+|[一二三四五六七八九十百]+)\s*(?:名|位|强)?"
    r"(?:的(?:高校|大学|学校)|的?(?:名单|榜单|院系|学院|部门|团队|单位|城市|省份|企业))"
    r"|(?:公布|发布|公开|评出)[^，。；]{0,24}前\s*(?:\d+|[一二三四五六七八九十百]+)\s*(?:名|位|强)?(?:高校|大学)"
    r"|排名前\s*(?:\d+|[一二三四五六七八九十]+)\s*(?:名|位)?的(?:院系|学院|部门|团队|单位|城市|省份|企业)"
    r"|\bthe top (?:\d+|three|five|ten|twenty|fifty|hundred) [a-z ]{0,30}?(?:were|are|include)\b",
    re.I,
)
_WRITTEN_AS_MONEY = re.compile(r"\s*(?:万|亿|萬|億)?\s*(?:元|美元|港元|dollars)")
_CHANGE_BEFORE = re.compile(
    # (not "减少到/增至…": the figure after 到/至 is the new stock, not the change)
    r"(?:增长|增加|提高|上升|减少|下降|回落)(?![到至])|增幅|少赚|多赚"
    r"|increase[sd]? (?:of|by)|grew by|growth of|rose by"
    r"|jump(?:ed)? by|up by|down by|fell by|dropped by",
    re.I,
)


_CHINA = re.compile(r"Chin|中国|全国|国内|我国")


def _whose_nation(cls: str | None, rec: dict[str, Any], ctx: Article) -> str | None:
    """A national scope word ("nationwide", "the nation's", 全国 read as China's) is the
    nation of the page (an American page, an NAI list: the U.S.) or of the institution."""
    if cls != "china" or _CHINA.search(rec["evidence"]):
        return cls
    if ctx.country == "US" or "us_patents" in ctx.topics:
        return "us"  # "universities in the nation" on an American page or in an NAI list
    inst = lookup(rec.get("institution"))
    return NATION_OF.get(inst.country, cls) if inst else cls


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
