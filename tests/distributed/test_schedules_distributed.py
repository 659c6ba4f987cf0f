"""A scheduled job in distributed mode: ``redis`` and ``workers`` in schedules.toml become
``patentwatch crawl --redis URL --workers N`` for the scheduler service and for cron."""

from __future__ import annotations

from pathlib import Path

import pytest

from schedules.config import ScheduleError, load_schedules
from schedules.cron import crontab
from schedules.jobs import crawl_command

SPIDERS = {"szu_news", "neu_news"}


def write(tmp_path: Path, job: str) -> Path:
    path = tmp_path / "schedules.toml"
    path.write_text(f'[[job]]\nid = "night"\nspiders = ["szu_news"]\ncron = "0 2 * * *"\n{job}')
    return path


def test_distributed_job_launches_a_coordinator(tmp_path: Path) -> None:
    path = write(tmp_path, 'redis = "redis://10.0.0.5:6379/0"\nworkers = 2\nargs = ["--full"]\n')
    (job,) = load_schedules(path, SPIDERS).jobs
    cmd = crawl_command(job.spiders, "data/x.db", job.args, None, "schedule")
    assert cmd[cmd.index("--redis") + 1] == "redis://10.0.0.5:6379/0"
    assert cmd[cmd.index("--workers") + 1] == "2" and "--full" in cmd
    line = crontab([job], tmp_path, Path("/venv/bin/python"), "data/x.db", "data/logs")
    assert (
        "crawl szu_news --trigger cron --db data/x.db --full --redis redis://10.0.0.5:6379/0 --workers 2"
        in line
    )


def test_a_local_job_stays_local(tmp_path: Path) -> None:
    (job,) = load_schedules(write(tmp_path, ""), SPIDERS).jobs
    assert "--redis" not in crawl_command(job.spiders, "x.db", job.args, None, "schedule")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ("workers = 2\n", "field 'workers' needs 'redis'"),
        ('redis = "10.0.0.5:6379"\n', "field 'redis' must be a redis://"),
        ('redis = "redis://h:6379/0"\nworkers = -1\n', "field 'workers' must be a whole number"),
        ('redis = "redis://h:6379/0"\nworkers = "2"\n', "field 'workers' must be a whole number"),
    ],
)
def test_bad_distributed_fields_name_the_job_and_field(
    tmp_path: Path, fields: str, message: str
) -> None:
    with pytest.raises(ScheduleError, match="job 'night'") as exc:
        load_schedules(write(tmp_path, fields), SPIDERS)
    assert message in str(exc.value)
