"""The sites file: shipped sites load, user files extend them, mistakes are named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.sites import SHIPPED_SITES, SitesError, load_sites

GOOD = """
[sites.hit_news]
institution = "Harbin Institute of Technology"
country = "CN"
lang = "en"
allowed_domains = ["en.hit.edu.cn"]
start_urls = ["https://en.hit.edu.cn/news.htm"]
family = "vsb"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my_sites.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_sites_use_family_defaults_and_overrides() -> None:
    sites = load_sites([SHIPPED_SITES])
    neu, dut = sites["neu_news"], sites["dlut_news"]
    assert [t.family for t in neu.templates] == ["webplus", "vsb"]
    assert neu.templates[0].body[0] == ".wp_articlecontent"  # family default
    assert neu.templates[1].meta == (".article-meta",)  # site override
    assert dut.templates[0].meta_regex.startswith("^(?P<date>")
    assert (
        neu.template_for_article("https://neunews.neu.edu.cn/info/1019/795261.htm").family == "vsb"
    )
    assert (
        neu.template_for_article("https://neunews.neu.edu.cn/2020/0813/c218a69762/page.htm").family
        == "webplus"
    )


def test_user_file_extends_shipped(tmp_path: Path) -> None:
    sites = load_sites([SHIPPED_SITES, write(tmp_path, GOOD)])
    assert {"neu_news", "dlut_news", "szu_news", "hit_news"} <= set(sites)
    assert sites["hit_news"].templates[0].list_item[0] == 'li[id^="line_u"]'


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (
            ('family = "vsb"', 'family = "vsb"\ncolour = "red"'),
            "site 'hit_news': unknown field 'colour'",
        ),
        (('family = "vsb"', 'family = "vsb"\nbody = ["div[[["]'), "bad CSS selector in 'body'"),
        (('family = "vsb"', 'family = "drupal"'), "'family' must be one of webplus, vsb, custom"),
        (
            ("https://en.hit.edu.cn/news.htm", "ftp://en.hit.edu.cn/x"),
            "bad URL 'ftp://en.hit.edu.cn/x'",
        ),
        (
            ("https://en.hit.edu.cn/news.htm", "https://evil.example.com/x"),
            "outside allowed_domains",
        ),
        (('institution = "Harbin Institute of Technology"\n', ""), "missing field 'institution'"),
        (
            ('allowed_domains = ["en.hit.edu.cn"]', 'allowed_domains = "en.hit.edu.cn"'),
            "'allowed_domains' must be a list of strings",
        ),
        (("[sites.hit_news]", "[sites.HIT-News]"), "name must be lower_snake_case"),
        (
            ('family = "vsb"', 'family = "vsb"\narticle_url = "(unclosed"'),
            "bad regular expression in 'article_url'",
        ),
    ],
)
def test_bad_entries_are_named(tmp_path: Path, mutation: tuple[str, str], message: str) -> None:
    path = write(tmp_path, GOOD.replace(*mutation))
    with pytest.raises(SitesError) as err:
        load_sites([SHIPPED_SITES, path])
    assert message in str(err.value)
    assert str(path) in str(err.value)
    assert "\n" not in str(err.value)


def test_duplicate_site_in_one_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SitesError, match="not valid TOML"):
        load_sites([write(tmp_path, GOOD + GOOD)])


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SitesError, match="sites file not found"):
        load_sites([tmp_path / "nope.toml"])


def test_user_file_overrides_a_shipped_site(tmp_path: Path) -> None:
    override = write(
        tmp_path, GOOD.replace("hit_news", "szu_news").replace("en.hit.edu.cn", "en.szu.edu.cn")
    )
    sites = load_sites([SHIPPED_SITES, override])
    assert sites["szu_news"].start_urls == ("https://en.szu.edu.cn/news.htm",)


# --------------------------------------------------------------------------- placeholders


@pytest.mark.parametrize(
    "value", ["FILL IN the institution's name", "TODO", "", "  ", "<institution>", "请填写学校名称"]
)
def test_placeholder_institution_is_refused(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, GOOD.replace("Harbin Institute of Technology", value))
    with pytest.raises(SitesError) as err:
        load_sites([SHIPPED_SITES, path])
    assert str(err.value).startswith(f"{path}: site 'hit_news': 'institution' is a placeholder")
    assert "\n" not in str(err.value)


def test_probe_without_a_name_prints_a_placeholder_that_check_and_crawl_refuse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from core.probe import probe
    from core.sites import SITES_ENV
    from patentwatch.cli import main

    page = (
        "<html><head><title>News</title></head><body><ul class='news'>"
        + "".join(
            f"<li><a href='/info/1/{i}.htm' title='Story number {i} of the week'>Story {i}</a>"
            "<span>2024-05-01</span></li>"
            for i in range(1, 5)
        )
        + "</ul><div class='pb_sys_common'><span class='p_t'>1/1</span></div>"
        "<script src='/system/resource/js/base.js'></script></body></html>"
    )
    entry = probe("https://en.nameless.edu.cn/news.htm", page, tmp_path, "nameless_news").toml()
    assert 'institution = "FILL IN' in entry and "# not found on the site: fill it in" in entry
    path = write(tmp_path, entry)
    monkeypatch.setenv(SITES_ENV, str(path))
    for argv in (["sites", "check", "nameless_news"], ["crawl", "nameless_news", "--db", "x.db"]):
        assert main(["--sites", str(path), *argv]) == 2
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and "Traceback" not in err
        assert f"{path}: site 'nameless_news': 'institution' is a placeholder" in err
