"""A report's scorecard (rows of measures, columns of years), on a made-up report in the
layout of real knowledge-transfer scorecards (core/metrics/row_tables.py)."""

from __future__ import annotations

from core.metrics import extract_metrics
from core.metrics.row_tables import row_tables

SCORECARD = (
    "Enterprise scorecard 2019-20\n\n"
    "Metric2016-172017-182018-192019-20\n"
    "Research income (£ million) (1) 436 351 361 364\n"
    "Inventive output\n"
    "Patent applications filed (4) 66 73 68 77\n"
    "Patents issued 47 59 49 47\n"
    "New licences signed (7) 39 39 46 43\n"
    "Royalties and fees income generated in the period (£ million) 2.8 2.1 3.0 1.9\n"
)


def test_each_row_value_is_its_measure_in_its_columns_year() -> None:
    got = {
        (m.institution, m.metric, m.value, m.unit, m.period)
        for m in extract_metrics(SCORECARD, "Imperial College London")
    }
    assert ("Imperial College London", "patent_applications", 66, "count", "2016-17") in got
    assert ("Imperial College London", "patents_granted", 47, "count", "2019-20") in got
    assert ("Imperial College London", "patents_transferred", 46, "count", "2018-19") in got
    assert ("Imperial College London", "contract_amount", 2_800_000, "GBP", "2016-17") in got
    # research income is no patent figure, and a row's footnote mark is no value
    assert not any(v in (436, 4, 7) for _i, _m, v, _u, _p in got)


def test_no_header_of_years_no_scorecard() -> None:
    assert row_tables("Patent applications filed 66 73 68 77\nPatents issued 47 59 49 47") == []
    # a row whose count of values differs from the header's years is not read
    assert row_tables("2016 2017 2018\nPatents issued 47 59\n") == []
