"""The live progress line on stderr (only when stderr is a terminal, and not ``--no-progress``).

One line, redrawn in place: done, failed, rate, queued, and the longest per-origin
queues. Host names come from the input, so they pass through ``safe_for_terminal``
like everything else page- or input-derived that reaches the terminal.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Iterable
from typing import IO

from newsscrape.batch.run import Snapshot
from newsscrape.output import safe_for_terminal


def progress_line(*, disabled: bool = False) -> Progress | None:
    """The progress line on stderr, unless disabled or stderr is not a terminal."""
    if disabled or sys.stderr is None or not sys.stderr.isatty():
        return None
    return Progress(sys.stderr)


class Progress:
    """Draws ``Snapshot``s on one terminal line; ``clear`` before printing other lines."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.start = time.monotonic()
        self._drawn = False

    def draw(self, snap: Snapshot) -> None:
        """Replace the line with the current figures."""
        width = shutil.get_terminal_size((100, 20)).columns - 1
        self.stream.write("\r\x1b[K" + render(snap, time.monotonic() - self.start)[:width])
        self.stream.flush()
        self._drawn = True

    def clear(self) -> None:
        """Erase the line (so a stderr message starts at column 0)."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False


def render(snap: Snapshot, elapsed: float) -> str:
    """The progress text (terminal-safe)."""
    done = snap.ok + snap.failed
    rate = done / elapsed if elapsed > 0 else 0.0
    queued = sum(n for _, n in snap.queues)
    text = (f"newsscrape: {done} done ({snap.failed} failed), {rate:.1f}/s, "
            f"{snap.in_flight} in flight, {queued} queued")
    busiest = _busiest(snap.queues)
    return text + (f" [{busiest}]" if busiest else "")


def _busiest(queues: Iterable[tuple[str, int]], limit: int = 3) -> str:
    top = sorted(queues, key=lambda q: -q[1])[:limit]
    return ", ".join(f"{safe_for_terminal(origin)} {n}" for origin, n in top if n)
