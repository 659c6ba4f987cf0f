"""What the crawl process no longer does per page (issue #19, helper crawl10), with the check
that makes it safe: Scrapy's per-response check of the callback's source (it re-parsed
``parse_article`` for nearly every page) is replaced by one check over every spider."""

from __future__ import annotations

import inspect

import pytest
from scrapy.settings import Settings
from scrapy.utils.misc import is_generator_with_return_value

from crawler import settings as project_settings
from crawler.spiderloader import SitesSpiderLoader


def _spider_classes() -> list[type]:
    settings = Settings()
    settings.setmodule(project_settings)
    loader = SitesSpiderLoader(settings)
    return [loader.load(name) for name in loader.list()]


def test_settings_skip_scrapys_per_response_callback_check() -> None:
    assert project_settings.WARN_ON_GENERATOR_RETURN_VALUE is False


@pytest.mark.parametrize("cls", _spider_classes(), ids=lambda c: c.__name__)
def test_no_spider_generator_returns_a_value(cls: type) -> None:
    """What WARN_ON_GENERATOR_RETURN_VALUE warned about per response, checked once: a
    callback that is a generator and returns a value loses that value silently."""
    methods = [
        fn
        for _, fn in inspect.getmembers(cls, inspect.isgeneratorfunction)
        if fn.__module__.startswith("spiders.")
    ]
    assert methods  # parse, parse_article, route, ...: the check sees the callbacks
    assert [m.__qualname__ for m in methods if is_generator_with_return_value(m)] == []


def test_the_check_finds_a_generator_that_returns_a_value() -> None:
    """The check above can fail: Scrapy's own function flags a generator returning a value."""

    def callback(response: object):  # noqa: ANN202 - a generator on purpose
        yield response
        return "lost"

    assert is_generator_with_return_value(callback)
