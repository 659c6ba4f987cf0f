"""``export``, ``report``, ``chart`` and ``search``: the analysts' commands."""

from __future__ import annotations

import argparse
import re
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
        arg("--institution", help="only this institution (canonical name or as written)"),
        arg("--out", help="write to this file instead of stdout"),
    ],
)
def export(args: argparse.Namespace) -> int:
    from patentwatch.analysis import export_rows, write_export

    if args.since and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", args.since):
        raise UsageError(f"--since expects a date YYYY[-MM[-DD]], got {args.since!r}")
    with open_database(args) as db:
        columns, rows = export_rows(db, args.what, args.since, args.institution)
        if args.out:
            progress = lambda n: print(f"  {n} rows...", file=sys.stderr)  # noqa: E731
            tmp = Path(args.out + ".part")
            with tmp.open("w", encoding="utf-8", newline="") as fh:
                n = write_export(columns, rows, args.format, fh, progress)
            tmp.replace(args.out)  # never leave a half-written export under the real name
            print(f"{n} rows written to {args.out}", file=sys.stderr)
        else:
            write_export(columns, rows, args.format, sys.stdout)
    return EXIT_OK


@command(
    "report",
    help="terminal summary: latest figures, rank trends, claims vs WIPO",
    description="Print latest figures per institution, WIPO rank trends and differing claims.",
    db=True,
)
def report(args: argparse.Namespace) -> int:
    from patentwatch.analysis import report as print_report

    with open_database(args) as db:
        print_report(db)
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

    with open_database(args) as db:
        points = chart_pct_rank(db, args.institution, Path(args.out))
    if not points:
        raise UsageError(
            f"no WIPO ranks for {', '.join(args.institution)} (see `patentwatch institutions unresolved`)"
        )
    print(f"{args.out}: {points} ranks of {', '.join(args.institution)}")
    return EXIT_OK


@command(
    "search",
    help="full-text search over article titles and bodies (Chinese too)",
    description="Full-text search over article titles and bodies.",
    db=True,
    args=[arg("text"), arg("--limit", type=int, default=20)],
)
def search(args: argparse.Namespace) -> int:
    from storage import queries

    with open_database(args) as db:
        for row in queries.search(db, args.text, args.limit):
            print(f"{row['published_at']}\t{row['site']}\t{row['title']}\t{row['url']}")
    return EXIT_OK
