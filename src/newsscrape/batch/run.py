"""Run a batch: each URL ends as one outcome (a ``Record`` or a ``Failure``) handed to a sink.

``fetch_all`` runs a batch (``batch.runner``) and owns what lives outside the event
loop: the extraction processes (started before the loop), the WARC writer, the
progress line and Ctrl-C (the first one stops the run in order, a second one kills it).
``BatchRun`` is one such run on the calling thread's event loop; another thread may
``stop`` it (``newsscrape.fetch_many`` runs one on a thread of its own).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from newsscrape.batch.extract import Extractor
from newsscrape.batch.loop import loop_factory, on_sigint, restore_sigint
from newsscrape.batch.polite import Notice, PoliteFetcher
from newsscrape.batch.results import RunStats, Sink
from newsscrape.batch.runner import Batch
from newsscrape.batch.urls import UrlSet
from newsscrape.fetcher.archive import WarcArchive
from newsscrape.options import BatchOptions, ExtractOptions, FetchOptions
from newsscrape.record import URLInput


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The figures a progress display shows."""

    ok: int
    failed: int
    queues: tuple[tuple[str, int], ...]
    """(origin, URLs waiting) for origins with work."""
    in_flight: int


class Progress(Protocol):
    """A live display of a run (the CLI's progress line)."""

    def draw(self, snap: Snapshot) -> None: ...

    def clear(self) -> None: ...


def fetch_all(urls: Iterable[URLInput], sink: Sink, *, extract: ExtractOptions | None = None,
              fetch: FetchOptions | None = None, batch: BatchOptions | None = None,
              done: UrlSet | None = None, progress: Progress | None = None,
              notice: Notice | None = None) -> RunStats:
    """Fetch and extract every URL, writing outcomes as they complete (or in order);
    Ctrl-C stops the run in order. ``notice`` gets a line for each long wait."""
    batch = batch or BatchOptions()
    # the worker processes are forked before the event loop and its threads exist
    with Extractor(batch.jobs, extract or ExtractOptions(),
                   page_timeout=batch.page_timeout) as extractor:
        run = BatchRun(urls, sink, extractor, fetch=fetch, batch=batch, done=done,
                       progress=progress, notice=notice, handle_sigint=True)
        return run.run()


class BatchRun:
    """One run over ``urls``, extracting with ``extractor``; ``run`` it once."""

    def __init__(self, urls: Iterable[URLInput], sink: Sink, extractor: Extractor, *,
                 fetch: FetchOptions | None = None, batch: BatchOptions | None = None,
                 done: UrlSet | None = None, progress: Progress | None = None,
                 notice: Notice | None = None, handle_sigint: bool = False,
                 until_taken: bool = False) -> None:
        self.urls = iter(urls)
        self.sink = sink
        self.extractor = extractor
        self.fetch = fetch or FetchOptions()
        self.batch = batch or BatchOptions()
        self.done = done
        self.progress = progress
        self.notice = notice
        self.handle_sigint = handle_sigint
        self.until_taken = until_taken
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._running: Batch | None = None
        self._stop_asked = False
        self._interrupted = False

    def run(self) -> RunStats:
        """Run to the end (or until stopped) on a new event loop in this thread."""
        start = time.monotonic()
        archive = WarcArchive(self.batch.warc, settings={
            "http-header-user-agent": self.fetch.user_agent,
            "robots": "obey" if self.fetch.respect_robots else "ignore",
        }) if self.batch.warc else None
        try:
            with asyncio.Runner(loop_factory=loop_factory()) as runner:
                batch = runner.run(self._run(archive))
        finally:
            if archive is not None:
                archive.close()
        counts = batch.counts
        return RunStats(duplicates=counts.duplicates, resumed=counts.resumed,
                        unfinished=batch.unfinished, elapsed=time.monotonic() - start,
                        interrupted=self._interrupted)

    def stop(self) -> None:
        """Stop the run soon, from any thread (in-flight inputs are dropped)."""
        with self._lock:
            self._stop_asked = True
            if self._loop is not None and self._running is not None:
                with contextlib.suppress(RuntimeError):  # the loop has closed: run over
                    self._loop.call_soon_threadsafe(self._interrupt)

    def taken(self) -> None:
        """From any thread: the sink's reader took one outcome, so one more input may
        start (with ``until_taken``: see ``Results``)."""
        with self._lock:
            if self._loop is not None and self._running is not None:
                with contextlib.suppress(RuntimeError):
                    self._loop.call_soon_threadsafe(self._running.results.taken)

    async def _run(self, archive: WarcArchive | None) -> Batch:
        fetcher = PoliteFetcher(self.fetch, self.batch, archive=archive, notice=self.notice)
        batch = Batch(fetcher=fetcher, sink=self.sink, extractor=self.extractor,
                      done=self.done, until_taken=self.until_taken)
        self._attach(batch)
        drawing = asyncio.create_task(_draw(batch, self.progress)) if self.progress else None
        try:
            await batch.run(self.urls)
        finally:
            if drawing is not None:
                drawing.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await drawing
            if self.progress is not None:
                self.progress.clear()
            if self.handle_sigint:
                restore_sigint()
            with self._lock:
                self._running = None
            await self.extractor.detach()
        return batch

    def _attach(self, batch: Batch) -> None:
        """Make ``batch`` stoppable by ``stop`` (and by Ctrl-C when asked)."""
        with self._lock:
            self._loop = asyncio.get_running_loop()
            self._running = batch
            if self._stop_asked:
                self._interrupt()
        if self.handle_sigint:
            on_sigint(self._interrupt)

    def _interrupt(self) -> None:
        """(On the loop) stop the running batch, as interrupted."""
        self._interrupted = True
        if self._running is not None:
            self._running.stop()


async def _draw(batch: Batch, progress: Progress) -> None:
    while True:
        queues = tuple((key, len(o.queue)) for key, o in batch.origins.items() if o.queue)
        in_flight = sum(o.in_flight for o in batch.origins.values())
        progress.draw(Snapshot(ok=batch.results.ok, failed=batch.results.failed,
                               queues=queues, in_flight=in_flight))
        await asyncio.sleep(0.25)

