"""Chinese counts: a number with its measure word (件, 项, 次, 宗) that counts patents.

A Chinese count names its noun before the number ("发明专利授权182件"), or leaves it out when
the clause before named it ("专利申请252件,授权182件"; "A以638件…，B以441件…"). The count
finder asks here for the candidates of a sentence; which metric each is stays its decision.
"""

from __future__ import annotations

import re

from core.metrics.gates import gate_tables
from core.metrics.numbers import apply_magnitude, cn_value

_ZH = re.compile(
    r"(?P<num>\d[\d,]*|[零〇一二三四五六七八九十百千万两]+)\s*(?:余|多)?\s*(?P<mw>件|项|次|宗)"
)
# transfers and licences are also counted in 次 (times); nothing else counted so is ours
_TIMES_OK = re.compile(r"转让|许可|转化|转移|移转")
_PATENT_ZH = re.compile(r"专利|发明|知识产权|技术转移|技术移转|技转|实用新型|外观设计")
# the clause makes the number something else than a stock of patents
# (a change right before the figure is dropped by the context step, which sees its clause)
# "转化科技成果320项": technology transfers not said to be patents (conventions: transfers)
_TRANSFERRED_RESULTS = re.compile(
    r"(?:转化|转让|许可)[^，。；,]{0,4}(?:科技)?成果|成果[^，。；,]{0,4}(?:转化|转让|许可)"
)
# "B以441件", "B为250件", "从386项减少至191项": a count whose noun is an earlier count's
_CONTINUED_ZH = re.compile(
    r"(?:以|为|為|有|达|達|共|则为|則為|(?:增加|增长|减少|下降|提高|上升|增|降)(?:至|到))\s*$"
)
_RANK_BRACKET = re.compile(r"第\s*\d{1,3}\s*(?:位|名)?\s*[(（]\s*$")
_GRANTS_ZH = re.compile(r"\s*(?:获得?|已获|获准)?(?:授权|批准)(?:量|数)?(?:为|达|共)?\s*")
_CATEGORY_ZH = re.compile(
    r"[、，,]\s*(?:其次是|其次为|再次是)?[\u4e00-\u9fff]{2,8}(?<![各此该这那等两三四五六多])类"
    r"\s*(?:有|为|達|达)?\s*$"
)
# "…各国专利,总计约150件", "…专利…,其中A领域占60件、B领域50件": a total or a part of the
# patents named in the clause before
_TOTAL_OR_PART = re.compile(r"总计|共计|合计|总共|累计|其中|当中")


def _total_or_part(text: str, start: int, end: int) -> bool:
    """A total or part of patents named in the clause before, or a bare "有近300件" closing a
    clause of a sentence that speaks of patents (件 counts patents there)."""
    clause = re.split(r"[,，;；。]", text[max(0, start - 40) : start])[-1]
    if _TOTAL_OR_PART.search(clause) and _PATENT_ZH.search(text[max(0, start - 40) : start]):
        return True
    bare = text[end - 1] == "件" and re.match(r"\s*(?:[,，;；。]|$)", text[end:])
    return bool(bare and re.fullmatch(r"\s*(?:有|达|达到|共|共有|约|近|超过|逾)*\s*", clause))


# "…发明专利,达765项": a clause of nothing but the level reached, no noun of its own
_BARE_LEVEL = re.compile(r"\s*(?:达|达到|为|共|共计|有|超过|逾|约)\s*")


def _names_patents_before(text: str, start: int) -> bool:
    """ "厦门大学获得了福建省最多的国家发明专利,达765项": the clause just before names patents."""
    clauses = re.split(r"[,，]", text[max(0, start - 60) : start])
    return len(clauses) >= 2 and bool(_PATENT_ZH.search(clauses[-2]))


def zh_candidates(
    text: str, counted: bool, after_patents: bool = False
) -> list[tuple[float, int, int]]:
    """(value, start, end) of each Chinese patent count of ``text``; ``counted`` says a count
    came before (a later bare count may continue it), ``after_patents`` that the sentence
    before, in the paragraph, speaks of patents."""
    found: list[tuple[float, int, int]] = []
    if not (after_patents or _PATENT_ZH.search(text) or _TRANSFERRED_RESULTS.search(text)):
        return found
    for m in _ZH.finditer(text):
        raw = m.group("num")
        parsed = float(raw.replace(",", "")) if raw[0].isdigit() else cn_value(raw)
        if parsed is None or text[max(0, m.start() - 1) : m.start()] in ("第", "前"):
            continue
        value, _used = apply_magnitude(parsed, text[m.end("num") :])
        window = re.split(r"[,，;；。]", text[max(0, m.start() - 14) : m.start()])[-1]
        near = window + text[m.end() : m.end() + 6]
        if m.group("mw") == "次" and not _TIMES_OK.search(near):
            continue
        if (
            _PATENT_ZH.search(near)
            or _total_or_part(text, m.start(), m.end())
            or _TRANSFERRED_RESULTS.search(near)
            # "A以638件发明专利位居第18位，B以441件位居第32位": B's count is of A's noun
            or (
                (
                    counted
                    or bool(found)
                    or (_BARE_LEVEL.fullmatch(window) and _names_patents_before(text, m.start()))
                )
                and _CONTINUED_ZH.search(window)
                and m.group("mw") in "件项"
            )
            # "光电类有66项、材料类56项": the next item of a breakdown by field
            or (
                (counted or bool(found)) and _CATEGORY_ZH.search(window) and m.group("mw") in "件项"
            )
            # "专利申请252件,授权182件": the grants of the patents just counted
            or (
                (counted or bool(found))
                and _GRANTS_ZH.fullmatch(window)
                and m.group("mw") in "件项"
            )
            # "A排名第16(27件)": a ranking's entry, its place and then its count
            # (in a sentence after one about patents: "…发明专利授权…。A排名第16(27件)")
            or (
                _RANK_BRACKET.search(window)
                and (after_patents or _PATENT_ZH.search(text, 0, m.start()))
            )
        ):
            found.append((value, m.start("num"), m.end()))
    return found


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
