"""Discovery: from sites, feeds and sitemaps to a stream of article candidates.

::

    input ─► a site root?  robots.txt Sitemap lines ─┐
             │             home page <link> feeds,  ├─► sources (feeds and news first)
             │             sitemaps (harvest links)  │
             │             usual paths, only if none ┘
             └─ else: the URL is the source
    source ─► PoliteFetcher.polite (robots, politeness, retries, address policy, cache)
           ─► spooled download ─► parse thread (reader): gunzip (magic bytes) ─► sniff
              ─► parse ─► each entry to the keeper: same site? include/exclude? window?
              ─► merge/dedupe ─► sink
           ─► child sitemaps: skipped when wholly before the window, else walked
              (depth capped, each URL once: cycles end there)

The walk and the downloads run on the event loop; reading runs on one parse thread of
its own, which alone touches the keeper and writes to the sink, in order. Two parses at
once would only contend for the GIL, while downloads go on during a parse; and a slow
reader of our output (``discover | fetch``) holds back the parse, never a download
racing its deadline. Failures met on the loop are handed to the parse thread too, so
they come out in order with the candidates.

Sources are read feeds first, then news sitemaps, so the rich version of a URL is
usually the one held (``keeper``) when its plain duplicates arrive.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from tempfile import SpooledTemporaryFile
from typing import IO, Any, Protocol
from urllib.parse import urljoin, urlsplit

import httpx

from newsscrape.batch.polite import PoliteFetcher
from newsscrape.discover.homepage import MAX_SECTIONS, PageLinks, looks_like_section
from newsscrape.discover.keeper import InputReport, Keeper, Sink, Site
from newsscrape.discover.reader import Read, Reader
from newsscrape.discover.resource import SPOOL_IN_MEMORY, Kind
from newsscrape.discover.sitemaps import Child
from newsscrape.discover.sites import host_of, same_site, site_key
from newsscrape.discover.window import Clock, later_first
from newsscrape.errors import (
    HTTPStatusError,
    NewsscrapeError,
    NoSourcesError,
    OutputError,
    SourceError,
)
from newsscrape.fetcher.client import Resource, check_url, download
from newsscrape.options import DiscoverOptions

__all__ = ["Discovery", "InputReport", "Sink", "Validators"]

GUESSED_SITEMAPS = ("/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml",
                    "/sitemap-news.xml", "/sitemap.txt")
GUESSED_FEEDS = ("/feed", "/rss.xml", "/atom.xml", "/index.xml", "/feed.xml", "/rss")
"""Usual paths, tried only when robots.txt and the home page name no source; a 4xx
answer there is no error. Each list stops at its first readable source."""


class Validators(Protocol):
    """Conditional-request state (``watch``): validators per resource URL."""

    def headers(self, url: str) -> dict[str, str]: ...

    def store(self, url: str, headers: dict[str, str]) -> None: ...


class Discovery:
    """One discovery run over some inputs, fetching through ``fetcher``; ``run`` it once."""

    def __init__(self, fetcher: PoliteFetcher, options: DiscoverOptions, sink: Sink, *,
                 validators: Validators | None = None) -> None:
        self.fetcher = fetcher
        self.options = options
        self.validators = validators
        self.keeper = Keeper(options, sink)
        self.clock = Clock(options.now or datetime.now(UTC))
        self.reader = Reader(self.keeper, self.clock, max_bytes=fetcher.options.max_bytes,
                             harvest="homepage" in options.sources)
        self._parser = ThreadPoolExecutor(1, thread_name_prefix="newsscrape-parse")
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
                if self.keeper.stopped:
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
            await self._parse(lambda: None)  # whatever was handed over is written
            self._parser.shutdown(wait=False)
        return reports

    def stop(self) -> None:
        """Stop soon (from any thread): parsers stop at their next entry, downloads in
        flight are abandoned, held candidates are still written."""
        self.keeper.stopped = True
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop is already closed
                self._loop.call_soon_threadsafe(self._cancel)

    def _cancel(self) -> None:
        for task in self._tasks:
            task.cancel()

    async def _parse(self, work: Callable[..., Any], *args: Any) -> Any:
        """``work(*args)`` on the parse thread, after what was handed to it before."""
        return await asyncio.get_running_loop().run_in_executor(self._parser, work, *args)

    async def _input(self, url: str) -> InputReport:
        try:
            target = check_url(url)
        except NewsscrapeError as exc:
            await self._parse(self.keeper.fail, url, url, exc)
            return InputReport(failures=1)
        site = Site(url, site_key(host_of(target) or ""), self.options.max_urls,
                    self.keeper.sink.writer(url))
        try:
            if _is_site_root(target):
                await self._site(site, target)
            else:
                await self._source(site, target, depth=0, top=True)
        finally:
            await self._parse(self.keeper.flush, site)
        return site.report

    async def _fail(self, site: Site, url: str, exc: NewsscrapeError) -> None:
        """Count a failure of ``site``'s input; the parse thread writes it (in order with
        the candidates)."""
        site.report.failures += 1
        await self._parse(self.keeper.fail, site.input, url, exc)

    # --- finding a site's sources -----------------------------------------------------

    async def _site(self, site: Site, root: str) -> None:
        """Read a site's sources: robots.txt and home page first, usual paths if none."""
        wanted = self.options.sources
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
            if self.keeper.stopped or site.full:
                break
            await self._source(site, url, depth=0)
        nothing = not feeds and not sitemaps and site.report.found == 0
        if nothing and not site.report.failures and "homepage" not in wanted:
            await self._fail(site, root, NoSourcesError(
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

    async def _guesses(self, site: Site, root: str) -> tuple[list[str], list[str]]:
        found: tuple[list[str], list[str]] = ([], [])
        wanted = self.options.sources
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

    async def _source(self, site: Site, url: str, *, depth: int, top: bool = False,
                      guess: bool = False, page_only: bool = False) -> Read | None:
        """Fetch and read one resource (and walk the sitemaps it lists)."""
        if url in site.visited or self.keeper.stopped:
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
                read: Read = await self._parse(self.reader.read, site, resource, spool)
            except OutputError:
                raise  # the sink failed: the run ends
            except NewsscrapeError as exc:
                if not guess:
                    await self._fail(site, url, exc)
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
        elif read.links is not None and top and "homepage" in self.options.sources:
            await self._sections(site, read.links)
        return read

    async def _download(self, site: Site, url: str, spool: IO[bytes], *, guess: bool,
                        top: bool) -> Resource | None:
        headers = self.validators.headers(url) if self.validators is not None else {}

        async def send(client: httpx.AsyncClient) -> Resource:
            spool.seek(0)
            spool.truncate()
            return await download(client, url, self.fetcher.options, spool, headers=headers,
                                  before_hop=self.fetcher.hop_allowed,
                                  keep_bodies=self.fetcher.keep_bodies)

        try:
            return await self.fetcher.polite(url, send)
        except HTTPStatusError as exc:
            if not (guess and exc.status is not None and exc.status < 500):
                await self._fail(site, url, exc)
        except NewsscrapeError as exc:
            if not guess:
                await self._fail(site, url, exc)
        return None

    async def _children(self, site: Site, index: str, children: list[Child],
                        depth: int) -> None:
        """Walk an index's sitemaps: news first, then newest first; skip those wholly
        outside the window without fetching them. Up to ``per_host`` are downloaded at
        once (their reading takes turns on the parse thread)."""
        if not children:
            return
        if depth + 1 > self.options.max_depth:
            await self._fail(site, index, SourceError(
                f"sitemap index nested deeper than {self.options.max_depth} levels; "
                f"its {len(children)} sitemaps are not read"))
            return
        wanted = []
        for child in children:
            url = urljoin(index, child.loc)
            lastmod = self.clock.normal(child.lastmod)
            if self.keeper.window.skips_child(url, lastmod) or not (
                    self.keeper.same_site(site, url) or same_site(index, url)):
                continue
            wanted.append((url, lastmod or ""))
        wanted.sort(key=lambda c: ("news" not in c[0].lower(), not c[1], later_first(c[1])))
        slots = asyncio.Semaphore(self.fetcher.batch.per_host)

        async def walk(url: str) -> None:
            async with slots:
                if not site.full and not self.keeper.stopped:
                    await self._source(site, url, depth=depth + 1)

        await asyncio.gather(*(walk(url) for url, _ in wanted))

    async def _page_sources(self, site: Site, links: PageLinks, depth: int) -> None:
        """A page given as a source: read the feeds and sitemaps it names."""
        wanted = self.options.sources
        feeds = list(links.feeds) if "feeds" in wanted else []
        sitemaps = list(links.sitemaps) if "sitemaps" in wanted else []
        for url in _rich_first(feeds, sitemaps):
            await self._source(site, url, depth=depth)

    async def _sections(self, site: Site, links: PageLinks) -> None:
        """Harvest a few section pages linked from the home page."""
        sections = [u for u in links.links if self.keeper.same_site(site, u)
                    and looks_like_section(u)][:MAX_SECTIONS]
        for url in sections:
            if site.full or self.keeper.stopped:
                break
            await self._source(site, url, depth=1, page_only=True)


# --- helpers ----------------------------------------------------------------------------


def _is_site_root(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def _rich_first(feeds: list[str], sitemaps: list[str]) -> list[str]:
    """Feeds, then news sitemaps, then the other sitemaps."""
    news = [u for u in sitemaps if "news" in u.lower()]
    return [*feeds, *news, *(u for u in sitemaps if u not in news)]


def _max_age(headers: dict[str, str]) -> float | None:
    for part in headers.get("cache-control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name.lower() in ("max-age", "s-maxage") and value.strip().isdigit():
            return float(value.strip())
    return None


def _longest(*values: float | None) -> float | None:
    known = [v for v in values if v]
    return max(known) if known else None
