"""List entries that give a place beside a name: "Purdue University (9th, 120 patents)",
"X (No. 14, 95)", "X (95 patents, 14th)", "X (fourth)", "X, at No. 2 with 300 patents".

News of the NAI/IPO and WIPO lists names the members of a list in passing with both figures
in brackets after each name. The other finders read a bracket that holds one figure; this
one reads the pair. The name is the organisation written right before the bracket; the
count's metric is the one its noun names in the bracket, else the sentence's count noun,
else the article's default count (the list's figure: U.S. patents granted in an NAI
article, PCT applications in a WIPO one).
"""

from __future__ import annotations

import re
from typing import Any

from core.metrics.entities import find_entities
from core.metrics.gates import gate_tables
from core.metrics.numbers import ORDINAL_WORDS, cn_value
from core.metrics.record import sentence_figure
from core.metrics.vocab import count_metric

_PLACE = r"(?:No\.?\s*|#)?(?P<{0}>\d{{1,3}})(?:st|nd|rd|th)?(?:\s+place)?"
_COUNT = r"(?:with\s+)?(?P<{0}>\d{{1,3}}(?:,\d{{3}})*|\d+)(?P<{1}>\s+[a-zA-Z. ]{{0,30}}?)?"
_PAIR = re.compile(
    r"\(\s*(?:"
    + _PLACE.format("r1")
    + r"\s*[,;]\s*"
    + _COUNT.format("c1", "n1")
    + r"|"
    + _COUNT.format("c2", "n2")
    + r"\s*[,;]\s*"
    + _PLACE.format("r2")
    + r")\s*\)"
)
# the Chinese pair: "台湾大学（第1；156件）", "成功大学(第2名; 获证140件)", "（156件，第1名）"
_ZH_N = r"[\d一二三四五六七八九十百]{1,4}"
_PAIR_ZH = re.compile(
    rf"[(（]\s*(?:排名|位列|居)?第\s*(?P<r1>{_ZH_N})\s*(?:位|名)?\s*[,，;；、]+\s*"
    r"(?P<n1>[^()（）\d,，;；]{0,8}?)(?P<c1>\d[\d,]*)\s*(?:件|项|個|个)\s*[)）]"
    r"|[(（]\s*(?P<n2>[^()（）\d,，;；]{0,8}?)(?P<c2>\d[\d,]*)\s*(?:件|项|個|个)\s*[,，;；、]+\s*"
    rf"(?:排名|位列|居)?第\s*(?P<r2>{_ZH_N})\s*(?:位|名)?\s*[)）]"
)
# a place must look like one: an ordinal suffix, "No."/"#", or the first of the pair
_ORDINAL = re.compile(r"(?:No\.?\s*|#)\d|\d(?:st|nd|rd|th)\b", re.I)
_WORDS = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
# a place alone right after a name: "(fourth)", "(4th)", "(No. 4)"; ", at No. 2", ", No. 2,"
# (matched at the name's end: no anchor)
_ALONE = re.compile(
    rf"\s*\(\s*(?:(?P<w>{_WORDS})|(?P<n>\d{{1,3}})(?:st|nd|rd|th)|(?:No\.?\s*|#)(?P<m>\d{{1,3}}))"
    rf"(?:\s+place)?\s*\)"
    rf"|\s*,\s*(?:at\s+|ranked\s+|placed\s+)?(?:No\.?\s*|#)(?P<a>\d{{1,3}})\b(?!\s*%)"
    # "清华大学(第四)", "浙江大学（第5名）"
    rf"|\s*[(（]\s*(?:排名|位列|居)?第\s*(?P<z>[\d一二三四五六七八九十百]{{1,4}})\s*(?:位|名)?\s*[)）]",
    re.I,
)


def bracketed_pairs(
    sentence: str, start: int, default_count: str, patent_list: bool
) -> list[dict[str, Any]]:
    """Rank and count records for each "Name (place, count)" of ``sentence``."""
    if not ("(" in sentence or "（" in sentence or "No" in sentence or "#" in sentence) or not (
        patent_list or re.search(r"patent|专利", sentence, re.I)
    ):
        return []
    ents = [e for e in find_entities(sentence) if e.university and e.name]
    out: list[dict[str, Any]] = []
    for m in _PAIR.finditer(sentence):
        if not _ORDINAL.search(m.group(0)):
            continue  # "(12, 120)" could be anything: a place says it is one
        owner = next((e for e in reversed(ents) if 0 <= m.start() - e.end <= 2), None)
        if owner is None or owner.name is None:
            continue
        place = int(m.group("r1") or m.group("r2"))
        count = int((m.group("c1") or m.group("c2")).replace(",", ""))
        noun = (m.group("n1") or m.group("n2") or "").strip()
        metric = (count_metric(noun, "") if noun else "") or count_metric(sentence, "")
        metric = metric or default_count
        if 0 < place <= 500:
            out.append(sentence_figure(owner.name, "rank", place, "rank", sentence, start))
        out.append(sentence_figure(owner.name, metric, count, "count", sentence, start))
    for m in _PAIR_ZH.finditer(sentence) if "第" in sentence else ():
        owner = next((e for e in reversed(ents) if 0 <= m.start() - e.end <= 1), None)
        raw = m.group("r1") or m.group("r2")
        place = int(raw) if raw.isdigit() else int(cn_value(raw) or 0)
        if owner is None or owner.name is None or not 0 < place <= 500:
            continue
        count = int((m.group("c1") or m.group("c2")).replace(",", ""))
        noun = (m.group("n1") or m.group("n2") or "").strip()
        metric = (count_metric(noun, "") if noun else "") or count_metric(sentence, "")
        out.append(sentence_figure(owner.name, "rank", place, "rank", sentence, start))
        out.append(
            sentence_figure(owner.name, metric or default_count, count, "count", sentence, start)
        )
    out += _alone(sentence, start, ents, {r["institution"] for r in out if r["metric"] == "rank"})
    return out


# "进入教育机构排名前十的中国高校还有：A(第四)…": the members' places are in the intro's ranking
_INTRO_SCOPE = re.compile(
    r"(?:进入|跻身|位列|入选)([^，。；]{2,14}?)(?:排名)?前\s*[\d一二三四五六七八九十百]+"
)


def _alone(
    sentence: str, start: int, ents: list[Any], done: set[str | None]
) -> list[dict[str, Any]]:
    """A place written alone right after a name ("X (fourth)", "X, at No. 2 with …")."""
    intro = _INTRO_SCOPE.search(sentence)
    out: list[dict[str, Any]] = []
    for e in ents:
        m = _ALONE.match(sentence, e.end)
        if not m or e.name in done:
            continue
        word, zh = m.group("w"), m.group("z")
        if word:
            place = ORDINAL_WORDS[word.lower()]
        elif zh:
            place = int(zh) if zh.isdigit() else int(cn_value(zh) or 0)
        else:
            place = int(m.group("n") or m.group("m") or m.group("a"))
        if 0 < place <= 500:
            rec = sentence_figure(e.name, "rank", place, "rank", sentence, start)
            if zh and intro and intro.end() <= e.start:
                rec["scope"] = intro.group(1)
            out.append(rec)
    return out


def lend_scopes(records: list[dict[str, Any]], places: list[dict[str, Any]]) -> None:
    """A bracketed place read in its list intro's ranking ("进入教育机构排名前十的…：A(第四)")
    gives that ranking to another finder's record of the same place, which read the scope from
    the words around it ("中国高校" says who the members are, not among whom they rank)."""
    scoped = {(p["start"], float(p["value"])): p["scope"] for p in places if p.get("scope")}
    for r in records:
        key = (r["start"], float(r["value"]))
        if r["metric"] == "rank" and r["unit"] == "rank" and key in scoped:
            r["scope"] = scoped[key]


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
