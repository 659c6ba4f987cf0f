"""The scheduler service: one APScheduler 3.x process launching crawls as subprocesses.

Jobs get explicit ids with ``replace_existing``, ``max_instances=1``,
``coalesce=True`` and an explicit ``misfire_grace_time``. The job store is in
memory; what must survive a restart (each job's last run and next run) is kept
in the ``schedule_state`` table of the crawl database, so a run missed while the
service was down is made up once on start (within the grace time). APScheduler's
SQLAlchemy store on the same SQLite file is the known source of "database is
locked" errors in similar tools, and one file of state is enough here.

SIGTERM/SIGINT: running crawls receive SIGTERM (Scrapy's own clean shutdown),
the service waits for them, then exits 0.
"""

from __future__ import annotations

import logging
import signal
import threading
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler

from schedules import jobs as job_functions
from schedules.config import Job

logger = logging.getLogger(__name__)


def build_scheduler(jobs: list[Job], db: str, mirror: str | None = None) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(executors={"default": ThreadPoolExecutor(4)}, timezone=UTC)
    for job in jobs:
        if not job.enabled:
            continue
        _add(scheduler, job, db, mirror, job.id, trigger=job.trigger())
    return scheduler


def _add(
    scheduler: BackgroundScheduler,
    job: Job,
    db: str,
    mirror: str | None,
    job_id: str,
    **trigger: Any,
) -> None:
    """Add a crawl job with the options every job gets (explicit id, replace_existing,
    max_instances=1, coalesce, the file's misfire grace time)."""
    scheduler.add_job(
        job_functions.run_crawl,
        id=job_id,
        name=job_id,
        kwargs={
            "job_id": job.id,
            "spiders": list(job.spiders),
            "db": db,
            "args": list(job.args),
            "mirror": mirror,
        },
        replace_existing=True,
        max_instances=1,
        coalesce=True,
        misfire_grace_time=job.misfire_grace_time,
        **trigger,
    )


def catch_up(
    scheduler: BackgroundScheduler, jobs: list[Job], db: str, now: datetime, mirror: str | None
) -> list[str]:
    """Run once now the jobs whose stored next run passed while the service was down."""
    state = job_functions.load_state(db)
    caught = []
    for job in jobs:
        due = state.get(job.id, {}).get("next_run_at")
        if not job.enabled or not due:
            continue
        missed = datetime.fromisoformat(str(due))
        if missed < now and (now - missed).total_seconds() <= job.misfire_grace_time:
            _add(scheduler, job, db, mirror, f"{job.id}:catch-up", trigger="date", run_date=now)
            caught.append(job.id)
    return caught


def persist_next_runs(scheduler: BackgroundScheduler, db: str) -> None:
    for job in scheduler.get_jobs():
        if job.next_run_time is not None and ":" not in job.id:
            job_functions.record_state(
                db, job.id, next_run_at=job.next_run_time.astimezone(UTC).isoformat()
            )


def run_service(
    jobs: list[Job], db: str, mirror: str | None = None, stop: threading.Event | None = None
) -> int:
    """Run until SIGTERM/SIGINT (or ``stop`` is set); return the exit code."""
    stop = stop or threading.Event()
    changed = threading.Event()
    scheduler = build_scheduler(jobs, db, mirror)

    def on_event(event: JobExecutionEvent) -> None:
        # Only flag it: listeners run while the scheduler may hold its job-store lock
        # (calling get_jobs() here deadlocks a shutdown); the main loop persists.
        changed.set()

    def on_signal(signum: int, frame: object) -> None:
        logger.info("received signal %s: stopping", signum)
        stop.set()

    scheduler.add_listener(on_event, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        caught = catch_up(scheduler, jobs, db, datetime.now(UTC), mirror)
        scheduler.start()
        persist_next_runs(scheduler, db)
        logger.info(
            "scheduler started with %d jobs%s",
            len(scheduler.get_jobs()),
            f"; catching up {', '.join(caught)}" if caught else "",
        )
        while not stop.wait(1.0):
            if changed.is_set():
                changed.clear()
                persist_next_runs(scheduler, db)
        scheduler.pause()
        job_functions.stop_running()
        scheduler.shutdown(wait=True)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    logger.info("scheduler stopped")
    return 0


def next_runs(jobs: list[Job], now: datetime | None = None) -> list[tuple[Job, datetime | None]]:
    """Each job's next fire time after ``now`` (without jitter)."""
    now = now or datetime.now(UTC)
    out = []
    for job in jobs:
        trigger = job.trigger()
        if hasattr(trigger, "jitter"):
            trigger.jitter = None
        fire = (
            trigger.get_next_fire_time(None, now.astimezone(ZoneInfo(job.timezone)))
            if job.enabled
            else None
        )
        out.append((job, fire))
    return out
