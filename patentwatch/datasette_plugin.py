"""patentwatch's Datasette plugin, registered in-process by :mod:`patentwatch.serve`.

It registers ``alias_key()`` on every connection Datasette opens, so the stored
queries match an institution's name exactly as :mod:`storage.institutions` does
("DUT", "dlut", "大连理工大学" and the full name are one institution).
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl
from markupsafe import Markup, escape

from storage.institutions import alias_key


@hookimpl  # type: ignore[untyped-decorator]  # pluggy marker, typed by hand
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("alias_key", 1, alias_key, deterministic=True)


# Identifiers such as "pct_applications_published" may wrap after an underscore, not
# in mid-word and not at all: a narrow column leaves the evidence on the first screen.
WRAPPED_IDENTIFIERS = frozenset({"metric", "basis", "indicator"})


@hookimpl  # type: ignore[untyped-decorator]  # pluggy marker, typed by hand
def render_cell(value: object, column: str) -> Markup | None:
    if column in WRAPPED_IDENTIFIERS and isinstance(value, str) and "_" in value:
        return Markup("_<wbr>").join(escape(part) for part in value.split("_"))
    return None
