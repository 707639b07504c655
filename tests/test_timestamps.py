"""Table-driven tests for newsscrape.normalize.timestamps (no network)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfoNotFoundError

import pytest

from newsscrape.errors import ArgumentError
from newsscrape.lexicon.dates import is_timestamp_line, update_clock
from newsscrape.normalize.timestamps import parse_timestamp

FIXTURE = Path(__file__).parent / "fixtures" / "normalize" / "timestamps.json"
DEFAULT_NOW = "2024-03-10T12:00:00+00:00"


def _load_cases() -> list[Any]:
    cases: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    params = []
    for index, case in enumerate(cases):
        marks = []
        if case.get("known_failure"):
            marks.append(pytest.mark.xfail(strict=True, reason="known failure: " + case["note"]))
        case_id = f"{index:03d}-{case['note']}"
        params.append(pytest.param(case, id=case_id, marks=marks))
    return params


@pytest.mark.parametrize("case", _load_cases())
def test_parse_timestamp(case: dict[str, Any]) -> None:
    now = datetime.fromisoformat(case.get("now", DEFAULT_NOW))
    got = parse_timestamp(case["input"], tz=case.get("tz"), now=now, locale=case.get("locale"),
                          relative=case.get("relative", True))
    assert got == case["expected"], case["input"]


def test_case_table_is_well_formed() -> None:
    cases = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert len(cases) >= 300
    allowed = {"input", "expected", "note", "tz", "now", "locale", "relative", "known_failure"}
    for case in cases:
        assert set(case) <= allowed, case
        assert isinstance(case["input"], str) and case["note"], case
        if case.get("known_failure"):
            # a known failure documents what a careful human would answer
            assert case["expected"] is None or isinstance(case["expected"], str)


def test_default_now_is_the_current_time() -> None:
    assert parse_timestamp("2024-02-22T09:26:21Z") == "2024-02-22T09:26:21+00:00"
    assert parse_timestamp("2099-01-01") is None
    local_now = datetime.now().astimezone()
    assert parse_timestamp("today", now=local_now) == local_now.date().isoformat()


def test_unknown_tz_name_raises_argument_error() -> None:
    with pytest.raises(ArgumentError, match=r"^tz: unknown time zone 'Nowhere/Land'$") as info:
        parse_timestamp("2024-02-22 09:26", tz="Nowhere/Land")
    assert info.value.argument == "tz" and info.value.kind == "argument"
    assert not isinstance(info.value, ZoneInfoNotFoundError)


def test_dateparser_is_not_imported_at_module_import() -> None:
    import os
    import subprocess
    import sys

    code = (
        "import sys, newsscrape.normalize.timestamps as t;"
        "t.parse_timestamp('2024-02-22T09:26:21Z');"
        "t.parse_timestamp('March 5, 2024 3:45 PM ET');"
        "print('dateparser' in sys.modules)"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": src},
    )
    assert out.stdout.strip() == "False"


TIMESTAMP_LINES = [
    "2024-02-22 09:26:21",
    "2024-02-22T09:26:21+08:00",
    "Published: March 5, 2024",
    "Updated 3:45 p.m. ET March 5, 2024",
    "发布时间\uff1a2024-02-22 09:26",
    "Stand: 05.03.2024, 15:45 Uhr",
    "Posted on Mar 5, 2024",
    "March 5, 2024",
    "3 hours ago",
    "Thu, 22 Feb 2024 09:26:21 +0800",
    "5 mars 2024 à 15h45",
    "Publié le 5 mars 2024 à 15h45",
    "2024年2月22日",
    "2024年2月22日 星期四 09:26",
    "22.02.2024",
    "Date: 22/02/2024",
    "Last updated: 2024-02-22T09:26:21Z",
    "입력 2024.02.22. 오후 3:45",
    "Zuletzt aktualisiert am 05.03.2024",
    "Yesterday",
    "22 февраля 2024 года, 09:26",
    "Tuesday, March 5, 2024",
    "  March 5, 2024  ",
    "2030-01-01",  # a date line even if it is in the future
    "Published March 5, 2024 at 3:45 p.m. ET | Updated March 6, 2024",
    "Posted: Tuesday 18 June 2024, 09:12 BST",
]

NOT_TIMESTAMP_LINES = [
    "On March 5, 2024 the council voted to approve the budget.",
    "The storm hit on 2024-02-22 and lasted for days.",
    "March 5, 2024: The council voted on the budget after a long debate",
    "Version 2.10.3 was released on March 5, 2024",
    "By Jane Doe, March 5, 2024",
    "Published by Reuters",
    "Updated",
    "Photo: Getty Images",
    "",
    "Read more",
    "42",
    "1708565181",
    "Call 555-123-4567",
    "+1 212 555 0100",
    "v2.10.3",
    "2024-02-30",
    "3:45 PM",
    "March 2024",
    "The meeting lasted 3 hours",
    "Chapter 11",
    "1708565181.123",
    "Reading time: 3 minutes",
    "5 min read",
    "Comments (12)",
    "Copyright 2024",
    "Page 1 of 3",
    "Monday, 10:00",
    "May 2024",
    "Posted by admin on 5 March 2024",
    "5 March 2024 \u2014 3 min read",
    "Breaking: 3 killed in crash",
    "By Jane Doe | March 5, 2024",
    "March 5, 2024 | Politics",
]


@pytest.mark.parametrize("line", TIMESTAMP_LINES)
def test_is_timestamp_line_true(line: str) -> None:
    assert is_timestamp_line(line)


@pytest.mark.parametrize("line", NOT_TIMESTAMP_LINES)
def test_is_timestamp_line_false(line: str) -> None:
    assert not is_timestamp_line(line)


@pytest.mark.parametrize(("line", "language", "expected"), [
    ("Senin, 30 Maret 2015 14:05", "id", True),  # the page's language: dateparser reads it
    ("Senin, 30 Maret 2015 14:05", None, True),  # no language declared: every language
    ("Senin, 30 Maret 2015 14:05", "ru", True),  # Latin text on a page declared Russian
    ("30 marca 2015 14:05", "pl", True),
    ("30 marca 2015 14:05", "en", False),  # an English page: English and nothing else
])
def test_dateparser_reads_the_pages_language(line: str, language: str | None,
                                             expected: bool) -> None:
    assert is_timestamp_line(line, language=language) is expected


@pytest.mark.parametrize(
    ("line", "clock"),
    [
        ("Updated 3:45 PM EST", "3:45 PM EST"),
        ("Last updated at 3:45 p.m. ET", "3:45 p.m. ET"),
        ("Updated: 15:45", "15:45"),
        ("Aktualisiert um 15:45 Uhr", "um 15:45 Uhr"),
        ("Mis à jour à 15h45", "à 15h45"),
        ("更新 15:45", "15:45"),
        # not time-only updates: a date is there (the usual parser reads those), no clock,
        # or no update label
        ("Updated March 5, 2024 3:45 PM", None),
        ("Updated 3:45 PM EST March 5", None),
        ("Updated 3 hours ago", None),
        ("Posted 3:45 PM", None),
        ("Updated version 2.10", None),
        ("Call 555-1234 for updates", None),
    ],
)
def test_update_clock(line: str, clock: str | None) -> None:
    """A time-only "Updated" line gives its clock, to be joined to the published day."""
    assert update_clock(line) == clock


def test_update_clock_joins_the_published_day() -> None:
    """The zone abbreviation is resolved on that day (EST in March before the DST switch)."""
    clock = update_clock("Updated 3:45 PM ET")
    assert clock is not None
    assert parse_timestamp(f"2024-03-05 {clock}") == "2024-03-05T15:45:00-05:00"
    assert parse_timestamp(f"2024-07-05 {clock}") == "2024-07-05T15:45:00-04:00"
