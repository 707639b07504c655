"""The ``newsscrape`` command: click options in, option objects built, the library run.

Commands parse their options, build ``ExtractOptions`` / ``FetchOptions`` /
``BatchOptions`` (a bad value is a usage error), and hand the work to ``batch``; the
files they write are opened by ``cli.files``. This is the only place that turns
outcomes and errors into an exit status: 0 when every input produced a record, 1 when
any input failed (the others are still processed) or output could not be written, 2
for usage errors (click's own convention), 130 when Ctrl-C interrupted a run (128 +
SIGINT, as shells report it; finished work is written and ``fetch --resume``
continues the list). A closed stdout ends the run quietly with 0 (see ``cli.files``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click

from newsscrape.cli.files import (
    Targets,
    done_urls,
    ending_on_output_failure,
    reserve_std_descriptors,
)
from newsscrape.errors import ArgumentError
from newsscrape.options import (
    MAX_DELAY,
    MAX_TIMEOUT,
    BatchOptions,
    ExtractOptions,
    FetchOptions,
    seconds_problem,
)
from newsscrape.output import summary_line
from newsscrape.version import __version__

F = TypeVar("F", bound=Callable[..., Any])
_FETCH = FetchOptions()
_BATCH = BatchOptions()
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


def _output_option(func: F) -> F:
    return click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
                        default="-", show_default="stdout",
                        help="Write records (JSONL) here.")(func)


def _common_options(func: F) -> F:
    """Options shared by ``fetch`` and ``extract``."""
    decorators = [
        click.option("--errors", "errors_path", type=click.Path(dir_okay=False, allow_dash=True),
                     help="Also write one JSON line per failed input here."),
        click.option("--tz", help="IANA zone (e.g. Asia/Shanghai) assumed for timestamps "
                     "that state no UTC offset; without it they stay naive."),
        click.option("--provenance", is_flag=True,
                     help="Add where each metadata value came from."),
        click.option("--max-bytes", type=click.IntRange(min=1), default=_FETCH.max_bytes,
                     show_default=True,
                     help="Cap on each page: a (decompressed) body, a saved file, stdin."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _fetch_options(func: F) -> F:
    """The knobs of ``fetch``: limits, politeness, safety, workers, storage."""
    decorators = [
        click.option("-i", "--input", "inputs", multiple=True,
                     type=click.Path(exists=True, dir_okay=False, allow_dash=True),
                     help="Read URLs from FILE, one per line (- is stdin; blank and # "
                     "lines skipped). Repeatable."),
        click.option("--timeout", type=Seconds(high=MAX_TIMEOUT, low_open=True),
                     default=_FETCH.timeout,
                     show_default=True, help="Deadline in seconds for each whole request, "
                     f"body included (at most {MAX_TIMEOUT:g})."),
        click.option("--user-agent", default=_FETCH.user_agent, show_default=False,
                     help="User-Agent header (default names newsscrape and its version)."),
        click.option("--concurrency", type=click.IntRange(min=1), default=_BATCH.concurrency,
                     show_default=True, help="Requests in flight at once, over all hosts."),
        click.option("--per-host", type=click.IntRange(min=1), default=_BATCH.per_host,
                     show_default=True,
                     help="Requests in flight at once to one origin."),
        click.option("--delay", type=Seconds(high=MAX_DELAY), default=_BATCH.delay,
                     show_default=True,
                     help="Seconds between request starts to one origin (robots.txt "
                     f"Crawl-delay wins when larger; at most {MAX_DELAY:g})."),
        click.option("--retries", type=click.IntRange(min=0), default=_BATCH.retries,
                     show_default=True,
                     help="Retries on connection errors, timeouts, 408, 429 and 5xx."),
        click.option("--ignore-robots", is_flag=True, help="Do not fetch or obey robots.txt."),
        click.option("--allow-private", is_flag=True,
                     help="Allow redirects into private/loopback space and link-local "
                     "addresses (SSRF protection off)."),
        click.option("--jobs", type=click.IntRange(min=0), default=None,
                     help="Extraction processes (default: one per core; 0: a thread)."),
        click.option("--ordered", is_flag=True, help="Write outcomes in input order."),
        click.option("--no-progress", is_flag=True,
                     help="No progress line (it is shown only when stderr is a terminal)."),
        click.option("--resume", is_flag=True,
                     help="Skip URLs already recorded in -o FILE and append to it."),
        click.option("--cache", "cache_dir", type=click.Path(file_okay=False),
                     help="HTTP cache directory (RFC 9111): fresh pages are not re-fetched."),
        click.option("--warc", type=click.Path(dir_okay=False),
                     help="Append every page fetched to this WARC file (.warc.gz)."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsscrape")
def cli() -> None:
    """Fetch news pages and print one clean, normalized JSON record per page (JSONL)."""


@cli.command(short_help="Download URLs and print one record per page.")
@click.argument("urls", nargs=-1)
@_output_option
@_common_options
@_fetch_options
def fetch(urls: tuple[str, ...], output: str, errors_path: str | None, tz: str | None,
          provenance: bool, max_bytes: int, inputs: tuple[str, ...], resume: bool,
          no_progress: bool, **knobs: Any) -> None:
    """Download each URL (arguments, -i lists, or piped stdin; - is stdin) and print its
    record.

    Exit status: 0 all done, 1 some inputs failed, 2 usage error, 130 interrupted
    (Ctrl-C; what was done is written, and --resume continues). A closed stdout
    (| head) ends the run quietly with 0.
    """
    use_stdin = not urls and not inputs
    if use_stdin and sys.stdin is not None and sys.stdin.isatty():
        raise click.UsageError("no URL given (as arguments, with -i FILE, or on stdin)")
    if resume and output == "-":
        raise click.UsageError("--resume needs -o FILE")
    extract_options = _options(ExtractOptions, tz=tz, provenance=provenance)
    fetch_options = _options(
        FetchOptions, timeout=knobs["timeout"], max_bytes=max_bytes,
        user_agent=knobs["user_agent"], allow_private=knobs["allow_private"],
        respect_robots=not knobs["ignore_robots"], cache_dir=knobs["cache_dir"])
    batch_options = _options(
        BatchOptions, concurrency=knobs["concurrency"], per_host=knobs["per_host"],
        delay=knobs["delay"], retries=knobs["retries"], jobs=knobs["jobs"],
        ordered=knobs["ordered"], warc=knobs["warc"])
    from newsscrape.batch.run import fetch_all
    from newsscrape.cli.inputs import iter_urls
    from newsscrape.cli.progress import progress_line

    targets = Targets(output, errors_path, knobs["warc"])
    targets.check_apart(inputs, stdin=use_stdin or "-" in urls or "-" in inputs)
    if resume:
        done_urls(output, check_only=True)  # refuse before any file is changed
    with targets.open(append=resume) as report, ending_on_output_failure(targets, report):
        done = done_urls(output) if resume else None
        progress = progress_line(disabled=no_progress)
        report.overlay = progress
        stats = fetch_all(iter_urls(urls, inputs, use_stdin=use_stdin), report,
                          extract=extract_options, fetch=fetch_options, batch=batch_options,
                          done=done, progress=progress)
        report.say(summary_line(report.ok, report.failed_by_kind, stats.elapsed,
                                duplicates=stats.duplicates, resumed=stats.resumed,
                                interrupted=stats.unfinished if stats.interrupted else 0))
    sys.exit(130 if stats.interrupted else report.exit_code())


@cli.command(short_help="Extract records from saved HTML or WARC files (no network).")
@click.argument("files", nargs=-1, required=True)
@_output_option
@_common_options
@click.option("--url", help="The page's URL (for the record and for resolving links); "
              "only with a single HTML input (a WARC file names its own).")
@click.option("--now", metavar="TIMESTAMP", help="When the pages were saved (ISO 8601): "
              "relative dates such as '3 hours ago' count from it (default: null for HTML "
              "files; a WARC record's own date).")
def extract(files: tuple[str, ...], output: str, errors_path: str | None, tz: str | None,
            provenance: bool, max_bytes: int, url: str | None, now: str | None) -> None:
    """Run the pipeline on saved HTML files (- reads stdin) or WARC files; no network.

    A WARC file (.warc, .warc.gz) gives one record per HTML response in it, with its
    target URI as the record's url; a WARC file with none, or cut short, gives an error.
    """
    from newsscrape.batch.offline import extract_files
    from newsscrape.document.warc import is_warc

    if url is not None and len(files) != 1:
        raise click.UsageError("--url applies to a single input only")
    if url is not None and is_warc(files[0]):
        raise click.UsageError("--url does not apply to a WARC file (each record has its "
                               "own URL)")
    options = _options(ExtractOptions, tz=tz, provenance=provenance, now=now)
    if files.count("-") > 1:
        raise click.UsageError("stdin (-) can be read only once")
    targets = Targets(output, errors_path)
    targets.check_apart(files, stdin="-" in files)
    with targets.open(append=False) as report, ending_on_output_failure(targets, report):
        try:
            extract_files(files, report, options=options, max_bytes=max_bytes, url=url)
        except KeyboardInterrupt:  # like fetch: what is done is written; say so, exit 130
            report.say(f"newsscrape: interrupted: {report.ok} ok, {report.failed} failed")
            sys.exit(130)
    sys.exit(report.exit_code())


Opts = TypeVar("Opts", ExtractOptions, FetchOptions, BatchOptions)


def _options(cls: type[Opts], **values: Any) -> Opts:
    """An options object; a value it refuses is a usage error naming its option."""
    try:
        return cls(**values)
    except ArgumentError as exc:
        raise click.BadParameter(exc.problem,
                                 param_hint=f"--{exc.argument.replace('_', '-')}") from exc


def main(argv: Iterable[str] | None = None) -> None:
    """Console-script entry point."""
    reserve_std_descriptors()
    cli.main(args=list(argv) if argv is not None else None, prog_name="newsscrape")


if __name__ == "__main__":  # pragma: no cover
    main()
