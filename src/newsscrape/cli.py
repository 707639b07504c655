"""Command line: parse options, build ``Options``, run the library, map errors to exit codes.

Exit status: 0 when every input produced a record, 1 when any input failed (the
others are still processed), 2 for usage errors (click's own convention).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import IO, Any, TypeVar

import click

from newsscrape import __version__
from newsscrape.options import DEFAULT_MAX_BYTES, DEFAULT_USER_AGENT, Options
from newsscrape.output import JsonlWriter, error_line, error_object

F = TypeVar("F", bound=Callable[..., Any])


def _common_options(func: F) -> F:
    """Options shared by ``fetch`` and ``extract``."""
    decorators = [
        click.option("-o", "--output", type=click.File("w", encoding="utf-8", lazy=False),
                     default="-", show_default="stdout", help="Write records (JSONL) here."),
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsscrape")
def cli() -> None:
    """Fetch news pages and print one clean, normalized JSON record per page (JSONL)."""


@cli.command()
@click.argument("urls", nargs=-1, required=True)
@_common_options
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0,
              show_default=True, help="Deadline in seconds for each whole request, body included.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
              show_default=True, help="Cap on each (decompressed) body.")
@click.option("--user-agent", default=DEFAULT_USER_AGENT, show_default=False,
              help="User-Agent header (default names newsscrape and its version).")
@click.option("--concurrency", type=click.IntRange(min=1), default=8, show_default=True,
              help="Requests in flight at once.")
def fetch(urls: tuple[str, ...], output: IO[str], errors_file: IO[str] | None, tz: str | None,
          provenance: bool, timeout: float, max_bytes: int, user_agent: str,
          concurrency: int) -> None:
    """Download each URL and print its record."""
    options = Options(timeout=timeout, max_bytes=max_bytes, user_agent=user_agent,
                      tz=_check_tz(tz), provenance=provenance)
    from newsscrape.run import fetch_all

    report = Reporter(output, errors_file)
    fetch_all(urls, options, report, concurrency=concurrency)
    sys.exit(report.exit_code())


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False,
                allow_dash=True, path_type=str))
@_common_options
@click.option("--url", help="The page's URL (for the record and for resolving links); "
              "only with a single input.")
def extract(files: tuple[str, ...], output: IO[str], errors_file: IO[str] | None,
            tz: str | None, provenance: bool, url: str | None) -> None:
    """Run the pipeline on saved HTML files (``-`` reads stdin); no network."""
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


class Reporter:
    """Where results go: records to the output, failures to stderr and ``--errors``."""

    def __init__(self, output: IO[str], errors_file: IO[str] | None) -> None:
        self.records = JsonlWriter(output)
        self.errors = JsonlWriter(errors_file) if errors_file else None
        self.ok = 0
        self.failed = 0

    def record(self, obj: dict[str, Any]) -> None:
        """One successful input."""
        self.records.write(obj)
        self.ok += 1

    def error(self, url: str, error: dict[str, Any]) -> None:
        """One failed input: a stderr line and, with ``--errors``, a JSON line."""
        click.echo(error_line(url, str(error.get("message"))), err=True)
        if self.errors is not None:
            self.errors.write(error_object(url, error))
        self.failed += 1

    def exit_code(self) -> int:
        """0 when everything succeeded, else 1."""
        return 1 if self.failed else 0


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
