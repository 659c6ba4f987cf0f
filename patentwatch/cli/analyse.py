"""``export``, ``report``, ``chart`` and ``search``: the analysts' commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from patentwatch.cli.base import EXIT_OK, UsageError, arg, command, open_database


@command(
    "export",
    help="stream metrics, articles or rankings as CSV, JSON or JSON lines",
    description="Export a table, streaming (a large database never loads into memory).",
    db=True,
    args=[
        arg("what", choices=["metrics", "articles", "rankings"]),
        arg("--format", choices=["csv", "json", "jsonl"], default="csv"),
        arg("--since", help="only rows dated on or after YYYY[-MM[-DD]] (rankings: data year)"),
        arg("--institution", help="only this institution (any spelling: DUT, 大连理工大学, ...)"),
        arg("--out", help="write to this file (or FOLDER/<what>.<format>) instead of stdout"),
        arg("--force", action="store_true", help="replace an existing --out file"),
        arg("--excel", action="store_true", help="start with a UTF-8 BOM so Excel reads Chinese"),
    ],
)
def export(args: argparse.Namespace) -> int:
    from patentwatch.export import OutputError, export_rows, export_to_file, write_export

    with open_database(args) as db:
        if not args.out:
            columns, rows = export_rows(db, args.what, args.since, args.institution)
            if args.excel:
                sys.stdout.write("\ufeff")
            write_export(columns, rows, args.format, sys.stdout)
            sys.stdout.flush()  # a closed pipe (`| head`) surfaces here: main() ends quietly
            return EXIT_OK
        try:
            path, n = export_to_file(
                db,
                args.what,
                args.format,
                args.out,
                args.since,
                args.institution,
                force=args.force,
                excel=args.excel,
                progress=lambda n: print(f"  {n} rows...", file=sys.stderr),
            )
        except OutputError as exc:
            raise UsageError(str(exc)) from None
    print(f"{n} rows written to {path}", file=sys.stderr)
    return EXIT_OK


@command(
    "report",
    help="terminal summary: latest figures, rank trends, claims vs WIPO",
    description="Print latest figures per institution, WIPO rank trends and differing claims.",
    db=True,
    args=[
        arg("--institution", help="only this institution (any spelling: DUT, 大连理工大学, ...)")
    ],
)
def report(args: argparse.Namespace) -> int:
    from patentwatch.analysis import report as print_report

    with open_database(args) as db:
        print_report(db, institution=args.institution)
    return EXIT_OK


@command(
    "chart",
    help="PNG charts (chart pct-rank --institution NAME --out FILE)",
    description="Draw a chart with matplotlib.",
    db=True,
    args=[
        arg(
            "kind",
            choices=["pct-rank"],
            help="pct-rank: WIPO rank among educational institutions by year",
        ),
        arg(
            "--institution",
            action="append",
            required=True,
            help="institution (repeat to compare several)",
        ),
        arg("--out", default="chart.png", help="PNG file (default chart.png)"),
    ],
)
def chart(args: argparse.Namespace) -> int:
    from patentwatch.analysis import chart_pct_rank

    with open_database(args) as db:  # unknown names and no data fail before any file is written
        points = chart_pct_rank(db, args.institution, Path(args.out))
    print(f"{args.out}: {points} ranks of {', '.join(args.institution)}")
    return EXIT_OK


@command(
    "search",
    help="full-text search over article titles and bodies (Chinese too)",
    description="Full-text search over article titles and bodies.",
    db=True,
    args=[
        arg("text"),
        arg("--limit", type=int, default=20),
        arg("--institution", help="only this institution's articles (any spelling)"),
    ],
)
def search(args: argparse.Namespace) -> int:
    from storage import queries

    with open_database(args) as db:
        found = queries.search_articles(db, args.text, args.limit, args.institution)
    shown = f" (showing {len(found.rows)})" if found.total > len(found.rows) else ""
    verb = "article matches" if found.total == 1 else "articles match"
    print(f"{found.total} {verb} {args.text!r}{shown}")
    for row in found.rows:
        print(f"{row['published_at']}\t{row['site']}\t{row['title']}\t{row['url']}")
        print(f"    {row['snippet']}")
    return EXIT_OK  # no match is an answer (like a query returning no rows), not an error
