"""Patent rates: grant, approval, success, conversion and licensing rates (rules: rates and
shares are ``other``, unit ``percent``).

The count forms (:mod:`core.metrics.count_forms`) read "the patent transfer rate was 18%".
Real reports put the rate elsewhere too:

* after the counts it is computed from: "…filed 900 and were granted 300, an approval rate of
  33%", "…and a success rate of a mere 3%", "pushing the success rate to 60%";
* with the owner between noun and value: "the licensing rate of Elm University is 2.1%";
* before its noun: "a 41.5% success rate";
* as a labelled line under a patent heading: "Patents granted: 41.5%" (the share of filed
  patents that were granted).

A growth or achievement rate (增长率, 成长率, 达成率, "growth rate") is a change or a target,
never emitted (rules: changes are not labelled). A success rate counts only in a sentence
that speaks of patents, applications, filings or grants, or in a paragraph about patents
("…filed 150 patents. It kept a success rate of over 70 per cent."): "a success rate of
80%" of start-ups is nobody's patent figure.
"""

from __future__ import annotations

import re

from core.metrics.gates import gate_tables

# the rate's own noun: what is granted/approved/converted out of what was filed
_KIND = (
    r"(?:approval|success|grant|granting|conversion|licen[cs]ing|commerciali[sz]ation|allowance"
    r"|utili[sz]ation)"
)
_PCT = r"(?P<v>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)"
_ADVERB = (
    r"(?:(?:of\s+)?(?:nearly|about|around|almost|roughly|just|only|over|a mere|a meagre|some)\s+)?"
)
_EN_RATE = re.compile(
    rf"\b{_KIND}\s+rates?\s+"
    # "the patent utilisation rate at Elm University reached 12%": the owner after the noun
    r"(?:(?:at|of|for)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,5}\s+"
    r"(?:was|is|reached|stood at|hit|rose to|fell to)\s+)?"
    r"(?:of\s+|to\s+|was\s+|is\s+|stood at\s+|reached\s+|hit\s+|at\s+)?"
    rf"(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,5}}(?:['’]s)?\s+(?:is|was)\s+)?{_ADVERB}{_PCT}",
    re.I,
)
# "a 41.5% success rate": the value before its noun
_EN_BEFORE = re.compile(rf"(?<![\d.]){_PCT}\s+(?:patent\s+)?{_KIND}\s+rate\b", re.I)
# "licensed 30 percent of its patent portfolio", "60% of Elm University's patent applications":
# a share of the institution's own patents, its owner written as a possessive
_OWN = r"(?:its|their|the (?:university|institute|college)['’]s|[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,5}['’]s)"
_EN_OWN_SHARE = re.compile(
    rf"(?<![\d.]){_PCT}\s+of\s+{_OWN}\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:patents|patent applications|applications|filings|inventions|disclosures|portfolio"
    r"|licen[cs]es)\b",
)
# "专利授权率为35%", "申请授权率达60%", "转化率仅为8%" (转化率 alone: the rules' conversion rate)
_ZH_RATE = re.compile(
    r"(?:授权|转化|转让|许可|实施|产业化|获批|有效|维持|利用|运用)率\s*(?:仅|只|约|高达|达到|达|为|是|仅为|只有|约为|超过|超)*\s*"
    r"(?P<v>\d{1,3}(?:\.\d+)?)\s*%(?!\s*[-–~至到])"
)
# "Patents granted: 41.5%": a labelled line whose label is a patent figure, its value a share
_LABEL_LINE = re.compile(
    r"^\s*(?:patents?|patent applications?|applications?)\s+(?:granted|issued|approved)\s*[:：]\s*"
    rf"{_PCT}",
    re.I,
)
# shares of an institution's own patents (rules: rates and shares are ``other`` in percent):
# "发明专利约占70%", "发明专利占比达62.5%", "占学校专利总量的45%". (An English "accounted for
# N% of …" form was tried and dropped: on real text it found only shares nobody labels.)
_ZH_SHARE = re.compile(
    r"(?:专利|申请|授权)[^，,。；;%]{0,6}?(?:约|大约|仅|只)?(?:占比|占)\s*"
    r"(?:(?:学校|全校|本校|该校|其|全部|所有|总)[^，,。；;%]{0,10}?的)?\s*(?:约|达|达到|为|超过|近|逾|高达)*\s*"
    r"(?P<v>\d{1,2}(?:\.\d+)?)\s*%"
)
# a share of a nation's, a province's or all applicants' total is not an institution's
_WHOLE = re.compile(
    r"全国|全省|全市|国内|国家|各省|省份|地区|企业|公司|高校总|所有高校|全球|"
    r"\b(?:country|countries|nation(?:al|wide)?|worldwide|global|world|companies|firms"
    r"|universities|institutions|applicants|universities'|university patents?|academic patents?"
    r"|university (?:applications|filings))\b",
    re.I,
)
_NOT_A_RATE = re.compile(r"growth|increase|decrease|decline|增长|成长|增幅|达成|完成", re.I)
_PATENT_WORDS = re.compile(
    r"patent|applications?\b|filings?\b|grants?\b|granted|licen[cs]es\b|invention disclosures"
    r"|专利|发明|申请|授权",
    re.I,
)
_OTHER_THINGS = re.compile(
    r"spin|start-?ups?|compan|firms?\b|students?|graduat|employ|projects?|proposals?|funding"
    r"|papers?\b|journals?|企业|公司|学生|项目|论文",
    re.I,
)
_RANGE_AFTER = re.compile(r"^\s*(?:[-–~至到]|to\s+\d)")


# "its share of the country's PCT filings was 2.5%", "the proportion of patents licensed
# stood at 12%", "a 3.1% share of all applications": a share named as such
_EN_SHARE_NOUN = re.compile(
    r"\b(?:share|proportion|percentage)\s+of\s+[^.;%]{0,50}?"
    r"(?:patents?|applications|filings|inventions|disclosures|licen[cs]es|portfolio)\b[^.;%]{0,30}?"
    rf"\b(?:was|is|stood at|reached|rose to|fell to|grew to|climbed to|at)\s+{_ADVERB}{_PCT}",
    re.I,
)
_EN_SHARE_BEFORE = re.compile(
    rf"(?<![\d.]){_PCT}\s+share\s+of\s+[^.;%]{{0,40}}?(?:patents?|applications|filings)\b", re.I
)


def rate_spans(text: str, before: str = "") -> list[tuple[float, int, int]]:
    """(percent, start, end) of each patent rate of a sentence; none unless it, or the
    paragraph before it (``before``, its topics), speaks of patents."""
    if "%" not in text and "per" not in text.lower():
        return []
    if not _PATENT_WORDS.search(text) and ("patent" not in before or _OTHER_THINGS.search(text)):
        return []  # a rate of the paragraph's patents, not of its spin-offs or students
    out = []
    for pattern in (
        _EN_RATE,
        _EN_BEFORE,
        _ZH_RATE,
        _LABEL_LINE,
        _EN_OWN_SHARE,
        _EN_SHARE_NOUN,
        _EN_SHARE_BEFORE,
    ):
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 12) : m.start()]
            if _NOT_A_RATE.search(before + m.group(0)) or _RANGE_AFTER.match(text[m.end() :]):
                continue
            out.append((float(m.group("v")), m.start("v"), m.end()))
    return out + _shares(text)


def _shares(text: str) -> list[tuple[float, int, int]]:
    """(percent, start, end) of each share of an institution's own patents in ``text``."""
    out = []
    for m in _ZH_SHARE.finditer(text):
        clause = re.split(r"[,，;；。]", text[max(0, m.start() - 30) : m.start()])[-1]
        if _WHOLE.search(text[: m.end()]) or _NOT_A_RATE.search(clause + m.group(0)):
            # "占全国总数的81%", or a portfolio held with companies ("A大学及其关联公司…其中
            # 发明专利占79%"): not the institution's own share
            continue
        if _RANGE_AFTER.match(text[m.end("v") + 1 :]):
            continue
        out.append((float(m.group("v")), m.start("v"), m.end()))
    return out


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
