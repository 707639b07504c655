"""A downloaded resource as the parsers see it: gzip undone by magic bytes, its kind
sniffed from its first bytes, and the one hardened XML parser configuration.

A resource is spooled (``tempfile.SpooledTemporaryFile``: memory up to 1 MiB, then
disk) and read back in chunks, so a 50 MB sitemap never sits in memory whole, and its
download (under the request deadline) never waits for a slow reader of our output.

XML is parsed by lxml with entities left unexpanded (``resolve_entities=False``), no
network access, no DTD loading and libxml2's size limits on (``huge_tree=False``).
Besides that, a sitemap with any DOCTYPE is refused (sitemaps never need one, and a
DTD is where entity bombs live); a feed may name an external DTD (RSS 0.91 does) but
an internal subset, where entities are declared, is refused.
"""

from __future__ import annotations

import codecs
import enum
import re
import zlib
from collections.abc import Iterator
from typing import IO

from lxml import etree

from newsscrape.document.content_type import media_type, root_element
from newsscrape.errors import SourceError, TooLargeError

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 64 * 1024
HEAD = 4096
PROLOG_LIMIT = 64 * 1024
"""A root element must start within this many bytes (comments before it included)."""
SPOOL_IN_MEMORY = 1024 * 1024

_SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})
_FEED_ROOTS = frozenset({"rss", "rdf", "feed", "channel"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_URL = re.compile(rb"^\s*https?://\S+\s*$", re.IGNORECASE)


class Kind(enum.Enum):
    """What a resource turned out to be."""

    SITEMAP = "sitemap"
    """An XML ``<urlset>``."""
    SITEMAP_INDEX = "sitemap-index"
    """An XML ``<sitemapindex>``."""
    TEXT_SITEMAP = "text-sitemap"
    """One URL per line."""
    FEED = "feed"
    """RSS 0.9x/1.0/2.0 or Atom."""
    JSON_FEED = "jsonfeed"
    HTML = "html"


class Body:
    """A file-like reader over a resource's bytes (gunzipped when they are gzip), with a
    look-ahead: lxml reads it with ``read(n)``, the sniffer with ``peek(n)``."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = bytearray()
        self._done = False

    def _fill(self, n: int) -> None:
        while len(self._buffer) < n and not self._done:
            chunk = next(self._chunks, None)
            if chunk is None:
                self._done = True
            else:
                self._buffer += chunk

    def chunks(self) -> Iterator[bytes]:
        """The rest of the bytes, in chunks (what was peeked first)."""
        if self._buffer:
            head = bytes(self._buffer)
            self._buffer.clear()
            yield head
        yield from self._chunks

    def peek(self, n: int) -> bytes:
        """Up to ``n`` bytes from the current position, not consumed."""
        self._fill(n)
        return bytes(self._buffer[:n])

    def read(self, n: int = -1) -> bytes:
        """Up to ``n`` bytes (all that is left when ``n`` < 0); b"" at the end."""
        if n < 0:
            self._fill(1 << 62)
        elif not self._buffer:
            self._fill(1)
        size = len(self._buffer) if n < 0 else min(n, len(self._buffer))
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data


def open_body(stream: IO[bytes], max_bytes: int) -> Body:
    """The resource in ``stream`` (at its start), gunzipped when it begins with gzip's
    magic bytes (whatever its name or Content-Type say), at most ``max_bytes`` of it."""
    raw = _chunks(stream)
    first = next(raw, b"")
    if first.startswith(GZIP_MAGIC):
        return Body(gunzip(_prepend(first, raw), max_bytes))
    return Body(_prepend(first, raw))


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while chunk := stream.read(CHUNK):
        yield chunk


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def gunzip(chunks: Iterator[bytes], max_bytes: int) -> Iterator[bytes]:
    """Inflate gzip data (several members too), never more than ``max_bytes`` in all,
    nor more than that at once: a gzip bomb stops at the cap with ``TooLargeError``."""
    inflater = zlib.decompressobj(31)
    total = 0
    for raw in chunks:
        data = raw
        while data:
            try:
                out = inflater.decompress(data, max_bytes + 1 - total)
            except zlib.error as exc:
                raise SourceError(f"corrupt gzip data: {exc}") from exc
            total += len(out)
            if total > max_bytes:
                raise TooLargeError(f"decompressed size exceeds the {max_bytes}-byte cap")
            yield out
            if inflater.unconsumed_tail:
                data = inflater.unconsumed_tail
            elif inflater.eof and inflater.unused_data.startswith(GZIP_MAGIC):
                data, inflater = inflater.unused_data, zlib.decompressobj(31)
            else:
                data = b""


_BARE_AMP = re.compile(rb"&(?!#?[A-Za-z0-9]{1,32};)")


def escape_ampersands(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """XML with each bare ``&`` (not starting an entity or character reference)
    escaped: sitemaps and feeds often list ``?a=1&b=2`` as is, which a recovering
    parser would silently mangle into ``?a=1=2``."""
    rest = b""
    for chunk in chunks:
        data = rest + chunk
        amp = data.rfind(b"&")
        if amp >= 0 and len(data) - amp < 40:  # a reference may go on in the next chunk
            data, rest = data[:amp], data[amp:]
        else:
            rest = b""
        yield _BARE_AMP.sub(b"&amp;", data)
    yield _BARE_AMP.sub(b"&amp;", rest)


def sniff(body: Body, content_type: str | None) -> Kind:
    """The kind of resource, from its first bytes (the Content-Type only tells HTML
    apart from text); ``SourceError`` when it is none we read."""
    head = body.peek(HEAD)
    start = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n")
    html_type = media_type(content_type) in _HTML_TYPES
    if start.startswith(b"{"):
        return Kind.JSON_FEED
    if start.startswith(b"<"):
        root = (root_element(head) or "").rpartition(":")[2].lower()
        if root in _SITEMAP_ROOTS:
            _check_prolog(body, root, allow_dtd=False)
            return Kind.SITEMAP if root == "urlset" else Kind.SITEMAP_INDEX
        if root in _FEED_ROOTS:
            _check_prolog(body, root, allow_dtd=True)
            return Kind.FEED
        if root == "html" or html_type:
            return Kind.HTML
        raise SourceError(f"not a feed or a sitemap (root element <{root or '?'}>)")
    first_line = start.split(b"\n", 1)[0]
    if _TEXT_URL.match(first_line):
        return Kind.TEXT_SITEMAP
    if html_type:
        return Kind.HTML
    raise SourceError("not a feed or a sitemap (neither XML, JSON nor a list of URLs)")


def _check_prolog(body: Body, root: str, *, allow_dtd: bool) -> None:
    """Refuse a DOCTYPE before the root element (any, or one with an internal subset)."""
    head = body.peek(HEAD)
    text = _text(head)
    doctype = text.upper().find("<!DOCTYPE")
    if doctype < 0:
        return
    root_at = _root_position(text, root)
    if root_at < 0:  # a long prolog: look further, but not forever
        text = _text(body.peek(PROLOG_LIMIT))
        root_at = _root_position(text, root)
        if root_at < 0:
            raise SourceError(f"no root element within the first {PROLOG_LIMIT} bytes")
    if doctype > root_at:
        return
    if not allow_dtd:
        raise SourceError("a sitemap with a DOCTYPE is refused (no entity expansion)")
    if "[" in text[doctype:root_at]:
        raise SourceError("a DOCTYPE with an internal subset is refused (no entity expansion)")


def _root_position(text: str, root: str) -> int:
    match = re.search(r"<(?:[\w.-]+:)?" + re.escape(root) + r"[\s>/]", text, re.IGNORECASE)
    return match.start() if match else -1


def _text(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", "replace")
    return head.decode("utf-8", "replace")


def xml_parser() -> etree.XMLParser:
    """The hardened, forgiving parser for a whole feed."""
    return etree.XMLParser(**XML_SAFETY)


XML_SAFETY = {"resolve_entities": False, "no_network": True, "load_dtd": False,
              "huge_tree": False, "recover": True, "remove_comments": True,
              "remove_pis": True}
"""The settings every XML parse uses (whole feeds and streamed sitemaps alike)."""
SITEMAP_PARSING = {**XML_SAFETY, "remove_blank_text": True, "collect_ids": False}
"""Sitemaps also drop the whitespace between elements (no text of theirs is blank, and
a tenth of the parse goes) and keep no ids (feeds keep both: a title's markup may be
spaced by whitespace alone)."""
