"""``--warc FILE``: write each page fetched as a WARC ``response`` record (warcio).

Each page read whole becomes one ``response`` record (gzip per record, as ``.warc.gz``
tools expect) whose target URI is the URL the page was finally served from. The
payload is the body after content decoding (gzip/deflate undone while it streamed,
under the size cap), so the stored headers drop ``Content-Encoding`` and
``Transfer-Encoding`` and state the true ``Content-Length``. Writing happens on one
background thread, in arrival order, so compressing never stalls the downloads.

``newsscrape.document.warc`` reads such files back (without the HTTP stack).
"""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import httpx

_DROPPED = frozenset({"content-encoding", "transfer-encoding", "content-length"})


class WarcArchive:
    """Appends response records to a ``.warc.gz`` file from a background thread."""

    def __init__(self, path: str | Path) -> None:
        from warcio.warcwriter import WARCWriter

        self._file = open(path, "ab")  # noqa: SIM115 - closed in close()
        self._writer = WARCWriter(self._file, gzip=True)
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="newsscrape-warc")

    def __call__(self, response: httpx.Response, url: str, body: bytes) -> None:
        """Queue one response (the fetcher's ``archive`` hook)."""
        version = response.http_version if response.http_version.startswith("HTTP/") \
            else "HTTP/1.1"
        status = f"{response.status_code} {response.reason_phrase}".strip()
        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _DROPPED]
        headers.append(("Content-Length", str(len(body))))
        date = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._thread.submit(self._write, url, version, status, headers, body, date)

    def _write(self, url: str, version: str, status: str, headers: list[tuple[str, str]],
               body: bytes, date: str) -> None:
        from warcio.statusandheaders import StatusAndHeaders

        http_headers = StatusAndHeaders(status, headers, protocol=version)
        record = self._writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body),
            http_headers=http_headers, warc_headers_dict={"WARC-Date": date})
        self._writer.write_record(record)
        self._file.flush()

    def close(self) -> None:
        """Write what is queued, then close the file."""
        self._thread.shutdown(wait=True)
        self._file.close()
