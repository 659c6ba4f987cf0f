"""Licence money in the currencies of university patent news beyond CNY/USD/HKD/TWD: the
sum is kept in its own currency (rules §3 name the unit a currency code)."""

from __future__ import annotations

import pytest

from core.metrics import extract_metrics


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The university earned CHF 12 million from licensing its patents in 2022.", 12e6, "CHF"),
        ("The university received 3 million Swiss francs in licence revenue in 2021.", 3e6, "CHF"),
        ("The university received £30 million in licence income in 2021.", 30e6, "GBP"),
        ("The university earned Rs 15 crore from technology licensing in 2022.", 15e7, "INR"),
        ("The university earned ₹45 lakh from licensing its patents in 2023.", 45e5, "INR"),
        ("The university earned A$2.5 million from licensing its patents in 2020.", 25e5, "AUD"),
    ],
)
def test_licence_money_keeps_its_currency(sentence: str, value: float, unit: str) -> None:
    money = [m for m in extract_metrics(sentence, "Northern University") if m.unit == unit]
    assert [(m.metric, m.value) for m in money] == [("contract_amount", value)]


def test_crore_and_lakh_are_indian_magnitudes_not_counts() -> None:
    text = "The university earned INR 2.5 crore from patent licensing in 2023."
    assert [(m.value, m.unit) for m in extract_metrics(text, "Northern University")] == [
        (25e6, "INR")
    ]
