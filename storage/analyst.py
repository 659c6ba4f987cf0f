"""The analysts' queries: exports, the report's tables, rank history, names resolved.

Every ``--institution`` goes through :func:`institution_filter`: the registry's
aliases first (DUT, DLUT, 大连理工大学 are one institution), then the names as
written in rows no alias matched. A name that matches neither is an error, never
an empty result. Filters are SQL parameters; the SQL text is fixed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from storage.db import StorageError
from storage.institutions import resolve


class FilterError(StorageError):
    """A filter that cannot mean anything (an unknown institution, an impossible date)."""


@dataclass(frozen=True)
class InstitutionFilter:
    """What an ``--institution`` means: a registry institution, or a name as written."""

    name: str
    institution_id: int | None


def institution_filter(db: Database, name: str) -> InstitutionFilter:
    """Resolve an analyst's spelling; CN breaks ties ("Northeastern University").

    :raises FilterError: the name is neither a known spelling nor written in any row
    """
    inst = resolve(db, name, "CN")
    if inst is not None:
        canonical = db.execute("SELECT name FROM institutions WHERE id = ?", [inst]).fetchone()[0]
        return InstitutionFilter(canonical, inst)
    written = db.execute(
        "SELECT institution FROM metrics WHERE institution_id IS NULL AND lower(institution) = lower(?)"
        " UNION ALL SELECT applicant FROM pct_rankings WHERE institution_id IS NULL"
        " AND lower(applicant) = lower(?) UNION ALL SELECT institution FROM articles"
        " WHERE lower(institution) = lower(?) LIMIT 1",
        [name, name, name],
    ).fetchone()
    if written:
        return InstitutionFilter(written[0], None)
    raise FilterError(
        f"unknown institution {name!r} (see `patentwatch institutions unresolved`,"
        " or add it with `patentwatch institutions alias`)"
    )


def check_since(since: str) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real date, else :class:`FilterError`."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", since)
    try:
        if not match:
            raise ValueError
        date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        raise FilterError(f"--since expects a date YYYY[-MM[-DD]], got {since!r}") from None
    return since


# name: (SELECT, date column, resolved-institution test, as-written test)
EXPORTS: dict[str, tuple[str, str, str, str]] = {
    "metrics": (
        "SELECT m.id, coalesce(i.name, m.institution) AS institution, m.metric, m.value, m.unit, m.year,"
        " m.period, m.scope, m.basis, m.qualifier, m.currency, m.evidence, a.url AS article_url,"
        " a.published_at AS article_date FROM metrics m JOIN articles a ON a.id = m.article_id"
        " LEFT JOIN institutions i ON i.id = m.institution_id",
        "a.published_at",
        "m.institution_id = :id",
        "m.institution_id IS NULL AND lower(m.institution) = lower(:name)",
    ),
    "articles": (
        "SELECT a.id, a.url, a.site, a.institution, a.title, a.published_at, a.author, a.editor, a.source,"
        " a.lang, a.duplicate_of, a.body FROM articles a",
        "a.published_at",
        # articles name their site's institution as written: any spelling of it counts
        "lower(a.institution) IN (SELECT lower(alias) FROM institution_aliases WHERE institution_id = :id"
        " UNION SELECT lower(name) FROM institutions WHERE id = :id)",
        "lower(a.institution) = lower(:name)",
    ),
    "rankings": (
        "SELECT r.year, r.category, r.rank, r.tied, r.applicant, coalesce(i.name, r.applicant) AS institution,"
        " r.country, r.published, r.change, r.release_no, r.source_url FROM pct_rankings r"
        " LEFT JOIN institutions i ON i.id = r.institution_id",
        "r.year",
        "r.institution_id = :id",
        "r.institution_id IS NULL AND lower(r.applicant) = lower(:name)",
    ),
}


def export_rows(
    db: Database, what: str, since: str | None = None, institution: str | None = None
) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """Column names and a row cursor for an export; filters are parameters only.

    :raises FilterError: unknown institution or impossible ``since``
    """
    sql, date_col, by_id, by_name = EXPORTS[what]
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if since:
        check_since(since)
        clauses.append(f"{date_col} >= :since")
        params["since"] = int(since[:4]) if what == "rankings" else since
    if institution:
        inst = institution_filter(db, institution)
        clauses.append(by_id if inst.institution_id is not None else by_name)
        params.update(id=inst.institution_id, name=inst.name)
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    cursor = db.execute(sql + " ORDER BY 1", params)
    return [d[0] for d in cursor.description], iter(cursor)


def rank_history(db: Database, inst: InstitutionFilter) -> list[tuple[int, int]]:
    """(year, rank) among educational institutions, oldest first."""
    params: list[Any]
    if inst.institution_id is not None:
        where, params = "institution_id = ?", [inst.institution_id]
    else:
        where, params = "institution_id IS NULL AND lower(applicant) = lower(?)", [inst.name]
    rows = db.execute(
        f"SELECT year, rank FROM pct_rankings WHERE {where} AND category = 'education'"
        " AND rank IS NOT NULL ORDER BY year",
        params,
    ).fetchall()
    return [(int(y), int(r)) for y, r in rows]


def _only(
    inst: InstitutionFilter | None, id_col: str | None, name_col: str
) -> tuple[str, dict[str, Any]]:
    """SQL condition (and its parameters) limiting a view to one institution, or none."""
    if inst is None:
        return "1", {}
    if inst.institution_id is not None and id_col:
        return f"{id_col} = :inst_id", {"inst_id": inst.institution_id}
    return f"{name_col} = :inst_name", {"inst_name": inst.name}


def latest_figures(db: Database, inst: InstitutionFilter | None = None) -> list[dict[str, Any]]:
    """Per institution, metric, scope and basis: the groups of its latest year.

    A scope is part of what a figure means (rank 8 among Chinese universities and rank
    836 overall are two figures); ``value_min != value_max`` means the stories disagree.
    """
    only, params = _only(inst, "g.institution_id", "g.institution")
    return list(
        db.query(
            "SELECT institution, metric, scope, basis, year, period, unit, value_min, value_max,"
            f" articles FROM institution_metrics g WHERE {only} AND year IS NOT NULL AND year = ("
            " SELECT max(year) FROM institution_metrics h WHERE h.institution IS g.institution"
            " AND h.metric = g.metric AND h.scope IS g.scope AND h.basis IS g.basis"
            " AND h.year IS NOT NULL) ORDER BY institution, metric, scope, basis, period",
            params,
        )
    )


def conflicts(db: Database, inst: InstitutionFilter | None = None) -> list[dict[str, Any]]:
    """Figures the stories disagree on: one row per group, its values with their story counts."""
    only, params = _only(inst, "institution_id", "institution")
    return list(
        db.query(
            "SELECT institution, metric, scope, year, period, unit, group_concat(value || ' ('"
            f" || articles || ')', ', ') AS figures FROM (SELECT * FROM conflicts WHERE {only}"
            " ORDER BY value) GROUP BY institution, metric, scope, basis, year, period, unit"
            " ORDER BY institution, year, metric",
            params,
        )
    )


def rank_trends(db: Database, inst: InstitutionFilter | None = None) -> list[dict[str, Any]]:
    """Each institution's WIPO education ranks as ``year: rank, …``."""
    only, params = _only(inst, None, "institution")
    if inst is not None and inst.institution_id is not None:
        only += " AND country IS (SELECT country FROM institutions WHERE id = :inst_id)"
        params["inst_id"] = inst.institution_id
    return list(
        db.query(
            "SELECT institution, group_concat(year || ': ' || coalesce(rank, '?'), ', ') AS ranks FROM"
            f" (SELECT * FROM pct_rank_history WHERE category = 'education' AND {only} ORDER BY year)"
            " GROUP BY institution, country",
            params,
        )
    )


def differing_claims(db: Database, inst: InstitutionFilter | None = None) -> list[dict[str, Any]]:
    only, params = _only(inst, None, "institution")
    return list(
        db.query(
            "SELECT institution, year, metric, claimed, official, article_url FROM claims_vs_wipo"
            f" WHERE verdict = 'differs' AND {only} ORDER BY institution, year",
            params,
        )
    )
