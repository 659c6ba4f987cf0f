"""Counts whose noun is bare, elided or says the metric only through its verb.

Reports that compare filings with grants write the patent noun once and then drop it:
"4,100 filings since 2019, only 38 grants overall", "3,300 publications, 120 grants",
"Yet only 120 granted", "it published 1,250 patents and received 33", "converting 210 of
its 330 applications". Each form below gives (value, start, end, metric):

* a bare noun: filings → applications, grants → grants, publications → applications (a
  patent publication is a published application, not a grant); "grants" and
  "publications" count only in a paragraph about patents (:func:`patent_paragraph`),
  never beside money or papers;
* an elided noun with its verb: "only 38 granted", "and received 33" after a patent count;
* "converting N of its M applications": N applications became grants;
* "published N patents", "N patent publications": applications, not grants (outside PCT,
  whose published applications other finders read);
* "writes/files N provisional patents": a provisional patent is an application;
* "N patents out of the M filed": M applications;
* "N new intellectual property disclosures", "reporting N inventions": disclosures
  (``other``) whatever their modifier;
* "a total of N requests" in a paragraph about patent applications: applications (a
  translated "demandes").
"""

from __future__ import annotations

import re

from core.metrics.gates import gate_tables

_NUM = r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]\d|\s*%)"
_LEAD = r"(?<![\w$.,#-])"

_BARE = re.compile(
    rf"{_LEAD}{_NUM}\s+(?P<noun>filings|grants|publications|requests)\b(?!\s+(?:of|for|to|from)\b)",
    re.I,
)
_BARE_METRIC = {
    "filings": "patent_applications",
    "grants": "patents_granted",
    "publications": "patent_applications",
    "requests": "patent_applications",  # a translated "demandes": applications
}
_ELIDED_GRANT = re.compile(
    rf"\b(?:only|just|but|yet|and|with)\s+(?:only\s+|just\s+)?{_NUM}\s+"
    r"(?:of (?:them|these|which)\s+)?(?:were\s+|was\s+|being\s+)?"
    r"(?:granted|issued|approved)\b(?!\s+(?:patents?|applications?|to|by)\b)",
    re.I,
)
_RECEIVED = re.compile(
    rf"\b(?:and|but|yet)\s+(?:only\s+)?(?:received|secured|obtained|got|was granted|were granted)"
    rf"\s+(?:only\s+|just\s+)?{_NUM}(?=\s*(?:[,;.]|$|\band\b))",
    re.I,
)
# "27 patents out of the 116 filed": the second number counts the applications
_OUT_OF_FILED = re.compile(
    rf"\bout of (?:the |its |their )?{_NUM}\s+(?:patents?\s+|applications?\s+)?(?:filed|applied for)\b",
    re.I,
)
_CONVERTING = re.compile(
    rf"\bconvert(?:ing|ed|s)?\s+(?:only\s+|just\s+)?{_NUM}\s+of\s+(?:its|their|the|his|her)\s+"
    r"(?P<m>\d{1,3}(?:,\d{3})+|\d+)\s+(?:patent\s+)?(?:applications|filings)\b",
    re.I,
)
_PUBLISHED = re.compile(
    rf"\bpublish(?:ed|es|ing)?\s+(?:more than\s+|over\s+|about\s+|nearly\s+)?{_NUM}\s+patents\b",
    re.I,
)
_PUBLICATIONS = re.compile(rf"{_LEAD}{_NUM}\s+patent\s+publications\b", re.I)
_PROVISIONAL = re.compile(
    rf"{_LEAD}{_NUM}\s+(?:new\s+)?provisional\s+(?:patents?|patent applications?|applications?)\b",
    re.I,
)
# "reporting over 300 inventions": inventions reported or disclosed are disclosures
_REPORTED = re.compile(
    r"\b(?:report|disclos)(?:ed|ing|es|e)?\s+(?:over\s+|more than\s+|about\s+|nearly\s+|some\s+)?"
    rf"{_NUM}\s+(?:new\s+)?inventions\b",
    re.I,
)
_DISCLOSURES = re.compile(
    rf"{_LEAD}{_NUM}\s+(?:new\s+)?(?:intellectual[ -]property|IP|technology|tech)\s+disclosures\b",
    re.I,
)
# the paragraph is about patents: its bare "grants" are patent grants, not research grants
_PATENT_WORD = re.compile(r"patent|专利", re.I)
# (money, funding, papers, people: the currency signs are substring tests, for a single
# character is no gate word and with them the words were scanned at every position)
_CURRENCY_SIGNS = ("$", "€", "£")
_NOT_PATENT = re.compile(
    r"\bfunding|\bfunded|\bNSFC?\b|\bNIH\b|\bresearch grants?|\bgrant money|\bgrants? (?:of|worth|totall?ing)"
    r"|\bpapers\b|\bjournals?\b|\bcitations?\b|\bscholarships?\b|\bstudents?\b",
    re.I,
)
_BARE_WORDS = (
    "filings", "grants", "publications", "requests", "granted", "issued", "approved",
    "received", "secured", "obtained", "got",
)  # fmt: skip
_APPLICATIONS = re.compile(r"patent applications?|applications? for patents|专利申请", re.I)
_RESPECTIVELY = re.compile(r"respectively|分别", re.I)
_PUBLICATIONS_OF_PATENTS = re.compile(r"patent publications|published[^.;]{0,40}patent", re.I)
_PATENT_COUNT_BEFORE = re.compile(r"patents?\b|applications?\b|filings?\b|granted\b", re.I)


def _value(raw: str) -> float:
    return float(raw.replace(",", ""))


def paragraph_topics(topics: str, sentence: str) -> str:
    """What a paragraph has spoken of so far, after ``sentence``, as the few words the tests
    here look for (not the whole text: it is searched once per sentence)."""
    found = {w for w in topics.split("|") if w}
    if _PATENT_WORD.search(sentence):
        found.add("patent")
    if _PUBLICATIONS_OF_PATENTS.search(sentence):
        found.add("patent publications")
    if _APPLICATIONS.search(sentence):
        found.add("patent applications")
    return "|".join(sorted(found))


def patent_paragraph(sentence: str, before: str) -> bool:
    """Whether a sentence's bare nouns are patent ones: it, or the paragraph before it,
    speaks of patents, and it speaks of no money, papers or people."""
    return bool(_PATENT_WORD.search(sentence) or _PATENT_WORD.search(before)) and not (
        any(c in sentence for c in _CURRENCY_SIGNS) or _NOT_PATENT.search(sentence)
    )


def bare_spans(text: str, before: str) -> list[tuple[float, int, int, str]]:
    """(value, start, end, metric) of each count of ``text`` in the forms above;
    ``before`` is the paragraph's text before the sentence (what its bare nouns refer to)."""
    out: list[tuple[float, int, int, str]] = []
    low = text.lower()
    if "provisional" in low:
        out += [
            (_value(m["n"]), m.start("n"), m.end(), "patent_applications")
            for m in _PROVISIONAL.finditer(text)
        ]
    if "report" in low or "disclos" in low:
        out += [(_value(m["n"]), m.start("n"), m.end(), "other") for m in _REPORTED.finditer(text)]
    if "disclosure" in low:
        out += [
            (_value(m["n"]), m.start("n"), m.end(), "other") for m in _DISCLOSURES.finditer(text)
        ]
    if "publi" in low and "pct" not in low:
        for pattern in (_PUBLISHED, _PUBLICATIONS):
            out += [
                (_value(m["n"]), m.start("n"), m.end(), "patent_applications")
                for m in pattern.finditer(text)
            ]
    if "out of" in low:
        out += [
            (_value(m["n"]), m.start("n"), m.end(), "patent_applications")
            for m in _OUT_OF_FILED.finditer(text)
        ]
    if "convert" in low:
        for m in _CONVERTING.finditer(text):
            out.append((_value(m["n"]), m.start("n"), m.end("n"), "patents_granted"))
            out.append((_value(m["m"]), m.start("m"), m.end(), "patent_applications"))
    if not any(w in low for w in _BARE_WORDS) or not patent_paragraph(text, before):
        return out  # substring tests first: most sentences hold none of these words
    for m in _BARE.finditer(text):
        if _RESPECTIVELY.search(text, max(0, m.start() - 60), m.end() + 60):
            continue  # "A and B have respectively 19 and 18 requests": the list finder pairs them
        noun = m["noun"].lower()
        if noun == "publications" and not _PUBLICATIONS_OF_PATENTS.search(before + " " + text):
            continue
        if noun == "requests" and "patent applications" not in paragraph_topics(before, text):
            continue  # requests count applications only where the paragraph counts them
        out.append((_value(m["n"]), m.start("n"), m.end(), _BARE_METRIC[noun]))
    out += [
        (_value(m["n"]), m.start("n"), m.end(), "patents_granted")
        for m in _ELIDED_GRANT.finditer(text)
    ]
    for m in _RECEIVED.finditer(text):
        if _PATENT_COUNT_BEFORE.search(text[max(0, m.start() - 60) : m.start()]):
            out.append((_value(m["n"]), m.start("n"), m.end(), "patents_granted"))
    return out


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
