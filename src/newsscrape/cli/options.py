"""The command line's flags, shared between commands, and their mapping to option objects.

Each group of flags is a decorator; ``fetch_options_of`` and ``batch_options_of`` build
``FetchOptions`` and ``BatchOptions`` from the parsed flags, and ``option_object``
turns a value the object refuses into a usage error naming its flag.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import click

from newsscrape.errors import ArgumentError
from newsscrape.options import (
    MAX_DELAY,
    MAX_TIMEOUT,
    BatchOptions,
    DiscoverOptions,
    ExtractOptions,
    FetchOptions,
    seconds_problem,
)

F = TypeVar("F", bound=Callable[..., Any])
Opts = TypeVar("Opts", ExtractOptions, FetchOptions, BatchOptions, DiscoverOptions)
FETCH_DEFAULTS = FetchOptions()
BATCH_DEFAULTS = BatchOptions()
"""The defaults the options show."""


class Seconds(click.types.FloatParamType):
    """A finite number of seconds within bounds (click's FloatRange lets NaN through)."""

    name = "seconds"

    def __init__(self, *, high: float, low_open: bool = False) -> None:
        self.high = high
        self.low_open = low_open

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> float:
        number = float(super().convert(value, param, ctx))
        problem = seconds_problem(number, high=self.high, low_open=self.low_open)
        if problem:
            self.fail(problem, param, ctx)
        return number


def apply(func: F, decorators: list[Callable[[Any], Any]]) -> F:
    """``func`` under ``decorators``, the first one outermost (as if stacked in order)."""
    result: Any = func
    for decorator in reversed(decorators):
        result = decorator(result)
    return cast(F, result)


def output_option(what: str) -> Callable[[F], F]:
    """``-o``: where the JSON lines go (``what`` names them)."""
    return click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
                        default="-", show_default="stdout",
                        help=f"Write {what} (JSONL) here.")


errors_option = click.option(
    "--errors", "errors_path", type=click.Path(dir_okay=False, allow_dash=True),
    help="Also write one JSON line per failed input here.")


def extract_flags(func: F) -> F:
    """``--tz`` and ``--provenance``: how a page becomes a record."""
    return apply(func, [
        click.option("--tz", help="IANA zone (e.g. Asia/Shanghai) assumed for timestamps "
                     "that state no UTC offset; without it they stay naive."),
        click.option("--provenance", is_flag=True,
                     help="Add where each metadata value came from."),
    ])


def network_flags(func: F) -> F:
    """How requests are made: deadline, identity, politeness, robots, safety, cache."""
    return apply(func, [
        click.option("--timeout", type=Seconds(high=MAX_TIMEOUT, low_open=True),
                     default=FETCH_DEFAULTS.timeout,
                     show_default=True, help="Deadline in seconds for each whole request, "
                     f"body included (at most {MAX_TIMEOUT:g})."),
        click.option("--user-agent", default=FETCH_DEFAULTS.user_agent, show_default=False,
                     help="User-Agent header (default names newsscrape and its version)."),
        click.option("--concurrency", type=click.IntRange(min=1),
                     default=BATCH_DEFAULTS.concurrency,
                     show_default=True, help="Requests in flight at once, over all hosts."),
        click.option("--per-host", type=click.IntRange(min=1), default=BATCH_DEFAULTS.per_host,
                     show_default=True,
                     help="Requests in flight at once to one origin."),
        click.option("--delay", type=Seconds(high=MAX_DELAY), default=BATCH_DEFAULTS.delay,
                     show_default=True,
                     help="Seconds between request starts to one origin (robots.txt "
                     f"Crawl-delay wins when larger; at most {MAX_DELAY:g})."),
        click.option("--retries", type=click.IntRange(min=0), default=BATCH_DEFAULTS.retries,
                     show_default=True,
                     help="Retries on connection errors, timeouts, 408, 429 and 5xx."),
        click.option("--ignore-robots", is_flag=True, help="Do not fetch or obey robots.txt."),
        click.option("--allow-private", is_flag=True,
                     help="Allow redirects into private/loopback space and link-local "
                     "addresses (SSRF protection off)."),
        click.option("--cache", "cache_dir", type=click.Path(file_okay=False),
                     help="HTTP cache directory (RFC 9111): fresh pages are not re-fetched."),
    ])


jobs_option = click.option("--jobs", type=click.IntRange(min=0), default=None,
                           help="Extraction processes (default: one per core; 0: a thread).")


def fetch_options_of(knobs: dict[str, Any], *, max_bytes: int) -> FetchOptions:
    """The ``FetchOptions`` that ``network_flags`` (and ``max_bytes``) describe."""
    return option_object(
        FetchOptions, timeout=knobs["timeout"], max_bytes=max_bytes,
        user_agent=knobs["user_agent"], allow_private=knobs["allow_private"],
        respect_robots=not knobs["ignore_robots"], cache_dir=knobs["cache_dir"])


def batch_options_of(knobs: dict[str, Any], **more: Any) -> BatchOptions:
    """The ``BatchOptions`` that ``network_flags`` (and ``more``) describe."""
    return option_object(
        BatchOptions, concurrency=knobs["concurrency"], per_host=knobs["per_host"],
        delay=knobs["delay"], retries=knobs["retries"], **more)


def option_object(cls: type[Opts], **values: Any) -> Opts:
    """An options object; a value it refuses is a usage error naming its option."""
    try:
        return cls(**values)
    except ArgumentError as exc:
        raise click.BadParameter(exc.problem,
                                 param_hint=f"--{exc.argument.replace('_', '-')}") from exc
