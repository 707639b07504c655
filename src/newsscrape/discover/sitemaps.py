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
from typing import NamedTuple

from lxml import etree

from newsscrape.discover.resource import CHUNK, SITEMAP_PARSING, Body
from newsscrape.errors import SourceError

FORGET_EVERY = 256
"""Elements read between two prunings of the tree (a larger batch let the heap grow by
some MB over a million entries; this one keeps the peak flat)."""
MAX_LINE = 8192
"""A line of a text sitemap longer than this is no URL (and is skipped)."""


class News(NamedTuple):
    """A ``<news:news>`` block, raw."""

    published: str | None = None
    title: str | None = None
    language: str | None = None
    keywords: str | None = None


Entry = tuple[str, str | None, News | None]
"""One ``<url>`` (or one line of a text sitemap), raw: ``(loc, lastmod, news)``. A plain
tuple: a run reads a million, and a named one took a tenth of an entry's time."""


class Child(NamedTuple):
    """One ``<sitemap>`` of a sitemap index, raw."""

    loc: str
    lastmod: str | None = None


def read_xml_sitemap(body: Body) -> Iterator[Entry]:
    """Each entry of a ``<urlset>``, in document order; ``SourceError`` on XML so broken
    that even lxml's recovering parser gives up (what came before it is yielded).

    The hot loop of a run (a million entries), so written out in one piece."""
    names = _LOCAL_NAMES
    try:
        for count, (_, element) in enumerate(_events(body, "{*}url"), 1):
            loc = lastmod = news = None
            for child in element:
                tag = child.tag
                name = names.get(tag) or _local(tag)
                if name == "loc":
                    loc = child.text
                elif name == "lastmod":
                    lastmod = child.text
                elif name == "news":
                    news = _news(child)
            _done(element, count)
            if loc and (loc := loc.strip()):
                yield loc, lastmod, news
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"malformed XML: {exc}") from exc


def read_sitemap_index(body: Body) -> Iterator[Child]:
    """Each ``<sitemap>`` of a ``<sitemapindex>``, in document order (``SourceError`` as
    for ``read_xml_sitemap``)."""
    try:
        for count, (_, element) in enumerate(_events(body, "{*}sitemap"), 1):
            fields = {_local(child.tag): child.text for child in element}
            _done(element, count)
            loc = fields.get("loc")
            if loc and (loc := loc.strip()):
                yield Child(loc, fields.get("lastmod"))
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"malformed XML: {exc}") from exc


def _events(body: Body, tag: str) -> etree.iterparse:
    """An ``end`` event for each ``tag`` element (any namespace), once it is read whole."""
    return etree.iterparse(body, events=("end",), tag=tag, **SITEMAP_PARSING)


def _news(block: etree._Element) -> News:
    fields: dict[str, str] = {}
    for element in block.iter():
        name = _local(element.tag)
        if name in ("publication_date", "title", "language", "keywords") and element.text:
            fields.setdefault(name, element.text)
    return News(published=fields.get("publication_date"), title=fields.get("title"),
                language=fields.get("language"), keywords=fields.get("keywords"))


_LOCAL_NAMES: dict[str, str] = {}
"""Tags seen -> their local names (a sitemap uses a handful of tags a million times)."""
LOCAL_NAMES_KEPT = 256


def _local(tag: object) -> str:
    """The local name of an element's tag ("" for entities and the like)."""
    if not isinstance(tag, str):
        return ""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = tag[tag.rfind("}") + 1:]
        if len(_LOCAL_NAMES) < LOCAL_NAMES_KEPT:  # hostile documents have endless tags
            _LOCAL_NAMES[tag] = name
    return name


def _done(element: etree._Element, count: int) -> None:
    """Forget the elements read, so the tree never grows: every ``FORGET_EVERY``-th
    (``count``), it and the siblings before it, all read, go at once (one call instead
    of a ``clear()`` each: a tenth of the hot loop)."""
    if count % FORGET_EVERY == 0 and (parent := element.getparent()) is not None:
        del parent[:]


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
            yield line.decode("utf-8", "replace"), None, None
