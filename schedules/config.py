"""Load and validate schedule declarations (``schedules/schedules.toml``).

Every mistake is one line naming the file, the job and the field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.interval import IntervalTrigger

from schedules.cronexpr import cron_trigger

SHIPPED_SCHEDULES = Path(__file__).resolve().parent / "schedules.toml"
_JOB_FIELDS = {"id", "spiders", "cron", "interval", "timezone", "jitter", "args", "enabled"}
_JOB_FIELDS |= {"redis", "workers"}  # distributed mode: `crawl --redis URL --workers N`
_TOP_FIELDS = {"timezone", "misfire_grace_time", "job"}
_INTERVAL = re.compile(r"^(\d+)\s*(s|m|h|d)$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


class ScheduleError(ValueError):
    """A malformed schedules file: one line naming file, job and field."""


@dataclass(frozen=True)
class Job:
    id: str
    spiders: tuple[str, ...]
    timezone: str
    cron: str = ""
    interval: str = ""
    jitter: int = 0
    args: tuple[str, ...] = ()
    enabled: bool = True
    misfire_grace_time: int = 3600

    def trigger(self) -> BaseTrigger:
        tz = ZoneInfo(self.timezone)
        if self.cron:
            return cron_trigger(self.cron, tz, self.jitter or None)
        return IntervalTrigger(
            **interval_kwargs(self.interval), timezone=tz, jitter=self.jitter or None
        )


def interval_kwargs(text: str) -> dict[str, int]:
    m = _INTERVAL.match(text.strip())
    if not m:
        raise ValueError(f"bad interval {text!r} (use e.g. 30s, 15m, 6h, 1d)")
    return {_UNITS[m.group(2)]: int(m.group(1))}


def interval_seconds(text: str) -> float:
    return timedelta(**interval_kwargs(text)).total_seconds()


@dataclass
class Schedules:
    jobs: list[Job] = field(default_factory=list)
    path: Path = SHIPPED_SCHEDULES


def load_schedules(path: Path, known_spiders: set[str]) -> Schedules:
    """Read and validate a schedules file.

    :raises ScheduleError: unknown field or spider, bad cron expression, interval or time zone
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScheduleError(f"{path}: schedules file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ScheduleError(f"{path}: not valid TOML: {exc}") from None
    unknown = set(data) - _TOP_FIELDS
    if unknown:
        raise ScheduleError(f"{path}: unknown top-level field {sorted(unknown)[0]!r}")
    default_tz = _timezone(path, "top level", data.get("timezone", "UTC"))
    grace = data.get("misfire_grace_time", 3600)
    if not isinstance(grace, int) or grace < 1:
        raise ScheduleError(f"{path}: 'misfire_grace_time' must be a positive number of seconds")
    jobs: list[Job] = []
    for raw in data.get("job", []):
        job = _job(path, raw, default_tz, grace, known_spiders)
        if any(j.id == job.id for j in jobs):
            raise ScheduleError(f"{path}: job {job.id!r}: duplicate id")
        jobs.append(job)
    return Schedules(jobs, path)


def _timezone(path: Path, where: str, name: Any) -> str:
    try:
        ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(
            f"{path}: {where}: field 'timezone': unknown time zone {name!r}"
        ) from None
    return str(name)


def _job(path: Path, raw: Any, default_tz: str, grace: int, known: set[str]) -> Job:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw.get("id"):
        raise ScheduleError(f"{path}: every [[job]] needs a string 'id'")
    where = f"job {raw['id']!r}"
    unknown = set(raw) - _JOB_FIELDS
    if unknown:
        raise ScheduleError(f"{path}: {where}: unknown field {sorted(unknown)[0]!r}")
    spiders = raw.get("spiders")
    if not isinstance(spiders, list) or not spiders or not all(isinstance(s, str) for s in spiders):
        raise ScheduleError(
            f"{path}: {where}: field 'spiders' must be a non-empty list of spider names"
        )
    bad = [s for s in spiders if s not in known]
    if bad:
        raise ScheduleError(f"{path}: {where}: field 'spiders': unknown spider {bad[0]!r}")
    cron, interval = raw.get("cron", ""), raw.get("interval", "")
    if bool(cron) == bool(interval):
        raise ScheduleError(f"{path}: {where}: give exactly one of 'cron' or 'interval'")
    tz = _timezone(path, where, raw.get("timezone", default_tz))
    job = Job(
        id=raw["id"],
        spiders=tuple(spiders),
        timezone=tz,
        cron=str(cron),
        interval=str(interval),
        jitter=_int(path, where, "jitter", raw.get("jitter", 0)),
        args=_args(path, where, raw.get("args", [])) + _distributed(path, where, raw),
        enabled=_bool(path, where, raw.get("enabled", True)),
        misfire_grace_time=grace,
    )
    try:
        job.trigger()
    except ValueError as exc:
        name = "cron" if cron else "interval"
        raise ScheduleError(f"{path}: {where}: field {name!r}: {exc}") from None
    return job


def _int(path: Path, where: str, name: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ScheduleError(
            f"{path}: {where}: field {name!r} must be a whole number of seconds >= 0"
        )
    return value


def _bool(path: Path, where: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ScheduleError(f"{path}: {where}: field 'enabled' must be true or false")
    return value


def _args(path: Path, where: str, value: Any) -> tuple[str, ...]:
    allowed = {"--full", "--refresh"}
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        raise ScheduleError(f"{path}: {where}: field 'args' must be a list of strings")
    bad = [a for a in value if a not in allowed]
    if bad:
        raise ScheduleError(
            f"{path}: {where}: field 'args': unsupported argument {bad[0]!r} (allowed: --full, --refresh)"
        )
    return tuple(value)


def _distributed(path: Path, where: str, raw: dict[str, Any]) -> tuple[str, ...]:
    """``redis = "redis://…"`` and ``workers = N``: the crawl's command line gets
    ``--redis URL --workers N`` (the scheduler service and cron launch the same command)."""
    url, workers = raw.get("redis", ""), raw.get("workers")
    if not url:
        if workers is not None:
            raise ScheduleError(f"{path}: {where}: field 'workers' needs 'redis'")
        return ()
    if not isinstance(url, str) or not url.startswith(("redis://", "rediss://", "unix://")):
        raise ScheduleError(
            f"{path}: {where}: field 'redis' must be a redis://, rediss:// or unix:// URL"
        )
    n = 1 if workers is None else workers
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise ScheduleError(f"{path}: {where}: field 'workers' must be a whole number >= 0")
    return ("--redis", url, "--workers", str(n))
