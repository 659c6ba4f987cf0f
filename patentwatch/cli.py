"""The ``patentwatch`` command (also ``python -m crawler``).

Commands are thin: they validate what the user gave, then call Scrapy,
:mod:`storage` or :mod:`core.sites`. A user's mistake (unknown spider,
unusable database, malformed mirror or sites file) is one line on stderr and
exit code 2; a crawl that finished with errors is exit code 1; success is 0.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from importlib.resources import files
from pathlib import Path
from typing import Any

os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")

from scrapy.crawler import Crawler, CrawlerProcess  # noqa: E402  (after the settings module is set)
from scrapy.settings import Settings  # noqa: E402
from scrapy.spiderloader import get_spider_loader  # noqa: E402
from scrapy.utils.project import get_project_settings  # noqa: E402

import storage  # noqa: E402
from core.locks import LockedError, SpiderLock  # noqa: E402
from core.sites import SITES_ENV, SitesError, load_sites  # noqa: E402
from crawler.mirror import MirrorError, MirrorServer, validate_mirror  # noqa: E402
from crawler.runlog import LOG_FORMAT, attach_filter, install_filter, log_path  # noqa: E402
from storage import queries  # noqa: E402

EXIT_OK, EXIT_CRAWL_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3
# The bundled copy of the sites is package data: the demo works from an installed wheel.
DEMO_MIRROR = Path(str(files("patentwatch").joinpath("demo_sites")))
DEMO_DB = "data/demo.db"


class OneLineFormatter(__import__("logging").Formatter):
    """Errors on the terminal as one line each; their tracebacks stay in the log file."""

    def format(self, record: object) -> str:
        message = record.getMessage()  # type: ignore[attr-defined]
        return "patentwatch: " + (message.splitlines()[0] if message else "")


class UsageError(Exception):
    """A user's mistake: printed as one line, exit code 2."""


class Locked(Exception):
    """The spider is already running elsewhere: printed as one line, exit code 3."""


# --------------------------------------------------------------------------- helpers


def project_settings(db: str | None, overrides: Sequence[str] = ()) -> Settings:
    settings = get_project_settings()
    if db:
        settings.set("PATENTWATCH_DB", db, priority="cmdline")
    for pair in overrides:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"-s expects NAME=VALUE, got {pair!r}")
        settings.set(name, value, priority="cmdline")
    return settings


def check_db(path: str) -> None:
    """Open the database once before crawling, so a bad path fails fast and clearly."""
    try:
        storage.open_db(path).close()
    except storage.StorageError as exc:
        raise UsageError(str(exc)) from None


def resolve_spiders(settings: Settings, names: Sequence[str]) -> list[str]:
    try:
        load_sites()
    except SitesError as exc:
        raise UsageError(str(exc)) from None
    known = sorted(get_spider_loader(settings).list())
    unknown = [n for n in names if n not in known]
    if unknown:
        raise UsageError(f"unknown spider {unknown[0]!r} (known: {', '.join(known)})")
    return list(names) or known


def spider_hosts(names: Sequence[str]) -> list[str]:
    sites = load_sites()
    return sorted({h for n in names if n in sites for h in sites[n].hosts})


def crawl_ok(crawler: Crawler) -> bool:
    stats = crawler.stats.get_stats() if crawler.stats else {}
    return (
        stats.get("finish_reason") == "finished"
        and not stats.get("log_count/ERROR")
        and stats.get("patentwatch/status", "finished") == "finished"
    )


def run_crawls(settings: Settings, names: Sequence[str]) -> list[Crawler]:
    """Run spiders together in one Twisted reactor; return their crawlers."""
    install_filter()
    process = CrawlerProcess(settings)
    for name in names:
        process.crawl(name)
    attach_filter()
    if settings.get("LOG_FILE"):
        # details go to the run's log file; errors also reach the terminal (and cron's mail)
        import logging

        errors = logging.StreamHandler(sys.stderr)
        errors.setLevel(logging.ERROR)
        errors.setFormatter(OneLineFormatter())
        logging.getLogger().addHandler(errors)
    crawlers = list(process.crawlers)
    process.start()
    return crawlers


def take_locks(stack: ExitStack, db_path: str, names: Sequence[str]) -> None:
    for name in names:
        try:
            stack.enter_context(SpiderLock(db_path, name))
        except LockedError as exc:
            raise Locked(str(exc)) from None
        except OSError as exc:
            raise UsageError(
                f"cannot create the lock for {name} next to {db_path}: {exc.strerror}"
            ) from None


def setup_run_log(settings: Settings, names: Sequence[str]) -> None:
    if settings.get("LOG_FILE") or not settings.get("PATENTWATCH_LOG_DIR"):
        return
    path = log_path(
        settings["PATENTWATCH_LOG_DIR"], list(names), settings.getint("PATENTWATCH_LOG_KEEP", 30)
    )
    settings.set("LOG_FILE", str(path), priority="cmdline")
    settings.set("LOG_FORMAT", LOG_FORMAT, priority="cmdline")


def crawl_with_mirror(
    settings: Settings, names: Sequence[str], mirror: str | None
) -> list[Crawler]:
    with ExitStack() as stack:
        if mirror:
            try:
                validate_mirror(Path(mirror), spider_hosts(names))
            except MirrorError as exc:
                raise UsageError(str(exc)) from None
            server = stack.enter_context(MirrorServer(mirror))
            settings.set("MIRROR_URL", server.url, priority="cmdline")
        return run_crawls(settings, names)


def print_outcome(crawlers: Sequence[Crawler]) -> bool:
    all_ok = True
    for crawler in crawlers:
        stats = crawler.stats.get_stats() if crawler.stats else {}
        ok = crawl_ok(crawler)
        all_ok &= ok
        name = crawler.spider.name if crawler.spider else "?"
        print(
            f"{name}: {'ok' if ok else 'FAILED'} ({stats.get('finish_reason', 'not started')}),"
            f" {stats.get('storage/new', 0)} new, {stats.get('storage/updated', 0)} updated,"
            f" {stats.get('storage/unchanged', 0)} unchanged, {stats.get('storage/duplicate', 0)} duplicates,"
            f" {stats.get('incremental/skipped_seen', 0)} skipped as seen,"
            f" {stats.get('downloader/request_count', 0)} requests, {stats.get('log_count/ERROR', 0)} errors"
            + (
                f", {stats['storage/rankings']} WIPO ranking rows"
                if stats.get("storage/rankings")
                else ""
            )
            + (
                f", {stats['storage/indicators']} WIPO indicator values"
                if stats.get("storage/indicators")
                else ""
            )
        )
    return all_ok


# --------------------------------------------------------------------------- commands


def cmd_crawl(args: argparse.Namespace) -> int:
    settings = project_settings(args.db, args.set)
    if args.trigger:
        settings.set("PATENTWATCH_TRIGGER", args.trigger, priority="cmdline")
    settings.set("PATENTWATCH_FULL", args.full, priority="cmdline")
    settings.set("PATENTWATCH_REFRESH", args.refresh, priority="cmdline")
    names = resolve_spiders(settings, args.spiders)
    check_db(settings["PATENTWATCH_DB"])
    with ExitStack() as locks:
        take_locks(locks, settings["PATENTWATCH_DB"], names)
        settings.set("PATENTWATCH_LOCK_HELD", True, priority="cmdline")
        setup_run_log(settings, names)
        crawlers = crawl_with_mirror(settings, names, args.mirror)
    if settings.get("LOG_FILE"):
        print(f"log: {settings['LOG_FILE']}", file=sys.stderr)
    return EXIT_OK if print_outcome(crawlers) else EXIT_CRAWL_FAILED


def cmd_demo(args: argparse.Namespace) -> int:
    settings = project_settings(args.db or DEMO_DB)
    settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    names = resolve_spiders(settings, [])
    db_path = settings["PATENTWATCH_DB"]
    check_db(db_path)
    mirror = args.mirror or str(DEMO_MIRROR)
    print(f"Crawling the bundled copy of the sites ({mirror}) with: {', '.join(names)}")
    with ExitStack() as locks:
        take_locks(locks, db_path, names)
        settings.set("PATENTWATCH_LOCK_HELD", True, priority="cmdline")
        crawlers = crawl_with_mirror(settings, names, mirror)
    ok = print_outcome(crawlers)
    print_demo_summary(db_path)
    return EXIT_OK if ok else EXIT_CRAWL_FAILED


def print_demo_summary(db_path: str) -> None:
    db = storage.open_db(db_path)
    try:
        print("\nArticles per site:")
        for row in queries.articles_per_site(db):
            print(
                f"  {row['site']:<12} {row['articles']:>4}  {row['oldest']} .. {row['newest']}  {row['institution']}"
            )
        print("\nRecent runs:")
        for run in queries.recent_runs(db, 10):
            print(
                f"  #{run['id']:<4} {run['spider']:<12} {run['status']:<9} {run['started_at']}"
                f"  requests={run['requests']} not_modified={run['not_modified']}"
                f" skipped_seen={run['skipped_seen']} new={run['new_articles']}"
                f" duplicates={run['duplicates']} updated={run['updated_articles']} errors={run['errors']}"
            )
    finally:
        db.close()
    chart = Path(db_path).with_name("demo-dut-pct-rank.png")
    from patentwatch.analysis import chart_pct_rank

    db = storage.open_db(db_path)
    try:
        chart_pct_rank(db, ["Dalian University of Technology"], chart)
    finally:
        db.close()
    print(f"\nDatabase: {Path(db_path).resolve()}")
    print(f"Chart:    {chart.resolve()} (DUT's WIPO rank by year)")
    print("Try:")
    print(
        f'  sqlite3 {db_path} "SELECT published_at, site, title FROM articles ORDER BY published_at DESC LIMIT 5"'
    )


def cmd_runs(args: argparse.Namespace) -> int:
    settings = project_settings(args.db)
    check_db(settings["PATENTWATCH_DB"])
    db = storage.open_db(settings["PATENTWATCH_DB"])
    try:
        for run in queries.recent_runs(db, args.limit):
            print(
                f"#{run['id']}\t{run['spider']}\t{run['trigger']}\t{run['status']}\t{run['started_at']}\t"
                f"requests={run['requests']}\tnot_modified={run['not_modified']}\t"
                f"skipped_seen={run['skipped_seen']}\tnew={run['new_articles']}\t"
                f"duplicates={run['duplicates']}\tupdated={run['updated_articles']}\terrors={run['errors']}"
            )
    finally:
        db.close()
    return EXIT_OK


def cmd_extract_metrics(args: argparse.Namespace) -> int:
    from core.metrics import extract_metrics

    if args.file and args.file != "-":
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(
                f"cannot read {args.file}: {getattr(exc, 'strerror', None) or exc}"
            ) from None
    else:
        text = sys.stdin.read()
    for metric in extract_metrics(text, args.institution, args.lang):
        print(json.dumps(metric.as_dict(), ensure_ascii=False))
    return EXIT_OK


def cmd_reextract(args: argparse.Namespace) -> int:
    from storage import utc_now
    from storage.reextract import reextract

    settings = project_settings(args.db)
    check_db(settings["PATENTWATCH_DB"])
    db = storage.open_db(settings["PATENTWATCH_DB"])
    try:
        report = reextract(
            db, utc_now(), progress=lambda n: print(f"  {n} articles...", file=sys.stderr)
        )
    finally:
        db.close()
    print(
        f"re-extracted {report.articles} articles: {report.changed} changed,"
        f" {report.added} metrics added, {report.removed} removed"
    )
    return EXIT_OK


def cmd_sites_list(args: argparse.Namespace) -> int:
    try:
        sites = load_sites()
    except SitesError as exc:
        raise UsageError(str(exc)) from None
    for site in sorted(sites.values(), key=lambda s: s.name):
        families = "+".join(t.family for t in site.templates)
        print(f"{site.name}\t{site.institution}\t{families}\t{' '.join(site.start_urls)}")
    return EXIT_OK


def _mirror_path(mirror: str | None) -> Path | None:
    if not mirror:
        return None
    try:
        validate_mirror(Path(mirror))
    except MirrorError as exc:
        raise UsageError(str(exc)) from None
    return Path(mirror)


def cmd_sites_probe(args: argparse.Namespace) -> int:
    from core.probe import ProbeError, fetch, probe

    if not args.url.startswith(("http://", "https://")):
        raise UsageError(f"probe needs an http(s) URL of a list page, got {args.url!r}")
    mirror = _mirror_path(args.mirror)
    try:
        html = (
            Path(args.file).read_text(encoding="utf-8", errors="replace")
            if args.file
            else fetch(args.url, mirror)
        )
        result = probe(args.url, html, mirror, args.name)
    except (ProbeError, OSError) as exc:
        raise UsageError(str(exc)) from None
    print(result.toml(), end="")
    return EXIT_OK


def cmd_sites_check(args: argparse.Namespace) -> int:
    from core.probe import ProbeError, check_site

    try:
        sites = load_sites()
    except SitesError as exc:
        raise UsageError(str(exc)) from None
    if args.name not in sites:
        raise UsageError(f"unknown site {args.name!r} (known: {', '.join(sorted(sites))})")
    try:
        report = check_site(sites[args.name], _mirror_path(args.mirror), args.min_body)
    except ProbeError as exc:
        raise UsageError(str(exc)) from None
    print("\n".join(report.lines))
    print(f"{args.name}: {'ok' if not report.problems else f'{report.problems} problem(s)'}")
    return EXIT_OK if not report.problems else EXIT_CRAWL_FAILED


def _schedules(args: argparse.Namespace, settings: Settings) -> Any:
    from schedules.config import SHIPPED_SCHEDULES, ScheduleError, load_schedules

    known = set(resolve_spiders(settings, []))
    try:
        return load_schedules(Path(args.file) if args.file else SHIPPED_SCHEDULES, known)
    except ScheduleError as exc:
        raise UsageError(str(exc)) from None


def cmd_schedule_show(args: argparse.Namespace) -> int:
    from schedules.service import next_runs

    schedules = _schedules(args, project_settings(None))
    for job, fire in next_runs(schedules.jobs):
        when = fire.isoformat() if fire else "disabled"
        rule = job.cron or f"every {job.interval}"
        print(
            f"{job.id}\t{when}\t{rule} ({job.timezone})\t{' '.join(job.spiders)}\t{' '.join(job.args)}"
        )
    return EXIT_OK


def cmd_schedule_cron(args: argparse.Namespace) -> int:
    from schedules.cron import crontab

    settings = project_settings(args.db)
    schedules = _schedules(args, settings)
    db = str(Path(settings["PATENTWATCH_DB"]).resolve())
    log_dir = str(Path(settings["PATENTWATCH_LOG_DIR"]).resolve())
    print(crontab(schedules.jobs, Path.cwd(), Path(sys.executable), db, log_dir), end="")
    return EXIT_OK


def cmd_schedule_run(args: argparse.Namespace) -> int:
    import logging

    from schedules.service import run_service

    settings = project_settings(args.db)
    schedules = _schedules(args, settings)
    check_db(settings["PATENTWATCH_DB"])
    mirror = str(_mirror_path(args.mirror)) if args.mirror else None
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s [scheduler] %(levelname)s: %(message)s"
    )
    return run_service(schedules.jobs, settings["PATENTWATCH_DB"], mirror)


def cmd_health(args: argparse.Namespace) -> int:
    settings = project_settings(args.db)
    check_db(settings["PATENTWATCH_DB"])
    db = storage.open_db(settings["PATENTWATCH_DB"])
    bad = 0
    try:
        for run in queries.latest_runs_per_spider(db):
            checks = json.loads(run["health"] or "[]")
            failed = [c for c in checks if not c["ok"]]
            state = "ok" if run["status"] == "finished" else run["status"].upper()
            bad += state != "ok"
            print(f"{run['spider']}\trun #{run['id']}\t{run['started_at']}\t{state}")
            for c in failed:
                print(f"  {c['check']}: {c['value']:.3g} (must be {c['op']} {c['threshold']:g})")
    finally:
        db.close()
    return EXIT_OK if not bad else EXIT_CRAWL_FAILED


def cmd_institutions_unresolved(args: argparse.Namespace) -> int:
    from storage.institutions import unresolved

    settings = project_settings(args.db)
    check_db(settings["PATENTWATCH_DB"])
    db = storage.open_db(settings["PATENTWATCH_DB"])
    try:
        for row in unresolved(db):
            print(f"{row['name']}\t{row['country'] or ''}\t{row['source']}\t{row['rows']}")
    finally:
        db.close()
    return EXIT_OK


def cmd_institutions_alias(args: argparse.Namespace) -> int:
    from storage.institutions import add_alias, find, relink

    settings = project_settings(args.db)
    check_db(settings["PATENTWATCH_DB"])
    db = storage.open_db(settings["PATENTWATCH_DB"])
    try:
        matches = find(db, args.canonical, args.country)
        if not matches:
            raise UsageError(
                f"no institution named {args.canonical!r}"
                + (f" in {args.country}" if args.country else "")
            )
        if len(matches) > 1:
            countries = ", ".join(m[2] for m in matches)
            raise UsageError(
                f"{args.canonical!r} names several institutions ({countries}): add --country"
            )
        with storage.write_transaction(db):
            add_alias(db, args.name, matches[0][0])
            linked = relink(db)
    finally:
        db.close()
    print(f"{args.name!r} → {matches[0][1]} ({matches[0][2]}); {linked} rows linked")
    return EXIT_OK


def _open_existing(db_path: str) -> Any:
    if not Path(db_path).is_file():
        raise UsageError(f"database {db_path} does not exist (run a crawl or `make demo` first)")
    check_db(db_path)
    return storage.open_db(db_path)


def cmd_export(args: argparse.Namespace) -> int:
    from patentwatch.analysis import export_rows, write_export

    if args.since and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", args.since):
        raise UsageError(f"--since expects a date YYYY[-MM[-DD]], got {args.since!r}")
    db = _open_existing(project_settings(args.db)["PATENTWATCH_DB"])
    try:
        columns, rows = export_rows(db, args.what, args.since, args.institution)
        progress = (lambda n: print(f"  {n} rows...", file=sys.stderr)) if args.out else None
        if args.out:
            tmp = Path(args.out + ".part")
            with tmp.open("w", encoding="utf-8", newline="") as fh:
                n = write_export(columns, rows, args.format, fh, progress)
            tmp.replace(args.out)  # never leave a half-written export under the real name
            print(f"{n} rows written to {args.out}", file=sys.stderr)
        else:
            write_export(columns, rows, args.format, sys.stdout)
    finally:
        db.close()
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from patentwatch.analysis import report

    db = _open_existing(project_settings(args.db)["PATENTWATCH_DB"])
    try:
        report(db)
    finally:
        db.close()
    return EXIT_OK


def cmd_chart(args: argparse.Namespace) -> int:
    from patentwatch.analysis import chart_pct_rank

    db = _open_existing(project_settings(args.db)["PATENTWATCH_DB"])
    try:
        points = chart_pct_rank(db, args.institution, Path(args.out))
    finally:
        db.close()
    if not points:
        raise UsageError(
            f"no WIPO ranks for {', '.join(args.institution)} (see `patentwatch institutions unresolved`)"
        )
    print(f"{args.out}: {points} ranks of {', '.join(args.institution)}")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    db = _open_existing(project_settings(args.db)["PATENTWATCH_DB"])
    try:
        for row in queries.search(db, args.text, args.limit):
            print(f"{row['published_at']}\t{row['site']}\t{row['title']}\t{row['url']}")
    finally:
        db.close()
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from patentwatch.serve import ServeError, serve

    try:
        return serve(Path(project_settings(args.db)["PATENTWATCH_DB"]), args.host, args.port)
    except ServeError as exc:
        raise UsageError(str(exc)) from None


# --------------------------------------------------------------------------- parser


def db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", help="SQLite database file (default: $PATENTWATCH_DB or data/patentwatch.db)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="patentwatch", description="Crawl university news and WIPO PCT statistics into SQLite."
    )
    parser.add_argument(
        "--sites", metavar="FILE", help="extra sites file (extends/overrides the shipped one)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    crawl = sub.add_parser(
        "crawl",
        help="run spiders (all when none is named)",
        description="Run spiders; exit 0 only when every spider finished without errors.",
    )
    crawl.add_argument(
        "spiders", nargs="*", metavar="SPIDER", help="spider names (see `scrapy list`)"
    )
    db_option(crawl)
    crawl.add_argument(
        "--mirror", metavar="DIR", help="crawl a local copy laid out as DIR/<host>/<path>"
    )
    crawl.add_argument(
        "--trigger", choices=["manual", "cron", "schedule"], help="recorded in crawl_runs"
    )
    crawl.add_argument("--full", action="store_true", help="walk every list page (no early stop)")
    crawl.add_argument(
        "--refresh", action="store_true", help="re-fetch stored articles (conditional GET)"
    )
    crawl.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a Scrapy setting (repeatable)",
    )
    crawl.set_defaults(func=cmd_crawl)

    demo = sub.add_parser(
        "demo",
        help="crawl the bundled copy of the sites into data/demo.db",
        description="Serve the bundled site copy on 127.0.0.1, crawl it, print a summary.",
    )
    db_option(demo)
    demo.add_argument(
        "--mirror", metavar="DIR", help=f"site copy to crawl (default: {DEMO_MIRROR})"
    )
    demo.set_defaults(func=cmd_demo)

    runs = sub.add_parser(
        "runs", help="list recent crawl runs", description="List recent crawl runs."
    )
    db_option(runs)
    runs.add_argument("--limit", type=int, default=20, help="how many runs (default 20)")
    runs.set_defaults(func=cmd_runs)

    em = sub.add_parser(
        "extract-metrics",
        help="print the patent metrics of a text as JSON lines",
        description="Read article text from FILE (or stdin) and print one JSON object per metric.",
    )
    em.add_argument("file", nargs="?", metavar="FILE", help="text file (default: stdin)")
    em.add_argument(
        "--institution", help="the article's own institution (for 'our university', 'NEU')"
    )
    em.add_argument("--lang", choices=["en", "zh", "auto"], default="auto", help="text language")
    em.set_defaults(func=cmd_extract_metrics)

    rx = sub.add_parser(
        "reextract",
        help="re-run the metric extractor over stored articles",
        description="Replace every stored article's metrics with the current extractor's and report changes.",
    )
    db_option(rx)
    rx.set_defaults(func=cmd_reextract)

    sites = sub.add_parser(
        "sites",
        help="declared sites: list, probe a new one, check one",
        description="Declared news sites (core/data/sites.toml plus --sites FILE).",
    )
    ssub = sites.add_subparsers(dest="sites_command", required=True, metavar="ACTION")
    sl = ssub.add_parser(
        "list",
        help="print the declared sites, one per line, name first",
        description="Print the declared sites: name, institution, CMS family, start URLs.",
    )
    sl.set_defaults(func=cmd_sites_list)
    sp = ssub.add_parser(
        "probe",
        help="detect a list page's CMS and selectors; print a TOML entry",
        description="Probe a list page (and one of its articles) and print a ready sites entry.",
    )
    sp.add_argument("url", help="the list page's URL")
    sp.add_argument("--file", help="read the list page from this saved file instead of fetching it")
    sp.add_argument(
        "--mirror",
        metavar="DIR",
        help="fetch pages from a local copy laid out as DIR/<host>/<path>",
    )
    sp.add_argument("--name", help="the entry's name (default: from the host, e.g. szu_news)")
    sp.set_defaults(func=cmd_sites_probe)
    sc = ssub.add_parser(
        "check",
        help="crawl a site's first list page and two articles; report odd fields",
        description="Check a declared site: empty titles or dates, short bodies, selector misses.",
    )
    sc.add_argument("name", help="site name")
    sc.add_argument(
        "--mirror", metavar="DIR", help="read pages from a local copy laid out as DIR/<host>/<path>"
    )
    sc.add_argument(
        "--min-body", type=int, default=200, help="shortest acceptable body (characters)"
    )
    sc.set_defaults(func=cmd_sites_check)

    sched = sub.add_parser(
        "schedule",
        help="scheduled crawls: run the service, show jobs, print crontab",
        description="Scheduled crawls declared in schedules/schedules.toml.",
    )
    schsub = sched.add_subparsers(dest="schedule_command", required=True, metavar="ACTION")
    for name, func, text in (
        ("run", cmd_schedule_run, "run the scheduler service until SIGTERM/SIGINT"),
        ("show", cmd_schedule_show, "list jobs with their next run times"),
        ("cron", cmd_schedule_cron, "print equivalent crontab lines (flock, logging, venv path)"),
    ):
        p = schsub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        p.add_argument("--file", help="schedules file (default: schedules/schedules.toml)")
        if name != "show":
            db_option(p)
        if name == "run":
            p.add_argument("--mirror", metavar="DIR", help="crawl a local copy (tests, demos)")
        p.set_defaults(func=func)

    inst = sub.add_parser(
        "institutions",
        help="institution names: list unresolved ones, add aliases",
        description="Institutions that news metrics and WIPO rows refer to.",
    )
    isub = inst.add_subparsers(dest="institutions_command", required=True, metavar="ACTION")
    iu = isub.add_parser(
        "unresolved",
        help="names that match no institution",
        description="Names in metrics and WIPO rankings that match no institution.",
    )
    db_option(iu)
    iu.set_defaults(func=cmd_institutions_unresolved)
    ia = isub.add_parser(
        "alias",
        help="make NAME an alias of a canonical institution",
        description="Add NAME as an alias of CANONICAL and link the rows that use it.",
    )
    ia.add_argument("name", help="the name as written (e.g. 'NORTHEASTERN UNIV')")
    ia.add_argument("canonical", help="the institution's canonical name")
    ia.add_argument("--country", help="ISO country code, when the canonical name is ambiguous")
    db_option(ia)
    ia.set_defaults(func=cmd_institutions_alias)

    ex = sub.add_parser(
        "export",
        help="stream metrics, articles or rankings as CSV, JSON or JSON lines",
        description="Export a table, streaming (a large database never loads into memory).",
    )
    ex.add_argument("what", choices=["metrics", "articles", "rankings"])
    ex.add_argument("--format", choices=["csv", "json", "jsonl"], default="csv")
    ex.add_argument(
        "--since", help="only rows dated on or after YYYY[-MM[-DD]] (rankings: data year)"
    )
    ex.add_argument("--institution", help="only this institution (canonical name or as written)")
    ex.add_argument("--out", help="write to this file instead of stdout")
    db_option(ex)
    ex.set_defaults(func=cmd_export)

    rp = sub.add_parser(
        "report",
        help="terminal summary: latest figures, rank trends, claims vs WIPO",
        description="Print latest figures per institution, WIPO rank trends and differing claims.",
    )
    db_option(rp)
    rp.set_defaults(func=cmd_report)

    ch = sub.add_parser(
        "chart",
        help="PNG charts (chart pct-rank --institution NAME --out FILE)",
        description="Draw a chart with matplotlib.",
    )
    ch.add_argument(
        "kind",
        choices=["pct-rank"],
        help="pct-rank: WIPO rank among educational institutions by year",
    )
    ch.add_argument(
        "--institution",
        action="append",
        required=True,
        help="institution (repeat to compare several)",
    )
    ch.add_argument("--out", default="chart.png", help="PNG file (default chart.png)")
    db_option(ch)
    ch.set_defaults(func=cmd_chart)

    se = sub.add_parser(
        "search",
        help="full-text search over article titles and bodies (Chinese too)",
        description="Full-text search over article titles and bodies.",
    )
    se.add_argument("text")
    se.add_argument("--limit", type=int, default=20)
    db_option(se)
    se.set_defaults(func=cmd_search)

    sv = sub.add_parser(
        "serve",
        help="open the database in Datasette (read-only, not immutable)",
        description="Serve the database with Datasette, its metadata and stored queries.",
    )
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=8001)
    db_option(sv)
    sv.set_defaults(func=cmd_serve)

    health = sub.add_parser(
        "health",
        help="health of each spider's latest run",
        description="Show each spider's latest run and its failed health checks.",
    )
    db_option(health)
    health.set_defaults(func=cmd_health)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.sites:
        os.environ[SITES_ENV] = str(Path(args.sites).resolve())
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except UsageError as exc:
        print(f"patentwatch: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except storage.StorageError as exc:
        print(f"patentwatch: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Locked as exc:
        print(f"patentwatch: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except KeyboardInterrupt:
        print("patentwatch: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:  # a full disk, a vanished folder: one line, not a traceback
        print(
            f"patentwatch: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return EXIT_CRAWL_FAILED


if __name__ == "__main__":
    sys.exit(main())
