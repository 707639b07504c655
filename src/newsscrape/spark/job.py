"""The driver side of the Spark jobs: plan the work, run it, add up the counters.

``spark-warc``: the manifest's WARCs, less those already written, become an RDD with
one WARC per partition (``--partitions`` groups them into fewer tasks); each task
streams its WARC (``warc_task``). ``spark-fetch``: the URL list is read by Spark,
keyed by site (``batch.shard.site_shard``) and partitioned on that key, so each task
fetches whole sites (``fetch_task``). Both run as ``foreachPartition`` actions, whose
accumulator updates Spark applies once per successful task.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsscrape.batch.lists import iter_lines, url_inputs
from newsscrape.batch.shard import site_shard
from newsscrape.errors import InputError
from newsscrape.record import URLInput
from newsscrape.spark import fetch_task, warc_task
from newsscrape.spark.fetch_task import FetchTask
from newsscrape.spark.manifest import read_manifest, warc_id
from newsscrape.spark.warc_task import WarcTask


@dataclass
class Report:
    """What a job did, for the closing line."""

    units: int = 0
    """WARCs (or URL partitions) in the job."""
    already_done: int = 0
    counters: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    outside_window: int = 0
    undated: int = 0

    @property
    def failed(self) -> int:
        """Error rows written by this run."""
        return self.counters.get("failed", 0)


def session(master: str | None = None) -> tuple[Any, bool]:
    """The active SparkSession, or a new one (and whether it was made here).

    Without ``master`` and outside ``spark-submit`` (which sets the master itself) the
    job runs on this machine (``local[*]``); a local session binds to 127.0.0.1, has no
    web UI and runs its Python workers with this interpreter.
    """
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    builder = SparkSession.builder.appName("newsscrape")
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    if master or not submitted:
        builder = builder.master(master or "local[*]")
    if not submitted and (master or "local").startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # read by SparkContext
        builder = (builder.config("spark.driver.host", "127.0.0.1")
                   .config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false"))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark, True


def run_warc_job(spark: Any, task: WarcTask, manifest: str, *, base_url: str | None = None,
                 since: datetime | None = None, until: datetime | None = None,
                 partitions: int | None = None) -> Report:
    """Extract every WARC of ``manifest`` not yet written to ``task.store``."""
    started = time.monotonic()
    selection = read_manifest(manifest, base_url=base_url, since=since, until=until)
    done = task.store.done()
    pending = [warc for warc in selection.warcs if warc_id(warc) not in done]
    report = Report(units=len(selection.warcs), already_done=len(selection.warcs) - len(pending),
                    outside_window=selection.outside_window, undated=selection.undated)
    sc = spark.sparkContext
    counters = {name: sc.accumulator(0) for name in warc_task.COUNTERS}
    if pending:
        slices = min(partitions or len(pending), len(pending))
        sc.parallelize(pending, slices).foreachPartition(
            functools.partial(_warc_partition, task, counters))
    report.counters = {name: acc.value for name, acc in counters.items()}
    report.elapsed = time.monotonic() - started
    return report


def _warc_partition(task: WarcTask, counters: dict[str, Any], warcs: Iterable[str]) -> None:
    warc_task.run_warcs(task, warcs, lambda name, n: counters[name].add(n))


def run_fetch_job(spark: Any, task: FetchTask, urls: str) -> Report:
    """Fetch every URL of the list ``urls`` (any path Spark reads) into ``task.store``."""
    started = time.monotonic()
    done = task.store.done()
    ours = {fetch_task.unit_name(i, task.partitions) for i in range(task.partitions)}
    if done - ours:
        raise InputError(f"{task.store.root} holds partitions of a run with another "
                         f"--partitions; rerun with that number or a new OUTPUT")
    sc = spark.sparkContext
    counters = {name: sc.accumulator(0) for name in fetch_task.COUNTERS}
    count = task.partitions
    keyed = (sc.textFile(urls, use_unicode=False)
             .mapPartitions(_lines)
             .map(lambda url: (site_shard(url, count), url))
             .partitionBy(count, lambda key: key))
    keyed.foreachPartition(functools.partial(_fetch_partition, task, counters))
    return Report(units=task.partitions, already_done=len(done & ours),
                  counters={name: acc.value for name, acc in counters.items()},
                  elapsed=time.monotonic() - started)


def _lines(raw: Iterable[bytes]) -> Iterator[URLInput]:
    """URL-list lines as ``fetch -i`` reads them (blank and ``#`` lines skipped,
    ``discover``'s JSON lines as URLs with hints)."""
    return url_inputs(iter_lines(raw))


def _fetch_partition(task: FetchTask, counters: dict[str, Any],
                     pairs: Iterable[tuple[int, URLInput]]) -> None:
    from pyspark import TaskContext

    context = TaskContext.get()
    index = context.partitionId() if context is not None else 0
    fetch_task.run_partition(task, index, (url for _, url in pairs),
                             lambda name, n: counters[name].add(n))
