"""Counts in the verb-driven engine: a number's noun phrase and verb decide the metric
(published/filed/granted/transferred, invention, international).
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.metrics.carry import (
    GRANT_ELIDED_ZH,
    GRANTED_AFTER_ZH,
    LICENCE_DEAL_ZH,
    applied_before,
    elided_zh,
    reverb,
)
from core.metrics.count_forms import PLACED_WITH, RECEIVED_BEFORE, day_of_month, placed_with_any
from core.metrics.engine_base import (
    _CHANGE_AFTER,
    _CHANGE_BEFORE,
    _MEASURE,
    _PATENT_CONTEXT,
    _PCT,
    _RANK_WORD,
    _STOP,
    _clause_start,
    _Found,
    _next_clause_end,
    _Paragraph,
    _qualifier,
)
from core.metrics.entities import find_entities
from core.metrics.gates import gate_tables
from core.metrics.noun_pairs import paired_noun_figure
from core.metrics.numbers import Number
from core.metrics.vocab import INVENTION_PATENTS, office_spans

_VERBS = [
    (
        "transferred",
        re.compile(r"transfer|licen[cs]|transformation|transform|commerciali|转让|许可|转化", re.I),
    ),
    # ("secured 23 patents" is granted whatever the sentence before said of filing; not
    # "received": "the 48 faculty members who received patents" is no count of patents)
    (
        "granted",
        re.compile(
            r"\bgrant|\bissu(?:e[ds]?|ing|ances?)\b|authori[sz]|obtain|\bsecur(?:e[ds]?|ing)\b"
            r"|\bbagged\b|授权|批准|获批|获准|核准",
            re.I,
        ),
    ),
    ("published", re.compile(r"publish|公开|公布", re.I)),
    ("filed", re.compile(r"\bfil(?:e|ed|es|ing)\b|submit|appl(?:y|ied) for|提交|申请", re.I)),
]
_VERB_ALL = re.compile("|".join(f"(?P<{name}>{pattern.pattern})" for name, pattern in _VERBS), re.I)
_NOUN_BACK = re.compile(
    r"(PCT[^,;，；]{0,40}?applications?|appl(?:y|ying|ied) for (?:the )?PCT|"
    r"international patent applications?|international patents?|"
    r"invention patent applications?|invention patents?|patent applications?|patents|"
    # "Patent filings by X rose to 210": a filing is an application
    r"patent filings?|patent issuances?|patent grants?|intellectual property rights?)",
    re.I,
)
# (not 各类/此类: "申请各类专利5512件" is all kinds together)
_CATEGORY_BEFORE = re.compile(
    r"[\u4e00-\u9fff]{2,8}(?<![各此该这那等两三四五六多])类\s*(?:专利)?\s*(?:有|为|达|占)?\s*$"
)
_MINOR_KIND_BEFORE = re.compile(r"(?:实用新型|外观设计)(?:专利)?\s*(?:有|为|达|共)?\s*$")
_ZH_SKIP_NOUN = re.compile(r"(合同|项目|场|人次|册|届|次|所|家|名|个国家)[^专利知识产权]{0,3}$")


_THOUSANDS = re.compile(r"[kK](?![A-Za-z])")


def _count(
    t: str, n: Number, prev_end: int, para: _Paragraph, found: list[_Found]
) -> _Found | None:
    after = t[n.end :]
    before = t[: n.start]
    if _CHANGE_AFTER.match(after) or _CHANGE_BEFORE.search(before[-20:]):
        return None
    if re.match(r"^\s*(?:st|nd|rd|th)\b", after) or day_of_month(before):
        return None  # an ordinal, or a date ("as on November 25")
    if paired_noun_figure(t, n.start):
        return None  # "申请量和授权量分别为…": the count finder pairs nouns and numbers
    if re.search(r"(?:\btop|\bNo\.?|\bnumber|#|前|第)\s*$", before[-8:], re.I):
        return None  # "remained the top 5", "No. 9", 前10: a rank or a list size, not a count
    if n.form == "cn" and not _MEASURE.match(after):
        return None
    if re.match(r"\s*个(?!\s*(?:专利|发明|PCT|国际专利))", after):
        return None  # "在40个国家…": 个 counts patents only when a patent noun follows
    zh = bool(_MEASURE.match(after)) or n.form == "cn"
    metric = (
        _count_metric_zh(t, n, prev_end, para) if zh else _count_metric_en(t, n, prev_end, para)
    )
    if not metric:
        return None
    name, unit = metric
    if _CATEGORY_BEFORE.search(before[-14:]) or _MINOR_KIND_BEFORE.search(before[-12:]):
        # "其中材料类有60项": a breakdown by field; "实用新型专利56件": utility models and
        # designs (conventions: Breakdowns, Other patent types)
        name = "other"
    para.last_count = name
    # "filed 1.1k applications": a count written in thousands
    value = n.value * 1000 if _THOUSANDS.match(after) else n.value
    return _Found(name, value, n.start, unit, qualifier=_qualifier(before[-20:], after))


def _count_metric_en(t: str, n: Number, prev_end: int, para: _Paragraph) -> tuple[str, str] | None:
    """The metric of an English count: its noun after it, a copula ("N were patents"), a noun
    before it in the clause, or the previous count's noun for an elided one."""
    after = t[n.end :]
    window, trailing = _noun_window(after)
    if window:
        return _by_window(t, n, prev_end, para, window, trailing)
    copula = re.match(r"^\s*(?:were|are|was|is)\s+", after)
    if copula:
        window, _ = _noun_window(after[copula.end() :])
        words = [w.lower() for w in window]
        if words and words[-1] in ("patents", "patent", "applications", "application"):
            kind = "applications" if words[-1].startswith("application") else "patents"
            verb = (
                _verb_in(t[prev_end : n.start])
                or _last_verb(t, n.start)
                or _verb_of_previous(para.previous_text)
            )
            return _classify_count(kind, set(words), verb, "pct" in words, t)
    part = _PART_OF.match(after)
    if part:
        return _part_of(t, n, part.group(0))
    if n.form == "word":
        return None  # "one of the indicators": a spelled-out number must name its noun
    clause = t[max(prev_end, _clause_start(t, n.start)) : n.start]
    noun = list(_NOUN_BACK.finditer(clause))
    verb = (
        _verb_after(after)
        or _verb_in(clause)
        or _last_verb(t, n.start)
        or _verb_of_previous(para.previous_text)
    )
    if noun:
        noun_words = set(noun[-1].group(0).lower().split())
        kind = (
            "applications"
            if any(w.startswith(("appl", "filing")) for w in noun_words)
            else ("ip" if "property" in noun_words else "patents")
        )
        found = _classify_count(
            kind, noun_words, verb, "pct" in noun_words or bool(_PCT.search(t)), t
        )
        if found:
            return found
        # "…ranked fourth with 199 patents, and B came in fifth with 186": no verb for the
        # noun before; an elided count takes the previous count's metric below
    elided = _ELIDED.search(t[max(0, n.start - 40) : n.start])  # the words just before
    if para.last_count and (elided or _verb_after(after)):
        return para.last_count if not _verb_after(after) else reverb(
            para.last_count, _verb_after(after)
        ), _unit(para.last_count)
    return _placed_with(t, n, para) if elided else None


# "…filed 1,540 patents, 747 of which have been granted": a part of the figure before, with
# its own verb
_PART_OF = re.compile(
    r"^\s*of (?:which|them|these|those)\s+(?:have been|has been|had been|were|was|are|is)\s+"
    r"(?:\w+\s+)?(?:granted|issued|licensed|transferred|filed|commercialized|commercialised)\b",
    re.I,
)


def _part_of(t: str, n: Number, words: str) -> tuple[str, str] | None:
    """The metric of "N of which have been granted": the verb of the part, the noun of the
    whole written before it ("1,540 patents"; "1,540 patent applications")."""
    nouns = list(_NOUN_BACK.finditer(t, 0, n.start))
    if not nouns:
        return None
    noun_words = set(nouns[-1].group(0).lower().split())
    return _classify_count("patents", noun_words, _verb_in(words), bool(_PCT.search(t)), t)


def placed_with(t: str) -> bool:
    """Whether ``t`` states a place with its figure ("B came in fifth with 186")."""
    return placed_with_any(t)


def placed_after_patents(t: str, para: _Paragraph) -> bool:
    """Whether a sentence with no patent word is a place with its figure right after a
    sentence that counted patents ("…with 199 patents. B came in fifth with 186.")."""
    return placed_with(t) and bool(_NOUN_BACK.search(para.previous_text or ""))


def _placed_with(t: str, n: Number, para: _Paragraph) -> tuple[str, str] | None:
    """The figure after a place ("came in fifth with 186") counts what the sentence or the one
    before counted: applications if it named applications, else patents, granted (what the
    patent lists rank by); the context step renames them by the article's topic (PCT)."""
    if not PLACED_WITH.search(t[max(0, n.start - 40) : n.start]):
        return None
    named = list(_NOUN_BACK.finditer(t[: n.start])) or list(
        _NOUN_BACK.finditer(para.previous_text or "")
    )
    if not named:
        return None
    words = named[-1].group(0).lower()
    if "appl" in words or "filing" in words:
        return "patent_applications", "applications"
    return ("invention_patents_granted" if "invention" in words else "patents_granted"), "patents"


_ELIDED = re.compile(
    r"(with|granted|published|filed|transferred|of which|reach(?:ed|ing)?)\s*$", re.I
)


def _by_window(
    t: str, n: Number, prev_end: int, para: _Paragraph, window: list[str], trailing: str | None
) -> tuple[str, str] | None:
    """The count's own noun phrase decides ("12 international patents granted")."""
    after = t[n.end :]
    words = [w.lower() for w in window]
    if any(w.startswith("medal") for w in words):
        return ("other", " ".join(window)) if _PATENT_CONTEXT.search(t) else None
    head = words[-1]
    kind = {
        "patents": "patents",
        "patent": "patents",
        "applications": "applications",
        "application": "applications",
        "rights": "ip",
        "right": "ip",
    }.get(head)
    if head.startswith(("authorization", "authorisation")) and "patent" in words:
        kind, trailing = "patents", "granted"  # "56 invention patent authorizations" (grants)
    if kind is None or (kind == "ip" and "property" not in words):
        return None
    # the noun phrase's own participle ("640 issued patents") before any verb of the sentence
    own_verb = (
        trailing
        or _verb_in(" ".join(w for w in words if w.endswith("ed")))
        or _verb_after(after[len(" ".join(window)) + 1 :])
    )
    if kind == "applications" and own_verb == "granted" and "pct" not in words:
        # "2,020 applications were granted": the count's own passive verb makes it grants
        kind = "patents"
    verb = own_verb or _verb_before(t, n.start, prev_end) or _verb_of_previous(para.previous_text)
    if verb is None and kind == "patents" and RECEIVED_BEFORE.search(t, 0, n.start):
        verb = "granted"  # "the institute received 42 Indian patents"
    pct = "pct" in words or bool(
        re.match(r"^\s*(?:\w+\s+){0,4}under the (?:PCT|Patent Cooperation Treaty)", after)
    )
    return _classify_count(kind, set(words), verb, pct, t)


def _classify_count(
    kind: str, words: set[str], verb: str | None, pct: bool, t: str
) -> tuple[str, str] | None:
    if kind == "patents" and words & {"valid", "active"}:
        return "other", "patents held"  # valid or active patents held (conventions: `other`)
    intl = bool(words & {"international", "foreign", "overseas"})
    invention = bool(words & {"invention", "invent"})  # "invent patents" on translated pages
    if kind == "applications":
        if pct:
            published = (
                verb == "published"
                or bool(words & {"published", "open"})
                or (verb is None and bool(_RANK_WORD.search(t)))
            )
            return (
                "pct_applications_published" if published else "pct_applications_filed"
            ), "applications"
        if intl:
            return "international_patent_applications", "applications"
        if invention:
            return "invention_patent_applications", "applications"
        if verb == "published" or "published" in words:
            return "pct_applications_published", "applications"
        return "patent_applications", "applications"
    if kind == "ip":
        return ("patents_transferred", "ip rights") if verb == "transferred" else None
    if verb == "transferred":
        return "patents_transferred", "patents"
    return _by_verb(verb, intl, invention)


def _by_verb(verb: str | None, intl: bool, invention: bool) -> tuple[str, str] | None:
    """Granted or filed patents, international, invention or plain (English and Chinese alike)."""
    if verb == "granted":
        if intl:
            return "international_patents_granted", "patents"
        return ("invention_patents_granted" if invention else "patents_granted"), "patents"
    if verb == "filed":
        if intl:
            return "international_patent_applications", "applications"
        return (
            "invention_patent_applications" if invention else "patent_applications"
        ), "applications"
    return None


def _entry_of_list(t: str, at: int) -> bool:
    """A ranking's entry: a place, and a university named before the figure (not a company
    the names table does not know: "远山光电以410件排名第三")."""
    if not _RANK_WORD.search(t):
        return False
    before = [e for e in find_entities(t) if e.end <= at]
    return bool(before) and before[-1].university


# the three kinds named together: all patents ("合计发明、新型与设计3种专利")
_ALL_KINDS = re.compile(r"发明[、，,和与及]\s*(?:实用)?新型[、，,和与及]\s*(?:外观)?设计")


def _invention_kind(text: str) -> bool:
    """Whether the kind named last before a count is invention patents (not all three kinds
    named together after it: "发明专利申请百大中…；若合计发明、新型与设计3种专利，A以154件…")."""
    inventions = [m.start() for m in INVENTION_PATENTS.finditer(text)]
    every = [m.start() for m in _ALL_KINDS.finditer(text)]
    return bool(inventions) and not (every and every[-1] > inventions[-1])


# a patent measure named without 专利 (only in a paragraph that has named patents)
_MEASURE_NOUN = re.compile(
    r"(?:申请|授权|获证|公开|发证|核准)(?:量|数|件数)|申请案件?|以(?:申请|获证|授权|核准)\s*$"
)


def _count_metric_zh(t: str, n: Number, prev_end: int, para: _Paragraph) -> tuple[str, str] | None:
    start = max(prev_end, _clause_start(t, n.start))
    seg = t[start : n.start]
    measure = _MEASURE.match(t[n.end :])
    tail_end = _next_clause_end(t, n.end)
    tail = t[n.end + (measure.end() if measure else 0) : tail_end]
    if _ZH_SKIP_NOUN.search(seg) and not re.search(r"专利|知识产权", seg[-6:]):
        return None
    text = seg if re.search(r"专利|知识产权|PCT", seg) else tail
    if not re.search(r"专利|知识产权|PCT", text) and _MEASURE_NOUN.search(seg):
        # "台大发明专利申请量都在百件以上，但去年申请量大减至38件": after patents were named
        # (in the sentence or its paragraph), a measure noun (申请量, 获证数) is theirs, of
        # the kind the sentence (else the one before) named
        before = t[: n.start]
        if "专利" in before or para.patent_seen:
            named = before if "专利" in before else para.previous_text
            text = seg + ("发明专利" if "发明专利" in named else "专利")
    if not re.search(r"专利|知识产权|PCT", text):
        if LICENCE_DEAL_ZH.search(seg):
            return "patents_transferred", "patents"  # "签订的技术授权协议共有六十一项": licences
        if GRANT_ELIDED_ZH.search(seg) and para.last_count:
            # "共申请148项专利，成功取得68项": the applications' noun, granted
            granted = reverb(para.last_count, "granted")
            return granted, _unit(granted)
        if GRANTED_AFTER_ZH.match(tail) and (
            applied := applied_before(t[: n.start], para.last_count)
        ):
            # "…提交二百項專利申請，其中一百三十六項獲得批准": those applications, granted
            granted = reverb(applied, "granted")
            return granted, _unit(granted)
        if not elided_zh(seg):
            return None
        # "深圳大学以252件位居第三": the noun is the sentence's subject matter, or the last count's
        if re.search(r"专利|PCT", t[: n.start]):
            text = t[: n.start] + ("公开" if _RANK_WORD.search(t) else "")
        elif para.last_count:
            return para.last_count, _unit(para.last_count)
        elif para.list_basis and para.patent_seen and _entry_of_list(t, n.start):
            # "…发明专利公告发证排名。A名列第二，共有170件": an entry of the article's ranking
            # counts what the ranking ranks
            return para.list_basis, _unit(para.list_basis)
        else:
            return None
    if "PCT" in text:
        return (
            "pct_applications_published"
            if re.search(r"公开|公布", text)
            else "pct_applications_filed"
        ), "applications"
    if re.search(r"有效|拥有", text):
        return "other", "patents held"
    if re.search(r"转让|许可|转化|授权协议|授权使用|签订[^，。；]{0,8}协议", text):
        return "patents_transferred", "patents"  # a licence agreement (授权协议) is a transfer
    intl = bool(re.search(r"国际(?:发明)?专利|国外|海外|境外", text))
    invention = _invention_kind(text)
    verb = "granted" if "授权" in text else "filed" if "申请" in text else None
    return _by_verb(verb, intl, invention)


_TIME = {"last", "this", "next", "year", "years", "ago", "annually", "per", "each", "so"}
_WORD_OR_BRACKET = re.compile(
    r"\s*([A-Za-z](?:\.[A-Za-z])+\.?|[A-Za-z][A-Za-z-]*|\(|\))"
)  # U.S. is one word
_NEXT_LETTER = re.compile(r"^\s+[A-Za-z]")
_NEXT_WORD = re.compile(r"^\s+([A-Za-z-]+)")


def _noun_window(after: str) -> tuple[list[str], str | None]:
    """Words of the noun phrase right after a number, and a trailing participle if any."""
    words: list[str] = []
    for m in _WORD_OR_BRACKET.finditer(after):
        if m.start() != 0 and not words and after[: m.start()].strip():
            break
        word = m.group(1)
        if word in "()" or word.lower() in _STOP or word.lower() in _TIME or len(words) >= 6:
            break  # "5,000 patent applications last year": the time is not the noun
        words.append(word)
        rest = after[m.end() :]
        if not _NEXT_LETTER.match(rest):
            break
        after_next = _NEXT_WORD.match(rest)
        if after_next and after_next.group(1).lower() in _STOP | _TIME:
            break
    if words and words[-1].lower() in (
        "granted",
        "published",
        "filed",
        "transferred",
        "licensed",
        "authorized",
    ):
        return words[:-1], _verb_in(words[-1])
    return words, None


def _verb_matches(text: str) -> list[re.Match[str]]:
    """The patent verbs of ``text``, not the words of an office's name ("the technology
    transfer office recorded 132 patents" transfers nothing)."""
    found = list(_VERB_ALL.finditer(text))
    offices = office_spans(text) if found else []
    if offices:
        found = [m for m in found if not any(a <= m.start() < b for a, b in offices)]
    return found


@lru_cache(maxsize=4096)  # pure; asked again of one text for each of its figures
def _verb_in(text: str) -> str | None:
    """The category of the last patent verb in ``text`` (published/filed/granted/transferred)."""
    found = _verb_matches(text)
    return found[-1].lastgroup if found else None


@lru_cache(maxsize=256)
def _verbs_of(text: str) -> tuple[tuple[int, str | None], ...]:
    """Every patent verb of a sentence, once (not a scan of its prefix per number)."""
    return tuple((m.end(), m.lastgroup) for m in _verb_matches(text))


_FIRST_FIGURE = re.compile(r"(?<![\w.])\$?\d")


def _verb_before(t: str, start: int, prev_end: int) -> str | None:
    """The verb a count takes from the words before it: since the previous figure, else the
    sentence's. Items a semicolon parts ("recorded 148 agreements to license technology, …;
    132 patents, …") share the predicate before the first item, not each other's words."""
    semi = max(t.rfind(";", prev_end, start), t.rfind("；", prev_end, start))
    first = _FIRST_FIGURE.search(t, 0, semi) if semi >= 0 and prev_end > 0 else None
    if first:
        return _verb_in(t[semi + 1 : start]) or _last_verb(t, first.start())
    return _verb_in(t[prev_end:start]) or _last_verb(t, start)


def _last_verb(text: str, pos: int) -> str | None:
    """The last patent verb that ends before ``pos`` in ``text``."""
    last = None
    for end, group in _verbs_of(text):
        if end > pos:
            break
        last = group
    return last


@lru_cache(maxsize=256)
def _verb_of_previous(text: str) -> str | None:
    """The previous sentence's last verb: asked once per number of the next sentence."""
    return _verb_in(text)


def _verb_after(after: str) -> str | None:
    """The passive verb right after a count's noun, past an aside ("942 patents, including
    463 invention patents, were issued")."""
    m = re.match(
        r"^\s*(?:,\s*(?:including|of which|among them)\b[^,;.]{0,50},)?\s*,?\s*"
        r"(?:have|has|had|were|was)\s+(?:been\s+)?(\w+)",
        after,
    )
    if m and m.group(1).lower() in ("received", "awarded"):
        return "granted"  # "110 global patents were received by Purdue": patents it was granted
    return _verb_in(m.group(1)) if m else None


def _unit(metric: str) -> str:
    return "applications" if "applications" in metric else "patents"


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
