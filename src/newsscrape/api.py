"""The library surface: ``extract`` a document, ``fetch`` one URL, ``fetch_many`` URLs.

Options are keyword arguments named like the fields of ``ExtractOptions``,
``FetchOptions`` and ``BatchOptions`` (``tz=``, ``timeout=``, ``retries=``...); a
keyword that names none is an ``ArgumentTypeError``, a bad value an ``ArgumentError``,
both naming the argument. Heavy modules are imported on first use: ``extract`` never
loads the HTTP stack.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Callable, Coroutine, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

from newsscrape.errors import ArgumentTypeError
from newsscrape.options import (
    BatchOptions,
    ExtractOptions,
    FetchOptions,
    split_options,
)
from newsscrape.record import Outcome, Page, Record

if TYPE_CHECKING:
    pass

T = TypeVar("T")
_EXTRACT_OPTIONS = tuple(f.name for f in fields(ExtractOptions))
_FETCH_OPTIONS = (*_EXTRACT_OPTIONS, *(f.name for f in fields(FetchOptions)), "delay", "retries")
"""What ``fetch`` takes: every option but those about many inputs (workers, order...)."""
_EXTRACT_MANY_OPTIONS = (*_EXTRACT_OPTIONS, "jobs", "page_timeout")
Document = str | bytes | tuple[str | bytes, str | None]
"""What ``extract_many`` takes: HTML, or HTML with its URL."""


def extract(html: str | bytes, *, url: str | None = None,
            headers: Mapping[str, str] | None = None, **options: Any) -> Record:
    """Extract one normalized article record from an HTML document (str, or bytes decoded
    as a fetched page would be, with ``headers``' Content-Type if given).

    Options: those of ``ExtractOptions`` (``tz``, ``provenance``, ``now``). Raises
    ``NotHTMLError`` (kind ``not_html``) when the document is not an HTML page at all
    (binary data, a feed, text without markup) and ``ExtractError`` (kind ``no_article``)
    when it holds no article text.
    """
    if not isinstance(html, str | bytes):
        raise ArgumentTypeError.expected("html", "str or bytes", html)
    _check_url("url", url, optional=True)
    if headers is not None and not isinstance(headers, Mapping):
        raise ArgumentTypeError.expected("headers", "a mapping of header names to values",
                                         headers)
    extract_options, _, _ = split_options(options, function="extract",
                                          allowed=_EXTRACT_OPTIONS)
    from newsscrape.pipeline import extract_html

    return extract_html(html, url=url, options=extract_options,
                        headers=dict(headers) if headers else None)


def fetch(url: str, **options: Any) -> Record:
    """Download one page and extract its record, as ``newsscrape fetch URL`` does:
    robots.txt obeyed, the address policy applied, retries with backoff.

    Options: those of ``ExtractOptions`` and ``FetchOptions``, and ``delay`` and
    ``retries``. Raises the page's ``NewsscrapeError`` (``FetchError`` and its kinds,
    ``NotHTMLError``, ``TooLargeError``, ``ExtractError``...).
    """
    _check_url("url", url)
    extract_options, fetch_options, batch_options = split_options(
        options, function="fetch", allowed=_FETCH_OPTIONS)
    page = _run(lambda: _fetch_page(url, fetch_options, batch_options))
    from newsscrape.pipeline import extract_page

    return extract_page(page, extract_options)


def fetch_many(urls: Iterable[str], **options: Any) -> Iterator[Outcome]:
    """Download and extract many pages politely, yielding each URL's outcome (a
    ``Record`` or a ``Failure``) as it completes (in input order with ``ordered=True``).

    The batch fetcher's rules apply: per-origin spacing (``delay``) and connection cap
    (``per_host``), robots.txt, retries, the address policy, extraction in worker
    processes (``jobs``). ``urls`` is read lazily and outcomes are yielded while the
    rest are fetched; repeated URLs are fetched and yielded once. If you stop iterating
    early (``break``, or closing the iterator), the run stops and its connections and
    processes are closed. An error raised by ``urls`` itself (or an item that is not a
    str: ``ArgumentTypeError``) is raised after the outcomes of the items before it.

    Options: those of ``ExtractOptions``, ``FetchOptions`` and ``BatchOptions``.
    """
    if isinstance(urls, str | bytes) or not isinstance(urls, Iterable):
        raise ArgumentTypeError.expected("urls", "an iterable of URL strings", urls)
    extract_options, fetch_options, batch_options = split_options(options,
                                                                  function="fetch_many")
    return _outcomes(urls, extract_options, fetch_options, batch_options)


def extract_many(documents: Iterable[Document], **options: Any) -> Iterator[Outcome]:
    """Extract many documents in worker processes, yielding each one's outcome (a
    ``Record``, or a ``Failure``) in input order: the library's way to extract pages you
    do not trust, as ``newsscrape extract`` does.

    Each document is HTML (``str``, or ``bytes`` decoded as a fetched page would be) or
    an ``(html, url)`` pair. A page whose extraction takes longer than ``page_timeout``
    seconds (default 30; 0: no limit) ends as a ``Failure`` of kind ``extract_timeout``:
    its process is killed, which stops even a parser stuck in C code, and replaced.
    (``extract`` runs in the calling thread, where nothing can stop it.) Records have
    ``source`` ``"document N"``, N counting from 0, as do failures without a URL.
    Options: those of ``ExtractOptions``, and ``jobs`` and ``page_timeout``. Stopping
    early stops the run; an error raised by ``documents`` (or an item of the wrong type:
    ``ArgumentTypeError``) is raised after the outcomes of the items before it.
    """
    if isinstance(documents, str | bytes) or not isinstance(documents, Iterable):
        raise ArgumentTypeError.expected("documents", "an iterable of HTML documents",
                                         documents)
    extract_options, _, batch_options = split_options(options, function="extract_many",
                                                      allowed=_EXTRACT_MANY_OPTIONS)
    return _extracted(documents, extract_options, batch_options)


def _check_url(name: str, value: object, *, optional: bool = False) -> None:
    if not isinstance(value, str) and not (optional and value is None):
        raise ArgumentTypeError.expected(name, "str or None" if optional else "str", value)


# --- one page -----------------------------------------------------------------------


async def _fetch_page(url: str, fetch: FetchOptions, batch: BatchOptions) -> Page:
    from newsscrape.batch.polite import PoliteFetcher

    fetcher = PoliteFetcher(fetch, batch)
    try:
        return await fetcher.fetch(fetcher.origin(url), url)
    finally:
        await fetcher.aclose()


def _run(work: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to its end on a new event loop: on this thread, or on one of its
    own when this thread already runs a loop (a notebook, an async application)."""
    from newsscrape.batch.loop import loop_factory

    def run() -> T:
        with asyncio.Runner(loop_factory=loop_factory()) as runner:
            return runner.run(work())

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return run()
    with ThreadPoolExecutor(1, thread_name_prefix="newsscrape-fetch") as pool:
        return pool.submit(run).result()


# --- many pages -----------------------------------------------------------------------


def _outcomes(urls: Iterable[str], extract: ExtractOptions, fetch: FetchOptions,
              batch: BatchOptions) -> Iterator[Outcome]:
    """The generator behind ``fetch_many``: the batch runs on a thread of its own and
    hands each outcome over; a window counting the outcomes not yet taken keeps a slow
    reader from piling them up."""
    from newsscrape.batch.extract import Extractor
    from newsscrape.batch.run import BatchRun

    inbox = _Outbox()
    # forked before the run's threads
    with Extractor(batch.jobs, extract, page_timeout=batch.page_timeout) as extractor:
        run = BatchRun(inbox.read(urls, _url_item), inbox, extractor, fetch=fetch,
                       batch=batch, until_taken=True)
        thread = threading.Thread(target=inbox.serve, args=(run.run,),
                                  name="newsscrape-batch", daemon=True)
        thread.start()
        try:
            while (outcome := inbox.take()) is not None:
                run.taken()
                yield outcome
        finally:
            run.stop()  # a no-op once the run is over; otherwise the caller stopped early
            thread.join()
    if inbox.error is not None:
        raise inbox.error


def _extracted(documents: Iterable[Document], extract: ExtractOptions,
               batch: BatchOptions) -> Iterator[Outcome]:
    """The generator behind ``extract_many``: the run goes on a thread of its own and
    waits while ``ORDERED_WINDOW`` outcomes are untaken."""
    from newsscrape.batch.extract import Extractor
    from newsscrape.batch.offline import run_pages
    from newsscrape.batch.runner import ORDERED_WINDOW

    inbox = _Outbox(bound=ORDERED_WINDOW)
    pages = _pages(inbox.read(documents, _document_item))
    with Extractor(batch.jobs, extract, page_timeout=batch.page_timeout) as extractor:
        thread = threading.Thread(target=inbox.serve, name="newsscrape-extract",
                                  args=(lambda: run_pages(pages, inbox, extractor),),
                                  daemon=True)
        thread.start()
        try:
            while (outcome := inbox.take()) is not None:
                yield outcome
        finally:
            inbox.abandon()
            thread.join()
    if inbox.error is not None:
        raise inbox.error


def _pages(documents: Iterable[tuple[str | bytes, str | None]]) -> Iterator[Page]:
    from newsscrape.document.decode import decode_html

    for number, (html, url) in enumerate(documents):
        text, encoding = decode_html(html, None) if isinstance(html, bytes) else (html, None)
        yield Page(url=url, html=text, encoding=encoding, source=f"document {number}")


def _url_item(item: object) -> str:
    if not isinstance(item, str):
        raise ArgumentTypeError.expected("urls", "URL strings as items", item)
    return item


def _document_item(item: object) -> tuple[str | bytes, str | None]:
    html, url = item if isinstance(item, tuple) and len(item) == 2 else (item, None)
    if not isinstance(html, str | bytes):
        raise ArgumentTypeError.expected("documents", "str or bytes HTML, or (html, url) "
                                         "pairs, as items", item)
    _check_url("documents", url, optional=True)
    return html, url


class _Abandoned(OSError):
    """The caller stopped taking outcomes: the run's sink fails, which ends the run."""


class _Outbox:
    """Hands outcomes from the batch's thread to the caller's, in order of arrival, and
    keeps an error met on the way (from the caller's inputs or from the run). With a
    ``bound``, the run's thread waits while that many outcomes are untaken."""

    def __init__(self, bound: int | None = None) -> None:
        self._outcomes: deque[Outcome] = deque()
        self._ready = threading.Condition()
        self._over = False
        self._abandoned = False
        self._bound = bound
        self.error: BaseException | None = None

    def read(self, items: Iterable[object], check: Callable[[object], T]) -> Iterator[T]:
        """The caller's items, each passed through ``check``; an error in them ends the
        input and is kept for the caller."""
        try:
            for item in items:
                yield check(item)
        except Exception as exc:
            self.error = self.error or exc

    def serve(self, work: Callable[[], object]) -> None:
        """(The batch's thread) run the batch, then mark the end."""
        try:
            work()
        except _Abandoned:
            pass
        except BaseException as exc:  # a bug in the run: the caller gets it
            self.error = self.error or exc
        finally:
            with self._ready:
                self._over = True
                self._ready.notify_all()

    def write(self, outcome: Outcome) -> None:
        """(The sink, on the batch's thread) one outcome is ready."""
        with self._ready:
            while (self._bound is not None and len(self._outcomes) >= self._bound
                   and not self._abandoned):
                self._ready.wait()
            if self._abandoned:
                raise _Abandoned("the caller stopped reading")
            self._outcomes.append(outcome)
            self._ready.notify_all()

    def take(self) -> Outcome | None:
        """The next outcome, waiting for it; None once the run is over and all are taken."""
        with self._ready:
            while not self._outcomes and not self._over:
                self._ready.wait()
            outcome = self._outcomes.popleft() if self._outcomes else None
            self._ready.notify_all()
            return outcome

    def abandon(self) -> None:
        """The caller stopped early: a waiting or later ``write`` ends the run."""
        with self._ready:
            self._abandoned = True
            self._ready.notify_all()
