"""Extraction off the event loop: worker processes (``--jobs N``), or one thread (``--jobs 0``).

Extraction is CPU-bound and holds the GIL, so in the fetching process it would stall
every download. Worker processes use every core. They are forked by a *spawner*: a
process forked once, before the event loop or any thread exists, which forks a worker
whenever asked, from any point of a run, although the parent by then has threads
(forking a threaded process is unsafe). The spawner first loads what extraction needs
(``warm_up``: the pipeline, trafilatura, the memory-mapped language model), on the
other core while the fetching process starts up and waits for its first answers, so
neither the fetching process nor each worker pays those loads: a single ``newsscrape
fetch URL`` gets its page extracted by a warm worker. Workers and the spawner ignore
SIGINT: Ctrl-C is the parent's business, and it ends them in order.

Each worker is fed over its own socket pair, read and written by the event loop
itself: length-prefixed pickles, pages out and outcomes (``Record`` or ``Failure``)
back, in order. The extraction options go to each worker once, when it starts. No helper
threads: ``concurrent.futures.ProcessPoolExecutor`` (a feeder thread, a manager
thread, a wake-up pipe and a thread-safe hand-off per page) cost the fetching process
about 0.5 ms of CPU a page, a third of its whole budget, on a 2-core machine where
that CPU is taken from extraction. A page goes to the worker with the fewest unfinished
pages, at most ``PIPELINE`` each (one running, one waiting in the socket), so one
slow page never queues others behind it while another worker is idle.

A page whose extraction runs longer than ``page_timeout`` seconds fails as
``extract_timeout``: its worker is killed (SIGKILL, which stops even a parser stuck in
C code, where no Python-level timeout would ever run) and the spawner forks a
replacement; the page queued behind it goes to another worker. A worker that dies (a
crash in a C extension, the OOM killer) fails only the page it was extracting, as
``internal`` (``WorkerDiedError``), and is replaced the same way. With ``--jobs 0``
(a thread) nothing can stop a page, so ``page_timeout`` does not apply.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import pickle
import signal
import socket
import struct
import time
from collections import deque
from collections.abc import Awaitable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from newsscrape.errors import ExtractTimeoutError, WorkerDiedError
from newsscrape.options import ExtractOptions
from newsscrape.record import Failure, Outcome, Page

BACKLOG_PAGES = 64
"""Fetched pages waiting for extraction processes, at most. Fetching outruns extraction
on real-sized pages, so the backlog is always full and its depth buys nothing but
memory: 512 pages held the fetching process at ~470 MB, 64 (each held once, as the
bytes sent to its worker) at ~80 MB (README, "Batch fetching"), for the same CPU a page
and the same rate."""
BACKLOG_CHARS = 64 * 1024 * 1024
"""Their size, at most (``Page.size``: bytes, or characters once decoded); a single
larger page still goes, alone."""
PIPELINE = 2
"""Pages handed to one worker at once: the one it extracts and the next one."""
_HEAD = struct.Struct("!Q")
"""Frame header: the pickle's length."""
_PID = struct.Struct("!I")
"""The spawner's answer: a worker's pid (its socket rides along as ancillary data)."""
GRACE = 1.5
"""Seconds workers get to exit at the end of a run before they are killed."""


def extract_outcome(page: Page, options: ExtractOptions) -> Outcome:
    """Decode the page if it came undecoded, run the pipeline on it; never raises (runs
    in a worker process). A failure names the page's input (``Page.input_name``)."""
    from newsscrape.document.decode import decoded
    from newsscrape.pipeline import extract_page

    try:
        return extract_page(decoded(page), options)
    except Exception as exc:  # one broken page must not end the batch
        return Failure.from_exception(page.input_name, exc, source=page.source)


class Backlog:
    """Pages fetched and not yet extracted, bounded in number and in size.

    ``enter`` waits (so the fetcher that calls it stops fetching) while the backlog is
    full; ``leave`` makes room. A page larger than the whole size bound enters alone.
    Waiters are served in order, and only the first is woken when room is made (it
    wakes the next if room is left): the backlog is full for most of a run, and waking
    every fetching connection on each page extracted woke all of them (40 with 20
    origins at 2 connections each) for every page.
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
        """Wait for room for one page of ``chars`` characters (after the pages already
        waiting), and take it."""
        if self._waiters or not self._fits(chars):
            await self._wait_turn(chars)
        self.pages += 1
        self.chars += chars
        self._wake_first()

    async def _wait_turn(self, chars: int) -> None:
        loop = asyncio.get_running_loop()
        waiter = loop.create_future()
        self._waiters.append(waiter)
        try:
            await waiter
            while not self._fits(chars):  # woken, but this page is too large yet
                waiter = loop.create_future()
                self._waiters.appendleft(waiter)  # it keeps its place in line
                await waiter
        except asyncio.CancelledError:
            if waiter.cancelled():  # still in line: leave it
                with contextlib.suppress(ValueError):
                    self._waiters.remove(waiter)
            self._wake_first()  # (a turn it was woken for passes on)
            raise

    def _wake_first(self) -> None:
        """Wake the first waiter if there may be room for it."""
        while self._waiters and self.pages < self.max_pages:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    def leave(self, chars: int) -> None:
        """One page of ``chars`` characters is done."""
        self.pages -= 1
        self.chars -= chars
        self._wake_first()


def default_jobs() -> int:
    """One extraction process per usable core."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


# --- the worker process ---------------------------------------------------------------


def _serve(conn: socket.socket, inherited: list[socket.socket], options: ExtractOptions) -> None:
    """Worker main: read page frames, answer each with its outcome, until EOF (SIGINT
    is already ignored when forked by the spawner; set again for direct use)."""
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


# --- the spawner process --------------------------------------------------------------


def can_fork() -> bool:
    """Whether worker processes can be made here (POSIX fork and descriptor passing)."""
    return hasattr(os, "fork") and hasattr(socket, "send_fds")


def _fork(child: Any, *args: Any) -> int:
    """Fork; the child ignores SIGINT from its first instruction (SIGINT is blocked
    around the fork so none lands in between), runs ``child(*args)`` and exits."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
                child(*args)
                code = 0
            finally:
                os._exit(code)  # never back into the parent's code, nor its atexit hooks
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    return pid


def _spawner_main(control: socket.socket, parent_end: socket.socket,
                  options: ExtractOptions) -> None:
    """Spawner main: fork one worker per request byte and hand its socket to the
    parent, until the parent closes the control socket; then end the workers."""
    parent_end.close()  # the fork's copy: while open, the parent's close would be no EOF
    warm_up()
    children: set[int] = set()
    try:
        while request := control.recv(64):
            for _ in request:
                _reap(children)
                mine, theirs = socket.socketpair()
                pid = _fork(_serve, theirs, [control, mine], options)
                children.add(pid)
                theirs.close()
                try:
                    socket.send_fds(control, [_PID.pack(pid)], [mine.fileno()])
                finally:
                    mine.close()
    except OSError:  # the parent is gone
        pass
    _end_children(children)


def warm_up() -> None:
    """Load, once, what extracting pages needs, for the workers forked afterwards to
    share: the pipeline, trafilatura (the fallback body extractor, ~0.3 s to import)
    and the memory-mapped language model. Runs in the spawner, on another core than
    the fetching process, while that one starts and sends its first requests."""
    import newsscrape.pipeline  # noqa: F401

    with contextlib.suppress(Exception):  # each is loaded on first use otherwise
        import trafilatura  # noqa: F401
    with contextlib.suppress(Exception):  # py3langid's slow load is left to the pages
        from newsscrape.document.langid_model import mapped_identifier

        mapped_identifier()
    gc.freeze()  # what is loaded now stays shared: no reference count copies it


def _reap(children: set[int]) -> None:
    for pid in list(children):
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(pid, os.WNOHANG)[0] == 0:
                continue
        children.discard(pid)


def _end_children(children: set[int]) -> None:
    """Give the workers ``GRACE`` seconds to finish (they see EOF), then kill the rest
    (a worker deep in a pathological page would otherwise run on)."""
    deadline = time.monotonic() + GRACE
    while children and time.monotonic() < deadline:
        _reap(children)
        time.sleep(0.01)
    for pid in children:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


class Spawner:
    """The parent's handle on the spawner process."""

    def __init__(self, options: ExtractOptions) -> None:
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.pid = _fork(_spawner_main, theirs, mine, options)
        except BaseException:
            mine.close()
            raise
        finally:
            theirs.close()
        self.control = mine
        self.alive = True

    def request(self) -> bool:
        """Ask for one more worker; False if the spawner is gone."""
        try:
            self.control.send(b"w")
        except OSError:
            self.alive = False
        return self.alive

    def receive(self) -> tuple[int, socket.socket] | None:
        """A worker made since the last call (pid, connection), or None for now; raises
        ``EOFError`` once the spawner is gone."""
        try:
            data, fds, _, _ = socket.recv_fds(self.control, _PID.size, 1)
        except BlockingIOError:
            return None
        except OSError as exc:
            raise EOFError from exc
        if not data or not fds:
            for fd in fds:
                os.close(fd)
            raise EOFError
        return _PID.unpack(data)[0], socket.socket(fileno=fds[0])

    def close(self, workers: list[int]) -> None:
        """End the spawner (it ends its workers); kill what is still there after a wait."""
        self.control.close()
        deadline = time.monotonic() + GRACE + 1.0
        while time.monotonic() < deadline:
            with contextlib.suppress(ChildProcessError):
                if os.waitpid(self.pid, os.WNOHANG)[0] == 0:
                    time.sleep(0.01)
                    continue
            return
        for pid in (self.pid, *workers):  # a spawner that hangs: no worker outlives the run
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


# --- the parent's side ----------------------------------------------------------------


@dataclass(slots=True)
class _Job:
    """One page on its way to a worker: its pickle, who waits for it, its HTTP status."""

    frame: bytes
    future: asyncio.Future[Outcome]
    status: int | None


class _Worker(asyncio.Protocol):
    """One worker process and its connection, as the event loop sees them."""

    def __init__(self, pid: int, conn: socket.socket, owner: Extractor) -> None:
        self.pid = pid
        self.conn = conn
        self.owner = owner
        self.pending: deque[_Job] = deque()
        """Pages sent, in order: the first is being extracted, the others wait."""
        self.transport: asyncio.Transport | None = None
        self.alive = True
        self._buffer = bytearray()
        self._clock: asyncio.TimerHandle | None = None

    def send(self, job: _Job) -> None:
        assert self.transport is not None
        self.pending.append(job)
        self.transport.writelines((_HEAD.pack(len(job.frame)), job.frame))  # no joined copy
        if len(self.pending) == 1:
            self._start_clock()

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
            self._stop_clock()
            job = self.pending.popleft()
            if not job.future.done():  # not cancelled by an interrupted run
                job.future.set_result(outcome)
            if self.pending:
                self._start_clock()  # the next page starts now
            freed = True
        if freed:
            self.owner.dispatch()

    def connection_lost(self, exc: Exception | None) -> None:
        self.alive = False
        self.transport = None
        self._stop_clock()
        if self.pending:  # it died on the first page; the others were never started
            job = self.pending.popleft()
            _fail(job, WorkerDiedError(f"extraction process {self.pid} exited"))
        self.owner.lost(self, self._take_pending())

    def kill(self) -> None:
        """End the process now (it may be stuck in C code: only SIGKILL stops it)."""
        self.alive = False
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        if self.transport is not None:
            self.transport.abort()

    def _take_pending(self) -> list[_Job]:
        jobs, self.pending = list(self.pending), deque()
        return jobs

    def _start_clock(self) -> None:
        seconds = self.owner.page_timeout
        if seconds and self.owner.loop is not None:
            self._clock = self.owner.loop.call_later(seconds, self._overrun)

    def _stop_clock(self) -> None:
        if self._clock is not None:
            self._clock.cancel()
            self._clock = None

    def _overrun(self) -> None:
        """The page being extracted ran out of time: fail it, kill the process, and give
        the pages queued behind it to other workers."""
        self._clock = None
        job = self.pending.popleft()
        seconds = self.owner.page_timeout or 0
        _fail(job, ExtractTimeoutError(f"extraction took longer than {seconds:g} s "
                                       "(--page-timeout)", status=job.status))
        self.owner.requeue(self._take_pending())
        self.kill()


def _fail(job: _Job, error: Exception) -> None:
    if not job.future.done():
        job.future.set_exception(error)


class Extractor:
    """Runs ``extract_outcome`` in worker processes or (``jobs=0``) in a thread.

    ``page_timeout`` (seconds; None or 0: no limit) bounds each page's extraction in a
    worker process (see the module docstring).
    """

    def __init__(self, jobs: int | None, options: ExtractOptions, *,
                 page_timeout: float | None = None) -> None:
        self.jobs = default_jobs() if jobs is None else jobs
        self.options = options
        self.page_timeout = page_timeout or None
        self.loop: asyncio.AbstractEventLoop | None = None
        self._workers: list[_Worker] = []
        self._waiting: deque[_Job] = deque()
        self._coming = 0
        """Workers asked of the spawner and not yet received."""
        self._adding: set[asyncio.Task[None]] = set()
        self._spawner: Spawner | None = None
        self._over = False
        if self.jobs > 0 and can_fork():
            self._spawner = Spawner(options)
            for _ in range(self.jobs):
                self._ask()

    @property
    def capacity(self) -> int:
        """How many fetched pages may wait for extraction at once.

        Generous with processes: fetching must not stall while the workers are busy
        (their first pages load language models and the like for a second or so;
        later, pages arrive in bursts), and what a waiting page costs is its bytes,
        which ``Backlog`` also bounds by size. A thread (``--jobs 0``) gets a few.
        """
        return BACKLOG_PAGES if self._spawner is not None else 4

    async def extract(self, page: Page) -> Outcome:
        """The outcome of extracting ``page``: ``ExtractTimeoutError`` if it overran the
        page timeout, ``WorkerDiedError`` if its process died (or none is left)."""
        return await self._start(page)

    async def outcome(self, page: Page) -> Outcome:
        """``extract``, with its errors (a timed-out page, a dead worker) as the page's
        ``Failure``."""
        return await self.submit(page)

    def submit(self, page: Page) -> Awaitable[Outcome]:
        """Start extracting ``page`` now; await the result for its outcome, errors (a
        timed-out page, a dead worker) as the page's ``Failure``.

        For a worker process the page is pickled at once, and the result does not hold
        the page itself: a caller that drops its own reference keeps each waiting page
        once in memory (as its frame), not twice.
        """
        name, source = page.input_name, page.source
        started = self._start(page)
        del page

        async def outcome() -> Outcome:
            try:
                return await started
            except Exception as exc:
                return Failure.from_exception(name, exc, source=source)

        return outcome()

    def _start(self, page: Page) -> Awaitable[Outcome]:
        if self._spawner is None:
            return asyncio.ensure_future(asyncio.to_thread(extract_outcome, page, self.options))
        loop = asyncio.get_running_loop()
        if self.loop is not loop:
            self._attach(loop)
        future: asyncio.Future[Outcome] = loop.create_future()
        self._waiting.append(_Job(pickle.dumps(page, pickle.HIGHEST_PROTOCOL), future,
                                  page.status))
        self.dispatch()
        return future

    def _attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Listen for the spawner's workers on this event loop (once, on first use)."""
        assert self._spawner is not None
        self.loop = loop
        self._spawner.control.setblocking(False)
        loop.add_reader(self._spawner.control.fileno(), self._receive)
        self._receive()

    def _ask(self) -> None:
        if not self._over and self._spawner is not None and self._spawner.request():
            self._coming += 1

    def _receive(self) -> None:
        """(Reader callback) take the workers the spawner has made."""
        assert self._spawner is not None and self.loop is not None
        while True:
            try:
                made = self._spawner.receive()
            except EOFError:
                self._spawner.alive = False
                self._coming = 0
                self.loop.remove_reader(self._spawner.control.fileno())
                self.dispatch()
                return
            if made is None:
                return
            self._coming -= 1
            worker = _Worker(*made, self)  # counted at once: pages wait for it
            self._workers.append(worker)
            task = self.loop.create_task(self._connect(worker))
            self._adding.add(task)
            task.add_done_callback(self._adding.discard)

    async def _connect(self, worker: _Worker) -> None:
        assert self.loop is not None
        worker.conn.setblocking(False)
        await self.loop.connect_accepted_socket(lambda: worker, worker.conn)
        self.dispatch()

    def dispatch(self) -> None:
        """Hand waiting pages to the least busy live workers with room."""
        while self._waiting:
            ready = [w for w in self._workers if w.alive and w.transport is not None]
            if not ready:
                if not self._coming and not any(w.alive for w in self._workers):
                    error = WorkerDiedError("no extraction process is left")
                    for job in self._waiting:
                        _fail(job, error)
                    self._waiting.clear()
                return
            worker = min(ready, key=lambda w: len(w.pending))
            if len(worker.pending) >= PIPELINE:
                return
            job = self._waiting.popleft()
            if not job.future.done():  # skip pages of a run being interrupted
                worker.send(job)

    def requeue(self, jobs: list[_Job]) -> None:
        """Pages a worker held but never started: first in line for the others."""
        self._waiting.extendleft(reversed(jobs))

    def lost(self, worker: _Worker, unstarted: list[_Job]) -> None:
        """(A worker's connection closed) replace it, unless the run is over."""
        if worker in self._workers:
            self._workers.remove(worker)
        self.requeue(unstarted)
        self._ask()
        self.dispatch()

    async def detach(self) -> None:
        """End of a run: take the connections off the event loop; the workers then exit."""
        self._over = True
        if self.loop is not None and self._spawner is not None:
            with contextlib.suppress(ValueError, OSError):
                self.loop.remove_reader(self._spawner.control.fileno())
        for task in list(self._adding):
            task.cancel()
        for worker in self._workers:
            if worker.transport is not None:
                worker.transport.abort()  # pending pages are dropped: the run is over
        await asyncio.sleep(0)  # let the transports call connection_lost

    def close(self) -> None:
        """Stop the workers and the spawner (pending work is dropped: the run is over)."""
        self._over = True
        workers, self._workers = self._workers, []
        for worker in workers:
            worker.conn.close()  # EOF: the worker returns
        if self._spawner is not None:
            self._spawner.close([w.pid for w in workers])
            self._spawner = None
        self._waiting.clear()

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
