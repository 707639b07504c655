"""Many saved inputs, no network: each HTML file (``-`` is stdin) or WARC file's HTML
responses through the pipeline, each ending as one outcome handed to a sink, in input
order.

Inputs are read and decoded in a background thread (``Feed``) and extracted by the
worker processes of ``batch.extract`` (a thread with ``jobs=0``), under the same
per-page time limit as fetched pages. A WARC file is recognised by its first bytes,
whatever its name, so one piped to stdin is read as such. This is the offline path: it
loads ``document``, the pipeline and what they use, never ``newsscrape.fetcher`` or httpx.
"""

from __future__ import annotations

import asyncio
import errno
import functools
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from newsscrape.batch.extract import Backlog, Extractor
from newsscrape.batch.loop import loop_factory, on_sigint, restore_sigint
from newsscrape.batch.results import Delivery, RunStats, Sink
from newsscrape.document.warc import (
    SNIFF_BYTES,
    WARC_SUFFIXES,
    ByteStream,
    WarcPage,
    looks_like_warc,
    read_warc,
)
from newsscrape.errors import InputError, TooLargeError
from newsscrape.options import DEFAULT_MAX_BYTES, BatchOptions, ExtractOptions, check_count
from newsscrape.record import Failure, Page

WINDOW = 2_000
"""Inputs read and not yet written, at most (outcomes wait for the ones before them)."""
READ_AHEAD = 16
"""Pages read but not yet taken by the run, at most: reading a page (from a file, a WARC)
costs a small fraction of extracting it, and pages are large (a WARC's are 100-200 KB)."""
WAITING_PER_WORKER = 4
"""Pages read and not yet extracted, per worker process: the two it holds and two more."""
IN_A_THREAD = BatchOptions(jobs=0)
"""``extract_files``' default: extract in a thread of this process."""

Item = Page | Failure
"""A page read and ready for extraction, or an input that already failed."""
Opener = Callable[[str], IO[bytes]]
"""Opens an input by name as a binary stream (``OSError`` if it cannot)."""


def extract_files(files: Iterable[str], sink: Sink, *, options: ExtractOptions | None = None,
                  batch: BatchOptions | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  url: str | None = None) -> RunStats:
    """Extract each saved HTML file (``-`` is stdin) or WARC file (each HTML response),
    at most ``max_bytes`` per file or record; ``url`` is the page's URL for HTML input.
    ``batch`` gives the worker processes and the page time limit (``jobs`` and
    ``page_timeout``; default: a thread, no limit). Ctrl-C stops the run in order.

    Reading an input can fail only that input; writing an outcome can fail only the
    whole run (the sink's error is raised).
    """
    check_count("max_bytes", max_bytes, low=1)
    options = options or ExtractOptions()
    batch = batch or IN_A_THREAD
    with Extractor(batch.jobs, options, page_timeout=batch.page_timeout) as extractor:
        return run_pages(read_inputs(files, max_bytes=max_bytes, url=url), sink, extractor,
                         handle_sigint=True)


def run_pages(items: Iterable[Item], sink: Sink, extractor: Extractor, *,
              handle_sigint: bool = False, until_taken: bool = False) -> RunStats:
    """Extract each page (a failure passes straight through), writing outcomes in input
    order, on a new event loop in this thread."""
    start = time.monotonic()
    run = PageRun(sink, extractor, until_taken=until_taken)
    with asyncio.Runner(loop_factory=loop_factory()) as runner:
        runner.run(run.run(iter(items), handle_sigint=handle_sigint))
    return RunStats(duplicates=0, resumed=0, unfinished=run.unfinished,
                    elapsed=time.monotonic() - start, interrupted=run.interrupted)


class PageRun(Delivery):
    """One run over pages already read; ``run`` it once."""

    def __init__(self, sink: Sink, extractor: Extractor, *, until_taken: bool = False) -> None:
        super().__init__(sink, ordered=True, window=WINDOW, until_taken=until_taken)
        self.extractor = extractor
        self.backlog = Backlog(min(extractor.capacity, WAITING_PER_WORKER * max(1, extractor.jobs)))
        self.interrupted = False

    def interrupt(self) -> None:
        """Stop the run, as interrupted (Ctrl-C)."""
        self.interrupted = True
        self.stop()

    async def run(self, items: Iterator[Item], *, handle_sigint: bool = False) -> None:
        """Extract every item, or stop early; the extractor is detached either way."""
        if handle_sigint:
            on_sigint(self.interrupt)
        try:
            await self.run_until_stopped(self._feed(items))
        finally:
            if handle_sigint:
                restore_sigint()
            await self.extractor.detach()

    async def _feed(self, items: Iterator[Item]) -> None:
        await self.consume(items, self._accept, ahead=READ_AHEAD)
        await self.drain()

    async def _accept(self, item: Item) -> None:
        seq = await self.admit()
        if isinstance(item, Failure):
            self.deliver(seq, item)
            return
        size = len(item.html)
        await self.backlog.enter(size)
        self.spawn(self.deliver_when_done(seq, self.extractor.submit(item),
                                          functools.partial(self.backlog.leave, size)))


# --- reading saved inputs (in the feed's thread) -------------------------------------------


def read_inputs(names: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
                url: str | None = None) -> Iterator[Item]:
    """Each input's pages (one for an HTML file, one per HTML response of a WARC file),
    or its failure."""
    for name in names:
        yield from _read_input(name, max_bytes, url)


def _read_input(name: str, max_bytes: int, url: str | None) -> Iterator[Item]:
    label = "stdin" if name == "-" else name

    def items(stream: IO[bytes]) -> Iterator[Item]:
        head = stream.read(SNIFF_BYTES)
        if looks_like_warc(head) or name.endswith(WARC_SUFFIXES):
            yield from _warc_items(name, label, _Prefixed(head, stream), max_bytes)
        else:
            yield _html_item(name, label, head + stream.read(max_bytes + 1 - len(head)),
                             max_bytes, url)

    return _opened(name, label, _open_input, items)


def warc_input(name: str, opener: Opener, *, max_bytes: int = DEFAULT_MAX_BYTES,
               on_record: Callable[[], None] | None = None,
               select: Callable[[WarcPage], bool] | None = None) -> Iterator[Item]:
    """The items of the WARC file ``name``, opened by ``opener`` (``spark-warc``: any
    storage), read as ``extract`` reads a WARC file: one page (or error) per input URL
    whose redirects end in an HTML response, one error for the file itself when it
    cannot be read, is cut short, or holds no HTML response. ``on_record`` is called for
    every WARC record read; a page ``select`` refuses is skipped (it still counts as an
    HTML response)."""
    return _opened(name, name, opener, lambda stream: _warc_items(
        name, name, stream, max_bytes, on_record=on_record, select=select))


def _opened(name: str, label: str, opener: Opener,
            read: Callable[[IO[bytes]], Iterator[Item]]) -> Iterator[Item]:
    """``read``'s items from the stream ``opener`` opens for ``name``, a failure to open
    or read it (``OSError``) ending as the input's ``cannot read`` failure; the stream is
    closed at the end (stdin, ``-``, stays open)."""
    try:
        stream = opener(name)
    except OSError as exc:
        yield _cannot_read(name, label, exc)
        return
    try:
        yield from read(stream)
    except OSError as exc:
        yield _cannot_read(name, label, exc)
    finally:
        if name != "-":
            stream.close()


def _open_input(name: str) -> IO[bytes]:
    return stdin_bytes() if name == "-" else open(name, "rb")


def _cannot_read(name: str, label: str, exc: OSError) -> Failure:
    return Failure.from_exception(name, InputError(f"cannot read {label}: "
                                                   f"{exc.strerror or exc}"), source=label)


def _html_item(name: str, label: str, data: bytes, max_bytes: int,
               url: str | None) -> Item:
    from newsscrape.document.decode import decode_html

    if len(data) > max_bytes:
        return Failure.from_exception(name, TooLargeError(
            f"file exceeds the {max_bytes}-byte cap (--max-bytes)"), source=label)
    html, encoding = decode_html(data, None)
    return Page(url=url, html=html, encoding=encoding, source=label)


def _warc_items(name: str, label: str, stream: ByteStream, max_bytes: int, *,
                on_record: Callable[[], None] | None = None,
                select: Callable[[WarcPage], bool] | None = None) -> Iterator[Item]:
    """One page (or error) per HTML response in the WARC stream; one error for the file
    itself when it is cut short, corrupt, or holds no HTML response."""
    count = 0
    try:
        for page in read_warc(stream, max_bytes=max_bytes, on_record=on_record):
            count += 1
            if select is None or select(page):
                yield _warc_item(page, label, max_bytes)
    except OSError:
        raise  # "cannot read": the caller says so
    except Exception as exc:  # a corrupt or truncated archive: report it, go on
        yield Failure.from_exception(name, InputError(f"cannot read WARC {label}: {exc}"),
                                     source=label)
        return
    if count == 0:
        yield Failure.from_exception(name, InputError(
            f"no HTML responses in WARC file {label}"), source=label)


def _warc_item(page: WarcPage, label: str, max_bytes: int) -> Item:
    from newsscrape.document.decode import decode_html

    source = f"{label}#{page.record_id}"
    if len(page.body) > max_bytes:
        return Failure.from_exception(page.url, TooLargeError(
            f"body exceeds the {max_bytes}-byte cap (--max-bytes)"), source=source)
    html, encoding = decode_html(page.body, page.headers.get("content-type"))
    return Page(url=page.url, html=html, final_url=page.final_url, status=page.status,
                fetched_at=page.date, encoding=encoding, headers=page.headers, source=source)


class _Prefixed:
    """A byte stream whose first bytes were already read (to sniff it): those, then the
    rest (stdin cannot be rewound)."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def read(self, size: int = -1) -> bytes:
        if not self._head:
            return self._rest.read(size)
        if size < 0:
            data, self._head = self._head + self._rest.read(), b""
            return data
        data, self._head = self._head[:size], self._head[size:]
        return data


def stdin_bytes() -> IO[bytes]:
    """Standard input as bytes (an ``OSError`` when Python started with it closed)."""
    if sys.stdin is None:  # Python started with descriptor 0 closed
        raise OSError(errno.EBADF, "stdin is closed")
    return sys.stdin.buffer
