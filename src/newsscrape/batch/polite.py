"""Fetch pages as a polite crawler does: robots.txt, per-origin caps and spacing, retries.

``PoliteFetcher`` holds what a run knows about each origin (``origins``): its robots.txt
rules (fetched once, by the first request that needs them), its politeness state
(``Origin``: requests in flight, spacing between starts) and its httpx client.

Politeness is applied where a request goes to the network: the fetcher is the pacer of
its transports (``fetcher.transports.PacingTransport``), which ask it for a slot of the
origin each request is sent to. So a redirect hop waits under the origin it goes to
(short links landing on one newsroom do not hit it at N times its rate), the answers
of that origin slow it down (a 429 doubles its spacing; ``Retry-After`` pushes its next
start), and a cache hit, which never reaches the network, waits for nothing. Each
redirect target is checked against its own origin's robots.txt before it is requested.
robots.txt asks for no start time of its own (the first page follows it at once), and
with ``--cache`` its answer is kept there and reused for a day (RFC 9309 2.4).
``fetch`` takes one URL through robots.txt and the retries ``fetcher.retry`` allows, and
returns the decoded page or raises its error; ``polite`` runs any other request
(discovery's feeds and sitemaps) under the same rules, its redirect hops checked by
``hop_allowed``. A wait longer than ``NOTICE_AFTER`` is announced (``notice``), whatever
stderr is. The batch runner and ``newsscrape.fetch`` both fetch through it.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx

from newsscrape.batch.origins import Origin, origin_key, robots_url
from newsscrape.errors import BlockedError, HTTPStatusError, NewsscrapeError, RobotsError
from newsscrape.fetcher.archive import WarcArchive
from newsscrape.fetcher.client import fetch_page, fetch_robots, make_client, parse_url
from newsscrape.fetcher.retry import MAX_RETRY_AFTER, backoff, is_retryable, parse_retry_after
from newsscrape.fetcher.robots import ALLOW_ALL, Robots, robots_from_answer, robots_from_failure
from newsscrape.fetcher.robots_cache import RobotsStore
from newsscrape.fetcher.transports import TransportFactory
from newsscrape.options import BatchOptions, FetchOptions
from newsscrape.output import safe_for_terminal
from newsscrape.record import Page

T = TypeVar("T")
_unpaced: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "newsscrape_unpaced", default=None)
"""The origin key whose robots.txt is being fetched for the first time: that request
neither waits for the origin's next start time nor pushes it back, so the first page
of an origin is not held back a whole ``--delay`` (its retries are paced as usual)."""
Notice = Callable[[str], None]
"""Takes a terminal-safe line for the user (a long wait), as ``Reporter.say`` does."""
NOTICE_AFTER = 3.0
"""Seconds: a longer wait (politeness, Retry-After, backoff) is announced."""


class PoliteFetcher:
    """Fetches pages origin by origin for one run; ``aclose`` it at the end."""

    def __init__(self, fetch: FetchOptions, batch: BatchOptions, *,
                 archive: WarcArchive | None = None, notice: Notice | None = None) -> None:
        self.options = fetch
        self.batch = batch
        self.notice = notice
        self.keep_bodies = archive is not None
        # each pool: room for the per-origin requests plus a robots.txt or a redirect
        self.factory = TransportFactory(fetch, max_connections=max(batch.per_host + 2, 4),
                                        pacer=self, archive=archive)
        self.origins: dict[str, Origin] = {}
        self.slots = asyncio.Semaphore(batch.concurrency)
        self.robots_store = RobotsStore(fetch.cache_dir) if fetch.cache_dir else None

    def origin(self, url: str) -> Origin:
        """The origin of ``url`` (checked first: ``InvalidURLError`` if it cannot be
        fetched), made on first use."""
        return self._origin(origin_key(parse_url(url)))

    def _origin(self, key: str) -> Origin:
        origin = self.origins.get(key)
        if origin is None:
            origin = self.origins[key] = Origin(key=key, delay=self.batch.delay,
                                                per_host=self.batch.per_host)
        return origin

    async def fetch(self, origin: Origin, url: str, *, decode: bool = True) -> Page:
        """The page at ``url`` (of ``origin``), fetched as robots.txt, the politeness
        settings and the retry policy allow (left undecoded with ``decode`` off: see
        ``Page.body``); raises its ``NewsscrapeError``."""
        return await self._politely(origin, url, lambda client: fetch_page(
            client, url, self.options, before_hop=self.hop_allowed,
            keep_bodies=self.keep_bodies, decode=decode))

    async def polite(self, url: str, send: Callable[[httpx.AsyncClient], Awaitable[T]]) -> T:
        """``send(client)`` for ``url``, under the same robots.txt verdict, politeness
        slots, concurrency cap and retries as a page (``InvalidURLError`` first if
        ``url`` cannot be fetched). ``send`` should pass ``hop_allowed`` and
        ``keep_bodies`` on to the request, as ``fetch`` does."""
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
        return await self._with_retries(url, lambda: send(client))

    async def aclose(self) -> None:
        """Close every client and the shared transport resources."""
        for origin in self.origins.values():
            if origin.client is not None:
                await origin.client.aclose()
        await self.factory.aclose()
        if self.robots_store is not None:
            self.robots_store.close()

    async def hop_allowed(self, url: str) -> None:
        """A redirect target may be requested only as its own robots.txt allows."""
        robots = await self._robots(self.origin(url))
        try:
            robots.check(url, self.options.user_agent)
        except RobotsError as exc:
            raise RobotsError(f"the redirect to {url} is {exc.message}",
                              status=exc.status) from exc

    async def _with_retries(self, url: str, send: Callable[[], Awaitable[T]]) -> T:
        """``send()``, retried as ``fetcher.retry`` says (each attempt is paced by the
        transports, under the origins it reaches)."""
        attempt = 0
        while True:
            try:
                return await send()
            except NewsscrapeError as exc:
                if attempt >= self.batch.retries or not is_retryable(exc):
                    raise
                attempt += 1
                retry_after = exc.retry_after if isinstance(exc, HTTPStatusError) else None
                wait = backoff(attempt, retry_after=retry_after)
                reason = ("Retry-After" if retry_after is not None and wait == retry_after
                          else f"retry {attempt} of {self.batch.retries}")
                self._announce(wait, reason, url)
            await asyncio.sleep(wait)

    def _announce(self, wait: float, reason: str, url: str) -> None:
        if self.notice is not None and wait >= NOTICE_AFTER:
            self.notice(f"newsscrape: waiting {wait:.0f} s ({reason}) for "
                        f"{safe_for_terminal(url)}")

    def _client(self, origin: Origin) -> httpx.AsyncClient:
        if origin.client is None:
            origin.client = make_client(self.options, transport=self.factory.transport(),
                                        mounts=self.factory.mounts())
        return origin.client

    # --- the pacer of the transports ------------------------------------------------

    async def acquire(self, url: httpx.URL) -> _Slot:
        """A slot of the origin ``url`` goes to: within its cap on requests in flight,
        at its next start time, and within the run's overall cap. The first request for
        an origin's robots.txt neither waits for a start time nor takes one (``_unpaced``)."""
        origin = self._origin(origin_key(url))
        await origin.gate.acquire()
        try:
            if _unpaced.get() != origin.key:
                wait = origin.reserve()
                self._announce(wait, origin.wait_reason(), str(url))
                await asyncio.sleep(wait)
            await self.slots.acquire()
        except BaseException:
            origin.gate.release()
            raise
        origin.in_flight += 1
        return _Slot(self, origin)

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
        """The origin's robots.txt: from ``--cache`` if it was fetched there less than
        ``ROBOTS_LIFETIME`` ago, else fetched (and kept there when it answered)."""
        kept = self.robots_store.get(origin.key) if self.robots_store is not None else None
        if kept is not None:
            return robots_from_answer(*kept)
        client = self._client(origin)
        url = robots_url(origin.key)
        attempts = 0

        async def send() -> tuple[int, bytes]:
            nonlocal attempts
            attempts += 1  # the first attempt is unpaced: the page after it waits for none
            token = _unpaced.set(origin.key if attempts == 1 else None)
            try:
                status, body = await fetch_robots(client, url, self.options,
                                                  keep_bodies=self.keep_bodies)
            finally:
                _unpaced.reset(token)
            if status >= 500 or status in (408, 429):  # worth retrying like a page
                raise HTTPStatusError(f"HTTP {status}", status=status)
            if self.robots_store is not None:
                self.robots_store.put(origin.key, status, body)
            return status, body

        try:
            return robots_from_answer(*await self._with_retries(url, send))
        except HTTPStatusError as exc:
            return robots_from_answer(exc.status or 500, b"")
        except NewsscrapeError as exc:
            if is_retryable(exc) or isinstance(exc, BlockedError):
                return robots_from_failure(exc)
            return ALLOW_ALL  # a broken redirect or an odd body: no usable rules


class _Slot:
    """One request's hold on its origin's politeness (``fetcher.transports.Slot``)."""

    def __init__(self, fetcher: PoliteFetcher, origin: Origin) -> None:
        self.fetcher = fetcher
        self.origin = origin

    def answered(self, response: httpx.Response) -> None:
        """A 429 slows the origin down; ``Retry-After`` (with a 429 or 5xx) pushes its
        next start (one longer than ``MAX_RETRY_AFTER`` fails the input instead)."""
        status = response.status_code
        if status != 429 and status < 500:
            return
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        if retry_after is not None and retry_after > MAX_RETRY_AFTER:
            return
        if status == 429:
            self.origin.slow_down(retry_after)
        elif retry_after is not None:
            self.origin.not_before(retry_after)

    def release(self) -> None:
        """The request is over: free its places."""
        self.origin.in_flight -= 1
        self.fetcher.slots.release()
        self.origin.gate.release()
