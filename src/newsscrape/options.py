"""One frozen object for every knob, built by the CLI or by library users."""

from __future__ import annotations

import math
from dataclasses import dataclass

from newsscrape import __version__

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_TIMEOUT = 24 * 3600.0
"""Longest ``timeout`` accepted (a day): beyond that a value is a mistake, not a wish."""
MAX_DELAY = 3600.0
"""Longest ``delay`` accepted (an hour between two requests to one site)."""
DEFAULT_USER_AGENT = (
    f"newsscrape/{__version__} (+https://github.com/newsscrape/newsscrape; news article extractor)"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """Settings shared by every stage; the defaults are what the CLI uses."""

    timeout: float = 30.0
    """Deadline in seconds for one whole request: connect, redirects and body."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """Cap on the decompressed body size."""
    max_redirects: int = 10
    user_agent: str = DEFAULT_USER_AGENT
    tz: str | None = None
    """IANA zone assumed for timestamps that state no offset; None keeps them naive."""
    provenance: bool = False
    """Add a ``provenance`` object saying where each metadata value came from."""

    # --- batch fetching (``newsscrape fetch`` over many URLs) ---
    concurrency: int = 64
    """Requests in flight at once, over all origins."""
    per_host: int = 2
    """Requests in flight at once to one origin (scheme, host, port)."""
    delay: float = 0.5
    """Seconds between the starts of two requests to one origin (robots Crawl-delay wins
    when larger; a 429 doubles it for the rest of the run)."""
    retries: int = 3
    """Extra attempts after a connection error, timeout, 408, 429 or 5xx."""
    respect_robots: bool = True
    """Fetch each origin's robots.txt once and obey it for our User-Agent."""
    allow_private: bool = False
    """Lift the address policy: allow redirects into private/loopback space and link-local
    addresses (see ``fetch.safety``)."""
    jobs: int | None = None
    """Extraction worker processes; None = one per core, 0 = a thread in this process."""
    ordered: bool = False
    """Write outcomes in input order (held in a bounded reorder window)."""
    cache_dir: str | None = None
    """Directory of an RFC 9111 HTTP cache (hishel, SQLite); None = no cache."""
    warc: str | None = None
    """Write every page response read whole to this WARC file (gzipped per record)."""

    def __post_init__(self) -> None:
        for name, value, high, low_open in (("timeout", self.timeout, MAX_TIMEOUT, True),
                                            ("delay", self.delay, MAX_DELAY, False)):
            problem = seconds_problem(value, high=high, low_open=low_open)
            if problem:
                raise ValueError(f"{name} {problem}")


def seconds_problem(value: float, *, high: float, low_open: bool = False) -> str | None:
    """Why ``value`` is not a usable number of seconds (NaN and infinities never are),
    or None when it is."""
    too_low = value <= 0 if low_open else value < 0
    if math.isfinite(value) and not too_low and value <= high:
        return None
    return f"must be a number of seconds {'>' if low_open else '>='} 0 and <= {high:g}, " \
        f"not {value:g}"
