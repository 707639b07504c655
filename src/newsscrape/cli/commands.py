"""The ``newsscrape`` command: click options in, option objects built, the library run.

Commands parse their options, build ``ExtractOptions`` / ``FetchOptions`` /
``BatchOptions`` (a bad value is a usage error), and hand the work to ``batch``; the
files they write are opened by ``cli.files``. This is the only place that turns
outcomes and errors into an exit status: 0 when every input produced a record, 1 when
any input failed (the others are still processed) or output could not be written, 2
for usage errors (click's own convention), 130 when interrupted (Ctrl-C, SIGINT to the
process group as ``timeout -s INT`` sends it: 128 + SIGINT, as shells report it;
finished work is written and ``fetch --resume`` continues the list). A closed stdout
ends the run quietly with 0 (see ``cli.files``).
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import click

from newsscrape.cli.discover import discover, watch
from newsscrape.cli.files import (
    EXIT_INTERRUPTED,
    Targets,
    done_urls,
    ending_on_output_failure,
    reserve_std_descriptors,
)
from newsscrape.cli.options import (
    F,
    apply,
    batch_options_of,
    check_proxies,
    errors_option,
    extract_flags,
    extract_options_of,
    fetch_options_of,
    input_option,
    max_bytes_option,
    network_flags,
    option_object,
    output_option,
    shard_option,
    worker_flags,
    worker_options_of,
)
from newsscrape.cli.spark import spark_fetch, spark_warc
from newsscrape.options import BatchOptions
from newsscrape.output import summary_line
from newsscrape.version import __version__

if TYPE_CHECKING:
    from newsscrape.batch.shard import Shard


def _common_options(func: F) -> F:
    """Options shared by ``fetch`` and ``extract``."""
    return apply(func, [errors_option, extract_flags, worker_flags])


def _fetch_options(func: F) -> F:
    """The knobs of ``fetch``: inputs, limits, politeness, safety, storage."""
    return apply(func, [
        input_option("URLs (or newsscrape discover's JSON lines: their url, with their "
                     "feed's or sitemap's fields)"),
        max_bytes_option("each page's body, counted after decompression"),
        network_flags,
        click.option("--ordered", is_flag=True, help="Write outcomes in input order."),
        click.option("--no-progress", is_flag=True,
                     help="No progress line (it is shown only when stderr is a terminal)."),
        click.option("--resume", is_flag=True,
                     help="Skip URLs already recorded in -o FILE and append to it."),
        click.option("--warc", type=click.Path(dir_okay=False),
                     help="Append every response (redirects, errors, any type) with its "
                     "request to this WARC file (.warc.gz: gzip per record; .warc: plain)."),
        shard_option("only the URLs whose site hashes to K"),
    ])


def _extract_options(func: F) -> F:
    """The knobs of ``extract``."""
    return apply(func, [
        input_option("file names"),
        max_bytes_option("each input: a saved file, stdin, a WARC record"),
        click.option("--url", help="The page's URL (for the record and for resolving "
                     "links); only with a single HTML input (a WARC file names its own)."),
        click.option("--now", metavar="TIMESTAMP", help="When the pages were saved (ISO "
                     "8601): relative dates such as '3 hours ago' count from it, for every "
                     "input, WARC records included (default: null for HTML files; a WARC "
                     "record's own date)."),
        shard_option("every Nth of the sorted file names, from the Kth"),
    ])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsscrape")
def cli() -> None:
    """Fetch news pages and print one clean, normalized JSON record per page (JSONL)."""


@cli.command(short_help="Download URLs and print one record per page.")
@click.argument("urls", nargs=-1)
@output_option("records")
@_common_options
@_fetch_options
def fetch(urls: tuple[str, ...], output: str, errors_path: str | None, inputs: tuple[str, ...],
          resume: bool, no_progress: bool, shard: Shard | None, **knobs: Any) -> None:
    """Download each URL (arguments, -i lists, or piped stdin; - is stdin) and print its
    record.

    Exit status: 0 all done, 1 some inputs failed, 2 usage error, 130 interrupted
    (Ctrl-C; what was done is written, and --resume continues). A closed stdout
    (| head) ends the run quietly with 0.
    """
    from newsscrape.cli.inputs import iter_urls, stdin_has_input

    use_stdin = not urls and not inputs
    reads_stdin = use_stdin or "-" in urls or "-" in inputs
    if use_stdin and sys.stdin is not None and sys.stdin.isatty():
        raise click.UsageError("no URL given (as arguments, with -i FILE, or on stdin)")
    if resume and output == "-":
        raise click.UsageError("--resume needs -o FILE")
    if [*urls, *inputs].count("-") > 1:
        raise click.UsageError("stdin (-) can be read only once")
    extract_options = extract_options_of(knobs)
    fetch_options = fetch_options_of(knobs, max_bytes=knobs["max_bytes"])
    batch_options = batch_options_of(knobs, **worker_options_of(knobs),
                                     ordered=knobs["ordered"], warc=knobs["warc"])
    targets = Targets(output, errors_path, knobs["warc"], cache=knobs["cache_dir"])
    targets.check_apart(inputs, stdin=reads_stdin)
    targets.check_cache()
    if resume:
        done_urls(output, check_only=True)  # refuse before any file is changed
    check_proxies()
    if reads_stdin and not stdin_has_input():
        raise click.UsageError("no URL given: stdin is empty")
    from newsscrape.batch.run import fetch_all
    from newsscrape.cli.progress import progress_line

    with targets.open(append=resume) as report, ending_on_output_failure(targets, report):
        done = done_urls(output) if resume else None
        progress = progress_line(disabled=no_progress)
        report.overlay = progress
        wanted = iter_urls(urls, inputs, use_stdin=use_stdin)
        stats = fetch_all(shard.urls(wanted) if shard else wanted, report,
                          extract=extract_options, fetch=fetch_options, batch=batch_options,
                          done=done, progress=progress, notice=report.say)
        report.say(summary_line(report.ok, report.failed_by_kind, stats.elapsed,
                                duplicates=stats.duplicates, resumed=stats.resumed,
                                interrupted=stats.unfinished if stats.interrupted else 0))
    sys.exit(EXIT_INTERRUPTED if stats.interrupted else report.exit_code())


@cli.command(short_help="Extract records from saved HTML or WARC files (no network).")
@click.argument("files", nargs=-1)
@output_option("records")
@_common_options
@_extract_options
def extract(files: tuple[str, ...], output: str, errors_path: str | None,
            inputs: tuple[str, ...], url: str | None, now: str | None,
            shard: Shard | None, **knobs: Any) -> None:
    """Run the pipeline on saved HTML files or WARC files (- reads stdin, either kind);
    no network. Records come out in input order.

    A WARC file (plain or gzipped, recognised by its content) gives one record per
    input URL whose redirects end in an HTML response, under that URL; a WARC file with
    none, or cut short, gives an error.

    Exit status: 0 all done, 1 some inputs failed, 2 usage error, 130 interrupted.
    """
    from newsscrape.batch.offline import extract_files
    from newsscrape.cli.inputs import iter_inputs
    from newsscrape.document.warc import is_warc

    if not files and not inputs:
        raise click.UsageError("no input given (files as arguments, or -i FILE)")
    if url is not None and (len(files) != 1 or inputs):
        raise click.UsageError("--url applies to a single input only")
    if url is not None and is_warc(files[0]):
        raise click.UsageError("--url does not apply to a WARC file (each record has its "
                               "own URL)")
    if [*files, *inputs].count("-") > 1:
        raise click.UsageError("stdin (-) can be read only once")
    if shard is not None and "-" in files:
        raise click.UsageError("--shard cannot split stdin (-): name the files")
    options = extract_options_of(knobs, now=now)
    batch = option_object(BatchOptions, **worker_options_of(knobs))
    targets = Targets(output, errors_path)
    targets.check_apart([*files, *inputs], stdin="-" in files or "-" in inputs)
    names = iter_inputs(files, inputs, dash_is_list=False)
    if shard is not None:
        names = iter(_shard_files(shard, names))
    with targets.open(append=False) as report, ending_on_output_failure(targets, report):
        stats = extract_files(names, report,
                              options=options, batch=batch, max_bytes=knobs["max_bytes"],
                              url=url)
        report.say(summary_line(report.ok, report.failed_by_kind, stats.elapsed,
                                interrupted=stats.unfinished if stats.interrupted else 0))
    sys.exit(EXIT_INTERRUPTED if stats.interrupted else report.exit_code())


def _shard_files(shard: Shard, names: Iterable[str]) -> list[str]:
    """The shard's file names (all names are read first, to sort them); a list that
    cannot be read is a usage error, before any file is touched."""
    from newsscrape.errors import InputError

    try:
        return shard.files(names)
    except InputError as exc:
        raise click.UsageError(exc.message) from exc


@cli.command(short_help="Print the JSON Schema of records or of error lines.")
@click.argument("shape", type=click.Choice(["record", "error"]), default="record")
def schema(shape: str) -> None:
    """Print the JSON Schema (draft 2020-12) that every record line (or, with "error",
    every --errors line) satisfies."""
    import json

    from newsscrape.schema import ERROR_SCHEMA, RECORD_SCHEMA

    click.echo(json.dumps(RECORD_SCHEMA if shape == "record" else ERROR_SCHEMA, indent=2,
                          ensure_ascii=False))


def main(argv: Iterable[str] | None = None) -> None:
    """Console-script entry point: every interrupt exits 130, quietly (no ``Aborted!``)."""
    reserve_std_descriptors()
    handle_sigint = _take_sigint()
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="newsscrape",
                        standalone_mode=False)
    except (KeyboardInterrupt, click.Abort):
        code = EXIT_INTERRUPTED if handle_sigint else 1
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    sys.exit(code if isinstance(code, int) else 0)


def _take_sigint() -> bool:
    """Ctrl-C raises ``KeyboardInterrupt`` from here on (the entry point may have set a
    handler that exits at once while the program loaded), unless SIGINT was ignored
    when we started (a background job of a script): then it stays ignored."""
    try:
        if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
            return False
        signal.signal(signal.SIGINT, signal.default_int_handler)
    except ValueError:  # not the main thread (called as a library function)
        pass
    return True


cli.add_command(discover)
cli.add_command(watch)
cli.add_command(spark_warc)
cli.add_command(spark_fetch)


if __name__ == "__main__":  # pragma: no cover
    main()
