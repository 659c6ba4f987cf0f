"""Finders for figures that come in lists: one institution, one figure, many times.

Each finder takes a sentence (simplified text, with its offsets) and the names found
in it, and returns ``(institution, metric, value, unit, start)`` tuples; the caller adds
year, period, scope and evidence. The classes, each a general phrasing:

* **numbered lists** — a line "12. Some University" in an article about a ranking;
* **"Name is No. N"** — "X is No. 4", "X at No. 6", "X ranked No. 11";
* **bracketed counts** — "A(58件)、B(31件)和C(30件)", "A (234 patents), B (154)";
* **Chinese name + count** — "清华大学8002件、浙江大学7764件";
* **respectively / 分别** — names paired in order with the figures after them
  ("A和B分别以71项和64项专利排名第26和第29", "ranked No. 6, No. 7 … respectively").
"""

from __future__ import annotations

import re

from core.metrics.entities import Entity, find_entities
from core.metrics.gates import gate_tables
from core.metrics.numbers import ORDINAL_WORDS, bare_year, cn_value
from core.metrics.vocab import INVENTION_PATENTS, count_metric

Found = tuple[str, str, float, str, int]  # institution, metric, value, unit, position

# 位居/位列 after two or more names pairs them too ("A(231件)和B(209件)位居第四和第五位")
_RESPECTIVELY = re.compile(r"分别|分居|分列|依次|依序|位居|位列|名列|respectively")
_CLAUSE = re.compile(r"[,，;；。]")
_SEMI = re.compile(r"[;；。]")
_CLAUSE_NOT_RANK = re.compile(r"[,，;；。](?!\s*第)")
_GROUP_TOP = re.compile(
    r"(?:位居|位列|进入|跻身|均居|均列)[^，。；,]{0,8}?前\s*(\d+|[一二三四五六七八九十]+)\s*(?:名|位|强)?"
    r"|\b(?:are|were|remain|remained) (?:all )?(?:among|in) the top (\d+)\b"
)
# "It is No. 91", "The university ranked No. 12": the article's own institution
_PRONOUN = re.compile(
    r"^\s*(?:It|The (?:university|school|college))\s+(?:(?:is|was|ranks|ranked)(?:\s+at)?"
    # "The university moved up 12 spots to No. 25": the place it moved to
    r"|(?:rose|moved|climbed|jumped|fell|dropped|slipped)\b[^.;,]{0,30}?\bto)\s*$"
)
# "It was seventh among A, and No. 16 among B": a second scope's rank of the same subject
_CONTINUES = re.compile(
    r"(?:\d(?:st|nd|rd|th)|\b(?:" + "|".join(ORDINAL_WORDS) + r")|No\.?\s*\d{1,3})\b"
    r"\s+(?:among|in)\s[^.;]{0,80}[,;]\s*(?:and\b\s*)?$",
    re.I,
)
_NUMBERED = re.compile(r"^\s*(\d{1,3})[.)、]\s+(\S.*)$")
_NO_N = re.compile(r"(?:\bis|\bat|\branked|\branks|\bwas|\bcame in at)?\s*No\.?\s*(\d{1,3})\b")
# "Tsinghua University in Beijing (230)": where the university is may come before its bracket;
# ", which came in 16th (93)": so may its place in the list
_BRACKET = re.compile(
    r"^(?:\s+in\s+(?-i:[A-Z][\w.]*)(?:\s+(?-i:[A-Z][\w.]*))?"
    r"|\s*,\s*which\s+(?:came|ranked|finished|placed)\s+(?:in\s+)?(?:at\s+)?\d{1,3}(?:st|nd|rd|th))?"
    r"\s*[(（]\s*([\d,]+)\s*(件|项|patents?|applications?)?\s*[)）]",
    re.I,
)
_BRACKET_RANK = re.compile(
    r"^\s*[(（]\s*(?:第|No\.\s*|#)?\s*(\d{1,3})\s*(?:名|位)?\s*[)）](?<=名[)）]|位[)）])"
)
_ZH_COUNT = re.compile(r"^\s*(?:以)?\s*(\d[\d,]*)\s*(件|项)")
_NUM = r"(\d+|[一二三四五六七八九十百]+)"
_ZH_RANKS = re.compile(rf"第?{_NUM}(?:位|名)?(?:[、和及,，]\s*第?{_NUM}(?:位|名)?)+|前(两|二|三)名")
_EN_ORD = re.compile(
    r"\b(\d{1,3})(?:st|nd|rd|th)\b|\b(" + "|".join(ORDINAL_WORDS) + r")\b|No\.?\s*(\d{1,3})",
    re.I,
)


# "2012年—2014年的榜首分别是A、B、C": one first place a year, in the order of the years
_YEARLY_FIRSTS = re.compile(
    r"((?:19|20)\d\d)\s*年?\s*[—–\-~至到]+\s*((?:19|20)\d\d)\s*年?(?:度)?的?[^，。；,;]{0,12}?"
    r"(?:榜首|第一名?|首位|冠军)(?:位置|的位置)?(?:分别|依次|依序)(?:是|为)"
)
# "蝉联了2020年的榜首": the first place of that year, held by the name before it
_HELD_FIRST = re.compile(
    r"(?:蝉联|保持|夺得|摘得)了?((?:19|20)\d\d)\s*年(?:度)?的?(?:榜首|第一名?|首位|冠军|桂冠)"
)


def yearly_firsts(sentence: str, entities: list[Entity]) -> list[tuple[Found, int]]:
    """First places by year: "Y1年—Y2年的榜首分别是A、B、C" gives A Y1, B Y1+1, C Y1+2 (no more
    names than years, else the pairing is not one a year), "蝉联了Y年的榜首" gives Y."""
    out: list[tuple[Found, int]] = []
    if "年" not in sentence:
        return out
    for m in _YEARLY_FIRSTS.finditer(sentence):
        first, last = int(m.group(1)), int(m.group(2))
        end = _CLAUSE.search(sentence, m.end())
        stop = end.start() if end else len(sentence)
        names = _first_run(sentence, [e for e in entities if m.end() <= e.start < stop])
        if 2 <= len(names) <= last - first + 1:
            out += [
                ((e.name or "", "rank", 1.0, "rank", e.start), first + i)
                for i, e in enumerate(names)
            ]
    for m in _HELD_FIRST.finditer(sentence):
        owner = _nearest_before(entities, m.start())
        if owner is not None:
            out.append(((owner.name or "", "rank", 1.0, "rank", m.start()), int(m.group(1))))
    return out


def _first_run(sentence: str, names: list[Entity]) -> list[Entity]:
    """The names of the first list: joined by commas, 、, 和, and."""
    run = _last_run(sentence, names[:1])
    for e in names[1:]:
        if len(_last_run(sentence, [*run, e])) != len(run) + 1:
            break
        run.append(e)
    return [e for e in run if e.university and e.name]


def numbered_line(line: str, entities: list[Entity]) -> list[Found]:
    """'12. Purdue University' → rank 12 of the name that opens the line."""
    m = _NUMBERED.match(line)
    if not m or not entities:
        return []
    first = entities[0]
    if not first.university or first.name is None or first.start > m.start(2) + 4:
        return []
    return [(first.name, "rank", float(m.group(1)), "rank", first.start)]


def no_n(sentence: str, entities: list[Entity]) -> list[Found]:
    """'Harvard is No. 11 and UMass is No. 28': each 'No. N' belongs to the name just before it."""
    out: list[Found] = []
    if "no" not in sentence.lower():  # every "No. N" holds it; most sentences do not
        return out
    for m in _NO_N.finditer(sentence):
        owner = _nearest_before(entities, m.start())
        # the words before "No.", with the verb the pattern took ("It is No. 91")
        lead = sentence[: m.start(1)].rstrip().removesuffix("No.").removesuffix("No").rstrip()
        if owner is not None and _only_name_between(sentence, owner, m.start()):
            out.append((owner.name or "", "rank", float(m.group(1)), "rank", m.start()))
        elif _CONTINUES.search(lead) and re.match(
            r"\s+(?:among|in)\s", sentence[m.end() :]
        ):  # the subject of the rank just before it
            name = owner.name if owner is not None else ""
            out.append((name or "", "rank", float(m.group(1)), "rank", m.start()))
        elif owner is None and _PRONOUN.search(lead):
            out.append(("", "rank", float(m.group(1)), "rank", m.start()))  # the article's own
    return out


def bracketed_counts(sentence: str, entities: list[Entity], metric: str) -> list[Found]:
    """'A(58件)、B(31件)' / 'MIT (234 patents), UT (154)': the count right after each name."""
    out: list[Found] = []
    for e in entities:
        if not e.university or e.name is None:
            continue
        place = _BRACKET_RANK.match(sentence[e.end :])  # "A(23名)、B(48名)": places
        if place:
            out.append((e.name, "rank", float(place.group(1)), "rank", e.end))
            continue
        m = _BRACKET.match(sentence[e.end :]) or _ZH_COUNT.match(sentence[e.end :])
        if m:
            out.append((e.name, metric, float(m.group(1).replace(",", "")), "count", e.end))
    counts = [f for f in out if f[3] == "count"]
    return out + (_unnamed_entries(sentence, entities, metric, counts) if len(counts) >= 2 else [])


# "…, Columbia (112), Caltech (103), and Penn (94)": an entry of a list of university counts
_ENTRY_EN = re.compile(
    r"(?:^|[,;:]\s*|\band\s+)(?:the\s+)?([A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})"
    r"\s*\(\s*(\d[\d,]*)\s*(?:patents?|applications?)?\s*\)"
)


def _unnamed_entries(
    sentence: str, entities: list[Entity], metric: str, counts: list[Found]
) -> list[Found]:
    """Entries of a "Name (count)" list whose name the registry does not know: in a list of
    two or more universities' counts, the others are universities too (named as written)."""
    taken = {f[4] for f in counts}
    known = find_entities(sentence)  # companies and countries too: those are not entries
    first = min(f[4] for f in counts)
    out: list[Found] = []
    for m in _ENTRY_EN.finditer(sentence):
        if m.start(1) < first or m.end(1) in taken:
            continue  # before the list's first university, or one it has already
        if any(e.start < m.end(1) and m.start(1) < e.end for e in known):
            continue
        out.append((m.group(1), metric, float(m.group(2).replace(",", "")), "count", m.end(1)))
    return out


def respective_names(
    sentence: str, m: re.Match[str], entities: list[Entity]
) -> tuple[int, list[Entity], bool]:
    """(where the names' clause starts, the run of names a 分别/respectively at ``m`` pairs in
    order, whether they were carried from an earlier clause of the sentence)."""
    # 分别 governs its clause; "respectively" closes a list that may span commas
    bounds = _CLAUSE if m.group(0) != "respectively" else _SEMI
    clause_start = max((x.end() for x in bounds.finditer(sentence, 0, m.start())), default=0)
    names = [
        e
        for e in entities
        if e.university and e.name and e.end <= m.start() and e.start >= clause_start
    ]
    names = _last_run(sentence, names)
    carried = m.group(0) != "respectively" and not names
    if carried:
        # "A和B表现强劲，…，在教育机构中分别排名第43和45": a clause without names
        # continues the sentence's subjects with its places (one place for each)
        before = [e for e in entities if e.university and e.name and e.end <= m.start()]
        names = _last_run(sentence, before)
    return clause_start, names, carried


def respectively(sentence: str, entities: list[Entity], metric: str) -> list[Found]:
    """Names before 分别/respectively paired in order with the counts and ranks after it."""
    out: list[Found] = []
    for m in _RESPECTIVELY.finditer(sentence):
        clause_start, names, carried = respective_names(sentence, m, entities)
        zh = m.group(0) != "respectively"
        if len(names) < 2:
            continue
        if zh:  # to the clause's end; "第二名，第三名" continues it
            nxt = _CLAUSE_NOT_RANK.search(sentence, m.end())
            base, tail = m.end(), sentence[m.end() : nxt.start() if nxt else len(sentence)]
        else:
            base, tail = names[-1].end, sentence[names[-1].end : m.start()]
        own = _carried_metric(sentence, names[0].start, clause_start, m.start(), metric)
        found = _pair(names, tail, base, own if carried else metric)
        if not zh and not any(f[3] == "count" for f in found):
            # "A and B, the second and third, have respectively 1,900 and 1,800 applications":
            # the counts written after the word
            end = _SEMI.search(sentence, m.end())
            after = sentence[m.end() : end.start() if end else len(sentence)]
            found += [f for f in _pair(names, after, m.end(), metric) if f[3] == "count"]
        out += found
    return out


_KINDS = {
    "patent_applications": "invention_patent_applications",
    "patents_granted": "invention_patents_granted",
}


def _carried_metric(sentence: str, names_start: int, start: int, at: int, metric: str) -> str:
    """What the counts of a clause without names are ("A、B和C，专利数量分别是464件、411件和
    379件"): its own words', else the words before the names ("发明专利数量排在前三位的是"),
    else the paragraph's; invention patents where the words before the names say so."""
    before = sentence[:names_start]
    kind = count_metric(sentence[start:at], "") or count_metric(before, "") or metric
    return _KINDS.get(kind, kind) if INVENTION_PATENTS.search(before) else kind


_SUM_AFTER = re.compile(
    r"(?:\.\d+)?\s*(?:(?:million|billion|thousand|KRW|won|yuan|RMB|dollars|euros|pounds)\b|万元|亿元|元)",
    re.I,
)


def _pair(names: list[Entity], tail: str, base: int, metric: str) -> list[Found]:
    counts = [
        (float(c.group(1).replace(",", "")), c.start())
        for c in re.finditer(r"(\d[\d,]*)\s*(?:件|项|patents?|applications?)?", tail)
        if not re.match(r"\s*(?:st|nd|rd|th|位|名|%|percent|个百分点|\.\d)", tail[c.end() :])
        and not re.search(r"(?:第|No\.?\s*|\d[.,]?|\d{4}\s*[-–/]|[$€£¥])$", tail[: c.start()])
        # a sum ("372.6 billion KRW and 226.8 KRW, respectively") is no count
        and not _SUM_AFTER.match(tail, c.end())
        and not bare_year(c.group(0).rstrip(", "))  # "… 145 and 130 patents in 2021, respectively"
    ]
    ranks = _ranks_in(tail)
    out: list[Found] = []
    if len(counts) == len(names):
        out += [
            (n.name or "", metric, v, "count", base + p)
            for n, (v, p) in zip(names, counts, strict=True)
        ]
    if len(ranks) == len(names):
        out += [(n.name or "", "rank", v, "rank", base) for n, v in zip(names, ranks, strict=True)]
    return out


_ORD_EN = r"(?:No\.\s*)?(?:\d{1,3}(?:st|nd|rd|th)|" + "|".join(ORDINAL_WORDS) + r")"
# "A and B … ranking 3rd and 5th", "A and B took sixth and eighth places": in order, as if
# "respectively" were written (two names, two ordinals side by side)
_PAIRED_EN = re.compile(
    rf"\b(?:rank(?:s|ed|ing)?|plac(?:ed|ing)|c(?:ame|oming) in|t(?:ook|aking)|finish(?:ed|ing)"
    rf"|are|were|stood|stand)\s+"
    rf"(?:the\s+)?{_ORD_EN}(?:\s*(?:,|and|,\s*and)\s+(?:the\s+)?{_ORD_EN})+\b",
    re.I,
)


def paired_ordinals(sentence: str, entities: list[Entity], metric: str) -> list[Found]:
    """Names joined by "and" before side-by-side ordinals are paired with them in order, and
    with the counts after them when there are as many ("with 160 and 133 applications")."""
    out: list[Found] = []
    if " and " not in sentence:
        return out
    for m in _PAIRED_EN.finditer(sentence):
        before = [e for e in entities if e.university and e.name and e.end <= m.start()]
        names = _last_run(sentence, before)
        if len(names) < 2 or re.search(r"[;.]", sentence[names[-1].end : m.start()]):
            continue
        if "respectively" in sentence[m.end() :].lower():
            continue  # the respectively finder pairs these
        end = _SEMI.search(sentence, m.end())
        tail = sentence[names[-1].end : end.start() if end else len(sentence)]
        out += _pair(names, tail, names[-1].end, metric)
    return out


def group_top_n(sentence: str, entities: list[Entity]) -> list[Found]:
    """ "A、B、C及D专利总数位居全国前10", "A, B and C are among the top 10": each is in the top N."""
    out: list[Found] = []
    for m in _GROUP_TOP.finditer(sentence):
        names = _last_run(
            sentence, [e for e in entities if e.university and e.name and e.end <= m.start()]
        )
        if len(names) < 2 or re.search(r"[,，;；。]", sentence[names[-1].end : m.start()]):
            continue
        if m.start() - names[-1].end > 16:
            continue
        raw = m.group(1) or m.group(2)
        n = float(raw) if raw.isdigit() else (cn_value(raw) or 0)
        out += [(e.name or "", "rank", n, "rank_top_n", m.start()) for e in names if n]
    return out + _tied(sentence, entities)


# "Zhejiang University and Tianjin University tied for third place", "A和B并列第三": one
# shared place, each name's
_TIED = re.compile(
    r"\btied for (?:the\s+)?(?:(\d{1,3})(?:st|nd|rd|th)|(" + "|".join(ORDINAL_WORDS) + r"))\b"
    r"|并列(?:全国|全省|全球)?[^，。；,]{0,6}?第\s*(\d{1,3}|[一二三四五六七八九十]+)\s*(?:名|位)?",
    re.I,
)


def _tied(sentence: str, entities: list[Entity]) -> list[Found]:
    """Names joined by and/和/、 right before a shared place each hold that place."""
    out: list[Found] = []
    for m in _TIED.finditer(sentence):
        names = _last_run(
            sentence, [e for e in entities if e.university and e.name and e.end <= m.start()]
        )
        if len(names) < 2 or m.start() - names[-1].end > 16:
            continue
        if re.search(r"[,，;；。]", sentence[names[-1].end : m.start()]):
            continue
        raw = m.group(1) or m.group(2) or m.group(3)
        if raw.isdigit():
            n = float(raw)
        else:
            n = float(ORDINAL_WORDS.get(raw.lower(), 0) or cn_value(raw) or 0)
        out += [(e.name or "", "rank", n, "rank", m.start()) for e in names if n]
    return out


# "进入教育机构排名前10的中国高校还有A、B、C": each name after it is in the top N
_TOP_MEMBERS = re.compile(
    r"(?:进入|跻身|入围|入选|位列|位居)[^，。；,;]{0,12}?前\s*(\d+|[一二三四五六七八九十百]+)\s*(?:名|位|强)?"
    r"的?[^，。；,;:：]{0,8}?(?:还有|包括|有)[:：]?"
)


def top_members(sentence: str, entities: list[Entity]) -> list[Found]:
    """Members named after a top N ("…前10的高校还有A、B、C"); a bare "前十位的高校是：" is
    the list's own order, read elsewhere, so only "还有/包括/有" introduce members."""
    out: list[Found] = []
    for m in _TOP_MEMBERS.finditer(sentence):
        raw = m.group(1)
        n = float(raw) if raw.isdigit() else (cn_value(raw) or 0)
        end = _CLAUSE.search(sentence, m.end())
        stop = end.start() if end else len(sentence)
        names = _first_run(sentence, [e for e in entities if m.end() <= e.start < stop])
        if n and names and names[0].start - m.end() <= 2:
            out += [(e.name or "", "rank", n, "rank_top_n", m.start(1)) for e in names]
    return out


def colon_list(text: str, entities: list[Entity], metric: str) -> list[Found]:
    """A "name / count" list: "Stanford University, United States" then "…patents in 2016: 244".

    Each "…: N" belongs to the last name before it that has no count yet; only a run of
    three or more such values is a list (one colon and a number is just a sentence).
    """
    # (not a time "10:30", a decimal, or a year or span of years: "as follows: 2014-2015")
    values = [
        m
        for m in re.finditer(r":\s*(\d[\d,]*)\b(?!\s*[:.]\d)(?!\s*[-–/]\s*\d)", text)
        if not re.fullmatch(r"(?:19|20)\d\d", m.group(1))
    ]
    if len(values) < 3:
        return []
    out: list[Found] = []
    taken: set[int] = set()
    counted: set[str] = set()  # a list names each member once: a name said again is prose
    for m in values:
        owner = next(
            (e for e in reversed(entities) if e.end <= m.start() and e.start not in taken), None
        )
        if owner is None or not owner.university or not owner.name or owner.name in counted:
            continue
        taken.add(owner.start)
        counted.add(owner.name)
        out.append((owner.name, metric, float(m.group(1).replace(",", "")), "count", m.start(1)))
    return out


def _ranks_in(tail: str) -> list[float]:
    zh = _ZH_RANKS.search(tail)
    if zh:
        if zh.group(0).startswith("前"):  # 分居…前两名: first and second
            return [float(i) for i in range(1, int(cn_value(zh.group(3)) or 0) + 1)]
        return [v for v in (cn_value(x) or _int(x) for x in re.findall(_NUM, zh.group(0))) if v]
    vals = []
    for m in _EN_ORD.finditer(tail):
        if m.group(1) or m.group(3):
            vals.append(float(m.group(1) or m.group(3)))
        elif m.group(2):
            vals.append(float(ORDINAL_WORDS[m.group(2).lower()]))
    return vals


def _int(text: str) -> float | None:
    return float(text) if text.isdigit() else None


def _last_run(sentence: str, names: list[Entity]) -> list[Entity]:
    """The names of the last list before the keyword: joined by commas, 、, 和, and."""
    run: list[Entity] = []
    for e in names:
        if run and not re.fullmatch(
            r"\s*(?:[(（][^()（）]{0,15}[)）])?\s*(?:以\s*[\d,]+\s*(?:件|项|个)?)?"
            r"\s*(?:[,，、]|和|及|与|以及|and|,\s*and)\s*(?:the\s+)?"
            # "位于山东省的A和位于广东省的B": where each is, said before its name
            r"(?:(?:位于|来自|地处)[^，,、。；和与及]{1,8}?的)?",
            sentence[run[-1].end : e.start],
        ):
            run = []
        run.append(e)
    return run


def _nearest_before(entities: list[Entity], pos: int) -> Entity | None:
    before = [e for e in entities if e.end <= pos and e.university and e.name]
    return before[-1] if before else None


def _only_name_between(sentence: str, owner: Entity, pos: int) -> bool:
    gap = sentence[owner.end : pos]
    return len(gap) < 40 and not re.search(r"[,;，；]|\band\b", gap)


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
