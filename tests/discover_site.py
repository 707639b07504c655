"""A generated news site for the discovery tests, served by ``httpserver.Server``.

Forty articles over the days before ``NOW`` (the tests' fixed clock), listed the ways
real sites list them: robots.txt names a sitemap index whose children are a Google News
sitemap, two gzipped monthly sitemaps (one month wholly old), a sitemap of last year
with no ``lastmod`` but a date in its URL, and a text sitemap; the home page names RSS,
Atom and JSON feeds and links some articles and sections. Some entries carry garbage
``lastmod`` values, one sitemap entry is on another site.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from httpserver import Route, Server, respond

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
XML = "application/xml"
SITEMAP_NS = ('xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
              'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"')


@dataclass(frozen=True)
class Story:
    """One article of the site."""

    n: int
    published: datetime

    @property
    def path(self) -> str:
        day = self.published
        return f"/{day:%Y/%m/%d}/council-story-number-{self.n}-about-the-park"

    @property
    def title(self) -> str:
        return f"Council story number {self.n} & the park"


def stories() -> list[Story]:
    """Stories 0-39: story n was published n*18 hours before NOW (0 = newest)."""
    return [Story(n, NOW - timedelta(hours=18 * n + 1)) for n in range(40)]


def urlset(entries: list[str]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset {SITEMAP_NS}>{"".join(entries)}</urlset>')


def url_entry(loc: str, lastmod: str | None = None, news: str = "") -> str:
    mod = f"<lastmod>{lastmod}</lastmod>" if lastmod is not None else ""
    return f"<url><loc>{loc}</loc>{mod}{news}</url>"


def index(children: list[tuple[str, str | None]]) -> str:
    body = "".join(f"<sitemap><loc>{loc}</loc>"
                   + (f"<lastmod>{mod}</lastmod>" if mod else "") + "</sitemap>"
                   for loc, mod in children)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<sitemapindex {SITEMAP_NS}>{body}</sitemapindex>")


def article_page(title: str, published: str | None) -> str:
    """An article page; ``title``/``published`` None leave the page without them."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    head = f"<title>{title}</title>" if title else ""
    h1 = f"<h1>{title}</h1>" if title else ""
    para = " ".join(["The council met on Tuesday to discuss the riverside park plans."] * 6)
    return (f"<html lang=en><head>{head}{meta}</head><body><article>{h1}"
            f"<p>{para}</p><p>{para}</p></article></body></html>")


class NewsSite:
    """The routes of the generated site, on ``server`` (call ``install``)."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.base = server.url("").rstrip("/")
        self.stories = stories()
        self.feed_items = 10  # the feeds list the newest ten

    def url(self, path: str) -> str:
        return self.base + path

    def install(self) -> NewsSite:
        routes: dict[str, Route] = {
            "/robots.txt": respond("User-agent: *\nAllow: /\n"
                                   f"Sitemap: {self.url('/sitemap_index.xml')}\n",
                                   content_type="text/plain"),
            "/": respond(self.homepage()),
            "/local/": respond(self.section()),
            "/rss.xml": respond(self.rss(), content_type="application/rss+xml"),
            "/atom.xml": respond(self.atom(), content_type="application/atom+xml"),
            "/feed.json": respond(self.json_feed(), content_type="application/feed+json"),
            "/sitemap_index.xml": respond(self.sitemap_index(), content_type=XML),
            "/sitemaps/news.xml": respond(self.news_sitemap(), content_type=XML),
            "/sitemaps/2026-12.xml.gz": respond(self.month(12),
                                                content_type="application/octet-stream"),
            "/sitemaps/2026-11.xml.gz": respond(self.month(11), content_type="application/x-gzip"),
            "/sitemaps/posts-2025.xml": respond(self.last_year(), content_type=XML),
            "/sitemaps/extra.txt": respond(self.text_sitemap(), content_type="text/plain"),
        }
        for story in self.stories:
            routes[story.path] = respond(article_page(story.title, story.published.isoformat()))
        self.server.routes.update(routes)
        return self

    # --- documents ------------------------------------------------------------------

    def homepage(self) -> str:
        links = "".join(f'<a href="{s.path}">{s.title}</a>' for s in self.stories[:5])
        return ("<html><head><title>Riverside Gazette</title>"
                '<link rel="alternate" type="application/rss+xml" href="/rss.xml">'
                '<link rel="alternate" type="application/atom+xml" href="/atom.xml">'
                '<link rel="alternate" type="application/feed+json" href="/feed.json">'
                f'</head><body><nav><a href="/tag/park">Park</a><a href="/author/jane">Jane</a>'
                f'<a href="/local/">Local</a></nav>{links}</body></html>')

    def section(self) -> str:
        links = "".join(f'<a href="{s.path}">{s.title}</a>' for s in self.stories[5:8])
        nav = '<a href="/tag/local">Local</a><a href="/">Home</a>'
        return f"<html><body>{nav}{links}</body></html>"

    def rss(self) -> str:
        items = "".join(
            f"<item><title>{s.title.replace('&', '&amp;')}</title><link>{self.url(s.path)}</link>"
            f"<pubDate>{format_datetime(s.published)}</pubDate><category>Local</category></item>"
            for s in self.stories[:self.feed_items] if s.n % 3 == 0)
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>'
                f"<language>en-us</language><ttl>30</ttl>{items}</channel></rss>")

    def atom(self) -> str:
        entries = "".join(
            f'<entry><title type="html">{s.title.replace("&", "&amp;amp;")}</title>'
            f'<link rel="alternate" href="{s.path}"/><published>{s.published.isoformat()}'
            f"</published><updated>{(s.published + timedelta(hours=1)).isoformat()}"
            "</updated></entry>"
            for s in self.stories[:self.feed_items] if s.n % 3 == 1)
        return (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">'
                f"<title>Gazette</title>{entries}</feed>")

    def json_feed(self) -> str:
        items = [{"id": str(s.n), "url": self.url(s.path), "title": s.title,
                  "date_published": s.published.isoformat()}
                 for s in self.stories[:self.feed_items] if s.n % 3 == 2]
        return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Gazette",
                           "language": "en", "items": items})

    def sitemap_index(self) -> str:
        return index([
            (self.url("/sitemaps/2026-11.xml.gz"), "2026-11-30T23:00:00+00:00"),
            (self.url("/sitemaps/news.xml"), NOW.isoformat()),
            (self.url("/sitemaps/2026-12.xml.gz"), NOW.isoformat()),
            (self.url("/sitemaps/posts-2025.xml"), None),
            (self.url("/sitemaps/extra.txt"), None),
        ])

    def news_sitemap(self) -> str:
        entries = [url_entry(self.url(s.path), news=(
            f"<news:news><news:publication><news:name>Gazette</news:name>"
            f"<news:language>en</news:language></news:publication>"
            f"<news:publication_date>{s.published.isoformat()}</news:publication_date>"
            f"<news:title>{s.title.replace('&', '&amp;')}</news:title>"
            f"<news:keywords>park, council</news:keywords></news:news>"))
            for s in self.stories[:3]]
        return urlset(entries)

    def month(self, month: int) -> bytes:
        garbage = ["not a date", "2026-02-30", "yesterday-ish"]
        entries = []
        for s in self.stories:
            if s.published.month != month:
                continue
            lastmod = garbage[s.n % 3] if s.n in (7, 8, 9) else s.published.isoformat()
            entries.append(url_entry(self.url(s.path), lastmod))
        if month == 12:
            entries.append(url_entry("https://elsewhere.example/2026/12/01/a-cross-site-story",
                                     NOW.isoformat()))
        return gzip.compress(urlset(entries).encode())

    def last_year(self) -> str:
        return urlset([url_entry(self.url("/2025/01/10/an-old-story-from-last-year"))])

    def text_sitemap(self) -> str:
        return "\n".join([self.url("/about/the-gazette-and-its-history-page"), "not a url", ""])

    def hits(self, path: str) -> int:
        """Requests the server got for ``path``."""
        return sum(1 for p in self.server.paths() if p.split("?")[0] == path)

