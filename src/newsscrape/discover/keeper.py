"""What discovery keeps: filters, duplicates merged or dropped, ``--max-urls``, the sink.

Every candidate read is offered here (``Keeper.offer``): it must be on the input's site
(unless ``same_site`` is off), pass ``include``/``exclude`` and lie in the window (an
undated one is kept unless ``undated="drop"``). Then:

* candidates from feeds and news sitemaps (titles, publication dates) are held until
  their input's discovery ends (``flush``), taking what later plain entries for the
  same URL add (a ``lastmod``), and are written newest first;
* everything else is written at once, unless its URL came out before (``seen.Seen``).

A ``Keeper`` is used by one thread only, the discovery's parse thread, so none of this
takes a lock (``stopped`` alone is set from other threads).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from newsscrape.discover.seen import Seen
from newsscrape.discover.sites import host_of, site_key
from newsscrape.discover.window import Window, later_first
from newsscrape.errors import NewsscrapeError
from newsscrape.options import DiscoverOptions
from newsscrape.record import DiscoveredURL, Failure

HOLD_MAX = 10_000
"""Rich candidates held for merging per input, at most (more are written at once)."""
AUTHORITIES_KEPT = 10_000
"""Authorities whose site is remembered (a site has a few; ``--all-sites`` may meet
many more)."""


RICH_KINDS = frozenset({"rss", "atom", "jsonfeed", "news-sitemap"})
"""Sources whose entries carry titles and publication dates (feeds, news sitemaps)."""
Write = Callable[[DiscoveredURL], None]


class Sink(Protocol):
    """Where discovery's findings go, all from the discovery's parse thread, in order."""

    def writer(self, input: str) -> Write:
        """Where the candidates found from ``input`` (as given) go; asked once an input."""

    def failure(self, input: str, failure: Failure) -> None:
        """An input, or a feed, sitemap or page found from ``input``, that could not be
        read."""

    def flush(self) -> None:
        """A source has been read: write what waits."""


@dataclass
class InputReport:
    """How one input went (``watch`` schedules its next poll from it)."""

    found: int = 0
    """Candidates accepted (written or merged)."""
    failures: int = 0
    not_modified: bool = False
    """The input's own resource answered 304."""
    refresh: float | None = None
    """Seconds the input's resource may be cached (feed ttl/sy:updatePeriod, max-age)."""


@dataclass
class Site:
    """One input's discovery: its site, what it found, what it holds and has fetched."""

    input: str
    key: str
    """Its site (``sites.site_key``)."""
    max_urls: int | None
    write: Write
    """Where its candidates go (``Sink.writer``)."""
    report: InputReport = field(default_factory=InputReport)
    held: dict[str, DiscoveredURL] = field(default_factory=dict)
    visited: set[str] = field(default_factory=set)
    """Feeds, sitemaps and pages requested (each once: sitemap cycles end there)."""

    def __post_init__(self) -> None:
        self.limit = self.max_urls if self.max_urls is not None else sys.maxsize

    @property
    def full(self) -> bool:
        """``max_urls`` candidates found."""
        return self.report.found >= self.limit


class Keeper:
    """Filters, merges and writes the candidates of one run (see the module doc)."""

    def __init__(self, options: DiscoverOptions, sink: Sink) -> None:
        self.options = options
        self.sink = sink
        self.stopped = False
        """Set (from any thread) to stop: every source's reading ends at its next entry."""
        self.window = Window(options.since, options.until)
        self.seen = Seen()
        self._site_keys: dict[str, str] = {}
        self._filtered = options.include is not None or options.exclude is not None \
            or not self.window.open
        """Whether anything but the site rule can turn a candidate away."""

    def offer(self, site: Site, candidate: DiscoveredURL, source: set[int]) -> bool:
        """Filter, merge or write one candidate read from a source whose URLs so far are
        ``source``; False once that source's reading should stop."""
        report = site.report
        if self.stopped or report.found >= site.limit:
            return False
        url = candidate.url
        if not self.same_site(site, url) or (self._filtered and not self._admits(candidate)):
            return True
        held = site.held
        if held and (was := held.get(url)) is not None:
            held[url] = was.merged(candidate)
            return True
        if candidate.source in RICH_KINDS and len(held) < HOLD_MAX:
            if self.seen.known(url):
                return True
            held[url] = candidate
        elif self.seen.first(url, source):
            site.write(candidate)
        else:
            return True
        report.found += 1
        return report.found < site.limit

    def flush(self, site: Site) -> None:
        """Write the held rich candidates, newest first (their input is done)."""
        held = sorted(site.held.values(), key=lambda c: (c.date is None, later_first(c.date)))
        site.held.clear()
        written: set[int] = set()
        for candidate in held:
            if self.seen.first(candidate.url, written):
                site.write(candidate)
        self.sink.flush()

    def fail(self, input: str, url: str, error: NewsscrapeError) -> None:
        """``url`` (the input, or a source found from it) could not be read."""
        self.sink.failure(input, Failure.from_exception(url, error))

    def same_site(self, site: Site, url: str) -> bool:
        """Whether ``url`` is an http(s) URL on ``site`` (any site, with ``same_site``
        off).

        Looked up by the URL's ``scheme://authority``, a string cut (``urlsplit`` was a
        fifth of the time a sitemap entry cost): a site has few of them and millions of
        URLs.
        """
        end = url.find("/", 8)  # the path's slash, after "https://"
        key = self._site_keys.get(url[:end] if end > 0 else url)
        if key is None:
            key = self._site_key(url, end)
            if key is None:
                return False
        return not self.options.same_site or key == site.key

    def _site_key(self, url: str, end: int) -> str | None:
        """The site of an http(s) URL (None for any other), kept by its authority."""
        host = host_of(url)
        if host is None:
            return None
        key = site_key(host)
        authority = url[:end] if end > 0 else url
        if len(self._site_keys) < AUTHORITIES_KEPT and \
                authority.lower().startswith(("http://", "https://")) and \
                not any(c in authority for c in "?#\\"):
            self._site_keys[authority] = key
        return key

    def _admits(self, candidate: DiscoveredURL) -> bool:
        """The include/exclude patterns and the window."""
        options = self.options
        url = candidate.url
        if options.include is not None and not options.include.search(url):
            return False
        if options.exclude is not None and options.exclude.search(url):
            return False
        if self.window.open:
            return True
        date = candidate.date
        if date is None:
            return options.undated == "keep"
        return self.window.admits(date)

