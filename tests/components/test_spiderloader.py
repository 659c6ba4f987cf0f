"""The spider loader: a broken sites file or an unknown spider is one line and exit 2.

``scrapy crawl`` users get the same refusal the ``patentwatch`` CLI gives, not Scrapy's
traceback. The loader generates one spider per declared site, so the real sites file
(and an extra one set with ``PATENTWATCH_SITES``) decides what it lists.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from scrapy.settings import Settings

from core.sites import SITES_ENV
from crawler.spiderloader import SitesSpiderLoader


def _fresh_loader(monkeypatch: pytest.MonkeyPatch, sites: Path | None) -> SitesSpiderLoader:
    # spiders are generated when spiders.news is first imported: import it afresh
    monkeypatch.delitem(sys.modules, "spiders.news", raising=False)
    # the loader exports the setting to the environment: let monkeypatch restore it
    monkeypatch.setenv(SITES_ENV, "")
    settings = Settings({"SPIDER_MODULES": ["spiders"]})
    if sites is not None:
        settings.set("PATENTWATCH_SITES", str(sites))
    return SitesSpiderLoader(settings)


def test_declared_sites_become_spiders(monkeypatch: pytest.MonkeyPatch) -> None:
    loader = _fresh_loader(monkeypatch, None)
    assert {"neu_news", "dlut_news", "wipo_pct"} <= set(loader.list())
    assert loader.load("neu_news").site.name == "neu_news"  # type: ignore[attr-defined]


def test_broken_sites_file_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "sites.toml"
    bad.write_text("[site]\nname = \n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        _fresh_loader(monkeypatch, bad)
    assert exit_.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("scrapy: ") and "not valid TOML" in err and str(bad) in err
    assert len(err.splitlines()) == 1


def test_unknown_spider_names_the_known_ones(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    loader = _fresh_loader(monkeypatch, None)
    with pytest.raises(SystemExit) as exit_:
        loader.load("no_such_site")
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "unknown spider 'no_such_site'" in err and "neu_news" in err
