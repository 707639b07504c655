"""An httpcore network backend on plain asyncio streams (the one ``GuardedBackend`` connects with).

httpcore's default for asyncio goes through anyio, whose cancel scopes, ``fail_after``
and per-call attribute tables cost about a tenth of the fetching process's CPU per
request (measured on the batch benchmark: 1.15 → 1.02 ms a page fetched). The batch
only ever runs on asyncio (or uvloop, which serves the same API), so the sockets are
asyncio ``StreamReader``/``StreamWriter`` pairs and timeouts are ``asyncio.timeout``.
Errors map to httpcore's exceptions as its own backends map them.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore
from httpcore._utils import is_socket_readable


class AsyncioStream(httpcore.AsyncNetworkStream):
    """One TCP (possibly TLS) connection."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        """Up to ``max_bytes``; ``b""`` at the end of the stream."""
        try:
            async with asyncio.timeout(timeout):
                return await self._reader.read(max_bytes)
        except TimeoutError as exc:
            raise httpcore.ReadTimeout("timed out reading") from exc
        except (OSError, ssl.SSLError) as exc:
            raise httpcore.ReadError(str(exc) or type(exc).__name__) from exc

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        """Send all of ``buffer``."""
        if not buffer:
            return
        try:
            self._writer.write(buffer)
            async with asyncio.timeout(timeout):
                await self._writer.drain()
        except TimeoutError as exc:
            raise httpcore.WriteTimeout("timed out writing") from exc
        except (OSError, ssl.SSLError, RuntimeError) as exc:  # RuntimeError: closed transport
            raise httpcore.WriteError(str(exc) or type(exc).__name__) from exc

    async def aclose(self) -> None:
        """Close without waiting for the peer."""
        self._writer.close()

    async def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                        timeout: float | None = None) -> httpcore.AsyncNetworkStream:
        """Upgrade to TLS in place (the hostname is used for SNI and the certificate)."""
        try:
            async with asyncio.timeout(timeout):
                await self._writer.start_tls(ssl_context, server_hostname=server_hostname)
        except TimeoutError as exc:
            self._writer.close()
            raise httpcore.ConnectTimeout("timed out in the TLS handshake") from exc
        except (OSError, ssl.SSLError) as exc:
            self._writer.close()
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        return self

    def get_extra_info(self, info: str) -> Any:
        """What httpcore asks of a stream: addresses, the socket, TLS, readability."""
        if info == "is_readable":  # an idle kept-alive connection the server closed or wrote to
            buffered = getattr(self._reader, "_buffer", b"")
            return (self._reader.at_eof() or bool(buffered)
                    or is_socket_readable(self._writer.get_extra_info("socket")))
        key = {"client_addr": "sockname", "server_addr": "peername"}.get(info, info)
        if key in ("sockname", "peername", "socket", "ssl_object"):
            return self._writer.get_extra_info(key)
        return None


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    """Connects ``AsyncioStream``s."""

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
                          ) -> httpcore.AsyncNetworkStream:
        """Open a TCP connection to ``host`` (here always an IP address) and ``port``."""
        local = (local_address, 0) if local_address else None
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(host, port, local_addr=local)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(f"timed out connecting to {host}:{port}") from exc
        except OSError as exc:
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        sock = writer.get_extra_info("socket")
        for option in socket_options or ():
            sock.setsockopt(*option)
        return AsyncioStream(reader, writer)

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
                                  ) -> httpcore.AsyncNetworkStream:  # pragma: no cover
        """Unix sockets are never used for web URLs."""
        raise httpcore.ConnectError("unix sockets are not used")

    async def sleep(self, seconds: float) -> None:
        """``asyncio.sleep``."""
        await asyncio.sleep(seconds)
