"""What one ``spark-fetch`` task does: run the batch fetcher over its partition's URLs.

The job partitions the URL list by ``batch.shard.site_shard``, so each site's URLs are
all in one partition and its politeness (per-origin spacing and connections,
robots.txt, retries, the 429 slow-down) holds exactly as in ``newsscrape fetch``,
which is what runs here (``run.fetch_all``), address policy included. Each partition is
one unit of the store (``part-00003-of-00016``), so a rerun with the same
``--partitions`` skips the partitions already written.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from newsscrape.options import Options
from newsscrape.run import fetch_all
from newsscrape.spark.store import Store, Unit, error_columns, error_row, record_columns

COUNTERS = ("urls", "kept", "failed", "duplicates")

Count = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class FetchTask:
    """Everything a task needs (picklable)."""

    store: Store
    options: Options
    partitions: int


def unit_name(index: int, partitions: int) -> str:
    """The store unit of partition ``index``."""
    return f"part-{index:05d}-of-{partitions:05d}"


def run_partition(task: FetchTask, index: int, urls: Iterable[str], count: Count) -> None:
    """Fetch the partition's URLs into its unit (nothing if the unit is already done)."""
    name = unit_name(index, task.partitions)
    if name in task.store.done():  # written by an earlier run, or an earlier attempt
        return
    started = time.monotonic()
    columns = record_columns(provenance=task.options.provenance)
    with task.store.unit(name, columns, error_columns()) as unit:
        sink = _Sink(unit)
        stats = fetch_all(urls, task.options, sink)
        if stats.interrupted:  # not complete: no marker, the partition is done again
            raise RuntimeError(f"{name} interrupted")
        counts = {"urls": sink.kept + sink.failed, "kept": sink.kept, "failed": sink.failed,
                  "duplicates": stats.duplicates}
        unit.commit({**counts, "seconds": round(time.monotonic() - started, 3)})
    for key, n in counts.items():
        count(key, n)


class _Sink:
    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self.kept = 0
        self.failed = 0

    def record(self, obj: dict[str, Any]) -> None:
        self.kept += 1
        self.unit.records.write(obj)

    def error(self, url: str, error: dict[str, Any]) -> None:
        self.failed += 1
        self.unit.errors.write(error_row(url, error, {}))
