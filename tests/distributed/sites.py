"""The bundled copy of the sites, plus copies of one story, and what a crawl stored.

The copies make the near-duplicate clusters part of the comparison: an exact copy (same
body) and a near copy (one sentence of our own added) of one Shenzhen University story,
listed on the same list page under new URLs.
"""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from tests.sitegen import SITES_DIR

HOST = "en.szu.edu.cn"
STORY = "info/1010/1418.htm"
ADDED = " Representatives of the partner companies attended the ceremony in person."


def _read(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def _write(path: Path, text: str) -> None:
    path.write_bytes(gzip.compress(text.encode("utf-8")))


def mirror_with_copies(dest: Path) -> Path:
    """The bundled sites copied to ``dest``, with an exact and a near copy of one story."""
    shutil.copytree(SITES_DIR, dest)
    site = dest / HOST
    story = _read(site / f"{STORY}.gz")
    _write(site / "info/1010/1998.htm.gz", story)
    _write(site / "info/1010/1999.htm.gz", story.replace("</p>", ADDED + "</p>", 1))
    listing = _read(site / "xwdt.htm.gz")
    line = next(line for line in listing.splitlines() if f'href="{STORY}"' in line)
    extra = [line.replace(STORY, f"info/1010/{n}.htm") for n in (1998, 1999)]
    _write(site / "xwdt.htm.gz", listing.replace(line, "\n".join([line, *extra]), 1))
    return dest


def stored(db_path: Path, sites: list[str] | None = None) -> dict[str, Any]:
    """What a crawl stored, independent of insertion order: articles, clusters, metrics."""
    conn = sqlite3.connect(db_path)
    try:
        where = f" WHERE a.site IN ({', '.join('?' for _ in sites)})" if sites else ""
        args = list(sites or [])
        articles = conn.execute(
            "SELECT a.url, a.site, a.title, a.published_at, a.content_hash FROM articles a"
            + where
            + " ORDER BY a.url",
            args,
        ).fetchall()
        roots = conn.execute(
            "SELECT a.url, r.url FROM articles a JOIN articles r ON r.id = coalesce(a.duplicate_of, a.id)"
            + where,
            args,
        ).fetchall()
        metrics = conn.execute(
            "SELECT a.url, m.metric, m.value FROM metrics m JOIN articles a ON a.id = m.article_id"
            + where
            + " ORDER BY 1, 2, 3",
            args,
        ).fetchall()
        per_key = conn.execute("SELECT count(*) - count(DISTINCT url_key) FROM articles").fetchone()
    finally:
        conn.close()
    clusters: dict[str, set[str]] = {}
    for url, root in roots:
        clusters.setdefault(root, set()).add(url)
    return {
        "articles": articles,
        "clusters": sorted(sorted(c) for c in clusters.values() if len(c) > 1),
        "metrics": metrics,
        "stored_twice": per_key[0],
    }
