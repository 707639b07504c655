"""Is a decoded document an HTML page at all? A content sniff before any extraction.

Content types lie (``text/html`` on an image or a gzip file served twice-compressed), and
``extract`` reads whatever file it is given. Without this check a PNG, a PDF or random
bytes come out as a "record" of mojibake, and an RSS feed as an article titled "Feed".
"""

from __future__ import annotations

import re

from newsscrape.document.content_type import root_name

# Element names almost every HTML document has at least one of.
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|p|div|article|main|section|span|a|br|"
    r"h[1-6]|table|ul|ol|li|script|style|link|img|font|center|td|header|nav)[\s>/]",
    re.IGNORECASE,
)
# Root elements of feeds and sitemaps (compared in lower case).
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "urlset", "sitemapindex"})
# Characters that never appear in text: C0 controls other than tab, newlines and form
# feed (about a tenth of random bytes, whatever the encoding they were decoded by). The
# replacement character is not counted: a page in a mislabelled charset is full of it,
# and it is still a page.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_SAMPLE = 4096
_MAX_BINARY_SHARE = 0.05


def not_html_reason(text: str) -> str | None:
    """Why ``text`` is not an HTML page, or None when it looks like one."""
    sample = text[:_SAMPLE]
    if not sample.strip():
        return None  # empty: no article, rather than a wrong type
    if (root_name(sample) or "").lower() in _FEED_ROOTS:
        return "an RSS/Atom feed or a sitemap, not a web page"
    if sample and len(_BINARY.findall(sample)) > _MAX_BINARY_SHARE * len(sample):
        return "binary content, not an HTML page"
    if _HTML_TAG.search(text) is None:
        return "no HTML markup in the document"
    return None
