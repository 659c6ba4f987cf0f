"""``schedule run|show|cron``: scheduled crawls declared in ``schedules/schedules.toml``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from patentwatch.cli.base import EXIT_OK, UsageError, arg, check_db, command, group

group(
    "schedule",
    help="scheduled crawls: run the service, show jobs, print crontab",
    description="Scheduled crawls declared in schedules/schedules.toml.",
)

_FILE = arg("--file", help="schedules file (default: schedules/schedules.toml)")


def load(args: argparse.Namespace) -> Any:
    """The schedules file, validated against the spiders this installation knows."""
    from patentwatch import runner
    from schedules.config import SHIPPED_SCHEDULES, ScheduleError, load_schedules

    settings = runner.project_settings(None)
    runner.resolve_spiders(settings, [])  # a broken sites file: one line
    known = runner.known_names(settings)
    try:
        return load_schedules(Path(args.file) if args.file else SHIPPED_SCHEDULES, known)
    except ScheduleError as exc:
        raise UsageError(str(exc)) from None


def _db(args: argparse.Namespace) -> str:
    from patentwatch import runner

    return str(runner.project_settings(getattr(args, "db", None))["PATENTWATCH_DB"])


@command(
    "schedule run",
    help="run the scheduler service until SIGTERM/SIGINT",
    db=True,
    args=[_FILE, arg("--mirror", metavar="DIR", help="crawl a local copy (tests, demos)")],
)
def schedule_run(args: argparse.Namespace) -> int:
    import logging

    from patentwatch.cli.sites import mirror_path
    from schedules.service import run_service

    schedules = load(args)
    db = _db(args)
    check_db(db)
    mirror = str(mirror_path(args.mirror)) if args.mirror else None
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s [scheduler] %(levelname)s: %(message)s"
    )
    return run_service(schedules.jobs, db, mirror)


@command("schedule show", help="list jobs with their next run times", args=[_FILE])
def schedule_show(args: argparse.Namespace) -> int:
    from schedules.service import next_runs

    for job, fire in next_runs(load(args).jobs):
        when = fire.isoformat() if fire else "disabled"
        rule = job.cron or f"every {job.interval}"
        print(
            f"{job.id}\t{when}\t{rule} ({job.timezone})\t{' '.join(job.spiders)}\t{' '.join(job.args)}"
        )
    return EXIT_OK


@command(
    "schedule cron",
    help="print equivalent crontab lines in the host's zone (flock, jitter, logging, venv path)",
    db=True,
    args=[
        _FILE,
        arg(
            "--host-zone",
            metavar="ZONE",
            help="the cron daemon's IANA zone (default: /etc/timezone, else /etc/localtime)",
        ),
    ],
)
def schedule_cron(args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from patentwatch import runner
    from schedules.cron import crontab
    from schedules.hostzone import host_zone

    settings = runner.project_settings(getattr(args, "db", None))
    schedules = load(args)
    try:
        host = ZoneInfo(args.host_zone) if args.host_zone else host_zone()
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"--host-zone: unknown time zone {args.host_zone!r}") from None
    db = str(Path(settings["PATENTWATCH_DB"]).resolve())
    log_dir = str(Path(settings["PATENTWATCH_LOG_DIR"]).resolve())
    text = crontab(schedules.jobs, Path.cwd(), Path(sys.executable), db, log_dir, host)
    print(text, end="")
    for line in text.splitlines():  # warnings also reach a terminal when stdout is redirected
        if line.startswith("# WARNING: "):
            print(f"patentwatch: warning: {line[len('# WARNING: ') :]}", file=sys.stderr)
    return EXIT_OK
