"""``--cache DIR``: an RFC 9111 HTTP cache (hishel), shared by every client of a run.

hishel 2 is a transport wrapping ours (``AsyncCacheTransport``), so it composes with
the address-checking transport rather than replacing it. It runs as a private cache
(one user's crawler, not a proxy), storing raw bodies with their Content-Encoding so
the fetcher's size-capped inflater sees cached answers exactly like fresh ones.
"""

from __future__ import annotations

from pathlib import Path

import httpx
from hishel import AsyncSqliteStorage, CacheOptions
from hishel.httpx import AsyncCacheTransport

CACHE_FILE = "http-cache.sqlite"


class SharedStorage(AsyncSqliteStorage):
    """hishel closes the storage with each transport; ours is shared, so it waits for
    ``close_for_real`` at the end of the run."""

    async def close(self) -> None:
        """Ignored: other transports still use the storage."""

    async def close_for_real(self) -> None:
        """Close the database."""
        await super().close()


def open_storage(directory: str) -> SharedStorage:
    """The cache database in ``directory`` (created if needed)."""
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    return SharedStorage(database_path=path / CACHE_FILE)


def caching(inner: httpx.AsyncBaseTransport, storage: SharedStorage) -> httpx.AsyncBaseTransport:
    """``inner`` behind the cache."""
    return AsyncCacheTransport(inner, storage=storage, rfc=CacheOptions(shared=False))
