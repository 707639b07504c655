"""Case-table tests for ``newsscrape.normalize.bylines``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from casetable import case_params, check_positive_and_negative, check_table_shape, load_cases

from newsscrape.normalize.bylines import clean_author, closing_byline, leading_byline, parse_byline

CASES = load_cases("bylines")


def _clean_author_list(name: str) -> list[str]:
    """clean_author's answer in the table's list form: None -> [], name -> [name]."""
    result = clean_author(name)
    return [] if result is None else [result]


def _closing_names(text: str) -> list[str]:
    """The names of the sign-off closing ``text``, as a byline reads them."""
    line = closing_byline(text)
    return [] if line is None else parse_byline(line)


FUNCS: dict[str, Callable[[str], list[str]]] = {
    "parse_byline": parse_byline,
    "parse_byline_single": lambda text: parse_byline(text, single=True),
    "clean_author": _clean_author_list,
    "leading_byline": leading_byline,
    "closing_byline": _closing_names,
}


@pytest.mark.parametrize("case", case_params(CASES))
def test_case_table(case: dict[str, Any]) -> None:
    assert FUNCS[case["func"]](case["input"]) == case["expected"], case["note"]


def test_table_shape() -> None:
    check_table_shape(CASES, FUNCS, minimum=80)
    for case in CASES:
        assert case["func"] != "clean_author" or len(case["expected"]) <= 1


def test_every_function_has_positive_and_negative_cases() -> None:
    check_positive_and_negative(CASES, FUNCS)


def test_clean_author_returns_none_for_non_names() -> None:
    assert clean_author("Share") is None
    assert clean_author("By Jane Doe") == "Jane Doe"


def test_clean_author_agrees_with_parse_byline_on_single_names() -> None:
    for case in CASES:
        if case["func"] == "parse_byline" and len(case["expected"]) == 1:
            if case.get("known_failure"):
                continue
            assert _clean_author_list(case["expected"][0]) == case["expected"], case["note"]


def test_long_text_is_not_a_byline() -> None:
    sentence = "Officials said the new rules would take effect next year. " * 20
    assert parse_byline(sentence) == []
    assert leading_byline(sentence) == []
