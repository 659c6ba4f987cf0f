"""``serve``: the database in Datasette, with its metadata and stored queries."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from patentwatch.cli.base import EXIT_OK, arg, command, db_path, open_database


@command(
    "serve",
    help="open the database in Datasette (read-only, not immutable)",
    description="Serve the database with Datasette, its metadata and stored queries.",
    db=True,
    args=[arg("--host", default="127.0.0.1"), arg("--port", type=int, default=8001)],
)
def serve(args: argparse.Namespace) -> int:
    import subprocess
    import tempfile

    from patentwatch.analysis import datasette_metadata
    from storage.db import read_only_reason

    path = db_path(args)
    with open_database(args):
        pass  # exists, is a database, schema up to date
    with tempfile.TemporaryDirectory() as tmp:
        meta = Path(tmp) / "metadata.json"
        meta.write_text(
            json.dumps(datasette_metadata(Path(path).stem), ensure_ascii=False), encoding="utf-8"
        )
        # Not immutable: the crawler may be writing; Datasette reads the WAL file safely.
        # A read-only copy is served immutable (-i): SQLite cannot create its -shm there.
        read_only = read_only_reason(Path(path)) is not None
        cmd = [
            str(Path(sys.executable).parent / "datasette"),
            "serve",
            *(["-i"] if read_only else []),
            path,
            "--metadata",
            str(meta),
            "--host",
            args.host,
            "--port",
            str(args.port),
            "--setting",
            "sql_time_limit_ms",
            "3000",
        ]
        try:
            return subprocess.call(cmd)  # noqa: S603 - our own venv's datasette
        except KeyboardInterrupt:
            return EXIT_OK
