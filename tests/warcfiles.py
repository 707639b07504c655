"""Small WARC files for the Spark and shard tests, written with warcio from fixture pages."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGES = Path(__file__).parent / "fixtures" / "pages"


def fixture_pages(names: Iterable[str]) -> list[tuple[str, bytes]]:
    """(URL, HTML bytes) of fixture pages, each under a URL of its own."""
    return [(f"https://news{i % 3}.example.org/story/{name}", (PAGES / f"{name}.html").read_bytes())
            for i, name in enumerate(names)]


def write_warc(path: Path, pages: Iterable[tuple[str, bytes]], *,
               content_type: str = "text/html; charset=utf-8", pdf: bool = False,
               date: str = "2024-03-01T10:00:00Z") -> Path:
    """A gzipped WARC: a request and a response record per page (and, with ``pdf``, a
    non-HTML response that must be skipped)."""
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, body in pages:
            _write(writer, url, body, content_type, date)
        if pdf:
            _write(writer, "https://news0.example.org/report.pdf", b"%PDF-1.7 binary",
                   "application/pdf", date)
    return path


def _write(writer: WARCWriter, url: str, body: bytes, content_type: str, date: str) -> None:
    asked = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
    request = writer.create_warc_record(url, "request", payload=io.BytesIO(asked),
                                        length=len(asked), warc_headers_dict={"WARC-Date": date})
    writer.write_record(request)
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type),
                                          ("Content-Length", str(len(body)))],
                               protocol="HTTP/1.1")
    response = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                         length=len(body), http_headers=headers,
                                         warc_headers_dict={"WARC-Date": date})
    writer.write_record(response)


def write_corrupt_warc(path: Path, pages: Iterable[tuple[str, bytes]]) -> Path:
    """A WARC cut short in its last record (a partial copy)."""
    whole = write_warc(path, pages).read_bytes()
    path.write_bytes(whole[: len(whole) - 200])
    return path
