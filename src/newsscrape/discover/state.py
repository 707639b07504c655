"""``watch --state FILE.sqlite``: what has been seen and when to poll, in plain SQLite.

Tables (``sqlite3 FILE.sqlite .schema`` shows them; ``--reset`` empties all but ``meta``)::

    meta(key PRIMARY KEY, value)           'schema' = 'newsscrape-watch 1'
    sources(url PRIMARY KEY,               a SOURCE as given
            interval REAL,                 seconds until its next poll, as adapted
            next_poll TEXT,                UTC ISO time it is due
            last_poll TEXT, last_status TEXT,   new | empty | not_modified | error
            last_error TEXT, errors INTEGER,    consecutive failed polls
            found INTEGER)                 candidates emitted from it over all polls
    validators(url PRIMARY KEY,            every feed or sitemap read, for conditional
               etag TEXT, last_modified TEXT, updated TEXT)   requests
    seen(url PRIMARY KEY, source TEXT,     every candidate URL ever emitted, by the
         first_seen TEXT)                  source that first gave it

Writes are committed after each poll round (once its candidates are written, or with
``--fetch`` fetched), so a run killed midway repeats at most that round's candidates
(at least once, never lost).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from datetime import UTC, datetime

from newsscrape.errors import StateError

SCHEMA = "newsscrape-watch 1"
_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    url TEXT PRIMARY KEY, interval REAL NOT NULL, next_poll TEXT NOT NULL,
    last_poll TEXT, last_status TEXT, last_error TEXT,
    errors INTEGER NOT NULL DEFAULT 0, found INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS validators (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, updated TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seen (
    url TEXT PRIMARY KEY, source TEXT NOT NULL, first_seen TEXT NOT NULL);
"""


def iso(moment: datetime) -> str:
    """UTC ISO 8601 with seconds."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class State:
    """The state database (thread-safe: discovery marks URLs seen from worker threads)."""

    def __init__(self, path: str) -> None:
        try:
            self.db = sqlite3.connect(path, check_same_thread=False)
            self._check()
        except sqlite3.Error as exc:
            raise StateError(f"cannot use {path} as watch state: {exc}") from exc
        self.lock = threading.Lock()

    def _check(self) -> None:
        tables = {row[0] for row in self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "meta" not in tables:
            raise StateError("the file is an SQLite database, but not a watch state")
        self.db.executescript(_TABLES)
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None and tables:
            raise StateError("the file is an SQLite database, but not a watch state")
        if row is not None and row[0] != SCHEMA:
            raise StateError(f"unknown state schema {row[0]!r} (expected {SCHEMA!r})")
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA,))
        self.db.commit()

    def reset(self) -> None:
        """Forget everything (``--reset``)."""
        with self.lock:
            self.db.executescript("DELETE FROM sources; DELETE FROM validators; "
                                  "DELETE FROM seen;")
            self.db.commit()

    def add_sources(self, urls: Iterable[str], interval: float, now: datetime) -> None:
        """Sources not known yet, due now."""
        with self.lock:
            self.db.executemany(
                "INSERT OR IGNORE INTO sources (url, interval, next_poll) VALUES (?, ?, ?)",
                [(u, interval, iso(now)) for u in urls])
            self.db.commit()

    def source(self, url: str) -> tuple[float, int]:
        """(interval, consecutive errors) of a source."""
        with self.lock:
            row = self.db.execute("SELECT interval, errors FROM sources WHERE url = ?",
                                  (url,)).fetchone()
        return (float(row[0]), int(row[1])) if row else (0.0, 0)

    def due(self, urls: Iterable[str], now: datetime) -> list[str]:
        """The sources among ``urls`` whose poll is due."""
        wanted = list(urls)
        with self.lock:
            rows = self.db.execute("SELECT url, next_poll FROM sources").fetchall()
        due = {url for url, when in rows if when <= iso(now)}
        return [u for u in wanted if u in due]

    def next_due(self, urls: Iterable[str]) -> datetime | None:
        """When the first of ``urls`` is due next."""
        wanted = set(urls)
        with self.lock:
            rows = self.db.execute("SELECT url, next_poll FROM sources").fetchall()
        times = [datetime.fromisoformat(when) for url, when in rows if url in wanted]
        return min(times) if times else None

    def polled(self, url: str, *, interval: float, next_poll: datetime, status: str,
               error: str | None, found: int, now: datetime) -> None:
        """Record a poll's outcome and the next one's time."""
        with self.lock:
            self.db.execute(
                "UPDATE sources SET interval = ?, next_poll = ?, last_poll = ?, "
                "last_status = ?, last_error = ?, found = found + ?, "
                "errors = CASE WHEN ? = 'error' THEN errors + 1 ELSE 0 END WHERE url = ?",
                (interval, iso(next_poll), iso(now), status, error, found, status, url))

    def mark_seen(self, url: str, source: str, now: datetime) -> bool:
        """Remember ``url``; False if it had been seen before."""
        with self.lock:
            cursor = self.db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?, ?)",
                                     (url, source, iso(now)))
        return cursor.rowcount == 1

    # --- conditional requests (``engine.Validators``) ---------------------------------

    def headers(self, url: str) -> dict[str, str]:
        """``If-None-Match`` / ``If-Modified-Since`` for a resource read before."""
        with self.lock:
            row = self.db.execute("SELECT etag, last_modified FROM validators WHERE url = ?",
                                  (url,)).fetchone()
        if row is None:
            return {}
        sent = {"If-None-Match": row[0]} if row[0] else {}
        if row[1]:
            sent["If-Modified-Since"] = row[1]
        return sent

    def store(self, url: str, headers: dict[str, str]) -> None:
        """Keep a resource's ETag and Last-Modified for the next poll."""
        etag, modified = headers.get("etag"), headers.get("last-modified")
        if not etag and not modified:
            return
        with self.lock:
            self.db.execute("INSERT OR REPLACE INTO validators VALUES (?, ?, ?, ?)",
                            (url, etag, modified, iso(datetime.now(UTC))))

    def commit(self) -> None:
        """Make the round's writes durable."""
        with self.lock:
            self.db.commit()

    def close(self, *, commit: bool = True) -> None:
        """Commit (or, for an interrupted round, roll back) and close."""
        with self.lock:
            if commit:
                self.db.commit()
            else:
                self.db.rollback()
        self.db.close()
