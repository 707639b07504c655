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

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsscrape.extractors.blocks import read_article
from newsscrape.extractors.strip import ROOT_MARK, text_mass
from newsscrape.lexicon.furniture import PROMO_LINE

# trafilatura's fast text is short when under this share of the page's text runs (and
# the page has at least this much of them).
_SHORT_SHARE = 0.3
_SHORT_MIN = 1000
# A line this long is a sentence of the text, not a label.
_SENTENCE_MIN = 40
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
        return _trafilatura_body(tree, url, "no root")
    verdict = read_article(root)
    if verdict.text is None:
        return _trafilatura_body(tree, url, verdict.reason)
    return Body(trim_promo_tail(verdict.text), "fast")


def _trafilatura_body(tree: LexborHTMLParser, url: str | None, reason: str) -> Body:
    """trafilatura's fast extraction, and its full one when the fast one looks short.

    The fast mode trusts the first container it takes for the article; on magazine and
    forum layouts that is a teaser or the first post, a fraction of the page's text. Its
    full mode weighs other readings of the page (and costs twice as much), so it runs
    only when the fast text holds under ``_SHORT_SHARE`` of the cleaned page's text runs,
    and its text is taken when it is longer and still holds a sentence of the fast text
    (a longer reading without any is the next story, or a thread without its first post).
    """
    html = tree.html or ""
    text = trafilatura_text(html, url=url)
    if _looks_short(text, tree.body):
        full = trafilatura_text(html, url=url, fast=False)
        if len(full) > len(text) and _shares_a_sentence(text, full):
            return Body(full, f"trafilatura full: {reason}")
    return Body(text, f"trafilatura: {reason}")


def _looks_short(text: str, body: LexborNode | None) -> bool:
    """``text`` holds under ``_SHORT_SHARE`` of the page's text runs (of which it has at
    least ``_SHORT_MIN``). The page's text length bounds its runs: counted only if needed."""
    if body is None or len(text) >= _SHORT_SHARE * len(body.text(deep=True)):
        return False
    mass = text_mass(body)
    return mass >= _SHORT_MIN and len(text) < _SHORT_SHARE * mass


def _shares_a_sentence(text: str, other: str) -> bool:
    """``other`` holds one of ``text``'s lines of some length, or ``text`` has none."""
    lines = [line.strip() for line in text.split("\n") if len(line.strip()) >= _SENTENCE_MIN]
    return not lines or any(line in other for line in lines)


def trafilatura_text(html: str, *, url: str | None, fast: bool = True) -> str:
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
        fast=fast,
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
