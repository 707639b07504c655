"""WARC files (warcio): ``--warc FILE`` writes each page fetched; ``extract`` reads them back.

Each page read whole becomes one ``response`` record (gzip per record, as ``.warc.gz``
tools expect) whose target URI is the URL the page was finally served from. The
payload is the body after content decoding (gzip/deflate undone while it streamed,
under the size cap), so the stored headers drop ``Content-Encoding`` and
``Transfer-Encoding`` and state the true ``Content-Length``. Writing happens on one
background thread, in arrival order, so compressing never stalls the downloads.

Reading: every ``response`` record with a 2xx status and an HTML content type is
one page, with ``url`` and ``final_url`` set to the record's target URI and
``fetched_at`` to its WARC-Date. A record that ends before its stated length (a file
cut short by a crash or a partial copy) raises ``TruncatedWarcError`` once the pages
before it are read; warcio itself reads such a file to its end without complaint.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import httpx

from newsscrape.fetch.content_type import media_type, type_problem, xml_root_problem

_DROPPED = frozenset({"content-encoding", "transfer-encoding", "content-length"})


class TruncatedWarcError(ValueError):
    """A WARC record ends before its stated length: the file is cut short."""


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


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One HTML response read from a WARC file."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    date: str | None
    record_id: str | None = None
    """WARC-Record-ID (``<urn:uuid:...>``)."""


def is_warc(path: str) -> bool:
    """Whether ``path`` looks like a WARC file (by name, or by its first bytes)."""
    if path.endswith((".warc", ".warc.gz")):
        return True
    if path == "-" or not os.path.isfile(path):  # sniffing a pipe would eat its start
        return False
    try:
        with open(path, "rb") as stream:
            head = stream.read(512)
    except OSError:
        return False
    if head.startswith(b"\x1f\x8b"):
        import zlib

        try:
            head = zlib.decompressobj(31).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def read_warc(stream: IO[bytes], *, max_bytes: int | None = None,
              on_record: Callable[[], None] | None = None) -> Iterator[WarcPage]:
    """Every 2xx HTML response record in a (gzipped or plain) WARC stream.

    A body is read up to ``max_bytes + 1`` bytes (so the caller can tell it is over the
    cap without holding all of it). Raises ``TruncatedWarcError`` at a cut-short record.
    ``on_record`` is called once for every record read, of any type (for counting).
    """
    records = _checked_iterator(stream)
    for record in records:
        if on_record is not None:
            on_record()
        page = _page(record, max_bytes)
        _check_complete(record)
        if page is not None:
            yield page
    if records.cut_short:
        raise TruncatedWarcError("truncated: the file ends inside a record")


def _checked_iterator(stream: IO[bytes]) -> Any:
    """warcio's ArchiveIterator, noting whether the file ended inside a gzip member or a
    record header (warcio stops there quietly, as at a clean end)."""
    from warcio.archiveiterator import ArchiveIterator

    class Checked(ArchiveIterator):  # type: ignore[misc]
        cut_short = False

        def close(self) -> None:
            decompressor = getattr(self.reader, "decompressor", None)
            mid_member = decompressor is not None and not getattr(decompressor, "eof", True)
            # next_line: the start of a record whose header never ended
            if mid_member or getattr(self, "next_line", None):
                self.cut_short = True
            super().close()

    return Checked(stream)


def _check_complete(record: Any) -> None:
    """Read the rest of the record; raise if the file ends before its Content-Length."""
    raw = record.raw_stream
    while raw.read(65536):
        pass
    missing = getattr(raw, "limit", 0)
    if missing:
        uri = record.rec_headers.get_header("WARC-Target-URI") or record.rec_type
        raise TruncatedWarcError(f"truncated: the record for {uri} lacks its last "
                                 f"{missing} bytes")


def _page(record: Any, max_bytes: int | None) -> WarcPage | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = int(record.http_headers.get_statuscode() or 0)
    headers = {k.lower(): v for k, v in record.http_headers.headers}
    mime = media_type(headers.get("content-type"))
    if not 200 <= status < 300 or type_problem(mime):
        return None
    # content-encoding undone, as we stored it
    body = record.content_stream().read(-1 if max_bytes is None else max_bytes + 1)
    if xml_root_problem(mime, body):  # a feed or sitemap archived beside the pages
        return None
    date = record.rec_headers.get_header("WARC-Date")
    return WarcPage(url=record.rec_headers.get_header("WARC-Target-URI"), status=status,
                    headers=headers, body=body, date=_iso(date),
                    record_id=record.rec_headers.get_header("WARC-Record-ID"))


def _iso(date: str | None) -> str | None:
    """WARC-Date (``...Z``) in the record's ``fetched_at`` form (``+00:00``)."""
    if not date:
        return None
    try:
        return datetime.fromisoformat(date.replace("Z", "+00:00")).isoformat(timespec="seconds")
    except ValueError:
        return None
