"""Three layers of deduplication: URL variants, exact content, near-duplicates (MinHash LSH)."""

from __future__ import annotations

import itertools
import random
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from core.urls import canonical_url
from storage import dedup, save_articles
from storage.dedup import NUM_PERM, THRESHOLD, jaccard, rebuild_index, shingles, signature

PAIRS = {
    p["id"]: p
    for p in tomllib.load((Path(__file__).parent / "dedup" / "pairs.toml").open("rb"))["pair"]
}
NOW = "2026-01-01T00:00:00+00:00"


def item(
    url: str,
    body: str,
    fetched_url: str | None = None,
    title: str = "T",
    published_at: str | None = "2019-04-02",
) -> dict[str, object]:
    return {
        "url": canonical_url(url),
        "fetched_url": fetched_url or url,
        "site": "dlut_news",
        "institution": "Dalian University of Technology",
        "title": title,
        "published_at": published_at,
        "lang": "en",
        "body": body,
        "fetched_at": NOW,
        "html": f"<p>{body}</p>",
        "sources": {},
    }


def test_five_url_variants_are_one_article(fresh_db) -> None:
    variants = [
        "https://en.dlut.edu.cn/info/1027/1810.htm",
        "http://en.dlut.edu.cn/info/1027/1810.htm",
        "https://www.en.dlut.edu.cn/info/1027/1810.htm",
        "https://EN.DLUT.edu.cn:443/info/1027/1810.htm#top",
        "https://en.dlut.edu.cn/xwdt/../info/1027/1810.htm?utm_source=wechat&utm_medium=share",
    ]
    body = PAIRS["en-repost"]["a"]
    counts = [save_articles(fresh_db, [item(v, body)], None, NOW) for v in variants]
    assert counts[0] == {"new": 1} and all(c == {"unchanged": 1} for c in counts[1:])
    assert fresh_db.execute("SELECT count(*), min(url) FROM articles").fetchone() == (
        1,
        "https://en.dlut.edu.cn/info/1027/1810.htm",
    )
    stored = {r[0] for r in fresh_db.execute("SELECT url FROM article_urls")}
    assert set(variants) <= stored


def test_webplus_mobile_variant_is_the_same_article(fresh_db) -> None:
    body = PAIRS["en-distinct"]["a"]
    save_articles(
        fresh_db,
        [item("https://neunews.neu.edu.cn/2021/0119/c218a71210/page.htm", body)],
        None,
        NOW,
    )
    counts = save_articles(
        fresh_db,
        [item("https://neunews.neu.edu.cn/2021/0119/c218a71210/pagem.htm", body)],
        None,
        NOW,
    )
    assert counts == {"unchanged": 1}


@pytest.mark.parametrize("pair", ["en-repost", "zh-repost"])
def test_repost_is_linked_to_the_earliest(fresh_db, pair: str) -> None:
    a, b = PAIRS[pair]["a"], PAIRS[pair]["b"]
    assert save_articles(
        fresh_db, [item("https://en.dlut.edu.cn/info/1027/1.htm", a, title="Original")], None, NOW
    ) == {"new": 1}
    counts = save_articles(
        fresh_db,
        [item("https://news.dlut.edu.cn/info/1071/2.htm", b, title="A new headline")],
        None,
        NOW,
    )
    assert counts == {"duplicate": 1}
    rows = fresh_db.execute("SELECT id, duplicate_of FROM articles ORDER BY id").fetchall()
    assert rows == [(1, None), (2, 1)]
    assert fresh_db.execute("SELECT count(*) FROM articles_unique").fetchone()[0] == 1
    assert fresh_db.execute("SELECT cluster_id, copies FROM duplicate_clusters").fetchall() == [
        (1, 2)
    ]


@pytest.mark.parametrize("pair", ["en-distinct", "zh-distinct"])
def test_different_stories_on_one_topic_stay_apart(fresh_db, pair: str) -> None:
    a, b = PAIRS[pair]["a"], PAIRS[pair]["b"]
    save_articles(fresh_db, [item("https://neunews.neu.edu.cn/info/1019/1.htm", a)], None, NOW)
    assert save_articles(
        fresh_db, [item("https://neunews.neu.edu.cn/info/1019/2.htm", b)], None, NOW
    ) == {"new": 1}
    assert (
        fresh_db.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[
            0
        ]
        == 0
    )


def test_threshold_separates_the_measured_pairs() -> None:
    for pair in PAIRS.values():
        similarity = jaccard(signature(pair["a"]), signature(pair["b"]))
        if pair["kind"] == "repost":
            assert similarity >= THRESHOLD + 0.04, pair["id"]
        else:
            assert similarity <= THRESHOLD - 0.04, pair["id"]


def test_exact_copy_at_another_url_is_a_duplicate(fresh_db) -> None:
    body = PAIRS["zh-distinct"]["a"]
    save_articles(fresh_db, [item("https://neunews.neu.edu.cn/info/1019/1.htm", body)], None, NOW)
    assert save_articles(
        fresh_db, [item("https://www.neu.edu.cn/info/1019/9.htm", body)], None, NOW
    ) == {"duplicate": 1}


def test_lost_index_is_rebuilt_from_the_database(fresh_db) -> None:
    a, b = PAIRS["en-repost"]["a"], PAIRS["en-repost"]["b"]
    save_articles(fresh_db, [item("https://en.dlut.edu.cn/info/1027/1.htm", a)], None, NOW)
    fresh_db.execute("DELETE FROM lsh_buckets")
    fresh_db.execute("DELETE FROM article_minhash")
    assert rebuild_index(fresh_db) == 1
    assert save_articles(
        fresh_db, [item("https://news.dlut.edu.cn/info/1071/2.htm", b)], None, NOW
    ) == {"duplicate": 1}


def exact_jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def standard_error(j: float) -> float:
    """MinHash's standard error at Jaccard ``j`` with NUM_PERM values."""
    return (j * (1 - j) / NUM_PERM) ** 0.5


def test_estimates_match_exact_jaccard_on_the_measured_pairs() -> None:
    for pair in PAIRS.values():
        exact = exact_jaccard(pair["a"], pair["b"])
        estimate = jaccard(signature(pair["a"]), signature(pair["b"]))
        assert abs(estimate - exact) <= 3 * max(standard_error(exact), 0.01), pair["id"]


def made_up_pair(rng: random.Random, vocab: list[str]) -> tuple[str, str]:
    words = [rng.choice(vocab) for _ in range(rng.randint(15, 300))]
    edited = list(words)
    for k in rng.sample(range(len(words)), int(len(words) * rng.random())):
        edited[k] = rng.choice(vocab)
    return " ".join(words), " ".join(edited)


def test_estimates_are_unbiased_with_minhash_error() -> None:
    """Over 300 made-up pairs spanning Jaccard 0..1: no bias, error no wider than MinHash's."""
    rng = random.Random(5)
    vocab = [
        "".join(rng.choice("abcdefghijklmnop") for _ in range(rng.randint(2, 9)))
        for _ in range(3000)
    ]
    errors, expected = [], []
    for _ in range(300):
        a, b = made_up_pair(rng, vocab)
        exact = exact_jaccard(a, b)
        errors.append(jaccard(signature(a), signature(b)) - exact)
        expected.append(standard_error(exact) ** 2)
    mean_error = sum(errors) / len(errors)
    rmse = (sum(e * e for e in errors) / len(errors)) ** 0.5
    assert abs(mean_error) < 0.012
    assert rmse <= 1.3 * (sum(expected) / len(expected)) ** 0.5


def test_chinese_short_text_signature_is_stable_and_empty_text_matches_nothing(fresh_db) -> None:
    assert (signature("专利转让合同") == signature("专利转让合同")).all()
    assert dedup.is_empty(signature("  ，。 "))
    assert dedup.find_near_duplicates(fresh_db, signature("")) == []


def copies() -> dict[str, dict[str, object]]:
    """Three copies of one made-up story: a repost, the original, and a re-edit of the repost."""
    original = (
        "The Harbour Institute of Technology signed 14 patent licence contracts this spring, "
        "worth 31 million yuan in total, with firms in shipbuilding and offshore energy.\n\n"
        "The contracts cover welding robots, corrosion-resistant coatings and a tidal turbine "
        "blade that the materials school developed over six years of trials at sea.\n\n"
        "The technology transfer office said it now answers enquiries within a week and helps "
        "each team price its licence before the first meeting with a company."
    )
    repost = original.replace(
        "The contracts cover welding robots, corrosion-resistant coatings and a tidal turbine "
        "blade that the materials school developed over six years of trials at sea.",
        "Among the licensed inventions are robots for welding hulls, coatings that keep steel "
        "from rusting, and a blade for tidal turbines tested at sea for six years.",
    )
    re_edit = repost.replace(
        "The technology transfer office said it now answers enquiries within a week and helps "
        "each team price its licence",
        "According to the transfer office, enquiries are now answered in under seven days, and "
        "every team gets help to set a price for its licence",
    )
    return {
        "original": item("https://news.hit.edu.cn/a/1.htm", original, published_at="2024-03-01"),
        "repost": item("https://www.hit.edu.cn/b/2.htm", repost, published_at="2024-03-04"),
        "re-edit": item("https://alumni.hit.edu.cn/c/3.htm", re_edit, published_at="2024-03-09"),
    }


def clusters_by_url(db) -> dict[str, str | None]:  # noqa: ANN001 - sqlite_utils.Database
    rows = db.execute(
        "SELECT a.url, r.url FROM articles a LEFT JOIN articles r ON r.id = a.duplicate_of"
    ).fetchall()
    return dict(rows)


@pytest.mark.parametrize("order", list(itertools.permutations(["original", "repost", "re-edit"])))
def test_cluster_root_is_the_earliest_published_whatever_the_order(fresh_db, order) -> None:
    stories = copies()
    # the re-edit is a copy of the repost but not of the original: only the repost links them
    body = {name: str(s["body"]) for name, s in stories.items()}
    assert exact_jaccard(body["original"], body["re-edit"]) < THRESHOLD
    assert min(exact_jaccard(body["repost"], body[n]) for n in ("original", "re-edit")) > 0.6
    counts = [save_articles(fresh_db, [stories[name]], None, NOW) for name in order]
    assert counts[0] == {"new": 1} and sum(counts, Counter())["duplicate"] >= 1
    original = str(stories["original"]["url"])
    assert clusters_by_url(fresh_db) == {
        original: None,
        str(stories["repost"]["url"]): original,
        str(stories["re-edit"]["url"]): original,
    }
    assert fresh_db.execute("SELECT title FROM articles_unique").fetchall() == [("T",)]
    (root_id,) = fresh_db.execute("SELECT id FROM articles WHERE url = ?", [original]).fetchone()
    assert fresh_db.execute("SELECT cluster_id, copies FROM duplicate_clusters").fetchall() == [
        (root_id, 3)
    ]


@pytest.mark.parametrize("together", [False, True])
def test_both_arrival_orders_of_a_pair_give_one_root(db_path: Path, together: bool) -> None:
    """A repost first, its earlier original later (one batch or two): the original is the root."""
    from storage import open_db

    roots = []
    for k, order in enumerate((["original", "repost"], ["repost", "original"])):
        db = open_db(db_path.with_name(f"order{k}.db"))
        stories = copies()
        batches = [[stories[n] for n in order]] if together else [[stories[n]] for n in order]
        for batch in batches:
            save_articles(db, batch, None, NOW)
        roots.append(
            db.execute(
                "SELECT url, published_at FROM articles WHERE duplicate_of IS NULL"
            ).fetchall()
        )
        db.close()
    assert roots[0] == roots[1] == [(str(copies()["original"]["url"]), "2024-03-01")]


def test_same_date_falls_back_to_the_earliest_seen_and_undated_comes_last(fresh_db) -> None:
    stories = copies()
    first = {**stories["repost"], "published_at": None}
    second = {**stories["original"], "published_at": None}
    save_articles(fresh_db, [first], None, NOW)
    save_articles(fresh_db, [second], None, "2026-01-05T00:00:00+00:00")
    assert clusters_by_url(fresh_db)[str(second["url"])] == str(first["url"])
    dated = {**stories["re-edit"], "published_at": "2024-05-01"}
    save_articles(fresh_db, [dated], None, "2026-01-06T00:00:00+00:00")
    roots = fresh_db.execute("SELECT url FROM articles WHERE duplicate_of IS NULL").fetchall()
    assert roots == [(str(dated["url"]),)]


def test_migration_m013_reindexes_scheme_1_signatures(db_path: Path) -> None:
    import sqlite3

    from sqlite_utils import Database

    from storage import open_db
    from storage.db import _configure
    from storage.migrations import migrations

    conn = sqlite3.connect(db_path, isolation_level=None)
    _configure(conn, 30)  # as open_db does (pragmas, the SQL functions triggers call)
    old = Database(conn)
    migrations.apply(old, stop_before="m013_minhash_v2")
    a = PAIRS["zh-repost"]["a"]
    old.execute(
        "INSERT INTO articles (id, url, url_key, site, title, body, content_hash, fetched_at,"
        " first_seen, last_seen) VALUES (1, 'https://x.edu.cn/1.htm', 'x.edu.cn/1.htm', 's', 'T',"
        " ?, 'h', ?, ?, ?)",
        [a, NOW, NOW, NOW],
    )
    old.execute("INSERT INTO article_minhash (article_id, signature) VALUES (1, ?)", [b"\0" * 512])
    old.execute("INSERT INTO lsh_buckets (band, bucket, article_id) VALUES (0, 42, 1)")
    conn.close()
    db = open_db(db_path)
    stored = db.execute("SELECT signature, scheme FROM article_minhash").fetchall()
    assert stored == [(dedup.to_blob(signature(a)), dedup.SCHEME_VERSION)]
    buckets = db.execute("SELECT bucket FROM lsh_buckets ORDER BY band").fetchall()
    assert [b[0] for b in buckets] == dedup.band_keys(signature(a))
    repost = item("https://news.dlut.edu.cn/info/1071/2.htm", PAIRS["zh-repost"]["b"])
    assert save_articles(db, [repost], None, NOW) == {"duplicate": 1}
    db.close()


def test_array_normalisation_is_the_regex_definition() -> None:
    """The shingled text, computed with arrays, is exactly what these regexes define."""
    import re
    import unicodedata

    def by_regex(text: str) -> tuple[str, int]:
        norm = unicodedata.normalize("NFKC", text).lower()
        head = norm[:4000]
        if len(re.findall(r"[\u3400-\u9fff]", head)) > 0.3 * max(1, len(head)):
            return re.sub(r"[\W_]+", "", norm), 3
        return " ".join(re.sub(r"[^\w\s]+", "", norm).split()), 5

    rng = random.Random(4)
    pool = " \t\n\u00a0\u3000abcXYZ_,.!?，。专利转让①Ⅳ²𠀀\u0301"
    samples = [p[x] for p in PAIRS.values() for x in "ab"] + ["", "  ", " x, y. ", "，。"]
    samples += ["".join(rng.choice(pool) for _ in range(rng.randint(0, 40))) for _ in range(2000)]
    for text in samples:
        assert dedup.normalise(text) == by_regex(text), repr(text)
