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

import functools
from collections.abc import Iterator
from dataclasses import dataclass, replace

from newsscrape.batch.extract import Backlog, Extractor
from newsscrape.batch.origins import Item, Origin
from newsscrape.batch.polite import PoliteFetcher
from newsscrape.batch.results import Delivery, Sink
from newsscrape.batch.urls import UrlSet
from newsscrape.errors import NewsscrapeError
from newsscrape.record import Failure, HintedURL, URLInput

WINDOW = 10_000
"""Inputs in progress at once (read but not yet written)."""
ORDERED_WINDOW = 2_000
"""The same with ``--ordered``, where finished records may wait for earlier ones."""


@dataclass
class Counts:
    """What the batch skipped, for the summary."""

    duplicates: int = 0
    resumed: int = 0


class Batch(Delivery):
    """One run over a URL list; ``run`` it once.

    With ``until_taken`` the sink's reader calls ``Results.taken`` for each outcome it
    takes, and the window counts outcomes written but not taken too
    (``newsscrape.fetch_many``).
    """

    def __init__(self, *, fetcher: PoliteFetcher, sink: Sink, extractor: Extractor,
                 done: UrlSet | None = None, until_taken: bool = False) -> None:
        ordered = fetcher.batch.ordered
        super().__init__(sink, ordered=ordered, window=ORDERED_WINDOW if ordered else WINDOW,
                         until_taken=until_taken)
        self.fetcher = fetcher
        self.extractor = extractor
        self.done = done
        self.counts = Counts()
        self.backlog = Backlog(extractor.capacity)
        self.seen = UrlSet()

    @property
    def origins(self) -> dict[str, Origin]:
        """Every origin met so far, by key."""
        return self.fetcher.origins

    # --- the run --------------------------------------------------------------------

    async def run(self, urls: Iterator[URLInput]) -> None:
        """Process every URL, or stop early on ``stop()``; always closes what it opened."""
        try:
            await self.run_until_stopped(self._feed_and_drain(urls))
        finally:
            await self.fetcher.aclose()

    async def _feed_and_drain(self, urls: Iterator[URLInput]) -> None:
        try:
            await self.consume(urls, self._accept)
        except NewsscrapeError as exc:  # a list became unreadable midway
            await self._admit_failed(Failure.from_exception("(input list)", exc))
        await self.drain()

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
            await self._admit_failed(Failure.from_exception(url, exc, source=url))
            return
        origin.queue.append(Item(await self.admit(), url, hints))
        if origin.workers < self.fetcher.batch.per_host:
            origin.workers += 1
            self.spawn(self._work(origin))

    async def _admit_failed(self, failure: Failure) -> None:
        self.deliver(await self.admit(), failure)

    # --- one origin's worker --------------------------------------------------------

    async def _work(self, origin: Origin) -> None:
        """Take this origin's URLs one by one until its queue is empty."""
        try:
            while origin.queue and not self.stopping.is_set():
                item = origin.queue.popleft()
                try:
                    # decoded by the extraction process: bytes are cheaper to hand over
                    page = await self.fetcher.fetch(origin, item.url, decode=False)
                    if item.hints is not None:
                        page = replace(page, hints=item.hints)
                except Exception as exc:  # a bug, too, must cost one input, not the batch
                    self.deliver(item.seq, Failure.from_exception(item.url, exc,
                                                                  source=item.url))
                    continue
                size = page.size
                await self.backlog.enter(size)
                self.spawn(self.deliver_when_done(
                    item.seq, self.extractor.submit(page),
                    functools.partial(self.backlog.leave, size)))
                del page  # held once, as what the extractor sends, while it waits
        finally:
            origin.workers -= 1
