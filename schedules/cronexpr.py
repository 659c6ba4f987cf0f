"""Standard five-field cron expressions, parsed here and handed to APScheduler converted.

Why not ``CronTrigger.from_crontab``: APScheduler 3 counts ``day_of_week`` from
Monday (``0`` = Monday) and refuses ``7``, and it ANDs day-of-month with
day-of-week. cron (Vixie, cronie, Debian/Ubuntu, busybox) counts from Sunday
(``0`` and ``7`` are Sunday) and, when *both* day fields are restricted, runs on
days matching *either* (the "OR rule"; a field starting with ``*`` counts as
unrestricted). The same line must run on the same days in the service and in a
crontab, so the fields are parsed with cron's meaning and given to APScheduler as
explicit values in its own numbering (two triggers ORed when the rule applies).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.combining import OrTrigger
from apscheduler.triggers.cron import CronTrigger

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
# name, lowest, highest, value names (cron's numbering; day 7 is folded to 0 after parsing)
_FIELDS: tuple[tuple[str, int, int, dict[str, int]], ...] = (
    ("minute", 0, 59, {}),
    ("hour", 0, 23, {}),
    ("day of month", 1, 31, {}),
    ("month", 1, 12, {n: i + 1 for i, n in enumerate(_MONTHS)}),
    ("day of week", 0, 7, {n: i for i, n in enumerate(_DAYS)}),
)
# Vixie cron's nicknames (@reboot has no meaning for a scheduler and is refused).
NICKNAMES = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}


class CronError(ValueError):
    """An expression cron would not accept: the message names the field and the part."""


@dataclass(frozen=True)
class CronSpec:
    """The sets of values each field matches, in cron's numbering (Sunday = 0)."""

    minutes: frozenset[int]
    hours: frozenset[int]
    doms: frozenset[int]
    months: frozenset[int]
    dows: frozenset[int]
    dom_star: bool  # the field began with "*": unrestricted for the OR rule
    dow_star: bool

    @property
    def or_rule(self) -> bool:
        """Both day fields restricted: a day matching either runs (cron's rule)."""
        return not self.dom_star and not self.dow_star

    def day_matches(self, dom: int, month: int, dow: int) -> bool:
        """Whether a date (cron weekday numbering) is a run day."""
        if month not in self.months:
            return False
        in_dom, in_dow = dom in self.doms, dow in self.dows
        return (in_dom or in_dow) if self.or_rule else (in_dom and in_dow)


def _value(text: str, lo: int, hi: int, names: dict[str, int], field: str) -> int:
    key = text.lower()
    if key in names:
        return names[key]
    if not text.isdigit():
        raise CronError(f"{field}: {text!r} is not a number or a name")
    value = int(text)
    if not lo <= value <= hi:
        raise CronError(f"{field}: {value} is outside {lo}-{hi}")
    return value


def _part(part: str, lo: int, hi: int, names: dict[str, int], field: str) -> set[int]:
    """One comma-separated element: ``N``, ``*`` or ``A-B``, the last two optionally ``/STEP``."""
    base, slash, step_text = part.partition("/")
    step = 1
    if slash:
        if not step_text.isdigit() or int(step_text) < 1:
            raise CronError(f"{field}: bad step in {part!r}")
        step = int(step_text)
    if base == "*":
        start, end = lo, hi
    elif "-" in base:
        a, _, b = base.partition("-")
        start, end = _value(a, lo, hi, names, field), _value(b, lo, hi, names, field)
        if start > end:
            raise CronError(f"{field}: range {base!r} runs backwards")
    elif slash:
        # Debian's (Vixie) cron refuses "N/STEP": a line it refuses must not load here
        raise CronError(f"{field}: {part!r}: a step needs '*' or a range (e.g. {base}-{hi}/{step})")
    else:
        start = end = _value(base, lo, hi, names, field)
    return set(range(start, end + 1, step))


def _field(text: str, index: int) -> frozenset[int]:
    name, lo, hi, names = _FIELDS[index]
    if not text:
        raise CronError(f"{name}: empty")
    values: set[int] = set()
    for part in text.split(","):
        if not part:
            raise CronError(f"{name}: empty element in {text!r}")
        values |= _part(part, lo, hi, names, name)
    if index == 4:
        values = {0 if v == 7 else v for v in values}  # 7 is Sunday too
    return frozenset(values)


def parse_cron(expr: str) -> CronSpec:
    """Parse a five-field expression (or a nickname such as ``@daily``).

    :raises CronError: wrong number of fields, unknown name, value out of range, bad step
    """
    text = NICKNAMES.get(expr.strip().lower(), expr)
    fields = text.split()
    if len(fields) != 5:
        raise CronError(
            f"expected 5 fields (minute hour day-of-month month day-of-week), got {len(fields)}"
        )
    minutes, hours, doms, months, dows = (_field(f, i) for i, f in enumerate(fields))
    return CronSpec(
        minutes,
        hours,
        doms,
        months,
        dows,
        dom_star=fields[2].startswith("*"),
        dow_star=fields[4].startswith("*"),
    )


def _listed(values: frozenset[int], full: int) -> str:
    """APScheduler field text: ``*`` when every value matches, else an explicit list."""
    return "*" if len(values) == full else ",".join(str(v) for v in sorted(values))


def _aps_dows(dows: frozenset[int]) -> str:
    """cron weekdays (Sunday = 0) in APScheduler's numbering (Monday = 0)."""
    return _listed(frozenset((d - 1) % 7 for d in dows), 7)


def to_trigger(spec: CronSpec, tz: tzinfo, jitter: int | None = None) -> BaseTrigger:
    """An APScheduler trigger firing exactly when cron would run ``spec`` in ``tz``."""
    common = {
        "minute": _listed(spec.minutes, 60),
        "hour": _listed(spec.hours, 24),
        "month": _listed(spec.months, 12),
        "timezone": tz,
    }
    if not spec.or_rule:
        return CronTrigger(
            day=_listed(spec.doms, 31), day_of_week=_aps_dows(spec.dows), jitter=jitter, **common
        )
    by_dom = CronTrigger(day=_listed(spec.doms, 31), day_of_week="*", **common)
    by_dow = CronTrigger(day="*", day_of_week=_aps_dows(spec.dows), **common)
    return OrTrigger([by_dom, by_dow], jitter=jitter)


def cron_trigger(expr: str, tz: tzinfo, jitter: int | None = None) -> BaseTrigger:
    """Parse ``expr`` with cron's meaning and return the equivalent APScheduler trigger."""
    return to_trigger(parse_cron(expr), tz, jitter)
