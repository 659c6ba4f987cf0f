"""Ranks in the verb-driven engine: ordinals after rank verbs, "No. N", 第N位/名, top-N
(``rank_top_n``), with the scope and basis written next to them.
"""

from __future__ import annotations

import re

from core.metrics.engine_base import _PCT, _clause_start, _Found, _has_rank_hint
from core.metrics.gates import gate_tables
from core.metrics.numbers import ORDINAL_WORDS, WORDS, Number, cn_value

_RANK_VERB = re.compile(
    r"\b(rank(?:s|ed|ing)?|plac(?:e|es|ed|ing)|position(?:ed)?|c(?:ame|omes|oming)(?: in)?|finish(?:ed|es|ing)?"
    r"|t(?:ook|akes|aking)|st(?:ood|ands))\b",
    re.I,
)
# "ranks 2nd-3rd": the second ordinal closes a range, it is not a second rank
_RANGE_BEFORE = re.compile(r"\d(?:st|nd|rd|th)\s*[-–~]\s*$")
_ORDINAL_SUFFIX = re.compile(r"^(?:st|nd|rd|th)\b")
_ORDINAL_WORD_RE = re.compile(r"\b(" + "|".join(ORDINAL_WORDS) + r")\b", re.I)
_NOT_RANK_AFTER = re.compile(
    # "among the first 1% of …", "the first 100": a share or a list size, not a place
    # "for the fifth straight year": a count of years, not a place
    r"^\s*(?:\d|consecutive|straight|successive|running|session|anniversary|edition|annual|time"
    r"|century|batch|year|round|"
    r"China|International|National|Geneva|[A-Z][a-z]+ (?:Competition|Exhibition|Conference|Forum))",
)
# "top 10%" is a share, not a top N; "top-10", "Top Ten" are the same top N
_TOP_EN = re.compile(
    r"\btop[\s-]+(\d+|" + "|".join(WORDS) + r")\b(?!\s*(?:%|percent|-?\s*ranked\b))", re.I
)
# what puts a subject inside a top N: "ranks among the top 5", "made the top 10", "one of the
# top five", "cracked the top 10", "placed in the top ten", "a top-10 university"
# "among the nation's top 10", "in the world's top five"
_WHOSE = r"(?:(?:the\s+)?(?:nation|world|country|state|globe|America|China)['’]s\s+)?"
_INTO_TOP = re.compile(
    r"(?:\b(?:rank\w*|among|into|enter\w*|in|remain\w*|stay\w*|made|makes?|making|cracked|cracks?"
    rf"|joined|joins?|reached|reach(?:es)?|one of|of)\s+(?:the\s+)?{_WHOSE}"
    r"|\b(?:is|was|are|were|remains?|remained|as|becomes?|became)\s+an?\s+)$",
    re.I,
)
_IN_TOP = re.compile(
    rf"\b(?:rank\w*|among|into|enter\w*|in|remain\w*|stay\w*|one of|crack\w*|join\w*|reach\w*)\s+(?:the\s+)?{_WHOSE}$",
    re.I,
)
_SUBJECT_VERB = re.compile(
    r"\b(rank\w*|among|enter\w*|is|are|was|were|has been|have been|remains?|remained|stays?|stayed"
    r"|made|makes?|cracked|joined|reached|plac\w+|finish\w*|one of|came|comes|land\w*|put\w*)\b",
    re.I,
)
# the scope a top N names itself: "the top five U.S. universities", "top 10 among public
# universities", "in the top 10 nationally"
_TOP_NOUN = re.compile(
    r"^\s*((?:(?:[A-Z][\w.&-]*|public|private|research|global|national|American|Chinese)\s+){0,3})"
    r"(?:universities|institutions|schools|colleges|applicants|educational institutions)\b",
)
# a top N of every kind of applicant ("the top 300 organizations worldwide to receive patents")
_ANY_APPLICANT = re.compile(r"\s*(?:organi[sz]ations|assignees|patentees|entities)\b", re.I)
_LATER_AMONG = re.compile(
    r"\b(?:among|of)\s+((?:[A-Z][\w.&-]*\s+|U_S_-?\w*\s+|public\s+|private\s+|research\s+|global\s+){0,3}"
    r"(?:universities|institutions|schools|colleges|applicants))\b"
    r"|\b(nationally|worldwide|globally|in the (?:nation|country|world)|in the U_S_)",
)
_TOPPED = re.compile(
    r"\b(?:topped|tops|headed|heads|leads|led) (?:the|its) (?:list|ranking|rankings|table|charts?"
    r"|league table|leaderboard|tally)"
    r"|\bremained (?:at )?the top\b(?!\s+\d)"
    # "was top among global universities", "came out on top", "took the top spot"
    r"|\b(?:was|is|were|are|came|ranked|ranks|finished|placed|remains|stood|stands|sat|sits)"
    r"\s+(?:at\s+)?(?:the\s+)?top(?=\s+(?:among|in|of|with|for|on|worldwide|globally|nationally"
    r"|overall|again)\b|\s*[,.;])"
    r"|\b(?:took|takes|claimed|claims|held|holds|retained|retains|kept|keeps|won|secured)\s+(?:the\s+)?"
    r"top\s+(?:spot|place|position)\b|\bcame out on top\b|\b(?:is|was|sits|sat|stands|stood)\s+at the "
    r"top of the (?:list|ranking|rankings|table|chart)\b"
    # "X led with 413 applications", "X led all universities with 113", "led the nation in"
    r"|\b(?:led|leads)(?= with \d| all\b| the (?:nation|country|world|field)\b"
    r"| (?:U\.S\.|American|Chinese|European|Asian|global|world) (?:universities|institutions)\b"
    r"| (?:universities|educational institutions|academic institutions|institutions)\b)",
    re.I,
)
_TOP_VERBS_ZH = (
    r"进入|跻身|位居|位列|排名|名列|居|稳居|保持|挤进|入围|入选|杀入|闯入|跨入|迈入|晋级|位于|处于|排在"
    r"|挺进|排进|荣登|登上|入榜|冲进|冲入|跃居|升至|跃升至|上升至"
)
# between the verb and the top N, its scope and basis: "跻身全球教育机构PCT国际专利申请量前50名"
_TOP_ZH = re.compile(
    # not "前2%" (a share) nor "较前一年度" (the year before)
    rf"({_TOP_VERBS_ZH})[^，。；,]{{0,26}}?前\s*(\d+|[一二三四五六七八九十百]+)"
    r"(?!\s*(?:%|％|年|个月|月|日|天|周|期|届|次|批))\s*(?:名|位|强)?"
    # "进入100强", "跻身百强": N强 is the top N
    rf"|({_TOP_VERBS_ZH})[^，。；]{{0,20}}?(?<!\d)(\d+|[一二三四五六七八九十百]+)\s*强"
    # "进入全球教育机构三甲": the top three
    rf"|({_TOP_VERBS_ZH})[^，。；\d]{{0,16}}?前?(三)甲"
    # "是全国高校专利转让排名前50的高校之一": one of the top 50
    r"|(是|成为|作为)[^，。；,]{0,26}?前\s*(\d+|[一二三四五六七八九十百]+)\s*(?:名|位|强)?的?"
    r"[^，。；,]{0,8}?之一"
    # ("入围…排行榜TOP100" is left to the list finders: read here it cost blind precision)
)
_ORD_ZH = re.compile(r"第\s*(\d+|[一二三四五六七八九十百]+)\s*(位|名)?")
# "名列全球23名", "列48名": a place written without 第, after a rank verb
_BARE_ZH = re.compile(
    r"(名列|位列|排名|排在|列|居)((?:(?!大学|学院)[^，。；,、\s\d第前]){0,8}?)(\d{1,3})\s*名(?![单额次])"
)
# a scope word right before 第N makes it a place even without a verb ("授权量全省第一")
_SCOPE_BEFORE = re.compile(
    r"(?:全省|全国|全球|世界|国内|亚洲|省内|全市|全台|全港)(?:高校|大学)?\s*$"
)
_RANK_ZH_VERB = re.compile(r"(排名|位居|位列|名列|居)[^，。；、]{0,15}$")


def _ranks_special(t: str, consumed: set[int]) -> list[_Found]:
    """Ranks not written as a plain number: ordinal words, "top N", 第N位, "topped the list"."""
    if not (_has_rank_hint(t) or "强" in t or "名" in t or "甲" in t):  # "进入100强", "三甲"
        return []
    return _ranks_words(t) + _ranks_top_en(t, consumed) + _ranks_zh(t, consumed)


def _ranks_words(t: str) -> list[_Found]:
    """Ordinal words after a rank verb, 居首位, "topped the list"."""
    out: list[_Found] = []
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
    for m in re.finditer(
        r"(?:位居|居|位列|排名|名列)([^，。；]{0,15}?)(首位|第一名?)(?!方阵|梯队|阵营|档|集团|方队)",
        t,
    ):
        if m.group(2).startswith("首"):
            out.append(_Found("rank", 1, m.start(2), "rank", scope=_scope_zh(m.group(1))))
    for m in _TOPPED.finditer(t):
        out.append(_Found("rank", 1, m.start(), "rank", scope=_scope_en(t[m.end() :])))
    return out


def _ranks_top_en(t: str, consumed: set[int]) -> list[_Found]:
    """ "among the top 50", "made the top 10", "one of the top five" (``rank_top_n``)."""
    out: list[_Found] = []
    for m in _TOP_EN.finditer(t):
        lead = t[: m.start()]
        if (
            _INTO_TOP.search(lead[-40:])
            and _SUBJECT_VERB.search(lead[-60:])
            # "made the top N" read more on blind text than it found: a top N needs a rank
            # verb, "among/in/into", "one of" or "cracked/joined/reached" right before it
            and _IN_TOP.search(lead[-40:])
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
                    scope=_top_scope(t, m.end()),
                )
            )
            consumed.add(m.start(1))
    return out


def _top_scope(t: str, end: int) -> str | None:
    """Among whom a top N is: its own noun ("the top five U.S. universities"), then "in/among X"
    right after it, then a later "among X"/"nationally" in the same clause."""
    after = t[end:]
    own = _TOP_NOUN.match(after)
    if own and own.group(1):
        return normalise_scope(own.group(0).strip())
    if _ANY_APPLICANT.match(after):
        return "overall"  # "the top 300 organizations worldwide": companies and all
    plain = after.replace("U.S.", "U_S_")  # "U.S. universities": not the end of a clause
    if re.match(r"\s*(?:in|among)\s", after):
        scope = _scope_en(plain)
        if scope:
            return scope.replace("U_S_", "U.S.")
    clause = re.split(r"[;!?]|\.(?:\s|$)|,\s+(?:and|but|while|which)\b", plain, maxsplit=1)[0]
    later = _LATER_AMONG.search(clause)
    if later is None:
        return None
    if later.group(2):
        return "U.S. universities" if "U_S_" in later.group(2) else normalise_scope(later.group(2))
    return normalise_scope(later.group(1).replace("U_S_", "U.S."))


def _ranks_zh(t: str, consumed: set[int]) -> list[_Found]:
    """前N名 (``rank_top_n``) and 第N位/名 after a rank verb."""
    out: list[_Found] = []
    for m in _TOP_ZH.finditer(t):
        verb = next(i for i in (1, 3, 5, 7) if m.group(i))  # which form matched
        num = verb + 1
        raw = m.group(num)
        value = float(raw) if raw.isdigit() else (100.0 if raw == "百" else cn_value(raw) or 0.0)
        if value:
            out.append(
                _Found(
                    "rank",
                    value,
                    m.start(num),
                    "rank_top_n",
                    qualifier="top_n",
                    scope=_scope_zh(_between(t[m.end(verb) : m.start(num)], verb)),
                )
            )
            consumed.add(m.start(num))
    for m in _ORD_ZH.finditer(t):
        before = t[max(0, m.start() - 20) : m.start()]
        if not (m.group(2) or _RANK_ZH_VERB.search(before) or _SCOPE_BEFORE.search(before)):
            continue
        if re.match(
            r"\s*(届|次|批|年|期|轮|个|家|所|款|台|例|部|项|方阵|梯队|阵营|档|集团|方队)",
            t[m.end(1) :],
        ):
            continue  # "第一批", "全国第一个": an order of events or things, not a place
        value = float(m.group(1)) if m.group(1).isdigit() else (cn_value(m.group(1)) or 0.0)
        if value:
            out.append(
                _Found(
                    "rank", value, m.start(1), "rank", scope=_scope_zh(_zh_scope_text(t, m.start()))
                )
            )
            consumed.add(m.start(1))
    for m in _BARE_ZH.finditer(t):
        if m.start(3) not in consumed:
            scope = _scope_zh(m.group(2)) if m.group(2) else None
            out.append(_Found("rank", float(m.group(3)), m.start(3), "rank", scope=scope))
            consumed.add(m.start(3))
    return out


def _between(words: str, form: int) -> str:
    """The scope words between a top N's verb and its N; "是…排名前50的高校之一" (form 7) names
    its ranking there too."""
    return re.sub(r"(?:排名|排行)?前\s*$", "", words) if form == 7 else words


def _rank(t: str, n: Number, prev_end: int, found: list[_Found]) -> _Found | None:
    after = t[n.end :]
    if n.form != "digits":
        return None
    clause_before = t[_clause_start(t, n.start) : n.start]
    if _ORDINAL_SUFFIX.match(after):
        if _NOT_RANK_AFTER.match(after[2:]) or _RANGE_BEFORE.search(t[: n.start]):
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
        if re.match(r"(?:place|spot|position)\s+with\b", m.group(1), re.I):
            return None  # "tied for 40th place with Brown University": a rival, not a scope
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


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
