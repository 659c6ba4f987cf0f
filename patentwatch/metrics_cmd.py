"""``patentwatch metrics score LABELS.json [--verbose]``: the extractor scored on labelled articles.

The command is declared in :mod:`patentwatch.cli.metrics`; the logic lives here as plain
functions, so ``python -m patentwatch.metrics_cmd LABELS.json`` runs it alone too.
The last line printed is always the one-line summary (hooks print the last line).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from core.metrics import EXTRACTOR_VERSION
from core.metrics.scoring import LabelsError, load_articles, score_articles


def score_file(path: Path, verbose: bool = False, out: TextIO = sys.stdout) -> int:
    """Print the scores of ``path`` (misses and false positives with ``verbose``); exit code."""
    try:
        records = load_articles(path)
    except LabelsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    score, log = score_articles(records)
    if verbose:
        for line in log:
            print(line, file=out)
    print(
        f"extractor {EXTRACTOR_VERSION}: precision {score.precision:.3f}, recall {score.recall:.3f},"
        f" F1 {score.f1:.3f}, year accuracy {score.year_accuracy:.3f},"
        f" institution accuracy {score.institution_accuracy:.3f}"
        f" (tp {score.tp}, fp {score.fp}, fn {score.fn}; optional found {score.optional_found};"
        f" low-confidence found {score.low_tp}/{score.low_tp + score.low_fn};"
        f" {score.articles} articles)",
        file=out,
    )
    return 0


def add_score_parser(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("labels", type=Path, help="labelled articles (JSON, metrics-dev format)")
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="list every miss and false positive"
    )
    return parser


def cmd_metrics_score(args: argparse.Namespace) -> int:
    return score_file(args.labels, args.verbose)


def main(argv: list[str] | None = None) -> int:
    parser = add_score_parser(
        argparse.ArgumentParser(prog="patentwatch metrics score", description=__doc__)
    )
    return cmd_metrics_score(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
