"""``wipo import FILE``: store a WIPO table or IP Statistics export downloaded by hand."""

from __future__ import annotations

import argparse
from pathlib import Path

from patentwatch.cli.base import EXIT_OK, UsageError, arg, command, group, open_database

group(
    "wipo",
    help="WIPO statistics: import a downloaded file",
    description="WIPO PCT statistics kept beside the crawled ones.",
)


def _year(text: str) -> int:
    if not text.isdigit() or not 1950 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}")
    return int(text)


@command(
    "wipo import",
    help="import a WIPO table or IP Statistics export (HTML, XLSX, CSV, ZIP)",
    description=(
        "Store the rows of a WIPO file: a press release or annex page, a publication"
        " workbook (e.g. WIPI's 'Top PCT applicants'), or an IP Statistics Data Center"
        " export (CSV, ZIP or XLSX). The format is found from the content; the file is"
        " stored as the rows' source. Importing a file twice changes nothing."
    ),
    db=True,
    args=[
        arg("file", help="the downloaded file"),
        arg("--year", type=_year, help="the data's year, when the file does not say"),
        arg(
            "--category",
            help="ranking category (education, overall, business, government),"
            " when the file does not say",
        ),
    ],
)
def import_(args: argparse.Namespace) -> int:
    from patentwatch.wipo_import import WipoImportError, read_file, store

    path = Path(args.file)
    try:  # a bad file is refused before the database is opened or created
        data, parsed = read_file(path, args.year, args.category)
    except WipoImportError as exc:
        raise UsageError(str(exc)) from None
    with open_database(args, must_exist=False) as db:
        result = store(db, path, data, parsed)
    print("\n".join(result.lines()))
    return EXIT_OK
