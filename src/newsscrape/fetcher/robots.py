"""robots.txt (RFC 9309), read with protego: fetched once per origin, then asked per URL.

What an unreadable robots.txt means follows RFC 9309 section 2.3.1:

* 2xx: the rules apply (a body over 500 KiB is cut there, as the RFC allows);
* 4xx ("unavailable"): no rules, everything is allowed;
* 5xx or 429 ("unreachable", after the usual retries): everything is disallowed, so each URL
  of that origin fails with kind ``robots``;
* no answer at all (connection refused, DNS failure, timeout, blocked address): each URL
  of the origin fails with that same error (kind ``network``, ``timeout``, ``blocked``,
  never ``robots``), since its pages are unreachable too.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsscrape.errors import NewsscrapeError, RobotsError

MAX_CRAWL_DELAY = 60.0
"""A ``Crawl-delay`` above this is taken as this (one hostile line must not stall a run)."""


@dataclass(frozen=True, slots=True)
class Robots:
    """The verdict source for one origin: parsed rules, allow-all, or a failure."""

    parser: object | None = None
    """A ``protego.Protego``, or None when there are no rules."""
    failure: NewsscrapeError | None = None
    """Set when every URL of the origin fails (5xx robots.txt, or no answer)."""

    def check(self, url: str, user_agent: str) -> None:
        """Raise if ``url`` may not be fetched."""
        if self.failure is not None:
            raise _copy(self.failure)
        if self.parser is not None and not self.parser.can_fetch(url, user_agent):  # type: ignore[attr-defined]
            raise RobotsError("disallowed by robots.txt")

    def crawl_delay(self, user_agent: str) -> float:
        """The ``Crawl-delay`` for us (capped), 0 when none."""
        if self.parser is None:
            return 0.0
        delay = self.parser.crawl_delay(user_agent)  # type: ignore[attr-defined]
        return min(float(delay), MAX_CRAWL_DELAY) if delay else 0.0


ALLOW_ALL = Robots()


def robots_from_answer(status: int, body: bytes) -> Robots:
    """The rules an HTTP answer to ``/robots.txt`` gives."""
    if status >= 500 or status == 429:  # 429 is "unreachable" in practice (as Google reads it)
        return Robots(failure=RobotsError(
            f"robots.txt unreachable (HTTP {status}); RFC 9309 says assume disallow",
            status=status))
    if status >= 400 or not body.strip():
        return ALLOW_ALL
    from protego import Protego

    return Robots(parser=Protego.parse(body.decode("utf-8", "replace")))


def robots_from_failure(exc: NewsscrapeError) -> Robots:
    """The origin gave no answer: its URLs fail as the robots.txt request did.

    The error reads as what happened to the site (``connection refused``, a DNS failure,
    a timeout, a blocked address) with its own kind, not as a robots.txt verdict: the
    page would have met the same failure, and robots.txt only happened to be asked first.
    """
    error = _copy(exc)
    error.message = f"{exc.message} (on robots.txt, fetched before the page)"
    return Robots(failure=error)


def _copy(exc: NewsscrapeError) -> NewsscrapeError:
    """A fresh exception per URL (one raised object must not be shared between tasks)."""
    return type(exc)(exc.message, status=exc.status)
