"""Hand each input's outcome to the sink, as it completes or (``--ordered``) in input order.

Every accepted input holds one slot of a bounded window from the moment it is read
until its outcome is written, which is what keeps memory flat: a slow input in
ordered mode can hold back at most ``window`` finished outcomes, and the input reader
waits when the window is full.
"""

from __future__ import annotations

import asyncio
from typing import Any, Protocol

from newsscrape.output import OutputError


class Sink(Protocol):
    """Receives each input's outcome."""

    def record(self, obj: dict[str, Any]) -> None: ...

    def error(self, url: str, error: dict[str, Any]) -> None: ...


Outcome = tuple[str, bool, dict[str, Any]]
"""(input URL, succeeded, record or error object)."""


class Results:
    """The window of inputs in progress and the writer of their outcomes."""

    def __init__(self, sink: Sink, *, ordered: bool, window: int) -> None:
        self.sink = sink
        self.ordered = ordered
        self.slots = asyncio.Semaphore(window)
        self._held: dict[int, Outcome] = {}
        self._next = 0
        self.pending = 0
        self.failure: BaseException | None = None
        """An exception from the sink (a closed stdout, a full disk): the run must stop."""

    async def admit(self) -> None:
        """Wait for room in the window for one more input."""
        await self.slots.acquire()
        self.pending += 1

    def deliver(self, seq: int, url: str, ok: bool, obj: dict[str, Any]) -> None:
        """Input ``seq`` is done: write it (or hold it until the ones before it are)."""
        if not self.ordered:
            self._write((url, ok, obj))
            return
        self._held[seq] = (url, ok, obj)
        while self._next in self._held:
            self._write(self._held.pop(self._next))
            self._next += 1

    def flush_held(self) -> None:
        """Write every finished outcome still held for ordering (on interruption)."""
        for seq in sorted(self._held):
            self._write(self._held.pop(seq))

    def _write(self, outcome: Outcome) -> None:
        url, ok, obj = outcome
        self.pending -= 1
        self.slots.release()
        if self.failure is not None:
            return
        try:
            if ok:
                self.sink.record(obj)
            else:
                self.sink.error(url, obj)
        except (OutputError, OSError) as exc:  # stdout closed (| head) or disk full: stop
            self.failure = exc
