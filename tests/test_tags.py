"""Case-table tests for ``newsscrape.normalize.tags``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from casetable import case_params, check_positive_and_negative, check_table_shape, load_cases

from newsscrape.lexicon.hashtags import is_hashtag_line
from newsscrape.normalize.tags import merge_tags, parse_hashtags, split_keywords

CASES = load_cases("tags")

FUNCS: dict[str, Callable[[Any], Any]] = {
    "parse_hashtags": parse_hashtags,
    "split_keywords": split_keywords,
    "merge_tags": lambda groups: merge_tags(*groups),
    "is_hashtag_line": is_hashtag_line,
}


@pytest.mark.parametrize("case", case_params(CASES))
def test_case_table(case: dict[str, Any]) -> None:
    assert FUNCS[case["func"]](case["input"]) == case["expected"], case["note"]


def test_table_shape() -> None:
    check_table_shape(CASES, FUNCS, minimum=60)


def test_every_function_has_positive_and_negative_cases() -> None:
    check_positive_and_negative(CASES, FUNCS)


def test_parse_hashtags_output_is_normal_form() -> None:
    text = " ".join(case["input"] for case in CASES if case["func"] == "parse_hashtags")
    tags = parse_hashtags(text)
    assert tags
    assert len({tag.casefold() for tag in tags}) == len(tags)
    assert all(tag and not tag.startswith("#") and tag == tag.strip() for tag in tags)


def test_merge_tags_accepts_generators() -> None:
    assert merge_tags((t for t in ["x", "y"]), iter(["Y", "z"])) == ["x", "y", "z"]


def test_hashtag_line_tags_round_trip() -> None:
    line = "#alpha #Beta #gamma"
    assert is_hashtag_line(line)
    expected = ["alpha", "Beta", "gamma"]
    assert parse_hashtags(line) == split_keywords(line.replace(" ", ",")) == expected
