"""Find article URLs: sitemaps, feeds and home pages (``newsscrape discover`` / ``watch``).

Library use::

    from newsscrape.discover import discover
    from newsscrape.record import DiscoveredURL

    for found in discover(["https://example.com"], since=yesterday, max_urls=100):
        if isinstance(found, DiscoveredURL):
            print(found.url, found.published, found.title)
        else:                                   # a Failure: input, kind, message, status
            print("failed:", found.input, found.kind)

Options are keyword arguments named like the fields of ``DiscoverOptions`` (``since``,
``until``, ``max_urls``, ``include``, ``sources``...) and of the fetching options
discovery uses (``timeout``, ``max_bytes`` (default 64 MiB a source), ``user_agent``,
``allow_private``, ``respect_robots``, ``cache_dir``, ``max_redirects``,
``concurrency``, ``per_host``, ``delay``, ``retries``). ``discover`` runs on a thread
and event loop of its own and yields as it goes; ``run_discovery`` is the coroutine,
writing to a ``Sink``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any

from newsscrape.errors import ArgumentTypeError
from newsscrape.options import DISCOVER_MAX_BYTES, DiscoverOptions, split_options

if TYPE_CHECKING:
    import queue

    from newsscrape.discover.engine import Discovery, InputReport, Sink, Validators
    from newsscrape.options import BatchOptions, FetchOptions
    from newsscrape.record import DiscoveredURL, Failure

__all__ = ["discover", "run_discovery"]

_FETCHING = ("timeout", "max_bytes", "max_redirects", "user_agent", "allow_private",
             "respect_robots", "cache_dir", "concurrency", "per_host", "delay", "retries")
"""The fetching options discovery takes (no extraction, workers or WARC)."""
_END = object()


async def run_discovery(inputs: Iterable[str], sink: Sink, *, fetch: FetchOptions,
                        batch: BatchOptions, options: DiscoverOptions,
                        validators: Validators | None = None,
                        started: queue.SimpleQueue[Discovery] | None = None,
                        notice: Callable[[str], None] | None = None,
                        ) -> dict[str, InputReport]:
    """Discover from ``inputs`` into ``sink``; the report of each input. ``started``
    receives the ``Discovery`` (to ``stop()`` it from another thread); ``notice`` gets a
    line for each long wait (a ``Retry-After``, a long ``Crawl-delay``)."""
    from newsscrape.batch.polite import PoliteFetcher
    from newsscrape.discover.engine import Discovery

    fetcher = PoliteFetcher(fetch, batch, notice=notice)
    discovery = Discovery(fetcher, options, sink, validators=validators)
    if started is not None:
        started.put(discovery)
    try:
        return await discovery.run(inputs)
    finally:
        await fetcher.aclose()


def discover(inputs: str | Iterable[str], **options: Any) -> Iterator[DiscoveredURL | Failure]:
    """Each candidate (and each failure) found from ``inputs`` (sites, feeds, sitemaps),
    as discovery runs. Closing the iterator early stops the discovery."""
    if not isinstance(inputs, str) and (isinstance(inputs, bytes)
                                        or not isinstance(inputs, Iterable)):
        raise ArgumentTypeError.expected("inputs", "a URL or an iterable of URLs", inputs)
    own = {f.name for f in fields(DiscoverOptions)}
    mine = {k: v for k, v in options.items() if k in own}
    rest = {k: v for k, v in options.items() if k not in own}
    for keyword in rest:
        if keyword not in _FETCHING:
            known = ", ".join((*sorted(own), *_FETCHING))
            raise ArgumentTypeError(keyword, f"not an option of discover() (options: {known})")
    _, fetch, batch = split_options(rest, function="discover", allowed=_FETCHING)
    if "max_bytes" not in rest:
        fetch = replace(fetch, max_bytes=DISCOVER_MAX_BYTES)
    settings = DiscoverOptions(**mine)
    return _found([inputs] if isinstance(inputs, str) else inputs, fetch, batch, settings)


def _found(inputs: Iterable[str], fetch: FetchOptions, batch: BatchOptions,
           options: DiscoverOptions) -> Iterator[DiscoveredURL | Failure]:
    """The generator behind ``discover``: the discovery runs on a thread of its own and
    hands each finding over through a bounded queue."""
    import asyncio
    import contextlib
    import queue
    import threading

    from newsscrape.batch.loop import loop_factory

    items: queue.Queue[object] = queue.Queue(maxsize=1024)
    started: queue.SimpleQueue[Discovery] = queue.SimpleQueue()
    sink = _QueueSink(items)

    def work() -> None:
        try:
            with asyncio.Runner(loop_factory=loop_factory()) as runner:
                runner.run(run_discovery(inputs, sink, fetch=fetch, batch=batch,
                                         options=options, started=started))
        except BaseException as exc:  # handed to the consumer
            items.put(exc)
        items.put(_END)

    thread = threading.Thread(target=work, name="newsscrape-discover", daemon=True)
    thread.start()
    try:
        while (item := items.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        if thread.is_alive():
            started.get().stop()
            while thread.is_alive():  # let blocked producers finish
                with contextlib.suppress(queue.Empty):
                    items.get(timeout=0.05)


class _QueueSink:
    """Hands each finding to the consumer's thread (blocking while its queue is full)."""

    def __init__(self, items: queue.Queue[object]) -> None:
        self.items = items

    def writer(self, input: str) -> Callable[[DiscoveredURL], None]:
        return self.items.put

    def failure(self, input: str, failure: Failure) -> None:
        self.items.put(failure)

    def flush(self) -> None:
        pass
