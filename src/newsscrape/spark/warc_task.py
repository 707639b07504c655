"""What one Spark task does with one WARC: stream it, extract its HTML pages, write them.

Reading and extracting are ``newsscrape extract FILE.warc.gz``'s own: the pages come
from ``batch.offline.warc_input`` (the same reader, redirect chains followed so that each
input URL ends once, the same size cap and the same errors) and go through
``batch.offline.run_pages`` with a ``batch.extract.Extractor``: worker processes forked
by a spawner, a page over ``--page-timeout`` failing as ``extract_timeout`` while its
process is killed (which stops even a parser stuck in C code) and replaced. So the rows
are that command's records and errors. Around it, the task adds what a cluster needs:
any storage (``sources``), an optional host list, counters, the WARC columns of each
row, and the per-WARC output of ``store``.
"""

from __future__ import annotations

import functools
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

from newsscrape.batch.extract import Extractor, extract_outcome
from newsscrape.batch.offline import Item, run_pages, warc_input
from newsscrape.document.warc import WarcPage
from newsscrape.errors import ExtractTimeoutError
from newsscrape.extractors.second_opinion import warm_up
from newsscrape.options import DEFAULT_MAX_BYTES, BatchOptions, ExtractOptions
from newsscrape.record import Failure, Outcome, Page
from newsscrape.spark.manifest import warc_id
from newsscrape.spark.sources import open_uri
from newsscrape.spark.store import WARC_FIELDS, Store, Unit, error_columns, record_columns

COUNTERS = ("records", "html", "kept", "failed", "timed_out", "skipped_host")
"""What the job counts: WARC records read, HTML responses among them, pages written as
records, error rows, pages over the time limit, HTML responses of unlisted hosts."""

Count = Callable[[str, int], None]

_WARM_PAGE = ("<html lang='en'><head><title>Warm-up</title></head><body><article><h1>Warm-up"
              "</h1><p>By Ann Lee, 2 May 2024</p><p>" + "The council met on Tuesday. " * 20
              + "</p></article></body></html>")


@dataclass(frozen=True, slots=True)
class WarcTask:
    """Everything a task needs (picklable: Spark ships it to the executors)."""

    store: Store
    options: ExtractOptions
    batch: BatchOptions
    """``jobs`` (extraction processes per task) and ``page_timeout``."""
    max_bytes: int = DEFAULT_MAX_BYTES
    hosts: frozenset[str] | None = None


def run_warcs(task: WarcTask, warcs: Iterable[str], count: Count) -> None:
    """Process each WARC of a partition (usually one), each written as its own unit."""
    for warc in warcs:
        run_warc(task, warc, count)


def run_warc(task: WarcTask, warc: str, count: Count) -> dict[str, int]:
    """Extract one WARC into its unit of the store; the unit's counts."""
    counts = dict.fromkeys(COUNTERS, 0)
    started = time.monotonic()
    _warm(task.options)  # before the spawner forks: its workers then start warm
    pages = _Pages(task, counts)
    records = record_columns(provenance=task.options.provenance, extra=WARC_FIELDS)
    with Extractor(task.batch.jobs, task.options,
                   page_timeout=task.batch.page_timeout) as extractor, \
            task.store.unit(warc_id(warc), records, error_columns(WARC_FIELDS)) as unit:
        sink = _UnitSink(unit, warc, pages.origins, counts)
        run_pages(pages.items(warc), sink, extractor)
        # a WARC that could not be read whole (unreachable, cut short) keeps its rows but
        # gets no marker: the next run tries it again, as the failure may be passing
        unit.commit({"warc": warc, **counts, "seconds": round(time.monotonic() - started, 3)},
                    done=not sink.warc_failed)
    for name, n in counts.items():
        count(name, n)
    return counts


class _Origin(NamedTuple):
    """The WARC record an item was read from."""

    record_id: str
    date: str | None


class _Pages:
    """The items of a WARC for ``run_pages``, and beside them, in the same order, the
    record each came from (None for a failure of the file itself): outcomes come back in
    input order, so the sink pairs each with its own."""

    def __init__(self, task: WarcTask, counts: dict[str, int]) -> None:
        self.task = task
        self.counts = counts
        self.origins: deque[_Origin | None] = deque()
        self._selected: list[_Origin] = []

    def items(self, warc: str) -> Iterator[Item]:
        for item in warc_input(warc, open_uri, max_bytes=self.task.max_bytes,
                               on_record=self._record, select=self._select):
            self.origins.append(self._selected.pop() if self._selected else None)
            yield item

    def _record(self) -> None:
        self.counts["records"] += 1

    def _select(self, page: WarcPage) -> bool:
        """Count an HTML response; keep it unless its host is not listed."""
        self.counts["html"] += 1
        if self.task.hosts is not None and not host_listed(page.url, self.task.hosts):
            self.counts["skipped_host"] += 1
            return False
        self._selected.append(_Origin(page.record_id, page.date))
        return True


def host_listed(url: str, hosts: frozenset[str]) -> bool:
    """Whether ``url``'s host, or a domain above it, is in ``hosts`` (``example.com``
    covers ``www.example.com``)."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return False
    parts = host.split(".")
    return any(".".join(parts[i:]) in hosts for i in range(len(parts)))


class _UnitSink:
    """``run_pages``' sink: each outcome a row with the WARC columns of its record."""

    def __init__(self, unit: Unit, warc: str, origins: deque[_Origin | None],
                 counts: dict[str, int]) -> None:
        self.unit = unit
        self.warc = warc
        self.origins = origins
        self.counts = counts
        self.warc_failed = False
        """The WARC itself failed (unreadable, cut short, no HTML response)."""

    def write(self, outcome: Outcome) -> None:
        origin = self.origins.popleft()
        self.unit.write(outcome, {"warc_path": self.warc,
                                  "warc_record_id": origin.record_id if origin else None,
                                  "warc_date": origin.date if origin else None})
        if not isinstance(outcome, Failure):
            self.counts["kept"] += 1
            return
        self.counts["failed"] += 1
        self.counts["timed_out"] += outcome.kind == ExtractTimeoutError.kind
        self.warc_failed = self.warc_failed or origin is None


@functools.cache
def _warm(options: ExtractOptions) -> None:
    """Load what the first page would (language model, parsers) once per Python worker,
    before any extraction process is forked from it."""
    extract_outcome(Page(url="https://example.com/warm-up", html=_WARM_PAGE), options)
    warm_up()  # the warm-up page states its date: htmldate is not asked about it
