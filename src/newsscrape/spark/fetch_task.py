"""What one ``spark-fetch`` task does: run the batch fetcher over its partition's URLs.

The job partitions the URL list by ``batch.shard.site_shard``, so each site's URLs are
all in one partition and its politeness (per-origin spacing and connections,
robots.txt per redirect hop, retries, the 429 slow-down) holds exactly as in
``newsscrape fetch``, which is what runs here (``batch.run.fetch_all``), address policy
included. Each partition is one unit of the store (``part-00003-of-00016``), so a rerun
with the same ``--partitions`` skips the partitions already written.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from newsscrape.batch.run import fetch_all
from newsscrape.options import BatchOptions, ExtractOptions, FetchOptions
from newsscrape.record import Failure, Outcome, URLInput
from newsscrape.spark.store import Store, Unit, error_columns, record_columns

COUNTERS = ("urls", "kept", "failed", "duplicates")

Count = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class FetchTask:
    """Everything a task needs (picklable)."""

    store: Store
    partitions: int
    extract: ExtractOptions
    fetch: FetchOptions
    batch: BatchOptions


def unit_name(index: int, partitions: int) -> str:
    """The store unit of partition ``index``."""
    return f"part-{index:05d}-of-{partitions:05d}"


def run_partition(task: FetchTask, index: int, urls: Iterable[URLInput], count: Count) -> None:
    """Fetch the partition's URLs into its unit (nothing if the unit is already done)."""
    name = unit_name(index, task.partitions)
    if name in task.store.done():  # written by an earlier run, or an earlier attempt
        return
    started = time.monotonic()
    columns = record_columns(provenance=task.extract.provenance)
    with task.store.unit(name, columns, error_columns()) as unit:
        sink = _Sink(unit)
        stats = fetch_all(urls, sink, extract=task.extract, fetch=task.fetch, batch=task.batch)
        if stats.interrupted:  # not complete: no marker, the partition is done again
            raise RuntimeError(f"{name} interrupted")
        counts = {"urls": sink.kept + sink.failed, "kept": sink.kept, "failed": sink.failed,
                  "duplicates": stats.duplicates}
        unit.commit({**counts, "seconds": round(time.monotonic() - started, 3)})
    for key, n in counts.items():
        count(key, n)


class _Sink:
    """``fetch_all``'s sink: each outcome a row, counted."""

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self.kept = 0
        self.failed = 0

    def write(self, outcome: Outcome) -> None:
        self.unit.write(outcome)
        if isinstance(outcome, Failure):
            self.failed += 1
        else:
            self.kept += 1
