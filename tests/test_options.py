"""Every option field refuses a bad value with an ``ArgumentError`` naming the field."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from newsscrape.errors import ArgumentError, ArgumentTypeError
from newsscrape.options import (
    BatchOptions,
    DiscoverOptions,
    ExtractOptions,
    FetchOptions,
    split_options,
)

Options = type[ExtractOptions] | type[FetchOptions] | type[BatchOptions] | type[DiscoverOptions]

# (class, field, bad value, error class, message after "field: ")
BAD: list[tuple[Options, str, Any, type[ArgumentError], str]] = [
    (ExtractOptions, "tz", "Mars/Olympus", ArgumentError, "unknown time zone 'Mars/Olympus'"),
    (ExtractOptions, "tz", "../etc/passwd", ArgumentError, "unknown time zone '../etc/passwd'"),
    (ExtractOptions, "tz", "A" * 300, ArgumentError, f"unknown time zone '{'A' * 300}'"),
    (ExtractOptions, "tz", 8, ArgumentTypeError, "expected str (an IANA time zone name), not int"),
    (ExtractOptions, "provenance", 1, ArgumentTypeError, "expected bool, not int"),
    (ExtractOptions, "now", "yesterday", ArgumentError,
     "not an ISO 8601 timestamp: 'yesterday'"),
    (ExtractOptions, "now", 1709640000, ArgumentTypeError,
     "expected an ISO 8601 timestamp (str) or datetime, not int"),
    (FetchOptions, "timeout", 0, ArgumentError,
     "must be a number of seconds > 0 and <= 86400, not 0"),
    (FetchOptions, "timeout", float("nan"), ArgumentError,
     "must be a number of seconds > 0 and <= 86400, not nan"),
    (FetchOptions, "timeout", "30", ArgumentTypeError, "expected a number of seconds, not str"),
    (FetchOptions, "max_bytes", 0, ArgumentError, "must be >= 1, not 0"),
    (FetchOptions, "max_bytes", 1.5, ArgumentTypeError, "expected int, not float"),
    (FetchOptions, "max_redirects", -1, ArgumentError, "must be >= 0, not -1"),
    (FetchOptions, "user_agent", "bot\r\nX-Evil: 1", ArgumentError,
     "must not contain line breaks or NUL characters"),
    (FetchOptions, "user_agent", None, ArgumentTypeError, "expected str, not NoneType"),
    (FetchOptions, "allow_private", "no", ArgumentTypeError, "expected bool, not str"),
    (FetchOptions, "respect_robots", None, ArgumentTypeError, "expected bool, not NoneType"),
    (FetchOptions, "cache_dir", "", ArgumentError, "must be a non-empty path"),
    (FetchOptions, "cache_dir", 3, ArgumentTypeError, "expected str or os.PathLike, not int"),
    (BatchOptions, "concurrency", 0, ArgumentError, "must be >= 1, not 0"),
    (BatchOptions, "per_host", True, ArgumentTypeError, "expected int, not bool"),
    (BatchOptions, "delay", float("inf"), ArgumentError,
     "must be a number of seconds >= 0 and <= 3600, not inf"),
    (BatchOptions, "delay", -0.5, ArgumentError,
     "must be a number of seconds >= 0 and <= 3600, not -0.5"),
    (BatchOptions, "retries", -1, ArgumentError, "must be >= 0, not -1"),
    (BatchOptions, "jobs", -1, ArgumentError, "must be >= 0, not -1"),
    (BatchOptions, "page_timeout", -1, ArgumentError,
     "must be a number of seconds >= 0 and <= 86400, not -1"),
    (BatchOptions, "ordered", "yes", ArgumentTypeError, "expected bool, not str"),
    (BatchOptions, "warc", b"x.warc.gz", ArgumentTypeError,
     "expected str or os.PathLike, not bytes"),
    (DiscoverOptions, "since", "24h", ArgumentTypeError, "expected datetime, not str"),
    (DiscoverOptions, "until", 1700000000, ArgumentTypeError, "expected datetime, not int"),
    (DiscoverOptions, "undated", "skip", ArgumentError, "must be 'keep' or 'drop', not 'skip'"),
    (DiscoverOptions, "max_urls", 0, ArgumentError, "must be >= 1, not 0"),
    (DiscoverOptions, "max_depth", -1, ArgumentError, "must be >= 0, not -1"),
    (DiscoverOptions, "include", "news/(", ArgumentError,
     "bad regular expression 'news/(': missing ), unterminated subpattern at position 5"),
    (DiscoverOptions, "exclude", b"tag", ArgumentTypeError,
     "expected str or re.Pattern, not bytes"),
    (DiscoverOptions, "same_site", None, ArgumentTypeError, "expected bool, not NoneType"),
    (DiscoverOptions, "sources", {"feeds", "podcasts"}, ArgumentError,
     "must be some of feeds, homepage, sitemaps, not feeds, podcasts"),
    (DiscoverOptions, "sources", "feeds", ArgumentTypeError,
     "expected a set of ['feeds', 'homepage', 'sitemaps'], not str"),
    (DiscoverOptions, "now", "2026-12-05", ArgumentTypeError, "expected datetime, not str"),
]


@pytest.mark.parametrize(("cls", "field", "value", "error", "problem"), BAD,
                         ids=[f"{c.__name__}.{f}={v!r:.20}" for c, f, v, _, _ in BAD])
def test_bad_value_names_the_field(cls: Options, field: str, value: Any,
                                   error: type[ArgumentError], problem: str) -> None:
    with pytest.raises(ArgumentError) as caught:
        cls(**{field: value})
    assert type(caught.value) is error
    assert (caught.value.argument, caught.value.problem) == (field, problem)
    assert str(caught.value) == f"{field}: {problem}"


def test_every_field_has_a_bad_value_case() -> None:
    covered = {(cls, field) for cls, field, *_ in BAD}
    for cls in (ExtractOptions, FetchOptions, BatchOptions, DiscoverOptions):
        for f in fields(cls):
            assert (cls, f.name) in covered, f"{cls.__name__}.{f.name}"


def test_defaults_and_good_values_pass() -> None:
    assert ExtractOptions(tz="Europe/Berlin").tz == "Europe/Berlin"
    assert FetchOptions(timeout=1, cache_dir=Path("/tmp/c")).cache_dir == "/tmp/c"
    assert BatchOptions(jobs=None, delay=0, warc=Path("a.warc.gz")).warc == "a.warc.gz"


def test_discover_options_make_values_usable() -> None:
    """Naive times are read as UTC, patterns compiled, sources a frozenset; a window must
    not end before it starts."""
    paris = timezone(timedelta(hours=1))
    options = DiscoverOptions(since=datetime(2026, 12, 1),
                              until=datetime(2026, 12, 2, tzinfo=paris),
                              include="/news/", sources=["feeds"])
    assert options.since == datetime(2026, 12, 1, tzinfo=UTC)
    assert options.include == re.compile("/news/") and options.sources == frozenset({"feeds"})
    with pytest.raises(ArgumentError, match=r"^until: must be later than since$"):
        DiscoverOptions(since=datetime(2026, 12, 2, tzinfo=UTC), until=datetime(2026, 12, 1))


def test_split_options_by_field_name() -> None:
    extract, fetch, batch = split_options({"tz": "UTC", "timeout": 2.0, "per_host": 1},
                                          function="f")
    assert (extract.tz, fetch.timeout, batch.per_host) == ("UTC", 2.0, 1)
    with pytest.raises(ArgumentTypeError, match=r"^jobs: not an option of f\(\) \(options: tz\)$"):
        split_options({"jobs": 1}, function="f", allowed=["tz"])


def test_now_is_kept_in_iso_form() -> None:
    from datetime import UTC, datetime

    assert ExtractOptions(now="2024-03-10T12:00:00Z").now == "2024-03-10T12:00:00+00:00"
    assert ExtractOptions(now=datetime(2024, 3, 10, 12, tzinfo=UTC)).now == \
        "2024-03-10T12:00:00+00:00"
    assert ExtractOptions().now is None
