"""Build the transport stack every client uses: policy check › cache › guarded connections.

::

    PolicyTransport      refuse reused/cached hosts the address policy forbids
      AsyncCacheTransport  (with --cache) hishel, RFC 9111, SQLite in the cache dir
        GuardedTransport     httpx's pool on GuardedBackend: check each address connected

The policy check sits outside the cache so a cached page cannot smuggle a forbidden
address past it. hishel 2 composes as a transport wrapping ours, so the cache and the
address check do not fight. One ``TransportFactory`` serves all the per-origin clients
of a run, so they share the address book and the cache database.
"""

from __future__ import annotations

import functools
import ssl
from typing import TYPE_CHECKING

import httpx

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
    from newsscrape.fetcher.cache import SharedStorage


@functools.cache
def ssl_context() -> ssl.SSLContext:
    """httpx's default verifying context, built once (loading the CA bundle takes ~25 ms)."""
    return httpx.create_ssl_context()


class TransportFactory:
    """Makes transports sharing one address book (and one cache storage, if any).

    ``max_connections`` is each transport's pool size (a batch makes room for its
    per-origin requests plus a robots.txt or a redirect elsewhere).
    """

    def __init__(self, options: FetchOptions, *, resolve: Resolver = system_resolve,
                 inner_backend: object | None = None, max_connections: int = 4) -> None:
        self.options = options
        self.book = AddressBook()
        self.backend = GuardedBackend(allow_private=options.allow_private, book=self.book,
                                      resolve=resolve, inner=inner_backend)  # type: ignore[arg-type]
        self.verify = ssl_context()
        self.limits = httpx.Limits(max_connections=max_connections,
                                   max_keepalive_connections=max_connections,
                                   keepalive_expiry=5.0)
        self.storage: SharedStorage | None = None
        if options.cache_dir:
            from newsscrape.fetcher.cache import open_storage

            self.storage = open_storage(options.cache_dir)

    def transport(self) -> httpx.AsyncBaseTransport:
        """A new transport (own connection pool) on the shared backend and cache."""
        inner: httpx.AsyncBaseTransport = GuardedTransport(
            backend=self.backend, limits=self.limits, verify=self.verify)
        if self.storage is not None:
            from newsscrape.fetcher.cache import caching

            inner = caching(inner, self.storage)
        return PolicyTransport(inner, backend=self.backend,
                               may_answer_offline=self.storage is not None)

    async def aclose(self) -> None:
        """Close the shared cache storage (each transport closes its own pool)."""
        if self.storage is not None:
            await self.storage.close_for_real()

