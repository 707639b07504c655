"""Many saved inputs, no network: each HTML file (``-`` is stdin) or WARC file's HTML
responses through the pipeline, each ending as one outcome handed to a sink.

This is the offline path: it loads ``document``, the pipeline and what they use, never
``newsscrape.fetcher`` or httpx.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterable, Iterator
from typing import IO

from newsscrape.batch.results import Sink
from newsscrape.document.warc import WarcPage, is_warc, read_warc
from newsscrape.errors import InputError, TooLargeError
from newsscrape.options import DEFAULT_MAX_BYTES, ExtractOptions, check_count
from newsscrape.record import Failure, Outcome, Page


def extract_files(files: Iterable[str], sink: Sink, *, options: ExtractOptions | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES, url: str | None = None) -> None:
    """Extract each saved HTML file (``-`` is stdin) or WARC file (each HTML response),
    at most ``max_bytes`` per file or record; ``url`` is the page's URL for HTML input.

    Reading an input can fail only that input; writing an outcome can fail only the
    whole run (the sink raises, and that is not caught here).
    """
    check_count("max_bytes", max_bytes, low=1)
    options = options or ExtractOptions()
    for name in files:
        if is_warc(name):
            _extract_warc(name, options, sink, max_bytes)
        else:
            sink.write(_html_file_outcome(name, options, max_bytes, url))


def _html_file_outcome(name: str, options: ExtractOptions, max_bytes: int,
                       url: str | None) -> Outcome:
    from newsscrape.pipeline import extract_html

    try:
        return extract_html(_read_input(name, max_bytes), url=url, options=options)
    except Exception as exc:  # one broken page must not end the batch
        return Failure.from_exception(name, exc)


def _extract_warc(name: str, options: ExtractOptions, sink: Sink, max_bytes: int) -> None:
    """One record (or error) per HTML response in the WARC file; one error for the file
    itself when it cannot be read, is cut short, or holds no HTML response."""
    count = 0
    for page in _warc_pages(name, max_bytes):  # each outcome is written before the next
        if isinstance(page, Failure):          # page is read
            sink.write(page)
            return
        count += 1
        sink.write(_warc_page_outcome(page, options, max_bytes))
    if count == 0:
        sink.write(Failure.from_exception(name, InputError(f"no HTML responses in WARC file "
                                                           f"{name}")))


def _warc_pages(name: str, max_bytes: int) -> Iterator[WarcPage | Failure]:
    """The pages of a WARC file, then, if reading it fails, the file's failure (the
    handlers see only errors of reading: the consumer's are not thrown in here)."""
    try:
        with open(name, "rb") as stream:
            yield from read_warc(stream, max_bytes=max_bytes)
    except OSError as exc:
        error = InputError(f"cannot read {name}: {exc.strerror or exc}")
    except Exception as exc:  # a corrupt or truncated archive: report it, go on
        error = InputError(f"cannot read WARC {name}: {exc}")
    else:
        return
    yield Failure.from_exception(name, error)


def _warc_page_outcome(page: WarcPage, options: ExtractOptions, max_bytes: int) -> Outcome:
    from newsscrape.document.decode import decode_html
    from newsscrape.pipeline import extract_page

    try:
        if len(page.body) > max_bytes:
            raise TooLargeError(f"body exceeds the {max_bytes}-byte cap (--max-bytes)")
        html, encoding = decode_html(page.body, page.headers.get("content-type"))
        return extract_page(Page(url=page.url, html=html, final_url=page.url,
                                 status=page.status, fetched_at=page.date, encoding=encoding,
                                 headers=page.headers), options)
    except Exception as exc:
        return Failure.from_exception(page.url, exc)


def _read_input(name: str, max_bytes: int) -> bytes:
    """A saved file's bytes (``-``: stdin), at most ``max_bytes`` of them."""
    try:
        if name == "-":
            data = stdin_bytes().read(max_bytes + 1)
        else:
            with open(name, "rb") as stream:
                data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise TooLargeError(f"file exceeds the {max_bytes}-byte cap (--max-bytes)")
    return data


def stdin_bytes() -> IO[bytes]:
    """Standard input as bytes (an ``OSError`` when Python started with it closed)."""
    if sys.stdin is None:  # Python started with descriptor 0 closed
        raise OSError(errno.EBADF, "stdin is closed")
    return sys.stdin.buffer
