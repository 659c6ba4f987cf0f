"""The crawl process does not import the metric extractor it hands to a worker.

Why: importing :mod:`core.metrics.extract` compiles ~50 finders' patterns (~0.9 s of CPU),
10% of the crawl process at 2,000 pages; with ``PATENTWATCH_METRICS_WORKERS`` the worker
imports it and the crawl process never calls it. A wrong extractor path still fails the
crawl at start, as it did when the pipeline imported the function there.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from scrapy.utils.test import get_crawler

from crawler.pipelines.metrics import MetricsPipeline
from tests.conftest import REPO

PROBE = """
import sys
from scrapy.utils.test import get_crawler
from crawler.pipelines.metrics import MetricsPipeline
from crawler.pipelines.storage import StoragePipeline
import spiders.news
MetricsPipeline.from_crawler(get_crawler(settings_dict={"PATENTWATCH_METRICS_WORKERS": 1}))
print("core.metrics.extract" in sys.modules)
"""


def test_the_pipeline_does_not_import_the_extractor_it_does_not_run() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_in_thread_extraction_imports_it_on_first_use() -> None:
    pipe = MetricsPipeline.from_crawler(get_crawler(settings_dict={}))
    from core.metrics import extract_metrics

    assert pipe.extract() is extract_metrics


@pytest.mark.parametrize(
    "path", ["no_such_module.extract", "core.no_such_module.extract", "extract"]
)
def test_a_wrong_extractor_path_fails_at_start(path: str) -> None:
    settings = {"PATENTWATCH_METRICS_EXTRACTOR": path, "PATENTWATCH_METRICS_WORKERS": 1}
    with pytest.raises((ModuleNotFoundError, ValueError)):
        MetricsPipeline.from_crawler(get_crawler(settings_dict=settings))
