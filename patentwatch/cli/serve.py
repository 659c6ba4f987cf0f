"""``serve``: the database in Datasette, with its metadata and stored queries."""

from __future__ import annotations

import argparse
from pathlib import Path

from patentwatch.cli.base import UsageError, arg, command, db_path, open_database


@command(
    "serve",
    help="open the database in Datasette (read-only; stops cleanly on Ctrl-C or SIGTERM)",
    description="Serve the database with Datasette, its descriptions and stored queries"
    " (runs in this process; --port 0 picks a free port).",
    db=True,
    args=[
        arg("--host", default="127.0.0.1"),
        arg("--port", type=int, default=8001, help="port (default 8001; 0: a free one)"),
    ],
)
def serve(args: argparse.Namespace) -> int:
    from patentwatch.serve import ServeError, is_read_only
    from patentwatch.serve import serve as run_datasette

    path = Path(db_path(args))
    if path.is_file() and not is_read_only(path):
        with open_database(args):
            pass  # a database, its schema up to date (a read-only copy is served as it is)
    try:
        return run_datasette(path, args.host, args.port)
    except ServeError as exc:
        raise UsageError(str(exc)) from None
