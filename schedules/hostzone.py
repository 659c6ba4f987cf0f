"""A job's cron times rewritten in the host's zone, for crons that ignore ``CRON_TZ``.

Debian's and Ubuntu's cron (Vixie cron 3) ignore ``CRON_TZ``: every line runs in
the zone of the cron daemon (``/etc/localtime``). So ``schedule cron`` prints each
job's times converted to that zone. The conversion shifts the minute and hour
fields by the zones' offset difference (splitting into several lines where the
shift carries into another hour or day, moving the weekdays along); where a
daylight-saving change in either zone makes the difference vary, the dates on which
the line runs at another local time are reported so the operator can decide. A
shift across midnight that cron cannot express (a month boundary moves) is refused
rather than approximated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from schedules.cronexpr import CronSpec, parse_cron

_ZONEINFO = re.compile(r"zoneinfo/(.+)$")


def host_zone(etc: Path = Path("/etc")) -> ZoneInfo:
    """The cron daemon's zone: ``/etc/timezone``, else the ``/etc/localtime`` link, else UTC.

    Not ``$TZ``: the shell printing the crontab may have another zone than the daemon."""
    try:
        return ZoneInfo((etc / "timezone").read_text(encoding="utf-8").strip())
    except (OSError, ValueError, ZoneInfoNotFoundError):
        pass
    try:
        m = _ZONEINFO.search(str((etc / "localtime").resolve()))
        if m:
            return ZoneInfo(m.group(1))
    except (OSError, ValueError, ZoneInfoNotFoundError):
        pass
    return ZoneInfo("UTC")


class Unconvertible(ValueError):
    """The schedule has no exact equivalent in the host's zone."""


@dataclass(frozen=True)
class Converted:
    """The expression(s) to put in the crontab, and the dates the conversion drifts."""

    expressions: tuple[str, ...]
    offset_minutes: int  # host minus job zone, at the next run
    drift: tuple[str, ...] = field(default=())


def _compact(values: set[int] | frozenset[int], lo: int, hi: int) -> str:
    """``*`` for the full range, else ranges and single values (``1-5,9``)."""
    vals = sorted(values)
    if vals == list(range(lo, hi + 1)):
        return "*"
    parts: list[str] = []
    start = prev = vals[0]
    for v in [*vals[1:], None]:
        if v is not None and v == prev + 1:
            prev = v
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if v is not None:
            start = prev = v
    return ",".join(parts)


def _day_fields(spec: CronSpec, fields: list[str], shift: int) -> str:
    """Day-of-month, month and weekday fields of a line moved ``shift`` days (-1, 0, 1)."""
    if shift == 0:
        return " ".join(fields[2:])
    dom, month, dow = fields[2], fields[3], fields[4]
    for text in (dom, dow):
        if text.startswith("*") and text != "*":
            raise Unconvertible(f"a stepped '*' day field ({text}) cannot move to another day")
    if dom == "*" and month != "*":
        raise Unconvertible("a month restriction cannot move across midnight exactly")
    if dom != "*":
        if not all(2 <= d <= 27 for d in spec.doms):
            raise Unconvertible("a day of month near a month's end cannot move across midnight")
        dom = _compact({d + shift for d in spec.doms}, 1, 31)
    if dow != "*":
        dow = _compact({(d + shift) % 7 for d in spec.dows}, 0, 6)
    return f"{dom} {month} {dow}"


def shift_expression(expr: str, minutes: int) -> tuple[str, ...]:
    """The cron lines that run ``minutes`` later than ``expr`` (negative: earlier)."""
    spec = parse_cron(expr)
    fields = expr.split() if len(expr.split()) == 5 else _nickname_fields(expr)
    if minutes == 0:
        return (" ".join(fields),)
    dh, dm = divmod(minutes, 60)
    groups: dict[tuple[int, int], tuple[set[int], set[int]]] = {}
    for m in spec.minutes:
        carry, new_m = divmod(m + dm, 60)
        for h in spec.hours:
            day, new_h = divmod(h + dh + carry, 24)
            mins, hours = groups.setdefault((carry, day), (set(), set()))
            mins.add(new_m)
            hours.add(new_h)
    # lines with the same minutes and day fields merge (their hours are a union)
    merged: dict[tuple[str, str], set[int]] = {}
    for (_, day), (mins, hours) in sorted(groups.items()):
        key = (_compact(mins, 0, 59), _day_fields(spec, fields, day))
        merged.setdefault(key, set()).update(hours)
    return tuple(f"{m} {_compact(h, 0, 23)} {days}" for (m, days), h in merged.items())


def _nickname_fields(expr: str) -> list[str]:
    from schedules.cronexpr import NICKNAMES

    return NICKNAMES[expr.strip().lower()].split()


def _offset(moment: datetime, zone: ZoneInfo) -> int:
    delta = moment.astimezone(zone).utcoffset() or timedelta(0)
    return int(delta.total_seconds() // 60)


def convert(expr: str, job_zone: str, host: ZoneInfo, today: date | None = None) -> Converted:
    """``expr`` (meant in ``job_zone``) for a cron running in ``host``.

    The offset difference at the start is used; days of the coming year on which it
    differs (a daylight-saving change in either zone) are reported as drift.

    :raises Unconvertible: the shift moves a run across a month boundary
    """
    job = ZoneInfo(job_zone)
    if job.key == host.key:
        return Converted((expr,), 0)
    spec = parse_cron(expr)
    today = today or datetime.now(UTC).date()
    hour = min(spec.hours)
    minute = min(spec.minutes)

    def diff(day: date) -> int:
        local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=job)
        return _offset(local, host) - _offset(local, job)

    base = diff(today)
    drift = _drift_ranges([today + timedelta(days=i) for i in range(366)], diff, base)
    return Converted(shift_expression(expr, base), base, drift)


def _drift_ranges(days: list[date], diff: Callable[[date], int], base: int) -> tuple[str, ...]:
    """``"2027-03-28..2027-10-30: runs 60 min earlier than intended"`` per run of days whose
    offset difference is not the base one."""
    out: list[str] = []
    start: date | None = None
    prev, value_of_run = days[0], base

    def close() -> None:
        shift = value_of_run - base  # the host moved ahead: the line fires before the intended time
        word = "earlier" if shift > 0 else "later"
        out.append(f"{start}..{prev}: runs {abs(shift)} min {word} than intended")

    for day in days:
        value = diff(day)
        if start is not None and value != value_of_run:
            close()
            start = None
        if start is None and value != base:
            start, value_of_run = day, value
        prev = day
    if start is not None:
        close()
    return tuple(out)
