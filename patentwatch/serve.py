"""``patentwatch serve``: Datasette in this process, configured from :mod:`storage.catalog`.

Why in-process: a child ``datasette`` outlived a SIGTERM to ``patentwatch serve``
(reparented to init, still on the port, its temporary metadata folder left behind).
Here the server is uvicorn's, in our own event loop: SIGTERM and SIGINT make it
close its socket and finish its requests, then :func:`serve` returns. Metadata is
a dict and the stylesheet is package data, so nothing is written to disk.

The metadata is generated from the catalog (one source with the README): internal
tables hidden, short descriptions with the column details folded away (so the data
starts on the first screen), labels for foreign keys, facets, sortable columns,
the full-text index, and the stored queries of :mod:`storage.stored_queries`.
"""

from __future__ import annotations

import asyncio
import html
import os
import signal
import socket
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from types import FrameType
from typing import IO, Any

from storage.catalog import RELATIONS, SEARCHABLE, Relation, is_internal, search_index
from storage.stored_queries import stored_queries

STATIC_DIR = Path(str(files("patentwatch").joinpath("datasette_static")))
STATIC_MOUNT = "patentwatch-static"

# Per table/view: how Datasette shows it. Declarative; keys are Datasette's own
# metadata keys (label_column, facets, sortable_columns, sort, sort_desc).
DISPLAY: dict[str, dict[str, Any]] = {
    "articles": {
        "label_column": "title",
        "facets": ["site", "lang"],
        "sort_desc": "published_at",
        "sortable_columns": ["id", "site", "institution", "title", "published_at", "views", "lang"],
    },
    "articles_unique": {
        "facets": ["site", "lang"],
        "sort_desc": "published_at",
        "sortable_columns": ["id", "site", "institution", "title", "published_at", "views", "lang"],
    },
    "metrics": {
        "facets": ["metric", "year", "institution"],
        "sortable_columns": ["id", "article_id", "institution", "metric", "value", "year"],
    },
    "institutions": {"label_column": "name", "facets": ["country"]},
    "institution_aliases": {"sortable_columns": ["alias_key", "institution_id", "alias"]},
    "crawl_runs": {
        "label_column": "spider",
        "facets": ["spider", "status"],
        "sort_desc": "id",
    },
    "recent_runs": {"facets": ["spider", "status"]},
    "pct_rankings": {
        "facets": ["year", "category", "country"],
        "sort_desc": "year",
        "sortable_columns": ["year", "category", "rank", "applicant", "country", "published"],
    },
    "pct_indicators": {"facets": ["indicator", "year", "origin"]},
    "pct_rank_history": {"facets": ["year", "category", "country"]},
    "institution_metrics": {"facets": ["metric", "year"]},
    "claims_vs_wipo": {"facets": ["verdict", "metric", "year"]},
    "article_versions": {"sort_desc": "replaced_at"},
}

SETTINGS: dict[str, Any] = {
    "sql_time_limit_ms": 3000,
    # Long bodies and sentences end with "…" in lists; the row page shows them whole.
    "truncate_cells_html": 240,
    # Few values per facet: four facets of 30 values pushed the data off the first screen.
    "default_facet_size": 6,
    "suggest_facets": False,
}


class ServeError(Exception):
    """A user's mistake (missing database): one line, exit code 2."""


class Stopped(Exception):
    """SIGTERM or SIGINT arrived: the server has shut down; not an error."""


# --------------------------------------------------------------------------- metadata


def _sentence(text: str) -> str:
    """The catalog's phrases as a sentence: capital first letter, a full stop."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _columns_html(descriptions: dict[str, str]) -> str:
    items = "".join(
        f"<dt>{html.escape(name)}</dt><dd>{html.escape(text)}</dd>"
        for name, text in descriptions.items()
    )
    return f'<details class="pw-columns"><summary>Columns</summary><dl>{items}</dl></details>'


def relation_metadata(
    relation: Relation | None, name: str, columns: list[str], fts: str | None
) -> dict[str, Any]:
    """One table's or view's Datasette metadata: a short description with the column
    details folded away (and in each column's menu), plus its display options."""
    entry: dict[str, Any] = dict(DISPLAY.get(name, {}))
    if is_internal(name):
        entry["hidden"] = True
    if fts and name in SEARCHABLE:  # a view has no rowid: its id is the articles' rowid
        entry.update(fts_table=fts, fts_pk="rowid" if name == "articles" else "id")
    if relation is None:
        return entry
    known = relation.column_descriptions()
    descriptions = {c: known[c] for c in columns if c in known}
    entry["description"] = _sentence(relation.description)
    entry["description_html"] = (
        f"<p>{html.escape(_sentence(relation.description))}</p>" + _columns_html(descriptions)
    )
    entry["columns"] = descriptions
    return entry


# Where a newcomer starts (the database page lists tables alphabetically).
START_HERE = {
    "articles": "the news, one row per article",
    "metrics": "each patent figure with its sentence",
    "institution_metrics": "figures per institution and year",
    "claims_vs_wipo": "news claims beside WIPO's own figures",
    "pct_rank_history": "WIPO ranks by year",
}


def _start_here(db_name: str, relations: set[str]) -> str:
    links = "; ".join(
        f'<a href="/{html.escape(db_name)}/{name}">{name}</a>: {html.escape(what)}'
        for name, what in START_HERE.items()
        if name in relations
    )
    return f"<p>Start with {links}.</p>"


def datasette_metadata(db_name: str, columns: dict[str, list[str]]) -> dict[str, Any]:
    """Datasette metadata for a database whose relations have ``columns``."""
    fts = search_index(set(columns))
    tables = {
        name: relation_metadata(RELATIONS.get(name), name, cols, fts)
        for name, cols in columns.items()
    }
    return {
        "title": "patentwatch: university patent news and WIPO PCT statistics",
        "description": "Articles crawled from university news sites, the patent figures"
        " extracted from them (each with its sentence), and WIPO's PCT statistics.",
        "source": "University news sites and WIPO (wipo.int)",
        "source_url": "https://www.wipo.int/pressroom/en/",
        "license": "Source texts belong to their publishers",
        "extra_css_urls": [f"/{STATIC_MOUNT}/patentwatch.css"],
        "databases": {
            db_name: {
                "description_html": _start_here(db_name, set(columns)),
                "tables": tables,
                "queries": stored_queries(set(columns)),
            }
        },
    }


def read_columns(db_path: Path, immutable: bool) -> dict[str, list[str]]:
    """Every table's and view's columns, read without writing (not even a -shm file
    when the copy is read-only)."""
    from sqlite_utils import Database

    from storage.catalog import relation_columns

    mode = "ro&immutable=1" if immutable else "ro"
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode={mode}", uri=True)
    try:
        return relation_columns(Database(conn))
    finally:
        conn.close()


# --------------------------------------------------------------------------- server


def is_read_only(db_path: Path) -> bool:
    """A read-only file or folder (a share): SQLite cannot create the WAL's -shm there."""
    return not os.access(db_path, os.W_OK) or not os.access(db_path.parent, os.W_OK)


def build_datasette(db_path: Path, immutable: bool) -> Any:
    """The configured Datasette application object for ``db_path``."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    from patentwatch import datasette_plugin

    if not pm.is_registered(datasette_plugin):
        pm.register(datasette_plugin, name="patentwatch")
    metadata = datasette_metadata(db_path.stem, read_columns(db_path, immutable))
    return Datasette(
        files=[] if immutable else [str(db_path)],
        immutables=[str(db_path)] if immutable else [],
        metadata=metadata,
        settings=SETTINGS,
        static_mounts=[(STATIC_MOUNT, str(STATIC_DIR))],
    )


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGTERM/SIGINT raise :class:`Stopped`. uvicorn replaces these handlers while it
    serves (to shut down gracefully) and re-raises the signal afterwards, landing here."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def serve(
    db_path: Path, host: str = "127.0.0.1", port: int = 8001, out: IO[str] | None = None
) -> int:
    """Serve ``db_path`` until SIGTERM/SIGINT; returns the exit code (0 on a signal)."""
    import uvicorn

    out = out or sys.stdout
    if not db_path.is_file():
        raise ServeError(f"no database at {db_path} (run `patentwatch demo` or a crawl first)")
    immutable = is_read_only(db_path)
    if immutable:
        print(f"patentwatch: {db_path} is read-only: serving it as immutable", file=out)
    with stop_on_signals():
        try:
            ds = build_datasette(db_path, immutable)
        except sqlite3.DatabaseError as exc:
            raise ServeError(f"{db_path} is not a usable SQLite database: {exc}") from None
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            sock.close()
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
        sock.listen(128)  # connections wait in the backlog until uvicorn accepts them
        bound = sock.getsockname()[1]
        config = uvicorn.Config(ds.app(), log_level="warning", lifespan="on")
        server = uvicorn.Server(config)
        print(f"Serving {db_path} at http://{host}:{bound}/ (Ctrl-C to stop)", file=out, flush=True)
        try:
            asyncio.run(_run(ds, server, sock))
        except Stopped as stop:
            print(f"patentwatch: stopped ({stop})", file=out, flush=True)
        finally:
            sock.close()
    return 0


async def _run(ds: Any, server: Any, sock: socket.socket) -> None:
    await ds.invoke_startup()
    await server.serve(sockets=[sock])
