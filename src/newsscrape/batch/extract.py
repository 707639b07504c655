"""Extraction off the event loop: worker processes (``--jobs N``), or one thread (``--jobs 0``).

Extraction is CPU-bound and holds the GIL, so in the fetching process it would stall
every download. Worker processes use every core; they are started (forked, before the
event loop or any thread exists) and warmed up front so the first pages do not wait.
Workers ignore SIGINT: Ctrl-C is the parent's business, and it ends them in order.

Each worker is fed over its own socket pair, read and written by the event loop
itself: length-prefixed pickles, pages out and outcomes (``Record`` or ``Failure``)
back, in order. The extraction options go to each worker once, when it starts. No helper
threads: ``concurrent.futures.ProcessPoolExecutor`` (a feeder thread, a manager
thread, a wake-up pipe and a thread-safe hand-off per page) cost the fetching process
about 0.5 ms of CPU a page, a third of its whole budget, on a 2-core machine where
that CPU is taken from extraction. A page goes to the worker with the fewest unfinished
pages, at most ``PIPELINE`` each (one running, one waiting in the socket), so one
slow page never queues others behind it while another worker is idle.

A worker that dies (a crash in a C extension, the OOM killer) fails only the pages it
held, as ``internal`` errors (``WorkerDiedError``); the others carry on.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import pickle
import signal
import socket
import struct
import sys
from collections import deque
from types import TracebackType
from typing import Any

from newsscrape.errors import WorkerDiedError
from newsscrape.options import ExtractOptions
from newsscrape.record import Failure, Outcome, Page

BACKLOG_PAGES = 512
"""Fetched pages waiting for extraction processes, at most."""
BACKLOG_CHARS = 64 * 1024 * 1024
"""Their HTML, at most (characters); a single larger page still goes, alone."""
PIPELINE = 2
"""Pages handed to one worker at once: the one it extracts and the next one."""
_HEAD = struct.Struct("!Q")
"""Frame header: the pickle's length."""


def extract_outcome(page: Page, options: ExtractOptions) -> Outcome:
    """Run the pipeline on one page; never raises (runs in a worker process). A failure
    names the page's input URL (a fetched or archived page always has one)."""
    from newsscrape.pipeline import extract_page

    try:
        return extract_page(page, options)
    except Exception as exc:  # one broken page must not end the batch
        return Failure.from_exception(page.url or "", exc)


class Backlog:
    """Pages fetched and not yet extracted, bounded in number and in size.

    ``enter`` waits (so the fetcher that calls it stops fetching) while the backlog is
    full; ``leave`` makes room. A page larger than the whole size bound enters alone.
    Waiters are few (one per fetching connection at most), so all are woken each time.
    """

    def __init__(self, pages: int, chars: int = BACKLOG_CHARS) -> None:
        self.max_pages = pages
        self.max_chars = chars
        self.pages = 0
        self.chars = 0
        self._waiters: deque[asyncio.Future[None]] = deque()

    def _fits(self, chars: int) -> bool:
        return self.pages < self.max_pages and (
            self.pages == 0 or self.chars + chars <= self.max_chars)

    async def enter(self, chars: int) -> None:
        """Wait for room for one page of ``chars`` characters, and take it."""
        while not self._fits(chars):
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            await waiter  # every waiter is woken on each leave, so none is forgotten
        self.pages += 1
        self.chars += chars

    def leave(self, chars: int) -> None:
        """One page of ``chars`` characters is done."""
        self.pages -= 1
        self.chars -= chars
        waiters, self._waiters = self._waiters, deque()
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)


def default_jobs() -> int:
    """One extraction process per usable core."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


# --- the worker process ---------------------------------------------------------------


def _serve(conn: socket.socket, inherited: list[socket.socket], options: ExtractOptions) -> None:
    """Worker main: read page frames, answer each with its outcome, until EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for other in inherited:  # parent-side ends copied by fork
        other.close()
    with conn, conn.makefile("rb") as stream:
        while True:
            try:
                page = _read_frame(stream)
            except OSError:  # reset: the parent aborted the connection (an interrupted run)
                return
            if page is None:
                return  # the parent closed the connection: the run is over
            data = pickle.dumps(extract_outcome(page, options), pickle.HIGHEST_PROTOCOL)
            try:
                conn.sendall(_HEAD.pack(len(data)) + data)
            except OSError:  # the parent is gone (interrupted): nobody wants the outcome
                return


def _read_frame(stream: Any) -> Page | None:
    """The next page frame, or None at EOF or on a frame cut short."""
    head = stream.read(_HEAD.size)
    if len(head) < _HEAD.size:
        return None
    size = _HEAD.unpack(head)[0]
    body = stream.read(size)
    if len(body) < size:
        return None
    page: Page = pickle.loads(body)
    return page


# --- the parent's side ----------------------------------------------------------------


class _Worker(asyncio.Protocol):
    """One worker process and its connection, as the event loop sees them."""

    def __init__(self, process: multiprocessing.process.BaseProcess,
                 conn: socket.socket, on_free: Any) -> None:
        self.process = process
        self.conn = conn
        self.on_free = on_free
        self.pending: deque[asyncio.Future[Outcome]] = deque()
        self.transport: asyncio.Transport | None = None
        self.alive = True
        self._buffer = bytearray()

    def send(self, frame: bytes, future: asyncio.Future[Outcome]) -> None:
        assert self.transport is not None
        self.pending.append(future)
        self.transport.write(frame)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        buffer = self._buffer
        buffer += data
        freed = False
        while len(buffer) >= _HEAD.size:
            end = _HEAD.size + _HEAD.unpack_from(buffer)[0]
            if len(buffer) < end:
                break
            outcome = pickle.loads(memoryview(buffer)[_HEAD.size:end])
            del buffer[:end]
            future = self.pending.popleft()
            if not future.done():  # not cancelled by an interrupted run
                future.set_result(outcome)
            freed = True
        if freed:
            self.on_free(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self.alive = False
        self.transport = None
        error = WorkerDiedError(f"extraction process {self.process.pid} exited")
        while self.pending:
            future = self.pending.popleft()
            if not future.done():
                future.set_exception(error)
        self.on_free(self)


class Extractor:
    """Runs ``extract_outcome`` in worker processes or (``jobs=0``) in a thread."""

    def __init__(self, jobs: int | None, options: ExtractOptions) -> None:
        self.jobs = default_jobs() if jobs is None else jobs
        self.options = options
        self._workers: list[_Worker] = []
        self._waiting: deque[tuple[bytes, asyncio.Future[Outcome]]] = deque()
        self._loop: asyncio.AbstractEventLoop | None = None
        if self.jobs > 0:
            import newsscrape.pipeline  # noqa: F401 - imported once here, shared by the forks

            self._start()

    def _start(self) -> None:
        context = _context()
        parents: list[socket.socket] = []
        try:
            for _ in range(self.jobs):
                mine, theirs = socket.socketpair()
                # fork copies every parent-side socket, this worker's own too: the worker
                # closes them, or it would never see the parent close its end
                inherited = [*parents, mine] if context.get_start_method() == "fork" else []
                process = context.Process(target=_serve, args=(theirs, inherited, self.options),
                                          name="newsscrape-extract", daemon=True)
                process.start()
                theirs.close()
                parents.append(mine)
                self._workers.append(_Worker(process, mine, self._dispatch))
        except BaseException:
            self.close()
            raise

    @property
    def capacity(self) -> int:
        """How many fetched pages may wait for extraction at once.

        Generous with processes: fetching must not stall while the workers are busy
        (their first pages load language models and the like for a second or so;
        later, pages arrive in bursts), and what a waiting page costs is its HTML,
        which ``Backlog`` also bounds by size. A thread (``--jobs 0``) gets a few.
        """
        return BACKLOG_PAGES if self._workers else 4

    async def extract(self, page: Page) -> Outcome:
        """The outcome of extracting ``page`` (``WorkerDiedError`` if its process exits)."""
        if not self._workers:
            return await asyncio.to_thread(extract_outcome, page, self.options)
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            await self._attach(loop)
        future: asyncio.Future[Outcome] = loop.create_future()
        data = pickle.dumps(page, pickle.HIGHEST_PROTOCOL)
        self._waiting.append((_HEAD.pack(len(data)) + data, future))
        self._dispatch()
        return await future

    async def _attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Put the worker connections on this event loop (once, on first use)."""
        self._loop = loop
        for worker in self._workers:
            worker.conn.setblocking(False)
            await loop.connect_accepted_socket(lambda w=worker: w, worker.conn)  # type: ignore[misc]
        self._dispatch()  # pages that arrived while attaching

    def _dispatch(self, _freed: object = None) -> None:
        """Hand waiting pages to the least busy live workers with room."""
        while self._waiting:
            live = [w for w in self._workers if w.alive]
            if not live:
                error = WorkerDiedError("no extraction process is left")
                for _, future in self._waiting:
                    if not future.done():
                        future.set_exception(error)
                self._waiting.clear()
                return
            ready = [w for w in live if w.transport is not None]  # none while attaching
            worker = min(ready, key=lambda w: len(w.pending), default=None)
            if worker is None or len(worker.pending) >= PIPELINE:
                return
            frame, future = self._waiting.popleft()
            if not future.done():  # skip pages of a run being interrupted
                worker.send(frame, future)

    async def detach(self) -> None:
        """Take the connections off the event loop (end of a run); the workers then exit."""
        for worker in self._workers:
            if worker.transport is not None:
                worker.transport.abort()  # pending pages are dropped: the run is over
        await asyncio.sleep(0)  # let the transports call connection_lost

    def close(self) -> None:
        """Stop the workers (pending work is dropped: the run is over or interrupted)."""
        workers, self._workers = self._workers, []
        for worker in workers:
            worker.conn.close()  # EOF: the worker returns
        for worker in workers:
            worker.process.join(2.0)
            if worker.process.exitcode is None:  # deep in a pathological page
                worker.process.terminate()
                worker.process.join()
        self._waiting.clear()

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _context() -> multiprocessing.context.ForkContext | multiprocessing.context.DefaultContext:
    """fork where it exists (fast start, inherits the imports), else the platform default."""
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()
