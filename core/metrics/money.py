"""Money: a sum next to a currency is a ``contract_amount`` when its clause speaks of a
contract, licence, transfer or income (``other`` for averages); funding and scholarships are not.
"""

from __future__ import annotations

import re

from core.metrics.engine_base import _clause_start, _Found, _next_clause_end, _qualifier
from core.metrics.entities import find_entities
from core.metrics.locale import LOCAL_MONEY_CUES
from core.metrics.numbers import Number, apply_magnitude

# --------------------------------------------------------------------------- vocabulary

_CURRENCY_BEFORE = re.compile(
    r"(HK\$|NT\$|US\$|RMB|CNY|USD|HKD|TWD|KRW|₩|新台币|台币|港币|人民币|\$|¥|￥|EUR|€)\s*$"
)
_CURRENCY_AFTER = re.compile(
    r"^\s*(yuan|RMB|CNY|HKD|KRW|港元|港币|新台币|元|美元|欧元|韩元|원|won\b|US dollars|dollars|euros)",
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
    "eur": "EUR",
    "€": "EUR",
    "euros": "EUR",
}


# money is a patent metric only with one of these in its clause (not funding, scholarships)
_MONEY_CUES = re.compile(
    r"contract|合同|worth|成交|交易额|licens|许可|royalt|income|revenue|earn|sold for|"
    r"转让费|转让|转化|卖出|买断|收入|技转|commerciali",
    re.I,
)
# locale hook: Taiwan's and Hong Kong's words for licence money (權利金, 收益, 技術移轉)
_MONEY_CUES = re.compile(f"{_MONEY_CUES.pattern}|{LOCAL_MONEY_CUES}", re.I)


# a clause that ranks by the sum ("以X万元位列第一", "ranked first with $2 million"): its
# sentence, not its clause, names what the money is
_RANKED_BY = re.compile(r"^\s*以|位列|位居|名列|排名|排在|\branked\b|\bplaced\b", re.I)


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
    elif (
        _MONEY_CUES.search(clause)
        or (_RANKED_BY.search(clause) and _MONEY_CUES.search(t))
        or _parallel(t, n.start, clause)
    ):
        metric = "contract_amount"  # "…转让合同金额排名：A以X万元位列第一位" ranks by the money
    else:
        return None
    return _Found(
        metric, value, n.start, code, qualifier=_qualifier(t[: n.start][-20:], after), currency=code
    )
