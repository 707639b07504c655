"""Discovery: from sites, feeds and sitemaps to a stream of article candidates.

::

    input ─► a site root?  robots.txt Sitemap lines ─┐
             │             home page <link> feeds,  ├─► sources (feeds and news first)
             │             sitemaps (harvest links)  │
             │             usual paths, only if none ┘
             └─ else: the URL is the source
    source ─► PoliteFetcher.polite (robots, politeness, retries, address policy, cache)
           ─► spooled download ─► thread: gunzip (magic bytes) ─► sniff ─► parse
           ─► each entry: same site? include/exclude? window? ─► merge/dedupe ─► emit
           ─► child sitemaps: skipped when wholly before the window, else walked
              (depth capped, each URL once: cycles end there)

Parsing and emitting run in a worker thread: a slow reader of our output (``discover |
fetch``) then holds back the parse, never a download racing its deadline.

Duplicates come out once. Candidates from feeds and news sitemaps (titles, publication
dates) are held until their input's discovery ends, taking what plain sitemap entries
for the same URL add (a ``lastmod``); everything else is emitted as soon as it is read.
Sources are read feeds first, then news sitemaps, so the rich version of a URL is
usually the one held when its plain duplicates arrive.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from tempfile import SpooledTemporaryFile
from typing import IO, Protocol
from urllib.parse import urljoin, urlsplit

import httpx

from newsscrape.batch.polite import PoliteFetcher
from newsscrape.discover.feeds import Feed, clean_text, read_feed, read_json_feed
from newsscrape.discover.homepage import (
    MAX_SECTIONS,
    PageLinks,
    looks_like_article,
    looks_like_section,
    read_links,
)
from newsscrape.discover.resource import (
    SPOOL_IN_MEMORY,
    Body,
    Kind,
    escape_ampersands,
    open_body,
    sniff,
)
from newsscrape.discover.seen import DigestSet
from newsscrape.discover.sitemaps import Child, Entry, read_text_sitemap, read_xml_sitemap
from newsscrape.discover.sites import host_of, same_site, site_key
from newsscrape.discover.window import Clock, Window
from newsscrape.document.decode import decode_html
from newsscrape.document.language import primary_language
from newsscrape.errors import (
    HTTPStatusError,
    NewsscrapeError,
    NoSourcesError,
    SourceError,
)
from newsscrape.fetcher.client import Resource, check_url, download
from newsscrape.options import DiscoverOptions
from newsscrape.record import DiscoveredURL, Failure, SourceKind

GUESSED_SITEMAPS = ("/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml",
                    "/sitemap-news.xml", "/sitemap.txt")
GUESSED_FEEDS = ("/feed", "/rss.xml", "/atom.xml", "/index.xml", "/feed.xml", "/rss")
"""Usual paths, tried only when robots.txt and the home page name no source; a 4xx
answer there is no error. Each list stops at its first readable source."""
HOLD_MAX = 10_000
"""Rich candidates held for merging per input, at most (more are emitted at once)."""



class Sink(Protocol):
    """Where discovery's findings go. Calls never overlap (they hold the discovery's
    lock) but come from worker threads too; ``flush`` follows each source read, from a
    worker thread, so that a slow reader of the output holds back parsing, never the
    event loop and the downloads on it."""

    def discovered(self, input: str, candidate: DiscoveredURL) -> None:
        """One candidate found from ``input`` (as given)."""

    def failure(self, input: str, failure: Failure) -> None:
        """An input, or a feed, sitemap or page found from ``input``, that could not be
        read."""

    def flush(self) -> None:
        """A source has been read: write what waits."""


class Validators(Protocol):
    """Conditional-request state (``watch``): validators per resource URL."""

    def headers(self, url: str) -> dict[str, str]: ...

    def store(self, url: str, headers: dict[str, str]) -> None: ...


@dataclass
class InputReport:
    """How one input went (``watch`` schedules its next poll from it)."""

    found: int = 0
    """Candidates accepted (emitted or merged)."""
    failures: int = 0
    not_modified: bool = False
    """The input's own resource answered 304."""
    refresh: float | None = None
    """Seconds the input's resource may be cached (feed ttl/sy:updatePeriod, max-age)."""


@dataclass
class _Site:
    """One input's discovery."""

    input: str
    key: str
    max_urls: int | None
    report: InputReport = field(default_factory=InputReport)
    held: dict[str, DiscoveredURL] = field(default_factory=dict)
    visited: set[str] = field(default_factory=set)

    @property
    def full(self) -> bool:
        return self.max_urls is not None and self.report.found >= self.max_urls


@dataclass
class _Read:
    """What reading one resource gave besides candidates."""

    kind: Kind
    children: list[Child] = field(default_factory=list)
    links: PageLinks | None = None
    refresh: float | None = None


class Discovery:
    """One discovery run over some inputs, fetching through ``fetcher``; ``run`` it once."""

    def __init__(self, fetcher: PoliteFetcher, options: DiscoverOptions, sink: Sink, *,
                 validators: Validators | None = None) -> None:
        self.fetcher = fetcher
        self.settings = options
        self.sink = sink
        self.validators = validators
        self.window = Window(options.since, options.until)
        self.clock = Clock(options.now or datetime.now(UTC))
        self.seen = DigestSet()
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._site_keys: dict[str, str] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None

    # --- the run ----------------------------------------------------------------------

    async def run(self, inputs: Iterable[str]) -> dict[str, InputReport]:
        """Discover from every input (``concurrency`` at once)."""
        reports: dict[str, InputReport] = {}
        slots = asyncio.Semaphore(self.fetcher.batch.concurrency)
        tasks = self._tasks
        self._loop = asyncio.get_running_loop()

        async def one(url: str) -> None:
            try:
                reports[url] = await self._input(url)
            finally:
                slots.release()

        try:
            for url in inputs:
                await slots.acquire()
                if self.stopping.is_set():
                    slots.release()
                    break
                tasks.add(asyncio.create_task(one(url)))
            if tasks:  # an interrupted input's task ends cancelled, with what it wrote
                for outcome in await asyncio.gather(*tasks, return_exceptions=True):
                    if isinstance(outcome, Exception):
                        raise outcome
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        return reports

    def stop(self) -> None:
        """Stop soon (from any thread): parsers stop at their next entry, downloads in
        flight are abandoned, held candidates are still written."""
        self.stopping.set()
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop is already closed
                self._loop.call_soon_threadsafe(self._cancel)

    def _cancel(self) -> None:
        for task in self._tasks:
            task.cancel()

    async def _input(self, url: str) -> InputReport:
        try:
            target = check_url(url)
        except NewsscrapeError as exc:
            with self.lock:
                self.sink.failure(url, Failure.from_exception(url, exc))
            return InputReport(failures=1)
        site = _Site(url, site_key(host_of(target) or ""), self.settings.max_urls)
        try:
            if _is_site_root(target):
                await self._site(site, target)
            else:
                await self._source(site, target, depth=0, top=True)
        finally:
            await asyncio.to_thread(self._flush, site)
        return site.report

    # --- finding a site's sources -----------------------------------------------------

    async def _site(self, site: _Site, root: str) -> None:
        """Read a site's sources: robots.txt and home page first, usual paths if none."""
        wanted = self.settings.sources
        sitemaps: list[str] = []
        if "sitemaps" in wanted:
            sitemaps += await self._robots_sitemaps(root)
        read = await self._source(site, root, depth=0, top=True, page_only=True)
        links = read.links if read is not None and read.links else PageLinks()
        feeds = list(links.feeds) if "feeds" in wanted else []
        if "sitemaps" in wanted:
            sitemaps += links.sitemaps
        if not feeds and not sitemaps and wanted != {"homepage"}:
            feeds, sitemaps = await self._guesses(site, root)
        for url in _rich_first([*dict.fromkeys(feeds)], [*dict.fromkeys(sitemaps)]):
            if self.stopping.is_set() or site.full:
                break
            await self._source(site, url, depth=0)
        nothing = not feeds and not sitemaps and site.report.found == 0
        if nothing and not site.report.failures and "homepage" not in wanted:
            self._fail(site, root, NoSourcesError(
                "no feed or sitemap found (robots.txt, the home page's links and the "
                "usual paths)"))

    async def _robots_sitemaps(self, root: str) -> list[str]:
        if not self.fetcher.options.respect_robots:
            return []
        try:
            robots = await self.fetcher.robots(root)
        except NewsscrapeError:
            return []  # the home page's request will meet and report the same failure
        parser = robots.parser
        lines = getattr(parser, "sitemaps", ()) if parser else ()
        return [urljoin(root, str(u).strip()) for u in lines]  # some sites write them relative

    async def _guesses(self, site: _Site, root: str) -> tuple[list[str], list[str]]:
        found: tuple[list[str], list[str]] = ([], [])
        wanted = self.settings.sources
        for paths, into, kind in ((GUESSED_FEEDS, found[0], "feeds"),
                                  (GUESSED_SITEMAPS, found[1], "sitemaps")):
            if kind not in wanted:
                continue
            for path in paths:
                url = urljoin(root, path)
                read = await self._source(site, url, depth=0, guess=True)
                if read is not None and read.kind is not Kind.HTML:
                    into.append(url)
                    break
        return found

    # --- one source -------------------------------------------------------------------

    async def _source(self, site: _Site, url: str, *, depth: int, top: bool = False,
                      guess: bool = False, page_only: bool = False) -> _Read | None:
        """Fetch and read one resource (and walk the sitemaps it lists)."""
        if url in site.visited or self.stopping.is_set():
            return None  # a sitemap cycle, or a source named twice
        site.visited.add(url)
        with SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY) as spool:
            resource = await self._download(site, url, spool, guess=guess, top=top)
            if resource is None:
                return None
            if resource.status == 304:
                if top:
                    site.report.not_modified = True
                return None
            spool.seek(0)
            try:
                read = await asyncio.to_thread(self._read, site, resource, spool)
            except NewsscrapeError as exc:
                if not guess:
                    self._fail(site, url, exc)
                return None
        if top:
            site.report.refresh = _longest(read.refresh, _max_age(resource.headers))
        if self.validators is not None and not read.children and read.kind is not Kind.HTML:
            # feeds and sitemaps only: an index must be read to check its children, and a
            # page unchanged still names its feeds
            self.validators.store(url, resource.headers)
        await self._children(site, url, read.children, depth)
        if read.links is not None and not page_only:
            await self._page_sources(site, read.links, depth)
        elif read.links is not None and top and "homepage" in self.settings.sources:
            await self._sections(site, read.links)
        return read

    async def _download(self, site: _Site, url: str, spool: IO[bytes], *, guess: bool,
                        top: bool) -> Resource | None:
        headers = self.validators.headers(url) if self.validators is not None else {}

        async def send(client: httpx.AsyncClient) -> Resource:
            spool.seek(0)
            spool.truncate()
            return await download(client, url, self.fetcher.options, spool, headers=headers)

        try:
            return await self.fetcher.polite(url, send)
        except HTTPStatusError as exc:
            if not (guess and exc.status is not None and exc.status < 500):
                self._fail(site, url, exc)
        except NewsscrapeError as exc:
            if not guess:
                self._fail(site, url, exc)
        return None

    async def _children(self, site: _Site, index: str, children: list[Child],
                        depth: int) -> None:
        """Walk an index's sitemaps: news first, then newest first; skip those wholly
        outside the window without fetching them."""
        if not children:
            return
        if depth + 1 > self.settings.max_depth:
            self._fail(site, index, SourceError(
                f"sitemap index nested deeper than {self.settings.max_depth} levels; "
                f"its {len(children)} sitemaps are not read"))
            return
        wanted = []
        for child in children:
            url = urljoin(index, child.loc)
            lastmod = self.clock.normal(child.lastmod)
            if self.window.skips_child(url, lastmod) or not (
                    self._same_site(site, url) or same_site(index, url)):
                continue
            wanted.append((url, lastmod or ""))
        wanted.sort(key=lambda c: ("news" not in c[0].lower(), not c[1], _negated(c[1])))
        slots = asyncio.Semaphore(self.fetcher.batch.per_host)

        async def walk(url: str) -> None:
            async with slots:
                if not site.full and not self.stopping.is_set():
                    await self._source(site, url, depth=depth + 1)

        await asyncio.gather(*(walk(url) for url, _ in wanted))

    async def _page_sources(self, site: _Site, links: PageLinks, depth: int) -> None:
        """A page given as a source: read the feeds and sitemaps it names."""
        wanted = self.settings.sources
        feeds = list(links.feeds) if "feeds" in wanted else []
        sitemaps = list(links.sitemaps) if "sitemaps" in wanted else []
        for url in _rich_first(feeds, sitemaps):
            await self._source(site, url, depth=depth)

    async def _sections(self, site: _Site, links: PageLinks) -> None:
        """Harvest a few section pages linked from the home page."""
        sections = [u for u in links.links if self._same_site(site, u)
                    and looks_like_section(u)][:MAX_SECTIONS]
        for url in sections:
            if site.full or self.stopping.is_set():
                break
            await self._source(site, url, depth=1, page_only=True)

    # --- reading (in a worker thread) -------------------------------------------------

    def _read(self, site: _Site, resource: Resource, spool: IO[bytes]) -> _Read:
        """Read one resource; what waits to be written is flushed after it."""
        try:
            return self._read_kind(site, resource, spool)
        finally:
            with self.lock:
                self.sink.flush()

    def _read_kind(self, site: _Site, resource: Resource, spool: IO[bytes]) -> _Read:
        body = open_body(spool, self.fetcher.options.max_bytes)
        content_type = resource.headers.get("content-type")
        kind = sniff(body, content_type)
        found = self.clock.stamp()
        via = resource.final_url
        if kind is Kind.SITEMAP:
            escaped = Body(escape_ampersands(body.chunks()))
            return self._read_sitemap(site, read_xml_sitemap(escaped), via, found)
        if kind is Kind.TEXT_SITEMAP:
            return self._read_sitemap(site, read_text_sitemap(body), via, found)
        if kind is Kind.HTML:
            html, _ = decode_html(body.read(), content_type)
            links = read_links(html, via)
            if "homepage" in self.settings.sources:
                self._harvest(site, links, via, found)
            return _Read(kind, links=links)
        if kind is Kind.JSON_FEED:
            feed = read_json_feed(body.read(), via)
        else:
            feed = read_feed(b"".join(escape_ampersands(body.chunks())), via)
        self._read_feed(site, feed, via, found)
        return _Read(kind, refresh=feed.refresh)

    def _read_sitemap(self, site: _Site, items: Iterator[Entry | Child], via: str,
                      found: str) -> _Read:
        read = _Read(Kind.SITEMAP)
        normal = self.clock.normal
        for item in items:
            if isinstance(item, Child):
                read.children.append(item)
                continue
            url = urljoin(via, item.loc) if not item.loc.startswith("http") else item.loc
            news = item.news
            source: SourceKind = "news-sitemap" if news is not None else "sitemap"
            candidate = DiscoveredURL(
                url=url, source=source, via=via, modified=normal(item.lastmod),
                published=normal(news.published) if news else None,
                title=clean_text(news.title) if news else None,
                language=_language(news.language) if news else None,
                keywords=_split_keywords(news.keywords) if news else (),
                discovered_at=found)
            if not self._offer(site, candidate):
                break
        return read

    def _read_feed(self, site: _Site, feed: Feed, via: str, found: str) -> None:
        normal = self.clock.normal
        kind: SourceKind = "atom" if feed.kind == "atom" else \
            "jsonfeed" if feed.kind == "jsonfeed" else "rss"
        for item in feed.items:
            candidate = DiscoveredURL(
                url=item.url, source=kind, via=via, published=normal(item.published),
                modified=normal(item.modified), title=item.title, language=item.language,
                keywords=item.keywords, discovered_at=found)
            if not self._offer(site, candidate):
                break

    def _harvest(self, site: _Site, links: PageLinks, via: str, found: str) -> None:
        for url in links.links:
            if looks_like_article(url):
                candidate = DiscoveredURL(url=url, source="homepage", via=via,
                                      discovered_at=found)
                if not self._offer(site, candidate):
                    break

    # --- keeping candidates -----------------------------------------------------------

    def _offer(self, site: _Site, candidate: DiscoveredURL) -> bool:
        """Filter, merge or emit one candidate; False once the parse should stop."""
        if self.stopping.is_set():
            return False
        if not self._admits(site, candidate):
            return True
        url = candidate.url
        with self.lock:
            if site.full:
                return False
            held = site.held.get(url)
            if held is not None:
                site.held[url] = held.merged(candidate)
                return True
            if candidate.rich and len(site.held) < HOLD_MAX:
                if url in self.seen:
                    return True
                site.held[url] = candidate
            elif not self.seen.add(url):
                return True
            else:
                self.sink.discovered(site.input, candidate)
            site.report.found += 1
            return not site.full

    def _admits(self, site: _Site, candidate: DiscoveredURL) -> bool:
        settings = self.settings
        url = candidate.url
        if not self._same_site(site, url):
            return False
        if settings.include is not None and not settings.include.search(url):
            return False
        if settings.exclude is not None and settings.exclude.search(url):
            return False
        if self.window.open:
            return True
        date = candidate.date
        if date is None:
            return settings.undated == "keep"
        return self.window.admits(date)

    def _same_site(self, site: _Site, url: str) -> bool:
        """Whether ``url`` is an http(s) URL on ``site`` (any site, with ``--all-sites``).

        Looked up by the URL's authority, a string cut (``urlsplit`` was a fifth of the
        time a sitemap entry cost): a site has few authorities and millions of URLs.
        """
        scheme, sep, rest = url.partition("://")
        authority = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0] if sep else ""
        key = self._site_keys.get(authority) if scheme in ("http", "https") else None
        if key is None:
            host = host_of(url)
            if host is None:
                return False
            key = site_key(host)
            if scheme in ("http", "https"):
                self._site_keys[authority] = key
        return not self.settings.same_site or key == site.key

    def _flush(self, site: _Site) -> None:
        """Emit the held rich candidates, newest first."""
        with self.lock:
            held = sorted(site.held.values(),
                          key=lambda c: (c.date is None, _negated(c.date or "")))
            site.held.clear()
            for candidate in held:
                if self.seen.add(candidate.url):
                    self.sink.discovered(site.input, candidate)
            self.sink.flush()

    def _fail(self, site: _Site, url: str, exc: NewsscrapeError) -> None:
        site.report.failures += 1
        with self.lock:
            self.sink.failure(site.input, Failure.from_exception(url, exc))


# --- helpers ----------------------------------------------------------------------------


def _is_site_root(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def _rich_first(feeds: list[str], sitemaps: list[str]) -> list[str]:
    """Feeds, then news sitemaps, then the other sitemaps."""
    news = [u for u in sitemaps if "news" in u.lower()]
    return [*feeds, *news, *(u for u in sitemaps if u not in news)]


def _negated(stamp: str) -> tuple[int, ...]:
    """A sort key putting later timestamps first (normal forms sort as text)."""
    return tuple(-ord(c) for c in stamp)


def _max_age(headers: dict[str, str]) -> float | None:
    for part in headers.get("cache-control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name.lower() in ("max-age", "s-maxage") and value.strip().isdigit():
            return float(value.strip())
    return None


def _longest(*values: float | None) -> float | None:
    known = [v for v in values if v]
    return max(known) if known else None


def _language(value: str | None) -> str | None:
    return primary_language(value) if value else None


def _split_keywords(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(dict.fromkeys(w.strip() for w in value.split(",") if w.strip()))

