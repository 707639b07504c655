"""Hand each input's outcome to the sink, as it completes or (``--ordered``) in input order.

Every accepted input holds one slot of a bounded window from the moment it is read
until its outcome is written (with ``until_taken``: until the sink's reader takes it
and calls ``taken``), which is what keeps memory flat: a slow input in ordered mode
can hold back at most ``window`` finished outcomes, and the input reader waits when
the window is full.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from newsscrape.batch.feed import AHEAD, Feed
from newsscrape.errors import OutputError
from newsscrape.record import Failure, Outcome

T = TypeVar("T")


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


@dataclass(frozen=True, slots=True)
class RunStats:
    """What a run skipped or left unfinished, and how long it took."""

    duplicates: int
    resumed: int
    unfinished: int
    """Inputs read but not written because the run was interrupted."""
    elapsed: float
    interrupted: bool
    """Ctrl-C (or a ``stop``) ended the run early (the CLI exits 130)."""


class Delivery:
    """The frame of a run: inputs admitted into ``Results`` in order, work done in tasks,
    each input's outcome delivered once, and a ``stop`` that ends it all soon.

    A failing sink (a closed stdout, a full disk) or a bug in a task stops the run, and
    ``run_until_stopped`` raises it at the end.
    """

    def __init__(self, sink: Sink, *, ordered: bool, window: int,
                 until_taken: bool = False) -> None:
        self.results = Results(sink, ordered=ordered, window=window, until_taken=until_taken)
        self.stopping = asyncio.Event()
        self.tasks: set[asyncio.Task[None]] = set()
        self.failure: BaseException | None = None
        self.unfinished = 0
        self._seq = 0

    async def run_until_stopped(self, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` (which waits for the tasks it spawns) to its end or until
        ``stop``; finished outcomes held for ordering are written either way."""
        task = asyncio.create_task(work)
        stop = asyncio.create_task(self.stopping.wait())
        try:
            await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
            if not task.done():
                await _cancel([task, *self.tasks])
            else:
                task.result()
            self.results.flush_held()
            self.unfinished = self.results.pending
        finally:
            stop.cancel()
        if self.failure is not None:
            raise self.failure

    def stop(self) -> None:
        """End the run soon: nothing new starts, inputs in progress are dropped."""
        self.stopping.set()

    async def admit(self) -> int:
        """Wait for room in the window; the next input's sequence number."""
        await self.results.admit()
        self._seq += 1
        return self._seq - 1

    def spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run ``coro`` as one of the run's tasks."""
        task = asyncio.create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self._finished)

    async def consume(self, items: Iterator[T], accept: Callable[[T], Awaitable[None]], *,
                      ahead: int = AHEAD) -> None:
        """Hand each input, read by a ``Feed`` thread (at most ``ahead`` read before they
        are taken), to ``accept`` (in order)."""
        feed = Feed(items, limit=ahead)
        try:
            async for batch in feed.batches():
                for item in batch:
                    await accept(item)
        finally:
            feed.close()

    async def drain(self) -> None:
        """Wait until every task has finished."""
        while self.tasks:
            await asyncio.wait(set(self.tasks))

    async def deliver_when_done(self, seq: int, outcome: Awaitable[Outcome],
                                release: Callable[[], None]) -> None:
        """Deliver input ``seq``'s ``outcome`` once it comes (from the extraction
        workers); ``release`` (its place in a backlog) is called whatever happens."""
        try:
            done = await outcome
        finally:
            release()
        self.deliver(seq, done)

    def deliver(self, seq: int, outcome: Outcome) -> None:
        """Input ``seq`` is done; a sink that failed stops the run."""
        self.results.deliver(seq, outcome)
        if self.results.failure is not None:
            self.failure = self.failure or self.results.failure
            self.stop()

    def _finished(self, task: asyncio.Task[None]) -> None:
        self.tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            self.failure = self.failure or task.exception()
            self.stop()


async def _cancel(tasks: list[asyncio.Task[None]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
