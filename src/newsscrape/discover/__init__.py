"""Find article URLs: sitemaps, feeds and home pages (``newsscrape discover`` / ``watch``).

Library use::

    from newsscrape.discover import Candidate, Settings, Window, discover

    for found in discover(["https://example.com"], settings=Settings(max_urls=100)):
        if isinstance(found, Candidate):
            print(found.url, found.published, found.title)
        else:                                   # a SourceFailure: url + error (kind)
            print("failed:", found.url, found.error.kind)

``discover`` runs the discovery on its own thread and event loop and yields as it
goes; ``run_discovery`` is the same as a coroutine with callbacks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import queue

    from newsscrape.discover.candidates import Candidate, SourceFailure
    from newsscrape.discover.engine import (
        Discovery,
        InputReport,
        OnCandidate,
        OnFailure,
        Validators,
    )
    from newsscrape.discover.settings import Settings
    from newsscrape.discover.window import Window
    from newsscrape.options import Options

__all__ = ["Candidate", "Settings", "SourceFailure", "Window", "discover", "run_discovery"]

_END = object()


async def run_discovery(inputs: Iterable[str], options: Options, settings: Settings, *,
                        on_candidate: OnCandidate, on_failure: OnFailure,
                        validators: Validators | None = None,
                        started: queue.SimpleQueue[Discovery] | None = None,
                        ) -> dict[str, InputReport]:
    """Discover from ``inputs``, calling back per candidate and per failure; the report
    of each input. ``started`` receives the ``Discovery`` (to ``stop()`` it)."""
    from newsscrape.batch.extract import Extractor
    from newsscrape.batch.runner import Batch
    from newsscrape.discover.engine import Discovery
    from newsscrape.fetch.transports import TransportFactory

    batch = Batch(options=options, sink=_NoPages(), extractor=Extractor(0),
                  factory=TransportFactory(options))
    discovery = Discovery(options, settings, batch, on_candidate=on_candidate,
                          on_failure=on_failure, validators=validators)
    if started is not None:
        started.put(discovery)
    try:
        return await discovery.run(inputs)
    finally:
        await batch.aclose()


def discover(inputs: str | Iterable[str], *, options: Options | None = None,
             settings: Settings | None = None) -> Iterator[Candidate | SourceFailure]:
    """Each candidate (and each failure) found from ``inputs`` (sites, feeds, sitemaps),
    as discovery runs. Closing the iterator early stops the discovery."""
    import asyncio
    import contextlib
    import queue
    import threading

    from newsscrape.discover.candidates import SourceFailure
    from newsscrape.discover.settings import Settings
    from newsscrape.options import Options

    items: queue.Queue[object] = queue.Queue(maxsize=1024)
    started: queue.SimpleQueue[Discovery] = queue.SimpleQueue()
    urls = [inputs] if isinstance(inputs, str) else inputs
    opts, sets = options or Options(), settings or Settings()

    def work() -> None:
        try:
            asyncio.run(run_discovery(
                urls, opts, sets, started=started,
                on_candidate=lambda _input, candidate: items.put(candidate),
                on_failure=lambda url, error: items.put(SourceFailure(url, error))))
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


class _NoPages:
    """The batch's page sink: discovery fetches no pages through it."""

    def record(self, obj: object) -> None:
        raise AssertionError("discovery writes no page records")

    def error(self, url: str, error: object) -> None:
        raise AssertionError("discovery writes no page errors")


def __getattr__(name: str) -> Any:
    """The public classes, imported on first use (``newsscrape --version`` stays fast)."""
    if name in ("Candidate", "SourceFailure"):
        from newsscrape.discover import candidates

        return getattr(candidates, name)
    if name == "Settings":
        from newsscrape.discover.settings import Settings

        return Settings
    if name == "Window":
        from newsscrape.discover.window import Window

        return Window
    raise AttributeError(name)
