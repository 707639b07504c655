"""Article-body scorer of the Zyte article-extraction benchmark (shingle precision/recall).

Implements the metric exactly as defined in the benchmark (``evaluate.py`` of
scrapinghub/article-extraction-benchmark), plus its exact-match accuracy:

- tokens are the ``\\w+`` matches (Unicode, case kept) of a text;
- shingles are runs of 4 consecutive tokens, a text with fewer tokens being one
  shingle of what it has (and an empty text having none);
- per page, tp/fp/fn count shingles as multisets and are divided by their sum;
- precision and recall are averaged over the pages where they are defined, and
  F1 is taken of the two means (not the mean of page F1s).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean

__all__ = ["PageScore", "Summary", "aggregate", "page_counts", "shingles", "tokenize"]

_TOKEN_RE = re.compile(r"\w+")


def tokenize(text: str | None) -> list[str]:
    """Return the ``\\w+`` tokens of a text (None counts as empty)."""
    return _TOKEN_RE.findall(text or "")


def shingles(tokens: list[str], n: int = 4) -> Counter[tuple[str, ...]]:
    """Count the runs of n consecutive tokens (short texts give one shorter shingle)."""
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _precision(tp: float, fp: float, fn: float) -> float:
    """Page precision with the benchmark's special cases."""
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    """Page recall with the benchmark's special cases."""
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def _f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


@dataclass(frozen=True, slots=True)
class PageScore:
    """Normalized shingle counts and scores of one page."""

    tp: float
    fp: float
    fn: float
    precision: float
    recall: float
    exact: bool

    @property
    def f1(self) -> float:
        """Page F1 (for ranking pages only; the benchmark's F1 is taken of the means)."""
        return _f1(self.precision, self.recall)


@dataclass(frozen=True, slots=True)
class Summary:
    """Benchmark figures over a set of pages."""

    f1: float
    precision: float
    recall: float
    accuracy: float
    pages: int


def page_counts(predicted: str | None, expected: str | None) -> PageScore:
    """Score one predicted article body against the true one."""
    pred_tokens = tokenize(predicted)
    true_tokens = tokenize(expected)
    pred = shingles(pred_tokens)
    true = shingles(true_tokens)
    tp = float(sum((pred & true).values()))
    fp = float(sum((pred - true).values()))
    fn = float(sum((true - pred).values()))
    total = tp + fp + fn
    if total > 0:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(
        tp=tp,
        fp=fp,
        fn=fn,
        precision=_precision(tp, fp, fn),
        recall=_recall(tp, fp, fn),
        exact=pred_tokens == true_tokens,
    )


def aggregate(scores: Iterable[PageScore]) -> Summary:
    """Combine page scores: mean precision and recall where defined, F1 of the means."""
    pages = list(scores)
    precisions = [s.precision for s in pages if s.tp + s.fp > 0]
    recalls = [s.recall for s in pages if s.tp + s.fn > 0]
    precision = fmean(precisions) if precisions else 0.0
    recall = fmean(recalls) if recalls else 0.0
    accuracy = sum(s.exact for s in pages) / len(pages) if pages else 0.0
    return Summary(
        f1=_f1(precision, recall),
        precision=precision,
        recall=recall,
        accuracy=accuracy,
        pages=len(pages),
    )
