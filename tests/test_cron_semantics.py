"""Cron expressions mean what cron means, in the service and in the printed crontab.

The reference below is written independently of ``schedules.cronexpr``: it tests each
candidate minute against the expression's text (no sets, no conversion), with cron's
rules: Sunday is 0 and 7, names are case-insensitive, a step counts from the start
of its range, and when both day fields are restricted a day matching either runs.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from schedules.config import SHIPPED_SCHEDULES, Job, ScheduleError, load_schedules
from schedules.cron import crontab
from schedules.cronexpr import CronError, parse_cron
from schedules.hostzone import Unconvertible, convert, host_zone, shift_expression

SPIDERS = {
    "neu_news",
    "dlut_news",
    "szu_news",
    "nefu_news",
    "nenu_news",
    "scut_news",
    "dlut_cn_news",
    "wipo_pct",
}
MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
ALIASES = {"@daily": "0 0 * * *", "@weekly": "0 0 * * 0", "@monthly": "0 0 1 * *"}


def _num(token: str, names: list[str], first: int) -> int:
    token = token.lower()
    return names.index(token) + first if token in names else int(token)


def ref_field(text: str, value: int, lo: int, hi: int, names: list[str], first: int) -> bool:
    """Does ``value`` satisfy one cron field, read straight from its text?"""
    for element in text.split(","):
        span, _, step = element.partition("/")
        if span == "*":
            a, b = lo, hi
        elif "-" in span:
            a, b = (_num(t, names, first) for t in span.split("-"))
        else:
            a = b = _num(span, names, first)
        if a <= value <= b and (value - a) % int(step or 1) == 0:
            return True
    return False


def ref_day(expr: str, day: date) -> bool:
    _, _, dom, month, dow = expr.split()
    if not ref_field(month, day.month, 1, 12, MONTH_NAMES, 1):
        return False
    sunday_first = (day.weekday() + 1) % 7  # Python: Monday = 0
    dom_ok = ref_field(dom, day.day, 1, 31, [], 1)
    dow_ok = ref_field(dow, sunday_first, 0, 7, DAY_NAMES, 0) or (
        sunday_first == 0 and ref_field(dow, 7, 0, 7, DAY_NAMES, 0)
    )
    if dom.startswith("*") or dow.startswith("*"):
        return dom_ok and dow_ok
    return dom_ok or dow_ok


def ref_fires(
    expr: str, tz: ZoneInfo, start: datetime, count: int, until: datetime | None = None
) -> list[datetime]:
    """The next ``count`` run times after ``start`` (and before ``until``), stepping
    through local minutes."""
    expr = ALIASES.get(expr, expr)
    minute, hour = expr.split()[:2]
    out: list[datetime] = []
    day = start.astimezone(tz).date()
    while len(out) < count and (until is None or day <= until.date()):
        if ref_day(expr, day):
            for h in range(24):
                if not ref_field(hour, h, 0, 23, [], 0):
                    continue
                for m in range(60):
                    moment = datetime(day.year, day.month, day.day, h, m, tzinfo=tz)
                    if ref_field(minute, m, 0, 59, [], 0) and moment > start:
                        out.append(moment)
        day += timedelta(days=1)
    return out[:count]


def service_fires(expr: str, tz: ZoneInfo, start: datetime, count: int) -> list[datetime]:
    trigger = Job(id="t", spiders=("neu_news",), timezone=tz.key, cron=expr).trigger()
    out: list[datetime] = []
    now = start + timedelta(seconds=1)
    prev = None
    while len(out) < count:
        fire = trigger.get_next_fire_time(prev, now)
        out.append(fire)
        prev, now = fire, fire + timedelta(seconds=1)
    return out


SHIPPED = sorted({j.cron for j in load_schedules(SHIPPED_SCHEDULES, SPIDERS).jobs if j.cron})
TRICKY = [
    "0 4 * * 0",
    "0 4 * * 7",
    "0 4 * * SUN",
    "0 5 * * MON",
    "0 12 * * 5-7",
    "0 0 * * */2",
    "0 4 1,15 * fri",  # both day fields restricted: the 1st, the 15th and every Friday
    "0 0 13 * 5",  # every 13th and every Friday, not only Friday the 13th
    "0 0 */2 * mon",  # '*' first: day of month does not count as restricted (AND)
    "*/15 9-17 * * mon-fri",
    "5-59/20 * * * *",
    "0 0 1 jan,Jul *",
    "30 2 31 * *",
    "0 0 29 2 *",
    "0 3 * feb-apr sat",
    "@weekly",
    "@daily",
]


@pytest.mark.parametrize("zone", ["UTC", "Asia/Shanghai"])
@pytest.mark.parametrize("expr", SHIPPED + TRICKY)
def test_next_ten_fire_times_are_crons(expr: str, zone: str) -> None:
    tz = ZoneInfo(zone)
    start = datetime(2026, 11, 22, 1, 7, tzinfo=tz)  # a Sunday
    assert service_fires(expr, tz, start, 10) == ref_fires(expr, tz, start, 10)


def test_sunday_is_sunday_in_every_spelling() -> None:
    tz = ZoneInfo("UTC")
    tuesday = datetime(2026, 12, 1, 12, 0, tzinfo=tz)
    for expr in ("0 4 * * 0", "0 4 * * 7", "0 4 * * sun", "0 4 * * Sun"):
        first = service_fires(expr, tz, tuesday, 2)
        assert first == [
            datetime(2026, 12, 6, 4, 0, tzinfo=tz),
            datetime(2026, 12, 13, 4, 0, tzinfo=tz),
        ]
    # the OR rule: the 1st, the 15th and Fridays of December 2026
    days = [f.day for f in service_fires("0 4 1,15 * fri", tz, tuesday, 6)]
    assert days == [4, 11, 15, 18, 25, 1]


@pytest.mark.parametrize(
    ("expr", "part"),
    [
        ("0 4 * * 8", "day of week: 8"),
        ("61 * * * *", "minute: 61"),
        ("0 4 * * funday", "day of week: 'funday'"),
        ("0 4 * *", "expected 5 fields"),
        ("3/5 * * * *", "a step needs"),
        ("0 4 5-1 * *", "runs backwards"),
        ("@reboot", "expected 5 fields"),
        ("*/0 * * * *", "bad step"),
    ],
)
def test_expressions_cron_refuses_are_refused(expr: str, part: str, tmp_path: Path) -> None:
    with pytest.raises(CronError) as err:
        parse_cron(expr)
    assert part in str(err.value)
    path = tmp_path / "s.toml"
    path.write_text(f'[[job]]\nid = "a"\nspiders = ["neu_news"]\ncron = "{expr}"\n')
    with pytest.raises(ScheduleError) as err2:
        load_schedules(path, SPIDERS)
    assert "job 'a': field 'cron'" in str(err2.value) and part in str(err2.value)


def _utc_runs(exprs: tuple[str, ...], tz: ZoneInfo, start: datetime, days: int) -> set[datetime]:
    """Every run instant (UTC) of the lines over ``days`` days, by the reference."""
    until = start + timedelta(days=days)
    return {
        fire.astimezone(UTC)
        for expr in exprs
        for fire in ref_fires(expr, tz, start, 10**9, until)
        if fire <= until
    }


@pytest.mark.parametrize(
    ("expr", "job_zone", "host"),
    [
        ("0 2 * * *", "Asia/Shanghai", "UTC"),
        ("0 4 * * sun", "Asia/Shanghai", "UTC"),  # 20:00 UTC on Saturday
        ("0 5 * * mon", "Asia/Shanghai", "America/Los_Angeles"),
        ("*/20 * * * *", "Asia/Shanghai", "Asia/Kolkata"),  # half-hour offset: two lines
        ("30 1,3 * * mon-fri", "Asia/Kolkata", "UTC"),
        ("0 2 10,20 * *", "Asia/Shanghai", "UTC"),
        ("0 4 2-5,15 * fri", "Asia/Tokyo", "UTC"),  # OR rule: both day fields move
        ("15 9 * 12 *", "Asia/Shanghai", "UTC"),  # no day wrap: the month stays
    ],
)
def test_host_zone_lines_run_at_the_same_instants(expr: str, job_zone: str, host: str) -> None:
    # Los Angeles has DST from March: compare over December only, where the offset is fixed
    start = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
    conv = convert(expr, job_zone, ZoneInfo(host), date(2026, 12, 1))
    assert conv.drift == () or host == "America/Los_Angeles"
    days = 30
    want = _utc_runs((expr,), ZoneInfo(job_zone), start, days)
    got = _utc_runs(conv.expressions, ZoneInfo(host), start, days)
    # the first day of the window may differ at its edge (a run just before `start`)
    edge = start + timedelta(days=1)
    assert {t for t in got if t > edge} == {t for t in want if t > edge}
    assert want


def test_shanghai_jobs_on_a_utc_host() -> None:
    assert convert("0 2 * * *", "Asia/Shanghai", ZoneInfo("UTC")).expressions == ("0 18 * * *",)
    assert convert("0 4 * * sun", "Asia/Shanghai", ZoneInfo("UTC")).expressions == ("0 20 * * 6",)
    assert shift_expression("*/20 * * * *", -150) == ("30,50 * * * *", "10 * * * *")


def test_daylight_saving_drift_is_reported() -> None:
    conv = convert("0 2 * * *", "Asia/Shanghai", ZoneInfo("Europe/Berlin"), date(2026, 12, 1))
    assert conv.expressions == ("0 19 * * *",)
    assert conv.drift == ("2027-03-29..2027-10-31: runs 60 min earlier than intended",)


def test_a_shift_cron_cannot_express_is_refused_not_approximated() -> None:
    with pytest.raises(Unconvertible):
        convert("0 2 1 * *", "Asia/Shanghai", ZoneInfo("UTC"))  # 18:00 on the month's last day
    with pytest.raises(Unconvertible):
        convert("0 2 * 1 *", "Asia/Shanghai", ZoneInfo("UTC"))  # January moves by one evening
    job = Job(id="monthly", spiders=("neu_news",), timezone="Asia/Shanghai", cron="0 2 1 * *")
    text = crontab([job], Path("/r"), Path("/r/py"), "/d/pw.db", "/d/logs", ZoneInfo("UTC"))
    assert "# WARNING: monthly has no exact equivalent in the host zone UTC" in text
    assert not [ln for ln in text.splitlines() if ln and not ln.startswith(("#", "SHELL"))]


def test_crontab_converts_and_applies_jitter(tmp_path: Path) -> None:
    jobs = load_schedules(SHIPPED_SCHEDULES, SPIDERS).jobs
    text = crontab(jobs, Path("/r"), Path(sys.executable), "/d/pw.db", "/d/logs", ZoneInfo("UTC"))
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith(("#", "SHELL"))]
    weekly = next(ln for ln in lines if "--full" in ln)
    assert weekly.startswith("0 20 * * 6 ")  # Sunday 04:00 Shanghai = Saturday 20:00 UTC
    assert "# all-weekly-full: 0 4 * * sun in Asia/Shanghai = 0 20 * * 6 in UTC" in text
    assert all("%" not in ln for ln in lines)  # cron would turn % into a newline
    nightly = next(ln for ln in lines if "crawl neu_news --trigger" in ln)
    assert nightly.startswith("0 18 * * * ")
    # the jitter: a bounded random sleep before the crawl, run here with a 1-second bound
    sleep = shlex.split(nightly.split(" && ")[2])
    assert sleep[-1] == "import random, time; time.sleep(random.uniform(0, 300))"
    done = subprocess.run([*sleep[:-1], sleep[-1].replace("300", "1")], timeout=30)
    assert done.returncode == 0


def test_host_zone_comes_from_etc_not_tz(tmp_path: Path) -> None:
    (tmp_path / "timezone").write_text("Europe/Berlin\n")
    assert host_zone(tmp_path).key == "Europe/Berlin"
    (tmp_path / "timezone").unlink()
    (tmp_path / "localtime").symlink_to("/usr/share/zoneinfo/Asia/Kolkata")
    assert host_zone(tmp_path).key == "Asia/Kolkata"
