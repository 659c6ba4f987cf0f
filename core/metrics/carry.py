"""What one sentence lends the next within a paragraph: the noun of its count and the kind
of its money.

News writes a figure's noun or a sum's cue once and then goes on naming institutions and
numbers only: "A was granted 120 patents last year. B followed with 80.", "A大学获得发明专利
授权300件。B大学为250件。", "licensing income … By school, A topped with 4.2 billion won".
Such a sentence holds no patent or money word, so the engine's word gate would skip it; the
labelling rules still label its figures (rule 6: every institution named with a figure). A
sentence passes on the strength of the one before only when it names a university and holds
a number (a count) or a sum with a currency (money): the metric itself then comes from the
previous sentence's count (``para.last_count``) or the previous sentence's money cue.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.metrics.entities import find_entities
from core.metrics.gates import gate_tables

if TYPE_CHECKING:
    from core.metrics.engine_base import _Paragraph

# a number that can be a count: not a year, not a percentage (checked on the sentence text)
_COUNT_NUMBER = re.compile(
    r"(?<![\d.,])(?!(?:19[89]\d|20[0-3]\d)(?!\d))\d[\d,]*(?![\d.,]?\d)(?!\s*(?:%|percent|per cent))"
)
# a patent verb right before a number gives it a metric of its own
_OWN_VERB = re.compile(
    r"\b(?:granted|issued|filed|published|licen[cs]ed|transferred|applied for|awarded)\s+$"
    r"|(?:授权|申请|公开|转让|许可)\s*$",
    re.I,
)
# a sum with its currency, before or after the number ("4.2 billion won", "NT$3 million")
_SUM = re.compile(
    r"(?:HK\$|NT\$|US\$|\$|RMB|¥|￥|€|£|₩)\s*\d"
    r"|\d[\d,.]*\s*(?:million|billion|mn|bn|万|亿|萬|億)?\s*"
    r"(?:yuan|won\b|yen\b|dollars|euros|元|美元|港元|日元|円|韩元)",
    re.I,
)
# the figures of a sentence that says what they are not: a person's, a company's, money that
# is not a deal's (funding, investment, costs, prizes: labelling rules §7)
_NOT_CARRIED = re.compile(
    r"professor|inventor|student|compan|firm|\bfund(?:s|ed|ing)?\b|\bgrants?\b|invest|budget"
    r"|spend|cost|expens|compensation|salar|prize|award|scholarship|donat|\bgifts?\b|paper"
    r"|publication|from the (?:state|government|ministry|province|city)\b|government"
    r"|教授|发明人|学生|企业|公司|经费|资助|投资|预算|支出|费用|奖金|奖励|奖学金|捐|论文|政府|财政|拨款",
    re.I,
)


def carried_gate(text: str, para: _Paragraph) -> bool:
    """Whether a sentence with no patent, rank or money word may still hold a figure whose
    noun or cue the previous sentence of its paragraph gave: a university is named before
    the figure ("B followed with 80", not "four of them earned over $100 million each")."""
    deal = para.deal_money or _names_deal(para.previous_text)
    if not (deal or para.last_count):
        return False  # flags first: most sentences of most paragraphs stop here
    # deal money runs on into the next paragraph ("…transfer income.¶By school, A led with
    # $4m"); a count's noun only to the next sentence of its own paragraph
    money = _SUM.search(text) if deal else None
    count = (
        _COUNT_NUMBER.search(text) if para.last_count is not None and para.previous_text else None
    )
    if count and _OWN_VERB.search(text, max(0, count.start() - 16), count.start()):
        count = None  # "B was granted 80": a verb of its own, maybe not the noun's before
    first = min((m.start() for m in (money, count) if m), default=None)
    # a named university, or "the University" of the article's own, before the figure; the
    # names before it are read first (the words of _NOT_CARRIED are tested in the whole
    # sentence: ~20 us on a 1.5 KB one): both must hold, and neither test changes anything
    if first is None or not any(e.university for e in find_entities(text[:first])):
        return False
    return not _NOT_CARRIED.search(text)


# "B大学为250件", "B大学有250件", "B大学达250项": a name and a count, the noun left out
_ELIDED_ZH = re.compile(r"(?:以|为|為|有|达|達|共|则为|則為)\s*$")


def elided_zh(before: str) -> bool:
    """Whether a Chinese count's clause ends in a copula that leaves its noun out (the
    previous count's noun then holds)."""
    return bool(_ELIDED_ZH.search(before))


def carried_cue(
    text: str, at: int, clause_start: int, para: _Paragraph, cues: re.Pattern[str]
) -> bool:
    """Whether a sum at ``at`` whose clause has no cue is deal money because an earlier clause
    or the sentence before named the deal or the income ("royalties of 801 million yen, with
    A receiving the highest amount of 164 million yen"; "…technology transfer income in
    2017. By school, A topped with 4.2 billion won") or listed deal money. The sum follows a
    university's name, in a sentence that does not say it is funding, costs or a prize, and
    whose only cues (if any) stand before the sum's clause."""
    earlier = [m.start() for m in cues.finditer(text, 0, clause_start)]
    if not (earlier or para.deal_money or cues.search(para.previous_text)):
        return False
    if cues.search(text, clause_start):
        return False  # a sentence with cues after the sum speaks for itself
    # what the sum is not is said between its cue and its clause's end ("研发经费…，以A居首，
    # 共4亿元；智财收入则以B居首，约1亿元": the funding is A's, the income B's)
    stretch = text[earlier[-1] : _clause_end(text, at)] if earlier else text
    if _NOT_CARRIED.search(stretch):
        return False
    # the university named last before the sum, with no other institution's word between
    # them (an unknown name: "A topped with $4m, followed by Korea University with $3m")
    named = find_entities(text[:at])
    if not named or not named[-1].university:
        return False  # (a self-reference, "the University", is the article's own)
    return not _INSTITUTION_WORD.search(text, named[-1].end, at)


# the words of licence or transfer money (lowered substrings, tested once per sentence)
_DEAL_WORDS = (
    "licens",
    "licenc",
    "royalt",
    "income",
    "revenue",
    "转让",
    "许可",
    "收入",
    "收益",
    "技转",
)


def names_deal_heading(previous: str) -> bool:
    """A sentence that names deal money (royalties, licensing income) and states no sum."""
    return _names_deal(previous) and not _SUM.search(previous)


def _names_deal(previous: str) -> bool:
    low = previous.lower()
    return any(w in low for w in _DEAL_WORDS)


_INSTITUTION_WORD = re.compile(r"Universit|Institute|College|School|大学|大學|学院|學院")


_CLAUSE_BREAK = re.compile(r"[,，;；。]")


def _clause_end(text: str, at: int) -> int:
    m = _CLAUSE_BREAK.search(text, at)
    return m.start() if m else len(text)


def not_deal(clause: str) -> bool:
    """Whether a sum's clause says it is not deal money (funding, costs, a prize)."""
    return bool(_NOT_CARRIED.search(clause))


# Chinese counts whose noun is elided or named by a deal (engine_counts.py)
def applied_before(before: str, last_count: str | None) -> str | None:
    """The application metric a later "N项获得批准" grants: the last count's, else the
    applications the sentence named before it."""
    if last_count and "application" in last_count:
        return last_count
    if "专利申请" in before or "申请专利" in before:
        return "invention_patent_applications" if "发明专利" in before else "patent_applications"
    return None


LICENCE_DEAL_ZH = re.compile(r"授权协议|许可协议|转让协议|许可合同|转让合同|授权合约")
GRANTED_AFTER_ZH = re.compile(
    r"\s*(?:已|均|都|先后)?(?:获得|获|被|已)?(?:批准|授权|获批|核准|获准)"
)
GRANT_ELIDED_ZH = re.compile(
    r"(?:成功|已|共|另)?(?:取得|获得|获准|获批|获授权|获得授权|批准)了?\s*$"
)


def reverb(metric: str, verb: str | None) -> str:
    """An application metric made the grant metric of its kind when the verb grants."""
    swaps = {
        ("international_patent_applications", "granted"): "international_patents_granted",
        ("invention_patent_applications", "granted"): "invention_patents_granted",
        ("patent_applications", "granted"): "patents_granted",
    }
    return swaps.get((metric, verb or ""), metric)


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
