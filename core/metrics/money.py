"""Money: a sum next to a currency is a ``contract_amount`` when its clause speaks of a
contract, licence, transfer or income (``other`` for averages); funding and scholarships are not.
"""

from __future__ import annotations

import re
from typing import Any

from core.institutions import lookup
from core.metrics.carry import carried_cue, not_deal
from core.metrics.engine_base import (
    _clause_start,
    _Found,
    _next_clause_end,
    _Paragraph,
    _qualifier,
)
from core.metrics.entities import find_entities
from core.metrics.gates import gate_tables
from core.metrics.locale import LOCAL_MONEY_CUES
from core.metrics.numbers import Number, apply_magnitude
from core.metrics.previous import compared_before

# --------------------------------------------------------------------------- vocabulary

_CURRENCY_BEFORE = re.compile(
    r"(HK\$|NT\$|US\$|A\$|C\$|S\$|RMB|CNY|USD|HKD|TWD|KRW|₩|新台币|台币|港币|人民币|\$|¥|￥|EUR|€"
    r"|GBP|£|CHF|SFr\.?|INR|₹|(?<![A-Za-z])Rs\.?|AUD|CAD|SGD|JPY|NIS|ILS|₪)\s*$"
)
_CURRENCY_AFTER = re.compile(
    r"^\s*(yuan|RMB|CNY|HKD|KRW|JPY|港元|港币|新台币|日元|円|元|美元|欧元|韩元|원|won\b|yen\b|US dollars"
    r"|dollars|euros|pounds(?: sterling)?|Swiss francs|francs|CHF|rupees|INR|英镑|瑞士法郎|卢比"
    r"|shekels|NIS\b|ILS\b)",
    re.I,
)
# a specific currency before the number wins over a generic 元 after it (新台币1亿元 is TWD)
_SPECIFIC_BEFORE = {"hk$", "nt$", "新台币", "台币", "港币", "hkd", "twd", "krw", "₩"}
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
    "韩元": "KRW",
    "원": "KRW",
    "won": "KRW",
    "krw": "KRW",
    "₩": "KRW",
    "日元": "JPY",
    "円": "JPY",
    "yen": "JPY",
    "jpy": "JPY",
    "eur": "EUR",
    "€": "EUR",
    "euros": "EUR",
    # other currencies of university patent news (UK, Swiss, Indian, Japanese, Australian …)
    "£": "GBP",
    "gbp": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "英镑": "GBP",
    "chf": "CHF",
    "sfr": "CHF",
    "sfr.": "CHF",
    "swiss francs": "CHF",
    "francs": "CHF",
    "瑞士法郎": "CHF",
    "inr": "INR",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "rupees": "INR",
    "卢比": "INR",
    "a$": "AUD",
    "aud": "AUD",
    "c$": "CAD",
    "cad": "CAD",
    "s$": "SGD",
    "sgd": "SGD",
    "nis": "ILS",
    "ils": "ILS",
    "₪": "ILS",
    "shekels": "ILS",
}


# money is a patent metric only with one of these in its clause (not funding, scholarships)
_MONEY_CUES = re.compile(
    # ("worth" of a deal: "$125 billion worth of goods" is trade)
    r"contract|合同|(?:deal|agreement|licen[cs]e|transfer|patent|sale|portfolio)s?\b[^.;]{0,40}\bworth\b"
    r"|成交|交易额|licen[cs]|许可|royalt|income|revenue|earn|sold for|"
    # "28 patents had been sold at a total price of 5.03 million yuan", "sold 6 patents for"
    r"\bsold\b[^.;]{0,60}?\b(?:for|at)\b|total price|总价|"
    r"\bsales? of (?:its |the |their )?(?:patent|intellectual|IP\b|technolog|rights)|"
    r"转让费|转让|转化|卖出|买断|收入|收益|技转|技术转移|commerciali|knowledge transfer|知识转移",
    re.I,
)


# the lines of an office's or a foundation's accounts: its net result, operating revenues,
# assets and what it paid out are not the money of a deal (income from licences is named so)
_ACCOUNTS = re.compile(
    r"\bnet (?:income|assets|loss|result|revenues?)\b|\boperating (?:revenues?|income|expenses?"
    r"|budget)\b|\bmarket value\b|\bdisburse|\bendowment\b|净资产|净收益|运营收入",
    re.I,
)


# sums of a deal that are not its value: averages, first payments and instalments, auction
# starting prices (labelling rules: `other`); each names a deal by itself, no other cue needed
_OTHER_MONEY = re.compile(
    r"average|平均|单项|首付|首期|预付|first (?:payment|instal+ment)|down payment|upfront"
    r"|instal+ment|起拍价|起拍|底价|starting (?:price|bid)|reserve price|opening bid",
    re.I,
)


# "每年支付20万元的分期款", "$2 million as a first payment": the kind of sum named after it
_INSTALMENT_AFTER = re.compile(
    r"\s*(?:元|美元|港元|yuan|dollars)?\s*(?:的)?\s*(?:分期款|分期|首付款|首付|尾款|预付款)"
    r"|\s*(?:as|in) (?:an? )?(?:first |initial |down |upfront )?(?:payment|instal+ments?)\b",
    re.I,
)
# a sum foreseen, not earned: "it is projected that licensing revenue will surpass $13
# million", 预计今年技转收入将达… (labelling rules: everything else is `other`)
_FORECAST = re.compile(
    r"\bprojected\b|\bexpected to\b|\bforecast(?:s|ed)?\b|\bwill (?:surpass|exceed|reach|top|be)\b"
    r"|\btargets?\b|\bgoal\b|预计|预期|目标|有望|将达",
    re.I,
)
# companies that its people started: their revenue and valuation are not the university's
_STARTUPS = re.compile(
    r"\bcompan(?:y|ies) (?:started|founded|created|spun out|launched)\b|\bstart-?ups?\b"
    r"|\bspin-?(?:offs?|outs?)\b|衍生企业|初创企业|校友企业",
    re.I,
)


# "the office helped launch 300 start-ups and has generated $150 million in licensing income":
# a second predicate of the same subject, so the start-ups before it are not the sum's owners
_NEW_PREDICATE = re.compile(r"\band (?:has|have|had|also|then|it|they)\b|;|；", re.I)


# "licensing income grew six-fold over the year, to $21 million": the clause only completes
# the one before, which names the money
_CONTINUES = re.compile(
    r"\s*(?:to|at|reaching|reached|totall?ing|amounting to|of|达到|达|为|共计|合计)\s*"
    r"(?:US\$|HK\$|NT\$|\$|RMB|USD|HKD|人民币|新台币)?\s*$",
    re.I,
)


# research money: its income, revenue, budget, spending or contracts (sponsored research) is
# funding (rules §7), whatever "income" or "contract" says; a licence named with it wins
_RESEARCH_MONEY = re.compile(
    r"\bresearch (?:and development )?(?:income|revenues?|funding|budget|expenditures?|spending"
    r"|contracts?|grants?|awards?|support)\b|\bsponsored research\b|\bindustry-sponsored\b"
    r"|\bR&D (?:income|spending|budget|expenditures?)\b|科研经费|科研收入|研究经费|科研项目经费",
    re.I,
)
_WORTH = re.compile(r"\bworth\b", re.I)
_DEAL_WORDS = re.compile(r"\bdeal|agreement|licen[cs]|transfer|royalt", re.I)
_LICENCE_MONEY = re.compile(r"licen[cs]|royalt|许可|转让|转化", re.I)
# the income of all knowledge transfer (contracts, consultancy, licences together)
_KT_INCOME = re.compile(r"knowledge transfer|知识转移|\bKT\b", re.I)
_ANOTHER_SUM = re.compile(r"\d[\d,.]*\s*(?:million|billion|万|亿)?")


def _research_money(t: str, start: int) -> bool:
    """The sum's own words (from the sum before it, or its clause's start, to the next sum)
    name research money and no licence."""
    begin = max(_clause_start(t, start), start - 60)
    before = list(_ANOTHER_SUM.finditer(t, begin, start))
    if before:
        begin = before[-1].end()
    figure = _ANOTHER_SUM.match(t, start)
    after = figure.end() if figure else start
    nxt = re.search(r"\d", t[after : _next_clause_end(t, start)])
    end = after + nxt.start() if nxt else _next_clause_end(t, start)
    # "$45 million in research income": English names the sum's kind after it, and then the
    # words before belong to the sum before
    own = t[after:end] if _NOUN_AFTER.match(t, after) else t[begin:end]
    return bool(_RESEARCH_MONEY.search(own)) and not _LICENCE_MONEY.search(own)


_NOUN_AFTER = re.compile(
    r"\s*(?:in|of|from)\s+(?:[a-z-]+\s+){0,3}?(?:income|revenues?|funding|money)\b", re.I
)


# a bracket opened right after a sum, holding the same sum in another currency
_CONVERSION = re.compile(
    r"\d(?:[\d.,]*\d)?\s*(?:million|billion|mn|bn|万|亿|萬|億)?\s*(?:元|yuan|dollars|RMB|HKD|USD)?\s*"
    r"[(（]\s*(?:about|approx(?:\.|imately)?|around|roughly|nearly|some|equivalent to|约|折合|合|相当于)?"
    r"\s*(?:US\$|HK\$|NT\$|\$|RMB|USD|HKD|€|£|¥|￥|人民币|美元|港元|港币)?\s*$",
    re.I,
)
# locale hook: Taiwan's and Hong Kong's words for licence money (權利金, 收益, 技術移轉)
_MONEY_CUES = re.compile(f"{_MONEY_CUES.pattern}|{LOCAL_MONEY_CUES}", re.I)


# a clause that ranks by the sum ("以X万元位列第一", "ranked first with $2 million"): its
# sentence, not its clause, names what the money is
_RANKED_BY = re.compile(
    r"^\s*以|位列|位居|名列|排名|排在|排第|居第|列第|\branked\b|\bplaced\b", re.I
)


# "A的转让金额达1.2亿元，B为8000万元", "A earned $3 million from licensing, and B $2 million": a
# short clause of a name and a sum repeats the previous clause's money
_PARALLEL = re.compile(
    r"^\s*(?:and\s+|while\s+|而|、)?[^,，;；]{2,40}?(?:为|达|是|則為|则为|:|：|\s)\s*$"
)


def _parallel(t: str, start: int, clause: str) -> bool:
    head = t[_clause_start(t, start) : start]
    head = _CURRENCY_BEFORE.sub("", head)
    if not _PARALLEL.match(head) or not _MONEY_CUES.search(t[: _clause_start(t, start)]):
        return False
    return any(e.university and e.name for e in find_entities(head))  # a name, then its sum


# "1亿1,443万元": a sum written in 亿 and 万 is one number (its 万 part is not a second sum)
_WAN_TAIL = re.compile(r"\s*(\d[\d,]*(?:\.\d+)?)\s*[万萬]")
_AFTER_YI = re.compile(r"\d\s*[亿億]\s*$")


def _money(t: str, n: Number, prev_end: int, para: _Paragraph | None = None) -> _Found | None:
    """A sum with its currency, as deal money or ``other``; ``para`` lends the cue of the
    sentence before (and learns whether this sum was deal money)."""
    found = _sum(t, n, prev_end, para)
    if para is None:
        return found
    if found is not None and found.metric == "contract_amount":
        para.deal_money = True
    elif _has_currency(t, n) and not_deal(
        t[_clause_start(t, n.start) : _next_clause_end(t, n.end)]
    ):
        para.deal_money = False  # funding, costs or a prize end the run of deal money
    return found


# "技术移转金额为1亿1443万", "转让费300万": a sum in 万/亿 with 元 left out, right after the
# name of a deal's money (a count in 万 would name its noun: 1.2万件)
_MONEY_NOUN = re.compile(
    r"(?:金额|收入|收益|转让费|许可费|签约金|权利金)(?:为|达|达到|高达|共|约|逾|超过|突破|近|了)*\s*$"
)
_MYRIAD = re.compile(r"\s*[万萬亿億]")


def _bare_sum(t: str, n: Number, used: int) -> bool:
    if not used or not _MYRIAD.match(t, n.end):
        return False
    if re.match(r"\s*(?:件|项|次|人|个|家|所|余件|多件)", t[n.end + used :]):
        return False
    return bool(_MONEY_NOUN.search(t[max(0, n.start - 12) : n.start]))


def _has_currency(t: str, n: Number) -> bool:
    _value, used = apply_magnitude(n.value, t[n.end :])
    return bool(
        _CURRENCY_AFTER.match(t[n.end + used :])
        or _CURRENCY_BEFORE.search(t[max(0, n.start - 8) : n.start])
    )


def _sum(t: str, n: Number, prev_end: int, para: _Paragraph | None) -> _Found | None:
    if _AFTER_YI.search(t[max(0, n.start - 4) : n.start]):
        return None  # the 万 part of "1亿1,443万元", counted with its 亿
    value, used = apply_magnitude(n.value, t[n.end :])
    tail = (
        _WAN_TAIL.match(t, n.end + used)
        if t[n.end : n.end + used].strip() in ("亿", "億")
        else None
    )
    if tail:
        value += float(tail.group(1).replace(",", "")) * 1e4
        used = tail.end() - n.end
    after = t[n.end + used :]
    before = t[max(0, n.start - 8) : n.start]
    cur_after = _CURRENCY_AFTER.match(after)
    cur_before = _CURRENCY_BEFORE.search(before)
    if not (cur_after or cur_before):
        if not _bare_sum(t, n, used):
            return None
        code = "CNY"  # 元 left out: the place's own yuan (local_currency reads the place)
    else:
        if cur_before and cur_before.group(1).lower() in _SPECIFIC_BEFORE:
            cur_after = None
        code = _CURRENCY_CODE[(cur_after or cur_before).group(1).lower()]  # type: ignore[union-attr]
    segment = t[max(prev_end, _clause_start(t, n.start)) : n.start]
    clause = t[_clause_start(t, n.start) : _next_clause_end(t, n.end)]
    if _no_deal_sum(t, n.start, clause):
        return None
    rest = t[n.end + used : _next_clause_end(t, n.end)]
    if (
        _OTHER_MONEY.search(segment)
        or _INSTALMENT_AFTER.match(rest)
        or _FORECAST.search(t, _clause_start(t, n.start), n.start)
    ):
        # an average, a first payment, a starting price, or a sum projected for the future
        metric = "other"
    elif _deal_money(t, n.start, clause, para):
        # "licensing income climbed to $1.5 million, up from $0.9 million": the same money
        metric = "contract_amount"  # "…转让合同金额排名：A以X万元位列第一位" ranks by the money
        if _KT_INCOME.search(clause) and not _LICENCE_MONEY.search(clause):
            metric = "other"  # knowledge-transfer income as a whole (rules: D007, `other`)
    else:
        return None
    return _Found(
        metric, value, n.start, code, qualifier=_qualifier(t[: n.start][-20:], after), currency=code
    )


def _deal_money(t: str, start: int, clause: str, para: _Paragraph | None) -> bool:
    """The sum's clause names deal money, or its sentence or the one before lends the cue."""
    lead = _clause_start(t, start)
    return bool(
        _MONEY_CUES.search(clause)
        # "The agreement, worth $2 million, gives … a patent licence": worth in its own clause
        or (_WORTH.search(clause) and _DEAL_WORDS.search(t))
        or (_RANKED_BY.search(clause) and _MONEY_CUES.search(t))
        or _parallel(t, start, clause)
        or (
            (compared_before(t[:start]) or _CONTINUES.match(t[lead:start]))
            and _MONEY_CUES.search(t[:lead])
        )
        or (para is not None and carried_cue(t, start, lead, para, _MONEY_CUES))
    )


def _no_deal_sum(t: str, start: int, clause: str) -> bool:
    """A conversion, a start-up's revenue, research money or an office's accounts: no deal's
    money."""
    if _CONVERSION.search(t[max(0, start - 50) : start]):
        return True  # "RMB 500 million (about $74 million)": a conversion is not labelled
    if _research_money(t, start):
        return True  # "research income reached $45 million": funding, not a deal's money
    window = t[max(0, start - 80) : start]
    begin = max((m.end() for m in _NEW_PREDICATE.finditer(window)), default=0)
    if _STARTUPS.search(window, begin):
        return True  # the revenue of companies founded by its people is theirs (rules §7)
    return bool(_ACCOUNTS.search(clause))  # "net income from operations was $1.2M"


_DOLLAR = {"HK": "HKD", "TW": "TWD", "CA": "CAD", "AU": "AUD", "SG": "SGD", "NZ": "NZD"}
# a currency written only as 元/亿元/万元 (not 人民币, RMB): the yuan of the place
_YUAN_LOCAL = {"HK": "HKD", "TW": "TWD"}
_PLACE_IN_NAME = (
    ("HK", re.compile(r"香港|Hong Kong", re.I)),
    ("TW", re.compile(r"台湾|臺灣|Taiwan")),
    ("CA", re.compile(r"Canad|British Columbia|Ontario|Quebec|Alberta|Toronto|McGill")),
    ("AU", re.compile(r"Australia|New South Wales|Queensland|Melbourne|Sydney|Monash|CSIRO")),
    ("NZ", re.compile(r"New Zealand|Auckland|Otago|Waikato|Massey|Wellington")),
    ("SG", re.compile(r"Singapore|Nanyang")),
)


def _country_by_name(name: str) -> str | None:
    """An unregistered name that says where it is ("香港某某大学", "… of Hong Kong")."""
    return next((c for c, pattern in _PLACE_IN_NAME if pattern.search(name)), None)


_EXPLICIT_CNY = re.compile(r"人民币|RMB|CNY|renminbi", re.I)


def local_currency(rec: dict[str, Any], article_country: str | None) -> None:
    """A bare "$" or 元 is the currency of the institution it belongs to (a Hong Kong
    university's "$1.2 million" or 1.5亿元 is HKD), else of the article's own institution."""
    cur = rec.get("currency")
    if cur not in ("USD", "CNY"):
        return
    inst = lookup(rec.get("institution"))
    country = inst.country if inst else (_country_by_name(rec["institution"]) or article_country)
    if cur == "USD" and country in _DOLLAR and "US$" not in rec["evidence"]:
        rec["currency"] = rec["unit"] = _DOLLAR[country]
    elif cur == "CNY" and country in _YUAN_LOCAL and not _EXPLICIT_CNY.search(rec["evidence"]):
        rec["currency"] = rec["unit"] = _YUAN_LOCAL[country]


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
