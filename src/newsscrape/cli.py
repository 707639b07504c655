"""Command line: parse options, build ``Options``, run the library, map errors to exit codes.

Exit status: 0 when every input produced a record, 1 when any input failed (the
others are still processed), 2 for usage errors (click's own convention), 130 when
Ctrl-C interrupted a ``fetch`` (128 + SIGINT, as shells report it; finished work is
written and ``--resume`` continues the list). When the reader of stdout goes away
(``| head -1``) the run stops at once and ends quietly with 0: the reader chose to stop,
nothing failed, and ``set -o pipefail`` scripts should not see an error there (the
conventional alternative, 141 = 128 + SIGPIPE as ``cat`` reports, was rejected for that).

Files named by ``-o``, ``--errors`` and ``--warc`` are opened (and truncated, except
with ``--resume`` or for the WARC file, which is appended to) before any input is read,
so a path that cannot be opened, or that is also an input, is a usage error and a
clean run never leaves an older run's errors behind.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from newsscrape import __version__
from newsscrape.options import (
    DEFAULT_MAX_BYTES,
    DEFAULT_USER_AGENT,
    MAX_DELAY,
    MAX_TIMEOUT,
    Options,
    seconds_problem,
)
from newsscrape.output import OutputError, Reporter, discard_unwritten, summary_line

if TYPE_CHECKING:
    from newsscrape.batch.shard import Shard
    from newsscrape.inputs import UrlSet
    from newsscrape.progress import Progress

F = TypeVar("F", bound=Callable[..., Any])

EXIT_BROKEN_PIPE = 0
"""stdout's reader stopped early (``| head``): not a failure (see the module docstring)."""


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
        click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
                     show_default=True,
                     help="Cap on each page: a (decompressed) body, a saved file, stdin."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _shard_option(func: F) -> F:
    """``--shard K/N`` (``newsscrape.batch.shard``), parsed into a ``Shard``."""

    def parse(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
        from newsscrape.batch.shard import Shard
        from newsscrape.errors import ArgumentError

        try:
            return None if value is None else Shard.parse(value)
        except ArgumentError as exc:
            raise click.BadParameter(exc.problem) from exc

    return click.option("--shard", metavar="K/N", callback=parse,
                        help="Do only part K of N (0 <= K < N): fetch takes the URLs whose "
                        "site hashes to K, extract every Nth sorted file from K.")(func)


def _fetch_options(func: F) -> F:
    """The knobs of ``fetch``: limits, politeness, safety, workers, storage."""
    decorators = [
        click.option("-i", "--input", "inputs", multiple=True,
                     type=click.Path(exists=True, dir_okay=False, allow_dash=True),
                     help="Read URLs from FILE, one per line (- is stdin; blank and # "
                     "lines skipped). Repeatable."),
        click.option("--timeout", type=Seconds(high=MAX_TIMEOUT, low_open=True), default=30.0,
                     show_default=True, help="Deadline in seconds for each whole request, "
                     f"body included (at most {MAX_TIMEOUT:g})."),
        click.option("--user-agent", default=DEFAULT_USER_AGENT, show_default=False,
                     help="User-Agent header (default names newsscrape and its version)."),
        click.option("--concurrency", type=click.IntRange(min=1), default=64,
                     show_default=True, help="Requests in flight at once, over all hosts."),
        click.option("--per-host", type=click.IntRange(min=1), default=2, show_default=True,
                     help="Requests in flight at once to one origin."),
        click.option("--delay", type=Seconds(high=MAX_DELAY), default=0.5, show_default=True,
                     help="Seconds between request starts to one origin (robots.txt "
                     f"Crawl-delay wins when larger; at most {MAX_DELAY:g})."),
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
@_output_option
@_common_options
@_fetch_options
@_shard_option
def fetch(urls: tuple[str, ...], output: str, errors_path: str | None, tz: str | None,
          provenance: bool, max_bytes: int, inputs: tuple[str, ...], resume: bool,
          no_progress: bool, shard: Shard | None, **knobs: Any) -> None:
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
    options = _build_options(tz, provenance, max_bytes, knobs)
    from newsscrape.inputs import iter_urls
    from newsscrape.run import fetch_all

    targets = _Targets(output, errors_path, knobs["warc"])
    targets.check_apart(inputs, stdin=use_stdin or "-" in urls or "-" in inputs)
    if resume:
        _load_done(output, check_only=True)  # refuse before any file is changed
    with targets.open(append=resume) as report, _ending_on_output_failure(targets, report):
        done = _load_done(output) if resume else None
        progress = _progress(no_progress)
        report.overlay = progress
        wanted = iter_urls(urls, inputs, use_stdin=use_stdin)
        stats = fetch_all(shard.urls(wanted) if shard else wanted, options, report,
                          done=done, progress=progress)
        report.say(summary_line(report.ok, report.failed_by_kind, stats.elapsed,
                                duplicates=stats.duplicates, resumed=stats.resumed,
                                interrupted=stats.unfinished if stats.interrupted else 0))
    sys.exit(130 if stats.interrupted else report.exit_code())


def _build_options(tz: str | None, provenance: bool, max_bytes: int,
                   knobs: dict[str, Any]) -> Options:
    return Options(
        tz=_check_tz(tz), provenance=provenance, timeout=knobs["timeout"],
        max_bytes=max_bytes, user_agent=knobs["user_agent"],
        concurrency=knobs["concurrency"], per_host=knobs["per_host"], delay=knobs["delay"],
        retries=knobs["retries"], respect_robots=not knobs["ignore_robots"],
        allow_private=knobs["allow_private"], jobs=knobs["jobs"], ordered=knobs["ordered"],
        cache_dir=knobs["cache_dir"], warc=knobs["warc"],
    )


def _load_done(output: str, *, check_only: bool = False) -> UrlSet | None:
    """The URLs ``output`` already holds records for (with ``check_only``: only refuse a
    file that is not ours, changing nothing)."""
    from newsscrape.batch.resume import ResumeError, check_resumable, load_done

    try:
        if check_only:
            check_resumable(output)
            return None
        return load_done(output)
    except ResumeError as exc:
        raise click.BadParameter(str(exc), param_hint="'-o' / '--output'") from exc
    except OSError as exc:
        raise click.BadParameter(f"cannot read {output!r} to resume: "
                                 f"{exc.strerror or exc}", param_hint="'-o'") from exc


class _Targets:
    """The files a run writes: ``-o`` (``-`` = stdout), ``--errors``, ``--warc``."""

    def __init__(self, output: str, errors: str | None, warc: str | None = None) -> None:
        self.output = output
        self.errors = errors
        self.warc = warc
        self._named = [(p, name) for p, name in ((output, "-o"), (errors, "--errors"),
                                                 (warc, "--warc")) if p and p != "-"]

    def check_apart(self, inputs: Iterable[str], *, stdin: bool = False) -> None:
        """Usage error when a file written is also read (stdin included, when it is read),
        or written twice (it would be emptied before it is read, or two writers would
        interleave). A path that is this process's own stdout or stderr is written
        through that stream (see ``open``), so naming it twice is fine."""
        read = {key: p for p in inputs if p != "-" and (key := _file_key(p)) is not None}
        stdin_key = _fd_key(0) if stdin else None
        if stdin_key is not None:
            read[stdin_key] = "stdin"
        written: dict[tuple[int, int] | str, str] = {}
        for path, label in self._named:
            key = _file_key(path)
            if key is None:
                continue
            if key in read:
                raise click.UsageError(f"{label} {path} is also an input ({read[key]})")
            if key in (_fd_key(1), _fd_key(2)):
                continue  # written through the open stream, not a second writer
            if key in written:
                raise click.UsageError(f"{label} {path} is the same file as {written[key]}")
            written[key] = f"{label} {path}"

    @contextlib.contextmanager
    def open(self, *, append: bool) -> Iterator[Reporter]:
        """Open (and truncate) every target before any work; an unopenable one is a usage
        error. Yields the Reporter writing to them."""
        with contextlib.ExitStack() as stack:
            # all in append mode first: nothing is emptied unless every one opens
            out = self._open(stack, self.output, "-o")
            errors = self._open(stack, self.errors, "--errors")
            if self.warc:
                self._open(stack, self.warc, "--warc", binary=True)
            for stream, keep in ((out, append), (errors, False)):
                if stream is not None and not keep and stream not in (sys.stdout, sys.stderr):
                    _truncate(stream)
            out_name = "output" if self.output == "-" else f"output {self.output}"
            yield Reporter(out or sys.stdout, errors, output_name=out_name,
                           errors_name=f"--errors file {self.errors}")

    def _open(self, stack: contextlib.ExitStack[Any], path: str | None, label: str, *,
              binary: bool = False) -> IO[Any] | None:
        if path is None:
            return None
        if path == "-":
            return _stdout()
        key = _file_key(path)
        if key is not None and not binary:
            # our own stdout or stderr by another name (/dev/stdout, /dev/fd/2, the file
            # the shell redirected to): write through that stream, at its position and in
            # its mode (an append stays an append), and never empty it
            if key == _fd_key(1):
                return _stdout()
            if key == _fd_key(2) and sys.stderr is not None:
                return sys.stderr
        try:
            stream = open(path, "ab") if binary else open(  # noqa: SIM115
                path, "a", encoding="utf-8")
        except OSError as exc:
            raise click.BadParameter(f"cannot open {path!r}: {exc.strerror or exc}",
                                     param_hint=f"'{label}'") from exc
        stack.callback(_close_quietly, stream)
        return stream


def _file_key(path: str) -> tuple[int, int] | str | None:
    """What identifies a file: (device, inode) of an existing regular file, the resolved
    path of one not made yet, None for a device such as /dev/null (which many options
    may name at once)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def _fd_key(fd: int) -> tuple[int, int] | None:
    """(device, inode) of the regular file open on descriptor ``fd``, if it is one."""
    try:
        info = os.fstat(fd)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def _truncate(stream: IO[Any]) -> None:
    with contextlib.suppress(OSError):  # a pipe or a device: nothing to empty
        stream.truncate(0)


def _close_quietly(stream: IO[Any]) -> None:
    """Close a target. Every line was flushed as it was written, so a close that fails
    (a full disk, already reported as ``OutputError``) loses nothing unreported."""
    with contextlib.suppress(OSError):
        stream.close()


def _stdout() -> IO[str]:
    if sys.stdout is None:  # Python started with descriptor 1 closed
        raise click.UsageError("stdout is closed: name an output file with -o")
    if (isinstance(sys.stdout, io.TextIOWrapper)
            and sys.stdout.encoding.lower().replace("-", "") != "utf8"):
        sys.stdout.reconfigure(encoding="utf-8")  # records are UTF-8 whatever the locale
    return sys.stdout


@contextlib.contextmanager
def _ending_on_output_failure(targets: _Targets, report: Reporter) -> Iterator[None]:
    """An ``OutputError`` ends the run: quietly (exit 0) when stdout's reader left,
    else with one stderr line and exit 1. Nothing more is written to the failed stream."""
    try:
        yield
    except OutputError as exc:
        if "-" in (targets.output, targets.errors) and sys.stdout is not None:
            discard_unwritten(sys.stdout)
        if exc.broken_pipe:
            sys.exit(EXIT_BROKEN_PIPE)
        report.say(f"newsscrape: {exc}")
        sys.exit(1)


def _progress(disabled: bool) -> Progress | None:
    if disabled or sys.stderr is None or not sys.stderr.isatty():
        return None
    from newsscrape.progress import Progress

    return Progress(sys.stderr)


@cli.command()
@click.argument("files", nargs=-1, required=True)
@_output_option
@_common_options
@click.option("--url", help="The page's URL (for the record and for resolving links); "
              "only with a single HTML input (a WARC file names its own).")
@_shard_option
def extract(files: tuple[str, ...], output: str, errors_path: str | None, tz: str | None,
            provenance: bool, max_bytes: int, url: str | None, shard: Shard | None) -> None:
    """Run the pipeline on saved HTML files (``-`` reads stdin) or WARC files; no network.

    A WARC file (.warc, .warc.gz) gives one record per HTML response in it, with its
    target URI as ``url``; a WARC file with none, or cut short, gives an error.
    """
    from newsscrape.warc import is_warc

    if url is not None and len(files) != 1:
        raise click.UsageError("--url applies to a single input only")
    if url is not None and is_warc(files[0]):
        raise click.UsageError("--url does not apply to a WARC file (each record has its "
                               "own URL)")
    options = Options(tz=_check_tz(tz), provenance=provenance, max_bytes=max_bytes)
    from newsscrape.run import extract_files

    if files.count("-") > 1:
        raise click.UsageError("stdin (-) can be read only once")
    if shard is not None:
        if "-" in files:
            raise click.UsageError("--shard cannot split stdin (-): name the files")
        files = tuple(shard.files(files))
    targets = _Targets(output, errors_path)
    targets.check_apart(files, stdin="-" in files)
    with targets.open(append=False) as report, _ending_on_output_failure(targets, report):
        try:
            extract_files(files, options, report, url=url)
        except KeyboardInterrupt:  # like fetch: what is done is written; say so, exit 130
            report.say(f"newsscrape: interrupted: {report.ok} ok, {report.failed} failed")
            sys.exit(130)
    sys.exit(report.exit_code())


def _register_spark_commands() -> None:
    """spark-warc and spark-fetch (their module imports pyspark only when they run)."""
    from newsscrape.spark.commands import spark_fetch, spark_warc

    cli.add_command(spark_warc)
    cli.add_command(spark_fetch)


_register_spark_commands()


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
    """Console-script entry point."""
    _reserve_std_descriptors()
    cli.main(args=list(argv) if argv is not None else None, prog_name="newsscrape")


def _reserve_std_descriptors() -> None:
    """Put /dev/null on a closed descriptor 0, 1 or 2 (``2>&-``), so no file this run
    opens takes its number: whatever writes to "stderr" (a library, a worker process)
    would otherwise write into the records file."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                null = os.open(os.devnull, os.O_RDWR)
            except OSError:
                return
            if null != fd:
                os.dup2(null, fd)
                os.close(null)


if __name__ == "__main__":  # pragma: no cover
    main()
