"""The batch: read URLs, fetch them politely and concurrently, extract, write each outcome once.

::

    Feed (thread) ─► accept: dedupe, resume-skip, window slot, URL check
                        └─► Origin queue ─► per-origin workers (≤ per_host each)
                              robots.txt once ─► politeness slot ─► global slot
                              ─► fetch_page (retries, backoff) ─► Extractor (processes)
                                                                  └─► Results ─► sink

Every accepted input ends in exactly one ``Results.deliver`` call, whatever happens to
it (invalid URL, robots, fetch failure, extraction failure, a bug), unless the run is
stopped, in which case it is simply not written and ``--resume`` picks it up later.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from newsscrape.batch.extract import Backlog, Extractor, internal_error
from newsscrape.batch.feed import Feed
from newsscrape.batch.origins import Item, Origin, origin_key, robots_url
from newsscrape.batch.results import Results, Sink
from newsscrape.errors import BlockedError, HTTPStatusError, NewsscrapeError
from newsscrape.fetch.client import Archive, check_url, fetch_page, fetch_robots, make_client
from newsscrape.fetch.retry import backoff, is_retryable
from newsscrape.fetch.robots import ALLOW_ALL, Robots, robots_from_answer, robots_from_failure
from newsscrape.fetch.transports import TransportFactory
from newsscrape.inputs import UrlSet, with_input_hints
from newsscrape.options import Options
from newsscrape.record import Page

T = TypeVar("T")
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

    options: Options
    sink: Sink
    extractor: Extractor
    factory: TransportFactory
    done: UrlSet | None = None
    archive: Archive | None = None
    counts: Counts = field(default_factory=Counts)
    origins: dict[str, Origin] = field(default_factory=dict)

    def __post_init__(self) -> None:
        window = ORDERED_WINDOW if self.options.ordered else WINDOW
        self.results = Results(self.sink, ordered=self.options.ordered, window=window)
        self.slots = asyncio.Semaphore(self.options.concurrency)
        self.backlog = Backlog(self.extractor.capacity)
        self.seen = UrlSet()
        self.stopping = asyncio.Event()
        self.tasks: set[asyncio.Task[None]] = set()
        self.failure: BaseException | None = None
        self._seq = 0

    # --- the run --------------------------------------------------------------------

    async def run(self, urls: Iterator[str]) -> None:
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
            await self._close_clients()
        if self.failure is not None:
            raise self.failure

    def stop(self) -> None:
        """End the run soon: nothing new starts, in-flight inputs are dropped."""
        self.stopping.set()

    async def _feed_and_drain(self, urls: Iterator[str]) -> None:
        feed = Feed(urls)
        try:
            async for batch in feed.batches():
                for url in batch:
                    await self._accept(url)
        except NewsscrapeError as exc:  # a list became unreadable midway
            await self._admit_failed("(input list)", exc.to_dict())
        finally:
            feed.close()
        while self.tasks:
            await asyncio.wait(set(self.tasks))

    async def _cancel(self, tasks: list[asyncio.Task[None]]) -> None:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _close_clients(self) -> None:
        for origin in self.origins.values():
            if origin.client is not None:
                await origin.client.aclose()
        await self.factory.aclose()

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

    async def _accept(self, url: str) -> None:
        if not self.seen.add(url):
            self.counts.duplicates += 1
            return
        if self.done is not None and url in self.done:
            self.counts.resumed += 1
            return
        try:
            target = check_url(url)
        except NewsscrapeError as exc:
            await self._admit_failed(url, exc.to_dict())
            return
        await self.results.admit()
        origin = self._origin(origin_key(target))
        origin.queue.append(Item(self._next_seq(), url))
        if origin.workers < self.options.per_host:
            origin.workers += 1
            self._spawn(self._work(origin))

    async def _admit_failed(self, url: str, error: dict[str, Any]) -> None:
        await self.results.admit()
        self._deliver(self._next_seq(), url, False, error)

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq - 1

    def _origin(self, key: str) -> Origin:
        origin = self.origins.get(key)
        if origin is None:
            origin = self.origins[key] = Origin(key=key, delay=self.options.delay)
        return origin

    def _deliver(self, seq: int, url: str, ok: bool, obj: dict[str, Any]) -> None:
        self.results.deliver(seq, url, ok, obj)
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
                    page = await self._fetch(origin, item)
                except NewsscrapeError as exc:
                    self._deliver(item.seq, item.url, False, exc.to_dict())
                    continue
                except Exception as exc:  # a bug must cost one input, not the batch
                    self._deliver(item.seq, item.url, False, internal_error(exc))
                    continue
                await self.backlog.enter(len(page.html))
                self._spawn(self._extract(item, page))
        finally:
            origin.workers -= 1

    async def _extract(self, item: Item, page: Page) -> None:
        try:
            ok, obj = await self.extractor.extract(page, self.options)
        except Exception as exc:  # a crashed worker process, say
            ok, obj = False, internal_error(exc)
        finally:
            self.backlog.leave(len(page.html))
        self._deliver(item.seq, item.url, ok, obj)

    async def _fetch(self, origin: Origin, item: Item) -> Page:
        robots = await self._robots(origin)
        robots.check(item.url.strip(), self.options.user_agent)
        client = self._client(origin)
        page = await self._with_retries(
            origin, lambda: fetch_page(client, item.url, self.options, archive=self.archive))
        return with_input_hints(page, item.url)

    async def _with_retries(self, origin: Origin, send: Callable[[], Awaitable[T]]) -> T:
        """``send()`` in this origin's politeness slots, retried as ``fetch.retry`` says."""
        attempt = 0
        while True:
            await asyncio.sleep(origin.reserve())
            try:
                async with self.slots:
                    origin.in_flight += 1
                    try:
                        return await send()
                    finally:
                        origin.in_flight -= 1
            except NewsscrapeError as exc:
                if attempt >= self.options.retries or not is_retryable(exc):
                    raise
                attempt += 1
                wait = self._after_failure(origin, exc, attempt)
            await asyncio.sleep(wait)

    @staticmethod
    def _after_failure(origin: Origin, exc: NewsscrapeError, attempt: int) -> float:
        """Adjust the origin to a failure; the seconds this input waits before retrying."""
        retry_after = exc.retry_after if isinstance(exc, HTTPStatusError) else None
        if exc.status == 429:
            origin.slow_down(retry_after)
        elif retry_after is not None:
            origin.not_before(retry_after)
        return backoff(attempt, retry_after=retry_after)

    def _client(self, origin: Origin) -> httpx.AsyncClient:
        if origin.client is None:
            origin.client = make_client(self.options, transport=self.factory.transport())
        return origin.client

    # --- robots.txt -----------------------------------------------------------------

    async def _robots(self, origin: Origin) -> Robots:
        """The origin's rules, fetched by the first worker that needs them."""
        if not self.options.respect_robots:
            return ALLOW_ALL
        if origin.robots is None:
            future = origin.robots = asyncio.get_running_loop().create_future()
            try:
                robots = await self._load_robots(origin)
            except asyncio.CancelledError:
                future.cancel()
                raise
            except Exception as exc:  # a bug: the origin's other workers must not hang
                future.set_exception(exc)
                raise
            origin.use_crawl_delay(robots.crawl_delay(self.options.user_agent))
            future.set_result(robots)
        return await asyncio.shield(origin.robots)

    async def _load_robots(self, origin: Origin) -> Robots:
        client = self._client(origin)

        async def send() -> tuple[int, bytes]:
            status, body = await fetch_robots(client, robots_url(origin.key), self.options)
            if status >= 500 or status in (408, 429):  # worth retrying like a page
                raise HTTPStatusError(f"HTTP {status}", status=status)
            return status, body

        try:
            return robots_from_answer(*await self._with_retries(origin, send))
        except HTTPStatusError as exc:
            return robots_from_answer(exc.status or 500, b"")
        except NewsscrapeError as exc:
            if is_retryable(exc) or isinstance(exc, BlockedError):
                return robots_from_failure(exc)
            return ALLOW_ALL  # a broken redirect or an odd body: no usable rules

    # --- one resource at a time, for discovery (``newsscrape.discover``) ------------

    async def robots_for(self, url: str) -> Robots:
        """The robots.txt rules of ``url``'s origin (fetched once, as for pages)."""
        return await self._robots(self._origin(origin_key(check_url(url))))

    async def polite(self, url: str, send: Callable[[httpx.AsyncClient], Awaitable[T]]) -> T:
        """``send(client)`` for ``url`` under this batch's robots.txt verdict, per-origin
        politeness, concurrency cap and retries, exactly as a page fetch is."""
        origin = self._origin(origin_key(check_url(url)))
        robots = await self._robots(origin)
        robots.check(url.strip(), self.options.user_agent)
        client = self._client(origin)
        return await self._with_retries(origin, lambda: send(client))

    async def aclose(self) -> None:
        """Close the clients and the cache (``run`` does it itself)."""
        await self._close_clients()
