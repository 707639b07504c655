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
from collections.abc import Iterable
from typing import Any

import click

from newsscrape.cli.discover import discover, watch
from newsscrape.cli.files import (
    Targets,
    done_urls,
    ending_on_output_failure,
    reserve_std_descriptors,
)
from newsscrape.cli.options import (
    FETCH_DEFAULTS,
    F,
    apply,
    batch_options_of,
    errors_option,
    extract_flags,
    fetch_options_of,
    jobs_option,
    network_flags,
    option_object,
    output_option,
)
from newsscrape.options import ExtractOptions
from newsscrape.output import summary_line
from newsscrape.version import __version__


def _common_options(func: F) -> F:
    """Options shared by ``fetch`` and ``extract``."""
    return apply(func, [
        errors_option,
        extract_flags,
        click.option("--max-bytes", type=click.IntRange(min=1),
                     default=FETCH_DEFAULTS.max_bytes, show_default=True,
                     help="Cap on each page: a (decompressed) body, a saved file, stdin."),
    ])


def _fetch_options(func: F) -> F:
    """The knobs of ``fetch``: inputs, limits, politeness, safety, workers, storage."""
    return apply(func, [
        click.option("-i", "--input", "inputs", multiple=True,
                     type=click.Path(exists=True, dir_okay=False, allow_dash=True),
                     help="Read URLs from FILE, one per line (- is stdin; blank and # "
                     "lines skipped; a JSON line of newsscrape discover gives its url "
                     "and its feed's or sitemap's fields). Repeatable."),
        network_flags,
        jobs_option,
        click.option("--ordered", is_flag=True, help="Write outcomes in input order."),
        click.option("--no-progress", is_flag=True,
                     help="No progress line (it is shown only when stderr is a terminal)."),
        click.option("--resume", is_flag=True,
                     help="Skip URLs already recorded in -o FILE and append to it."),
        click.option("--warc", type=click.Path(dir_okay=False),
                     help="Append every page fetched to this WARC file (.warc.gz)."),
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
    extract_options = option_object(ExtractOptions, tz=tz, provenance=provenance)
    fetch_options = fetch_options_of(knobs, max_bytes=max_bytes)
    batch_options = batch_options_of(knobs, jobs=knobs["jobs"], ordered=knobs["ordered"],
                                     warc=knobs["warc"])
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
@output_option("records")
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
    options = option_object(ExtractOptions, tz=tz, provenance=provenance, now=now)
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


def main(argv: Iterable[str] | None = None) -> None:
    """Console-script entry point."""
    reserve_std_descriptors()
    cli.main(args=list(argv) if argv is not None else None, prog_name="newsscrape")


cli.add_command(discover)
cli.add_command(watch)


if __name__ == "__main__":  # pragma: no cover
    main()
