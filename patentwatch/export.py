"""Exports that do not lie: streamed rows, whole files or none, no silent overwrite.

A file export is written to ``NAME.part`` beside the target and renamed when
complete; a failure removes the ``.part``. An existing file is replaced only with
``force``. ``--out FOLDER`` writes ``FOLDER/<what>.<format>``. ``excel`` starts
the file with a UTF-8 byte-order mark, without which Excel reads Chinese
evidence as mojibake.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from sqlite_utils import Database

from storage.analyst import export_rows

__all__ = ["OutputError", "export_rows", "export_to_file", "target_path", "write_export"]


class OutputError(Exception):
    """The output cannot be written as asked (exists without --force, ...): one line, exit 2."""


def write_export(
    columns: list[str],
    rows: Iterator[tuple[Any, ...]],
    fmt: str,
    out: IO[str],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Stream rows as CSV, a JSON array, or JSON lines; returns the row count."""
    n = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
    elif fmt == "json":
        out.write("[")
    for row in rows:
        if fmt == "csv":
            writer.writerow(row)
        else:
            record = json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False)
            out.write(
                (",\n" if n and fmt == "json" else "") + record + ("\n" if fmt == "jsonl" else "")
            )
        n += 1
        if progress and n % 10000 == 0:
            progress(n)
    if fmt == "json":
        out.write("]\n")
    return n


def target_path(out: str | Path, what: str, fmt: str, force: bool) -> Path:
    """The file an ``--out`` names: a folder gets ``<what>.<fmt>`` inside it.

    :raises OutputError: the file exists and ``force`` is not set, or its folder is missing
    """
    path = Path(out)
    if path.is_dir():
        path = path / f"{what}.{fmt}"
    if path.is_dir():
        raise OutputError(f"{path} is a folder")
    if path.exists() and not force:
        raise OutputError(f"{path} exists; add --force to replace it")
    if not path.parent.is_dir():
        raise OutputError(f"folder {path.parent} does not exist")
    return path


def export_to_file(
    db: Database,
    what: str,
    fmt: str,
    out: str | Path,
    since: str | None = None,
    institution: str | None = None,
    force: bool = False,
    excel: bool = False,
    progress: Callable[[int], None] | None = None,
) -> tuple[Path, int]:
    """Write an export to a file atomically; returns (the file, rows written).

    :raises OutputError: see :func:`target_path`
    :raises storage.analyst.FilterError: unknown institution, impossible ``since``
    """
    columns, rows = export_rows(db, what, since, institution)  # filters fail before any file
    path = target_path(out, what, fmt, force)
    tmp = path.with_name(path.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8-sig" if excel else "utf-8", newline="") as fh:
            n = write_export(columns, rows, fmt, fh, progress)
        tmp.replace(path)  # never a half-written export under the real name
    finally:
        tmp.unlink(missing_ok=True)
    return path, n
