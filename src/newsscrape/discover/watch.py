"""``watch``: poll sources on adaptive schedules, emitting only candidates never seen.

Each SOURCE (a site, feed or sitemap, as ``discover`` takes them) is polled with
conditional requests (the ``ETag``/``Last-Modified`` of every feed and sitemap read
before), and its next poll is set by what the poll found (``next_interval``) and kept
in the state. A round polls the sources that are due (all of them with ``force``);
``once`` runs one round and returns: what cron and the tests use.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from newsscrape.discover.engine import InputReport, Sink
from newsscrape.discover.state import State
from newsscrape.options import BatchOptions, DiscoverOptions, FetchOptions
from newsscrape.record import DiscoveredURL, Failure

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


class _NewOnly:
    """The round's sink: a candidate goes on only the first time the state sees its URL."""

    def __init__(self, state: State, sink: Sink, now: datetime) -> None:
        self.state = state
        self.sink = sink
        self.now = now
        self.found: dict[str, int] = {}
        self.errors: dict[str, str] = {}
        """The last failure met polling each input: ``URL: message``."""

    def writer(self, input: str) -> Callable[[DiscoveredURL], None]:
        write = self.sink.writer(input)

        def new_only(candidate: DiscoveredURL) -> None:
            if self.state.mark_seen(candidate.url, input, self.now):
                self.found[input] = self.found.get(input, 0) + 1
                write(candidate)

        return new_only

    def failure(self, input: str, failure: Failure) -> None:
        self.errors[input] = f"{failure.input}: {failure.message}"
        self.sink.failure(input, failure)

    def flush(self) -> None:
        self.sink.flush()


@dataclass
class Watcher:
    """Polls ``sources`` and hands new candidates (and failures) to ``sink``."""

    sources: list[str]
    state: State
    fetch: FetchOptions
    batch: BatchOptions
    options_at: Callable[[datetime], DiscoverOptions]
    """The discovery options of a round starting at a time (``--since 24h`` moves)."""
    base: float
    """The base interval between polls, in seconds."""
    sink: Sink
    stopped: bool = False
    notice: Callable[[str], None] | None = None
    """Gets a line for each long wait (as ``run_discovery``'s)."""

    def round(self, due: list[str], started: Any = None) -> dict[str, InputReport]:
        """Poll ``due`` once and record each outcome (``run`` commits the round)."""
        import asyncio

        from newsscrape.batch.loop import loop_factory
        from newsscrape.discover import run_discovery

        now = datetime.now(UTC)
        sink = _NewOnly(self.state, self.sink, now)
        with asyncio.Runner(loop_factory=loop_factory()) as runner:
            reports = runner.run(run_discovery(
                due, sink, fetch=self.fetch, batch=self.batch, options=self.options_at(now),
                validators=self.state, started=started, notice=self.notice))
        for url in due:
            report = reports.get(url, InputReport(failures=1))
            report.found = sink.found.get(url, 0)
            self._schedule(url, report, now, sink.errors.get(url))
        return reports

    def _schedule(self, url: str, report: InputReport, now: datetime,
                  error: str | None) -> None:
        current, errors = self.state.source(url)
        interval = next_interval(current or self.base, self.base, report, errors)
        self.state.polled(url, interval=interval, next_poll=now + timedelta(seconds=interval),
                          status=status_of(report), error=error, found=report.found, now=now)

    def due(self, *, force: bool) -> list[str]:
        """The sources to poll now: those due (every one with ``force``)."""
        return list(self.sources) if force else self.state.due(self.sources,
                                                              datetime.now(UTC))

    def run(self, *, once: bool, force: bool, max_runtime: float | None,
            on_round_end: Callable[[], None] | None = None) -> None:
        """Poll the due sources until ``max_runtime`` passes (or one round, ``once``);
        ``force`` polls every source in the first round, due or not. A round is
        committed to the state once ``on_round_end`` is done with its candidates, so an
        interrupted round is polled again (candidates come out at least once)."""
        deadline = time.monotonic() + max_runtime if max_runtime else None
        while not self.stopped:
            due = self.due(force=force)
            force = False
            if due:
                self.round(due)
                if on_round_end is not None:
                    on_round_end()
                self.state.commit()
            if once:
                return
            now = datetime.now(UTC)
            nxt = self.state.next_due(self.sources) or now + timedelta(seconds=self.base)
            wait = max(0.0, (nxt - datetime.now(UTC)).total_seconds())
            if deadline is not None:
                wait = min(wait, deadline - time.monotonic())
                if wait <= 0:
                    return
            time.sleep(min(wait, 1.0) if wait else 0)
