"""The committed site copy and expected items are exactly what the corpus renders to."""

from __future__ import annotations

import gzip
import json

from tests.sitegen import EXPECTED_DIR, SITES_DIR, expected_items, load_corpus, render_all


def test_site_copy_matches_corpus() -> None:
    pages = render_all(load_corpus())
    on_disk = {
        str(p.relative_to(SITES_DIR)).removesuffix(".gz"): p
        for p in SITES_DIR.rglob("*")
        if p.is_file()
    }
    assert sorted(on_disk) == sorted(pages), "run: python -m tests.sitegen"
    for rel, text in pages.items():
        if rel.endswith(".xlsx"):  # workbooks carry timestamps: compare what they hold
            from core.wipo import parse_ranking_xlsx

            assert parse_ranking_xlsx(on_disk[rel].read_bytes(), 2018) == parse_ranking_xlsx(
                text, 2018
            )
            continue
        if isinstance(text, bytes):
            assert on_disk[rel].read_bytes() == text, f"{rel} is stale: run python -m tests.sitegen"
            continue
        data = on_disk[rel].read_bytes()
        data = gzip.decompress(data) if on_disk[rel].suffix == ".gz" else data
        assert data.decode("utf-8") == text, f"{rel} is stale: run python -m tests.sitegen"


def test_expected_items_match_corpus() -> None:
    for site, items in expected_items(load_corpus()).items():
        on_disk = json.loads((EXPECTED_DIR / f"{site}.json").read_text(encoding="utf-8"))
        assert on_disk == items, "run: python -m tests.sitegen"
