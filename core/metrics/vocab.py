"""The vocabulary: which metric a figure is, by the words of its clause (one row per rule).

Rows are tried in order; the first whose pattern matches the clause names the metric.
Each row is (metric, unit, trigger words, English and Chinese cue pattern); the pattern is
tried only on a clause holding one of the trigger words (lowered substrings: a pattern
may match only where one of them is present, so the result is the same, ~10x faster). Narrow rows (valid
patents held, utility models, PCT, invention grants) come before broad ones (any
patent granted, any application), so "有效发明专利" is ``other`` (patents held, per the
labelling rules) and not an invention grant.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.metrics.gates import gate_tables

COUNT_RULES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    # invention disclosures are not patents (rules: `other`)
    (
        "other",
        "count",
        ("disclos", "披露", "reported"),
        r"\bdisclosures\b|\b(?:inventions?|technologies|innovations) (?:were |as )?"
        r"(?:disclosed|reported)\b|发明披露",
    ),
    # patent awards and invention-exhibition medals are counted, as ``other`` (rules, Awards)
    (
        "other",
        "count",
        ("award", "medal", "prize", "金奖", "银奖", "优秀奖", "专利奖", "获奖", "奖项"),
        r"\bawards?\b|medals?|prizes?|金奖|银奖|优秀奖|专利奖|获奖|奖项",
    ),
    (
        "other",
        "count",
        (
            "valid",
            "in force",
            "held",
            "有效",
            "utility model",
            "实用新型",
            "外观设计",
            "design patent",
            "active",
            "hold",
        ),
        r"valid patents?|active patents?|patents? (?:in force|held)|有效(?:发明)?专利|utility models?"
        # "holds 1,200 patents": a stock held, not the year's grants
        r"|\bhold(?:s|ing)?\s+(?:a total of\s+|more than\s+|over\s+|about\s+|nearly\s+|some\s+)?"
        r"[\d,]+\s+(?:active\s+|issued\s+|granted\s+|U\.S\.\s+)?patents\b"
        r"|实用新型|外观设计|design patents?",
    ),
    (
        "pct_applications_filed",
        "count",
        ("pct",),
        r"PCT[^.;。；]{0,40}(?:filed|提交)|(?:filed|提交)[^.;。；]{0,40}PCT",
    ),
    (
        "pct_applications_published",
        "count",
        ("pct", "patent cooperation"),
        r"\bPCT\b|Patent Cooperation Treaty|PCT",
    ),
    (
        "patents_granted",
        "count",
        ("u.s.", "utility patent", "美国"),
        # (a U.S. patent application is an application: "filed 120 U.S. patent applications")
        r"U\.S\.\s+(?:utility\s+)?patents?(?!\s+(?:applications?|filings?))|utility patents?(?!\s+applications?)"
        r"|美国(?:实用|发明|核准|获准)?专利(?!申请)|美国授权专利",
    ),
    (
        "international_patents_granted",
        "count",
        ("overseas", "foreign", "international", "国际", "国外"),
        r"(?:overseas|foreign|international) patents? (?:(?:were|was|have been) )?(?:granted|issued)|国际(?:发明)?专利授权|国外(?:发明)?专利授权",
    ),
    (
        "international_patent_applications",
        "count",
        ("overseas", "foreign", "international", "国际", "国外"),
        r"(?:overseas|foreign|international) (?:patents? )?applications?"
        r"|(?:overseas|foreign|international) patents? (?:(?:were|was|have been) )?(?:filed|applied for)"
        r"|国际(?:发明)?专利申请|国外(?:发明)?专利申请",
    ),
    # "国际发明专利3件" with no verb: foreign patents held, read as granted
    (
        "international_patents_granted",
        "count",
        ("国际", "国外", "海外", "境外"),
        r"(?:国际|国外|海外|境外)(?:发明)?专利\s*\d",
    ),
    (
        "patents_transferred",
        "count",
        (
            "transfer",
            "licen",
            "assign",
            "转让",
            "许可",
            "转化",
            "转移",
            "协议",
            "移转",
            "技转",
            "拍卖",
            "sold",
            "成交",
            "出售",
            "售出",
        ),
        r"transfer|licen[cs]|assign|专利转让|转让|许可|转化|转移|移转|技转|授权协议|签订.{0,6}协议"
        # a patent sold is a patent transferred ("28 patents had been sold", "28项专利成交")
        r"|拍卖成功|竞拍成功|成功拍卖|\bsold\b|成交|出售|售出",
    ),
    (
        "invention_patents_granted",
        "count",
        ("invention", "发明"),
        # Taiwan writes a grant 获证/核准/获准 ("发明专利获证210件", "获准发明专利")
        r"invention patents?\s+(?:(?:were|was|have been|had been)\s+)?(?:granted|issued)|granted invention|发明专利授权|授权发明专利|发明授权专利|获发明专利|发明专利.{0,6}(?:授权|获证|核准|获准|发证)"
        # Taiwan publishes a patent when it grants it: 发明专利公告(发证) is a grant (an
        # application is 公开 there)
        r"|发明专利.{0,4}公告(?!.{0,3}申请)"
        r"|(?:获证|核准|获准)的?发明专利|(?:获得|取得)(?!.{0,12}申请)[^，。；,]{0,12}发明专利",
    ),
    (
        "invention_patent_applications",
        "count",
        ("invention", "发明"),
        r"invention patent applications?|发明专利申请|申请发明专利",
    ),
    (
        "patents_granted",
        "count",
        (
            "granted",
            "issued",
            "received",
            "obtained",
            "awarded",
            "secured",
            "earned",
            "授权",
            "获得",
            "获证",
            "got",
            "bagged",  # Indian English: "bagged 45 patents"
            "取得",
            "核准",
            "获准",
            "获授予",
            "发证",
            "registered",
        ),
        # Taiwan and Hong Kong write a grant 核准/获准/获授予 (獲證 is 获证); a patent
        # registered with a patent office is granted ("registered 237 patents with the US
        # Patent Office"), a registration alone a filing (the next row)
        r"granted|issued|received|obtained|awarded|secured|earned|\bgot\b|\bbagged\b|授权"
        # "取得二百九十九项专利", "获得了福建省最多的…专利" (not "获得…专利申请")
        r"|(?:获得|取得)(?![^，。；,]{0,12}申请)[^，。；,]{0,12}专利"
        r"|\bregistered\b(?=[^.;]{0,60}\b(?:Patent Office|USPTO|Patent (?:and|&) Trademark Office))"
        r"|获证|核准|获准|获授予|发证",
    ),
    (
        "patent_applications",
        "count",
        ("applica", "applied", "filed", "filing", "申请", "regist"),
        # "with IIT X registering 185 patents" (Indian news: a registration is a filing; not
        # "registered patents", which are granted ones)
        r"applications?|applied|filed|filings?|申请|\bregister(?:s|ing)\b"
        r"|\bregistered(?=\s+(?:at least |over |more than |about |nearly )?\d)",
    ),
)
_COMPILED = [(m, u, t, re.compile(p, re.I)) for m, u, t, p in COUNT_RULES]
# words naming invention patents, 发明授权专利 too (the kind an invention row's count takes)
INVENTION_PATENTS = re.compile(r"发明(?:授权)?专利")
# a parenthesis of what is included, one level of brackets inside it allowed
_INCLUDING = re.compile(
    r"\(\s*(?:including|incl\.?|inclusive of)\b[^()]*(?:\([^()]*\)[^()]*)*\)", re.I
)


def without_inclusions(text: str) -> str:
    """``text`` without its "(including …)" asides: what a figure includes does not name its
    kind ("63 international applications (including PCT)" are not PCT applications)."""
    if "includ" not in text.lower() or "(" not in text:
        return text
    return _INCLUDING.sub("", text)


# the name of an office that transfers or licenses ("the technology transfer office",
# "Office of Technology Licensing", 技术转移中心): it names who counts, not what a figure is
# ("the tech transfer office recorded 132 patents" counts patents, not transfers)
_OFFICE = re.compile(
    r"\b(?:tech(?:nology)?|knowledge|innovation|IP|research)\s+(?:transfer|licensing|commerciali[sz]ation)"
    r"\s+(?:offices?|cent(?:er|re)s?|units?|department|director|officers?|managers?|team|arm"
    r"|staff|organi[sz]ations?|professionals?)\b"
    r"|\bOffices? (?:of|for) (?:Technology|Tech) (?:Transfer|Licensing|Commerciali[sz]ation)\b"
    r"|(?:技术转移|成果转化|技术转化|技術移轉|技轉)(?:中心|办公室|辦公室|处|處|部|办|機構|机构)",
    re.I,
)
_OFFICE_WORDS = (
    "office",
    "center",
    "centre",
    "unit",
    "department",
    "director",
    "officer",
    "manager",
    "team",
    "arm",
    "staff",
    "organi",
    "profession",
    "中心",
    "办",
    "辦",
    "处",
    "處",
    "部",
    "机构",
    "機構",
)


def _may_name_office(text: str) -> bool:
    low = text.lower()
    return any(w in low for w in ("transfer", "licens", "commerciali", "转", "轉")) and any(
        w in low for w in _OFFICE_WORDS
    )


def without_offices(text: str) -> str:
    """``text`` without the names of transfer and licensing offices."""
    return _OFFICE.sub(" ", text) if _may_name_office(text) else text


def office_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names a transfer or licensing office: no verb of a figure is there."""
    return [m.span() for m in _OFFICE.finditer(text)] if _may_name_office(text) else []


@lru_cache(maxsize=4096, typed=True)  # pure; asked again for one sentence
def count_metric(clause: str, default: str = "patents_granted") -> str:
    """The metric a patent count in ``clause`` is, by the first matching row."""
    clause = without_offices(clause)
    low = clause.lower()
    if "includ" in low and "(" in clause:
        clause = without_inclusions(clause)
        low = clause.lower()
    for metric, _unit, triggers, pattern in _COMPILED:
        for t in triggers:  # a plain loop: a generator per row costs more than its tests
            if t in low:
                if pattern.search(clause):
                    return metric
                break
    return default


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
