"""Extraction speed on one core: the article extractor and the metric extractor.

Corpora: the bundled NEU/DUT pages (article extractor); for metrics, 2 KB articles
made of the fixture stories (patent-dense: nearly every sentence carries a figure)
and 2 KB articles of general news text (the AEB benchmark pages' bodies, where
patent figures are rare, as in most university news).

The extractor caches per-sentence work that its passes share. The 2 KB patent-dense
articles repeat the fixture stories (766 sentences, 180 distinct), and the five runs
repeat the corpus, so the first figures read warm caches; the ``*_cold_*`` figures
empty the caches before each run, and ``metrics_real_labelled_*`` runs the real
labelled articles of ../shared/metrics-dev/ (each once per run, caches emptied: the
closest to a crawl). Each rate is also given in CPU time (``*_cpu_articles_per_s``).
``load_avg_1m`` is the machine's load when the run ended: on a
shared machine wall-clock rates move with it.
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import sys
import time
from pathlib import Path

from bench.common import median_rate, report
from core.extraction import extract_article
from core.extraction.generic import body_text
from core.metrics import extract_metrics
from core.metrics.caches import clear_caches
from core.sites import load_sites
from crawler.mirror import url_to_path
from tests.sitegen import EXPECTED_DIR, SITES_DIR, load_corpus

SHARED = Path(__file__).resolve().parents[2] / "shared"
AEB = SHARED / "aeb" / "data"
LABELLED = SHARED / "metrics-dev" / "articles.json"


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


def metrics_rate(articles: list[str], cold: bool = False) -> tuple[float, float]:
    """Median articles/s of :func:`extract_metrics` over ``articles``, on the wall clock and
    in CPU time (``time.process_time``: other jobs on a shared machine move it less);
    ``cold`` empties the extractor's caches before each run (outside the timed part)."""
    walls, cpus = [], []
    for _ in range(5):
        if cold:
            clear_caches()
        wall, cpu = time.perf_counter(), time.process_time()
        n = sum(1 for a in articles if extract_metrics(a, "X") is not None)
        walls.append(n / (time.perf_counter() - wall))
        cpus.append(n / max(time.process_time() - cpu, 1e-9))
    return round(statistics.median(walls), 1), round(statistics.median(cpus), 1)


def _rates(figures: dict[str, object], key: str, articles: list[str], cold: bool) -> None:
    wall, cpu = metrics_rate(articles, cold)
    figures[f"{key}_articles_per_s"] = wall
    figures[f"{key}_cpu_articles_per_s"] = cpu


def labelled_texts() -> list[str]:
    if not LABELLED.exists():
        return []
    return [a["text"] for a in json.loads(LABELLED.read_text(encoding="utf-8"))]


def main() -> None:
    pages = fixture_pages()
    article_rate, _ = median_rate(lambda: sum(1 for p in pages if extract_article(*p)))
    dense = two_kb([s.body for s in load_corpus()])
    figures: dict[str, object] = {"article_extractor_pages_per_s": article_rate}
    news = general_news()
    if news:
        _rates(figures, "metrics", news, cold=False)
        _rates(figures, "metrics_cold", news, cold=True)
    else:  # a missing corpus is not a speed of zero
        figures["metrics_articles_per_s"] = "skipped (no AEB data)"
    extract_metrics(dense[0], "X")  # the first call compiles the name patterns (not a rate)
    _rates(figures, "metrics_patent_dense", dense, cold=False)
    _rates(figures, "metrics_patent_dense_cold", dense, cold=True)
    figures["metrics_article_bytes"] = 2048
    real = labelled_texts()
    if real:
        _rates(figures, "metrics_real_labelled", real, cold=True)
        figures["metrics_real_labelled_mean_chars"] = sum(map(len, real)) // len(real)
    figures["load_avg_1m"] = round(os.getloadavg()[0], 2)
    report("extraction", figures)


if __name__ == "__main__":
    sys.exit(main())
