"""Build the transport stacks every client uses::

    PolicyTransport        refuse reused/cached hosts the address policy forbids
      AsyncCacheTransport    (with --cache) hishel, RFC 9111, SQLite in the cache dir
        PacingTransport        (in a batch) wait for the origin's politeness slot
          ArchivingTransport     (with --warc) record the exchange as it is read
            GuardedTransport       httpx's pool on GuardedBackend: check each address
            (or ProxyTransport)    the same, to an environment proxy (``proxies``)

Each layer sees exactly what it should. The policy check sits outside the cache so a
cached page cannot smuggle a forbidden address past it. Pacing and archiving sit
below the cache, so a cache hit waits for no politeness slot and is not archived again
as a fresh capture; every response that really crossed the network is paced under the
origin it came from (a redirect hop's own, not its input's) and archived, whatever
its status or type. hishel 2 composes as a transport wrapping ours, so the cache and
the address check do not fight. One ``TransportFactory`` serves all the clients of a
run, so they share the address book, the cache database, the pacer and the archive;
``mounts`` gives each proxy pattern of the environment its own stack.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import ssl
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Protocol

import httpx

from newsscrape.fetcher.proxies import ProxyTransport, environment_proxies
from newsscrape.fetcher.safety import (
    AddressBook,
    GuardedBackend,
    GuardedTransport,
    PolicyTransport,
    Resolver,
    system_resolve,
)
from newsscrape.options import FetchOptions

if TYPE_CHECKING:
    from newsscrape.fetcher.archive import WarcArchive
    from newsscrape.fetcher.cache import SharedStorage

request_deadline: contextvars.ContextVar[asyncio.Timeout | None] = contextvars.ContextVar(
    "newsscrape_deadline", default=None)
"""The deadline of the request chain being sent (``client._request`` sets it), which
time spent waiting for politeness pushes back: ``--timeout`` bounds the network's time,
not the queue's."""


def extend_deadline(seconds: float) -> None:
    """Push the current request's deadline back by ``seconds`` (waits that are not the
    network's: a politeness slot, a redirect target's robots.txt)."""
    deadline = request_deadline.get()
    when = deadline.when() if deadline is not None else None
    if deadline is not None and when is not None and seconds > 0:
        deadline.reschedule(when + seconds)


@functools.cache
def ssl_context() -> ssl.SSLContext:
    """httpx's default verifying context, built once (loading the CA bundle takes ~25 ms)."""
    return httpx.create_ssl_context()


class Slot(Protocol):
    """A politeness slot held for one request until its response is closed."""

    def answered(self, response: httpx.Response) -> None:
        """The response's status and headers arrived (a 429 slows its origin down)."""

    def release(self) -> None:
        """The request is over."""


class Pacer(Protocol):
    """Gives out politeness slots, per origin (``batch.polite``)."""

    async def acquire(self, url: httpx.URL) -> Slot: ...


class PacingTransport(httpx.AsyncBaseTransport):
    """Each request that goes to the network waits for its origin's slot and holds it
    until its response is closed; the wait does not count against the deadline."""

    def __init__(self, inner: httpx.AsyncBaseTransport, pacer: Pacer) -> None:
        self.inner = inner
        self.pacer = pacer

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Wait for the slot, send, and release the slot when the response closes."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        slot = await self.pacer.acquire(request.url)
        extend_deadline(loop.time() - start)
        try:
            response = await self.inner.handle_async_request(request)
        except BaseException:
            slot.release()
            raise
        slot.answered(response)
        response.stream = _Releasing(response.stream, slot)
        return response

    async def aclose(self) -> None:
        """Close the wrapped transport."""
        await self.inner.aclose()


class _Releasing(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream | httpx.AsyncByteStream, slot: Slot) -> None:
        self.inner = inner
        self.slot: Slot | None = slot

    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert isinstance(self.inner, httpx.AsyncByteStream)
        async for chunk in self.inner:
            yield chunk

    async def aclose(self) -> None:
        try:
            if isinstance(self.inner, httpx.AsyncByteStream):
                await self.inner.aclose()
        finally:
            slot, self.slot = self.slot, None
            if slot is not None:
                slot.release()


class TransportFactory:
    """Makes transport stacks sharing one address book (and one cache storage, pacer and
    archive, if any).

    ``max_connections`` is each transport's pool size (a batch makes room for its
    per-origin requests plus a robots.txt or a redirect elsewhere).
    """

    def __init__(self, options: FetchOptions, *, resolve: Resolver = system_resolve,
                 inner_backend: object | None = None, max_connections: int = 4,
                 pacer: Pacer | None = None, archive: WarcArchive | None = None,
                 proxies: dict[str, str | None] | None = None) -> None:
        self.options = options
        self.book = AddressBook()
        self.backend = GuardedBackend(allow_private=options.allow_private, book=self.book,
                                      resolve=resolve, inner=inner_backend)  # type: ignore[arg-type]
        self.verify = ssl_context()
        self.limits = httpx.Limits(max_connections=max_connections,
                                   max_keepalive_connections=max_connections,
                                   keepalive_expiry=5.0)
        self.pacer = pacer
        self.archive = archive
        self.proxies = environment_proxies() if proxies is None else proxies
        self.storage: SharedStorage | None = None
        if options.cache_dir:
            from newsscrape.fetcher.cache import open_storage

            self.storage = open_storage(options.cache_dir)

    def transport(self) -> httpx.AsyncBaseTransport:
        """A new direct transport (own connection pool) on the shared parts."""
        return self._stack(GuardedTransport(backend=self.backend, limits=self.limits,
                                            verify=self.verify), direct=True)

    def mounts(self) -> dict[str, httpx.AsyncBaseTransport | None]:
        """The environment's proxy patterns, each with a new transport of its own (None:
        the client's direct one), for ``httpx.AsyncClient(mounts=...)``."""
        return {pattern: None if url is None else self._stack(ProxyTransport(
            url, backend=self.backend, limits=self.limits, verify=self.verify), direct=False)
            for pattern, url in self.proxies.items()}

    def _stack(self, network: httpx.AsyncBaseTransport, *,
               direct: bool) -> httpx.AsyncBaseTransport:
        inner = network
        if self.archive is not None:
            from newsscrape.fetcher.archive import ArchivingTransport

            inner = ArchivingTransport(inner, self.archive, cap=self.options.max_bytes)
        if self.pacer is not None:
            inner = PacingTransport(inner, self.pacer)
        if self.storage is not None:
            from newsscrape.fetcher.cache import caching

            inner = caching(inner, self.storage)
        # through a proxy the target's name is the proxy's to resolve, not ours
        return PolicyTransport(inner, backend=self.backend,
                               may_answer_offline=direct and self.storage is not None)

    async def aclose(self) -> None:
        """Close the shared cache storage (each transport closes its own pool)."""
        if self.storage is not None:
            await self.storage.close_for_real()
