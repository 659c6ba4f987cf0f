"""``crawl`` and ``demo``: run spiders in this process (see :mod:`patentwatch.runner`)."""

from __future__ import annotations

import argparse
import sys
from importlib.resources import files
from pathlib import Path

from patentwatch.cli.base import (
    EXIT_CRAWL_FAILED,
    EXIT_OK,
    SET_OPTION,
    arg,
    command,
    run_counts_text,
)

# The bundled copy of the sites is package data: the demo works from an installed wheel.
DEMO_MIRROR = Path(str(files("patentwatch").joinpath("demo_sites")))
DEMO_DB = "data/demo.db"

_MIRROR = arg("--mirror", metavar="DIR", help="crawl a local copy laid out as DIR/<host>/<path>")


@command(
    "crawl",
    help="run spiders (all when none is named)",
    description="Run spiders; exit 0 only when every spider finished without errors.",
    db=True,
    args=[
        arg("spiders", nargs="*", metavar="SPIDER", help="spider names (see `scrapy list`)"),
        _MIRROR,
        arg("--trigger", choices=["manual", "cron", "schedule"], help="recorded in crawl_runs"),
        arg("--full", action="store_true", help="walk every list page (no early stop)"),
        arg("--refresh", action="store_true", help="re-fetch stored articles (conditional GET)"),
        SET_OPTION,
        arg("--redis", metavar="URL", help="distributed mode: coordinate workers over this Redis"),
        arg(
            "--workers",
            type=int,
            help="with --redis: local worker processes (default 1; 0: remote workers only)",
        ),
    ],
)
def crawl(args: argparse.Namespace) -> int:
    from patentwatch import runner
    from patentwatch.cli.base import UsageError, check_db

    if args.workers is not None and not args.redis:
        raise UsageError("--workers needs --redis URL (distributed mode)")
    settings = runner.project_settings(getattr(args, "db", None), args.set)
    if args.trigger:
        settings.set("PATENTWATCH_TRIGGER", args.trigger, priority="cmdline")
    settings.set("PATENTWATCH_FULL", args.full, priority="cmdline")
    settings.set("PATENTWATCH_REFRESH", args.refresh, priority="cmdline")
    names = runner.resolve_spiders(settings, args.spiders)
    check_db(settings["PATENTWATCH_DB"])
    if args.redis:
        from patentwatch.cli.distributed import crawl_distributed

        return crawl_distributed(args, settings, names)
    crawlers = runner.crawl(settings, names, args.mirror)
    if settings.get("LOG_FILE"):
        print(f"log: {settings['LOG_FILE']}", file=sys.stderr)
    return EXIT_OK if runner.print_outcome(crawlers) else EXIT_CRAWL_FAILED


@command(
    "demo",
    help=f"crawl the bundled copy of the sites into {DEMO_DB}",
    description="Serve the bundled site copy on 127.0.0.1, crawl it, print a summary.",
    db=True,
    db_help=f"SQLite database file (default: {DEMO_DB})",
    args=[arg("--mirror", metavar="DIR", help="site copy to crawl (default: the bundled copy)")],
)
def demo(args: argparse.Namespace) -> int:
    from patentwatch import runner
    from patentwatch.cli.base import check_db

    settings = runner.project_settings(getattr(args, "db", None) or DEMO_DB)
    settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    names = runner.resolve_spiders(settings, [])
    db = settings["PATENTWATCH_DB"]
    check_db(db)
    mirror = args.mirror or str(DEMO_MIRROR)
    print(f"Crawling the bundled copy of the sites ({mirror}) with: {', '.join(names)}")
    crawlers = runner.crawl(settings, names, mirror, log_file=False)
    ok = runner.print_outcome(crawlers)
    print_demo_summary(db)
    return EXIT_OK if ok else EXIT_CRAWL_FAILED


def print_demo_summary(db_path: str) -> None:
    import storage
    from patentwatch.analysis import chart_pct_rank
    from storage import queries

    db = storage.open_db(db_path)
    try:
        print("\nArticles per site:")
        for row in queries.articles_per_site(db):
            print(
                f"  {row['site']:<12} {row['articles']:>4}  {row['oldest']} .. {row['newest']}  {row['institution']}"
            )
        print("\nRecent runs:")
        for run in queries.recent_runs(db, 10):
            print("  " + run_line(run))
        chart = Path(db_path).with_name("demo-dut-pct-rank.png")
        chart_pct_rank(db, ["Dalian University of Technology"], chart)
    finally:
        db.close()
    print(f"\nDatabase: {Path(db_path).resolve()}")
    print(f"Chart:    {chart.resolve()} (DUT's WIPO rank by year)")
    print("Try:")
    print(
        f'  sqlite3 {db_path} "SELECT published_at, site, title FROM articles ORDER BY published_at DESC LIMIT 5"'
    )


def run_line(run: dict[str, object]) -> str:
    """One run as the demo summary and ``patentwatch runs`` print it."""
    head = f"#{run['id']:<4} {run['spider']:<12} {run['status']:<9} {run['started_at']}"
    return f"{head}  {run_counts_text(run)}"
