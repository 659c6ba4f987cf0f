"""A report's table of contents: its page numbers are no figures.

A knowledge-transfer report copied as text opens with its contents ("Appendix 1 – Patents
Filed 21", "4. Prospecting of Patentable IP 3"): each entry's last number is the page its
section starts on (rules §7: page numbers are not labelled), however patent-like its title.
The block runs from a "Table of Contents"/"Contents"/目录 heading over the lines that end in a
page number, with wrapped titles (lines without one) between them, and ends at the first run
of lines that are no entries. Its page numbers are masked (offsets kept) before any finder
reads the text.
"""

from __future__ import annotations

import re

from core.metrics.gates import gate_tables

_HEADING = re.compile(
    r"^[ \t]*(?:table of contents|contents|目\s*录)[ \t]*(?:page)?[ \t]*$", re.I | re.M
)
# an entry's page number: the last number of its line, after its title
_PAGE = re.compile(r"(?<=\S)[ \t]+(\d{1,3})[ \t]*$")
_WRAPPED = 3  # an entry's title may run over this many lines before its page number


def mask_page_numbers(text: str) -> str:
    """``text`` with the page numbers of its table of contents replaced by ``#``."""
    heading = _HEADING.search(text)
    if heading is None:
        return text
    out = list(text)
    pos, misses = heading.end() + 1, 0
    while pos < len(text) and misses <= _WRAPPED:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        page = _PAGE.search(line)
        if page and _entry(line[: page.start()]):
            out[pos + page.start(1) : pos + page.end(1)] = "#" * len(page.group(1))
            misses = 0
        elif line.strip() and not re.fullmatch(r"\s*(?:\d{1,3}\.?|page)\s*", line, re.I):
            misses += 1  # a wrapped title, or the text after the contents
        pos = end + 1
    return "".join(out)


def _entry(title: str) -> bool:
    """A contents entry's title: words, not a row of figures ("Stanford 120 98")."""
    return bool(re.search(r"[A-Za-z\u4e00-\u9fff]{3}", title)) and not re.search(
        r"\d[\d,.]*\s+\d", title
    )


# every pattern above skips texts without its words (core/metrics/gates.py): the heading's
# multi-line scan tried every line start of every article (~6 us a 2 KB article)
gate_tables(globals())
