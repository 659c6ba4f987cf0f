"""Institutions: canonical names, countries and aliases, so every spelling resolves to one row.

"Dalian University of Technology", "DALIAN UNIVERSITY OF TECHNOLOGY", "DUT" and
"大连理工大学" are one institution; "Northeastern University" is two (Shenyang,
CN and Boston, US), told apart by country. Unknown names are kept as written
and listed by ``patentwatch institutions unresolved``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlite_utils import Database

from core.chinese import to_simplified
from core.institutions import SEED_FILE, alias_key, load

__all__ = ["SEED_FILE", "add_alias", "alias_key", "find", "relink", "resolve", "seed"]


def seed(db: Database, path: Path = SEED_FILE) -> None:
    """Insert the registry's institutions and aliases (idempotent): the same rows the
    metric extractor recognises, so a stored name always resolves."""
    for inst in load(path):
        db.execute(
            "INSERT INTO institutions (name, country) VALUES (?, ?) ON CONFLICT(name, country) DO NOTHING",
            [inst.name, inst.country],
        )
        inst_id = db.execute(
            "SELECT id FROM institutions WHERE name = ? AND country = ?",
            [inst.name, inst.country],
        ).fetchone()[0]
        for alias in dict.fromkeys((inst.name, *inst.aliases)):
            add_alias(db, alias, inst_id)


def add_alias(db: Database, alias: str, institution_id: int) -> None:
    db.execute(
        "INSERT INTO institution_aliases (alias_key, institution_id, alias) VALUES (?, ?, ?)"
        " ON CONFLICT(alias_key, institution_id) DO NOTHING",
        [alias_key(alias), institution_id, alias],
    )


def resolve(db: Database, name: str | None, country: str | None = None) -> int | None:
    """The institution id for ``name``; with several candidates, ``country`` decides."""
    if not name:
        return None
    sql = (
        "SELECT i.id, i.country FROM institution_aliases a JOIN institutions i ON i.id = a.institution_id"
        " WHERE a.alias_key = ?"
    )
    rows = db.execute(sql, [alias_key(name)]).fetchall()
    if not rows:  # a traditional-character spelling of a registered name
        rows = db.execute(sql, [to_simplified(alias_key(name))]).fetchall()
    if country:
        same = [r for r in rows if r[1] == country]
        if len(same) == 1:
            return int(same[0][0])
    return int(rows[0][0]) if len(rows) == 1 else None


def find(db: Database, canonical: str, country: str | None = None) -> list[tuple[int, str, str]]:
    """Institutions named ``canonical`` (optionally in ``country``)."""
    sql = "SELECT id, name, country FROM institutions WHERE lower(name) = lower(?)"
    params: list[Any] = [canonical]
    if country:
        sql += " AND country = ?"
        params.append(country)
    return [tuple(r) for r in db.execute(sql, params).fetchall()]


def unresolved(db: Database) -> list[dict[str, Any]]:
    """Names in metrics and WIPO rankings that resolve to no institution, most frequent first;
    ``education`` says a WIPO name comes from an educational-institutions list."""
    return list(
        db.query(
            "SELECT name, country, source, count(*) AS rows, max(education) AS education FROM ("
            " SELECT applicant AS name, country, 'pct_rankings' AS source,"
            "  category = 'education' AS education FROM pct_rankings"
            "  WHERE institution_id IS NULL"
            " UNION ALL SELECT institution, NULL, 'metrics', 0 FROM metrics"
            "  WHERE institution_id IS NULL AND institution IS NOT NULL)"
            " GROUP BY name, country, source ORDER BY rows DESC, name"
        )
    )


def relink(db: Database) -> int:
    """Resolve every unlinked metric and ranking again (after aliases were added)."""
    n = 0
    for row_id, name, country in db.execute(
        "SELECT id, applicant, country FROM pct_rankings WHERE institution_id IS NULL"
    ).fetchall():
        inst = resolve(db, name, country)
        if inst:
            db.execute("UPDATE pct_rankings SET institution_id = ? WHERE id = ?", [inst, row_id])
            n += 1
    for row_id, name in db.execute(
        "SELECT id, institution FROM metrics WHERE institution_id IS NULL AND institution IS NOT NULL"
    ).fetchall():
        inst = resolve(db, name, "CN")
        if inst:
            db.execute("UPDATE metrics SET institution_id = ? WHERE id = ?", [inst, row_id])
            n += 1
    return n
