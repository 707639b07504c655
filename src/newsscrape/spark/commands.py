"""``newsscrape spark-warc`` and ``newsscrape spark-fetch`` (the ``spark`` extra).

Registered on the main command group by ``cli.py``; also runnable as
``python -m newsscrape.spark`` and through ``spark-submit`` given the path of
``newsscrape/spark/__main__.py`` (spark-submit runs Python files, not modules).
pyspark is imported only when a command runs, so ``newsscrape --help`` stays fast
and works without the extra.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import click

from newsscrape.options import DEFAULT_MAX_BYTES, DEFAULT_USER_AGENT, Options

F = TypeVar("F", bound=Callable[..., Any])

_DATES = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y%m%d%H%M%S"]


def _job_options(func: F) -> F:
    """Options of both jobs: output format, tasks, temp dir, master, record options."""
    decorators = [
        click.option("--format", "fmt", type=click.Choice(["parquet", "jsonl"]),
                     default="parquet", show_default=True, help="Output file format."),
        click.option("--partitions", type=click.IntRange(min=1),
                     help="Spark tasks (spark-warc: default one per WARC; spark-fetch: "
                     "default the cluster's parallelism)."),
        click.option("--local-temp-dir", type=click.Path(file_okay=False),
                     help="Where tasks stage each output file before publishing it "
                     "(default: the system's temporary folder)."),
        click.option("--master", help="Spark master URL (default: local[*], or what "
                     "spark-submit sets)."),
        click.option("--tz", help="IANA zone assumed for timestamps without an offset."),
        click.option("--provenance", is_flag=True,
                     help="Add where each metadata value came from."),
        click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
                     show_default=True, help="Cap on each page's body."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


@click.command("spark-warc")
@click.argument("manifest")
@click.argument("output")
@_job_options
@click.option("--hosts", "hosts_file", type=click.Path(exists=True, dir_okay=False),
              help="Keep only pages of the hosts listed in FILE (one per line; a domain "
              "covers its subdomains).")
@click.option("--since", type=click.DateTime(_DATES),
              help="Only WARCs whose CC-NEWS file-name time (UTC) is at or after this.")
@click.option("--until", type=click.DateTime(_DATES),
              help="Only WARCs whose CC-NEWS file-name time (UTC) is before this.")
@click.option("--input-base-url", help="Prefix for manifest lines without a scheme "
              "(e.g. the Common Crawl data URL for warc.paths.gz lines).")
@click.option("--record-timeout", type=click.FloatRange(min=0.1, max=3600), default=60.0,
              show_default=True, help="Seconds one page may take; past that it is an "
              "extract_timeout error row and its process is replaced.")
def spark_warc(manifest: str, output: str, fmt: str, partitions: int | None,
               local_temp_dir: str | None, master: str | None, tz: str | None,
               provenance: bool, max_bytes: int, hosts_file: str | None,
               since: datetime | None, until: datetime | None, input_base_url: str | None,
               record_timeout: float) -> None:
    """Extract the HTML pages of every WARC in MANIFEST on Spark, one WARC per task, into
    OUTPUT/records and OUTPUT/errors (one file per WARC; a rerun skips WARCs done).

    MANIFEST lists WARC paths or URIs (file://, s3a://, hdfs://, https://), one a line;
    a .gz manifest (CC-NEWS warc.paths.gz) is read through gzip. Exit status: 0 all
    good, 1 some pages or WARCs failed (see OUTPUT/errors) or the job failed, 2 usage.
    """
    from newsscrape.spark.job import run_warc_job
    from newsscrape.spark.store import Store
    from newsscrape.spark.warc_task import WarcTask

    task = WarcTask(store=Store(output, fmt, local_temp_dir),
                    options=_options(tz=tz, provenance=provenance, max_bytes=max_bytes),
                    record_timeout=record_timeout, hosts=_hosts(hosts_file))
    _run("spark-warc", master, lambda spark: run_warc_job(
        spark, task, manifest, base_url=input_base_url, since=_utc(since), until=_utc(until),
        partitions=partitions))


@click.command("spark-fetch")
@click.argument("urls")
@click.argument("output")
@_job_options
@click.option("--timeout", type=float, default=30.0, show_default=True,
              help="Deadline in seconds for each whole request.")
@click.option("--user-agent", default=DEFAULT_USER_AGENT, show_default=False,
              help="User-Agent header.")
@click.option("--concurrency", type=click.IntRange(min=1), default=64, show_default=True,
              help="Requests in flight at once in one task.")
@click.option("--per-host", type=click.IntRange(min=1), default=2, show_default=True,
              help="Requests in flight at once to one origin.")
@click.option("--delay", type=float, default=0.5, show_default=True,
              help="Seconds between request starts to one origin.")
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
              help="Retries on connection errors, timeouts, 408, 429 and 5xx.")
@click.option("--ignore-robots", is_flag=True, help="Do not fetch or obey robots.txt.")
@click.option("--allow-private", is_flag=True, help="Lift the address policy.")
@click.option("--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Extraction processes per task (0: a thread).")
def spark_fetch(urls: str, output: str, fmt: str, partitions: int | None,
                local_temp_dir: str | None, master: str | None, tz: str | None,
                provenance: bool, max_bytes: int, ignore_robots: bool,
                **knobs: Any) -> None:
    """Fetch every URL listed in URLS (one a line; any path Spark reads) on Spark, each
    site in one task with newsscrape fetch's politeness, into OUTPUT/records and
    OUTPUT/errors (one file per partition; a rerun skips partitions done).

    Options are those of newsscrape fetch (see its --help). Exit status as spark-warc.
    """
    from newsscrape.spark.fetch_task import FetchTask
    from newsscrape.spark.job import run_fetch_job
    from newsscrape.spark.store import Store

    options = _options(tz=tz, provenance=provenance, max_bytes=max_bytes,
                       respect_robots=not ignore_robots, **knobs)

    def job(spark: Any) -> Any:
        count = partitions or spark.sparkContext.defaultParallelism
        return run_fetch_job(spark, FetchTask(Store(output, fmt, local_temp_dir), options,
                                              count), urls)

    _run("spark-fetch", master, job)


def _options(*, tz: str | None, **fields: Any) -> Options:
    if tz is not None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise click.BadParameter(f"unknown time zone {tz!r}", param_hint="--tz") from exc
    try:
        return Options(tz=tz, **fields)
    except ValueError as exc:  # a timeout or delay out of bounds, NaN
        raise click.UsageError(str(exc)) from exc


def _hosts(path: str | None) -> frozenset[str] | None:
    if path is None:
        return None
    with open(path, "rb") as stream:
        from newsscrape.inputs import iter_lines

        return frozenset(line.lower().rstrip(".") for line in iter_lines(stream))


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=UTC)


def _run(command: str, master: str | None, job: Callable[[Any], Any]) -> None:
    """Start (or join) Spark, run the job, print its closing line, exit with its status."""
    from newsscrape.errors import NewsscrapeError

    try:
        from newsscrape.spark.job import session
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise click.UsageError(f"{command} needs the spark extra: "
                               f"pip install 'newsscrape[spark]' ({exc})") from exc
    spark, created = session(master)
    try:
        report = job(spark)
    except NewsscrapeError as exc:
        click.echo(f"newsscrape: {command}: {exc.message}", err=True)
        sys.exit(1)
    except Exception as exc:  # Py4JJavaError: a task failed past Spark's retries
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        click.echo(f"newsscrape: {command}: the Spark job failed: {first}", err=True)
        sys.exit(1)
    finally:
        if created:
            spark.stop()
    click.echo(summary(command, report), err=True)
    sys.exit(1 if report.failed else 0)


def summary(command: str, report: Any) -> str:
    """``newsscrape: spark-warc: done: 3 units (1 already done), records 120, ... in 9.1 s``."""
    unit = "WARCs" if command == "spark-warc" else "partitions"
    head = f"{report.units} {unit} ({report.already_done} already done"
    if report.outside_window or report.undated:
        head += f"; {report.outside_window} outside --since/--until, {report.undated} undated"
    counts = ", ".join(f"{name.replace('_', ' ')} {n}" for name, n in report.counters.items())
    return f"newsscrape: {command}: done: {head}), {counts}, in {report.elapsed:.1f} s"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def spark_cli() -> None:
    """newsscrape's Spark jobs (python -m newsscrape.spark, or spark-submit's file)."""


spark_cli.add_command(spark_warc)
spark_cli.add_command(spark_fetch)
