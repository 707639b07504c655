"""The ``discover`` and ``watch`` commands (thin: options in, library calls, exit codes).

Exit status as ``fetch``'s: 0 when every input and source was read, 1 when any failed
(each failure is a stderr line and, with ``--errors``, a JSON line), 2 for usage errors,
130 when Ctrl-C interrupted (what was found is written). A closed stdout ends quietly.
"""

from __future__ import annotations

import contextlib
import re
import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import click

from newsscrape.discover.settings import DEFAULT_SOURCES, MAX_DEPTH, SOURCE_KINDS, Settings
from newsscrape.discover.window import Window, parse_duration, parse_instant
from newsscrape.errors import NewsscrapeError
from newsscrape.options import Options
from newsscrape.output import OutputError, Reporter

if TYPE_CHECKING:
    from newsscrape.discover.candidates import Candidate

DISCOVER_MAX_BYTES = 64 * 1024 * 1024
"""Default cap on one source (a sitemap may hold 50 MB uncompressed)."""
BORROWED = ("errors_path", "timeout", "user_agent", "concurrency", "per_host", "delay",
            "retries", "ignore_robots", "allow_private", "cache_dir")
"""Options declared once, on ``fetch``, and shared with these commands."""


def _borrow(command: click.Command, names: tuple[str, ...]) -> click.Command:
    from newsscrape.cli import fetch

    by_name = {p.name: p for p in fetch.params}
    command.params.extend(by_name[name] for name in names)
    return command


def duration(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    """Option callback: ``90s``, ``15m``, ``24h``, ``7d``, ``2w`` -> seconds."""
    if value is None:
        return None
    seconds = parse_duration(value)
    if seconds is None:
        raise click.BadParameter(f"{value!r} is not a duration like 90s, 15m, 24h, 7d or 2w")
    return seconds


def pattern(ctx: click.Context, param: click.Parameter,
            value: str | None) -> re.Pattern[str] | None:
    """Option callback: a regular expression, compiled."""
    if value is None:
        return None
    try:
        return re.compile(value)
    except re.error as exc:
        raise click.BadParameter(f"bad regular expression {value!r}: {exc}") from exc


def _sources(value: str) -> frozenset[str]:
    kinds = frozenset(p.strip().lower() for p in value.split(",") if p.strip())
    if "all" in kinds:
        return SOURCE_KINDS
    if not kinds or kinds - SOURCE_KINDS:
        raise click.BadParameter(f"expected a comma list of {', '.join(sorted(SOURCE_KINDS))}"
                                 " (or all)", param_hint="--sources")
    return kinds


def _filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """What to keep: window, undated, include/exclude, sites, sources."""
    decorators = [
        click.option("--since", metavar="WHEN", help="Keep entries from this time on: a "
                     "duration back from now (24h, 7d) or an ISO 8601 instant "
                     "(2026-08-01T00:00Z)."),
        click.option("--until", metavar="WHEN",
                     help="Keep entries before this time (same forms)."),
        click.option("--undated", type=click.Choice(["keep", "drop"]), default="keep",
                     show_default=True, help="What to do with entries without a date "
                     "when --since/--until is given."),
        click.option("--include", metavar="REGEX", callback=pattern,
                     help="Keep only URLs matching REGEX."),
        click.option("--exclude", metavar="REGEX", callback=pattern,
                     help="Drop URLs matching REGEX."),
        click.option("--all-sites", is_flag=True,
                     help="Keep URLs on other sites too (default: the input's site only)."),
        click.option("--sources", "sources_text", metavar="KINDS",
                     default=",".join(sorted(DEFAULT_SOURCES)),
                     show_default=True, help="Comma list of sitemaps, feeds, homepage "
                     "(harvest article links from the home and section pages), or all."),
        click.option("--max-bytes", type=click.IntRange(min=1), default=DISCOVER_MAX_BYTES,
                     show_default=True, help="Cap on each source (decompressed)."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def window_of(since: str | None, until: str | None, now: float | None = None) -> Window:
    """The window ``--since``/``--until`` name, now; a usage error when unreadable."""
    from datetime import UTC, datetime

    clock = datetime.fromtimestamp(now, UTC) if now is not None else datetime.now(UTC)
    ends = []
    for text, flag in ((since, "--since"), (until, "--until")):
        value = parse_instant(text, clock) if text is not None else None
        if text is not None and value is None:
            raise click.BadParameter(f"{text!r} is neither a duration (24h, 7d) nor an "
                                     "ISO 8601 instant", param_hint=flag)
        ends.append(value)
    return Window(ends[0], ends[1])


def settings_of(knobs: dict[str, Any], *, max_urls: int | None = None,
                max_depth: int = MAX_DEPTH) -> Settings:
    """The ``Settings`` the filter options describe."""
    try:
        return Settings(window=window_of(knobs["since"], knobs["until"]),
                        undated=knobs["undated"], max_urls=max_urls,
                        include=knobs["include"], exclude=knobs["exclude"],
                        same_site=not knobs["all_sites"], sources=_sources(knobs["sources_text"]),
                        max_depth=max_depth)
    except NewsscrapeError as exc:
        raise click.UsageError(exc.message) from exc


def options_of(knobs: dict[str, Any], **more: Any) -> Options:
    """The fetching ``Options`` the borrowed options describe."""
    return Options(timeout=knobs["timeout"], max_bytes=knobs["max_bytes"],
                   user_agent=knobs["user_agent"], concurrency=knobs["concurrency"],
                   per_host=knobs["per_host"], delay=knobs["delay"], retries=knobs["retries"],
                   respect_robots=not knobs["ignore_robots"],
                   allow_private=knobs["allow_private"], cache_dir=knobs["cache_dir"], **more)


def _inputs(args: tuple[str, ...], lists: tuple[str, ...]) -> tuple[Iterator[str], bool]:
    from newsscrape.inputs import iter_urls

    use_stdin = not args and not lists
    if use_stdin and sys.stdin is not None and sys.stdin.isatty():
        raise click.UsageError("no site or URL given (as arguments, with -i FILE, or on stdin)")
    return iter_urls(args, lists, use_stdin=use_stdin), use_stdin or "-" in args + lists


def _summary(report: Reporter, elapsed: float, head: str = "done") -> str:
    failed = report.failed_by_kind
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(failed.items()))
    failures = f"{failed.total()} failed ({kinds})" if failed else "0 failed"
    return f"newsscrape: {head}: {report.ok} candidates, {failures}, in {elapsed:.1f} s"


def _run(coro_factory: Callable[[Any], Any], report: Reporter) -> bool:
    """Run a discovery coroutine on the event loop; True when Ctrl-C stopped it."""
    import asyncio
    import queue
    import signal

    from newsscrape.run import loop_factory

    started: queue.SimpleQueue[Any] = queue.SimpleQueue()
    interrupted = False

    async def main() -> None:
        nonlocal interrupted
        loop = asyncio.get_running_loop()
        task = asyncio.ensure_future(coro_factory(started))

        def on_sigint() -> None:
            nonlocal interrupted
            interrupted = True
            if not started.empty():
                started.get().stop()
            loop.remove_signal_handler(signal.SIGINT)

        quiet = contextlib.suppress(NotImplementedError, RuntimeError, ValueError)
        with quiet:  # not the main thread: no handler
            loop.add_signal_handler(signal.SIGINT, on_sigint)
        try:
            await task
        finally:
            with quiet:
                loop.remove_signal_handler(signal.SIGINT)

    with asyncio.Runner(loop_factory=loop_factory()) as runner:
        runner.run(main())
    return interrupted


@click.command()
@click.argument("urls", nargs=-1, metavar="SITE_OR_URL...")
@click.option("-i", "--input", "lists", multiple=True,
              type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="Read sites and URLs from FILE, one per line (- is stdin). Repeatable.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              default="-", show_default="stdout", help="Write candidates (JSONL) here.")
@click.option("--max-urls", type=click.IntRange(min=1),
              help="At most N candidates from each input.")
@click.option("--max-depth", type=click.IntRange(min=0), default=MAX_DEPTH, show_default=True,
              help="Sitemap indexes nested deeper are not followed.")
@_filter_options
def discover(urls: tuple[str, ...], lists: tuple[str, ...], output: str,
             errors_path: str | None, max_urls: int | None, max_depth: int,
             **knobs: Any) -> None:
    """Find article URLs on sites (robots.txt sitemaps, feeds, usual paths) or in the
    feeds and sitemaps given, and print one JSON candidate per line.

    \b
    newsscrape discover https://example.com --since 24h | newsscrape fetch > today.jsonl
    """
    from newsscrape.cli import _ending_on_output_failure, _Targets
    from newsscrape.discover import run_discovery

    settings = settings_of(knobs, max_urls=max_urls, max_depth=max_depth)
    options = options_of(knobs)
    inputs, stdin = _inputs(urls, lists)
    targets = _Targets(output, errors_path)
    targets.check_apart(lists, stdin=stdin)
    start = time.monotonic()
    with targets.open(append=False) as report, _ending_on_output_failure(targets, report):

        lines = _Lines(report)

        def fail(url: str, error: NewsscrapeError) -> None:
            lines.flush()
            report.error(url, error.to_dict())

        try:
            interrupted = _run(lambda started: run_discovery(
                inputs, options, settings, on_candidate=lambda _, c: lines.add(c.to_json()),
                on_failure=fail, started=started), report)
        finally:
            lines.close()
        report.say(_summary(report, time.monotonic() - start,
                            "interrupted" if interrupted else "done"))
    sys.exit(130 if interrupted else report.exit_code())


_borrow(discover, BORROWED)


class _Lines:
    """Candidate lines on their way to the output: written in batches (at 512 lines, or
    a quarter of a second after the first waiting one), whole lines only. One write and
    flush per line cost a tenth of a sitemap entry's time."""

    def __init__(self, report: Reporter, *, batch: int = 512, every: float = 0.25) -> None:
        import threading

        self.report = report
        self.batch = batch
        self.pending: list[str] = []
        self.lock = threading.Lock()
        self.failure: OutputError | None = None
        self.closed = threading.Event()
        self.every = every
        self.ticker = threading.Thread(target=self._tick, name="newsscrape-output",
                                       daemon=True)
        self.ticker.start()

    def add(self, line: str) -> None:
        with self.lock:
            self.pending.append(line)
            if len(self.pending) >= self.batch:
                self._write()

    def flush(self) -> None:
        with self.lock:
            self._write()

    def _tick(self) -> None:
        while not self.closed.wait(self.every):
            self.flush_quietly()

    def flush_quietly(self) -> None:
        """Flush from the ticker: a failure is kept for the next writer to raise."""
        with contextlib.suppress(OutputError):
            self.flush()

    def _write(self) -> None:
        if self.failure is not None:
            raise self.failure
        if not self.pending:
            return
        data = "\n".join(self.pending) + "\n"
        count = len(self.pending)
        self.pending.clear()
        stream = self.report.records.stream
        try:
            stream.write(data)
            stream.flush()
        except OSError as exc:
            self.failure = OutputError(self.report.output_name, exc)
            raise self.failure from exc
        self.report.ok += count

    def close(self) -> None:
        """Stop the ticker and write what is left."""
        self.closed.set()
        self.ticker.join()
        self.flush()


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("--state", "state_path", required=True, type=click.Path(dir_okay=False),
              help="SQLite file keeping what was seen and the schedule (made if missing).")
@click.option("--interval", default="15m", show_default=True, callback=duration,
              help="Base time between polls of a source (adapted per source).")
@click.option("--once", is_flag=True, help="Poll every source once now, then exit (cron).")
@click.option("--max-runtime", callback=duration, help="Stop after this long (e.g. 1h).")
@click.option("--fetch", "fetch_records", is_flag=True,
              help="Fetch each new candidate and print its record instead.")
@click.option("--reset", is_flag=True, help="Forget the state first (seen URLs, schedule).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              default="-", show_default="stdout", help="Write candidates (or records) here.")
@_filter_options
def watch(sources: tuple[str, ...], state_path: str, interval: float, once: bool,
          max_runtime: float | None, fetch_records: bool, reset: bool, output: str,
          errors_path: str | None, **knobs: Any) -> None:
    """Poll SOURCEs (sites, feeds, sitemaps) and print only candidates never seen before
    (with --fetch, their records). Conditional requests; per-source adaptive intervals.

    \b
    newsscrape watch https://example.com/rss.xml --state news.sqlite --once >> new.jsonl
    """
    from newsscrape.cli import _ending_on_output_failure, _Targets
    from newsscrape.discover.state import State
    from newsscrape.discover.watch import Watcher

    settings = settings_of(knobs)
    options = options_of(knobs, tz=knobs.pop("tz", None),
                         provenance=knobs.pop("provenance", False), jobs=knobs.pop("jobs", None))
    try:
        state = State(state_path)
    except NewsscrapeError as exc:
        raise click.BadParameter(exc.message, param_hint="--state") from exc
    if reset:
        state.reset()
    state.add_sources(sources, interval, _utcnow())
    targets = _Targets(output, errors_path)
    targets.check_apart([state_path])
    start = time.monotonic()
    with targets.open(append=True) as report, _ending_on_output_failure(targets, report), \
            _Spool(fetch_records) as spool:
        watcher = Watcher(
            sources=list(dict.fromkeys(sources)), state=state, options=options,
            settings=settings, since=knobs["since"], until=knobs["until"], base=interval,
            emit=spool.add if fetch_records else (lambda c: report.record(c.to_dict())),
            fail=lambda url, error: report.error(url, error.to_dict()), window_of=window_of)
        try:
            watcher.run(once=once, max_runtime=max_runtime,
                        on_round_end=(lambda: spool.fetch(options, report)) if fetch_records
                        else None)
        except KeyboardInterrupt:
            state.close()
            report.say(_summary(report, time.monotonic() - start, "interrupted"))
            sys.exit(130)
        state.close()
        report.say(_summary(report, time.monotonic() - start))
    sys.exit(report.exit_code())


class _Spool:
    """``watch --fetch``: a round's new candidates, on disk, then fetched as one batch."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.file: Any = None

    def __enter__(self) -> _Spool:
        if self.enabled:
            import tempfile

            self.file = tempfile.TemporaryFile("w+b")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.file is not None:
            self.file.close()

    def add(self, candidate: Candidate) -> None:
        from newsscrape.output import to_jsonl

        self.file.write((to_jsonl(candidate.to_dict()) + "\n").encode("utf-8"))

    def fetch(self, options: Options, report: Reporter) -> None:
        """Fetch the round's candidates (their feed/sitemap fields as hints)."""
        from newsscrape.inputs import iter_lines
        from newsscrape.run import fetch_all

        self.file.seek(0)
        fetch_all(iter_lines(self.file), options, report)
        self.file.seek(0)
        self.file.truncate()


def _utcnow() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


_borrow(watch, (*BORROWED, "tz", "provenance", "jobs"))
