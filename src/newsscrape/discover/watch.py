"""``watch``: poll sources on adaptive schedules, emitting only candidates never seen.

Each SOURCE (a site, feed or sitemap, as ``discover`` takes them) is polled with
conditional requests (the ``ETag``/``Last-Modified`` of every feed and sitemap read
before), and its next poll is set by what the poll found (``next_interval``). ``--once``
polls every source once, due or not, and returns: what cron and the tests use.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from newsscrape.discover.candidates import Candidate
from newsscrape.discover.engine import InputReport
from newsscrape.discover.settings import Settings
from newsscrape.discover.state import State
from newsscrape.discover.window import Window
from newsscrape.errors import NewsscrapeError
from newsscrape.options import Options

MIN_INTERVAL = 60.0
"""No source is polled more often than once a minute."""
MAX_INTERVAL = 86400.0
"""Nor less often than once a day."""


def next_interval(current: float, base: float, report: InputReport, errors: int) -> float:
    """Seconds to the next poll of a source.

    New items halve the interval (down to a quarter of ``base``); an empty poll (or a
    304) lengthens it by half (up to 16 x ``base``); a failed poll backs off from
    ``base`` exponentially with the consecutive failures. What the source itself says
    (feed ``ttl``, ``sy:updatePeriod``, ``Cache-Control: max-age``) is a floor. All
    within a minute and a day.
    """
    low, high = max(MIN_INTERVAL, base / 4), min(MAX_INTERVAL, max(base * 16, base))
    if report.failures and not report.found:
        interval = min(high, base * 2 ** min(errors + 1, 10))
    elif report.found:
        interval = max(low, current / 2)
    else:
        interval = min(high, current * 1.5)
    if report.refresh:
        interval = max(interval, min(report.refresh, high))
    return float(max(MIN_INTERVAL, min(MAX_INTERVAL, interval)))


def status_of(report: InputReport) -> str:
    """``new``, ``empty``, ``not_modified`` or ``error``."""
    if report.found:
        return "new"
    if report.failures:
        return "error"
    return "not_modified" if report.not_modified else "empty"


@dataclass
class Watcher:
    """Polls ``sources`` and hands new candidates to ``emit``."""

    sources: list[str]
    state: State
    options: Options
    settings: Settings
    since: str | None
    until: str | None
    base: float
    emit: Callable[[Candidate], None]
    fail: Callable[[str, NewsscrapeError], None]
    window_of: Callable[[str | None, str | None], Window]
    stopped: bool = False

    def round(self, due: list[str], started: Any = None) -> dict[str, InputReport]:
        """Poll ``due`` once; records each outcome and commits."""
        import asyncio

        from newsscrape.discover import run_discovery
        from newsscrape.run import loop_factory

        now = datetime.now(UTC)
        settings = replace(self.settings, now=now,
                           window=self.window_of(self.since, self.until))
        found: dict[str, int] = {}

        def new_only(source: str, candidate: Candidate) -> None:
            if self.state.mark_seen(candidate.url, source, now):
                found[source] = found.get(source, 0) + 1
                self.emit(candidate)

        with asyncio.Runner(loop_factory=loop_factory()) as runner:
            reports = runner.run(run_discovery(
                due, self.options, settings, on_candidate=new_only, on_failure=self.fail,
                validators=self.state, started=started))
        for url in due:
            report = reports.get(url, InputReport(failures=1))
            report.found = found.get(url, 0)
            self._schedule(url, report, now)
        self.state.commit()
        return reports

    def _schedule(self, url: str, report: InputReport, now: datetime) -> None:
        current, errors = self.state.source(url)
        interval = next_interval(current or self.base, self.base, report, errors)
        self.state.polled(url, interval=interval, next_poll=now + timedelta(seconds=interval),
                          status=status_of(report), error=None, found=report.found, now=now)

    def run(self, *, once: bool, max_runtime: float | None,
            on_round_end: Callable[[], None] | None = None) -> None:
        """Poll until ``max_runtime`` passes (or once)."""
        deadline = time.monotonic() + max_runtime if max_runtime else None
        while not self.stopped:
            now = datetime.now(UTC)
            due = self.sources if once else self.state.due(self.sources, now)
            if due:
                self.round(due)
                if on_round_end is not None:
                    on_round_end()
            if once:
                return
            nxt = self.state.next_due(self.sources) or now + timedelta(seconds=self.base)
            wait = max(0.0, (nxt - datetime.now(UTC)).total_seconds())
            if deadline is not None:
                wait = min(wait, deadline - time.monotonic())
                if wait <= 0:
                    return
            time.sleep(min(wait, 1.0) if wait else 0)
