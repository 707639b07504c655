"""Command line: parse options, build ``Options``, run the library, map errors to exit codes.

Exit status: 0 when every input produced a record, 1 when any input failed (the
others are still processed), 2 for usage errors (click's own convention), 130 when
Ctrl-C interrupted a ``fetch`` (128 + SIGINT, as shells report it; finished work is
written and ``--resume`` continues the list).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from newsscrape import __version__
from newsscrape.options import DEFAULT_MAX_BYTES, DEFAULT_USER_AGENT, Options
from newsscrape.output import Reporter, summary_line

if TYPE_CHECKING:
    from newsscrape.inputs import UrlSet
    from newsscrape.progress import Progress

F = TypeVar("F", bound=Callable[..., Any])


def _common_options(func: F) -> F:
    """Options shared by ``fetch`` and ``extract``."""
    decorators = [
        click.option("--errors", "errors_file", type=click.File("w", encoding="utf-8"),
                     help="Also write one JSON line per failed input here."),
        click.option("--tz", help="IANA zone (e.g. Asia/Shanghai) assumed for timestamps "
                     "that state no UTC offset; without it they stay naive."),
        click.option("--provenance", is_flag=True,
                     help="Add where each metadata value came from."),
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
        click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0,
                     show_default=True,
                     help="Deadline in seconds for each whole request, body included."),
        click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
                     show_default=True, help="Cap on each (decompressed) body."),
        click.option("--user-agent", default=DEFAULT_USER_AGENT, show_default=False,
                     help="User-Agent header (default names newsscrape and its version)."),
        click.option("--concurrency", type=click.IntRange(min=1), default=64,
                     show_default=True, help="Requests in flight at once, over all hosts."),
        click.option("--per-host", type=click.IntRange(min=1), default=2, show_default=True,
                     help="Requests in flight at once to one origin."),
        click.option("--delay", type=click.FloatRange(min=0), default=0.5, show_default=True,
                     help="Seconds between request starts to one origin (robots.txt "
                     "Crawl-delay wins when larger)."),
        click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
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


@cli.command()
@click.argument("urls", nargs=-1)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              show_default="stdout", help="Write records (JSONL) here.")
@_common_options
@_fetch_options
def fetch(urls: tuple[str, ...], output: str, errors_file: IO[str] | None, tz: str | None,
          provenance: bool, inputs: tuple[str, ...], resume: bool, no_progress: bool,
          **knobs: Any) -> None:
    """Download each URL (arguments, -i lists, or piped stdin) and print its record.

    Exit status: 0 all done, 1 some inputs failed, 2 usage error, 130 interrupted
    (Ctrl-C; what was done is written, and --resume continues).
    """
    use_stdin = not urls and not inputs
    if use_stdin and sys.stdin.isatty():
        raise click.UsageError("no URL given (as arguments, with -i FILE, or on stdin)")
    if resume and output == "-":
        raise click.UsageError("--resume needs -o FILE")
    options = _build_options(tz, provenance, knobs)
    from newsscrape.inputs import iter_urls
    from newsscrape.run import fetch_all

    done = _load_done(output) if resume else None
    with _open_output(output, append=resume) as out:
        report = Reporter(out, errors_file)
        progress = _progress(no_progress)
        report.overlay = progress
        stats = fetch_all(iter_urls(urls, inputs, use_stdin=use_stdin), options, report,
                          done=done, progress=progress)
        report.say(summary_line(report.ok, report.failed_by_kind, stats.elapsed,
                                duplicates=stats.duplicates, resumed=stats.resumed,
                                interrupted=stats.unfinished if stats.interrupted else 0))
    sys.exit(130 if stats.interrupted else report.exit_code())


def _build_options(tz: str | None, provenance: bool, knobs: dict[str, Any]) -> Options:
    return Options(
        tz=_check_tz(tz), provenance=provenance, timeout=knobs["timeout"],
        max_bytes=knobs["max_bytes"], user_agent=knobs["user_agent"],
        concurrency=knobs["concurrency"], per_host=knobs["per_host"], delay=knobs["delay"],
        retries=knobs["retries"], respect_robots=not knobs["ignore_robots"],
        allow_private=knobs["allow_private"], jobs=knobs["jobs"], ordered=knobs["ordered"],
        cache_dir=knobs["cache_dir"], warc=knobs["warc"],
    )


def _load_done(output: str) -> UrlSet:
    from newsscrape.batch.resume import load_done

    return load_done(output)


@contextlib.contextmanager
def _open_output(path: str, *, append: bool) -> Iterator[IO[str]]:
    """stdout for ``-``, else the file (appended to with --resume)."""
    if path == "-":
        yield sys.stdout
        return
    try:
        stream = open(path, "a" if append else "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise click.FileError(path, exc.strerror) from exc
    with stream:
        yield stream


def _progress(disabled: bool) -> Progress | None:
    if disabled or not sys.stderr.isatty():
        return None
    from newsscrape.progress import Progress

    return Progress(sys.stderr)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False,
                allow_dash=True, path_type=str))
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", lazy=False),
              default="-", show_default="stdout", help="Write records (JSONL) here.")
@_common_options
@click.option("--url", help="The page's URL (for the record and for resolving links); "
              "only with a single HTML input.")
def extract(files: tuple[str, ...], output: IO[str], errors_file: IO[str] | None,
            tz: str | None, provenance: bool, url: str | None) -> None:
    """Run the pipeline on saved HTML files (``-`` reads stdin) or WARC files; no network.

    A WARC file (.warc, .warc.gz) gives one record per HTML response in it, with its
    target URI as ``url``.
    """
    if url is not None and len(files) != 1:
        raise click.UsageError("--url applies to a single input only")
    options = Options(tz=_check_tz(tz), provenance=provenance)
    from newsscrape.run import extract_files

    report = Reporter(output, errors_file)
    extract_files(files, options, report, url=url)
    sys.exit(report.exit_code())


def _check_tz(tz: str | None) -> str | None:
    if tz is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise click.BadParameter(f"unknown time zone {tz!r}", param_hint="--tz") from exc
    return tz


def main(argv: Iterable[str] | None = None) -> None:
    """Console-script entry point; a closed stdout (``| head``) ends quietly."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="newsscrape")
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    main()
