"""Case-table tests for ``newsscrape.normalize.tags``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from casetable import case_params, check_positive_and_negative, check_table_shape, load_cases
from selectolax.lexbor import LexborHTMLParser

from newsscrape.extractors.taglinks import tag_text
from newsscrape.lexicon.hashtags import is_hashtag_line, is_tag, trailing_hashtags
from newsscrape.normalize.tags import choose_tags, merge_tags, parse_hashtags, split_keywords
from newsscrape.record import Candidates, Found

CASES = load_cases("tags")


def _choose_tags(given: dict[str, Any]) -> list[str]:
    """``choose_tags`` on found values given as ``[value, source]`` pairs."""
    article = Candidates(tags=tuple(Found(v, s) for v, s in given["tags"]),
                         keywords=tuple(Found(v, "meta") for v in given.get("keywords", [])))
    return list(choose_tags(article, given.get("sites", [])).tags)


FUNCS: dict[str, Callable[[Any], Any]] = {
    "parse_hashtags": parse_hashtags,
    "split_keywords": split_keywords,
    "merge_tags": lambda groups: merge_tags(*groups),
    "is_hashtag_line": is_hashtag_line,
    "is_tag": is_tag,
    "trailing_hashtags": lambda text: trailing_hashtags(text)[1],
    "choose_tags": _choose_tags,
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


def test_trailing_hashtags_leave_the_paragraph() -> None:
    assert trailing_hashtags("Großer Tag in Peking. #Olympia #Ski") == (
        "Großer Tag in Peking.", ["Olympia", "Ski"])
    assert trailing_hashtags("Ohne Schlagwort.") == ("Ohne Schlagwort.", [])


@pytest.mark.parametrize(("html", "expected"), [
    ('<a href="/tag/gaza/">Gaza<span class="count">398</span></a>', "Gaza"),
    ('<a href="/tag/2020-election/">2020 Election<span>(611 posts)</span></a>', "2020 Election"),
    ('<a href="/tag/election/">2020 Democratic Primary(578)</a>', "2020 Democratic Primary"),
    ('<a href="/tag/plantur/">Plantur 39</a>', "Plantur 39"),
])
def test_tag_text_leaves_out_counts(html: str, expected: str) -> None:
    """Issue 9: tags hold no counts ("Gaza398")."""
    link = LexborHTMLParser(html).css_first("a")
    assert link is not None
    assert tag_text(link) == expected
