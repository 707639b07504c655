"""``--warc FILE``: every HTTP exchange that crossed the network, as WARC records (warcio).

A run opens with a ``warcinfo`` record (the software, its settings). Each exchange
becomes a ``request`` record (what was sent) and a ``response`` record (what came
back), linked both ways by ``WARC-Concurrent-To``, under the URL it was sent to:
redirects under their own URLs (``extract`` follows them back to the input URL),
robots.txt, error statuses and non-HTML bodies alike. The payload is the body as it
arrived (still ``Content-Encoding``-ed, with transfer chunking undone, so the stored
headers state the true ``Content-Length``); a body cut short (over ``--max-bytes``, a
timeout, a dropped connection) is stored as far as it was read and marked
``WARC-Truncated``. Cache hits never reach this layer (they sit above it) and are not
archived again; a revalidated answer (304) is a real exchange and is.

The file's name says how it is written: ``.warc`` plain, anything else (``.warc.gz``)
gzipped record by record, as archive tools expect. Writing happens on one background
thread, in the order exchanges end, so compressing never stalls the downloads.
``newsscrape.document.warc`` reads such files back (without the HTTP stack).
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from newsscrape.version import __version__

_DROPPED = frozenset({"transfer-encoding", "content-length"})
"""Response headers that describe the transfer, not the stored payload."""


class WarcArchive:
    """Appends records to a WARC file from a background thread; ``close`` it."""

    def __init__(self, path: str | Path, *, settings: dict[str, str] | None = None) -> None:
        from warcio.warcwriter import WARCWriter

        name = str(path)
        self._file = open(path, "ab")  # noqa: SIM115 - closed in close()
        self._writer = WARCWriter(self._file, gzip=not name.endswith(".warc"), warc_version="1.1")
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="newsscrape-warc")
        self._info_id: str | None = None
        self._thread.submit(self._write_info, Path(name).name, settings or {})

    def exchange(self, request: httpx.Request, response: httpx.Response, body: bytes, *,
                 truncated: str | None = None) -> None:
        """Queue one exchange: ``body`` is the payload as it arrived; ``truncated`` (the
        WARC reason: ``length``, ``time``, ``disconnect``) when it is not all of it."""
        date = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._thread.submit(self._write_exchange, _request_head(request),
                            _response_head(response, len(body)), str(request.url), body,
                            date, truncated)

    def _write_info(self, filename: str, settings: dict[str, str]) -> None:
        info = {"software": f"newsscrape/{__version__}", "format": "WARC File Format 1.1",
                "conformsTo": "https://iipc.github.io/warc-specifications/specifications/"
                              "warc-format/warc-1.1/", **settings}
        record = self._writer.create_warcinfo_record(filename, info)
        self._info_id = record.rec_headers.get_header("WARC-Record-ID")
        self._writer.write_record(record)
        self._file.flush()

    def _write_exchange(self, request: tuple[str, list[tuple[str, str]], str],
                        response: tuple[str, list[tuple[str, str]], str], url: str,
                        body: bytes, date: str, truncated: str | None) -> None:
        from warcio.statusandheaders import StatusAndHeaders

        common = {"WARC-Date": date, **({"WARC-Warcinfo-ID": self._info_id}
                                        if self._info_id else {})}
        answer = self._writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body),
            http_headers=StatusAndHeaders(response[0], response[1], protocol=response[2]),
            warc_headers_dict={**common, **({"WARC-Truncated": truncated} if truncated
                                            else {})})
        asked = self._writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""), length=0,
            http_headers=StatusAndHeaders(request[0], request[1], protocol=request[2],
                                          is_http_request=True),
            warc_headers_dict=common)
        asked.rec_headers.add_header("WARC-Concurrent-To",
                                     answer.rec_headers.get_header("WARC-Record-ID"))
        answer.rec_headers.add_header("WARC-Concurrent-To",
                                      asked.rec_headers.get_header("WARC-Record-ID"))
        self._writer.write_record(answer)
        self._writer.write_record(asked)
        self._file.flush()

    def close(self) -> None:
        """Write what is queued, then close the file."""
        self._thread.shutdown(wait=True)
        self._file.close()


def _request_head(request: httpx.Request) -> tuple[str, list[tuple[str, str]], str]:
    """(request line, headers, protocol) of a request as it was sent."""
    target = request.url.raw_path.decode("ascii", "replace")
    return (f"{request.method} {target}", list(request.headers.items()), "HTTP/1.1")


def _response_head(response: httpx.Response,
                   length: int) -> tuple[str, list[tuple[str, str]], str]:
    """(status line, headers with the stored payload's length, protocol)."""
    version = response.extensions.get("http_version", b"HTTP/1.1")
    protocol = version.decode("ascii") if isinstance(version, bytes) else str(version)
    reason = response.extensions.get("reason_phrase", b"")
    reason = reason.decode("ascii", "replace") if isinstance(reason, bytes) else str(reason)
    headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _DROPPED]
    headers.append(("Content-Length", str(length)))
    reason = reason or httpx.codes.get_reason_phrase(response.status_code)
    return (f"{response.status_code} {reason}".strip(), headers,
            protocol if protocol.startswith("HTTP/") else "HTTP/1.1")


class ArchivingTransport(httpx.AsyncBaseTransport):
    """Records each exchange as its response is read, and archives it when it closes."""

    def __init__(self, inner: httpx.AsyncBaseTransport, archive: WarcArchive, *,
                 cap: int) -> None:
        self.inner = inner
        self.archive = archive
        self.cap = cap

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send, and tap the response's body on its way up."""
        response = await self.inner.handle_async_request(request)
        response.stream = _Recorded(response.stream, self.cap,
                                    lambda body, cut: self.archive.exchange(
                                        request, response, body, truncated=cut))
        return response

    async def aclose(self) -> None:
        """Close the wrapped transport."""
        await self.inner.aclose()


class _Recorded(httpx.AsyncByteStream):
    """A response body passed through unchanged, kept (up to ``cap`` bytes) for the
    archive, which gets it when the body is closed."""

    def __init__(self, inner: Any, cap: int, done: Any) -> None:
        self.inner = inner
        self.cap = cap
        self.done = done
        self.parts: list[bytes] = []
        self.size = 0
        self.truncated: str | None = None
        self.complete = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self.inner:
                if self.size <= self.cap:
                    self.parts.append(chunk)
                self.size += len(chunk)
                yield chunk
        except asyncio.CancelledError:  # the whole-request deadline
            self.truncated = "time"
            raise
        except Exception:
            self.truncated = "disconnect"
            raise
        self.complete = True

    async def aclose(self) -> None:
        try:
            await self.inner.aclose()
        finally:
            done, self.done = self.done, None
            if done is not None:
                body = b"".join(self.parts)
                cut = self.truncated or (None if self.complete else "length")
                if len(body) > self.cap:
                    body, cut = body[:self.cap], "length"
                done(body, cut)
