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
    from newsscrape.batch.run import BatchRun

T = TypeVar("T")
_EXTRACT_OPTIONS = tuple(f.name for f in fields(ExtractOptions))
_FETCH_OPTIONS = (*_EXTRACT_OPTIONS, *(f.name for f in fields(FetchOptions)), "delay", "retries")
"""What ``fetch`` takes: every option but those about many inputs (workers, order...)."""


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
    from newsscrape.batch.run import loop_factory

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
    with Extractor(batch.jobs, extract) as extractor:  # forked before the run's threads
        run = BatchRun(inbox.read(urls), inbox, extractor, fetch=fetch, batch=batch,
                       until_taken=True)
        thread = threading.Thread(target=inbox.serve, args=(run,), name="newsscrape-batch",
                                  daemon=True)
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


class _Outbox:
    """Hands outcomes from the batch's thread to the caller's, in order of arrival, and
    keeps an error met on the way (from the caller's ``urls`` or from the run)."""

    def __init__(self) -> None:
        self._outcomes: deque[Outcome] = deque()
        self._ready = threading.Condition()
        self._over = False
        self.error: BaseException | None = None

    def read(self, urls: Iterable[str]) -> Iterator[str]:
        """The caller's URLs; an error in them ends the input and is kept for the caller."""
        try:
            for url in urls:
                if not isinstance(url, str):
                    raise ArgumentTypeError.expected("urls", "URL strings as items", url)
                yield url
        except Exception as exc:
            self.error = self.error or exc

    def serve(self, run: BatchRun) -> None:
        """(The batch's thread) run the batch, then mark the end."""
        try:
            run.run()
        except BaseException as exc:  # a bug in the run: the caller gets it
            self.error = self.error or exc
        finally:
            with self._ready:
                self._over = True
                self._ready.notify()

    def write(self, outcome: Outcome) -> None:
        """(The sink, on the batch's thread) one outcome is ready."""
        with self._ready:
            self._outcomes.append(outcome)
            self._ready.notify()

    def take(self) -> Outcome | None:
        """The next outcome, waiting for it; None once the run is over and all are taken."""
        with self._ready:
            while not self._outcomes and not self._over:
                self._ready.wait()
            return self._outcomes.popleft() if self._outcomes else None
