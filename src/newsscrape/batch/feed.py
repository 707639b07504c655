"""Read the URL iterator in a daemon thread and hand it to the event loop in batches.

The iterator may block (a slow pipe on stdin, a network file system), so it never runs
on the event loop. The thread stays at most ``depth`` batches ahead (backpressure,
so a million-line list is never read at once) and, being a daemon, cannot keep the
process alive when the run ends early on Ctrl-C or a closed stdout.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections.abc import AsyncIterator, Iterator

BATCH = 256


class Feed:
    """An async iterator over batches of URLs read by a background thread."""

    def __init__(self, urls: Iterator[str], *, depth: int = 4) -> None:
        self._urls = urls
        self._room = threading.Semaphore(depth)
        self._closed = threading.Event()
        self._queue: asyncio.Queue[list[str] | BaseException | None] = asyncio.Queue()
        self._loop = asyncio.get_running_loop()
        self._thread = threading.Thread(target=self._read, name="newsscrape-input",
                                        daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            while True:
                batch = list(itertools.islice(self._urls, BATCH))
                if not batch or not self._send(batch):
                    break
        except BaseException as exc:  # an unreadable list: the loop reports it
            self._send(exc)
            return
        self._send(None)

    def _send(self, item: list[str] | BaseException | None) -> bool:
        """Pass one item to the loop, waiting for room; False once the feed is closed."""
        while not self._room.acquire(timeout=0.2):
            if self._closed.is_set():
                return False
        if self._closed.is_set():
            return False
        try:
            self._loop.call_soon_threadsafe(self._queue.put_nowait, item)
        except RuntimeError:  # the loop is closed: the run is over
            return False
        return True

    async def batches(self) -> AsyncIterator[list[str]]:
        """Each batch in input order; re-raises an error the reader met."""
        while True:
            item = await self._queue.get()
            self._room.release()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def close(self) -> None:
        """Tell the reader to stop at its next chance (it may be blocked on input)."""
        self._closed.set()
        self._room.release()
