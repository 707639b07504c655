"""A per-call time limit that really holds: the work runs in a child process, which is
killed when a call overruns.

A signal (``signal.alarm``) or a watchdog thread cannot stop a page that is stuck
inside C code: the HTML parser on pathological nesting runs for minutes without
returning to Python, and no handler runs until it does. Killing the process that holds
the page always works; the next call forks a fresh child. The child is forked from the
caller, so it starts with whatever the caller has loaded (warm the caller up first, and
each child is warm), and the function needs no pickling, only its arguments and result.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any, Generic, TypeVar

from newsscrape.batch.extract import WorkerDiedError
from newsscrape.errors import ExtractTimeoutError

R = TypeVar("R")


def _serve(conn: Connection, parent_end: Connection, func: Callable[..., Any]) -> None:
    """Child main: call ``func`` on each argument tuple received, send back the result."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    parent_end.close()  # the fork's copy: while open, the parent closing its end is no EOF
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):  # the parent closed its end: done
            return
        conn.send(func(*args))


class TimeLimited(Generic[R]):
    """Calls ``func(*args)`` in a forked child, one call at a time, each within ``seconds``.

    A call that overruns raises ``ExtractTimeoutError`` (the child is killed); a child
    that dies raises ``WorkerDiedError``. Either way the next call gets a new child.
    ``func`` itself should not raise (an exception ends the child, as a death).
    """

    def __init__(self, func: Callable[..., R], seconds: float) -> None:
        self.func = func
        self.seconds = seconds
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None

    def __call__(self, *args: Any) -> R:
        conn = self._conn or self._start()
        try:
            conn.send(args)
            if not conn.poll(self.seconds):
                self._end(kill=True)
                raise ExtractTimeoutError(
                    f"extraction took longer than {self.seconds:g} s (--record-timeout)")
            result: R = conn.recv()
        except (EOFError, OSError) as exc:
            pid = self._process.pid if self._process else None
            self._end(kill=True)
            raise WorkerDiedError(f"extraction process {pid} exited") from exc
        return result

    def _start(self) -> Connection:
        context = multiprocessing.get_context("fork")
        mine, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs, mine, self.func), daemon=True,
                                  name="newsscrape-extract")
        process.start()
        theirs.close()
        self._process, self._conn = process, mine
        return mine

    def _end(self, *, kill: bool) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            conn.close()  # EOF: an idle child returns
        if process is not None:
            if kill:
                process.kill()
            process.join(5.0)
            if process.exitcode is None:
                process.kill()
                process.join()

    def close(self) -> None:
        """End the child (it exits on EOF once idle)."""
        self._end(kill=False)

    def __enter__(self) -> TimeLimited[R]:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
