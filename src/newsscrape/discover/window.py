"""Time: ``--since``/``--until`` windows, durations, and fast normal forms for sitemap dates.

A window is a half-open interval of instants; either end may be open. A candidate is
judged on its publication date, else its modification date (``DiscoveredURL.date``):

* an aware time is compared as an instant; a naive one is read as UTC;
* a date without a time covers its whole (UTC) day, and is in the window when that day
  overlaps it;
* a candidate with no usable date is "undated": kept unless ``--undated drop``.

A child sitemap is skipped (never fetched) when it lies wholly before the window: its
index ``lastmod`` is before ``since`` (every entry in it was last changed by then), or,
without a ``lastmod``, a date in its URL (``sitemap-2024-03.xml``, ``/2024/03/14.xml``,
``?yyyy=2024&mm=03``) names a period that ended before ``since``. A period that starts
after ``until`` is skipped too.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_W3C = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?")
_PATH_PERIOD = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?:[-_/]?(0[1-9]|1[0-2])"
                          r"(?:[-_/]?(0[1-9]|[12]\d|3[01]))?)?(?!\d)")
_QUERY_PERIOD = re.compile(r"(?:yyyy|year)=((?:19|20)\d{2})(?:&(?:mm|month)=(\d{1,2})"
                           r"(?:&(?:dd|day)=(\d{1,2}))?)?", re.IGNORECASE)


def parse_duration(text: str) -> float | None:
    """Seconds in ``90s``, ``15m``, ``24h``, ``7d``, ``2w``; None when it is not one."""
    match = _DURATION.match(text)
    if not match or float(match.group(1)) <= 0:
        return None
    return float(match.group(1)) * _UNITS[match.group(2).lower()]


def parse_instant(text: str, now: datetime) -> datetime | None:
    """A window end: a duration back from ``now`` (``24h``) or an ISO 8601 instant
    (``2026-08-01T00:00Z``; naive means UTC; a date means its UTC midnight)."""
    seconds = parse_duration(text)
    if seconds is not None:
        return now - timedelta(seconds=seconds)
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _bounds(value: str) -> tuple[datetime, datetime] | None:
    """The instants a normal-form timestamp covers: one instant, or a whole UTC day."""
    try:
        if len(value) == 10:
            day = datetime.fromisoformat(value).replace(tzinfo=UTC)
            return day, day + timedelta(days=1)
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment, moment


@dataclass(frozen=True, slots=True)
class Window:
    """``[since, until)``; None leaves that end open."""

    since: datetime | None = None
    until: datetime | None = None

    @property
    def open(self) -> bool:
        """No bound at all."""
        return self.since is None and self.until is None

    def admits(self, value: str) -> bool:
        """Whether a normal-form timestamp lies in the window (or overlaps it, for a day)."""
        bounds = _bounds(value)
        if bounds is None:
            return True
        start, end = bounds
        if self.since is not None and end < self.since:
            return False
        return not (self.until is not None and start >= self.until)

    def skips_child(self, url: str, lastmod: str | None) -> bool:
        """Whether a child sitemap lies wholly outside the window (see the module doc)."""
        if self.open:
            return False
        if lastmod is not None:
            bounds = _bounds(lastmod)
            if bounds is not None and self.since is not None and bounds[1] < self.since:
                return True
        period = url_period(url)
        if period is None:
            return False
        start, end = period
        if lastmod is None and self.since is not None and end <= self.since:
            return True
        return self.until is not None and start >= self.until


def later_first(stamp: str | None) -> tuple[int, ...]:
    """A sort key putting later timestamps first (normal forms sort as text)."""
    return tuple(-ord(c) for c in stamp or "")


def url_period(url: str) -> tuple[datetime, datetime] | None:
    """The period (UTC, half-open) a date in a sitemap's URL names: a year, month or day."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    match = _QUERY_PERIOD.search(parts.query) or _PATH_PERIOD.search(parts.path)
    if match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return _utc(year, 1, 1), _utc(year + 1, 1, 1)
        if day is None:
            nxt = (year + 1, 1) if month == 12 else (year, month + 1)
            return _utc(year, month, 1), _utc(*nxt, 1)
        start = _utc(year, month, day)
    except ValueError:  # 2024-02-31
        return None
    return start, start + timedelta(days=1)


def _utc(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


def _canonical_shape(text: str) -> bool:
    """Whether ``text`` is laid out as the normal form ``2024-03-14T09:26:21+01:00`` (its
    separators where they belong; ``fromisoformat`` then checks the rest is a time).
    Half the cost of the equivalent regular expression, a million times a run."""
    return (len(text) == 25 and text[10] == "T" and text[19] in "+-" and text[4] == "-"
            and text[7] == "-" and text[13] == ":" and text[16] == ":" and text[22] == ":")


class Clock:
    """Normal forms for the dates feeds and sitemaps give, judged against ``now``."""

    def __init__(self, now: datetime) -> None:
        from newsscrape.normalize.timestamps import parse_timestamp

        self.now = now
        self._parse = parse_timestamp
        self._day_ok = functools.lru_cache(maxsize=4096)(self._check_day)

    def normal(self, raw: str | None) -> str | None:
        """``parse_timestamp(raw)``, with a fast path for W3C datetimes (sitemap
        ``lastmod``: a million of them per run). The day is still checked by
        ``parse_timestamp`` (once per distinct day), so both paths accept the same dates.
        """
        if not raw:
            return None
        text = raw.strip()
        if _canonical_shape(text):  # the common case, passed on as it is
            try:
                datetime.fromisoformat(text)  # digits, and a real time of a real day?
            except ValueError:
                return None
            return text if self._day_ok(text[:10]) else None
        if _W3C.fullmatch(text):
            try:
                value = datetime.fromisoformat(text)
            except ValueError:
                return None
            if not self._day_ok(text[:10]):
                return None
            return text[:10] if len(text) == 10 else value.isoformat(timespec="seconds")
        return self._parse(text, now=self.now)

    def _check_day(self, day: str) -> bool:
        return self._parse(day, now=self.now) is not None

    def stamp(self) -> str:
        """The current time, UTC, for ``discovered_at``."""
        return datetime.now(UTC).isoformat(timespec="seconds")

