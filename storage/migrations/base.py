"""The migration set and the DDL helper every migration module uses."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("patentwatch")


def run_ddl(db: Database, script: str) -> None:
    """Run DDL statement by statement: ``executescript`` would COMMIT the migration's
    transaction first, losing its all-or-nothing guarantee."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)
