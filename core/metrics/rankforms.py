"""Rank phrases the other finders miss: a table of forms, one row per way news states a place.

"X is second with 104 patents", "rose to No. 39 in 2019, and to No. 28 in 2020", "tied for
ninth place", "Second in the ranking, X has …", "X以5.6亿元排第2", "排名第二的是X",
"在全国各大学中排名第一". Each row is (pattern with the ordinal in group ``n``, where the
ranked name is: ``before`` the phrase or ``after`` it). The rank's scope, basis, time and
whether its ranking is a patent ranking at all are decided later by the context step, as
for every rank; this step only finds the place and whose it is.
"""

from __future__ import annotations

import re
from typing import Any

from core.metrics.dispatch import rows_for
from core.metrics.entities import Entity, find_entities
from core.metrics.gates import gate_tables
from core.metrics.numbers import ORDINAL_WORDS, cn_value
from core.metrics.record import sentence_figure

_WORDS = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
# a word ordinal is a place only where a place's words follow ("is second with …", "was
# first among …"), not an adverb ("was first published")
_W_PLACE = r"(?=\s+(?:with|among|in|on|place|spot|position|nationally|worldwide|globally|overall|for|behind|after|only)\b|\s*[,.;])"
_ORD = rf"(?:No\.?\s*|#)?(?P<n>\d{{1,3}})(?:st|nd|rd|th)?|(?P<w>{_WORDS}){_W_PLACE}"
_ZH_N = r"(?P<z>[\d一二三四五六七八九十百两]{1,4})"
_MOVED = (
    r"rose|rising|climbed|climbing|moved|moving|jumped|jumping|fell|falling|dropped|dropping"
    r"|slipped|slipping|slid|sliding|advanced|advancing|leapt|leaped|surged|surging"
)
_NOT_AFTER = r"(?!\s*(?:%|percent|per cent|places?\b|spots?\b|positions?\b|times\b|years?\b|patents?\b|applications?\b))"

RANK_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "ranked No. 66", "ranks 28 among …", "placed 12th"
    (
        "before",
        re.compile(
            rf"\b(?:ranks?|ranked|ranking|placed)\s+(?:at\s+)?(?:the\s+)?(?:{_ORD}){_NOT_AFTER}",
            re.I,
        ),
    ),
    # "is second", "came in 41st", "stood at No. 5" (never a bare number: "is 65.8")
    (
        "before",
        re.compile(
            rf"\b(?:is|was|came(?: in)?|finished|stands?|stood)\s+(?:at\s+)?(?:the\s+)?"
            rf"(?:(?:No\.?\s*|#)(?P<n>\d{{1,3}})\b|(?P<s>\d{{1,3}})(?:st|nd|rd|th)\b|(?P<w>{_WORDS}){_W_PLACE})",
            re.I,
        ),
    ),
    # "rose to No. 39", "climbed three spots to 12th", "moved into second", "slipping 25
    # percent to third overall", "…, and to No. 28 in 2020": the place it moved to (a bare
    # number after "to" is a count: "rose 12% to 150 patents")
    (
        "before",
        re.compile(
            r"\b(?:rose|rising|climbed|moved|jumped|fell|dropped|slipped|and)\s+(?:up\s+|down\s+)?"
            r"(?:[\w-]+\s+){0,3}?to\s+(?:the\s+)?(?:No\.?\s*|#)(?P<n>\d{1,3})\b",
            re.I,
        ),
    ),
    (
        "before",
        re.compile(
            rf"\b(?:{_MOVED})\s+(?:[\w%-]+\s+){{0,4}}?(?:to|into)\s+(?:the\s+)?"
            rf"(?:(?P<s>\d{{1,3}})(?:st|nd|rd|th)\b|(?P<w>{_WORDS})\b(?!-))",
            re.I,
        ),
    ),
    # "the fifth-highest number of patents", "the fifth-ranked university", "No. 2-ranked"
    (
        "before",
        re.compile(
            rf"\b(?:(?P<w>{_WORDS})|(?:No\.\s*)?(?P<s>\d{{1,3}})(?:st|nd|rd|th)?)-"
            rf"(?:ranked|ranking|highest|largest|most|greatest|best|place)\b",
            re.I,
        ),
    ),
    # "Its 160 patents put it fourth", "placing it at No. 4", "good for fifth place"
    (
        "before",
        re.compile(
            rf"\b(?:put(?:s|ting)?|plac(?:es|ed|ing)|land(?:s|ed|ing)|le(?:ft|aves|aving)|kept|keeps"
            rf"|keeping)\s+(?:it|them|the\s+(?:university|school|institution|system))\s+"
            rf"(?:in\s+|at\s+)?(?:the\s+)?(?:{_ORD})",
            re.I,
        ),
    ),
    ("before", re.compile(rf"\bgood for\s+(?:the\s+)?(?:{_ORD})", re.I)),
    # "earning the UT System the No. 5 spot", "gave X third place": the name inside
    (
        "inside",
        re.compile(
            rf"\b(?:earn(?:s|ed|ing)|g(?:ave|ives|iving)|w(?:on|ins|inning)|secur(?:es|ed|ing))"
            rf"\s+(?:[^,;.]{{2,80}}?)\s+the\s+(?:{_ORD})\s+(?:place|spot|position|ranking)\b",
            re.I,
        ),
    ),
    # "shares the 41st position with …", "sharing 12th place": a tie, the name before
    (
        "before",
        re.compile(
            rf"\bshar(?:es|ed|ing|e)\s+(?:the\s+)?(?:{_ORD})\s+(?:place|spot|position|rank)\b",
            re.I,
        ),
    ),
    # "followed by A in sixth and B in seventh", "with C in 12th place": the name before
    (
        "before",
        re.compile(
            rf"\bin\s+(?:the\s+)?(?:(?P<w>{_WORDS})|(?P<s>\d{{1,3}})(?:st|nd|rd|th))"
            rf"(?=\s+(?:place|spot|position)\b|\s*(?:[,.;)]|$)|\s+(?:and|with)\b)",
            re.I,
        ),
    ),
    # "The top-ranked institution is X", "the highest-ranked university was X": first place
    (
        "after",
        re.compile(
            r"(?<=[Tt]he )(?:top|highest)-ranked\s+(?:[\w.-]+\s+){0,3}?(?:is|was)\s+(?=\S)"
            r"(?P<first>)"
        ),
    ),
    # "tied for ninth place", "took third place", "won the second spot", "got the third position"
    (
        "before",
        re.compile(
            rf"\b(?:tied for|took|takes|won|claimed|secured|earned|finished in|came in|in|got|gets"
            rf"|bagged|grabbed|achieved|attained|held|holds|occupied|occupies|retained|retains)\s+"
            rf"(?:the\s+)?(?:{_ORD})\s+(?:place|spot|position)\b",
            re.I,
        ),
    ),
    # "tied for 12th with …", "tied at No. 12"
    (
        "before",
        re.compile(
            rf"\btied (?:for|at)\s+(?:the\s+)?(?:No\.?\s*|#)?(?P<n>\d{{1,3}})(?:st|nd|rd|th)?\b"
            rf"(?!\s*(?:place|spot|position))|\btied (?:for|at)\s+(?:the\s+)?(?P<w>{_WORDS})\b"
            rf"(?!\s*(?:place|spot|position))",
            re.I,
        ),
    ),
    # "At No. 12, X received …", "At fifth is X", "Coming in at number eight is X": the
    # place first, then its name
    (
        "after",
        re.compile(r"^\s*(?:And\s+)?[Aa]t\s+(?:No\.?\s*|#|number\s+)(?P<n>\d{1,3})\b\s*,"),
    ),
    (
        "after",
        re.compile(
            rf"^\s*(?:And\s+)?(?:(?:Coming|Checking) in\s+)?[Aa]t\s+(?:No\.?\s*|#|number\s+)?"
            rf"(?:(?P<n>\d{{1,3}})(?:st|nd|rd|th)?|(?P<w>{_WORDS}))\s+(?:place\s+)?(?:is|was|comes|came)\b"
            rf"|^\s*(?:Coming|Checking) in\s+(?:at\s+)?(?:No\.?\s*|#|number\s+)?"
            rf"(?:(?P<s>\d{{1,3}})(?:st|nd|rd|th)?|(?P<x>{_WORDS}))\s*(?:place\s*)?(?:,|is\b|was\b)",
            re.I,
        ),
    ),
    # "X was runner-up with 200 patents": second place; "the runner-up X": the name after
    (
        "before",
        re.compile(
            r"\b(?:is|was|finished|came|ended|emerged)\s+(?:up\s+)?(?:as\s+)?(?:the\s+)?"
            r"runners?-up\b(?P<second>)",
            re.I,
        ),
    ),
    ("after", re.compile(r"(?<=[Tt]he )runner-up,?\s+(?=[A-Z])(?P<second>)")),
    # "Second in the ranking, X has …", "Third on the list is X"
    (
        "after",
        re.compile(rf"^\s*(?P<w>{_WORDS})\s+(?:in|on)\s+the\s+(?:ranking|list|table)\b", re.I),
    ),
    # "…, and second on the list was X", "On top of the 2015 ranking was X": the name after
    (
        "after",
        re.compile(
            rf"\b(?P<w>{_WORDS})\s+(?:in|on)\s+the\s+(?:[\w-]+\s+)?(?:ranking|list|table)\s+"
            r"(?:was|is|were|are)\s+(?=\S)",
            re.I,
        ),
    ),
    (
        "after",
        re.compile(
            r"\b(?:On|on|At|at) (?:the )?top of the (?:[\w-]+\s+){0,3}?(?:ranking|list|table)\s+"
            r"(?:was|is|were|are)\s+(?=\S)(?P<first>)"
        ),
    ),
    # "X以5.6亿元排第2", "排名第一", "名列全国私校第一", "居全省高校第3位"
    (
        "before",
        re.compile(
            r"(?:排名|排在|排|位居|位列|名列|位于|居于|居|列|跃居|跃升至|升至)"
            rf"(?!的是)[^，。；,;\d第]{{0,12}}?第\s*{_ZH_N}\s*(?:位|名)?(?!的是|方阵|梯队|阵营)"
        ),
    ),
    # "技转金额全国第一", "专利获证数全台第2名": a scope's place right after what it ranks, no
    # verb (not "全国第一所…", "全球第一个…": the first of something founded or made)
    (
        "before",
        re.compile(
            r"(?<![居列排于在])(?:全国|全台|全港|全澳|全省|全市|全球|全世界)"
            r"(?:高校|大学|大专院校|学校|私校|公立大学)?\s*第\s*"
            r"(?P<z>[\d一二三四五六七八九十]{1,3})\s*(?:位|名)?(?![\d所个家批次届项年期轮位名])"
        ),
    ),
    # "是2014年的全球11名", "交通大学64名(较去年退步20名)": N名 right after a scope or a name is a
    # place (not "全国100名学生": a count of people goes on with what they are)
    (
        "before",
        re.compile(
            r"(?:(?<=全国|全台|全港|全球|大学|学院)|(?<=全世界))\s*(?P<z>\d{1,3})\s*名"
            r"(?=\s*(?:[，,。；;、）)(（]|$|的|之))"
        ),
    ),
    # "台大全球排名48，": a place written right after 排名, no 第 (not "排名100强", "排名上升
    # 48位": a band and a move go on with their words)
    (
        "before",
        re.compile(r"排名\s*(?P<z>\d{1,3})\s*(?:位|名)?(?=\s*(?:[，,。；;、）)(（]|$))"),
    ),
    # "排名第二的是X", "位居第一的是X"
    (
        "after",
        re.compile(rf"(?:排名|排在|位居|位列|名列)\s*第\s*{_ZH_N}\s*(?:位|名)?的(?:是|为|有)"),
    ),
)
_TRIGGERS = ("rank", "place", "spot", "position", "no.", "#", "is ", "was ", "came", "rose", "tied",
             "climb", "moved", "jump", "fell", "drop", "slip", " to ", "list", "-highest", "-most",
             "-largest", "good for", "followed", "put it", "puts it", "putting it", "placing it",
             "places it", "landed it", "leaves it", "left it", "kept it", "keeps it", "earn", "gave",
             "giv", "won ", "wins", "secur", "shar", "-rank", "slid", "advanc", "leap", "surg",
             "finish", "runner", "stood", "stand", "coming in", "checking in", "at number", "排",
             "位", "名", "居", "列", "全国", "全台", "全港", "全澳", "全省", "全市", "全球",
             "全世界")  # fmt: skip
_CLAUSE = re.compile(r"[;；。]")
_YEAR_AFTER = re.compile(
    r"^\s*(?:in|for)\s+((?:19|20)\d\d)\b|^\s*[(（]?((?:19|20)\d\d)\s*年?[)）]?"
)


# a rank is a patent metric where its sentence speaks of patents (a discipline's, a
# composite ranking's or a sports place is not), or the whole article is a patent list
_PATENT = re.compile(
    r"patent|\bPCT\b|utility|invention|licens|royalt|technology transfer|专利|發明|发明|转让|转化|许可|技转|知识产权",
    re.I,
)


def rank_phrases(
    sentence: str, start: int, owner: str | None, patent_list: bool = False
) -> list[dict[str, Any]]:
    """Rank records for the rank phrases of ``sentence`` (at ``start`` in the article);
    ``patent_list``: the article is a patent ranking (WIPO, NAI/IPO), so every sentence's
    ranks are of it."""
    low = sentence.lower()
    if not any(t in low for t in _TRIGGERS):
        return []
    if not (patent_list or _PATENT.search(sentence)):
        return []
    ents = [e for e in find_entities(sentence) if e.university and e.name]
    out: list[dict[str, Any]] = []
    for side, pattern in rows_for(RANK_FORMS, sentence):  # the rows that may match
        for m in pattern.finditer(sentence):
            value = _value(m)
            who = _whose(sentence, ents, m, side, owner)
            if not value or value > 500 or who is None:
                continue
            year = _year(sentence, m)
            # a year written at the phrase is its own: the sentence's span does not replace it
            # ("且已连续4年全台第1，历史最佳成绩是2014年的全球11名")
            timed = {"timed": True} if year is not None else {}
            out.append(
                sentence_figure(
                    who, "rank", int(value), "rank", sentence, start, year=year, **timed
                )
            )
    return out


def _value(m: re.Match[str]) -> float | None:
    groups = m.groupdict()
    if groups.get("first") is not None:
        return 1.0
    if groups.get("second") is not None:
        return 2.0
    if groups.get("x"):
        return float(ORDINAL_WORDS[groups["x"].lower()])
    if groups.get("n") or groups.get("s"):
        return float(groups.get("n") or groups["s"])
    if groups.get("w"):
        return float(ORDINAL_WORDS[groups["w"].lower()])
    if groups.get("z"):
        z = groups["z"]
        return float(z) if z.isdigit() else cn_value(z)
    return None


def _whose(
    sentence: str, ents: list[Entity], m: re.Match[str], side: str, owner: str | None
) -> str | None:
    """The ranked name: the nearest before the phrase in its clause (else the article's own
    institution, else "" for the context step's subject of the sentence before), or the
    first after it for a phrase that names its place first."""
    if side == "after":
        after = [e for e in ents if e.start >= m.end()]
        return after[0].name if after else None
    if side == "inside":
        inside = [e for e in ents if m.start() <= e.start and e.end <= m.end()]
        return inside[0].name if inside else None
    clause_start = max((c.end() for c in _CLAUSE.finditer(sentence, 0, m.start())), default=0)
    before = [e for e in ents if clause_start <= e.start and e.end <= m.start()]
    if before:
        return before[-1].name
    # "A从第32名上升到第27名，…；…专利申请量连续三年排名第1": a clause naming nobody is the
    # sentence's one subject's
    earlier = {e.name for e in ents if e.end <= m.start()}
    if len(earlier) == 1:
        return earlier.pop()
    return owner or ""


_YEAR_BEFORE = re.compile(
    r"\b(?:In|in)\s+((?:19|20)\d\d)\b[^;.。；]{0,40}$|((?:19|20)\d\d)\s*年[^;。；，,]{0,20}$"
    # "an increase from 2014, when it placed 48th": the year the clause is about
    r"|\b((?:19|20)\d\d),?\s+when\b[^;.。；]{0,40}$"
)


def _year(sentence: str, m: re.Match[str]) -> int | None:
    """The year written at the phrase: right after it ("to No. 28 in 2020"), else opening its
    clause ("In 2018, X ranked No. 66"); the context step dates the others."""
    after = _YEAR_AFTER.match(sentence[m.end() : m.end() + 12])
    if after:
        return int(after.group(1) or after.group(2))
    before = _YEAR_BEFORE.search(sentence[max(0, m.start() - 60) : m.start()])
    return int(before.group(1) or before.group(2) or before.group(3)) if before else None


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
