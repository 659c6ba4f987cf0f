"""``extract-metrics``, ``reextract`` and ``metrics score``: the patent-metric extractor on a
text, on the database, and scored on labelled articles."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from patentwatch.cli.base import EXIT_OK, UsageError, arg, command, group, open_database

group(
    "metrics",
    help="score the metric extractor on labelled articles",
    description="Check the patent-metric extractor against hand-labelled articles.",
)


@command(
    "metrics score",
    help="precision, recall, year and institution accuracy on a labelled file",
    description=(
        "Score the extractor on LABELS.json (the ../shared/metrics-dev format). The last line"
        " is the one-line summary; a bad file is one line on stderr and exit 2."
    ),
    args=[
        arg("labels", metavar="LABELS.json", help="labelled articles (JSON array)"),
        arg("--verbose", "-v", action="store_true", help="list every miss and false positive"),
    ],
)
def score(args: argparse.Namespace) -> int:
    from patentwatch.metrics_cmd import score_file

    return score_file(Path(args.labels), args.verbose)


@command(
    "extract-metrics",
    help="print the patent metrics of a text as JSON lines",
    description="Read article text from FILE (or stdin) and print one JSON object per metric.",
    args=[
        arg("file", nargs="?", metavar="FILE", help="text file (default: stdin)"),
        arg("--institution", help="the article's own institution (for 'our university', 'NEU')"),
        arg("--lang", choices=["en", "zh", "auto"], default="auto", help="text language"),
        arg(
            "--published",
            metavar="DATE",
            help="the article's publication date (YYYY-MM-DD), for 'last year' and list years",
        ),
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
    if args.published and not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", args.published):
        raise UsageError(f"--published {args.published!r} is not a date (YYYY-MM-DD)")
    for metric in extract(text, args.institution, args.lang, published=args.published):
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
