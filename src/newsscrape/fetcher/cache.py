"""``--cache DIR``: an RFC 9111 HTTP cache (hishel), shared by every client of a run.

hishel 2 is a transport wrapping ours (``AsyncCacheTransport``), so it composes with
the address-checking transport rather than replacing it. It runs as a private cache
(one user's crawler, not a proxy), storing raw bodies with their Content-Encoding so
the fetcher's size-capped inflater sees cached answers exactly like fresh ones.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
from hishel import AsyncSqliteStorage, CacheOptions
from hishel.httpx import AsyncCacheTransport

from newsscrape.errors import ArgumentError

CACHE_FILE = "http-cache.sqlite"


class SharedStorage(AsyncSqliteStorage):
    """hishel closes the storage with each transport; ours is shared, so it waits for
    ``close_for_real`` at the end of the run."""

    async def close(self) -> None:
        """Ignored: other transports still use the storage."""

    async def close_for_real(self) -> None:
        """Close the database."""
        await super().close()


def check_directory(directory: str) -> str | None:
    """Why the cache in ``directory`` cannot be used, or None: the directory is made if
    needed and the database opened (a file system that refuses either says so here,
    before a run has touched any of its outputs)."""
    path = Path(directory)
    try:
        path.mkdir(parents=True, exist_ok=True)
        database = sqlite3.connect(path / CACHE_FILE)
        try:
            database.execute("PRAGMA user_version").fetchone()
        finally:
            database.close()
    except OSError as exc:
        return exc.strerror or str(exc)
    except sqlite3.Error as exc:
        return f"cannot open its database {path / CACHE_FILE}: {exc}"
    return None


def open_storage(directory: str) -> SharedStorage:
    """The cache database in ``directory`` (created if needed); ``ArgumentError`` naming
    ``cache_dir`` when it cannot be."""
    problem = check_directory(directory)
    if problem:
        raise ArgumentError("cache_dir", f"cannot use {directory!r}: {problem}")
    return SharedStorage(database_path=Path(directory) / CACHE_FILE)


def caching(inner: httpx.AsyncBaseTransport, storage: SharedStorage) -> httpx.AsyncBaseTransport:
    """``inner`` behind the cache."""
    return AsyncCacheTransport(inner, storage=storage, rfc=CacheOptions(shared=False))
