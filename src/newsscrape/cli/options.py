"""The command line's flags, shared between commands, and their mapping to option objects.

Each group of flags is a decorator; ``fetch_options_of`` and ``batch_options_of`` build
``FetchOptions`` and ``BatchOptions`` from the parsed flags, and ``option_object``
turns a value the object refuses into a usage error naming its flag.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import click

from newsscrape.cli.params import Seconds, Size, format_size
from newsscrape.errors import ArgumentError
from newsscrape.options import (
    MAX_DELAY,
    MAX_TIMEOUT,
    BatchOptions,
    DiscoverOptions,
    ExtractOptions,
    FetchOptions,
)

F = TypeVar("F", bound=Callable[..., Any])
Opts = TypeVar("Opts", ExtractOptions, FetchOptions, BatchOptions, DiscoverOptions)
FETCH_DEFAULTS = FetchOptions()
BATCH_DEFAULTS = BatchOptions()
"""The defaults the options show."""


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
    "--errors", "errors_path", type=click.Path(dir_okay=False),
    help="Also write one JSON line per failed input to this file.")


def input_option(what: str) -> Callable[[F], F]:
    """``-i``: lists of inputs (``what`` says what their lines are)."""
    return click.option("-i", "--input", "inputs", multiple=True,
                        type=click.Path(exists=True, dir_okay=False, allow_dash=True,
                                        readable=True),
                        help=f"Read {what} from FILE, one per line (- is stdin; blank and # "
                        "lines skipped). Repeatable.")


def max_bytes_option(what: str, default: int = FETCH_DEFAULTS.max_bytes) -> Callable[[F], F]:
    """``--max-bytes``: the cap on ``what``, with units."""
    return click.option("--max-bytes", type=Size(), default=default,
                        show_default=format_size(default),
                        help=f"Cap on {what} (units: 512k, 10MB, 1GiB).")


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
                     default=FETCH_DEFAULTS.timeout, show_default=True,
                     help="Deadline in seconds for each request: connecting, redirects "
                     f"and body, not counting politeness waits (at most {MAX_TIMEOUT:g})."),
        click.option("--user-agent", default=FETCH_DEFAULTS.user_agent, show_default=False,
                     help="User-Agent header (default names newsscrape and its version)."),
        click.option("--concurrency", type=click.IntRange(min=1),
                     default=BATCH_DEFAULTS.concurrency,
                     show_default=True, help="Requests in flight at once, over all hosts."),
        click.option("--per-host", type=click.IntRange(min=1), default=BATCH_DEFAULTS.per_host,
                     show_default=True,
                     help="Requests in flight at once to one origin (redirect hops count "
                     "for the origin they go to)."),
        click.option("--delay", type=Seconds(high=MAX_DELAY), default=BATCH_DEFAULTS.delay,
                     show_default=True,
                     help="Seconds between request starts to one origin (robots.txt "
                     f"Crawl-delay wins when larger; at most {MAX_DELAY:g}); cache hits "
                     "do not wait."),
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


def workers(*, jobs: int | None = None, per: str = "") -> Callable[[F], F]:
    """``--jobs`` and ``--page-timeout``: the extraction processes (``per`` what, and
    how many by default: None is one per core) and their limit."""
    shown = "one per core" if jobs is None else str(jobs)
    return lambda func: apply(func, [
        click.option("--jobs", type=click.IntRange(min=0), default=jobs,
                     help=f"Extraction processes{per} (default: {shown}; 0: a thread, "
                     "which --page-timeout cannot stop)."),
        click.option("--page-timeout", type=Seconds(high=MAX_TIMEOUT),
                     default=BATCH_DEFAULTS.page_timeout, show_default=True,
                     help="Seconds one page's extraction may take; an overrun fails as "
                     "extract_timeout and its process is replaced (0: no limit)."),
    ])


worker_flags = workers()
"""``--jobs`` (one process per core by default) and ``--page-timeout``."""


def shard_option(what: str) -> Callable[[F], F]:
    """``--shard K/N`` (``batch.shard``), parsed into a ``Shard``; ``what`` says how
    the command cuts its inputs."""

    def parse(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
        from newsscrape.batch.shard import Shard

        try:
            return None if value is None else Shard.parse(value)
        except ArgumentError as exc:
            raise click.BadParameter(exc.problem) from exc

    return click.option("--shard", metavar="K/N", callback=parse,
                        help=f"Do only part K of N (0 <= K < N): {what}.")


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


def worker_options_of(knobs: dict[str, Any]) -> dict[str, Any]:
    """The ``BatchOptions`` fields that ``worker_flags`` describe."""
    return {"jobs": knobs["jobs"], "page_timeout": knobs["page_timeout"]}


def extract_options_of(knobs: dict[str, Any], *, now: str | None = None) -> ExtractOptions:
    """The ``ExtractOptions`` that ``extract_flags`` (and ``extract --now``) describe."""
    return option_object(ExtractOptions, tz=knobs["tz"], provenance=knobs["provenance"],
                         now=now)


def option_object(cls: type[Opts], **values: Any) -> Opts:
    """An options object; a value it refuses is a usage error naming its option."""
    try:
        return cls(**values)
    except ArgumentError as exc:
        raise click.BadParameter(exc.problem,
                                 param_hint=f"--{exc.argument.replace('_', '-')}") from exc


def check_proxies() -> None:
    """A proxy variable we cannot use is a usage error, before any file is touched."""
    from newsscrape.fetcher.proxies import environment_proxies

    try:
        environment_proxies()
    except ArgumentError as exc:
        raise click.UsageError(str(exc)) from exc
