"""The article body: read from the cleaned tree's article root, else by trafilatura,
minus a promotional tail.

When the strippers kept one clear article root (``strip.ROOT_MARK``) and its text
looks like a plain article, the body is read straight from it (``blocks``), which
is several times cheaper than trafilatura re-parsing and re-cleaning the page;
otherwise trafilatura extracts it from the cleaned HTML.

Pages often end the body container itself with calls to action: "Follow us on
Twitter", "Sign up for our newsletter", an affiliate disclosure. They sit among
the body's own paragraphs, so no selector finds them; their wording does.
"""

from __future__ import annotations

from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser

from newsscrape.extractors.blocks import read_article
from newsscrape.extractors.strip import ROOT_MARK
from newsscrape.lexicon.furniture import PROMO_LINE

# Only this many closing lines are looked at, and only lines this short.
_TAIL_LINES = 3
_PROMO_MAX = 300


class Body(NamedTuple):
    """The body text and how it was found: ``fast``, or why trafilatura was asked."""

    text: str
    path: str


def read_body(html: str, *, url: str | None) -> Body:
    """The body of a cleaned HTML document: from its marked root if clear, else trafilatura."""
    if ROOT_MARK not in html:
        return Body(trafilatura_text(html, url=url), "trafilatura: no root")
    return read_tree_body(LexborHTMLParser(html), url=url)


def read_tree_body(tree: LexborHTMLParser, *, url: str | None) -> Body:
    """Like ``read_body`` on a cleaned tree: serialised for trafilatura only if needed."""
    root = tree.css_first(f"[{ROOT_MARK}]")
    if root is None:
        return Body(trafilatura_text(tree.html or "", url=url), "trafilatura: no root")
    verdict = read_article(root)
    if verdict.text is None:
        return Body(trafilatura_text(tree.html or "", url=url), f"trafilatura: {verdict.reason}")
    return Body(trim_promo_tail(verdict.text), "fast")


def trafilatura_text(html: str, *, url: str | None) -> str:
    """trafilatura's plain text for an (already cleaned) HTML document, or ''."""
    import trafilatura

    text = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        fast=True,
    )
    return trim_promo_tail(text or "")


def trim_promo_tail(text: str) -> str:
    """Cut the text at the first promotional line among its last few lines.

    Whatever follows such a line is more of the same (a second call to action,
    a podcast plug), so it goes too; a body of only promotional lines is kept.
    """
    lines = text.split("\n")
    start = max(1, len(lines) - _TAIL_LINES)
    for index in range(start, len(lines)):
        line = lines[index]
        if len(line) <= _PROMO_MAX and PROMO_LINE.search(line):
            return "\n".join(lines[:index]).rstrip()
    return text
