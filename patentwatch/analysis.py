"""The analysts' side: exports, the report and charts live in their own modules
(:mod:`patentwatch.export`, :mod:`patentwatch.report`, :mod:`patentwatch.charts`,
their SQL in :mod:`storage.analyst`); re-exported here. Below: Datasette metadata.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from patentwatch.charts import chart_pct_rank, rank_history
from patentwatch.export import export_rows, write_export
from patentwatch.report import report

__all__ = [
    "chart_pct_rank",
    "datasette_metadata",
    "export_rows",
    "rank_history",
    "readme_schema",
    "report",
    "write_export",
]

README = Path(__file__).resolve().parent.parent / "README.md"


# --------------------------------------------------------------------------- Datasette


def readme_schema() -> dict[str, dict[str, Any]]:
    """Table/view descriptions and column descriptions from the README's schema section."""
    text = README.read_text(encoding="utf-8")
    out: dict[str, dict[str, Any]] = {}
    for m in re.finditer(r"^### `(\w+)`: (.+?)\n\n(\|.*?)\n\n", text, re.S | re.M):
        columns = dict(re.findall(r"^\| `(\w+)` \| \w+ \| (.+?) \|$", m.group(3), re.M))
        out[m.group(1)] = {"description": m.group(2).strip(), "columns": columns}
    views = re.search(r"^### Views\n\n(\|.*?)\n\n", text, re.S | re.M)
    if views:
        for name, desc in re.findall(r"^\| `(\w+)` \| (.+?) \|$", views.group(1), re.M):
            out[name] = {"description": desc}
    return out


STORED_QUERIES = {
    "universities_by_pct_rank": {
        "title": "Universities by PCT rank in a year",
        "description": "WIPO's educational institutions ranking for one year of data.",
        "sql": "SELECT rank, tied, applicant, institution_id, country, published, change, release_no, source_url"
        " FROM pct_rankings WHERE category = 'education' AND year = :year ORDER BY rank IS NULL, rank",
    },
    "claims_differing_from_wipo": {
        "title": "All claims that differ from WIPO",
        "description": "News claims of PCT counts or global education ranks that WIPO's figures contradict.",
        "sql": "SELECT institution, year, metric, claimed, official, article_url, evidence, official_source"
        " FROM claims_vs_wipo WHERE verdict = 'differs' ORDER BY institution, year",
    },
    "metrics_for_institution": {
        "title": "Metrics for one institution",
        "description": "Every patent figure reported for an institution, with its sentence.",
        "sql": "SELECT m.year, m.metric, m.value, m.unit, m.period, m.scope, m.evidence, a.url AS article_url"
        " FROM metrics m JOIN articles a ON a.id = m.article_id LEFT JOIN institutions i ON i.id = m.institution_id"
        " WHERE lower(coalesce(i.name, m.institution)) = lower(:institution) ORDER BY m.year DESC, m.metric",
    },
    "search_articles": {
        "title": "Full-text search",
        "description": "Articles whose title or body contains the text (3 characters or more; Chinese works).",
        "sql": "SELECT a.published_at, a.site, a.title, a.url FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
        " WHERE articles_fts MATCH '\"' || replace(:text, '\"', '\"\"') || '\"' ORDER BY f.rank LIMIT 50",
    },
}


def datasette_metadata(db_name: str) -> dict[str, Any]:
    """Datasette metadata: title, descriptions, units, sources and stored queries."""
    tables = {}
    for name, info in readme_schema().items():
        entry: dict[str, Any] = {"description": info["description"]}
        if info.get("columns"):
            entry["columns"] = info["columns"]
        tables[name] = entry
    return {
        "title": "patentwatch: university patent news and WIPO PCT statistics",
        "description": "Articles crawled from university news sites, the patent figures extracted from them "
        "(each with its sentence), and WIPO's PCT statistics.",
        "source": "University news sites and WIPO (wipo.int)",
        "source_url": "https://www.wipo.int/pressroom/en/",
        "license": "Source texts belong to their publishers",
        "databases": {db_name: {"tables": tables, "queries": STORED_QUERIES}},
    }
