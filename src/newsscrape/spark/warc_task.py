"""What one Spark task does with one WARC: stream it, extract its HTML pages, write them.

The loop is ``newsscrape extract FILE.warc.gz``'s own (``run.extract_warc``): the same
reader (``warc.read_warc``, which keeps 2xx HTML responses), the same page extraction
(``run.extract_warc_page``) and the same error mapping, so the rows are that command's
records. Around it, the task adds what a cluster needs: any storage (``sources``), an
optional host list, a time limit per page (``deadline``: a page still running then is
an ``extract_timeout`` error row, and its process is replaced), counters, and the
per-WARC output of ``store``.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from newsscrape.batch.extract import WorkerDiedError, internal_error
from newsscrape.errors import ExtractTimeoutError
from newsscrape.options import Options
from newsscrape.run import extract_warc, extract_warc_page
from newsscrape.spark.deadline import TimeLimited
from newsscrape.spark.manifest import warc_id
from newsscrape.spark.sources import open_uri
from newsscrape.spark.store import (
    WARC_FIELDS,
    Store,
    Unit,
    error_columns,
    error_row,
    record_columns,
)
from newsscrape.warc import WarcPage

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
    options: Options
    record_timeout: float
    hosts: frozenset[str] | None = None


def run_warcs(task: WarcTask, warcs: Iterable[str], count: Count) -> None:
    """Process each WARC of a partition (usually one), each written as its own unit."""
    for warc in warcs:
        run_warc(task, warc, count)


def run_warc(task: WarcTask, warc: str, count: Count) -> dict[str, int]:
    """Extract one WARC into its unit of the store; the unit's counts."""
    counts = dict.fromkeys(COUNTERS, 0)

    def add(name: str, n: int = 1) -> None:
        counts[name] += n

    started = time.monotonic()
    _warm(task.options)
    records = record_columns(provenance=task.options.provenance, extra=WARC_FIELDS)
    with TimeLimited(extract_warc_page, task.record_timeout) as limited, \
            task.store.unit(warc_id(warc), records, error_columns(WARC_FIELDS)) as unit:
        sink = _UnitSink(unit, warc, add)
        extract_warc(warc, task.options, sink, opener=open_uri,
                     outcome=functools.partial(_outcome, task, limited, sink, add),
                     on_record=lambda: add("records"))
        # a WARC that could not be read whole (unreachable, cut short) keeps its rows but
        # gets no marker: the next run tries it again, as the failure may be passing
        unit.commit({"warc": warc, **counts, "seconds": round(time.monotonic() - started, 3)},
                    done=not sink.warc_failed)
    for name, n in counts.items():
        count(name, n)
    return counts


def _outcome(task: WarcTask, limited: TimeLimited[Any], sink: _UnitSink,
             add: Callable[..., None], page: WarcPage, options: Options,
             ) -> tuple[bool, dict[str, Any]] | None:
    """One page's outcome, or None when its host is not listed."""
    add("html")
    if task.hosts is not None and not host_listed(page.url, task.hosts):
        add("skipped_host")
        return None
    sink.page = page
    try:
        outcome: tuple[bool, dict[str, Any]] = limited(page, options)
    except ExtractTimeoutError as exc:
        add("timed_out")
        return False, exc.to_dict()
    except WorkerDiedError as exc:  # a crash in a C extension, the OOM killer
        return False, internal_error(exc)
    return outcome


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
    """``extract_warc``'s sink: rows with the WARC columns of the page being written."""

    def __init__(self, unit: Unit, warc: str, add: Callable[..., None]) -> None:
        self.unit = unit
        self.warc = warc
        self.add = add
        self.page: WarcPage | None = None
        self.warc_failed = False
        """The WARC itself failed (unreadable, cut short, no HTML response)."""

    def _warc_columns(self, url: str) -> dict[str, Any]:
        page = self.page if self.page is not None and self.page.url == url else None
        return {"warc_path": self.warc,
                "warc_record_id": page.record_id if page else None,
                "warc_date": page.date if page else None}

    def record(self, obj: dict[str, Any]) -> None:
        self.add("kept")
        self.unit.records.write({**obj, **self._warc_columns(obj["url"])})

    def error(self, url: str, error: dict[str, Any]) -> None:
        self.add("failed")
        self.warc_failed = self.warc_failed or url == self.warc
        self.unit.errors.write(error_row(url, error, self._warc_columns(url)))


@functools.cache
def _warm(options: Options) -> None:
    """Load what the first page would (language model, parsers) once per Python worker,
    before any extraction process is forked from it: every child then starts warm."""
    extract_warc_page(WarcPage(url="https://example.com/warm-up", status=200,
                               headers={"content-type": "text/html; charset=utf-8"},
                               body=_WARM_PAGE.encode(), date=None), options)
