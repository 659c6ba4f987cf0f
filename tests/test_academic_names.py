"""Academic applicant names told from companies (WIPO overall lists mix both)."""

from __future__ import annotations

import pytest

from core.institutions import is_academic


@pytest.mark.parametrize(
    ("name", "academic"),
    [
        ("UNIV OF ZENDA", True),
        ("Zenda Institute of Technology", True),
        ("ZENDA POLYTECHNIC", True),
        ("赞达大学", True),
        ("赞达工学院", True),
        ("ACME TELECOM CO., LTD.", False),
        ("Zenda Instruments GmbH", False),
    ],
)
def test_academic_names_are_told_from_companies(name: str, academic: bool) -> None:

    assert is_academic(name) is academic
