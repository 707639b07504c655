"""robots.txt answers kept in ``--cache DIR`` between runs, reused for up to a day.

RFC 9309 section 2.4: a crawler may cache robots.txt, and should not use a cached copy
for more than 24 hours (unless the file is unreachable). Within one run each origin's
robots.txt is fetched once anyway (``batch.polite``); this store spares the next runs
(a single ``newsscrape fetch URL`` repeated, a resumed batch) that round trip, whatever
cache headers the answer carried. Only real answers are kept (2xx rules, 4xx "no
rules"); an unreachable robots.txt (5xx, 429, no answer) is asked again next time.

The store is a small SQLite file beside the HTTP cache's. It is an optimisation only:
a store that cannot be opened, read or written is skipped, never an error.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

ROBOTS_FILE = "robots-txt.sqlite"
ROBOTS_LIFETIME = 24 * 3600.0
"""Seconds a kept robots.txt answer is reused (RFC 9309 2.4)."""


class RobotsStore:
    """Kept robots.txt answers by origin (``scheme://host:port``)."""

    def __init__(self, directory: str, *, lifetime: float = ROBOTS_LIFETIME,
                 clock: Callable[[], float] = time.time) -> None:
        self.lifetime = lifetime
        self.clock = clock
        self._db: sqlite3.Connection | None = None
        with contextlib.suppress(sqlite3.Error, OSError):
            db = sqlite3.connect(Path(directory) / ROBOTS_FILE, isolation_level=None)
            try:
                db.execute("CREATE TABLE IF NOT EXISTS robots (origin TEXT PRIMARY KEY, "
                           "status INTEGER NOT NULL, body BLOB NOT NULL, "
                           "fetched REAL NOT NULL)")
            except sqlite3.Error:
                db.close()
                raise
            self._db = db

    def get(self, origin: str) -> tuple[int, bytes] | None:
        """The kept answer (status, body) for ``origin``, if younger than the lifetime."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT status, body, fetched FROM robots WHERE origin = ?",
                                   (origin,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None or not 0 <= self.clock() - float(row[2]) < self.lifetime:
            return None
        return int(row[0]), bytes(row[1])

    def put(self, origin: str, status: int, body: bytes) -> None:
        """Keep a robots.txt answer (a 2xx or 4xx one) for ``origin``, as of now."""
        if self._db is None or not 200 <= status < 500 or status == 429:
            return
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("INSERT OR REPLACE INTO robots VALUES (?, ?, ?, ?)",
                             (origin, status, body, self.clock()))

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()
            self._db = None
