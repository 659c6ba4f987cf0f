"""The extractor's fast scans find exactly what the plain patterns they replace find.

Each fast form (a trie, a gate, a scan tried only where a match can start) is compared
with its reference form on the real labelled articles (read at run time from
../shared/metrics-dev/, never copied), on the made-up texts of the project's labelled
sets, and on made-up edge cases; no expected output is written down here.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.metrics import entities, initials, listpass, locale, names, numbers, unwrap, where
from core.metrics import sentences as sent
from core.metrics.gates import DIGIT_START, Gated, Started, gate, required_words, start_words
from core.metrics.trie import FirstOf, WordScan, _top_level, any_match, trie_branches, trie_pattern

ROOT = Path(__file__).resolve().parents[2]
LABELLED = ROOT.parent / "shared" / "metrics-dev" / "articles.json"
EDGES = [
    "",
    "İstanbul six; ſix patents, K nine, Twenty-One and twenty one, someone 12,000.5",
    "二百一十五件 and TEN; x-one y one FORTY-TWO 三百万 1.5.6 ,7 a8 _9 1,234,567.8",
    'A. B. No. 3 is. 12. Purdue. U.S. Patent! Yes? “Q” x.  Y\n1. A\n2. B. C\n。。！x."A',
    "- A 12\n- B 13 patents\n3. C，2800件。\n第三名：D，2800件\nx 12, \n\n",
    "中 \n 中\n\n中，\n(x\n中\n  \n中\t\n\t（a\n中",
    "THE UNIVERSITY of X, The University Of Y, our School's, xthe school, Our university",
]


def _texts() -> list[str]:
    texts = list(EDGES)
    if LABELLED.exists():
        texts += [a["text"] for a in json.loads(LABELLED.read_text(encoding="utf-8"))]
    extra = ROOT / "tests" / "metrics" / "extra_real.json"
    texts += [a["text"] for a in json.loads(extra.read_text(encoding="utf-8"))]
    for path in sorted((ROOT / "tests" / "metrics").glob("labelled_*.toml")):
        texts += [c["text"] for c in tomllib.loads(path.read_text(encoding="utf-8"))["case"]]
    return texts + [line for t in texts for line in t.split("\n") if line.strip()]


TEXTS = _texts()


def _spans(matches: Iterator[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def test_the_corpus_is_the_real_one_when_shared_is_there() -> None:
    if not LABELLED.exists():
        pytest.skip("../shared/metrics-dev is not beside the repository")
    texts = set(TEXTS)
    assert all(a["text"] in texts for a in json.loads(LABELLED.read_text(encoding="utf-8")))


def test_numbers_are_those_of_the_one_alternation() -> None:
    for text in TEXTS:
        assert numbers.find_numbers(text) == numbers._numbers_one_scan(text), text[:80]


def test_sentences_end_where_the_end_pattern_says() -> None:
    def reference(text: str) -> list[sent.Sentence]:
        out: list[sent.Sentence] = []
        for p_index, para in enumerate(re.finditer(r"[^\n]+", text)):
            chunk, last = para.group(0), 0
            for m in sent._END.finditer(chunk):
                if m.start() > last:
                    out += sent._emit(chunk, last, m.start(), para.start(), p_index)
                    last = m.start()
            if last < len(chunk):
                out += sent._emit(chunk, last, len(chunk), para.start(), p_index)
        return out

    for text in TEXTS:
        assert list(sent.split_sentences(text)) == reference(text), text[:80]


def test_alias_tries_match_what_the_flat_alternation_matches() -> None:
    names = {a for aliases in entities.ALIASES.values() for a in aliases}
    names |= set(entities.NON_UNIVERSITIES)
    latin = sorted((n for n in names if n.isascii()), key=len, reverse=True)
    selfs = sorted((n for n in entities.SELF_REFERENCES if n.isascii()), key=len, reverse=True)
    cjk = sorted(
        (n for n in names | set(entities.SELF_REFERENCES) if not n.isascii()),
        key=len,
        reverse=True,
    )
    alt = "|".join
    flat = re.compile(
        rf"(?<!\w)(?:{alt(map(re.escape, latin))})(?!\w)"
        rf"|(?<!\w)(?i:{alt(map(re.escape, selfs))})(?!\w)(?!\s+[oO]f\s+[A-Z])"
        rf"|{alt(map(re.escape, cjk))}"
    )
    glued = [f"x {a} y. {a}s a{a} {a.upper()} _{a}" for a in sorted(names)]
    for text in TEXTS + glued:
        assert _spans(entities._ALIAS_RE.finditer(text)) == _spans(flat.finditer(text)), text[:80]
        assert _spans(entities._ALIAS_SCAN.finditer(text)) == _spans(flat.finditer(text)), text


def test_first_of_scans_match_what_their_one_alternation_matches() -> None:
    """Parts that share first characters, overlap, and tie at one place: the first part
    wins a tie, the next match starts after the last one ends, a part's test skips it."""
    parts = [r"ab|x(?<!\wx)yz", r"(?i:abc)|b(?<!\wb)c|yz", r"c|bcd|Z"]
    one = re.compile("|".join(parts))
    scan = FirstOf([(re.compile(p), None) for p in parts])
    skipped = FirstOf([(re.compile(parts[0]), None), (re.compile(parts[1]), lambda t: False)])
    texts = ["abcd bcd xyz axyz ABC Abcd cZ", "", "c", "bcdabc xyzyz", "ab" * 50 + "c"]
    for text in texts + TEXTS[::17]:
        assert _spans(scan.finditer(text)) == _spans(one.finditer(text)), text[:60]
        assert _spans(skipped.finditer(text)) == _spans(re.finditer(parts[0], text))


def test_a_word_scan_finds_each_word_a_substring_test_finds() -> None:
    """Words inside other words, running past their end, prefixes of one another."""
    words = {"ab", "abc", "bcd", "c", "cde", "University", "University of", "U.", "U", "大学"}
    scan = WordScan(words)
    texts = ["abcde", "xabcd", "bcde", "U.S. University of", "大学 cd", "", "ab bc", "Unive"]
    for text in texts + TEXTS[::5]:
        assert scan.present(text) == {w for w in words if w in text}, text[:60]
    shapes = WordScan({w for ws, _p in names._SHAPES for w in ws})
    for text in TEXTS:
        assert shapes.present(text) == {w for w in shapes.words if w in text}, text[:60]


def test_gated_patterns_of_many_words_scan_for_any_of_them() -> None:
    assert entities._COMPANY_RE._any is not None
    for text in TEXTS:
        assert entities._COMPANY_RE._may_match(text) == any(
            w in text for w in entities._COMPANY_RE.words
        ), text[:60]


@pytest.mark.parametrize(
    "words",
    [["a", "ab", "abc", "b"], ["ab", "abd", "ac"], ["one", "on", "o"], ["x.y", "x", "(z)"]],
)
def test_a_trie_backtracks_through_shorter_words_as_the_flat_list_does(words: list[str]) -> None:
    flat = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    for suffix in ("", r"(?!\w)", r"(?=b)"):
        ours = re.compile("|".join(trie_branches(words, word_start=True, suffix=suffix)))
        theirs = re.compile(rf"(?<!\w)(?:{flat}){suffix}")
        grouped = re.compile(trie_pattern(words) + suffix)
        plain = re.compile(f"(?:{flat}){suffix}")
        for text in ["abc abd ab a b", "xabc ab_ abb", "one on o oneb", "x.y x (z) x.yb", ""]:
            assert _spans(ours.finditer(text)) == _spans(theirs.finditer(text))
            assert _spans(grouped.finditer(text)) == _spans(plain.finditer(text))


def test_gated_entity_patterns_skip_only_texts_they_cannot_match() -> None:
    for text in TEXTS:
        for gated in (entities._COMPANY_RE,):
            assert _spans(gated.finditer(text)) == _spans(gated.pattern.finditer(text))


def _in_tables(value: object, depth: int = 0) -> Iterator[object]:
    """The values of a module attribute and of its tables (tuples, lists, dicts of rows)."""
    yield value
    if depth < 3 and isinstance(value, (list, tuple)):
        for v in value:
            yield from _in_tables(v, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for v in value.values():
            yield from _in_tables(v, depth + 1)


def _module_values() -> list[object]:
    import importlib
    import pkgutil

    import core.metrics

    values: list[object] = []
    for info in pkgutil.iter_modules(core.metrics.__path__):
        module = importlib.import_module(f"core.metrics.{info.name}")
        values += [v for value in vars(module).values() for v in _in_tables(value)]
    return values


def _extractor_patterns() -> list[re.Pattern[str]]:
    """Every compiled pattern of the extractor's modules and tables (gated or not)."""
    found: dict[int, re.Pattern[str]] = {}
    for v in _module_values():
        pattern = v._re if isinstance(v, Gated) else v
        if isinstance(pattern, re.Pattern):
            found[id(pattern)] = pattern
    return list(found.values())


def _gated_patterns() -> list[Gated]:
    return list({id(v): v for v in _module_values() if isinstance(v, Gated)}.values())


def test_most_extractor_patterns_are_gated() -> None:
    gated, patterns = _gated_patterns(), _extractor_patterns()
    assert len(patterns) > 300
    assert len(gated) > len(patterns) // 2


def test_a_gate_refuses_only_texts_its_pattern_finds_nothing_in() -> None:
    """Every gated pattern of the extractor, on every text and line of the corpus: where the
    word test says no, the pattern itself finds nothing (where it says yes, the pattern runs)."""
    refused = 0
    for gated in _gated_patterns():
        for text in TEXTS[::2] + EDGES:
            if not gated.may_match(text):
                refused += 1
                assert gated._re.search(text) is None, (gated.pattern, text[:60])
    assert refused > 5_000  # the test has teeth: most scans are skipped


def test_a_search_from_the_start_words_finds_what_the_scan_finds() -> None:
    """Gated patterns whose every match starts with one of a few words try only the places
    of those words: the same matches as the pattern's own search and finditer, every text."""
    starting = [g for g in _gated_patterns() if g.starts]
    assert len(starting) > 100
    for gated in starting:
        for text in TEXTS[::7] + EDGES:
            assert _spans(gated.finditer(text)) == _spans(gated._re.finditer(text)), gated
            ours, theirs = gated.search(text), gated._re.search(text)
            assert (ours and ours.span()) == (theirs and theirs.span()), gated
            for pos, end in ((5, len(text)), (3, len(text) // 2), (-4, -1), (400, 2), (0, 10**9)):
                ours, theirs = gated.search(text, pos, end), gated._re.search(text, pos, end)
                assert (ours and ours.span()) == (theirs and theirs.span()), gated


def test_a_search_alternative_by_alternative_finds_what_the_scan_finds() -> None:
    """Gated patterns split into their top-level alternatives (each skipped where its own
    words are missing) find the pattern's own matches on every long text."""
    split = [g for g in _gated_patterns() if g.parts]
    assert len(split) > 20
    long_texts = [t for t in TEXTS + EDGES if len(t) >= 320]
    assert len(long_texts) > 50
    for gated in split:
        for text in long_texts:
            assert _spans(gated.finditer(text)) == _spans(gated._re.finditer(text)), gated
            ours, theirs = gated.search(text, 7), gated._re.search(text, 7)
            assert (ours and ours.span()) == (theirs and theirs.span()), gated


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        (re.compile(r"\bpatents?\b|专利", re.I), ((True, "patent"), (True, "专利"))),
        (re.compile(r"(?<!\d)(?:19|20)\d\d"), ((False, "19"), (False, "20"))),
        (re.compile(r"x?abc"), None),  # a match may start with x or with a
        (re.compile(r"\d+件"), (DIGIT_START,)),  # a match opens at one of the text's digits
        (re.compile(r"(?:[0-9]|\d,)x|from", re.I), ((True, "from"), DIGIT_START)),
        (re.compile(r"[\d.]+件"), None),  # a match may open with a point
        (re.compile(r"(?:pre )+top", re.I), ((True, "pre "),)),
        (re.compile(r"(?:the )+top", re.I), ((True, "the "),)),  # tried while it is rare enough
    ],
)
def test_start_words_are_those_every_match_opens_with(
    pattern: re.Pattern[str], starts: tuple[tuple[bool, str], ...] | None
) -> None:
    assert start_words(pattern) == starts


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (re.compile("abc"), ((False, "abc"),)),
        (re.compile(r"\bthe (?:\d+)"), None),  # "the " is in nearly every English sentence
        (re.compile("ab?c"), None),  # "a" alone is not worth a test, "c" neither
        (re.compile("xy(?:foo|bar)+z", re.I), ((True, "bar"), (True, "foo"))),
        (re.compile("专利|patent", re.I), ((True, "patent"), (True, "专利"))),
        (re.compile(r"(?-i:\bTHE\b)|times", re.I), ((True, "times"), (False, "THE"))),
        (re.compile("[件项]数"), ((False, "数"),)),
        (re.compile("(?:[件项]|个)x"), ((False, "个"), (False, "件"), (False, "项"))),
        (re.compile("(?:[件项]|个)xyz"), ((False, "xyz"),)),
        (re.compile(r"\d+(?=件)"), ((False, "件"),)),
        (re.compile("(?<!不)可以"), ((False, "可以"),)),
        (re.compile("(?:abc)?def"), ((False, "def"),)),
        (re.compile(r"\d{4}年|\d+"), None),  # one alternative needs no word
        (re.compile("Straße", re.I), ((True, "stra"),)),  # ß folds beyond its two cases
    ],
)
def test_required_words_are_the_ones_every_match_holds(
    pattern: re.Pattern[str], words: tuple[tuple[bool, str], ...] | None
) -> None:
    assert required_words(pattern) == words


def test_a_gate_scans_texts_whose_case_lowering_cannot_stand_for() -> None:
    # "İN" lowers to "i̇n" (a dotted i and a combining dot), yet IGNORECASE finds "in" in it
    pattern = re.compile("in", re.I)
    gated = gate(re.compile("within", re.I))
    assert pattern.search("İN") and gated.may_match("WİTHİN")
    assert gated.search("WİTHİN") is not None
    assert gate(re.compile("ab", re.I)).search("ſAB") is not None
    assert not gated.may_match("without")


def test_any_match_answers_as_search_for_every_extractor_pattern() -> None:
    patterns = _extractor_patterns()
    assert len(patterns) > 50
    sample = TEXTS[::15] + EDGES
    for pattern in patterns:
        test = any_match(pattern)
        for text in sample:
            assert test(text) == (pattern.search(text) is not None), (pattern.pattern, text[:60])


def test_trie_forms_match_what_their_flat_alternations_match() -> None:
    words = sorted(locale._ROW_OF, key=len, reverse=True)
    flat = re.compile("|".join(map(re.escape, words)))
    for text in TEXTS + EDGES + ["Shanghai, Shanghair xBeijing 省 自治区"]:
        assert _spans(locale._WORDS.finditer(text)) == _spans(flat.finditer(text))


@pytest.mark.parametrize("decimal_tail", [False, True])
def test_a_figure_is_found_where_the_per_value_pattern_finds_it(decimal_tail: bool) -> None:
    tail = r"(?![\d]|[.,]\d)" if decimal_tail else r"(?![\d])"
    texts = TEXTS[::3] + EDGES + ["12 112 1.12 12,5 12. 12.x 12,3 ١٢ 12١ a12", "x1,234,5 1,234."]
    for text in texts:
        forms = {m.group(0) for m in re.finditer(r"\d[\d,.]*", text)} | {"12", "1", "3.5"}
        for form in sorted(forms)[:40]:
            m = re.search(rf"(?<![\d.,]){re.escape(form)}{tail}", text)
            assert where.figure_at(text, form, decimal_tail) == (m.start() if m else -1)


def test_short_form_tokens_are_those_of_the_reference_patterns() -> None:
    extra = [
        "AB",
        "xAB",
        "&AB",
        ".AB",
        "-AB-",
        "UArizona",
        "UAri",
        "(OSU) IIT-Bombay",
        "A",
        "ABCDEFG",
    ]
    pairs = [
        (initials._TOKEN, re.compile(initials.TOKEN_REFERENCE)),
        (initials._HEAD, re.compile(initials.HEAD_REFERENCE)),
    ]
    for text in TEXTS + EDGES + extra:
        for fast, reference in pairs:
            assert [m.span(1) for m in fast.finditer(text)] == [
                m.span(1) for m in reference.finditer(text)
            ], text[:60]


def test_top_level_split_keeps_groups_and_classes_whole() -> None:
    assert _top_level(r"a|(b|c)|[|]|\||[]|]|[^]|]x") == [
        "a",
        "(b|c)",
        "[|]",
        r"\|",
        "[]|]",
        "[^]|]x",
    ]
    assert _top_level("(a|b") is None


def test_count_lines_and_soft_breaks_are_those_of_the_full_scans() -> None:
    for text in TEXTS:
        assert _spans(listpass._count_line_matches(text)) == _spans(
            listpass._COUNT_LINE.finditer(text)
        )
        assert _spans(unwrap._soft_breaks(text)) == _spans(unwrap._SOFT.finditer(text))


def test_a_gated_pattern_answers_as_the_pattern_on_short_texts_and_at_one_place() -> None:
    """A text shorter than the start-word threshold goes straight to the pattern's own search
    and finditer, and match/fullmatch are the pattern's own: same answers, with bounds."""
    for gated in _gated_patterns():
        assert gated.match == gated._re.match and gated.fullmatch == gated._re.fullmatch
        for text in [t for t in TEXTS[::11] if len(t) < 320] + EDGES:
            assert _spans(gated.finditer(text)) == _spans(gated._re.finditer(text)), gated
            for pos, end in ((0, 10**9), (2, len(text)), (-3, 5)):
                ours, theirs = gated.search(text, pos, end), gated._re.search(text, pos, end)
                assert (ours and ours.span()) == (theirs and theirs.span()), gated


def test_an_articles_own_short_forms_match_as_the_flat_lookbehind_alternation() -> None:
    """The article's short forms open with their first letter (O(?<!\\wO)SU): the spans are
    those of the flat ``(?<!\\w)OSU(?!\\w)`` alternation, at a text's start, after a letter
    or a CJK character, before a word character, and for Chinese forms."""
    from core.metrics.names import article_alias_re

    pairs = (("OSU", "Oklahoma State University"), ("OU", "University of Oklahoma"))
    pairs += (("UArizona", "University of Arizona"), ("清大", "National Tsing Hua University"))
    pairs += (("O.S.U.", "Oklahoma State University"),)
    alts = sorted({a for a, _ in pairs}, key=len, reverse=True)
    flat = re.compile(
        "|".join(rf"(?<![\w]){re.escape(a)}(?![\w])" if a.isascii() else re.escape(a) for a in alts)
    )
    ours = article_alias_re(pairs)
    assert ours is not None
    texts = [
        "OSU filed 12; XOSU did not, OSUx neither, (OU) and OU's 3 did.",
        "清大获得OSU的UArizona专利 UArizonas 。OU",
        "O.S.U. and O.S.U.x, aO.S.U., OSU",
    ]
    for text in texts + TEXTS[::13]:
        assert _spans(ours.finditer(text)) == _spans(flat.finditer(text)), text[:60]
    assert [m.group(0) for m in ours.finditer(texts[0])] == ["OSU", "OU", "OU"]


def test_fast_name_shapes_match_what_their_reference_patterns_match() -> None:
    """The name shapes written for the engine (a state's first letter before its lookbehinds,
    U before its word-start test) find the spans of the table's own patterns."""
    reference = {shape: re.compile(p) for shape, _l, _w, p in names.NAME_SHAPES}
    states = names._US_STATES.split("|")
    made = [
        f"{w} {a}{s} {k} Tech, in {s} State. of {s} State the {s} Tech, x{s} State; {s} State"
        for s in states
        for w, a, k in (("At", "", "State"), ("From", "U", "Tech"), ("to", "-", "State"))
    ]
    made += [
        "UArizona UConn xUPenn UChicagoX U.S. UCLA _UTexas 中UPenn",
        "Kent State, Kentucky Tech.",
    ]
    assert set(names._FAST_FORMS) <= set(reference)
    for shape, fast in names._FAST_FORMS.items():
        ours = re.compile(fast)
        for text in TEXTS + EDGES + made:
            assert _spans(ours.finditer(text)) == _spans(reference[shape].finditer(text)), text
    assert any(reference["state_tech"].search(t) for t in made)


def test_patterns_without_words_are_tried_at_their_start_places() -> None:
    """A pattern with no word test whose matches open with a digit or a few words is tried
    only there in a long text; its matches are the pattern's own, with bounds."""
    started = [g for g in _gated_patterns() if isinstance(g, Started)]
    assert len(started) > 20
    assert any(DIGIT_START in g.starts for g in started)
    long_texts = [t for t in TEXTS + EDGES if len(t) >= 320][::3]
    for gated in started:
        assert gated.may_match("")
        for text in long_texts:
            assert _spans(gated.finditer(text)) == _spans(gated._re.finditer(text)), gated
            for pos, end in ((0, 10**9), (9, len(text) - 5)):
                ours, theirs = gated.search(text, pos, end), gated._re.search(text, pos, end)
                assert (ours and ours.span()) == (theirs and theirs.span()), gated
    digits = gate(re.compile(r"(?<![\d-])(\d{2})x"))
    text = "a" * 400 + " 12x 123x ١٢x -45x 67x"
    assert isinstance(digits, Started)
    assert _spans(digits.finditer(text)) == _spans(digits._re.finditer(text))
    assert len(_spans(digits.finditer(text))) == 3


def test_digit_places_are_those_of_the_digit_scan() -> None:
    """ASCII texts through bytes, any other by the scan: the places of ``\\d`` either way."""
    from core.metrics.gates import _DIGIT, _digit_places

    for text in TEXTS[::3] + EDGES + ["x1 22 ٣3 x", "1", "a" * 50 + "9"]:
        for pos, end in ((0, len(text)), (3, len(text) - 2), (0, 10**9), (5, 2)):
            assert list(_digit_places(text, pos, end)) == [
                m.start() for m in _DIGIT.finditer(text, pos, end)
            ], text[:60]


def test_fast_forms_of_word_led_patterns_find_what_the_patterns_find() -> None:
    """``\\b(?:ranks?|placed)…``, ``patent|专利`` ignoring case, scanned from a set of first
    characters (each word's first letter then tested behind, the word start before it):
    the same matches, groups and replacements, in any case and beside the letters
    IGNORECASE pairs with ASCII ones (K, ſ, İ, ı)."""
    fast = [g for g in _gated_patterns() if g._scan is not g._re]
    assert len(fast) > 150
    cased = [
        "PLACED 3rd, Ranked No. 5 xranked 4th, ſecured second; Kept the 9th spot",
        "İN the 3rd, ıN 4th, put it at No. 2 and earned ninth, WON first",
        "PATENTS xpatent 专利专利权 Licensed LICENſE inventOR cOmpany #12 - 3",
    ]
    for gated in fast:
        assert gated._scan.groupindex == gated._re.groupindex
        for text in TEXTS[::2] + EDGES + cased:
            ours = [(m.span(), m.groups()) for m in gated._scan.finditer(text)]
            assert ours == [(m.span(), m.groups()) for m in gated._re.finditer(text)], gated
            for pos, end in ((3, len(text)), (0, len(text) // 2)):
                a, b = gated._scan.search(text, pos, end), gated._re.search(text, pos, end)
                assert (a and a.span()) == (b and b.span()), gated
            assert gated._scan.sub("#", text) == gated._re.sub("#", text)


def test_year_span_test_answers_as_its_three_patterns() -> None:
    """The quick end-character tests before the span, clock and date patterns leave out only
    numbers none of them matches at: every number start of the texts, and short strings
    made of the characters the patterns read (dashes, slashes, colons, FY, spaces, a final
    newline where ``$`` also matches)."""

    def reference(text: str, start: int) -> bool:
        before = text[max(0, start - 8) : start]
        if numbers._SPAN_HEAD.search(before) or numbers._CLOCK_OR_DATE.search(before):
            return True
        return bool(numbers._CLOCK_AT.match(text[start : start + 6]))

    made = [
        "2019-20 2019 / 20 FY23 FY 23 FY\n23 fy23 12:30 12：30 1:05 2026-03-18 1999-",
        "2020–21 2020 -\n21 19:49: 123:45 3:456 20:3 x-1 a/2 :3 ：4 FY  5",
    ]
    chars = "0123456789-–/:： \n\u3000FYy年"
    made += [chars[i:] + chars[:i] for i in range(len(chars))]
    made += ["".join(chars[(i * 7 + k * 3) % len(chars)] for k in range(12)) for i in range(60)]
    checked = 0
    for text in TEXTS[::2] + made:
        for start in [m.start() for m in re.finditer(r"\d", text)] + list(
            range(min(len(text), 16))
        ):
            assert numbers._in_year_span(text, start) == reference(text, start), (text[:60], start)
            checked += 1
    assert checked > 10_000


def test_patterns_needing_a_wide_character_find_nothing_in_ascii_text() -> None:
    """A pattern whose every match holds a character no ASCII text has is not scanned on an
    ASCII one (:class:`Wide`); one that ignores case and holds K or ſ (IGNORECASE pairs them
    with k and s) or a class that \\d or \\w may fill is not such a pattern."""
    from core.metrics.gates import Wide
    from core.metrics.wide import needs_non_ascii

    wide = [v for v in _module_values() if type(v) is Wide]
    assert len(wide) >= 5
    ascii_texts = [t for t in TEXTS if t.isascii()]
    assert len(ascii_texts) > 300
    for pattern in wide:
        assert all(pattern._re.search(t) is None for t in ascii_texts), pattern
        for text in [t for t in EDGES if t.isascii()] + ["12 patents, No. 3; 2019-20"]:
            assert pattern.search(text) is None and not list(pattern.finditer(text))
            assert pattern._re.search(text) is None
        for text in TEXTS[::5]:  # any other text is scanned: the pattern's own answer
            assert _spans(pattern.finditer(text)) == _spans(pattern._re.finditer(text))
    yes = [r"[\u4e00-\u9fff]{2}", r"\d+件|项", r"(?:a|b)?专利", r"x(?=年)", r"[一二三]+"]
    no = [r"\d+(?:件)?", r"[^a]", r"\w+", r"a|专", r"(?i:\u212a)", r"(?i)[\u017f-\u0180]"]
    assert all(needs_non_ascii(re.compile(p)) for p in yes)
    assert not any(needs_non_ascii(re.compile(p)) for p in no)
    assert re.search(r"(?i)\u212a", "k")  # why K under IGNORECASE is not wide
