"""``extract-metrics`` and ``reextract``: the patent-metric extractor on a text or the database."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from patentwatch.cli.base import EXIT_OK, UsageError, arg, command, open_database


@command(
    "extract-metrics",
    help="print the patent metrics of a text as JSON lines",
    description="Read article text from FILE (or stdin) and print one JSON object per metric.",
    args=[
        arg("file", nargs="?", metavar="FILE", help="text file (default: stdin)"),
        arg("--institution", help="the article's own institution (for 'our university', 'NEU')"),
        arg("--lang", choices=["en", "zh", "auto"], default="auto", help="text language"),
    ],
)
def extract_metrics(args: argparse.Namespace) -> int:
    from core.metrics import extract_metrics as extract

    if args.file and args.file != "-":
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(
                f"cannot read {args.file}: {getattr(exc, 'strerror', None) or exc}"
            ) from None
    else:
        text = sys.stdin.read()
    for metric in extract(text, args.institution, args.lang):
        print(json.dumps(metric.as_dict(), ensure_ascii=False))
    return EXIT_OK


@command(
    "reextract",
    help="re-run the metric extractor over stored articles",
    description="Replace every stored article's metrics with the current extractor's and report changes.",
    db=True,
)
def reextract(args: argparse.Namespace) -> int:
    from storage import utc_now
    from storage.reextract import reextract as run

    with open_database(args) as db:
        report = run(db, utc_now(), progress=lambda n: print(f"  {n} articles...", file=sys.stderr))
    print(
        f"re-extracted {report.articles} articles: {report.changed} changed,"
        f" {report.added} metrics added, {report.removed} removed"
    )
    return EXIT_OK
