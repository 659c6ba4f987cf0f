"""A sqlite-utils plugin: connections opened by ``sqlite-utils`` (CLI or library) in this
environment get the SQL functions the schema's triggers call, so ``sqlite-utils insert``
or ``update`` on ``articles`` keeps the word index current instead of failing with
"no such function: pw_search_terms"."""

from __future__ import annotations

import sqlite3

from sqlite_utils import hookimpl


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    from storage.db import register_functions

    register_functions(conn)
