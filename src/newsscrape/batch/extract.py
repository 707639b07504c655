"""Extraction off the event loop: a process pool (``--jobs N``), or one thread (``--jobs 0``).

Extraction is CPU-bound (tens of milliseconds a page) and holds the GIL, so in the
fetching process it would stall every download. Worker processes use every core; the
pool is started (forked, before the event loop or any thread exists) and warmed up
front so the first pages do not wait for it. Workers ignore SIGINT: Ctrl-C is the
parent's business, and it ends the pool in order.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import sys
from concurrent.futures import Executor, ProcessPoolExecutor
from types import TracebackType
from typing import Any

from newsscrape.errors import NewsscrapeError
from newsscrape.options import Options
from newsscrape.record import Page

Outcome = tuple[bool, dict[str, Any]]
"""(True, record dict) or (False, error dict)."""


def internal_error(exc: BaseException) -> dict[str, Any]:
    """An unexpected exception, reported like any failure so the batch goes on."""
    return {"kind": "internal", "message": f"{type(exc).__name__}: {exc}", "status": None}


def extract_outcome(page: Page, options: Options) -> Outcome:
    """Run the pipeline on one page; never raises (runs in a worker process)."""
    from newsscrape.pipeline import extract_page

    try:
        return True, extract_page(page, options).to_dict()
    except NewsscrapeError as exc:
        return False, exc.to_dict()
    except Exception as exc:  # one broken page must not end the batch
        return False, internal_error(exc)


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def default_jobs() -> int:
    """One extraction process per usable core."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


class Extractor:
    """Runs ``extract_outcome`` in worker processes or (``jobs=0``) in a thread."""

    def __init__(self, jobs: int | None) -> None:
        self.jobs = default_jobs() if jobs is None else jobs
        self._pool: Executor | None = None
        if self.jobs > 0:
            import newsscrape.pipeline  # noqa: F401 - imported once here, shared by the forks

            self._pool = ProcessPoolExecutor(self.jobs, mp_context=_context(),
                                             initializer=_ignore_sigint)
            for future in [self._pool.submit(int) for _ in range(self.jobs)]:
                future.result()

    @property
    def capacity(self) -> int:
        """How many pages may usefully wait for extraction at once."""
        return max(1, self.jobs) * 4

    async def extract(self, page: Page, options: Options) -> Outcome:
        """The outcome of extracting ``page``."""
        if self._pool is None:
            return await asyncio.to_thread(extract_outcome, page, options)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, extract_outcome, page, options)

    def close(self) -> None:
        """Stop the workers (pending work is dropped: the run is over or interrupted)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _context() -> multiprocessing.context.BaseContext:
    """fork where it exists (fast start, inherits the imports), else the platform default."""
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()
