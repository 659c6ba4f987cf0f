"""The analysts' side: streaming exports, a terminal report, charts (Datasette: patentwatch.serve).

Every query is parameterised (filters included), exports stream rows from a
cursor (a large database never loads into memory), and text from the web is
only ever written as data: CSV/JSON cells, rich-escaped table cells, chart
labels rendered as plain text.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from sqlite_utils import Database

EXPORTS: dict[str, tuple[str, str, str]] = {
    # name: (SQL, date column for --since, institution column for --institution)
    "metrics": (
        "SELECT m.id, coalesce(i.name, m.institution) AS institution, m.metric, m.value, m.unit, m.year,"
        " m.period, m.scope, m.basis, m.qualifier, m.currency, m.evidence, a.url AS article_url,"
        " a.published_at AS article_date FROM metrics m JOIN articles a ON a.id = m.article_id"
        " LEFT JOIN institutions i ON i.id = m.institution_id",
        "a.published_at",
        "coalesce(i.name, m.institution)",
    ),
    "articles": (
        "SELECT a.id, a.url, a.site, a.institution, a.title, a.published_at, a.author, a.editor, a.source,"
        " a.lang, a.duplicate_of, a.body FROM articles a",
        "a.published_at",
        "a.institution",
    ),
    "rankings": (
        "SELECT r.year, r.category, r.rank, r.tied, r.applicant, coalesce(i.name, r.applicant) AS institution,"
        " r.country, r.published, r.change, r.release_no, r.source_url FROM pct_rankings r"
        " LEFT JOIN institutions i ON i.id = r.institution_id",
        "r.year",
        "coalesce(i.name, r.applicant)",
    ),
}


def export_rows(
    db: Database, what: str, since: str | None = None, institution: str | None = None
) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """Column names and a row iterator for an export, filtered by parameters only."""
    sql, date_col, inst_col = EXPORTS[what]
    clauses, params = [], []
    if since:
        clauses.append(f"{date_col} >= ?")
        params.append(int(since[:4]) if what == "rankings" else since)
    if institution:
        clauses.append(f"lower({inst_col}) = lower(?)")
        params.append(institution)
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    cursor = db.execute(sql + " ORDER BY 1", params)
    columns = [d[0] for d in cursor.description]
    return columns, iter(cursor)


def write_export(
    columns: list[str],
    rows: Iterator[tuple[Any, ...]],
    fmt: str,
    out: IO[str],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Stream rows as CSV, a JSON array, or JSON lines; returns the row count."""
    n = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
    elif fmt == "json":
        out.write("[")
    for row in rows:
        if fmt == "csv":
            writer.writerow(row)
        else:
            record = json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False)
            out.write(
                (",\n" if n and fmt == "json" else "") + record + ("\n" if fmt == "jsonl" else "")
            )
        n += 1
        if progress and n % 10000 == 0:
            progress(n)
    if fmt == "json":
        out.write("]\n")
    return n


# --------------------------------------------------------------------------- report


def report(db: Database, out: IO[str] | None = None) -> None:
    """Per institution: latest figures, WIPO rank trend, claims that differ from WIPO."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(file=out or sys.stdout, width=120)
    latest = Table(title="Latest figures per institution (news)", show_lines=False)
    for col in ("institution", "metric", "year", "value", "unit", "articles"):
        latest.add_column(col)
    for row in db.query(
        "SELECT institution, metric, year, value_max, unit, articles FROM institution_metrics"
        " WHERE year IS NOT NULL AND (institution, metric, year) IN (SELECT institution, metric, max(year)"
        " FROM institution_metrics WHERE year IS NOT NULL GROUP BY institution, metric)"
        " ORDER BY institution, metric"
    ):
        latest.add_row(*(escape(str(v)) for v in row.values()))
    console.print(latest)
    trend = Table(title="WIPO rank among educational institutions, by year")
    trend.add_column("institution")
    trend.add_column("ranks (year: rank)")
    for row in db.query(
        "SELECT institution, group_concat(year || ': ' || coalesce(rank, '?'), ', ') AS ranks FROM"
        " (SELECT * FROM pct_rank_history WHERE category = 'education' ORDER BY year) GROUP BY institution"
    ):
        trend.add_row(escape(row["institution"]), escape(row["ranks"]))
    console.print(trend)
    claims = Table(title="Claims that differ from WIPO")
    for col in ("institution", "year", "metric", "claimed", "official", "article"):
        claims.add_column(col)
    rows = list(
        db.query(
            "SELECT institution, year, metric, claimed, official, article_url FROM claims_vs_wipo"
            " WHERE verdict = 'differs' ORDER BY institution, year"
        )
    )
    for row in rows:
        claims.add_row(*(escape(str(v)) for v in row.values()))
    console.print(claims if rows else "[green]No claim differs from WIPO's figures.[/green]")


# --------------------------------------------------------------------------- charts


def rank_history(db: Database, institutions: list[str]) -> dict[str, list[tuple[int, int]]]:
    series: dict[str, list[tuple[int, int]]] = {}
    for name in institutions:
        rows = db.execute(
            "SELECT year, rank FROM pct_rank_history WHERE lower(institution) = lower(?)"
            " AND category = 'education' AND rank IS NOT NULL ORDER BY year",
            [name],
        ).fetchall()
        series[name] = [(int(y), int(r)) for y, r in rows]
    return series


def chart_pct_rank(db: Database, institutions: list[str], out: Path) -> int:
    """A PNG of WIPO ranks among educational institutions by year (rank 1 at the top)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series = rank_history(db, institutions)
    points = sum(len(v) for v in series.values())
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=100)
    for name, values in series.items():
        if values:
            xs, ys = zip(*values, strict=True)
            ax.plot(xs, ys, marker="o", label=name)
            for x, y in values:
                ax.annotate(
                    str(y),
                    (x, y),
                    textcoords="offset points",
                    xytext=(0, 6),
                    ha="center",
                    fontsize=8,
                )
    ax.invert_yaxis()
    ax.set_xlabel("Year of the data")
    ax.set_ylabel("Rank (educational institutions)")
    ax.margins(x=0.08, y=0.15)
    ax.set_title("WIPO PCT ranking of educational institutions")
    years = sorted({x for v in series.values() for x, _ in v})
    if years:
        ax.set_xticks(years)
    if len(series) > 1 or points:
        ax.legend(loc="best", fontsize=8)
    ax.grid(alpha=0.3)
    fig.text(
        0.01,
        0.01,
        "Source: WIPO press releases (top PCT applicants), via patentwatch",
        fontsize=7,
        color="gray",
    )
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)
    return points
