"""``runs`` and ``health``: what the crawls did, for operators."""

from __future__ import annotations

import argparse
import json

from patentwatch.cli.base import EXIT_CRAWL_FAILED, EXIT_OK, arg, command, open_database


@command(
    "runs",
    help="list recent crawl runs",
    db=True,
    args=[arg("--limit", type=int, default=20, help="how many runs (default 20)")],
)
def runs(args: argparse.Namespace) -> int:
    from storage import queries

    with open_database(args) as db:
        for run in queries.recent_runs(db, args.limit):
            print(
                f"#{run['id']}\t{run['spider']}\t{run['trigger']}\t{run['status']}\t{run['started_at']}\t"
                f"requests={run['requests']}\tnot_modified={run['not_modified']}\t"
                f"skipped_seen={run['skipped_seen']}\tnew={run['new_articles']}\t"
                f"duplicates={run['duplicates']}\tupdated={run['updated_articles']}\terrors={run['errors']}"
            )
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
