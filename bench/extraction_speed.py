"""Extraction speed on one core: the article extractor and the metric extractor.

Corpora: the bundled NEU/DUT pages (article extractor); for metrics, 2 KB articles
made of the fixture stories (patent-dense: nearly every sentence carries a figure)
and 2 KB articles of general news text (the AEB benchmark pages' bodies, where
patent figures are rare, as in most university news).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

from bench.common import median_rate, report
from core.extraction import extract_article
from core.extraction.generic import body_text
from core.metrics import extract_metrics
from core.sites import load_sites
from crawler.mirror import url_to_path
from tests.sitegen import EXPECTED_DIR, SITES_DIR, load_corpus

AEB = Path(__file__).resolve().parents[2] / "shared" / "aeb" / "data"


def fixture_pages() -> list[tuple[str, str, object]]:
    sites = load_sites()
    pages = []
    for name in ("neu_news", "dlut_news"):
        for item in json.loads((EXPECTED_DIR / f"{name}.json").read_text()):
            path = SITES_DIR / url_to_path(item["url"])
            html = gzip.decompress(path.with_name(path.name + ".gz").read_bytes()).decode()
            pages.append((html, item["url"], sites[name].template_for_article(item["url"])))
    return pages


def two_kb(texts: list[str]) -> list[str]:
    out = []
    for i, text in enumerate(texts):
        while len(text) < 2048:
            text += "\n\n" + texts[(i + len(text)) % len(texts)]
        out.append(text[:2048])
    return out


def general_news(limit: int = 60) -> list[str]:
    if not AEB.exists():
        return []
    files = sorted((AEB / "html").glob("*.html.gz"))[:limit]
    texts = [
        body_text(gzip.decompress(f.read_bytes()).decode("utf-8", "replace")) or "" for f in files
    ]
    return two_kb([t for t in texts if len(t) > 500])


def main() -> None:
    pages = fixture_pages()
    article_rate, _ = median_rate(lambda: sum(1 for p in pages if extract_article(*p)))
    dense = two_kb([s.body for s in load_corpus()])
    dense_rate, _ = median_rate(
        lambda: sum(1 for a in dense if extract_metrics(a, "X") is not None)
    )
    news = general_news()
    figures: dict[str, object] = {"article_extractor_pages_per_s": article_rate}
    if news:
        figures["metrics_articles_per_s"] = median_rate(
            lambda: sum(1 for a in news if extract_metrics(a, "X") is not None)
        )[0]
    else:  # a missing corpus is not a speed of zero
        figures["metrics_articles_per_s"] = "skipped (no AEB data)"
    figures["metrics_patent_dense_articles_per_s"] = dense_rate
    figures["metrics_article_bytes"] = 2048
    report("extraction", figures)


if __name__ == "__main__":
    sys.exit(main())
