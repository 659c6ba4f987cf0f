"""``runs`` and ``health``: what the crawls did, for operators."""

from __future__ import annotations

import argparse
import json
from typing import Any

from patentwatch.cli.base import (
    EXIT_CRAWL_FAILED,
    EXIT_OK,
    UsageError,
    arg,
    command,
    open_database,
    run_counts_text,
)


@command(
    "runs",
    help="list recent crawl runs, or show one run and the pages it skipped",
    description="List recent crawl runs; `runs N` shows run N and every page it skipped, and why.",
    db=True,
    args=[
        arg(
            "run", nargs="?", type=int, metavar="N", help="a run id: show it and its skipped pages"
        ),
        arg("--limit", type=int, default=20, help="how many runs (default 20)"),
    ],
)
def runs(args: argparse.Namespace) -> int:
    from storage import queries

    with open_database(args) as db:
        if args.run is not None:
            return _show_run(db, args.run)
        for run in queries.recent_runs(db, args.limit):
            print(_run_line(run))
    return EXIT_OK


def _run_line(run: dict[str, Any]) -> str:
    head = f"#{run['id']}\t{run['spider']}\t{run['trigger']}\t{run['status']}\t{run['started_at']}"
    return head + "\t" + run_counts_text(run, sep="\t")


def _show_run(db: Any, run_id: int) -> int:
    """One run's line, then its skipped pages by reason (``skipped_pages``)."""
    from storage.skips import find_run, skip_counts, skips_for_run

    run = find_run(db, run_id)
    if run is None:
        raise UsageError(f"no run #{run_id} in the database (see `patentwatch runs`)")
    print(_run_line(run))
    counts = skip_counts(db, run_id)
    summary = ", ".join(f"{reason} {n}" for reason, n in counts.items())
    print(f"skipped pages: {sum(counts.values())}" + (f" ({summary})" if summary else ""))
    for skip in skips_for_run(db, run_id):
        status = skip["status"] if skip["status"] is not None else "-"
        print(f"  {skip['reason']}\t{status}\t{skip['url']}\t{skip['detail'] or ''}".rstrip())
    return EXIT_OK


@command(
    "health",
    help="health of each spider's latest run",
    description="Show each spider's latest run and its failed health checks.",
    db=True,
)
def health(args: argparse.Namespace) -> int:
    from storage import queries

    bad = 0
    with open_database(args) as db:
        for run in queries.latest_runs_per_spider(db):
            checks = json.loads(run["health"] or "[]")
            failed = [c for c in checks if not c["ok"]]
            state = "ok" if run["status"] == "finished" else run["status"].upper()
            bad += state != "ok"
            print(f"{run['spider']}\trun #{run['id']}\t{run['started_at']}\t{state}")
            for c in failed:
                print(f"  {c['check']}: {c['value']:.3g} (must be {c['op']} {c['threshold']:g})")
    return EXIT_OK if not bad else EXIT_CRAWL_FAILED
