"""Spider groups: a schedule or a crawl names @news, @all or a group the sites declare."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.resources import data_file
from core.sites import SitesError, expand_spiders, load_sites, spider_groups
from patentwatch.cli import main
from schedules.config import load_schedules

EXTRA = """
[sites.east_news]
institution = "East Example University"
family = "vsb"
start_urls = ["https://news.east.example.edu.cn/xwzx.htm"]
allowed_domains = ["news.east.example.edu.cn"]
groups = ["northeast"]
"""


def _sites(tmp_path: Path) -> dict:
    extra = tmp_path / "extra.toml"
    extra.write_text(EXTRA, encoding="utf-8")
    return load_sites([data_file("sites.toml"), extra])


def test_groups_expand_in_order_each_spider_once(tmp_path: Path) -> None:
    sites = _sites(tmp_path)
    groups = spider_groups(sites, [*sites, "wipo_pct"])
    assert groups["@northeast"] == ["east_news"]
    assert "wipo_pct" in groups["@all"] and "wipo_pct" not in groups["@news"]
    assert expand_spiders(["east_news", "@northeast", "wipo_pct"], groups) == [
        "east_news",
        "wipo_pct",
    ]
    assert set(expand_spiders(["@news"], groups)) == set(sites)


def test_a_builtin_group_name_cannot_be_declared(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(EXTRA.replace('["northeast"]', '["news"]'), encoding="utf-8")
    with pytest.raises(SitesError, match="group 'news' must be"):
        load_sites([data_file("sites.toml"), bad])


def test_a_schedule_may_name_a_group(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(
        'timezone = "UTC"\n[[job]]\nid = "all-news"\nspiders = ["@news"]\ncron = "0 3 * * *"\n'
    )
    schedules = load_schedules(path, {"neu_news", "@news", "@all"})
    assert schedules.jobs[0].spiders == ("@news",)  # expanded when the crawl starts


def test_an_unknown_group_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["crawl", "@nowhere", "--db", "/tmp/never-created.db"]) == 2
    err = capsys.readouterr().err
    assert "unknown spider '@nowhere'" in err and "@news" in err
    assert not Path("/tmp/never-created.db").exists()
