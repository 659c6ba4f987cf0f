"""Rank forms of list lines and ranking prose that the other finders do not read.

* "#15 (#293 overall) Name, Country." — a rank in the list and, in brackets, the rank among
  all applicants; both belong to the name that follows;
* inline numbered lists "1) Name: 505 patents; 2) Name: 278" — the number before ")" is
  the rank of the name right after it;
* "Name is ranked (at) 59 with 42 patents", "Name ranked at 69", "coming in at 41st" —
  a bare number after "ranked at"/"coming in at" is a rank of the name before it.

Each finder returns (institution, "rank", value, unit, position) like :mod:`core.metrics.lists`.
"""

from __future__ import annotations

import re

from core.metrics.entities import Entity, find_entities
from core.metrics.gates import gate_tables
from core.metrics.numbers import ORDINAL_WORDS, cn_value

Found = tuple[str, str, float, str, int]

_HASH = re.compile(r"(?<![\w#])#\s?(\d{1,3})\b(?:\s*[(（]\s*#\s?(\d{1,5})\s+overall\s*[)）])?")
# the body that holds a university's patents, written before its name
_HOLDER = re.compile(
    r"(?:The\s+)?(?:Regents|Trustees|Board of (?:Regents|Trustees)|President and Fellows) of\s+"
    # a university's patent-holding arm: "Industry and Academic Cooperation at Yonsei
    # University", "Ramot and Tel Aviv University", "Yissum … of the Hebrew University"
    r"|(?:The\s+)?(?:Industry(?:[- ]|\s+and\s+)(?:Academic|University)\s+Cooperation(?:\s+Foundation)?"
    r"|Ramot|Yissum Research Development Company)\s*,?\s*(?:at|of|and|for)?\s+(?:the\s+)?",
    re.I,
)
_INLINE = re.compile(r"(?:^|(?<=[\s;；,，:：]))(\d{1,3})\)\s+")
_RANKED_AT = re.compile(
    r"\b(?:is |was |are |were )?(?:ranked|ranks|placed|coming in|came in) at\s+(?:No\.?\s*)?(\d{1,3})"
    r"(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|patents?|applications?|universit|institutions|\.\d))"
    r"|\b(?:is|was) ranked\s+(\d{1,3})\b(?!\s*(?:st|nd|rd|th|%|percent|patents?|applications?))",
    re.I,
)
_ORDS = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
_TIED = re.compile(
    r"\b(?:are |were )?(?:both |jointly )?(?:tied (?:for|at)|ranked|placed|shared)\s+(?:the\s+)?"
    rf"(?:(?:No\.?\s*)?(\d{{1,3}})(?:st|nd|rd|th)?\b|({_ORDS})\b)"
    r"|(?:并列|並列|同列)[^，。；,;\d]{0,8}?第?\s*(\d{1,3}|[一二三四五六七八九十]{1,3})(?=\s*[位名])",
    re.I,
)
# "It is tied with A in Suita, Japan, and B for No. 91": the subject and each rival hold it
_TIED_WITH = re.compile(
    r"\btied\s+with\s+(?P<rivals>[^;.]{3,160}?)\s+for\s+(?:the\s+)?"
    rf"(?:(?:No\.?\s*|#)(?P<n>\d{{1,3}})\b|(?P<s>\d{{1,3}})(?:st|nd|rd|th)\b|(?P<w>{_ORDS})\b)",
    re.I,
)
_TIE_WORD = re.compile(
    r"\(tie\)|\btied\b|\bboth\b|\bjointly\b|\bshar(?:ed|es|ing)\b|并列|並列|同列", re.I
)
_TIE_HINTS = ("tie", "both", "jointly", "shar", "并列", "並列", "同列")  # substring tests first
_WITH_AFTER = re.compile(r"\s*(?:place|spot|position)?\s*with\s+(?:the\s+)?", re.I)
_WITH = re.compile(r"(?:与|和|同|跟|\bwith)\s*$", re.I)
_JOIN = re.compile(r"^\s*(?:,|and|&|、|和|及|与|,\s*and)\s*$", re.I)
OVERALL = "overall"


def hash_ranks(line: str, entities: list[Entity]) -> list[Found]:
    """'#15 (#293 overall) Name': rank 15 and, with scope overall, 293, of the name after."""
    out: list[Found] = []
    if "#" not in line:
        return out
    for m in _HASH.finditer(line):
        owner = next((e for e in entities if 0 <= e.start - m.end() <= 3), None)
        owner = owner or _before(entities, m.start())
        if owner is None or not owner.name:
            continue
        out.append((owner.name, "rank", float(m.group(1)), "rank", m.start(1)))
        if m.group(2):
            out.append((owner.name, "rank", float(m.group(2)), OVERALL, m.start(2)))
    return out


def inline_numbered(sentence: str, entities: list[Entity]) -> list[Found]:
    """ "1) Name: 505 patents; 2) Name: 278": the number before ")" ranks the name after it;
    at least two entries, numbered in order, make a list (not a stray "3) ")."""
    hits: list[Found] = []
    if ")" not in sentence:
        return hits
    for m in _INLINE.finditer(sentence):
        lead = _HOLDER.match(sentence, m.end())  # "1) The Regents of the University of X"
        at = lead.end() if lead else m.end()
        owner = next((e for e in entities if 0 <= e.start - at <= 4), None)
        if owner is not None and owner.university and owner.name:
            hits.append((owner.name, "rank", float(m.group(1)), "rank", m.start(1)))
    ranks = [h[2] for h in hits]
    if len(hits) < 2 or ranks != sorted(ranks):
        return []
    return hits


def list_line_ranks(sentence: str, entities: list[Entity]) -> list[Found]:
    """The places of every list-line form: "#15 (#293 overall) Name", "1) Name; 2) Name",
    "2nd: Name", "Name (1), Name (2), Name (3)"."""
    return (
        hash_ranks(sentence, entities)
        + inline_numbered(sentence, entities)
        + ordinal_line(sentence, entities)
        + bracketed_places(sentence, entities)
        + gapped_places(sentence, entities)
    )


# "…was first, with B second, C third and D fourth": a name and its place, the verb gapped
_GAPPED = re.compile(
    r"\s*,?\s*(?:(?:was|is|came(?:\s+in)?|placed|finished|ranked)\s+)?(?:(?:at|in)\s+)?(?:the\s+)?"
    rf"(?:No\.\s*(\d{{1,3}})\b|(\d{{1,3}})(?:st|nd|rd|th)\b|({_ORDS})\b)"
    r"(?:\s+(?:place|spot|position))?(?=\s*(?:[,;.)]|and\b|with\b|$))",
    re.I,
)


def gapped_places(sentence: str, entities: list[Entity]) -> list[Found]:
    """A series of two or more "Name ordinal" pairs ("MIT second, Stanford third"): each
    name's place is the ordinal right after it."""
    hits: list[Found] = []
    for e in entities:
        m = _GAPPED.match(sentence, e.end) if e.university and e.name else None
        if m:
            raw = m.group(1) or m.group(2) or m.group(3)
            value = _place_value(raw)
            if value:
                hits.append((e.name or "", "rank", value, "rank", m.start()))
    return hits if len(hits) >= 2 else []


# a list line that opens with its place: "2nd: Massachusetts Institute of Technology",
# "3rd Stanford University", "Rank 4: X", "| 7 | X | 120 |"
_ORDINAL_LINE = re.compile(
    r"^\s*(?:(?:[-•*·]\s*)?(\d{1,3})(?:st|nd|rd|th)\s*(?:[:.)]|[-–—]\s)?"
    r"|(?:[-•*·]\s*)?(?:Rank(?:ed)?|Number)\s*(\d{1,3})\s*(?:[:.)]|[-–—]\s)?"
    r"|\|\s*(\d{1,3})\s*\|)\s*",
    re.I,
)


def ordinal_line(line: str, entities: list[Entity]) -> list[Found]:
    """ "2nd: Name": the ordinal opening the line ranks the name right after it."""
    m = _ORDINAL_LINE.match(line)
    if not m or not any(m.groups()):
        return []
    owner = next((e for e in entities if 0 <= e.start - m.end() <= 4), None)
    if owner is None or not (owner.university and owner.name):
        return []
    n = next(i for i in range(1, 4) if m.group(i))
    return [(owner.name, "rank", float(m.group(n)), "rank", m.start(n))]


_PLACE_BRACKET = re.compile(r"\s*[(（]\s*(\d{1,3})\s*[)）]")
_MIN_PLACES = 3  # entries: two bracketed numbers in order may be counts by chance


def bracketed_places(sentence: str, entities: list[Entity]) -> list[Found]:
    """ "A (1), B (2), C (3) and D (4)": bare numbers in brackets after three or more names
    that run 1, 2, 3 … (ties repeat one) are their places; counts would fall, not rise."""
    hits = []
    for e in entities:
        m = _PLACE_BRACKET.match(sentence, e.end)
        if m and e.university and e.name:
            hits.append((e.name, float(m.group(1)), m.start(1)))
    places = [v for _n, v, _p in hits]
    steps = [b - a for a, b in zip(places, places[1:], strict=False)]
    if len(hits) < _MIN_PLACES or places[0] > 10 or any(d not in (0, 1, 2) for d in steps):
        return []
    if not any(d == 1 for d in steps):
        return []  # "(5), (5), (5)": the same count, not places
    return [(n, "rank", v, "rank", p) for n, v, p in hits]


# "…in 2020: 1. University of California, 500; 2. Massachusetts Institute of Technology, 300;
# 3. …": a numbered list inside one paragraph (the sentence splitter cuts it at each "N.")
# ((?:(?<=[\s;；:：,，])|^) written as "no other character before": the same places, and its
# digits open every match, so a long paragraph is tried at its digits only: core/metrics/gates.py)
_INLINE_DOT = re.compile(r"(?<![^\s;；:：,，])(\d{1,3})\.\s+(?=\S)")


def paragraph_numbered(text: str) -> list[tuple[str, float, int, int, int]]:
    """(name, place, position, paragraph start, paragraph end) of each "N. Name" entry of a
    paragraph holding three or more, numbered in order."""
    out: list[tuple[str, float, int, int, int]] = []
    start = 0
    for para in text.split("\n"):
        hits = []
        marks = list(_INLINE_DOT.finditer(para)) if ". " in para else []
        if len(marks) < _MIN_PLACES:  # most paragraphs: no list, and no name scan
            marks = []
        for m in marks:
            ents = find_entities(para[m.end() : m.end() + 120])
            if ents and ents[0].start <= 4 and ents[0].university and ents[0].name:
                hits.append((ents[0].name, float(m.group(1)), start + m.start(1)))
        places = [h[1] for h in hits]
        if len(hits) >= _MIN_PLACES and places == sorted(places) and places[0] <= 10:
            out += [(n, v, p, start, start + len(para)) for n, v, p in hits]
        start += len(para) + 1
    return out


def ranked_at(sentence: str, entities: list[Entity]) -> list[Found]:
    """ "Name is ranked (at) 59 with 42 patents": the rank of the nearest name before it."""
    out: list[Found] = []
    low = sentence.lower()
    if not any(w in low for w in ("ranked", "ranks", "placed", "came in", "coming in")):
        return out
    for m in _RANKED_AT.finditer(sentence):
        owner = _before(entities, m.start())
        raw = m.group(1) or m.group(2)
        if owner is not None and owner.name:
            out.append((owner.name, "rank", float(raw), "rank", m.start()))
            out += _and_at(sentence, entities, m.end())
    return out


def _and_at(sentence: str, entities: list[Entity], pos: int) -> list[Found]:
    """ "A ranked at 69 and B at 72": the names joined after a "ranked at" share its verb."""
    out: list[Found] = []
    for e in entities:
        if e.start < pos or not (e.university and e.name):
            continue
        if not re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", sentence[pos : e.start]):
            break
        m = re.match(r"\s+at\s+(?:No\.?\s*)?(\d{1,3})(?:st|nd|rd|th)?\b", sentence[e.end :])
        if not m:
            break
        out.append((e.name, "rank", float(m.group(1)), "rank", e.end + m.start(1)))
        pos = e.end + m.end()
    return out


def _before(entities: list[Entity], pos: int) -> Entity | None:
    before = [e for e in entities if e.end <= pos and e.university and e.name]
    return before[-1] if before else None


def tied_ranks(sentence: str, entities: list[Entity]) -> list[Found]:
    """ "(tie) A and B ranked 20th", "A and B tied for 20th", "A、B并列第3": each name of the
    run just before the rank holds it (the rules label a tie once per institution)."""
    low = sentence.lower()
    if not any(w in low for w in _TIE_HINTS) or not _TIE_WORD.search(sentence):
        return []
    out: list[Found] = []
    for m in _TIED.finditer(sentence):
        run = _run_before(sentence, entities, m.start())
        names = [e.name or "" for e in run]
        partner = _WITH_AFTER.match(sentence, m.end())
        if len(run) == 1 and partner:  # "A is tied for 40th place with B"
            names += [e.name or "" for e in entities if e.start == partner.end() and e.name]
        elif len(run) == 1 and _WITH.search(sentence[: run[0].start]):
            # "A的获奖数与B并列第1": B and the subject before it (the article's own if unnamed)
            subject = _before(entities, run[0].start)
            names.insert(0, subject.name or "" if subject else "")
        if len(names) < 2 and m.group(0).lower().startswith("tied"):
            # "…, tied for tenth, A and B.": the run of names right after the tie holds it
            names = [e.name or "" for e in run_after(sentence, entities, m.end())]
        if len(names) < 2:
            continue
        raw = m.group(1) or m.group(2) or m.group(3)
        value = _place_value(raw)
        if value:
            out += [(name, "rank", value, "rank", m.start()) for name in names]
    return out + _tied_with(sentence, entities)


def _place_value(raw: str) -> float | None:
    if raw.isdigit():
        return float(raw)
    return float(ORDINAL_WORDS.get(raw.lower(), 0)) or cn_value(raw)


def _tied_with(sentence: str, entities: list[Entity]) -> list[Found]:
    """ "A is tied with B and C for No. 91": A (the article's own where unnamed) and each
    university named between "tied with" and "for" hold the place."""
    out: list[Found] = []
    if "tied with" not in sentence.lower():
        return out
    for m in _TIED_WITH.finditer(sentence):
        value = _place_value(m.group("n") or m.group("s") or m.group("w"))
        lo, hi = m.span("rivals")
        rivals = [e.name for e in entities if lo <= e.start and e.end <= hi and e.university]
        if not value or not rivals:
            continue
        subject = _before(entities, m.start())
        names = [subject.name if subject and subject.name else "", *rivals]
        out += [(n or "", "rank", value, "rank", m.start()) for n in names]
    return out


def _run_before(sentence: str, entities: list[Entity], pos: int) -> list[Entity]:
    """The names joined by "and", commas or 、 that end right before ``pos``."""
    names = [e for e in entities if e.end <= pos and e.university and e.name]
    if not names or len(sentence[names[-1].end : pos].strip()) > 12:
        return []
    run = [names[-1]]
    for e in reversed(names[:-1]):
        if not _JOIN.match(sentence[e.end : run[0].start]):
            break
        run.insert(0, e)
    return run


def run_after(
    sentence: str,
    entities: list[Entity],
    pos: int,
    lead: re.Pattern[str] | None = None,
    join: re.Pattern[str] | None = None,
) -> list[Entity]:
    """The university names joined by "and", commas or 、 (``join``, fully matched between
    two names) that start right after ``pos``, with only ``lead`` between ``pos`` and the
    first (default: a comma); up to the first words that are no join."""
    lead, join = lead or _COMMA_LEAD, join or _JOIN
    names = [e for e in entities if e.start >= pos and e.university and e.name]
    if not names or not lead.fullmatch(sentence[pos : names[0].start]):
        return []
    run = [names[0]]
    for e in names[1:]:
        if not join.fullmatch(sentence[run[-1].end : e.start]):
            break
        run.append(e)
    return run


_COMMA_LEAD = re.compile(r"\s*,\s*")


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
