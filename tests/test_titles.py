"""Case tables for headlines: which ``<h1>`` is the article's (``read_headline``) and
which title the record gets (``choose_title``)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from casetable import case_params, check_positive_and_negative, check_table_shape, load_cases
from selectolax.lexbor import LexborHTMLParser

from newsscrape.extractors.headlines import read_headline
from newsscrape.normalize.titles import choose_title

CASES = load_cases("titles")
_TITLES = re.compile(r"<!--title:(.*?)-->")


def _read_headline(html: str) -> str | None:
    return read_headline(LexborHTMLParser(html), _TITLES.findall(html))


def _choose_title(given: dict[str, Any]) -> str | None:
    return choose_title(given["titles"], given["h1"], given.get("sites", []),
                        title_tag=given.get("title_tag"), sections=given.get("sections", ()),
                        logo_names=given.get("logos", ()))


FUNCS = {"read_headline": _read_headline, "choose_title": _choose_title}


@pytest.mark.parametrize("case", case_params(CASES))
def test_case_table(case: dict[str, Any]) -> None:
    assert FUNCS[case["func"]](case["input"]) == case["expected"], case["note"]


def test_table_shape() -> None:
    check_table_shape(CASES, FUNCS, minimum=15)


def test_every_function_has_positive_and_negative_cases() -> None:
    check_positive_and_negative(CASES, FUNCS)
