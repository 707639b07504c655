"""The ``discover`` and ``watch`` commands: flags in, option objects built, discovery run.

Exit status as ``fetch``'s: 0 when every input and source was read, 1 when any failed
(each failure is a stderr line and, with ``--errors``, a JSON line), 2 for usage errors
(a ``--state`` file that is not a watch state included), 130 when Ctrl-C interrupted
(what was found is written). A closed stdout ends the run quietly (``cli.files``).

Heavy modules (the discovery engine, httpx, lxml) are imported when a command runs, so
that ``newsscrape --version`` stays fast.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

import click

from newsscrape.cli.files import EXIT_INTERRUPTED, Targets, ending_on_output_failure
from newsscrape.cli.options import (
    F,
    apply,
    batch_options_of,
    check_proxies,
    errors_option,
    extract_flags,
    extract_options_of,
    fetch_options_of,
    max_bytes_option,
    network_flags,
    option_object,
    output_option,
    worker_flags,
    worker_options_of,
)
from newsscrape.options import (
    DISCOVER_MAX_BYTES,
    SOURCE_KINDS,
    DiscoverOptions,
)
from newsscrape.output import Reporter, summary_line

if TYPE_CHECKING:
    from newsscrape.discover.engine import Discovery
    from newsscrape.discover.state import State
    from newsscrape.discover.watch import Watcher
    from newsscrape.options import BatchOptions, ExtractOptions, FetchOptions
    from newsscrape.record import DiscoveredURL, Failure

DEFAULTS = DiscoverOptions()


def _filter_flags(func: F) -> F:
    """What to keep: window, undated, include/exclude, sites, sources; the source cap."""
    return apply(func, [
        click.option("--since", metavar="WHEN", help="Keep entries from this time on: a "
                     "duration back from now (24h, 7d) or an ISO 8601 instant "
                     "(2026-08-01T00:00Z)."),
        click.option("--until", metavar="WHEN",
                     help="Keep entries before this time (same forms)."),
        click.option("--undated", type=click.Choice(["keep", "drop"]), default=DEFAULTS.undated,
                     show_default=True, help="What to do with entries without a date "
                     "when --since/--until is given."),
        click.option("--include", metavar="REGEX", help="Keep only URLs matching REGEX."),
        click.option("--exclude", metavar="REGEX", help="Drop URLs matching REGEX."),
        click.option("--all-sites", is_flag=True,
                     help="Keep URLs on other sites too (default: the input's site only)."),
        click.option("--sources", "sources_text", metavar="KINDS",
                     default=",".join(sorted(DEFAULTS.sources)), show_default=True,
                     help="Comma list of sitemaps, feeds, homepage (harvest article links "
                     "from the home and section pages), or all."),
        max_bytes_option("each source, counted after decompression", DISCOVER_MAX_BYTES),
        errors_option,
        network_flags,
    ])


def _instant(text: str | None, flag: str, now: datetime) -> datetime | None:
    """A window end: ``24h`` back from ``now``, or an ISO 8601 instant; usage error else."""
    from newsscrape.discover.window import parse_instant

    if text is None:
        return None
    value = parse_instant(text, now)
    if value is None:
        raise click.BadParameter(f"{text!r} is neither a duration (24h, 7d) nor an "
                                 "ISO 8601 instant", param_hint=flag)
    return value


def _sources(text: str) -> frozenset[str]:
    kinds = frozenset(p.strip().lower() for p in text.split(",") if p.strip())
    return SOURCE_KINDS if "all" in kinds else kinds


def discover_options_of(knobs: dict[str, Any], now: datetime, **more: Any) -> DiscoverOptions:
    """The ``DiscoverOptions`` that ``_filter_flags`` describe, with windows counted back
    from ``now``."""
    return option_object(
        DiscoverOptions, since=_instant(knobs["since"], "--since", now),
        until=_instant(knobs["until"], "--until", now), undated=knobs["undated"],
        include=knobs["include"], exclude=knobs["exclude"], same_site=not knobs["all_sites"],
        sources=_sources(knobs["sources_text"]), **more)


def _inputs(args: tuple[str, ...], lists: tuple[str, ...]) -> tuple[Any, bool]:
    """The inputs (lazily read) and whether stdin is one of them."""
    from newsscrape.cli.inputs import iter_urls, plain_urls

    use_stdin = not args and not lists
    if use_stdin and sys.stdin is not None and sys.stdin.isatty():
        raise click.UsageError("no site or URL given (as arguments, with -i FILE, or on stdin)")
    if (*args, *lists).count("-") > 1:
        raise click.UsageError("stdin (-) can be read only once")
    return plain_urls(iter_urls(args, lists, use_stdin=use_stdin)), \
        use_stdin or "-" in args + lists


def _ready_to_fetch(targets: Targets, *, stdin: bool = False) -> None:
    """What must hold before any file is touched: a usable cache directory and proxy
    settings, and (when stdin is an input) something on stdin."""
    from newsscrape.cli.inputs import stdin_has_input

    targets.check_cache()
    check_proxies()
    if stdin and not stdin_has_input():
        raise click.UsageError("no site or URL given: stdin is empty")


class _Report:
    """Discovery's sink on the command line: candidates and failures to the Reporter."""

    def __init__(self, report: Reporter) -> None:
        self.report = report

    def writer(self, input: str) -> Callable[[DiscoveredURL], None]:
        return self.report.discovered

    def failure(self, input: str, failure: Failure) -> None:
        self.report.failure(failure)

    def flush(self) -> None:
        self.report.flush()


def _run(start: Callable[[Any], Coroutine[Any, Any, Any]]) -> bool:
    """Run a discovery on an event loop, Ctrl-C stopping it in order (what was read is
    written); True when Ctrl-C did. ``start(started)`` makes the coroutine."""
    import asyncio
    import queue

    from newsscrape.batch.loop import loop_factory, on_sigint, restore_sigint

    started: queue.SimpleQueue[Discovery] = queue.SimpleQueue()
    interrupted = False

    def stop() -> None:
        nonlocal interrupted
        interrupted = True
        if not started.empty():
            started.get().stop()

    async def main() -> None:
        on_sigint(stop)
        try:
            await start(started)
        finally:
            restore_sigint()

    with asyncio.Runner(loop_factory=loop_factory()) as runner:
        runner.run(main())
    return interrupted


@click.command(short_help="Find article URLs on sites, in feeds and sitemaps.")
@click.argument("urls", nargs=-1, metavar="SITE_OR_URL...")
@click.option("-i", "--input", "lists", multiple=True,
              type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="Read sites and URLs from FILE, one per line (- is stdin). Repeatable.")
@output_option("candidates")
@click.option("--max-urls", type=click.IntRange(min=1),
              help="At most N candidates from each input.")
@click.option("--max-depth", type=click.IntRange(min=0), default=DEFAULTS.max_depth,
              show_default=True, help="Sitemap indexes nested deeper are not followed.")
@_filter_flags
def discover(urls: tuple[str, ...], lists: tuple[str, ...], output: str,
             errors_path: str | None, max_urls: int | None, max_depth: int,
             max_bytes: int, **knobs: Any) -> None:
    """Find article URLs on sites (robots.txt sitemaps, feeds, usual paths) or in the
    feeds and sitemaps given, and print one JSON candidate per line.

    \b
    newsscrape discover https://example.com --since 24h | newsscrape fetch > today.jsonl
    """
    from datetime import UTC

    options = discover_options_of(knobs, datetime.now(UTC), max_urls=max_urls,
                                  max_depth=max_depth)
    fetch = fetch_options_of(knobs, max_bytes=max_bytes)
    batch = batch_options_of(knobs)
    inputs, stdin = _inputs(urls, lists)
    targets = Targets(output, errors_path, cache=knobs["cache_dir"])
    targets.check_apart(lists, stdin=stdin)
    _ready_to_fetch(targets, stdin=stdin)
    start = time.monotonic()
    with targets.open(append=False) as report, ending_on_output_failure(targets, report):
        from newsscrape.discover import run_discovery

        sink = _Report(report)
        try:
            interrupted = _run(lambda started: run_discovery(
                inputs, sink, fetch=fetch, batch=batch, options=options, started=started,
                notice=report.say))
        finally:
            report.flush()
        report.say(summary_line(report.ok, report.failed_by_kind, time.monotonic() - start,
                                interrupted=interrupted, ok_label="candidates"))
    sys.exit(EXIT_INTERRUPTED if interrupted else report.exit_code())


@click.command(short_help="Poll sources and print only the articles not seen before.")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("--state", "state_path", required=True, type=click.Path(dir_okay=False),
              help="SQLite file keeping what was seen and the schedule (made if missing).")
@click.option("--interval", default="15m", show_default=True,
              help="Base time between polls of a source (adapted per source).")
@click.option("--once", is_flag=True,
              help="One round: poll the sources that are due, then exit (for cron).")
@click.option("--force", is_flag=True,
              help="Poll every source in the first round, due or not.")
@click.option("--max-runtime", help="Stop after this long (e.g. 1h).")
@click.option("--fetch", "fetch_records", is_flag=True,
              help="Fetch each new candidate and print its record instead.")
@click.option("--reset", is_flag=True, help="Forget the state first (seen URLs, schedule).")
@output_option("candidates (or records)")
@_filter_flags
@extract_flags
@worker_flags
def watch(sources: tuple[str, ...], state_path: str, interval: str, once: bool, force: bool,
          max_runtime: str | None, fetch_records: bool, reset: bool, output: str,
          errors_path: str | None, max_bytes: int, **knobs: Any) -> None:
    """Poll SOURCEs (sites, feeds, sitemaps) when each is due and print only candidates
    never seen before (with --fetch, their records). Conditional requests; per-source
    adaptive intervals kept in the --state file.

    \b
    newsscrape watch https://example.com/rss.xml --state news.sqlite --once >> new.jsonl
    """
    from newsscrape.discover.watch import Watcher

    base = _duration(interval, "--interval")
    runtime = _duration(max_runtime, "--max-runtime") if max_runtime is not None else None
    discover_options_of(knobs, _utcnow())  # refuse bad filters before anything is touched
    fetch = fetch_options_of(knobs, max_bytes=max_bytes)
    batch = batch_options_of(knobs, **worker_options_of(knobs))
    extract = extract_options_of(knobs)
    targets = Targets(output, errors_path, cache=knobs["cache_dir"])
    targets.check_apart([state_path])
    _ready_to_fetch(targets)
    state = _state(state_path, reset=reset, sources=sources, base=base)
    start = time.monotonic()
    with targets.open(append=True) as report, ending_on_output_failure(targets, report), \
            _Spool(report, extract, fetch, batch, enabled=fetch_records) as spool:
        watcher = Watcher(sources=list(dict.fromkeys(sources)), state=state, fetch=fetch,
                          batch=batch, options_at=lambda now: discover_options_of(knobs, now),
                          base=base, sink=spool, notice=report.say)
        interrupted = _watching(watcher, report, once=once, force=force, max_runtime=runtime,
                                on_round_end=spool.fetch)
        report.say(summary_line(report.ok, report.failed_by_kind, time.monotonic() - start,
                                interrupted=interrupted,
                                ok_label="records" if fetch_records else "candidates"))
    sys.exit(EXIT_INTERRUPTED if interrupted else report.exit_code())


def _state(path: str, *, reset: bool, sources: tuple[str, ...], base: float) -> State:
    """The watch state, forgotten first with ``reset``, knowing ``sources`` (new ones due
    now); a file that is not a watch state is a usage error, left untouched."""
    from newsscrape.discover.state import State
    from newsscrape.errors import StateError

    try:
        state = State(path)
    except StateError as exc:
        raise click.BadParameter(exc.message, param_hint="--state") from exc
    if reset:
        state.reset()
    state.add_sources(sources, base, _utcnow())
    return state


def _watching(watcher: Watcher, report: Reporter, *, once: bool, force: bool,
              max_runtime: float | None, on_round_end: Callable[[], None]) -> bool:
    """Run the watcher; True when Ctrl-C stopped it. The state is closed, a round cut
    short forgotten (to be polled again next time)."""
    finished = interrupted = False
    try:
        _say_if_nothing_due(watcher, report, force=force)
        watcher.run(once=once, force=force, max_runtime=max_runtime, on_round_end=on_round_end)
        finished = True
    except KeyboardInterrupt:
        interrupted = True
    finally:
        watcher.state.close(commit=finished)
        report.flush()
    return interrupted


def _say_if_nothing_due(watcher: Watcher, report: Reporter, *, force: bool) -> None:
    """A note on stderr when no source is due now (a cron run that polls nothing)."""
    if force or watcher.due(force=False):
        return
    nxt = watcher.state.next_due(watcher.sources)
    when = nxt.isoformat(timespec="seconds") if nxt is not None else "unknown"
    report.say(f"newsscrape: no source is due yet (the next at {when}; --force polls now)")


def _duration(text: str, flag: str) -> float:
    from newsscrape.discover.window import parse_duration

    seconds = parse_duration(text)
    if seconds is None:
        raise click.BadParameter(f"{text!r} is not a duration like 90s, 15m, 24h, 7d or 2w",
                                 param_hint=flag)
    return seconds


def _utcnow() -> datetime:
    from datetime import UTC

    return datetime.now(UTC)


class _Spool:
    """``watch``'s sink: new candidates to the output, or (``--fetch``) to a temporary
    file, fetched as one batch at the end of each round (their feed/sitemap fields as
    hints)."""

    def __init__(self, report: Reporter, extract: ExtractOptions, fetch: FetchOptions,
                 batch: BatchOptions, *, enabled: bool) -> None:
        self.report = report
        self.options = (extract, fetch, batch)
        self.enabled = enabled
        self.file: IO[bytes] | None = None

    def __enter__(self) -> _Spool:
        if self.enabled:
            import tempfile

            self.file = tempfile.TemporaryFile("w+b")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.file is not None:
            self.file.close()

    def writer(self, input: str) -> Callable[[DiscoveredURL], None]:
        return self.report.discovered if self.file is None else self._spool

    def _spool(self, candidate: DiscoveredURL) -> None:
        from newsscrape.output import discovered_line

        assert self.file is not None
        self.file.write((discovered_line(candidate) + "\n").encode("utf-8"))

    def failure(self, input: str, failure: Failure) -> None:
        self.report.failure(failure)

    def flush(self) -> None:
        self.report.flush()

    def fetch(self) -> None:
        """Fetch the round's new candidates (with ``--fetch``), then forget them."""
        if self.file is None:
            return
        from dataclasses import replace

        from newsscrape.batch.lists import iter_lines, url_inputs
        from newsscrape.batch.run import fetch_all
        from newsscrape.options import DEFAULT_MAX_BYTES

        extract, fetch, batch = self.options
        self.file.seek(0)
        stats = fetch_all(url_inputs(iter_lines(self.file)), self.report, extract=extract,
                          fetch=replace(fetch, max_bytes=DEFAULT_MAX_BYTES), batch=batch,
                          notice=self.report.say)
        if stats.interrupted:  # Ctrl-C stopped the batch: stop watching too
            raise KeyboardInterrupt
        self.file.seek(0)
        self.file.truncate()
