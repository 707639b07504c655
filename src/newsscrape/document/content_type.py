"""Which responses are HTML pages, by Content-Type and, for XML types, by the root element.

``text/html`` and ``application/xhtml+xml`` are pages. The generic XML types
(``application/xml``, ``text/xml``) and the feed types (RSS, Atom, RDF) are what feeds
and sitemaps are served as, and only sometimes XHTML pages: those are pages only when
the document's root element is ``<html>``. Every other declared type is not a page; no
Content-Type at all is left to the body (the pipeline sniffs it).

Part of ``document``: the fetcher and WARC input use it alike, without the HTTP stack.
"""

from __future__ import annotations

import codecs
import re

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
"""Media types that are HTML pages whatever their body."""
XML_TYPES = frozenset({"application/xml", "text/xml", "application/rss+xml",
                       "application/atom+xml", "application/rdf+xml"})
"""Media types that are pages only when the root element is ``<html>`` (XHTML)."""

_HEAD_BYTES = 4096
_NAME = re.compile(r"<([A-Za-z_][\w.:-]*)")


def media_type(content_type: str | None) -> str:
    """The lower-case ``type/subtype`` of a Content-Type header ("" when absent)."""
    return (content_type or "").split(";")[0].strip().lower()


def type_problem(mime: str) -> str | None:
    """Why a response of media type ``mime`` is not a page, or None if it may be one."""
    if mime and mime not in HTML_TYPES and mime not in XML_TYPES:
        return f"not HTML (Content-Type: {mime})"
    return None


def xml_root_problem(mime: str, body: bytes) -> str | None:
    """For an XML media type, why ``body`` is not an XHTML page (None when its root is
    ``<html>``, with or without a namespace prefix)."""
    if mime not in XML_TYPES:
        return None
    root = root_element(body)
    if root is not None and root.rpartition(":")[2].lower() == "html":
        return None
    found = f"the root element is <{root}>" if root else "no root element was found"
    return f"not HTML (Content-Type: {mime}; {found}, not <html>)"


def root_element(body: bytes) -> str | None:
    """The qualified name of an XML document's root element, from its first 4 KiB."""
    head = body[:_HEAD_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", "replace")
    else:  # UTF-8 and the ASCII-compatible encodings agree on markup characters
        text = head.decode("utf-8", "replace")
    return root_name(text)


def root_name(text: str) -> str | None:
    """The qualified name of the first element in ``text``, after the prolog (XML
    declaration, processing instructions, comments, a DOCTYPE with an optional internal
    subset).

    Skipped by searching for each part's end, not by one regular expression: a
    repeated group of lazy parts backtracks exponentially when the match fails (a page
    opening with a few dozen comments took minutes).
    """
    pos = 0
    end = len(text)
    while pos < end:
        while pos < end and (text[pos].isspace() or text[pos] == "\ufeff"):
            pos += 1
        if text.startswith("<?", pos):
            close = text.find("?>", pos + 2)
            pos = end if close < 0 else close + 2
        elif text.startswith("<!--", pos):
            close = text.find("-->", pos + 4)
            pos = end if close < 0 else close + 3
        elif text[pos:pos + 9].upper() == "<!DOCTYPE":
            pos = _after_doctype(text, pos)
        else:
            break
    match = _NAME.match(text, pos)
    return match.group(1) if match else None


def _after_doctype(text: str, pos: int) -> int:
    close = text.find(">", pos)
    subset = text.find("[", pos)
    if 0 <= subset < close:  # an internal subset may hold ">": skip to its "]" first
        bracket = text.find("]", subset)
        close = text.find(">", bracket) if bracket >= 0 else -1
    return len(text) if close < 0 else close + 1
