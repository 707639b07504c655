"""When to try a failed request again, and how long to wait first.

Retried: connection errors (refused, reset, DNS), timeouts, and the statuses that
mean "later" (408, 429, 5xx). Never retried: other 4xx (the answer will not change),
and failures that are about the content (too large, not HTML, bad redirect, corrupt
compression). The wait grows exponentially with full jitter (so many clients failing
together do not retry together), and a server's ``Retry-After`` is a floor on it.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from newsscrape.errors import FetchError, FetchTimeoutError, HTTPStatusError, NewsscrapeError

RETRY_STATUSES = frozenset({408, 429})
BASE_DELAY = 0.5
"""Seconds before the first retry (before jitter)."""
MAX_DELAY = 30.0
"""Cap on the exponential part of the wait."""
MAX_RETRY_AFTER = 600.0
"""A ``Retry-After`` longer than this is not waited for: the input fails instead."""


def is_retryable(exc: NewsscrapeError) -> bool:
    """Whether trying ``exc``'s request again may succeed."""
    if isinstance(exc, HTTPStatusError):
        status = exc.status or 0
        if exc.retry_after is not None and exc.retry_after > MAX_RETRY_AFTER:
            return False
        return status in RETRY_STATUSES or status >= 500
    if isinstance(exc, FetchTimeoutError):
        return True
    # Plain ``network`` failures from the transport; not decompression or redirect ones.
    return type(exc) is FetchError and isinstance(exc.__cause__, httpx.TransportError)


def backoff(attempt: int, *, retry_after: float | None = None,
            rng: random.Random | None = None) -> float:
    """Seconds to wait before retry number ``attempt`` (1 for the first retry)."""
    ceiling = min(MAX_DELAY, BASE_DELAY * 2 ** (attempt - 1))
    jittered = (rng or random).uniform(ceiling / 2, ceiling)
    return max(jittered, retry_after or 0.0)


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds from now: delta-seconds or an HTTP date; None if absent/bad."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000" dates come back naive; HTTP dates are GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
