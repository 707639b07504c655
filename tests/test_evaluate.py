"""Hand-computed cases for the article-body benchmark scorer."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from benchmarks.evaluate import PageScore, Summary, aggregate, page_counts, shingles, tokenize

FIVE = "one two three four five"  # 5 tokens -> 2 shingles: (one..four), (two..five)


def test_tokenize_keeps_word_runs_only() -> None:
    """Punctuation and whitespace separate tokens; underscore and digits are word characters."""
    assert tokenize("Hello,  world!\n\n(x_y) 42.5%") == ["Hello", "world", "x_y", "42", "5"]


def test_tokenize_unicode_and_case() -> None:
    """Letters of any script are word characters; apostrophes split; case is kept."""
    assert tokenize("Café naïve — 東京 don't Straße") == [
        "Café", "naïve", "東京", "don", "t", "Straße",
    ]  # fmt: skip
    assert tokenize("Hello") != tokenize("hello")


def test_tokenize_empty() -> None:
    """Empty, blank, punctuation-only and None texts have no tokens."""
    assert tokenize("") == []
    assert tokenize(" \n\t—!?") == []
    assert tokenize(None) == []


def test_shingles_runs_of_four() -> None:
    """n tokens give n - 3 shingles of 4."""
    assert shingles(tokenize(FIVE)) == Counter(
        {("one", "two", "three", "four"): 1, ("two", "three", "four", "five"): 1}
    )
    assert shingles(["a", "b", "c", "d"]) == Counter({("a", "b", "c", "d"): 1})


def test_shingles_short_and_empty() -> None:
    """Fewer than 4 tokens make one shingle of what there is; no tokens make none."""
    assert shingles(["a", "b"]) == Counter({("a", "b"): 1})
    assert shingles(["a"]) == Counter({("a",): 1})
    assert shingles([]) == Counter()


def test_shingles_are_a_multiset() -> None:
    """a b c d a b c d -> abcd, bcda, cdab, dabc, abcd: abcd counted twice."""
    assert shingles(["a", "b", "c", "d", "a", "b", "c", "d"]) == Counter(
        {
            ("a", "b", "c", "d"): 2,
            ("b", "c", "d", "a"): 1,
            ("c", "d", "a", "b"): 1,
            ("d", "a", "b", "c"): 1,
        }
    )


def test_identical_texts() -> None:
    """2 shared shingles: tp=2, fp=fn=0 -> normalized 1, 0, 0; P = R = 1; exact."""
    score = page_counts(FIVE, FIVE)
    assert score == PageScore(tp=1.0, fp=0.0, fn=0.0, precision=1.0, recall=1.0, exact=True)
    assert score.f1 == 1.0


def test_formatting_differences_do_not_matter() -> None:
    """Same tokens, different punctuation/whitespace: identical token lists."""
    score = page_counts("one, two;\n\nthree — four five.", FIVE)
    assert score.exact
    assert (score.precision, score.recall) == (1.0, 1.0)


def test_disjoint_texts() -> None:
    """pred: 1 shingle, truth: 2, none shared: tp=0, fp=1, fn=2 (sum 3) -> 0, 1/3, 2/3.

    Neither special case applies (fp, fn > 0; tp + fp > 0, tp + fn > 0): P = R = 0.
    """
    score = page_counts("alpha beta gamma delta", FIVE)
    assert score.tp == 0.0
    assert score.fp == pytest.approx(1 / 3)
    assert score.fn == pytest.approx(2 / 3)
    assert (score.precision, score.recall, score.exact) == (0.0, 0.0, False)
    assert score.f1 == 0.0


def test_partial_overlap_missed_repeat() -> None:
    """truth {abcd:2, bcda, cdab, dabc} (5), pred {abcd:1}.

    tp = min(1, 2) = 1, fp = 0, fn = (2 - 1) + 1 + 1 + 1 = 4 (a set would give 3).
    Sum 5 -> tp 0.2, fp 0, fn 0.8; P = 0.2 / 0.2 = 1; R = 0.2 / 1.0 = 0.2.
    Page F1 = 2 * 1 * 0.2 / 1.2 = 1/3.
    """
    score = page_counts("a b c d", "a b c d a b c d")
    assert score.tp == pytest.approx(0.2)
    assert score.fp == 0.0
    assert score.fn == pytest.approx(0.8)
    assert score.precision == 1.0
    assert score.recall == pytest.approx(0.2)
    assert score.f1 == pytest.approx(1 / 3)
    assert not score.exact


def test_partial_overlap_extra_repeat() -> None:
    """pred "a b c d x a b c d" -> {abcd:2, bcdx, cdxa, dxab, xabc} (6), truth {abcd:1}.

    tp = 1, fp = (2 - 1) + 4 = 5 (a set would give 4), fn = 0. Sum 6 -> 1/6, 5/6, 0.
    P = (1/6) / (6/6) = 1/6; R = (1/6) / (1/6) = 1.
    """
    score = page_counts("a b c d x a b c d", "a b c d")
    assert score.tp == pytest.approx(1 / 6)
    assert score.fp == pytest.approx(5 / 6)
    assert score.fn == 0.0
    assert score.precision == pytest.approx(1 / 6)
    assert score.recall == 1.0


def test_partial_overlap_both_sides() -> None:
    """pred "zero one two three four" {z123, 1234}, truth FIVE {1234, 2345}.

    tp = 1, fp = 1, fn = 1 -> 1/3 each; P = R = (1/3) / (2/3) = 0.5.
    """
    score = page_counts("zero one two three four", FIVE)
    assert (score.tp, score.fp, score.fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(0.5)


def test_short_texts_are_one_shingle() -> None:
    """Under 4 tokens the whole text is one shingle: all or nothing.

    "hello world" vs itself: tp = 1 -> P = R = 1.
    "hello world" vs "hello world again": (hello, world) vs (hello, world, again) differ:
    tp = 0, fp = 1, fn = 1 -> 0, 0.5, 0.5; P = R = 0.
    """
    same = page_counts("hello world", "hello, world!")
    assert (same.tp, same.precision, same.recall, same.exact) == (1.0, 1.0, 1.0, True)
    differ = page_counts("hello world", "hello world again")
    assert (differ.tp, differ.fp, differ.fn) == (0.0, 0.5, 0.5)
    assert (differ.precision, differ.recall) == (0.0, 0.0)


def test_empty_prediction() -> None:
    """pred none, truth 2 shingles: tp=0, fp=0, fn=2 -> 0, 0, 1.

    Precision: tp = fp = 0 -> 0. Recall: tp / (tp + fn) = 0.
    """
    for predicted in ("", None, " ... "):
        score = page_counts(predicted, FIVE)
        assert score == PageScore(tp=0.0, fp=0.0, fn=1.0, precision=0.0, recall=0.0, exact=False)


def test_empty_truth() -> None:
    """pred 2 shingles, truth none: tp=0, fp=2, fn=0 -> 0, 1, 0.

    Precision: tp / (tp + fp) = 0. Recall: tp = fn = 0 -> 0.
    """
    score = page_counts(FIVE, "")
    assert score == PageScore(tp=0.0, fp=1.0, fn=0.0, precision=0.0, recall=0.0, exact=False)


def test_both_empty() -> None:
    """No shingles at all: fp = fn = 0 -> P = R = 1 (checked first); token lists equal."""
    score = page_counts("", None)
    assert score == PageScore(tp=0.0, fp=0.0, fn=0.0, precision=1.0, recall=1.0, exact=True)


def test_page_score_is_frozen_and_slotted() -> None:
    """PageScore is an immutable slotted dataclass."""
    score = page_counts(FIVE, FIVE)
    assert not hasattr(score, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        score.tp = 0.5  # type: ignore[misc]


def test_aggregate_skips_undefined_precision() -> None:
    """identical (P 1, R 1, exact), partial (P 1, R 0.2), empty prediction (P 0, R 0).

    The empty prediction has tp + fp = 0: left out of the precision mean.
    P = (1 + 1) / 2 = 1; R = (1 + 0.2 + 0) / 3 = 0.4; F1 = 2 * 1 * 0.4 / 1.4 = 4/7.
    (The mean of page F1s would be (1 + 1/3 + 0) / 3 = 4/9: F1 is of the means.)
    Accuracy = 1/3.
    """
    summary = aggregate(
        [
            page_counts(FIVE, FIVE),
            page_counts("a b c d", "a b c d a b c d"),
            page_counts("", FIVE),
        ]
    )
    assert summary.precision == 1.0
    assert summary.recall == pytest.approx(0.4)
    assert summary.f1 == pytest.approx(4 / 7)
    assert summary.accuracy == pytest.approx(1 / 3)
    assert summary.pages == 3


def test_aggregate_skips_undefined_recall_and_empty_pages() -> None:
    """identical (P 1, R 1), empty truth (P 0, R 0, tp + fn = 0), both empty (P 1, R 1).

    Both-empty page: tp + fp = tp + fn = 0, so it is in neither mean (only in accuracy).
    P = (1 + 0) / 2 = 0.5; R = 1 / 1 = 1; F1 = 2 * 0.5 * 1 / 1.5 = 2/3.
    Accuracy: identical and both-empty are exact -> 2/3.
    """
    summary = aggregate([page_counts(FIVE, FIVE), page_counts(FIVE, ""), page_counts("", "")])
    assert summary.precision == pytest.approx(0.5)
    assert summary.recall == 1.0
    assert summary.f1 == pytest.approx(2 / 3)
    assert summary.accuracy == pytest.approx(2 / 3)


def test_aggregate_all_wrong_and_empty() -> None:
    """Disjoint and empty-truth pages: P = R = 0 so F1 = 0; no pages gives zeros."""
    summary = aggregate([page_counts("alpha beta gamma delta", FIVE), page_counts(FIVE, "")])
    assert (summary.f1, summary.precision, summary.recall, summary.accuracy) == (0, 0, 0, 0)
    assert aggregate([]) == Summary(f1=0.0, precision=0.0, recall=0.0, accuracy=0.0, pages=0)
