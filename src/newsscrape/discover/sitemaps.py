"""Sitemaps, read as a stream: XML ``<urlset>``/``<sitemapindex>`` and plain-text lists.

The XML reader is lxml's ``iterparse`` over the resource's ``Body`` (a 64 KiB window at
a time), asking only for the end of each ``<url>`` and ``<sitemap>`` element (any
namespace: sitemaps in the wild use old Google ones or none), and clearing each one as
soon as it is read, so a 50,000-URL, 50 MB sitemap costs the same memory as a small one.
Values are passed on raw; dates become normal forms later (``window.Clock``).

Read from each ``<url>``: ``loc``, ``lastmod`` and the Google News fields
(``news:publication_date``, ``news:title``, ``news:publication/news:language``,
``news:keywords``); from each ``<sitemap>``: ``loc`` and ``lastmod``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from newsscrape.discover.resource import CHUNK, XML_SAFETY, Body
from newsscrape.errors import SourceError

MAX_LINE = 8192
"""A line of a text sitemap longer than this is no URL (and is skipped)."""


@dataclass(frozen=True, slots=True)
class News:
    """A ``<news:news>`` block, raw."""

    published: str | None = None
    title: str | None = None
    language: str | None = None
    keywords: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """One ``<url>`` (or one line of a text sitemap), raw."""

    loc: str
    lastmod: str | None = None
    news: News | None = None


@dataclass(frozen=True, slots=True)
class Child:
    """One ``<sitemap>`` of a sitemap index, raw."""

    loc: str
    lastmod: str | None = None


def read_xml_sitemap(body: Body) -> Iterator[Entry | Child]:
    """Each entry and child sitemap, in document order; ``SourceError`` on XML so broken
    that even lxml's recovering parser gives up (what came before it is yielded)."""
    events = etree.iterparse(body, events=("end",), tag=("{*}url", "{*}sitemap"),
                             **XML_SAFETY)
    try:
        for _, element in events:
            item = _item(element)
            if item is not None:
                yield item
            _forget(element)
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"malformed XML: {exc}") from exc


def _item(element: etree._Element) -> Entry | Child | None:
    loc = lastmod = None
    news = None
    for child in element:
        name = _local(child.tag)
        if name == "loc":
            loc = child.text
        elif name == "lastmod":
            lastmod = child.text
        elif name == "news":
            news = _news(child)
    if not loc or not loc.strip():
        return None
    if _local(element.tag) == "sitemap":
        return Child(loc.strip(), lastmod)
    return Entry(loc.strip(), lastmod, news)


def _news(block: etree._Element) -> News:
    fields: dict[str, str] = {}
    for element in block.iter():
        name = _local(element.tag)
        if name in ("publication_date", "title", "language", "keywords") and element.text:
            fields.setdefault(name, element.text)
    return News(published=fields.get("publication_date"), title=fields.get("title"),
                language=fields.get("language"), keywords=fields.get("keywords"))


def _local(tag: object) -> str:
    """The local name of an element's tag ("" for entities and the like)."""
    if not isinstance(tag, str):
        return ""
    return tag[tag.rfind("}") + 1:]


def _forget(element: etree._Element) -> None:
    """Drop a read element and the siblings before it, so the tree never grows."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def read_text_sitemap(body: Body) -> Iterator[Entry]:
    """Each http(s) URL of a text sitemap (one per line; other lines are skipped)."""
    rest = b""
    while chunk := body.read(CHUNK):
        lines = (rest + chunk).split(b"\n")
        rest = lines.pop()
        if len(rest) > MAX_LINE:
            rest = b""
        yield from _text_entries(lines)
    yield from _text_entries([rest])


def _text_entries(lines: list[bytes]) -> Iterator[Entry]:
    for raw in lines:
        line = raw.strip()
        if line[:4].lower() == b"http" and len(line) <= MAX_LINE:
            yield Entry(line.decode("utf-8", "replace"))
