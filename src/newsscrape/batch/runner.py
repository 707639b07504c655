"""The batch: read URLs, fetch them politely and concurrently, extract, write each outcome once.

::

    Feed (thread) ─► accept: dedupe, resume-skip, window slot, URL check
                        └─► Origin queue ─► per-origin workers (≤ per_host each)
                              PoliteFetcher: robots.txt once ─► politeness slot
                              ─► global slot ─► fetch_page (retries, backoff)
                              ─► Extractor (processes) ─► Results ─► sink

Every accepted input ends in exactly one ``Results.deliver`` call, whatever happens to
it (invalid URL, robots, fetch failure, extraction failure, a bug), unless the run is
stopped, in which case it is simply not written and ``--resume`` picks it up later.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from newsscrape.batch.extract import Backlog, Extractor
from newsscrape.batch.feed import Feed
from newsscrape.batch.origins import Item, Origin
from newsscrape.batch.polite import PoliteFetcher
from newsscrape.batch.results import Results, Sink
from newsscrape.batch.urls import UrlSet
from newsscrape.errors import NewsscrapeError
from newsscrape.record import Failure, HintedURL, Outcome, Page, URLInput

WINDOW = 10_000
"""Inputs in progress at once (read but not yet written)."""
ORDERED_WINDOW = 2_000
"""The same with ``--ordered``, where finished records may wait for earlier ones."""


@dataclass
class Counts:
    """What the batch skipped, for the summary."""

    duplicates: int = 0
    resumed: int = 0
    interrupted: int = 0


@dataclass
class Batch:
    """One run over a URL list; ``run`` it once."""

    fetcher: PoliteFetcher
    sink: Sink
    extractor: Extractor
    done: UrlSet | None = None
    until_taken: bool = False
    """The sink's reader calls ``Results.taken`` for each outcome it takes, and the window
    counts outcomes written but not taken too (``newsscrape.fetch_many``)."""
    counts: Counts = field(default_factory=Counts)

    def __post_init__(self) -> None:
        ordered = self.fetcher.batch.ordered
        self.results = Results(self.sink, ordered=ordered,
                               window=ORDERED_WINDOW if ordered else WINDOW,
                               until_taken=self.until_taken)
        self.backlog = Backlog(self.extractor.capacity)
        self.seen = UrlSet()
        self.stopping = asyncio.Event()
        self.tasks: set[asyncio.Task[None]] = set()
        self.failure: BaseException | None = None
        self._seq = 0

    @property
    def origins(self) -> dict[str, Origin]:
        """Every origin met so far, by key."""
        return self.fetcher.origins

    # --- the run --------------------------------------------------------------------

    async def run(self, urls: Iterator[URLInput]) -> None:
        """Process every URL, or stop early on ``stop()``; always closes what it opened."""
        work = asyncio.create_task(self._feed_and_drain(urls))
        stop = asyncio.create_task(self.stopping.wait())
        try:
            await asyncio.wait({work, stop}, return_when=asyncio.FIRST_COMPLETED)
            if not work.done():
                await self._cancel([work, *self.tasks])
            else:
                work.result()
            self.results.flush_held()
            self.counts.interrupted = self.results.pending
        finally:
            stop.cancel()
            await self.fetcher.aclose()
        if self.failure is not None:
            raise self.failure

    def stop(self) -> None:
        """End the run soon: nothing new starts, in-flight inputs are dropped."""
        self.stopping.set()

    async def _feed_and_drain(self, urls: Iterator[URLInput]) -> None:
        feed = Feed(urls)
        try:
            async for batch in feed.batches():
                for url in batch:
                    await self._accept(url)
        except NewsscrapeError as exc:  # a list became unreadable midway
            await self._admit_failed(Failure.from_exception("(input list)", exc))
        finally:
            feed.close()
        while self.tasks:
            await asyncio.wait(set(self.tasks))

    async def _cancel(self, tasks: list[asyncio.Task[None]]) -> None:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self.tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            self.failure = self.failure or task.exception()
            self.stop()

    # --- accepting inputs -----------------------------------------------------------

    async def _accept(self, given: URLInput) -> None:
        url, hints = (given.url, given.hints) if isinstance(given, HintedURL) else (given, None)
        if not self.seen.add(url):
            self.counts.duplicates += 1
            return
        if self.done is not None and url in self.done:
            self.counts.resumed += 1
            return
        try:
            origin = self.fetcher.origin(url)
        except NewsscrapeError as exc:
            await self._admit_failed(Failure.from_exception(url, exc))
            return
        await self.results.admit()
        origin.queue.append(Item(self._next_seq(), url, hints))
        if origin.workers < self.fetcher.batch.per_host:
            origin.workers += 1
            self._spawn(self._work(origin))

    async def _admit_failed(self, failure: Failure) -> None:
        await self.results.admit()
        self._deliver(self._next_seq(), failure)

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq - 1

    def _deliver(self, seq: int, outcome: Outcome) -> None:
        self.results.deliver(seq, outcome)
        if self.results.failure is not None:
            self.failure = self.failure or self.results.failure
            self.stop()

    # --- one origin's worker --------------------------------------------------------

    async def _work(self, origin: Origin) -> None:
        """Take this origin's URLs one by one until its queue is empty."""
        try:
            while origin.queue and not self.stopping.is_set():
                item = origin.queue.popleft()
                try:
                    page = await self.fetcher.fetch(origin, item.url)
                    if item.hints is not None:
                        page = replace(page, hints=item.hints)
                except Exception as exc:  # a bug, too, must cost one input, not the batch
                    self._deliver(item.seq, Failure.from_exception(item.url, exc))
                    continue
                await self.backlog.enter(len(page.html))
                self._spawn(self._extract(item, page))
        finally:
            origin.workers -= 1

    async def _extract(self, item: Item, page: Page) -> None:
        try:
            outcome = await self.extractor.extract(page)
        except Exception as exc:  # a crashed worker process, say
            outcome = Failure.from_exception(item.url, exc)
        finally:
            self.backlog.leave(len(page.html))
        self._deliver(item.seq, outcome)
