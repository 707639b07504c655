"""Home and section pages: the feeds and sitemaps they name, and the article links on them.

``<link rel=alternate>`` with a feed type (RSS, Atom, JSON Feed) and ``<link
rel=sitemap>`` are sources. With ``--sources homepage`` the page's own links are
harvested too: same-site links that look like articles, and (from the home page only)
a few section pages whose article links are harvested in turn.

An article link has a date in its path (``/2024/03/14/``, ``/2024-03-14-``,
``/20240314/``), a long slug (a last segment of at least four words joined by ``-``
or ``_``), or a numeric id of at least five digits; navigation, tag, author, category,
login, feed and media links are dropped first (courlan's filters). A section page is
a same-site link one or two path segments deep that is not an article link and not
navigation either (``/politics/``, ``/news/world``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml",
                        "application/feed+json", "application/rdf+xml"})
MAX_SECTIONS = 10
"""Section pages fetched, at most, when harvesting a home page."""

_DATE_IN_PATH = re.compile(r"/(?:19|20)\d{2}(?:[/-](?:0?[1-9]|1[0-2])(?:[/-]|$)|"
                           r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:/|$|[-_]))")
_NUMERIC_ID = re.compile(r"(?<![\d.])\d{5,}(?!\d)")
_WORD_SPLIT = re.compile(r"[-_]+")
_MEDIA = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|pdf|mp[34]|zip|css|js|xml|rss|json)$",
                    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageLinks:
    """What an HTML page links to."""

    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    """Every ``<a href>`` made absolute, in page order, without duplicates."""


def read_links(html: str, base: str) -> PageLinks:
    """The feeds, sitemaps and links of a page at ``base``."""
    tree = LexborHTMLParser(html)
    base_tag = tree.css_first("base[href]")
    if base_tag is not None:
        base = urljoin(base, base_tag.attributes.get("href") or "")
    feeds: list[str] = []
    sitemaps: list[str] = []
    for node in tree.css("link[rel][href]"):
        rel = (node.attributes.get("rel") or "").lower().split()
        href = urljoin(base, (node.attributes.get("href") or "").strip())
        kind = (node.attributes.get("type") or "").split(";")[0].strip().lower()
        if "alternate" in rel and kind in FEED_TYPES:
            feeds.append(href)
        elif "sitemap" in rel:
            sitemaps.append(href)
    links = (urljoin(base, (a.attributes.get("href") or "").strip())
             for a in tree.css("a[href]"))
    return PageLinks(tuple(dict.fromkeys(feeds)), tuple(dict.fromkeys(sitemaps)),
                     tuple(dict.fromkeys(u.split("#")[0] for u in links
                                         if u.startswith(("http://", "https://")))))


def _navigation(url: str) -> bool:
    from courlan import is_navigation_page, is_not_crawlable

    return bool(is_navigation_page(url) or is_not_crawlable(url)) or bool(_MEDIA.search(url))


def looks_like_article(url: str) -> bool:
    """A link that looks like an article page (see the module doc)."""
    path = urlsplit(url).path
    if path.strip("/") == "" or _navigation(url):
        return False
    if _DATE_IN_PATH.search(path) or _NUMERIC_ID.search(path):
        return True
    last = path.rstrip("/").rsplit("/", 1)[-1]
    last = last.rsplit(".", 1)[0] if "." in last else last
    return len([w for w in _WORD_SPLIT.split(last) if w]) >= 4


def looks_like_section(url: str) -> bool:
    """A link one or two segments deep that is neither an article nor navigation."""
    parts = urlsplit(url)
    depth = len([p for p in parts.path.split("/") if p])
    return 1 <= depth <= 2 and not parts.query and not looks_like_article(url) \
        and not _navigation(url)
