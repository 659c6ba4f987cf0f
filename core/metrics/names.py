"""Institution names nobody registered: the shapes they take, the noise around them, and the
short forms an article defines for itself.

A name is recognised by its shape, one row of :data:`NAME_SHAPES` per shape ("X University",
"IIT Madras", "Universität Wien", "Lunds universitet", "X大学", "X科大"), so a university
that is not in ``core/declared/institutions.toml`` is still the owner of its figures.
A shape match can swallow the words before the name ("蝉联成功大学", "Top Oxford
University"): :func:`clean_name` cuts such leads off, and refuses a match that is a phrase,
not a name ("百强大学", "9所大学").

An article also names institutions in its own way: "Oklahoma State University (OSU)"
makes "OSU" that university for the rest of the article, and a Hong Kong paper's "中大"
is the Chinese University of Hong Kong. :func:`learn_names` finds those; the extraction
under way holds them in :data:`ARTICLE_NAMES` (set by the context step before any sentence
is read), so the entity finder recognises them in every sentence of that article only.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.metrics.article_names import (  # names.ARTICLE_NAMES and the rest, as before
    ARTICLE_NAMES as ARTICLE_NAMES,
)
from core.metrics.article_names import (
    COMPANY_NAME as COMPANY_NAME,
)
from core.metrics.article_names import (
    article_alias_re as article_alias_re,
)
from core.metrics.article_names import (
    defined_names as defined_names,
)
from core.metrics.article_names import (
    definition_heads as definition_heads,
)
from core.metrics.gates import gate_tables
from core.metrics.trie import WordScan, trie_branches
from core.metrics.where import figure_at
from core.metrics.wordsplit import inside_word as inside_word  # names.inside_word, as before

_UP = "A-ZÀ-ÖØ-Þ"  # capitals, with the accented ones of European names
_LOW = "a-zß-öø-ÿ"
_WORD = rf"[{_UP}](?:[{_LOW}'’-]+|&M)"  # "Zürich", "Grenoble", "King's", "Texas A&M"

# the words after "University of": names, and "and"/"of" inside one ("of Science and
# Technology of China") but not between two names ("of Texas and Harvard University")
_DISCIPLINE = (
    r"(?:Sciences?|Technology|Engineering|Arts|Medicine|Applied|Commerce|Economics|Political"
    r"|Management|Design|Health|Agriculture|Mines|Letters|Music|Law|Business|Education)"
)
# the states (and "Penn") whose names American universities carry as "X State" or "X Tech"
_US_STATES = (
    "Alabama|Arizona|Arkansas|Ball|Boise|California|Colorado|Florida|Georgia|Idaho|Illinois"
    "|Indiana|Iowa|Kansas|Kent|Kentucky|Louisiana|Michigan|Mississippi|Missouri|Montana"
    "|Nebraska|New Mexico|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Penn|Portland"
    "|San Diego|San Jose|South Dakota|Tennessee|Texas|Utah|Virginia|Washington|Wayne|Wichita"
    "|Wright"
)
_OF_WORDS = rf"(?:{_WORD}(?: |(?=\W))|(?:and|&) (?={_DISCIPLINE}\b)|of (?=[{_UP}])){{1,7}}"

# (shape, language, words, pattern): a shape's pattern runs only on text containing one of its
# words (a substring test costs microseconds; an alternation of capitalised-word shapes
# tried at every position, a tenth of a millisecond per sentence). Where two shapes
# overlap, the one that starts first, then the longer, is kept.
NAME_SHAPES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    # English
    # title case writes "University Of South Florida"
    ("university_of", "en", ("University of", "University Of"), rf"University [oO]f {_OF_WORDS}"),
    (
        "x_university",
        "en",
        ("University",),
        rf"(?:{_WORD} ){{1,4}}University(?![a-z])(?: [oO]f {_OF_WORDS})?(?:Research Foundation\b)?",
    ),
    # "Kansas State", "Penn State", "Texas Tech", "Georgia Tech": an American university named
    # without "University" (a state's name and State/Tech), where it acts in the sentence
    # ("Ohio State ranked 41st", "Iowa State and …"), not a place ("in New York State")
    (
        "state_tech",
        "en",
        ("State ", "State,", "State.", "State)", "State’", "State'", "Tech"),  # not "States"
        rf"(?<!\bin )(?<!\bof )(?<!\bthe )(?<!\bto )(?<!\bfrom )\b(?:{_US_STATES}) (?:State|Tech)\b"
        r"(?! (?:University|College|Universities|of|law|government|officials|legislature|board"
        r"|agency|funding|budget|senator|residents|park|line|police|capitol)\b)"
        r"(?= (?:A&M )?(?:is|was|are|were|has|had|have|also|ranked|ranks|placed|came|took|earned|received|got|with|tied"
        r"|and|at|in|followed|led|topped|finished|rounded|Research|Innovation)\b|\s*[,.;:)(’']|$)",
    ),
    # American tables' "U. of Texas System", "Harvard U.", "Seoul National U.": U. is University
    (
        "u_abbreviated",
        "en",
        ("U.",),
        rf"\bU\. [oO]f {_OF_WORDS}|(?:{_WORD} ){{1,4}}U\.(?=\s|$|[,;)(])",
    ),
    # the American short forms "UArizona", "UConn", "UPenn", "UChicago"
    ("u_short", "en", ("U",), r"\bU[A-Z][a-z]{3,}\b"),
    # India: "IIT Madras", "IIT-Bombay", "NIT Calicut", "IISc Bangalore", "IIT (BHU)"
    (
        "indian_institute",
        "en",
        ("IIT", "NIT", "IIM", "IISER", "IISc", "Indian Institute"),
        rf"\b(?:IIT|NIT|IIIT|IISER|IIM|IISc)(?:[- ]|, )(?:{_WORD})(?![a-z])"
        rf"|Indian Institute of (?:Technology|Science)(?: \((?:IIT|IISc)\))?(?:,? {_WORD})?",
    ),
    (
        "institute_of",
        "en",
        ("Institute of",),
        rf"(?:{_WORD} ){{1,3}}Institute of (?:Science and )?Technology",
    ),
    (
        "institute_of_science",
        "en",
        ("Institute of Science",),
        rf"(?:{_WORD} ){{1,3}}Institute of Science\b",
    ),
    (
        "college",
        "en",
        ("College",),
        rf"(?:{_WORD} ){{1,3}}College(?: London| of [{_UP}]\w+)?(?![a-z])",
    ),
    (
        "polytechnic",
        "en",
        ("Polytechnic",),
        # "Virginia Polytechnic Institute and State University" is one name
        rf"(?:{_WORD} ){{1,3}}Polytechnic(?: Institute| University)?(?![a-z])"
        r"(?: and State University\b)?",
    ),
    # European: "ETH Zürich", "KU Leuven", "TU Delft", "EPFL", "RWTH Aachen"
    (
        "european_acronym",
        "en",
        ("ETH", "KU ", "TU ", "LMU", "RWTH", "EPF", "KTH", "DTU", "NTNU"),
        rf"\b(?:ETH|KU|TU|LMU|RWTH|EPF) {_WORD}|\b(?:EPFL|KTH|DTU|NTNU)\b",
    ),
    # German-language institutes: "Technische Hochschule Ingolstadt", "Eidgenössische
    # Technische Hochschule Zürich" (WIPO's tables also write "Hochshule")
    (
        "hochschule",
        "eu",
        ("Hochschule", "Hochshule"),
        rf"(?:{_WORD} ){{0,2}}Hoch(?:sc|s)hule(?: (?:für|of) {_WORD})?(?: {_WORD})?",
    ),
    (
        "romance_university",
        "eu",
        ("Universi",),
        r"Universi(?:té|te|dad|dade|tà|tat|teit)(?: (?:Nacional|Autónoma|Politécnica|Católica"
        r"|Complutense|Federal|Estadual|Libre|Paris|degli Studi|van))*"
        rf"(?: (?:de la|de|di|do|da|del|della|dos|du|des|d'))? ?(?:{_WORD})(?:[ -](?:{_WORD}))*",
    ),
    (
        "germanic_university",
        "eu",
        ("Universität", "universitet"),
        rf"(?:{_WORD}[ -])?Universität(?: zu)?(?: {_WORD}){{1,2}}|{_WORD} (?:universitet|universitetet)\b",
    ),
    (
        "politecnico",
        "eu",
        ("Politecnico", "Politechnika", "École", "Ecole"),
        rf"(?:Politecnico|Politechnika|École|Ecole) (?:[{_LOW}]+ )*(?:{_WORD})(?: {_WORD})*",
    ),
    # Chinese (matched on simplified text): "X大学", "X学院", "X科技大学", "X职业技术学院",
    # short forms "X科大", "X工大", "X师大", "X交大"
    ("zh_university", "zh", ("大学", "学院"), r"[\u4e00-\u9fff]{2,10}?(?:大学|学院)"),
    # research institutes are institutions too (rules §6), and a CAS institute is not CAS:
    # "中国科学院上海药物研究所", "工业技术研究院"
    (
        "zh_institute",
        "zh",
        ("研究所", "研究院"),
        r"(?:中国科学院|中科院)?(?:(?!大学|学院)[\u4e00-\u9fff]){2,10}?(?:研究所|研究院)(?!有限|股份|公司)",
    ),
    (
        "zh_short",
        "zh",
        ("科大", "工大", "师大", "交大", "农大", "医大"),
        r"[\u4e00-\u9fff]{1,4}?(?:科大(?!讯飞)|工大|师大|交大|农大|医大)(?!学)",
    ),
)


# shapes the engine would scan position by position, written to open with a literal: a state's
# first letter, then the words that may not precede it ("K(?<!\\bin K)" holds where
# "(?<!\\bin )K" does; at one place at most one state is followed by a space, so the trie's
# order finds the flat list's match); spans as the table's (tests/metrics/test_fast_patterns.py)
_STATE_HEAD = rf"(?<!\bin )(?<!\bof )(?<!\bthe )(?<!\bto )(?<!\bfrom )\b(?:{_US_STATES})"
_BEFORE = tuple(rf"\b{w} " for w in ("in", "of", "the", "to", "from"))
_STATE = "|".join(trie_branches(_US_STATES.split("|"), word_start=True, not_after=_BEFORE))
_FAST_FORMS = {"u_short": r"U(?<!\wU)[A-Z][a-z]{3,}\b"}
if (_row := dict((s, p) for s, _l, _w, p in NAME_SHAPES)["state_tech"]).startswith(_STATE_HEAD):
    _FAST_FORMS["state_tech"] = f"(?:{_STATE}){_row[len(_STATE_HEAD) :]}"  # else its own row
_SHAPES = [
    (words, re.compile(_FAST_FORMS.get(shape, pattern)))
    for shape, _l, words, pattern in NAME_SHAPES
]


_SHAPE_WORDS = WordScan({w for words, _p in _SHAPES for w in words})


def name_matches(text: str) -> list[re.Match[str]]:
    """Every shape's matches in ``text``, first-starting (then longest) first; a shape runs
    only on a text holding one of its words."""
    present = _SHAPE_WORDS.present(text)
    if not present:
        return []
    found = [
        m
        for words, pattern in _SHAPES
        if not present.isdisjoint(words)
        for m in pattern.finditer(text)
    ]
    kept: list[re.Match[str]] = []
    for m in sorted(found, key=lambda m: (m.start(), m.start() - m.end())):
        if kept and m.start() < kept[-1].end():
            if m.end() > kept[-1].end():  # "The Indian Institute of Technology (IIT) Kanpur"
                kept[-1] = m
            continue
        kept.append(m)
    return kept


# --------------------------------------------------------------------------- noise

# words that start a phrase, not a name: verbs, adverbs, dates, list words
_LEAD_EN = re.compile(
    r"^(?:(?:The|Die|Der|Das|In|At|For|By|From|And|While|Both|A|An|Top|Among|According|With|After|Before"
    r"|Since|Last|This|Next|Every|Each|Many|Most|Other|Several|All|Some|Our|Their|Its|His|Her"
    r"|Council|Ministry|Department|Office|Board|Association|Ranking|Rankings|Report|Times|QS"
    r"|January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: of)?\s+)+"
)
# Chinese words after which a name starts ("今年北京大学", "蝉联成功大学", "与中南大学"):
# the match is cut after the last of them (not 同, 比, 年: 同济, 比利时, 青年 are in names)
_BREAK_ZH = re.compile(
    r"^.*(?:其中|之中|当中|以及|还有|蝉联|连续|期内|同期|今年|去年|明年|前年|目前|此外|另外|截至"
    r"|包括|例如|比如|排名|位列|位居|名列|超越|胜过|领先|击败|力压|分别|依次|依序|紧随|其次"
    r"|随后|然后|之后|以后|其后|年度|公布|发布|宣布|表示|显示|指出|认为|获得|成为|作为|通过|经过"
    r"|参加|举行|召开|报道|消息|记者|日电|教育厅|教育部|委员会|政府|[局厅讯获]"
    # a rank verb before its scope ("居全国大学之冠", "跻身全国高校前十") is no name's start
    r"|居|跻身|进入|排在|升至|跃升|降至|跌至"
    # a document's name before its subject ("…授奖决定温州大学共获3项", "名单中") ends the phrase
    r"|决定|名单|通知|公告|榜单|排行榜|报告"
    # a figure's noun before its owner ("发明专利授权量乙江大学以520件…"); no name holds 专利
    r"|专利|授权量|申请量|公开量|拥有量|总量|件数|数量|金额|总数"
    r"|[的和与及或在为是了等共由被让把向对从据而但并且将给跟较即])"
)
# what is left is still a phrase: a count of universities, a list, a kind of university
_PHRASE_ZH = re.compile(
    r"[\d一二三四五六七八九十百千两几多]+[所个家名位强]|百强|个"
    r"|^[所各该本其某这那每此哪]|^全(?:港|台|国|省|市|球|校|体)"
    r"|^(?:全国|国内|国外|海外|境内|境外|一流|重点|知名|顶尖|高水平|综合|部属|省属|地方|民办|公办"
    r"|外国|世界|全球|中外|两岸)"
)
# "Germany’s University of X", "Switzerland's Federal Institute": a place's possessive
# before a name that stands alone (not "King's College")
_POSSESSIVE = re.compile(
    r"^[A-Z][a-z]+[’']s\s+(?=(?:University|Technical|Federal|National|Royal|Institute|Free)\b)"
)
_OWNS = re.compile(r"[’']s$")
# a Korean or Japanese university's patent-holding arm written before its name
_ARM_LEAD = re.compile(
    r"^(?:[\w&-]+\s+){0,3}?(?:Cooperation|Industry|Industry-Academic|R&DB|Corporation)\s+"
    r"(?:Foundation|Corporation),?\s+(?=[A-Z])"
)
_ACRONYM_INSIDE = re.compile(r" \((?:IIT|IISc)\) (?=[A-Z])")
_MIN_ZH = 4  # characters: "北大学" is a fragment, "北京大学" a name


_UPPER_FIRST = re.compile(rf"[{_UP}]")


@lru_cache(maxsize=2048)  # pure; the same name is found in a sentence, its clause, its text
def clean_name(name: str) -> tuple[str, int] | None:
    """(the name without its leading noise, characters cut), or ``None`` for a phrase."""
    if _UPPER_FIRST.match(name):
        cut = len(name) - len(_POSSESSIVE.sub("", _LEAD_EN.sub("", name)))
        rest = _ACRONYM_INSIDE.sub(" ", name[cut:])  # "Indian Institute of Technology (IIT) Delhi"
        rest = _OWNS.sub("", rest)  # "the University of X's 160 patents": the name is X's owner
        arm = _ARM_LEAD.match(
            rest
        )  # "Industry-University Cooperation Foundation Hanyang University"
        if arm:
            rest, cut = rest[arm.end() :], cut + arm.end()
        if not rest or not rest[0].isupper() or rest in ("University", "College", "Hochschule"):
            return None
        if _KIND_ONLY.match(rest):
            return None  # "the State University System of Florida": a kind, not one's name
        return rest, cut
    m = _BREAK_ZH.match(name)
    cut = m.end() if m else 0
    rest = name[cut:]
    if (len(rest) < _MIN_ZH and not _short_form(rest)) or _PHRASE_ZH.search(rest):
        return None
    return rest, cut


# a name of nothing but kind words ("State University", "Public Research University")
_KIND_ONLY = re.compile(
    r"(?:(?:State|National|Public|Private|Federal|Regional|Community|Research|Technical|Open"
    r"|Leading|Top|Major|Flagship)\s+)+(?:Universit(?:y|ies)|Colleges?|Institutes?)$"
)


def _short_form(name: str) -> bool:
    return len(name) >= 3 and name.endswith(("科大", "工大", "师大", "交大", "农大", "医大"))


# "National Taiwan University of …", "Harvard U." (a table's University): a longer name
_OF_MORE = re.compile(rf"\s+of\s+(?:the\s+)?[{_UP}]|\s+U\.(?=\s|$|[,;)(])")


def extends(text: str, start: int, end: int, name_start: int) -> bool:
    """Whether a name shape found at ``name_start`` is a longer name than the registered one
    at ``start:end`` it covers: "National Taiwan University of Science and Technology" is
    not "National Taiwan University" (the registered name stops before "of")."""
    return name_start <= start and bool(_OF_MORE.match(text, end) or _UNIT_MORE.match(text, end))


# "中国科学院上海药物研究所": a unit of a registered academy named after it is that unit
_UNIT_MORE = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:研究所|研究院)")


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_BEFORE_NAME = frozenset("的和与及或在为是了等由被让把向对从据而但并且将给跟较即、")


def inside_name(text: str, start: int) -> bool:
    """Whether an article's own short name at ``start`` ends a longer name instead: 科技大学 in
    a Hong Kong text is HKUST, but not in 南方科技大学 (国立中山大学 is still 中山大学)."""
    if start == 0 or not _CJK_CHAR.match(text[start - 1]) or text[start - 1] in _BEFORE_NAME:
        return False
    return text[max(0, start - 2) : start] != "国立"


# --------------------------------------------------------------------------- names as written


def as_written(
    name: str | None, matched: str, original: str, index: list[int] | None, near: int = 0
) -> str | None:
    """``name`` as the original text writes it: the extractor matches on a simplified copy
    (国立中兴大学), the article wrote 國立中興大學, and a reader searches for what it wrote.

    ``matched`` is the simplified (and unwrapped) text the name was found in, ``index`` its
    position map into ``original`` (:func:`core.metrics.unwrap.unwrap`), ``near`` the
    figure's offset in ``matched``: the occurrence closest before it is used. A registered
    name (written in the registry's spelling) does not occur in the text and is kept."""
    if not name or not _CJK_CHAR.search(name):
        return name  # only Chinese has a simplified copy to map back from
    at = matched.rfind(name, 0, near + len(name)) if near else -1
    at = at if at >= 0 else matched.find(name)
    if at < 0:
        return name
    if index is None:
        return original[at : at + len(name)] or name
    # character by character: a hard-wrapped name is one, a glossed one ("北江大(da)學") is
    # written without its glosses
    return "".join(original[index[i]] for i in range(at, at + len(name))) or name


# --------------------------------------------------------------------------- generic figures

# A figure of nobody: a rate ("every 100 patents", 每10件专利, "one patent a day") or a
# statement about any applicant ("A PCT application lets an applicant…"). Rows: (what,
# where it is read: before the number, after it, or the sentence's start; pattern).
GENERIC_FIGURES: tuple[tuple[str, str, str], ...] = (
    ("rate", "before", r"(?:\b(?:every|each|per)|每(?:天|日|年|月|周)?|一天|一年)\s*$"),
    (
        "rate",
        "after",
        r"^[\w\s]{0,24}?\b(?:a|per|each|every)\s+(?:day|week|month|invention|applicant)\b"
        r"|^\s*(?:项|件|个)?(?:发明)?专利\s*/\s*(?:天|日|周)",
    ),
    (
        "any_applicant",
        "start",
        r"^(?:A|An|Any|Each|Every)\s+(?:PCT\s+|international\s+|patent\s+)*"
        r"(?:application|applicant|inventor|patent|university|institution|company|owner)s?\b",
    ),
)
_GENERIC_COMPILED = [(where, re.compile(p, re.I)) for _, where, p in GENERIC_FIGURES]
_SMALL = {1: "一one", 2: "二两two", 3: "三three", 4: "四four", 5: "五five", 10: "十ten"}


@lru_cache(maxsize=4096, typed=True)  # pure; asked again for one sentence
def generic_figure(sentence: str, value: float) -> bool:
    """Whether the figure ``value`` in ``sentence`` is a rate or a rule for anyone, not a
    count of an institution."""
    at = _figure_at(sentence, value)
    if at is None:
        return False
    start, end = at
    for where, pattern in _GENERIC_COMPILED:
        text = {
            "before": sentence[max(0, start - 12) : start],
            "after": sentence[end : end + 40],
        }.get(where, sentence)
        if pattern.search(text):
            return True
    return False


def _figure_at(sentence: str, value: float) -> tuple[int, int] | None:
    v = int(value) if float(value) == int(value) else None
    forms = [f"{v:,}", str(v)] if v is not None else [str(value)]
    for form in forms:
        at = figure_at(
            sentence, form
        )  # a substring search: a regex per value is compiled per value
        if at >= 0:
            return at, at + len(form)
    for word in re.findall(r"[a-z]+|[^a-z]", _SMALL.get(v or 0, "")):
        m = re.search(rf"\b{word}\b" if word.isascii() else word, sentence, re.I)
        if m:
            return m.span()
    return None


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
