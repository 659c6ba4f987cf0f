"""The fourth throughput pass (issue #19): the same stored values, reached more cheaply.

* an ASCII body's content hash is computed over bytes (no string per word): it must equal
  the definition (NFKC, whitespace runs collapsed, lower case) on any ASCII text;
* None and bytes parameters bind through identity adapters: stored values are unchanged.
"""

from __future__ import annotations

import hashlib
import random
import unicodedata

from storage import open_db, save_articles
from storage.articles import content_hash
from tests.test_storage import NOW, item


def by_definition(body: str) -> str:
    norm = " ".join(unicodedata.normalize("NFKC", body).split()).lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def test_ascii_content_hash_is_the_definition() -> None:
    rng = random.Random(19)
    pool = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x00\x7fAbZz09_,.;:!?-'\"()<>"
    samples = ["", " ", "   ", "\n\nTwo  PATENTS\t licensed.\x1c", "a" * 5 + " " * 1000 + "B"]
    samples += ["".join(rng.choice(pool) for _ in range(rng.randint(0, 60))) for _ in range(3000)]
    for body in samples:
        assert body.isascii()
        assert content_hash(body) == by_definition(body), repr(body)
    # the non-ASCII path is the definition too, and ASCII and full-width forms still meet
    assert content_hash("Ｔwo  PATENTS，licensed") == by_definition("Ｔwo  PATENTS，licensed")
    assert content_hash("two patents, licensed") == content_hash("Ｔwo  PATENTS, licensed")


def test_none_and_bytes_parameters_are_stored_as_before(db_path) -> None:
    db = open_db(db_path)
    save_articles(db, [item(author=None, html="<p>Nine licences.</p>")], None, NOW)
    row = db.execute(
        "SELECT typeof(author), typeof(editor), author IS NULL FROM articles"
    ).fetchone()
    assert row == ("null", "null", 1)
    (kind, blob) = db.execute("SELECT typeof(html), html FROM article_html").fetchone()
    assert kind == "blob" and isinstance(blob, bytes) and len(blob) > 10
    (sig_kind,) = db.execute("SELECT typeof(signature) FROM article_minhash").fetchone()
    assert sig_kind == "blob"
    db.close()
