"""``newsscrape spark-warc`` and ``newsscrape spark-fetch``: the Spark jobs' command line.

Flags in, option objects built (the flags they share with ``extract`` and ``fetch`` come
from ``cli.options``), the job run by ``newsscrape.spark``, its closing line printed and
its exit status decided. Registered on the main command group; also runnable as
``python -m newsscrape.spark`` and through ``spark-submit`` given the path of
``newsscrape/spark/__main__.py`` (spark-submit runs Python files, not modules).
pyspark and the jobs are imported only when a command runs, so ``newsscrape --help``
stays fast and works without the ``spark`` extra.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import click

from newsscrape.cli.options import (
    F,
    apply,
    batch_options_of,
    extract_flags,
    extract_options_of,
    fetch_options_of,
    max_bytes_option,
    network_flags,
    option_object,
    worker_options_of,
    workers,
)
from newsscrape.options import BatchOptions

if TYPE_CHECKING:
    from newsscrape.spark.job import Report

_DATES = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y%m%d%H%M%S"]


def _job_flags(func: F) -> F:
    """Flags of both jobs: output format, tasks, temp dir, master, how pages become
    records, the extraction process of each task and its time limit."""
    return apply(func, [
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
        extract_flags,
        workers(jobs=1, per=" per Spark task"),
    ])


@click.command("spark-warc", short_help="Extract the pages of many WARC files on Spark.")
@click.argument("manifest")
@click.argument("output")
@_job_flags
@max_bytes_option("each WARC record's body")
@click.option("--hosts", "hosts_file", type=click.Path(exists=True, dir_okay=False),
              help="Keep only pages of the hosts listed in FILE (one per line; a domain "
              "covers its subdomains).")
@click.option("--since", type=click.DateTime(_DATES),
              help="Only WARCs whose CC-NEWS file-name time (UTC) is at or after this.")
@click.option("--until", type=click.DateTime(_DATES),
              help="Only WARCs whose CC-NEWS file-name time (UTC) is before this.")
@click.option("--input-base-url", help="Prefix for manifest lines without a scheme "
              "(e.g. the Common Crawl data URL for warc.paths.gz lines).")
def spark_warc(manifest: str, output: str, fmt: str, partitions: int | None,
               local_temp_dir: str | None, master: str | None, max_bytes: int,
               hosts_file: str | None, since: datetime | None, until: datetime | None,
               input_base_url: str | None, **knobs: Any) -> None:
    """Extract the HTML pages of every WARC in MANIFEST on Spark, one WARC per task, into
    OUTPUT/records and OUTPUT/errors (one file per WARC; a rerun skips WARCs done). The
    rows are newsscrape extract's records and error lines, plus warc_path,
    warc_record_id and warc_date.

    MANIFEST lists WARC paths or URIs (file://, s3a://, hdfs://, https://), one a line;
    a .gz manifest (CC-NEWS warc.paths.gz) is read through gzip. Exit status: 0 all
    good, 1 some pages or WARCs failed (see OUTPUT/errors) or the job failed, 2 usage.
    """
    from newsscrape.spark.job import run_warc_job
    from newsscrape.spark.store import Store
    from newsscrape.spark.warc_task import WarcTask

    task = WarcTask(store=Store(output, fmt, local_temp_dir),
                    options=extract_options_of(knobs),
                    batch=option_object(BatchOptions, **worker_options_of(knobs)),
                    max_bytes=max_bytes, hosts=_hosts(hosts_file))
    _run("spark-warc", master, lambda spark: run_warc_job(
        spark, task, manifest, base_url=input_base_url, since=_utc(since), until=_utc(until),
        partitions=partitions))


@click.command("spark-fetch", short_help="Fetch a URL list on Spark, each site in one task.")
@click.argument("urls")
@click.argument("output")
@_job_flags
@max_bytes_option("each page's body, counted after decompression")
@network_flags
def spark_fetch(urls: str, output: str, fmt: str, partitions: int | None,
                local_temp_dir: str | None, master: str | None, max_bytes: int,
                **knobs: Any) -> None:
    """Fetch every URL listed in URLS (one a line, or newsscrape discover's JSON lines;
    any path Spark reads) on Spark, each site in one task with newsscrape fetch's
    politeness, into OUTPUT/records and OUTPUT/errors (one file per partition; a rerun
    skips partitions done).

    Options are those of newsscrape fetch (see its --help), --cache naming a directory
    on each executor. Exit status as spark-warc.
    """
    from newsscrape.spark.fetch_task import FetchTask
    from newsscrape.spark.job import run_fetch_job
    from newsscrape.spark.store import Store

    extract = extract_options_of(knobs)
    fetch = fetch_options_of(knobs, max_bytes=max_bytes)
    batch = batch_options_of(knobs, **worker_options_of(knobs))

    def job(spark: Any) -> Report:
        count = partitions or spark.sparkContext.defaultParallelism
        task = FetchTask(Store(output, fmt, local_temp_dir), count, extract, fetch, batch)
        return run_fetch_job(spark, task, urls)

    _run("spark-fetch", master, job)


def _hosts(path: str | None) -> frozenset[str] | None:
    if path is None:
        return None
    from newsscrape.batch.lists import iter_lines

    with open(path, "rb") as stream:
        return frozenset(line.lower().rstrip(".") for line in iter_lines(stream))


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=UTC)


def _run(command: str, master: str | None, job: Callable[[Any], Report]) -> None:
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


def summary(command: str, report: Report) -> str:
    """``newsscrape: spark-warc: done: 3 WARCs (1 already done), records 120, ... in 9.1 s``."""
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
