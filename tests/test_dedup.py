"""Three layers of deduplication: URL variants, exact content, near-duplicates (MinHash LSH)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from core.urls import canonical_url
from storage import save_articles
from storage.dedup import THRESHOLD, rebuild_index, signature

PAIRS = {
    p["id"]: p
    for p in tomllib.load((Path(__file__).parent / "dedup" / "pairs.toml").open("rb"))["pair"]
}
NOW = "2026-01-01T00:00:00+00:00"


def item(
    url: str, body: str, fetched_url: str | None = None, title: str = "T"
) -> dict[str, object]:
    return {
        "url": canonical_url(url),
        "fetched_url": fetched_url or url,
        "site": "dlut_news",
        "institution": "Dalian University of Technology",
        "title": title,
        "published_at": "2019-04-02",
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
        similarity = signature(pair["a"]).jaccard(signature(pair["b"]))
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
