"""The terminal report: figures with their scope and support, disagreements, WIPO trends.

A figure is shown with what it counts among (its scope and basis) and how many
stories support it; when stories give different values for the same thing, the
report shows the range and lists the values in "Figures the sources disagree on"
instead of showing only the largest. Web text is escaped (rich markup is data).
"""

from __future__ import annotations

import sys
from typing import IO, Any

from sqlite_utils import Database

from storage import analyst


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def figure_text(row: dict[str, Any]) -> str:
    """``53``, or ``120,000,000 – 1,200,000,000 (sources disagree)``."""
    low, high = row["value_min"], row["value_max"]
    if low == high:
        return _number(low)
    return f"{_number(low)} – {_number(high)} (sources disagree)"


def scope_text(row: dict[str, Any]) -> str:
    """Among whom, of what, over which span: ``Chinese universities, by pct_applications_published``."""
    parts = [row["scope"] or ""]
    if row.get("basis"):
        parts.append(f"by {row['basis']}")
    if row.get("period"):
        parts.append(row["period"])
    return ", ".join(p for p in parts if p)


def report(
    db: Database, out: IO[str] | None = None, width: int = 140, institution: str | None = None
) -> None:
    """Latest figures (with scope and support), disagreements, WIPO rank trends, differing claims.

    :param institution: only this institution (any spelling the registry knows)
    :raises storage.analyst.FilterError: unknown institution
    """
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    inst = analyst.institution_filter(db, institution) if institution else None
    console = Console(file=out or sys.stdout, width=width)
    latest = Table(title="Latest figures per institution (news)")
    for col in ("institution", "metric", "scope", "year", "value", "unit", "articles"):
        latest.add_column(col)
    for row in analyst.latest_figures(db, inst):
        cells = (row["institution"], row["metric"], scope_text(row), row["year"])
        latest.add_row(
            *(escape(str(v)) for v in (*cells, figure_text(row), row["unit"], row["articles"]))
        )
    console.print(latest)
    disputed = analyst.conflicts(db, inst)
    if disputed:
        table = Table(title="Figures the sources disagree on (value (stories))")
        for col in ("institution", "metric", "scope", "year", "unit", "values"):
            table.add_column(col)
        for row in disputed:
            values = (row["institution"], row["metric"], scope_text(row), row["year"], row["unit"])
            table.add_row(*(escape(str(v or "")) for v in (*values, row["figures"])))
        console.print(table)
    else:
        console.print("[green]No two stories disagree on a figure.[/green]")
    trend = Table(title="WIPO rank among educational institutions, by year")
    trend.add_column("institution")
    trend.add_column("ranks (year: rank)")
    for row in analyst.rank_trends(db, inst):
        trend.add_row(escape(row["institution"]), escape(row["ranks"]))
    console.print(trend)
    rows = analyst.differing_claims(db, inst)
    claims = Table(title="Claims that differ from WIPO")
    for col in ("institution", "year", "metric", "claimed", "official", "article"):
        claims.add_column(col)
    for row in rows:
        claims.add_row(*(escape(str(v)) for v in row.values()))
    console.print(claims if rows else "[green]No claim differs from WIPO's figures.[/green]")
