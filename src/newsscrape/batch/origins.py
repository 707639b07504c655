"""Per-origin politeness: a queue, a cap on requests in flight, and a spacing between starts.

An origin is scheme + host + port. Each has its own URL queue, at most ``per_host``
requests in flight (``gate``: the requests of its own queue and the redirect hops of
other origins' inputs that land on it), a minimum interval between request starts
(``--delay``, or the robots.txt ``Crawl-delay`` when larger), and its own httpx client:
one small connection pool per origin keeps holding up at hundreds of hosts, where one
pool shared by all of them was measured collapsing. A 429 doubles the origin's
interval for the rest of the run and, with ``Retry-After``, pushes its next start to then.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from dataclasses import dataclass, field

import httpx

from newsscrape.fetcher.robots import Robots
from newsscrape.record import Hints

MAX_SLOWED_DELAY = 60.0
"""A 429-slowed origin is never spaced wider than this (seconds between starts)."""


@dataclass(slots=True)
class Item:
    """One distinct input URL on its way through the batch."""

    seq: int
    url: str
    hints: Hints | None = None
    """What the input's discovery line said about the page (``discover | fetch``)."""


@dataclass
class Origin:
    """The state of one origin for the whole run."""

    key: str
    delay: float
    per_host: int = 1
    queue: deque[Item] = field(default_factory=deque)
    workers: int = 0
    in_flight: int = 0
    next_start: float = 0.0
    robots: asyncio.Future[Robots] | None = None
    client: httpx.AsyncClient | None = None
    gate: asyncio.Semaphore = field(init=False)
    """Held by each request in flight to this origin (at most ``per_host``)."""
    crawl_delay: float = 0.0
    pushed_until: float = 0.0
    """Until when a ``Retry-After`` holds the origin back (monotonic time)."""

    def __post_init__(self) -> None:
        self.gate = asyncio.Semaphore(self.per_host)

    def reserve(self) -> float:
        """Claim the next start slot; the seconds to wait for it."""
        now = time.monotonic()
        start = max(now, self.next_start)
        self.next_start = start + self.delay
        return start - now

    def not_before(self, seconds: float) -> None:
        """No request to this origin starts within ``seconds`` from now (Retry-After)."""
        self.pushed_until = max(self.pushed_until, time.monotonic() + seconds)
        self.next_start = max(self.next_start, self.pushed_until)

    def slow_down(self, retry_after: float | None) -> None:
        """A 429: double the interval for the rest of the run, and honour Retry-After."""
        self.delay = min(MAX_SLOWED_DELAY, max(self.delay * 2, 1.0))
        if retry_after is not None:
            self.not_before(retry_after)
        else:
            self.next_start = max(self.next_start, time.monotonic() + self.delay)

    def use_crawl_delay(self, crawl_delay: float) -> None:
        """robots.txt's Crawl-delay wins when it is larger than ours."""
        self.crawl_delay = crawl_delay
        self.delay = max(self.delay, crawl_delay)

    def wait_reason(self) -> str:
        """Why a request to this origin waits, for the notice of a long wait."""
        if self.pushed_until > time.monotonic():
            return "Retry-After"
        if self.crawl_delay and self.delay == self.crawl_delay:
            return "robots.txt Crawl-delay"
        return "politeness delay"


def origin_key(url: str | httpx.URL) -> str:
    """``scheme://host:port`` of an already checked URL (the host as sent: lower case,
    IDNA-encoded, so a URL and the request made of it have the same key)."""
    parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
    scheme = parsed.scheme.lower()
    port = parsed.port or (443 if scheme == "https" else 80)
    host = parsed.raw_host.decode("ascii").lower()
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme}://{host}:{port}"


def robots_url(key: str) -> str:
    """The robots.txt URL of an origin key."""
    return f"{key}/robots.txt"
