"""The rank pass: what the article as a whole says about the ranks the finders found.

A rank is read from its sentence, but some of what it means is written around it:

* **basis** — what is ranked is named in the rank's own clause ("以3663件外观专利位居第三":
  design patents); two first places by total and by design patents are two figures, so a
  basis read there also keeps the two apart in the dedup step;
* **one rank per figure** — "以发明专利申请2577件、授权1454件，双双位居第2位" ranks both
  figures: one rank per kind of figure, each with its own basis (rules §5);
* **the clause's time** — "并以截至2015年底有效专利3896件居第4位": a rank whose own clause
  says "as of" is of that date, not of the year the sentence named first;
* **restated top-N** — a headline's "top 10" restates the body's "No. 9" (rules §3): the
  top-N goes, but only when it is the headline's or sits in the exact rank's paragraph
  (a top 10 by total patents and, further on, a first place by design patents are two figures).

Records here are the extractor's dicts after the context step (offsets into the original
text, ``evidence`` its sentence, traditional characters as written).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from core.chinese import to_simplified
from core.institutions import lookup
from core.metrics.entities import find_entities
from core.metrics.numbers import ORDINAL_WORDS
from core.metrics.scopes import LABELS, scope_class

# (basis, words): what a rank ranks, by the words of its clause; narrow rows first
BASES: tuple[tuple[str, str], ...] = (
    (
        "invention_patent_applications",
        r"发明专利申请|申请发明专利|invention (?:patent )?applications?",
    ),
    (
        "invention_patents_granted",
        r"发明专利授权|授权发明专利|granted invention|invention patents? granted",
    ),
    ("valid patents held", r"有效(?:发明)?专利|拥有量|patents? held|valid patents?"),
    ("patents_granted", r"专利授权量|授权量|授权专利|patents? granted|granted patents"),
    ("patent_applications", r"专利申请|申请量|patent applications?|patent filings?"),
    ("utility model patents", r"实用新型|utility models?"),
    ("design patents", r"外观|design patents?"),
    ("pct_applications_published", r"PCT|国际专利申请|international (?:patent )?applications?"),
    ("patents_transferred", r"转让|转化|转移|许可|transfer|licens"),
    ("invention patents", r"发明专利|invention patents?"),
    ("patents (total)", r"专利总数|专利总量|专利数量|total (?:number of )?patents"),
)
_BASES = [(name, re.compile(words, re.I)) for name, words in BASES]
_CLAUSE = re.compile(r"[,，;；。:：]")
_EACH = re.compile(r"双双|均|都|皆|\bboth\b|\beach\b", re.I)
_AS_OF = re.compile(r"截至|截止|as of\b|up (?:till|to) now", re.I)
_ZH_DIGITS = "零一二三四五六七八九"
_N_OR_MORE = ("一", "两|二|2", "三|3", "四|4", "五|5", "六|6", "七|7", "八|8", "九|9", "十|10")
# a counted group says who ranks, not among whom ("3所江苏高校")
_NAMED = re.compile(
    r"[\d一二三四五六七八九十两]+所[^，。；、]{0,6}?(?:高校|大学)|等[^，。；、\d]{0,6}?(?:高校|大学|院校)"
)
_ZH_VERB = re.compile(r"位居|位列|名列|分居|分列|排名|排在|跻身|进入|居|列|为|是|达|获")
_ORDINAL_NAMES = {v: k for k, v in ORDINAL_WORDS.items()}
# the subject of a rank's clause is a group of several ("这两所高校", "两校", "both schools")
_GROUP_SUBJECT = re.compile(
    r"^\s*(?:毕竟|而且|并且|其中|但)?\s*(?:这|该|上述)(?:两|二|几|些|[三四五六七八九十\d]+)所?(?:高校|大学|学校)?"
    r"|^\s*(?:两校|二者|两者)|^\s*(?:both|these|the two) (?:universities|schools|institutions)\b",
    re.I,
)
_INTRO_EN = re.compile(
    r"\btop\s+(?:\d{1,3}|ten|twenty|fifty|hundred)\s+([^:;.]{3,40}?)\s+(?:include[sd]?|are|were)\s*:",
    re.I,
)
# a counted group before a top N is how many made the list, not one's rank
_COUNTED = re.compile(
    r"(?:\d+|[一二三四五六七八九十两]+)\s*(?:所|家|个)[^，。；]{0,8}?(?:高校|大学|院校|学校)"
    r"|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty)"
    r"\s+(?:[A-Z][\w.-]*\s+)*(?:universities|institutions|schools|colleges)\b",
    re.I,
)
_OWNER_END = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:大学|学院)\s*[(（]?\s*$")
_ZH_PLACE = re.compile(r"\d{1,3}\s*[名位强]")
# composite rankings named at the rank itself (rules §7: their ranks are not patent ranks)
_COMPOSITE_AT = re.compile(
    r"(?-i:\bQS\b|\bTHE (?:World|Asia))|Times Higher|U\.S\. News|\bARWU\b|Shanghai Ranking|Nature Index"
    r"|most innovative|innovation (?:index|ranking)|软科|泰晤士|自然指数|综合排名|创新(?:能力|指数|力)",
    re.I,
)
# an article about a composite ranking keeps only the ranks of paragraphs about patents,
# unless it names a patent ranking itself
_PATENT_LIST = re.compile(
    r"\bNAI\b|National Academy of Inventors|USPTO|Patent and Trademark Office|\bWIPO\b|\bPCT\b"
    r"|patents? (?:list|ranking)|专利[^，。；]{0,8}(?:排行|排名|榜)|專利[^，。；]{0,8}(?:排行|排名|榜)",
    re.I,
)
_PATENT_WORD = re.compile(r"patent|licen|专利|專利|知识产权|知識產權|发明|發明", re.I)
_LAST_YEAR = re.compile(
    r"去年|上年|上一年|\blast year\b|\bthe previous year\b|\ba year earlier\b", re.I
)
_YEAR_AFTER = re.compile(
    r"(?:No\.\s*)?\d{1,3}(?:st|nd|rd|th)?(?:\s+(?:place|position|spot))?\s+in\s+((?:19|20)\d\d)\b",
    re.I,
)
# a year right before 第N that does not close a span ("2012年—2014年的榜首" is three years)
_YEAR_BEFORE = re.compile(r"(?<![—–\-~至到\d])(?<![—–\-~至到]\s)((?:19|20)\d\d)\s*年(?:度)?的?\s*$")
_AMONG_LEAD = re.compile(r"^\s*(?:Among|Of all|Of the)\s+([^,;.]{3,60}),", re.I)
_UP_FROM = re.compile(
    r"\b(?:up|down|rising|falling|climbing|dropping|improving)\s+from\s+(?:No\.\s*)?$"
    r"|(?:由|从)(?:(?:19|20)\d\d年(?:的)?)?$",
    re.I,
)
_LIST_INTRO = re.compile(
    r"前\s*\S{1,3}?\s*[名位强]?(?:的[^，,。；;]{0,8}?(?:高校|大学|院校|教育机构|机构|单位))?的?"
    r"(?:分别|依次|依序)?(?:是|为|有|包括)"
)
_AFTER_TOP = re.compile(
    r"前\s*\S{1,3}?\s*[名位强]?的([^，,。；;:：]{2,10}?(?:高校|大学|院校|教育机构))"
)
# words by which a sentence says among whom its ranks are (its own scope, not a carried one)
_SCOPE_HINT = re.compile(
    r"\bamong\s|\b(?:in|of) the (?:world|nation|country)\b|\bworldwide\b|\bnationwide\b"
    r"|\boverall\b|\bglobal(?:ly)?\b|在[^，。；在]{2,16}?中|全国|全球|世界|国内|全省|省内|省属"
    r"|[^\s，。；、]{1,4}(?:高校|教育机构)",
    re.I,
)


def settle_ranks(records: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """``records`` with the article-level rank rules applied (see the module's list)."""
    out: list[dict[str, Any]] = []
    stated: set[int] = set()  # ids of the ranks whose sentence says among whom
    intros: list[dict[str, Any]] = []
    last_year: list[dict[str, Any]] = []
    prior: list[dict[str, Any]] = []
    for rec in records:
        if rec["metric"] != "rank":
            out.append(rec)
            continue
        sentence = to_simplified(rec["evidence"])
        pos = _token(sentence, rec["value"])
        clause = _clause_of(sentence, pos) if pos is not None else ""
        if _GROUP_SUBJECT.search(clause):
            continue  # "…，这两所高校位居前三": a group's rank, not the nearest name's
        if rec["unit"] == "rank_top_n" and _COUNTED.search(clause):
            continue  # "there are 14 Chinese universities in the top 50": a count (rules §7)
        if pos is not None and _composite_at(sentence, clause, pos):
            continue  # "ranked 40th in the QS World University Rankings": not a patent rank
        if pos is not None and _of_last_year(sentence, clause, pos):
            last_year.append(rec)
        local = pos is not None and _local_scope(rec, sentence, pos)
        local = local or _sentence_scope(rec, sentence, pos)
        if pos is not None and _UP_FROM.search(sentence, 0, pos):
            prior.append(rec)  # "15th, up from 22nd in 2018": the same ranking's earlier place
        if pos is not None and rec["unit"] == "rank_top_n" and _LIST_INTRO.match(sentence, pos):
            # "前十位的中国高校是：A、B…": the list's size, not a rank (rules §7), but the
            # scope of the ranks that follow
            intros.append({**rec, "metric": "list"})
            stated.add(id(intros[-1]))
            continue
        figures = _per_figure(rec, sentence, pos)
        if local or _SCOPE_HINT.search(_NAMED.sub("", sentence)):
            stated.update(id(f) for f in figures)
        out += figures
    if _COMPOSITE_AT.search(text) and not _PATENT_LIST.search(text):
        out = [r for r in out if r["metric"] != "rank" or _PATENT_WORD.search(_line(text, r))]
    _carry_scopes(out + intros, stated, text)
    _last_years(out, last_year)
    for rec in prior:
        first = [r for r in out if r["metric"] == "rank" and r["start"] == rec["start"]]
        if first and first[0] is not rec and first[0]["institution"] == rec["institution"]:
            rec["scope"] = first[0]["scope"]
    return _drop_restated_top_n(out, text)


def engine_times(listed: list[dict[str, Any]], engine: list[dict[str, Any]]) -> None:
    """A list finder's rank with no time of its own takes the time the sentence engine gave
    the same rank in the same sentence: the list finder knows whose it is, the engine
    knows the paragraph's year."""
    times = {
        (r["start"], r["value"]): (r["year"], r["period"])
        for r in engine
        if r["metric"] == "rank" and (r["year"] or r["period"])
    }
    for rec in listed:
        if rec["metric"] == "rank" and rec["year"] is None and rec["period"] is None:
            rec["year"], rec["period"] = times.get((rec["start"], rec["value"]), (None, None))


def _of_last_year(sentence: str, clause: str, pos: int) -> bool:
    """The rank's clause says last year, or is a "when …" clause right after one that does
    ("compared to last year, when it was ranked 52nd")."""
    if _LAST_YEAR.search(clause):
        return True
    start = pos - len(clause)
    return bool(re.match(r"\s*when\b", clause)) and bool(
        _LAST_YEAR.search(sentence[max(0, start - 24) : start])
    )


def _last_years(records: list[dict[str, Any]], marked: list[dict[str, Any]]) -> None:
    """ "去年还名列29名", "compared to last year, when it ranked 82nd": the rank of the list
    before the one the article reports (the year most of its other ranks have, less one)."""
    for rec in marked:
        years = Counter(
            r["year"] for r in records if r["metric"] == "rank" and r["year"] and r is not rec
        )
        if years and not rec.get("period"):
            rec["year"] = years.most_common(1)[0][0] - 1
            for other in _with_counts(rec, records):  # "was ranked 82nd with 34 patents"
                other["year"] = rec["year"]


def _with_counts(rank: dict[str, Any], records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The counts written in the rank's own clause after it ("ranked 82nd with 34 patents",
    "以441件位居第32位" is before: those the engine already dates with the rank)."""
    sentence = to_simplified(rank["evidence"])
    pos = _token(sentence, rank["value"])
    if pos is None:
        return []
    end = _CLAUSE.search(sentence, pos)
    after = sentence[pos : end.start() if end else len(sentence)]
    return [
        r
        for r in records
        if r["start"] == rank["start"]
        and r["metric"] != "rank"
        and re.search(rf"(?<![\d.,]){r['value']}(?![\d.,]\d)", after.replace(",", ""))
    ]


def _composite_at(sentence: str, clause: str, pos: int) -> bool:
    """A composite ranking named at the rank: in its clause before it (Chinese: "在软科排名中
    位列第N"), or in English right after it up to the clause's end ("40th in the QS …");
    praise after a Chinese rank ("…第一，展现了创新能力") does not name its ranking."""
    if _COMPOSITE_AT.search(clause):
        return True
    if _ZH_PLACE.match(sentence, pos) or sentence[pos] in "第前榜首冠":
        return False
    end = _CLAUSE.search(sentence, pos)
    return bool(
        _COMPOSITE_AT.search(sentence[pos : min(pos + 60, end.start() if end else len(sentence))])
    )


def _line(text: str, rec: dict[str, Any]) -> str:
    """The paragraph (line) of the original text that holds ``rec``."""
    start = text.rfind("\n", 0, rec["start"]) + 1
    end = text.find("\n", rec["start"])
    return text[start : len(text) if end < 0 else end]


def _clause_of(sentence: str, pos: int) -> str:
    starts = [m.end() for m in _CLAUSE.finditer(sentence, 0, pos)]
    return sentence[starts[-1] if starts else 0 : pos]


def _sentence_scope(rec: dict[str, Any], sentence: str, pos: int | None) -> bool:
    """A scope the sentence sets for its list or all its ranks: "The top 10 non-US
    universities include: 1) A; 2) B", "Among Chinese universities, A ranked third"."""
    intro = _INTRO_EN.search(sentence)
    if intro and (pos is None or intro.end() <= pos):
        words = intro.group(1)
    else:
        lead = _AMONG_LEAD.match(sentence)
        if not lead or (pos is not None and lead.end() > pos):
            return False
        words = lead.group(1)
    cls = scope_class(words)
    if cls not in LABELS:
        return False
    rec["scope"] = LABELS[cls]
    return True


def _carry_scopes(records: list[dict[str, Any]], stated: set[int], text: str) -> None:
    """A rank whose sentence names no scope is of the ranking the text is speaking of: the
    last scope stated in its paragraph ("前十位的中国高校是…" then "A、B分列第四、六位"), else
    the article's, when every stated rank so far had that one scope."""
    last: dict[int, str] = {}
    seen: set[str] = set()
    ranks = [r for r in records if r["metric"] in ("rank", "list")]
    for rec in sorted(ranks, key=lambda r: r["start"]):
        paragraph = text.count("\n", 0, rec["start"])
        if id(rec) in stated and rec.get("scope"):
            last[paragraph] = rec["scope"]
            seen.add(rec["scope"])
            continue
        carried = last.get(paragraph) or (next(iter(seen)) if len(seen) == 1 else None)
        if carried:
            rec["scope"] = carried


def _per_figure(rec: dict[str, Any], sentence: str, pos: int | None) -> list[dict[str, Any]]:
    """The rank's basis and time from its own clause; one rank per figure under 双双/均."""
    if pos is None or rec.get("each"):
        return [rec]
    starts = [m.end() for m in _CLAUSE.finditer(sentence, 0, pos)]
    clause = sentence[starts[-1] if starts else 0 : pos]
    if _AS_OF.search(clause) and rec.get("period"):
        rec["year"] = None
    near = _YEAR_AFTER.match(sentence, pos) or _YEAR_BEFORE.search(sentence, 0, pos)
    if near and not rec.get("period"):  # "22nd in 2018", "2018年的第22位": its own year
        rec["year"] = int(near.group(1))
    # what is ranked: named in the rank's clause, else the nearest kind written before it
    kinds = _kinds(clause) or _kinds(sentence[:pos])[-1:]
    each = _EACH.search(clause)
    if each:
        # the figures it ranks are in the clauses before 均: back to the previous rank
        lead = sentence[: pos - len(clause) + each.start()]
        prior = [m.end() for m in re.finditer(r"第\s*\S{1,3}\s*[位名]|\d(?:st|nd|rd|th)\b", lead)]
        kinds = _kinds(lead[prior[-1] if prior else 0 :])
        if len(kinds) >= 2:
            return [_held({**rec, "basis": kind, "each": True}) for kind in kinds]
    if len(kinds) == 1 and rec.get("basis") is None:
        rec["basis"], rec["each"] = kinds[0], True
    return [rec]


def _held(rec: dict[str, Any]) -> dict[str, Any]:
    """A rank by patents held ranks a stock at the year's end, not a year's flow: "2016年
    授权量和拥有量均位居第2" is 2016 for the grants and as of the end of 2016 for the held."""
    if rec["basis"] == "valid patents held" and rec["year"] and not rec["period"]:
        rec["period"], rec["year"] = f"held as of end of {rec['year']}", None
    return rec


def _local_scope(rec: dict[str, Any], sentence: str, pos: int) -> bool:
    """The scope written at the rank itself wins over one read elsewhere in its sentence:
    Chinese writes it right before 第N/前N/榜首 ("分居两岸大学的前两名"), English right after."""
    if sentence[pos] in "第前榜首冠" or _ZH_PLACE.match(sentence, pos):
        start = max((m.end() for m in _CLAUSE.finditer(sentence, 0, pos)), default=0)
        # the nearest words between verbs that name a scope: the names before the verb are
        # who ranks ("A和B分居两岸大学的前两名", "进入教育机构排名前10")
        parts = _ZH_VERB.split(sentence[max(start, pos - 16) : pos])
        named = (_NAMED.sub("", _unname(part)) for part in reversed(parts))
        words = next((w for w in named if scope_class(w) in LABELS), "")
        if not words:  # "前十位的中国高校": the scope after the top N
            m = _AFTER_TOP.match(sentence, pos)
            words = m.group(1) if m else words
    else:
        words = re.split(r"[,;，；。]|\b(?:and|with|for|by)\b", sentence[pos : pos + 60])[0]
    cls = scope_class(words)
    if cls not in LABELS:
        return False
    # "nationwide" on an American page is the context step's U.S. (it knows the page)
    if not (cls == "china" and rec.get("scope") == LABELS["us"]):
        rec["scope"] = LABELS[cls]
    return True


def _unname(words: str) -> str:
    """``words`` without the registered universities named in them ("台湾清华大学(23名)": the
    place in the name is where the university is, not among whom it ranks)."""
    words = _OWNER_END.sub("", words)  # the owner's name right before its place: "A(23名)"
    for e in reversed(find_entities(words)):
        if e.university and lookup(e.name):
            words = words[: e.start] + words[e.end :]
    return words


def _kinds(clause: str) -> list[str]:
    """The kinds of figure a clause names, in the order written, each once (a narrow row's
    words are not read again by a broader one)."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in _BASES:
        for m in pattern.finditer(clause):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            if name not in (n for _, n in found):
                found.append((m.start(), name))
    return [name for _, name in sorted(found)]


def _zh_number(v: int) -> str:
    if v < 10:
        return _ZH_DIGITS[v]
    tens, ones = divmod(v, 10)
    return ("" if tens == 1 else _ZH_DIGITS[tens]) + "十" + (_ZH_DIGITS[ones] if ones else "")


def _token(sentence: str, value: float) -> int | None:
    """Where the rank ``value`` is written in ``sentence`` (第3位, 3rd, No. 3, third, 榜首)."""
    v = int(value)
    if v != value or v <= 0 or v > 999:
        return None
    word = _ORDINAL_NAMES.get(v)
    zh = _zh_number(v) if v < 100 else str(v)
    alts = [
        rf"第\s*(?:{v}|{zh})(?![\d十])",
        rf"(?<![\d.]){v}(?:st|nd|rd|th)\b",
        rf"No\.?\s*{v}\b",
        rf"前\s*(?:{v}|{zh})(?![\d十])",
        rf"\btop\s+{v}\b",
        rf"(?<!\d){v}\s*强",
        rf"(?<![\d第前]){v}\s*[名位](?![单额次])",  # "名列29名", "A(23名)"
    ]
    if word:
        alts.append(rf"\b{word}\b")
    if v <= 10:  # "A和B分居前两名": the first and the second are both in "前两名"
        alts.append(rf"前\s*(?:{'|'.join(_N_OR_MORE[v - 1 :])})\s*[名位]")
    if v == 1:
        alts.append(r"榜首|首位|之首|桂冠|冠军|\btop\b(?!\s*\d)")
    m = re.search("|".join(alts), sentence, re.I)
    return m.start() if m else None


def _paragraph(text: str, pos: int) -> int:
    return text.count("\n", 0, pos)


def _drop_restated_top_n(records: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A top-N is dropped when the same institution has an exact rank within it in the same
    scope, and the top-N is the headline's or in the exact rank's paragraph."""
    title_end = max(text.find("\n"), 0)  # one paragraph: no headline
    exact = [
        (r["institution"], r["scope"], r["value"], r["start"], r["basis"], (r["year"], r["period"]))
        for r in records
        if r["metric"] == "rank" and r["unit"] == "rank"
    ]

    def restated(r: dict[str, Any]) -> bool:
        return any(
            i == r["institution"]
            and s == r["scope"]
            and v <= r["value"]
            and not (basis and r["basis"] and basis != r["basis"])  # two rankings
            and (time == (r["year"], r["period"]) or not (r["year"] or r["period"]))
            and (r["start"] < title_end or _paragraph(text, start) == _paragraph(text, r["start"]))
            for i, s, v, start, basis, time in exact
        )

    return [r for r in records if not (r["unit"] == "rank_top_n" and restated(r))]
