"""Hand each input's outcome to the sink, as it completes or (``--ordered``) in input order.

Every accepted input holds one slot of a bounded window from the moment it is read
until its outcome is written (with ``until_taken``: until the sink's reader takes it
and calls ``taken``), which is what keeps memory flat: a slow input in ordered mode
can hold back at most ``window`` finished outcomes, and the input reader waits when
the window is full.
"""

from __future__ import annotations

import asyncio
from typing import Protocol

from newsscrape.errors import OutputError
from newsscrape.record import Failure, Outcome


class Sink(Protocol):
    """Receives each input's outcome (``output.Reporter`` writes them as JSON lines)."""

    def write(self, outcome: Outcome) -> None: ...


class Results:
    """The window of inputs in progress and the writer of their outcomes."""

    def __init__(self, sink: Sink, *, ordered: bool, window: int,
                 until_taken: bool = False) -> None:
        self.sink = sink
        self.ordered = ordered
        self.until_taken = until_taken
        self.slots = asyncio.Semaphore(window)
        self._held: dict[int, Outcome] = {}
        self._next = 0
        self.pending = 0
        self.failure: BaseException | None = None
        """An exception from the sink (a closed stdout, a full disk): the run must stop."""
        self.ok = 0
        self.failed = 0
        """Outcomes handed to the sink, for the progress line."""

    async def admit(self) -> None:
        """Wait for room in the window for one more input."""
        await self.slots.acquire()
        self.pending += 1

    def deliver(self, seq: int, outcome: Outcome) -> None:
        """Input ``seq`` is done: write it (or hold it until the ones before it are)."""
        if not self.ordered:
            self._write(outcome)
            return
        self._held[seq] = outcome
        while self._next in self._held:
            self._write(self._held.pop(self._next))
            self._next += 1

    def taken(self) -> None:
        """(With ``until_taken``) the sink's reader took one outcome: free its slot."""
        self.slots.release()

    def flush_held(self) -> None:
        """Write every finished outcome still held for ordering (on interruption)."""
        for seq in sorted(self._held):
            self._write(self._held.pop(seq))

    def _write(self, outcome: Outcome) -> None:
        self.pending -= 1
        if not self.until_taken:
            self.slots.release()
        if self.failure is not None:
            return
        try:
            self.sink.write(outcome)
        except (OutputError, OSError) as exc:  # stdout closed (| head) or disk full: stop
            self.failure = exc
            return
        if isinstance(outcome, Failure):
            self.failed += 1
        else:
            self.ok += 1
