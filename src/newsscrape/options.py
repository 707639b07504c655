"""Settings, one frozen object per concern, built by the CLI or by library users.

``ExtractOptions`` shape the record made of a page, ``FetchOptions`` how one page is
downloaded, ``BatchOptions`` how many inputs are run together (politeness, workers,
output order), ``DiscoverOptions`` what discovery reads and keeps (``newsscrape
discover``/``watch``; it fetches with the other two). Every field is checked when the
object is made: a bad value raises ``ArgumentError`` (a wrong type
``ArgumentTypeError``) naming the field, so a mistake surfaces at the call that made it,
not deep inside a run.
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any, Literal

from newsscrape.errors import ArgumentError, ArgumentTypeError
from newsscrape.version import __version__

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_TIMEOUT = 24 * 3600.0
"""Longest ``timeout`` accepted (a day): beyond that a value is a mistake, not a wish."""
MAX_DELAY = 3600.0
"""Longest ``delay`` accepted (an hour between two requests to one site)."""
DEFAULT_USER_AGENT = (
    f"newsscrape/{__version__} (+https://github.com/newsscrape/newsscrape; news article extractor)"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractOptions:
    """How a page becomes a record; the defaults are what the CLI uses."""

    tz: str | None = None
    """IANA zone assumed for timestamps that state no offset; None keeps them naive."""
    provenance: bool = False
    """Add a ``provenance`` object saying where each metadata value came from."""
    now: str | None = None
    """When a saved page was read (ISO 8601, ``2024-03-10T12:00:00+00:00``; a
    ``datetime`` is taken too): relative dates ("3 hours ago") count from it. It takes
    the place of a fetched page's or a WARC record's own time; without it a bare file
    gives them null."""

    def __post_init__(self) -> None:
        check_flag("provenance", self.provenance)
        if self.tz is not None:
            check_zone("tz", self.tz)
        object.__setattr__(self, "now", optional_timestamp("now", self.now))


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchOptions:
    """How one page is downloaded."""

    timeout: float = 30.0
    """Deadline in seconds for one whole request: connect, redirects and body."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """Cap on the decompressed body size."""
    max_redirects: int = 10
    user_agent: str = DEFAULT_USER_AGENT
    allow_private: bool = False
    """Lift the address policy: allow redirects into private/loopback space and link-local
    addresses (see ``fetcher.safety``)."""
    respect_robots: bool = True
    """Fetch each origin's robots.txt once and obey it for our User-Agent."""
    cache_dir: str | None = None
    """Directory of an RFC 9111 HTTP cache (hishel, SQLite); None = no cache."""

    def __post_init__(self) -> None:
        check_seconds("timeout", self.timeout, high=MAX_TIMEOUT, low_open=True)
        check_count("max_bytes", self.max_bytes, low=1)
        check_count("max_redirects", self.max_redirects, low=0)
        check_header_value("user_agent", self.user_agent)
        check_flag("allow_private", self.allow_private)
        check_flag("respect_robots", self.respect_robots)
        object.__setattr__(self, "cache_dir", optional_path("cache_dir", self.cache_dir))


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchOptions:
    """How many inputs are fetched together: politeness, workers, output."""

    concurrency: int = 64
    """Requests in flight at once, over all origins."""
    per_host: int = 2
    """Requests in flight at once to one origin (scheme, host, port)."""
    delay: float = 0.5
    """Seconds between the starts of two requests to one origin (robots Crawl-delay wins
    when larger; a 429 doubles it for the rest of the run)."""
    retries: int = 3
    """Extra attempts after a connection error, timeout, 408, 429 or 5xx."""
    jobs: int | None = None
    """Extraction worker processes; None = one per core, 0 = a thread in this process."""
    page_timeout: float = 30.0
    """Seconds one page's extraction may take in a worker process before it fails as
    ``extract_timeout`` and the process is killed and replaced; 0 = no limit. (A thread,
    ``jobs=0``, cannot be stopped: there it does not apply.)"""
    ordered: bool = False
    """Write outcomes in input order (held in a bounded reorder window)."""
    warc: str | None = None
    """Write every page response read whole to this WARC file (gzipped per record)."""

    def __post_init__(self) -> None:
        check_count("concurrency", self.concurrency, low=1)
        check_count("per_host", self.per_host, low=1)
        check_seconds("delay", self.delay, high=MAX_DELAY)
        check_count("retries", self.retries, low=0)
        if self.jobs is not None:
            check_count("jobs", self.jobs, low=0)
        check_seconds("page_timeout", self.page_timeout, high=MAX_TIMEOUT)
        check_flag("ordered", self.ordered)
        object.__setattr__(self, "warc", optional_path("warc", self.warc))


SOURCE_KINDS = frozenset({"sitemaps", "feeds", "homepage"})
"""What discovery may read on a site: sitemaps, feeds, and the home page's own links."""
DISCOVER_MAX_BYTES = 64 * 1024 * 1024
"""Discovery's default cap on one source, decompressed (a sitemap may hold 50 MB)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DiscoverOptions:
    """What discovery reads and keeps; the defaults are what the CLI uses. (How it
    fetches is ``FetchOptions`` and ``BatchOptions``: timeout, politeness, robots.)"""

    since: datetime | None = None
    """Keep entries from this instant on (a naive time is read as UTC)."""
    until: datetime | None = None
    """Keep entries before this instant."""
    undated: Literal["keep", "drop"] = "keep"
    """Entries with no usable date, when a window is set: kept, or dropped."""
    max_urls: int | None = None
    """At most this many candidates from each input."""
    max_depth: int = 3
    """Sitemap indexes nested deeper than this are not followed (an error says so)."""
    include: re.Pattern[str] | None = None
    """Keep only URLs this pattern finds something in (a str is compiled)."""
    exclude: re.Pattern[str] | None = None
    """Drop URLs this pattern finds something in (a str is compiled)."""
    same_site: bool = True
    """Keep only URLs on the input's site (its registrable domain, or its host)."""
    sources: frozenset[str] = frozenset({"sitemaps", "feeds"})
    """Any of ``sitemaps``, ``feeds``, ``homepage`` (harvest article links)."""
    now: datetime | None = None
    """The clock dates are judged against (relative dates, dates in the future); None =
    the real time. Tests fix it."""

    def __post_init__(self) -> None:
        for name in ("since", "until", "now"):
            object.__setattr__(self, name, optional_instant(name, getattr(self, name)))
        if self.since is not None and self.until is not None and self.since >= self.until:
            raise ArgumentError("until", "must be later than since")
        if self.undated not in ("keep", "drop"):
            raise ArgumentError("undated", f"must be 'keep' or 'drop', not {self.undated!r}")
        if self.max_urls is not None:
            check_count("max_urls", self.max_urls, low=1)
        check_count("max_depth", self.max_depth, low=0)
        for name in ("include", "exclude"):
            object.__setattr__(self, name, optional_pattern(name, getattr(self, name)))
        check_flag("same_site", self.same_site)
        object.__setattr__(self, "sources", source_kinds("sources", self.sources))


OptionsClass = type[ExtractOptions] | type[FetchOptions] | type[BatchOptions]


def split_options(keywords: Mapping[str, Any], *, function: str,
                  allowed: Iterable[str] | None = None,
                  ) -> tuple[ExtractOptions, FetchOptions, BatchOptions]:
    """The three option objects from keyword arguments, each keyword going to the class
    with a field of its name. A keyword that names no field (or one not in ``allowed``)
    is an ``ArgumentTypeError``, as Python's own unexpected keyword argument is."""
    names = _owners()
    usable = names.keys() if allowed is None else set(allowed)
    for keyword in keywords:
        if keyword not in usable:
            known = ", ".join(name for name in names if name in usable)
            raise ArgumentTypeError(keyword, f"not an option of {function}() (options: {known})")
    parts: dict[OptionsClass, dict[str, Any]] = {ExtractOptions: {}, FetchOptions: {},
                                                  BatchOptions: {}}
    for keyword, value in keywords.items():
        parts[names[keyword]][keyword] = value
    return (ExtractOptions(**parts[ExtractOptions]) if parts[ExtractOptions] else _EXTRACT,
            FetchOptions(**parts[FetchOptions]) if parts[FetchOptions] else _FETCH,
            BatchOptions(**parts[BatchOptions]) if parts[BatchOptions] else _BATCH)


@functools.cache
def _owners() -> dict[str, OptionsClass]:
    """Each option's name, mapped to the class that has it as a field."""
    classes: tuple[OptionsClass, ...] = (ExtractOptions, FetchOptions, BatchOptions)
    return {f.name: cls for cls in classes for f in fields(cls)}


# --- checks (each raises ArgumentError naming the field) --------------------------------


def seconds_problem(value: float, *, high: float, low_open: bool = False) -> str | None:
    """Why ``value`` is not a usable number of seconds (NaN and infinities never are),
    or None when it is."""
    too_low = value <= 0 if low_open else value < 0
    if math.isfinite(value) and not too_low and value <= high:
        return None
    return f"must be a number of seconds {'>' if low_open else '>='} 0 and <= {high:g}, " \
        f"not {value:g}"


def check_seconds(name: str, value: object, *, high: float, low_open: bool = False) -> None:
    """A finite number of seconds within bounds."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ArgumentTypeError.expected(name, "a number of seconds", value)
    problem = seconds_problem(value, high=high, low_open=low_open)
    if problem:
        raise ArgumentError(name, problem)


def check_count(name: str, value: object, *, low: int) -> None:
    """A whole number, at least ``low``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentTypeError.expected(name, "int", value)
    if value < low:
        raise ArgumentError(name, f"must be >= {low}, not {value}")


def check_flag(name: str, value: object) -> None:
    """True or False."""
    if not isinstance(value, bool):
        raise ArgumentTypeError.expected(name, "bool", value)


def check_header_value(name: str, value: object) -> None:
    """Text that can be sent as an HTTP header value (no line breaks or NULs)."""
    if not isinstance(value, str):
        raise ArgumentTypeError.expected(name, "str", value)
    if any(c in value for c in "\r\n\0"):
        raise ArgumentError(name, "must not contain line breaks or NUL characters")


def check_zone(name: str, value: object) -> None:
    """The name of an IANA time zone that this machine knows."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not isinstance(value, str):
        raise ArgumentTypeError.expected(name, "str (an IANA time zone name)", value)
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # OSError: a name too long
        raise ArgumentError(name, f"unknown time zone {value!r}") from exc


def optional_timestamp(name: str, value: object) -> str | None:
    """None, or an ISO 8601 date-time (a string or a ``datetime``) in ISO form."""
    from datetime import datetime

    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if not isinstance(value, str):
        raise ArgumentTypeError.expected(name, "an ISO 8601 timestamp (str) or datetime", value)
    try:
        return datetime.fromisoformat(value.strip()).isoformat()
    except ValueError as exc:
        raise ArgumentError(name, f"not an ISO 8601 timestamp: {value!r}") from exc


def optional_path(name: str, value: object) -> str | None:
    """None, or a file system path as a string (``pathlib.Path`` accepted)."""
    if value is None:
        return None
    if not isinstance(value, str | os.PathLike):
        raise ArgumentTypeError.expected(name, "str or os.PathLike", value)
    path = os.fspath(value)
    if not isinstance(path, str) or not path:
        raise ArgumentError(name, "must be a non-empty path")
    return path


def optional_instant(name: str, value: object) -> datetime | None:
    """None, or a ``datetime`` made aware (a naive one is read as UTC)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise ArgumentTypeError.expected(name, "datetime", value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def optional_pattern(name: str, value: object) -> re.Pattern[str] | None:
    """None, or a compiled regular expression (from a ``str`` or a ``re.Pattern``)."""
    if value is None or (isinstance(value, re.Pattern) and isinstance(value.pattern, str)):
        return value
    if not isinstance(value, str):
        raise ArgumentTypeError.expected(name, "str or re.Pattern", value)
    try:
        return re.compile(value)
    except re.error as exc:
        raise ArgumentError(name, f"bad regular expression {value!r}: {exc}") from exc


def source_kinds(name: str, value: object) -> frozenset[str]:
    """A non-empty set of discovery source kinds (any iterable of them but a str)."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ArgumentTypeError.expected(name, f"a set of {sorted(SOURCE_KINDS)}", value)
    kinds = frozenset(value)
    if not kinds or not kinds <= SOURCE_KINDS:
        given = ", ".join(sorted(map(str, kinds))) or "none"
        raise ArgumentError(name, f"must be some of {', '.join(sorted(SOURCE_KINDS))}, "
                            f"not {given}")
    return kinds


_EXTRACT, _FETCH, _BATCH = ExtractOptions(), FetchOptions(), BatchOptions()
"""The defaults, made once (the objects are frozen)."""
