"""Shared loader for the labelled case tables in ``tests/fixtures/normalize/``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

TABLES = Path(__file__).parent / "fixtures" / "normalize"


def load_cases(name: str) -> list[dict[str, Any]]:
    """The cases of ``<name>.json``."""
    cases: list[dict[str, Any]] = json.loads((TABLES / f"{name}.json").read_text("utf-8"))
    return cases


def case_params(cases: list[dict[str, Any]]) -> list[Any]:
    """One pytest param per case; ``known_failure`` cases run as strict xfails.

    A list, not a generator: pytest 9.2 deprecates iterators in ``parametrize``.
    """
    params = []
    for index, case in enumerate(cases):
        marks = []
        if case.get("known_failure"):
            marks.append(pytest.mark.xfail(strict=True, reason=case["note"]))
        params.append(pytest.param(case, id=f"{index:03d}-{case['func']}", marks=marks))
    return params


def check_table_shape(cases: list[dict[str, Any]], funcs: Iterable[str], minimum: int) -> None:
    """Enough cases, known keys, a note on each, few known failures."""
    names = set(funcs)
    assert len(cases) >= minimum
    for case in cases:
        assert set(case) <= {"func", "input", "expected", "note", "known_failure"}
        assert case["func"] in names and case["note"]
    assert len([case for case in cases if case.get("known_failure")]) <= 3


def check_positive_and_negative(cases: list[dict[str, Any]], funcs: Iterable[str]) -> None:
    """Every function is tested on inputs that give something and inputs that give nothing."""
    for name in funcs:
        results = [bool(case["expected"]) for case in cases if case["func"] == name]
        assert True in results and False in results, name
