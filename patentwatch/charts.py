"""Charts: every name resolved first, nothing drawn without data, a good PNG never replaced
by a failed one (drawn to a temporary file beside it, renamed when complete)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from storage import analyst

__all__ = ["NoData", "chart_pct_rank", "rank_history"]


class NoData(analyst.FilterError):
    """Every named institution resolved, but none has a point to draw."""


def rank_history(db: Database, institutions: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Canonical name → (year, rank) among educational institutions.

    :raises storage.analyst.FilterError: a name is unknown
    """
    series: dict[str, list[tuple[int, int]]] = {}
    for name in institutions:
        inst = analyst.institution_filter(db, name)
        series[inst.name] = analyst.rank_history(db, inst)
    return series


def chart_pct_rank(db: Database, institutions: list[str], out: Path) -> int:
    """A PNG of WIPO ranks among educational institutions by year (rank 1 at the top).

    Returns the number of points drawn.

    :raises NoData: no institution has a rank (nothing is written)
    :raises storage.analyst.FilterError: a name is unknown (nothing is written)
    """
    series = rank_history(db, institutions)
    points = sum(len(v) for v in series.values())
    if not points:
        raise NoData(
            f"no WIPO ranks for {', '.join(series)} (see `patentwatch institutions unresolved`)"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _draw(series, points, tmp)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return points


def _draw(series: dict[str, list[tuple[int, int]]], points: int, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=100)
    try:
        for name, values in series.items():
            _plot_series(ax, name, values)
        ax.invert_yaxis()
        ax.set_xlabel("Year of the data")
        ax.set_ylabel("Rank (educational institutions)")
        ax.margins(x=0.08, y=0.15)
        ax.set_title("WIPO PCT ranking of educational institutions")
        years = sorted({x for v in series.values() for x, _ in v})
        ax.set_xticks(years)
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
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)


def _plot_series(ax: Any, name: str, values: list[tuple[int, int]]) -> None:
    if not values:
        ax.plot([], [], marker="o", label=f"{name} (no ranks)")
        return
    xs, ys = zip(*values, strict=True)
    ax.plot(xs, ys, marker="o", label=name)
    for x, y in values:
        ax.annotate(
            str(y), (x, y), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8
        )
