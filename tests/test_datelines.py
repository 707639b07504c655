"""Case table for the date-line recognisers of ``newsscrape.lexicon.dates`` (no network)."""

from __future__ import annotations

from typing import Any

import pytest
from casetable import case_params, check_positive_and_negative, check_table_shape, load_cases

from newsscrape.lexicon.dates import date_expressions, source_in_line

CASES = load_cases("datelines")
FUNCS: dict[str, Any] = {"date_expressions": date_expressions,
                         "source_in_line": source_in_line}


@pytest.mark.parametrize("case", case_params(CASES))
def test_date_line_case(case: dict[str, Any]) -> None:
    got = FUNCS[case["func"]](case["input"])
    if isinstance(got, list):
        got = [list(item) for item in got]
    assert got == case["expected"], case["input"]


def test_table_shape() -> None:
    check_table_shape(CASES, FUNCS, minimum=20)
    check_positive_and_negative(CASES, FUNCS)
