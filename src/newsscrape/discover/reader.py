"""Reading one downloaded resource into candidates, on the discovery's parse thread.

The spooled body is gunzipped when it is gzip, sniffed (``resource.sniff``) and read
for what it is: an XML or text sitemap (streamed), an RSS/Atom or JSON feed, or an HTML
page (its feed and sitemap links; its article links with ``sources`` ``homepage``).
Each candidate goes to the ``Keeper``; a sitemap index's children and a page's links
are handed back for the walk (``engine``) to follow.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO
from urllib.parse import urljoin

from newsscrape.discover.feeds import Feed, clean_text, read_feed, read_json_feed
from newsscrape.discover.homepage import PageLinks, looks_like_article, read_links
from newsscrape.discover.keeper import Keeper, Site
from newsscrape.discover.resource import Body, Kind, escape_ampersands, open_body, sniff
from newsscrape.discover.sitemaps import (
    Child,
    Entry,
    read_sitemap_index,
    read_text_sitemap,
    read_xml_sitemap,
)
from newsscrape.discover.window import Clock
from newsscrape.document.decode import decode_html
from newsscrape.document.language import primary_language
from newsscrape.fetcher.client import Resource
from newsscrape.record import DiscoveredURL, SourceKind


@dataclass
class Read:
    """What reading one resource gave besides candidates."""

    kind: Kind
    children: list[Child] = field(default_factory=list)
    links: PageLinks | None = None
    refresh: float | None = None
    """Seconds a feed says it may be cached (``ttl``, ``sy:updatePeriod``)."""


class Reader:
    """Reads resources for one run, offering what it finds to ``keeper``."""

    def __init__(self, keeper: Keeper, clock: Clock, *, max_bytes: int,
                 harvest: bool) -> None:
        self.keeper = keeper
        self.clock = clock
        self.max_bytes = max_bytes
        self.harvest = harvest
        """Offer a page's article links as candidates (``sources`` has ``homepage``)."""

    def read(self, site: Site, resource: Resource, spool: IO[bytes]) -> Read:
        """Read one resource (``SourceError`` when it is none we read); what waits to be
        written is flushed after it."""
        try:
            return self._read(site, resource, spool)
        finally:
            self.keeper.sink.flush()

    def _read(self, site: Site, resource: Resource, spool: IO[bytes]) -> Read:
        body = open_body(spool, self.max_bytes)
        content_type = resource.headers.get("content-type")
        kind = sniff(body, content_type)
        found = self.clock.stamp()
        via = resource.final_url
        if kind is Kind.SITEMAP:
            escaped = Body(escape_ampersands(body.chunks()))
            return self._sitemap(site, read_xml_sitemap(escaped), via, found)
        if kind is Kind.SITEMAP_INDEX:
            escaped = Body(escape_ampersands(body.chunks()))
            return Read(kind, children=list(read_sitemap_index(escaped)))
        if kind is Kind.TEXT_SITEMAP:
            return self._sitemap(site, read_text_sitemap(body), via, found)
        if kind is Kind.HTML:
            html, _ = decode_html(body.read(), content_type)
            links = read_links(html, via)
            if self.harvest:
                self._harvest(site, links, via, found)
            return Read(kind, links=links)
        if kind is Kind.JSON_FEED:
            feed = read_json_feed(body.read(), via)
        else:
            feed = read_feed(b"".join(escape_ampersands(body.chunks())), via)
        self._feed(site, feed, via, found)
        return Read(kind, refresh=feed.refresh)

    def _sitemap(self, site: Site, entries: Iterator[Entry], via: str, found: str) -> Read:
        """Each entry offered as it is parsed (the hot loop: a million a run)."""
        normal, offer, source = self.clock.normal, self.keeper.offer, set[int]()
        for loc, lastmod, news in entries:
            url = loc if loc.startswith(("http://", "https://")) else urljoin(via, loc)
            if news is None:
                candidate = DiscoveredURL(url, "sitemap", via, None, normal(lastmod), None,
                                          None, (), found)
            else:
                candidate = DiscoveredURL(
                    url, "news-sitemap", via, normal(news.published), normal(lastmod),
                    clean_text(news.title), _language(news.language),
                    _split_keywords(news.keywords), found)
            if not offer(site, candidate, source):
                break
        return Read(Kind.SITEMAP)

    def _feed(self, site: Site, feed: Feed, via: str, found: str) -> None:
        normal, source = self.clock.normal, set[int]()
        kind: SourceKind = "atom" if feed.kind == "atom" else \
            "jsonfeed" if feed.kind == "jsonfeed" else "rss"
        for item in feed.items:
            candidate = DiscoveredURL(
                url=item.url, source=kind, via=via, published=normal(item.published),
                modified=normal(item.modified), title=item.title, language=item.language,
                keywords=item.keywords, discovered_at=found)
            if not self.keeper.offer(site, candidate, source):
                break

    def _harvest(self, site: Site, links: PageLinks, via: str, found: str) -> None:
        source = set[int]()
        for url in links.links:
            if looks_like_article(url):
                candidate = DiscoveredURL(url=url, source="homepage", via=via,
                                          discovered_at=found)
                if not self.keeper.offer(site, candidate, source):
                    break


def _language(value: str | None) -> str | None:
    return primary_language(value) if value else None


def _split_keywords(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(dict.fromkeys(w.strip() for w in value.split(",") if w.strip()))
