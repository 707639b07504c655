"""Read an input iterator (URLs, or saved pages) in a daemon thread and hand it to the
event loop as it comes.

The iterator may block (a slow pipe on stdin, a network file system, a caller's
generator) or work (reading and decoding saved pages), so it never runs on the event
loop. Each item is handed over as soon as it is read: the loop takes whatever has
gathered since it last looked (one wake-up per burst, not per item), so a slow source
is never held back waiting to fill a batch. The thread stays at most ``limit`` items
ahead (backpressure, so a million-line list is never read at once) and, being a daemon,
cannot keep the process alive when the run ends early on Ctrl-C or a closed stdout.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Generic, TypeVar

AHEAD = 1024
"""Items read but not yet taken by the loop, at most."""
T = TypeVar("T")


class Feed(Generic[T]):
    """An async iterator over the items read so far (in input order) by a background
    thread."""

    def __init__(self, items: Iterator[T], *, limit: int = AHEAD) -> None:
        self._items = items
        self._limit = limit
        self._state = threading.Condition()
        self._buffer: list[T] = []
        self._finished = False
        self._error: BaseException | None = None
        self._closed = False
        self._ready = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        self._thread = threading.Thread(target=self._read, name="newsscrape-input",
                                        daemon=True)
        self._thread.start()

    def _read(self) -> None:
        error: BaseException | None = None
        try:
            for item in self._items:
                if not self._put(item):
                    return
        except BaseException as exc:  # an unreadable list: the loop reports it
            error = exc
        with self._state:
            self._finished, self._error = True, error
        self._wake()

    def _put(self, item: T) -> bool:
        """Add one item, waiting for room; False once the feed is closed."""
        with self._state:
            while len(self._buffer) >= self._limit and not self._closed:
                self._state.wait()
            if self._closed:
                return False
            self._buffer.append(item)
            first = len(self._buffer) == 1
        if first:  # the loop may be waiting; later items of this burst ride along
            self._wake()
        return True

    def _wake(self) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is closed: the run is over
            self._loop.call_soon_threadsafe(self._ready.set)

    async def batches(self) -> AsyncIterator[list[T]]:
        """The items gathered since the last batch; re-raises an error the reader met."""
        while True:
            await self._ready.wait()
            with self._state:
                self._ready.clear()
                batch, self._buffer = self._buffer, []
                finished, error = self._finished, self._error
                self._state.notify()
            if batch:
                yield batch
            if finished:
                if error is not None:
                    raise error
                return

    def close(self) -> None:
        """Tell the reader to stop at its next chance (it may be blocked on input)."""
        with self._state:
            self._closed = True
            self._state.notify()
