"""Members of a top-N named together: each is in the top N.

"江苏大学、浙江工业大学、昆明理工大学等也都杀入了全国50强", "A, B and C also made it into the top
50", and a list's intro with its members after it ("共有15所中国高校进入前50。它们依次是：A、B、
C…", "进入前十的中国高校还有：A(第四)、B(第五)"). The rules give every named member of a list a
`rank_top_n` row (§3: "among the top N", 前N名, N强); a member whose exact place the text
also gives keeps only that place (the context step drops the restated top N).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from core.metrics.engine_ranks import _top_scope, normalise_scope
from core.metrics.entities import Entity, find_entities
from core.metrics.gates import gate_tables
from core.metrics.numbers import WORDS, cn_value
from core.metrics.rankwords import LIST_INTRO
from core.metrics.record import sentence_figure
from core.metrics.sentences import Sentence

_N = r"(\d{1,3}|[一二三四五六七八九十百]{1,3})"
_PATENT = re.compile(r"专利|patent|PCT", re.I)
_CLAUSE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
# the year a top N's own words end with ("the top 300 organizations to receive patents in 2011")
_YEAR_AFTER = re.compile(
    r"(?:U\.S\.|[^.;!?]){0,100}?\b(?:in|for|during) ((?:19|20)\d\d)\b(?![-–/]\d)"
)
_CUE = re.compile(r"top|前|强|上榜|入围|入选|入榜", re.I)  # every member form below holds one
# after a run of names: "(等)(也/都…)杀入了全国50强", "…等进入前50名"; the names' figure may come
# between ("A、B、C等3所高校的专利转让数量进入…前100名")
# 前N名, N强, TOP N (the Taiwanese 百大 is left alone: labellers of one text disagree on it)
_ZH_TOP = rf"(?:前\s*{_N}\s*(?:名|位|强)?|{_N}\s*强|(?<![A-Za-z])TOP\s*{_N})"
_ZH_AFTER = re.compile(
    r"\s*(?:等?(?:[\d一二三四五六七八九十]+所)?(?:高校|大学|院校)?)?(?:的[^，。；,;]{0,12}?)?\s*"
    r"(?:也|均|都|还|亦|同时|一同|一起|先后)*"
    r"\s*(?:成功)?(?:杀入|进入|跻身|入选|入围|位列|挤进|闯入|跨入|迈入|晋级|位于|位居|挺进|排进|荣登|登上)"
    rf"了?\s*[^，。；,;]{{0,24}}?{_ZH_TOP}",
    re.I,
)
_EN_N = r"(\d{1,3}|" + "|".join(WORDS) + r")"
_EN_AFTER = re.compile(
    r"\s*,?\s*(?:also\s+|all\s+|each\s+|both\s+)?(?:made it into|made|make|entered|were among|are among"
    r"|were all among|are all among|were in|are in|ranked among|ranked in|rank among|rank in|joined"
    r"|featured in|appear in|appeared in|cracked|finished in|placed in|were also in|are also in"
    # "lists 11 universities, including … A and B, among the top 300 organizations"
    r"|(?<=,\s)among|(?<=,)among)\s+"
    rf"(?:the\s+)?(?:[\w-]+\s+){{0,3}}?top[\s-]+{_EN_N}\b(?!\s*(?:%|percent))",
    re.I,
)
# "A, B and C are the UK's three most prolific patent-filing universities": names as many as
# the N they are said to be, each in the top N
_SUPERLATIVE = r"(?:most|largest|leading|biggest)"
_EN_THE_N = re.compile(
    r"\s*,?\s*(?:are|were)\s+(?:also\s+)?(?:among\s+)?(?:the\s+)?(?:[\w.'’-]+\s+){0,2}?"
    rf"{_EN_N}\s+(?:{_SUPERLATIVE}|top)\b",
    re.I,
)
_THE_N_WHERE = re.compile(
    rf"\b([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)['’]s\s+(?:[\w-]+\s+)?{_EN_N}\s+(?:{_SUPERLATIVE}|top)$"
)
_EN_THE_N_CUE = re.compile(rf"\b{_EN_N}\s+{_SUPERLATIVE}\b", re.I)
# a top N that names its members after it: "The top five universities … were A, B and C",
# "Other institutions in the top 10 include A, B …", "In the Top Ten are A, B …"
_EN_INTRO = re.compile(
    rf"\btop[\s-]+{_EN_N}\b(?!\s*(?:%|percent))(?:U\.S\.|[^.;:!?]){{0,80}}?"
    r"\b(?:include[sd]?|including)\b\s*[:,]?\s*(?:the\s+)?$"
    # "Joining Purdue in the top five were A and B", "Also in the top 10 are A and B"
    rf"|(?:\b(?:joining\b[^.;:!?]{{1,60}}?\bin|also in)|^\s*in)\s+the\s+top[\s-]+{_EN_N}\b"
    r"(?:U\.S\.|[^.;:!?]){0,60}?"
    r"\b(?:were|are)\s*[:,]?\s*(?:the\s+)?$",
    re.I,
)
# "前50名中，A、B、C榜上有名": the list's N before the names, its membership after them
_ZH_LISTED = re.compile(
    r"\s*(?:等(?:\d+所|[一二三四五六七八九十]+所)?(?:高校|大学)?)?\s*(?:均|都|也|同时)?(?:榜上有名|上榜|入榜|名列其中|位列其中|入选)"
)
_ZH_LIST_N = re.compile(
    rf"{_ZH_TOP}[)）]?(?:榜单|名单|榜|排行榜|的?高校|的?大学)?[)）]?(?:中|里|之中|之列)", re.I
)
# "前100名中，江苏省有A、B和C", "前20名的高校中，江苏高校有两所：A和B": members after the list's N
_ZH_HAS = re.compile(r"^[^。；;]{0,16}?(?:有|包括|是|为)[^。；;，,]{0,4}?[:：]?\s*$")
# a list's intro ("进入前50的中国高校还有", "共有15所中国高校进入前50") and where its members start
_ZH_INTRO = re.compile(
    # "位居…排行榜前二十的其他大学依次是": the members after the list's N
    rf"(?:进入|跻身|入选|入围|位列|位居|位于|排在|排名|排行|挤进|闯入|荣登|登上)[^，。；]{{0,24}}?{_ZH_TOP}"
    r"[^。；]{0,20}?(?:还有|包括|依次是|依次为|分别是|分别为|有)\s*[:：]?"
    # "…授权量前十名的高校有：A、B…": a top N with its members, no verb before it
    # (not "前十名依次为A、B…": a list in order gives places, not members)
    rf"|{_ZH_TOP}的?(?:高校|大学|院校|学校|教育机构)(?:还有|包括|有|是|为)\s*[:：]?",
    re.I,
)
_ZH_THEY = re.compile(
    r"^\s*(?:它们|这些(?:高校|大学|学校)|其中)?\s*(?:依次|分别)?(?:是|为)\s*[:：]"
)
_ZH_INTRO_PREVIOUS = re.compile(
    rf"(?:进入|跻身|入选|入围|位列|挤进|闯入)[^，。；]{{0,14}}?前\s*{_N}\s*(?:名|位|强)?"
    # "前50所高校中有14所中国大学。它们依次是：…"
    rf"|前\s*{_N}\s*(?:名|位|强)?(?:所|家)?的?(?:高校|大学|院校|教育机构)中"
)
# "2019年进入全球高校前50的A和B": the names right after the top N's 的
_ZH_OF = re.compile(
    rf"(?:进入|跻身|入选|入围|位列|位居|挤进|闯入|杀入|跨入)[^，。；,]{{0,24}}?{_ZH_TOP}的\s*$",
    re.I,
)
# members of a list named before: "上榜的高校有：", "入围高校为", and "N所高校上榜。它们是："
_ON_LIST = re.compile(
    r"(?:上榜|入围|入选|入榜|榜上有名)的?[^，。；:：]{0,8}?(?:高校|大学|学校|院校)?"
    r"(?:有|为|是|包括|分别是|分别为|依次是|依次为)\s*[:：]?\s*$"
)
_ON_LIST_BEFORE = re.compile(r"(?:上榜|入围|入选|入榜|榜上有名)")
# the N a list's name gives: "排行榜TOP100", "百强榜", "前100名榜单"
_LIST_TITLE_N = re.compile(
    rf"(?:榜|排行|名单)[^，。；]{{0,4}}?[(（]?\s*(?<![A-Za-z])TOP\s*{_N}"
    rf"|{_N}\s*强(?:榜|排行|名单)|前\s*{_N}\s*(?:名|位|强)?(?:榜单|排行榜|名单)"
    rf"|(?:榜|排行|排名|名单)\s*前\s*{_N}\s*(?:名|位|强)?"
    # "全球排名前50教育机构中，共有14所中国大学。…上榜的中国高校依次为：…"
    rf"|前\s*{_N}\s*(?:名|位|强)?(?:所|家)?的?(?:高校|大学|院校|教育机构)中",
    re.I,
)
# a list title that says among whom: "全球…教育机构", "全国高校"
_LIST_WHO = re.compile(r"(?:全球|世界|全国|国内|中国)[^，。；]{0,8}(?:教育机构|高校|大学|院校)")
# an intro to a top N of departments, disciplines, teams or companies: not universities' ranks
_NOT_UNIVERSITIES = re.compile(r"院系|二级学院|学科|专业|团队|课题组|企业|公司|发明人")
_OPEN = re.compile(r"\s*[(（]\s*")
_CLOSE = re.compile(r"\s*[)）]")
_SEP = re.compile(r"^\s*(?:[、,，]\s*|(?:和|及|与|以及|and|,\s*and)\s*)(?:the\s+)?$", re.I)


def member_ranks(sentences: list[Sentence], patent_list: bool) -> list[dict[str, Any]]:
    """A ``rank_top_n`` record for each member named with its list's N."""
    out: list[dict[str, Any]] = []
    earlier: list[str] = []  # the sentences before, nearest last
    patent = [False, False, False]  # whether each of the last three spoke of patents
    for s in sentences:
        text = s.text
        patent = [*patent[1:], bool(_PATENT.search(text))]
        # the list a paragraph speaks of may be named sentences before ("…专利转让排行榜发布。
        # 榜单显示，进入前100名的高校有…"); a sentence with no top-N word holds no member
        # unless it continues a list ("它们依次是：…")
        cue = _CUE.search(text) or _ZH_THEY.match(text) or _EN_THE_N_CUE.search(text)
        if cue and (patent_list or any(patent)):
            out += _members(text, s.start, earlier[-8:])
        earlier.append(text)
    return out


def _members(text: str, start: int, earlier: list[str]) -> list[dict[str, Any]]:
    previous = earlier[-1] if earlier else ""
    ents = [e for e in find_entities(text) if e.university and e.name]
    found: list[tuple[Entity, int, int]] = []  # (member, N, where the top N's words end)
    for run in _runs(text, ents):
        after = _ZH_AFTER.match(text, run[-1].end) or _EN_AFTER.match(text, run[-1].end)
        if after and len(run) >= 2:
            found += [(e, _value(after), after.end()) for e in run]
        elif len(run) >= 2 and (the_n := _EN_THE_N.match(text, run[-1].end)):
            # (the three most: three names; among the five most: fewer)
            n, among = _value(the_n), "among" in the_n.group(0).lower()
            found += [(e, n, the_n.end()) for e in run if n == len(run) or (among and n > len(run))]
        found += _listed(text, run) + _introduced(text, run)
        of = _ZH_OF.search(text[max(0, run[0].start - 40) : run[0].start])
        found += [(e, _value(of), 0) for e in run] if of else []
    intro = _ZH_INTRO.search(text)
    if intro is None and _ZH_THEY.match(text):
        intro = _ZH_INTRO_PREVIOUS.search(previous)
        listed_from = 0
    else:
        listed_from = intro.end() if intro else 0
    if intro is not None and not _NOT_UNIVERSITIES.search(intro.group(0)):
        n = _value(intro)
        named = [e for run in _runs(text, ents) if run[0].start >= listed_from for e in run]
        # the whole top N named in turn ("前5名的高校分别为：A、B、C、D、E") is the ranking's
        # own order (the list finders' places), not members of it
        found += [(e, n, 0) for e in named] if len(named) < n else []
    on_list, list_scope = _on_list(text, ents, earlier)
    found += on_list
    on_names = {e.name for e, _n, _end in on_list}
    seen: set[tuple[str | None, int]] = set()
    records = []
    for e, n, top_end in found:
        if 1 < n <= 500 and (e.name, n) not in seen:
            seen.add((e.name, n))
            rec = sentence_figure(str(e.name), "rank", n, "rank_top_n", text, start, member=True)
            year = _CLAUSE_YEAR.search(re.split(r"[，。；,;]", text[: e.start])[-1])
            if year:  # "此外，2019年进入前50的A和B则被挤出2020年前50名": the list of 2019
                rec["year"], rec["timed"] = int(year.group(1)), True
            elif top_end and (after := _YEAR_AFTER.match(text, top_end)):
                # "among the top 300 organizations … to receive patents … in 2011"
                rec["year"], rec["timed"] = int(after.group(1)), True
            scope = _scope(text, top_end, earlier, n)
            if e.name in on_names and list_scope:
                scope = list_scope  # the list's own among-whom: "全球排名前50教育机构中"
            if scope:  # said by the top N's own words: later steps keep it (rankpass.py)
                rec["scope"], rec["member"] = scope, "scoped"
            records.append(rec)
    return records


def _scope(text: str, top_end: int, earlier: list[str], n: int) -> str | None:
    """Among whom the members' top N is: the top N's own words ("the top five U.S.
    universities"), else those of the same top N in the sentence before ("ASU remains in the
    top 10 among universities nationwide. … joining other universities in the top 10, …")."""
    own = _top_scope(text, top_end) if top_end else None
    if own:
        return own
    where = _THE_N_WHERE.search(text, max(0, top_end - 60), top_end) if top_end else None
    if where:  # "the UK's three most prolific patent-filing universities"
        return normalise_scope(f"{where.group(1)} universities")
    for previous in reversed(earlier):
        for m in re.finditer(rf"\btop[\s-]+{_EN_N}\b", previous, re.I):
            scope = _top_scope(previous, m.end()) if _value(m) == n else None
            if scope:
                return scope
    return None


def _on_list(
    text: str, ents: list[Entity], earlier: list[str]
) -> tuple[list[tuple[Entity, int, int]], str | None]:
    """ "…排行榜TOP100发布。其中江苏上榜的高校有：A、B、C", "江苏有3所高校上榜。它们是：A、B":
    the universities on a list whose N its name gave (this sentence or up to four before)."""
    runs = _runs(text, ents)
    on = [
        r
        for r in runs
        if _ON_LIST.search(text[max(0, r[0].start - 30) : r[0].start])
        or (
            r is runs[0]
            and _ZH_THEY.match(text)
            and earlier
            and _ON_LIST_BEFORE.search(earlier[-1])
        )
    ]
    if not on:
        return [], None
    for where in [text[: on[0][0].start], *reversed(earlier[-4:])]:
        title = _LIST_TITLE_N.search(where)
        if title:
            named = where[max(0, title.start() - 12) : title.end() + 8]
            scope = normalise_scope(named) if _LIST_WHO.search(named) else None
            return [(e, _value(title), 0) for r in on for e in r], scope
    return [], None


def _listed(text: str, run: list[Entity]) -> list[tuple[Entity, int, int]]:
    """ "前50名中，A、B、C榜上有名", "前100名中，江苏省有A、B": members named after a list's N."""
    lead = text[max(0, run[0].start - 40) : run[0].start]
    ns = list(_ZH_LIST_N.finditer(lead))
    if not ns or re.search(r"[。；;]", lead[ns[-1].end() :]):
        return []
    if _ZH_LISTED.match(text, run[-1].end) or _ZH_HAS.match(lead[ns[-1].end() :]):
        return [(e, _value(ns[-1]), 0) for e in run]
    return []


def _introduced(text: str, run: list[Entity]) -> list[tuple[Entity, int, int]]:
    """ "The top five … were A, B and C", "In the Top Ten are A, B": the run right after an
    English top N that introduces its members."""
    offset = max(0, run[0].start - 200)  # from the sentence start for "In the top ten are"
    intro = _EN_INTRO.search(text[offset : run[0].start])
    if intro is None or "order" in intro.group(0).lower():
        return []
    # the whole top N named in turn is the ranking's own order, not members; unless the text
    # says it names members ("The top 15 universities worldwide ranked include: A, B, …")
    n, include = _value(intro), bool(re.search(r"includ", intro.group(0), re.I))
    if len(run) > n or (len(run) == n and not include):
        return []
    top = re.search(r"\btop[\s-]+\w+", intro.group(0), re.I)
    top_end = offset + intro.start() + (top.end() if top else 0)
    return [(e, n, top_end) for e in run]


# "入选…前100名榜单", "进入…前50名的高校行列": the subject entered the list, whose name after
# the top N does not make N the list's size
_JOINS_LIST = re.compile(
    r"(?:进入|跻身|入选|入围|位列|挤进|闯入|杀入|跨入|迈入|挺进|排进|荣登|登上)[^，。；,;]{0,26}?"
    rf"{_ZH_TOP}的?(?:高校|大学|院校|教育机构)?(?:名单|榜单|行列|之列|阵营|榜)"
    # "是…前50的高校之一": one of the top 50
    rf"|{_ZH_TOP}的?[^，。；,]{{0,8}}?之一",
    re.I,
)


def joins_list(window: str) -> bool:
    """Whether the top N in ``window`` is one its subject entered (read by context.py)."""
    return bool(_JOINS_LIST.search(window))


def merge_members(
    found: list[dict[str, Any]], members: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The members no finder read; a figure another finder also read ("A、B、C等3所高校…进入
    前100名": C is the nearest name) is marked a member's, so later steps treat it as one."""
    key = {(r["start"], r["institution"], float(r["value"]), r["unit"]): r for r in found}
    # the sentence engine's reading of the same top N knows the sentence's year ("去年")
    timed = {(r["start"], float(r["value"]), r["unit"]): r for r in found if r.get("year")}
    new = []
    for m in members:
        same = key.get((m["start"], m["institution"], float(m["value"]), m["unit"]))
        if same is None:
            top = timed.get((m["start"], float(m["value"]), m["unit"]))
            if top is not None and not (m.get("year") or m.get("period")):
                m["year"], m["period"] = top["year"], top.get("period")
            new.append(m)
        else:
            same["member"] = m["member"]
            if m.get("timed"):  # the year written in the members' own clause
                same["year"], same["period"], same["timed"] = m["year"], None, True
            same["scope"] = m["scope"] if m["member"] == "scoped" else same.get("scope")
    return new


def opens_list(rec: dict[str, Any], sentence: str, pos: int) -> bool:
    """A top N that opens its list ("前十位的中国高校是：A、B…": the list's size, rules §7,
    read by rankpass.py); a member named after it (one of ours) is in the top N."""
    return (
        rec["unit"] == "rank_top_n"
        and not rec.get("member")
        and bool(LIST_INTRO.match(sentence, pos))
    )


def _runs(text: str, ents: list[Entity]) -> list[list[Entity]]:
    """Names written one after another, separated only by 、 , 和 and."""
    runs: list[list[Entity]] = []
    for e in ents:
        gap = text[runs[-1][-1].end : e.start] if runs else None
        if gap is not None and e.name == runs[-1][-1].name and _OPEN.fullmatch(gap):
            # "Wisconsin Alumni Research Foundation (WARF), …": the name's own abbreviation
            close = _CLOSE.match(text, e.end)
            runs[-1][-1] = replace(runs[-1][-1], end=close.end() if close else e.end)
        elif gap is not None and (_SEP.match(gap) or _bracketed_place(gap)):
            runs[-1].append(e)
        else:
            runs.append([e])
    return runs


def _bracketed_place(gap: str) -> bool:
    """ "(第四)、": a member's own place between two members."""
    return bool(re.fullmatch(r"\s*[(（][^()（）]{1,12}[)）]\s*[、,，]?\s*(?:和|及|与)?\s*", gap))


def _value(m: re.Match[str]) -> int:
    raw = next(g for g in m.groups() if g)
    if raw.isdigit():
        return int(raw)
    if raw.lower() in WORDS:
        return int(WORDS[raw.lower()])
    if raw == "百":  # 百强: the top 100
        return 100
    return int(cn_value(raw) or 0)


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
