"""The edges of the public parse functions, from one case table (``edges.json``).

One rule: None means "nothing found" and gives the empty result; a value of the wrong
type raises ``ArgumentTypeError`` (a ``TypeError``), a bad value ``ArgumentError`` (a
``ValueError``), both naming the argument and both ``NewsscrapeError`` of kind
``argument``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from casetable import case_params, load_cases

from newsscrape import errors, normalize
from newsscrape.normalize.bylines import leading_byline

CASES = load_cases("edges")
NOW = datetime.fromisoformat("2024-03-10T12:00:00+00:00")
FUNCS: dict[str, Callable[..., Any]] = {
    **{name: getattr(normalize, name) for name in normalize.__all__},
    "leading_byline": leading_byline,
}


def _call(case: dict[str, Any]) -> Any:
    kwargs = dict(case.get("kwargs", {}))
    if case["func"] == "parse_timestamp":
        kwargs.setdefault("now", NOW)
    return FUNCS[case["func"]](*case["args"], **kwargs)


@pytest.mark.parametrize("case", case_params(CASES))
def test_edge_case(case: dict[str, Any]) -> None:
    if "raises" not in case:
        assert _call(case) == case["expected"], case["note"]
        return
    kind: type[errors.ArgumentError] = getattr(errors, case["raises"])
    with pytest.raises(kind) as info:
        _call(case)
    error = info.value
    assert type(error) is kind, case["note"]
    assert str(error) == error.message == case["message"], case["note"]
    assert error.argument == case["message"].split(":")[0]
    assert error.kind == "argument" and isinstance(error, errors.NewsscrapeError)
    assert isinstance(error, TypeError if kind is errors.ArgumentTypeError else ValueError)


def test_table_covers_every_public_function() -> None:
    assert {case["func"] for case in CASES} == set(FUNCS)
    for case in CASES:
        assert set(case) <= {"func", "args", "kwargs", "expected", "raises", "message", "note"}
        assert ("raises" in case) == ("message" in case) != ("expected" in case), case["note"]
    for name in FUNCS:
        outcomes = {"raises" in case for case in CASES if case["func"] == name}
        assert outcomes == {True, False}, name  # each has a None case and a bad-type case


def test_argument_errors_pickle() -> None:
    """Errors cross process boundaries (extraction workers) intact."""
    import pickle

    with pytest.raises(errors.ArgumentError) as info:
        normalize.parse_timestamp("2024-03-05", tz="Mars/Olympus")
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is errors.ArgumentError and str(copy) == str(info.value)
