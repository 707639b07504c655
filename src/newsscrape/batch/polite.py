"""Fetch pages as a polite crawler does: robots.txt, per-origin spacing, retries, pools.

``PoliteFetcher`` holds what a run knows about each origin (``batch.origins``): its
robots.txt rules (fetched once, by the first request that needs them), the start
slots that space its requests, and its httpx client. ``fetch`` takes one URL of an
origin through robots, the politeness slots, the global concurrency cap and the
retries ``fetcher.retry`` allows, and returns the decoded page or raises its error.
The batch runner and ``newsscrape.fetch`` both fetch through it; ``polite`` runs any
other request (discovery's feeds and sitemaps) under the same rules.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx

from newsscrape.batch.origins import Origin, origin_key, robots_url
from newsscrape.errors import BlockedError, HTTPStatusError, NewsscrapeError
from newsscrape.fetcher.client import Archive, check_url, fetch_page, fetch_robots, make_client
from newsscrape.fetcher.retry import backoff, is_retryable
from newsscrape.fetcher.robots import ALLOW_ALL, Robots, robots_from_answer, robots_from_failure
from newsscrape.fetcher.transports import TransportFactory
from newsscrape.options import BatchOptions, FetchOptions
from newsscrape.record import Page

T = TypeVar("T")


class PoliteFetcher:
    """Fetches pages origin by origin for one run; ``aclose`` it at the end."""

    def __init__(self, fetch: FetchOptions, batch: BatchOptions, *,
                 archive: Archive | None = None, factory: TransportFactory | None = None,
                 ) -> None:
        self.options = fetch
        self.batch = batch
        self.archive = archive
        # each pool: room for the per-origin requests plus a robots.txt or a redirect
        self.factory = factory or TransportFactory(
            fetch, max_connections=max(batch.per_host + 2, 4))
        self.origins: dict[str, Origin] = {}
        self.slots = asyncio.Semaphore(batch.concurrency)

    def origin(self, url: str) -> Origin:
        """The origin of ``url`` (checked first: ``InvalidURLError`` if it cannot be
        fetched), made on first use."""
        key = origin_key(check_url(url))
        origin = self.origins.get(key)
        if origin is None:
            origin = self.origins[key] = Origin(key=key, delay=self.batch.delay)
        return origin

    async def fetch(self, origin: Origin, url: str) -> Page:
        """The page at ``url`` (of ``origin``), fetched as robots.txt, the politeness
        settings and the retry policy allow; raises its ``NewsscrapeError``."""
        return await self._politely(origin, url, lambda client: fetch_page(
            client, url, self.options, archive=self.archive))

    async def polite(self, url: str, send: Callable[[httpx.AsyncClient], Awaitable[T]]) -> T:
        """``send(client)`` for ``url``, under the same robots.txt verdict, politeness
        slots, concurrency cap and retries as a page (``InvalidURLError`` first if
        ``url`` cannot be fetched)."""
        return await self._politely(self.origin(url), url, send)

    async def robots(self, url: str) -> Robots:
        """The robots.txt rules of ``url``'s origin (fetched once per origin, as for
        pages; everything allowed with ``respect_robots`` off)."""
        return await self._robots(self.origin(url))

    async def _politely(self, origin: Origin, url: str,
                        send: Callable[[httpx.AsyncClient], Awaitable[T]]) -> T:
        robots = await self._robots(origin)
        robots.check(url.strip(), self.options.user_agent)
        client = self._client(origin)
        return await self._with_retries(origin, lambda: send(client))

    async def aclose(self) -> None:
        """Close every client and the shared transport resources."""
        for origin in self.origins.values():
            if origin.client is not None:
                await origin.client.aclose()
        await self.factory.aclose()

    async def _with_retries(self, origin: Origin, send: Callable[[], Awaitable[T]]) -> T:
        """``send()`` in this origin's politeness slots, retried as ``fetcher.retry`` says."""
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
                if attempt >= self.batch.retries or not is_retryable(exc):
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
