"""Exactness of the speed11 shortcuts: each equals the scan it stands for, on made-up texts
(every position, every mark next to every other) and on the identity corpus's shapes."""

from __future__ import annotations

import itertools
import random
import re

import pytest

from core.metrics import (
    article_names,
    bare_counts,
    entities,
    gates,
    initials,
    linerank,
    list_basis,
    scopes,
    unwrap,
)

# the marks a sentence end is made of, and what sits beside them
_PIECES = (".", " ", "\n", "。", "!", "？", "a", "排名", ". ", ".\n", "..", "\t")


def _texts(n: int, seed: int = 11) -> list[str]:
    rnd = random.Random(seed)
    out = ["".join(p) for p in itertools.product(_PIECES, repeat=3)]
    out += ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 30))) for _ in range(n)]
    return out


def test_last_end_before_is_the_stopped_scan() -> None:
    for head in _texts(2000):
        ends = list_basis._sentence_ends(head)
        for pos in range(len(head) + 1):
            stopped = max(
                (e.end() for e in list_basis._SENTENCE_END.finditer(head, 0, pos)), default=0
            )
            assert list_basis._last_end_before(head, ends, pos) == stopped, (head, pos)


_NAME_PIECES = (
    "Qinling ", "University", " of ", "Science", " (QUS)", "(QUS)", " (Q)", " (QU)", "（QUS）", "(QUS）",
    "江苏大学", "（江大）", "(江大)", "学院", "(华东)", " ", "\n", "the ", "X-Y ", "(", ")", "。",
)  # fmt: skip


def test_abbreviation_test_holds_for_every_definition() -> None:
    """Every match of the definitions' pattern holds a match of the looser bracket test, so an
    article the test skips has no definition (the context step's shortcut is exact)."""
    rnd = random.Random(14)
    texts = ["".join(p) for p in itertools.product(_NAME_PIECES, repeat=3)]
    texts += ["".join(rnd.choice(_NAME_PIECES) for _ in range(12)) for _ in range(3000)]
    defined = 0
    for text in texts:
        for m in entities._DEFINED.finditer(text):
            defined += 1
            assert article_names.defines_short_forms(m.group(0)), (text, m.group(0))
        if not article_names.defines_short_forms(text):
            assert entities.article_abbreviations(text) == {}, text
    assert defined > 300  # the made-up texts do define short forms


_TOKEN_PIECES = (
    "Oklahoma State University", " OSU", " OSU earned", " (OSU)", " IIT Madras", " IIT-Bombay",
    " IIT", " the University of Oklahoma", " OU", " UOklahoma", " US", " PCT", ". ", "\n", "，",
)  # fmt: skip


def test_undefined_tokens_gate_the_name_scan() -> None:
    """The locale step skips the whole-text name scan where no token is undefined: exact only
    if every implied short form is such a token, whatever full names the article holds."""
    fulls = ["Oklahoma State University", "University of Oklahoma", "Indian Institute of Tech"]
    rnd = random.Random(19)
    texts = ["".join(p) for p in itertools.product(_TOKEN_PIECES, repeat=2)]
    texts += ["".join(rnd.choice(_TOKEN_PIECES) for _ in range(8)) for _ in range(2000)]
    implied = 0
    for text in texts:
        heads = {m.group(1) for m in initials._HEAD.finditer(text)}
        heads |= {m.group(1) for m in initials._BRACKETED.finditer(text)}
        assert initials.undefined_tokens(text) == initials.candidate_tokens(text) - heads, text
        pairs = initials.implied_short_names(text, fulls)
        implied += bool(pairs)
        assert {short for short, _ in pairs} <= initials.undefined_tokens(text), text
    assert implied > 100  # the made-up texts do imply short forms


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        (re.compile(r"\b[Tt]op\s+\d"), ((False, "Top"), (False, "top"))),
        (re.compile(r"[Tt]op", re.I), ((True, "top"),)),  # both letters lower to one word
        (re.compile(r"[Tt]\d"), None),  # no literal after the class: single letters
        (re.compile(r"[(（]QUS[)）]"), ((False, "(QUS"), (False, "（QUS"))),
        (re.compile(r"[Tt]+op"), None),  # a repeated class: the run does not follow it once
        (re.compile(r"[Tt](?:op|ip)"), None),  # (the run is literal characters only)
    ],
)
def test_a_class_and_the_letters_after_it_are_start_words(
    pattern: re.Pattern[str], starts: tuple[tuple[bool, str], ...] | None
) -> None:
    assert gates.start_words(pattern) == starts


def test_a_class_led_search_from_its_start_words_finds_what_the_scan_finds() -> None:
    """On long texts (where the start places are used) the gated pattern finds the pattern's
    own matches, for the list-title pattern that gained its start words."""
    rnd = random.Random(3)
    pieces = ("Top 10 ", "top 5 ", "Top ", "American ", "Universities", "Colleges ", "list of ",
              "U.S. ", "universities ", "stop 3 ", "Atop 7 ", "\n", ". ")  # fmt: skip
    pattern = scopes._LIST_TITLE
    assert pattern.starts
    for _ in range(300):
        text = "".join(rnd.choice(pieces) for _ in range(80))
        assert len(text) >= 320
        ours = [m.span() for m in pattern.finditer(text)]
        assert ours == [m.span() for m in pattern._re.finditer(text)], text
        found = pattern.search(text, 9)
        theirs = pattern._re.search(text, 9)
        assert (found and found.span()) == (theirs and theirs.span()), text


def test_inline_list_marks_are_those_of_the_lookbehind_alternation() -> None:
    """ "(?<![^\\s;…])" is "(?:(?<=[\\s;…])|^)": the same marks (and groups) on every text,
    short (one scan) and long (tried at its digits)."""
    reference = re.compile(r"(?:(?<=[\s;；:：,，])|^)(\d{1,3})\.\s+(?=\S)")
    pieces = ("1. ", "12. ", "1234. ", " ", "\n", ";", "，", "a", "x1. ", "：3.  b", "3.", ". ")
    rnd = random.Random(7)
    texts = ["".join(p) for p in itertools.product(pieces, repeat=3)]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 200))) for _ in range(3000)]
    assert sum(len(t) >= 320 for t in texts) > 500
    for text in texts:
        ours = [(m.span(), m.group(1)) for m in linerank._INLINE_DOT.finditer(text)]
        assert ours == [(m.span(), m.group(1)) for m in reference.finditer(text)], text


def test_not_patent_test_answers_as_the_one_pattern() -> None:
    """The currency signs as substring tests and the words behind their gate say what the one
    alternation said, on every text: the paragraph test reads the same."""
    reference = re.compile(
        r"\$|€|£|\bfunding|\bfunded|\bNSFC?\b|\bNIH\b|\bresearch grants?|\bgrant money"
        r"|\bgrants? (?:of|worth|totall?ing)|\bpapers\b|\bjournals?\b|\bcitations?\b"
        r"|\bscholarships?\b|\bstudents?\b",
        re.I,
    )
    pieces = ("$", "€", "£", "US$3", "Funding", "unfunded", "NSF", "NSFC", "nih", "grants of",
              "grant money", "Papers", "newspapers", "student", "patent", " ", "\n", "x" * 40)  # fmt: skip
    rnd = random.Random(5)
    texts = ["".join(p) for p in itertools.product(pieces, repeat=2)]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40))) for _ in range(3000)]
    for text in texts:
        for before in ("", "patent"):
            expected = bool(
                bare_counts._PATENT_WORD.search(text) or bare_counts._PATENT_WORD.search(before)
            ) and not reference.search(text)
            assert bare_counts.patent_paragraph(text, before) == expected, text


def test_glosses_are_those_of_the_lookbehind_led_pattern() -> None:
    """The pinyin gloss pattern with its bracket first finds (and removes) what the form led by
    the lookbehind found, on every text."""
    reference = re.compile(r"(?<=[\u4e00-\u9fff)])\((?:[a-z]|[\u00e0-\u00fc\u0101-\u01dc]){1,6}\)")
    pieces = ("北", "(xue)", "(zhuǎn)", "(abcdefg)", ")", "(", "a", " ", "（", "(X)", "((", "é")
    rnd = random.Random(9)
    texts = ["".join(p) for p in itertools.product(pieces, repeat=3)]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30))) for _ in range(3000)]
    found = 0
    for text in texts:
        ours = [m.span() for m in unwrap._GLOSS.finditer(text)]
        assert ours == [m.span() for m in reference.finditer(text)], text
        assert unwrap._GLOSS.sub("", text) == reference.sub("", text), text
        found += bool(ours)
    assert found > 500
