"""Reading WARC files (warcio): what ``extract FILE.warc.gz`` gives the pipeline.

Every ``response`` record with a 2xx status and an HTML content type is one page,
``fetched_at`` its WARC-Date. Redirects are followed through the file: a 3xx response
stored under its own URL names the next hop in its Location, and the page that ends
the chain is given under the chain's first URL (``url``, the input a crawler was given)
with ``final_url`` its own. So re-extracting gives each input once, not its redirects
nor its landing page separately; this holds for any WARC whose hops are stored in
order (as ``--warc`` stores them). Other records (requests, revisits, metadata, error
pages, images, feeds) are skipped. A record that ends before its stated length (a file
cut short by a crash or a partial copy) raises ``TruncatedWarcError`` once the pages
before it are read; warcio itself reads such a file to its end without complaint.

``fetcher.archive`` writes such files (``--warc``); reading needs no HTTP stack.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from urllib.parse import urljoin

from newsscrape.document.content_type import media_type, type_problem, xml_root_problem
from newsscrape.errors import TruncatedWarcError

WARC_SUFFIXES = (".warc", ".warc.gz")
SNIFF_BYTES = 512
"""Bytes read from the start of an input to tell a WARC file from an HTML document."""
MAX_OPEN_CHAINS = 100_000
"""Redirects whose target is not (yet) in the file, remembered at most (oldest dropped)."""


class ByteStream(Protocol):
    """What the reader needs of a file: ``read``."""

    def read(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One HTML response read from a WARC file."""

    url: str
    """The first URL of the redirect chain that ended here (else the response's own)."""
    final_url: str
    """The response's own target URI."""
    status: int
    headers: dict[str, str]
    body: bytes
    date: str | None
    record_id: str
    """The record's WARC-Record-ID, without its angle brackets (``urn:uuid:…``)."""


def is_warc(path: str) -> bool:
    """Whether ``path`` looks like a WARC file (by name, or by its first bytes)."""
    if path.endswith(WARC_SUFFIXES):
        return True
    if path == "-" or not os.path.isfile(path):  # sniffing a pipe would eat its start
        return False
    try:
        with open(path, "rb") as stream:
            return looks_like_warc(stream.read(SNIFF_BYTES))
    except OSError:
        return False


def looks_like_warc(head: bytes) -> bool:
    """Whether a file's first bytes are a WARC record's (plain, or gzipped)."""
    if head.startswith(b"\x1f\x8b"):
        import zlib

        try:
            head = zlib.decompressobj(31).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def read_warc(stream: ByteStream, *, max_bytes: int | None = None,
              on_record: Callable[[], None] | None = None) -> Iterator[WarcPage]:
    """Every 2xx HTML response record in a (gzipped or plain) WARC stream, under the
    first URL of its redirect chain.

    A body is read up to ``max_bytes + 1`` bytes (so the caller can tell it is over the
    cap without holding all of it). Raises ``TruncatedWarcError`` at a cut-short record.
    ``on_record`` is called once for every record read, of any type (for counting).
    """
    records = _checked_iterator(stream)
    chains: dict[str, str] = {}
    """Next hop expected -> the first URL of its chain."""
    for record in records:
        if on_record is not None:
            on_record()
        page = _response(record, chains, max_bytes)
        _check_complete(record)
        if page is not None:
            yield page
    if records.cut_short:
        raise TruncatedWarcError("truncated: the file ends inside a record")


def _checked_iterator(stream: ByteStream) -> Any:
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


def _response(record: Any, chains: dict[str, str], max_bytes: int | None) -> WarcPage | None:
    """The page a response record holds, if any; a redirect extends its chain."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    first = chains.pop(uri, uri)
    status = int(record.http_headers.get_statuscode() or 0)
    headers = {k.lower(): v for k, v in record.http_headers.headers}
    if 300 <= status < 400 and headers.get("location", "").strip():
        _remember(chains, urljoin(uri, headers["location"].strip()), first)
        return None
    mime = media_type(headers.get("content-type"))
    if not 200 <= status < 300 or type_problem(mime):
        return None
    # content-encoding undone, as we stored it
    body = record.content_stream().read(-1 if max_bytes is None else max_bytes + 1)
    if xml_root_problem(mime, body):  # a feed or sitemap archived beside the pages
        return None
    record_id = record.rec_headers.get_header("WARC-Record-ID") or ""
    return WarcPage(url=first, final_url=uri, status=status, headers=headers, body=body,
                    date=_iso(record.rec_headers.get_header("WARC-Date")),
                    record_id=record_id.strip("<>"))


def _remember(chains: dict[str, str], target: str, first: str) -> None:
    if target != first:  # a redirect to itself ends nowhere
        chains[target] = first
    if len(chains) > MAX_OPEN_CHAINS:
        del chains[next(iter(chains))]


def _iso(date: str | None) -> str | None:
    """WARC-Date (``...Z``) in the record's ``fetched_at`` form (``+00:00``)."""
    if not date:
        return None
    try:
        return datetime.fromisoformat(date.replace("Z", "+00:00")).isoformat(timespec="seconds")
    except ValueError:
        return None
