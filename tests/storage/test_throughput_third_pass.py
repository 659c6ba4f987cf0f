"""The third throughput pass (issue #19): same stored results, cheaper ways to reach them.

* the MinHash text normalisation has an ASCII branch (str.translate/split/join instead of
  arrays): it must give exactly the regex definition on ASCII text, and every signature
  must equal the array path's;
* raw HTML is stored as zstd; rows written as zlib before still read back;
* metrics of a new article skip the comparison with stored rows; a re-crawl still keeps
  the ids of figures extracted again.
"""

from __future__ import annotations

import random
import re
import unicodedata
import zlib

import numpy as np

from storage import dedup, save_articles
from storage.articles import load_html
from tests.test_storage import NOW, item


def by_regex(text: str) -> tuple[str, int]:
    norm = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.sub(r"[^\w\s]+", "", norm).split()), 5


def test_ascii_normalisation_is_the_regex_definition() -> None:
    rng = random.Random(11)
    pool = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1fAbZz09_,.;:!?-'\"()[]{}<>/\\|@#$%^&*+=~`"
    samples = ["", " ", "  a  ", "_", "a_b", "Hello, World!", "x\x1fy", "..."]
    samples += ["".join(rng.choice(pool) for _ in range(rng.randint(0, 50))) for _ in range(3000)]
    for text in samples:
        assert text.isascii()
        assert dedup.normalise(text) == by_regex(text), repr(text)


def _array_path_signature(text: str) -> np.ndarray:
    """The signature through the array path: the text made non-ASCII by a trailing
    character that normalisation removes (an inverted question mark is punctuation)."""
    assert dedup.normalise(text + "\u00bf") == dedup.normalise(text)
    return dedup.signature(text + "\u00bf")


def test_ascii_branch_gives_the_array_signature() -> None:
    rng = random.Random(3)
    words = ["patent", "licence", "Harbour", "institute", "signed", "14", "contracts", "x_y"]
    for _ in range(200):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 80)))
        text = text.replace(" contracts", ", contracts.").replace(" signed", "\n\tsigned")
        assert (dedup.signature(text) == _array_path_signature(text)).all(), text


def test_html_is_stored_as_zstd_and_old_zlib_rows_still_read(fresh_db) -> None:
    page = "<html><body><p>The Harbour Institute signed 14 licences.</p>" + "<p>x</p>" * 300
    save_articles(fresh_db, [item(html=page + "</body></html>")], None, NOW)
    (compression, blob) = fresh_db.execute("SELECT compression, html FROM article_html").fetchone()
    assert compression == "zstd" and len(blob) < len(page) / 5
    assert load_html(fresh_db, 1) == page + "</body></html>"
    # a row written by an earlier version (zlib) reads back unchanged
    old = "<html><p>Written before: 31 million yuan.</p></html>"
    fresh_db.execute(
        "UPDATE article_html SET compression = 'zlib', html = ? WHERE article_id = 1",
        [zlib.compress(old.encode("utf-8"), 3)],
    )
    assert load_html(fresh_db, 1) == old


def test_new_and_recrawled_metrics_keep_their_rows(fresh_db) -> None:
    figure = {
        "institution": "Dalian University of Technology",
        "metric": "invention_patents_granted",
        "value": 120,
        "unit": "count",
        "year": 2024,
        "evidence": "The university was granted 120 invention patents in 2024.",
        "start": 0,
        "end": 57,
    }
    first = item(body="The university was granted 120 invention patents in 2024.")
    first.update(metrics=[figure], extractor_version="5")
    assert save_articles(fresh_db, [first], None, NOW) == {"new": 1}
    rows = fresh_db.execute("SELECT id, value, year, start_offset, institution_id FROM metrics")
    stored = rows.fetchall()
    assert [r[1:4] for r in stored] == [(120, 2024, 0)] and stored[0][4] is not None
    # the same article again, edited, with the same figure: the figure keeps its id
    again = {**first, "body": first["body"] + " It also filed 9 PCT applications."}
    assert save_articles(fresh_db, [again], None, NOW) == {"updated": 1}
    assert fresh_db.execute("SELECT id, value FROM metrics").fetchall() == [(stored[0][0], 120)]
