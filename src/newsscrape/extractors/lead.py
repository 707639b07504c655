"""The lead paragraph that opens an article when its markup sets it apart.

Templates mark the first paragraph as a lead ("lead", "intro", "Vorspann", "chapô",
"bajada", "sommario": ``selectors.LEAD_NAMES``) and often put it in the headline's block,
which the strippers remove with the headline, or beside the body's container, which
pruning drops. It is the article's own first paragraph, so it is read before any
stripping: the first element so named after the page's ``<h1>`` and before the body's
first paragraph. The body text gets it in front when it lacks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsscrape.extractors.merge import is_inside
from newsscrape.extractors.patterns import CAMEL_HUMP
from newsscrape.extractors.selectors import LEAD_MEDIA_NAMES, LEAD_NAMES


def _parts(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(names) + r")(?![a-z0-9])")


_NAMES = _parts(LEAD_NAMES)
_MEDIA_NAMES = _parts(LEAD_MEDIA_NAMES)
_MEDIA = "img, picture, video, figure, iframe, audio"
_BLOCKS = frozenset(("p", "div", "section", "h2", "h3", "h4"))
# A lead is a paragraph: this long at least, at most.
_MIN = 40
_MAX = 1500
# Past this many elements after the headline, the lead is not looked for any longer.
_WALK = 200
# A paragraph this long after the headline is the body: a lead comes before it.
_PROSE = 60
# A lead is running text, not a list of links (a teaser's intro line in a story list).
_LINK_SHARE = 0.5
_OUTSIDE = frozenset(("figure", "figcaption", "aside", "nav", "form", "footer"))
_ITEMS = frozenset(("article", "li"))
_HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_LINK_CLIMB = 3


def find_lead(tree: LexborHTMLParser) -> str | None:
    """The text of the lead paragraph between the page's ``<h1>`` and its body, if marked."""
    body, headline = tree.body, tree.css_first("h1")
    if body is None or headline is None:
        return None
    for walked, node in enumerate(_following(headline)):
        if walked >= _WALK or _starts_body(node):
            return None
        if node.tag in _BLOCKS and _is_named_lead(node) and not _in_other_item(node, headline):
            text = _lead_text(node)
            if text is not None:
                return text
    return None


def _following(node: LexborNode) -> Iterator[LexborNode]:
    """The elements after ``node`` in document order (not those inside it)."""
    current: LexborNode | None = node
    while current is not None:
        sibling = current.next
        while sibling is not None:
            if sibling.is_element_node:
                yield from sibling.traverse()
            sibling = sibling.next
        current = current.parent


def _in_other_item(node: LexborNode, headline: LexborNode) -> bool:
    """Under a headline link of its own in an ``<article>`` or list item that does not hold
    the page's ``<h1>``: a teaser card's excerpt ("Three hikers in Norway have been rescued
    from the glacier,..."). (A story whose headline is an ``<h2>`` under a site-wide
    ``<h1>`` has its own ``<article>`` too, but its headline links nowhere.)"""
    parent = node.parent
    while parent is not None:
        if parent.tag in _ITEMS:
            if is_inside(headline, parent):
                return False
            if _heading_before(parent, node):
                return True
        parent = parent.parent
    return False


def _heading_before(item: LexborNode, node: LexborNode) -> bool:
    for inner in item.traverse():
        if inner.mem_id == node.mem_id:
            return False
        if inner.tag in _HEADINGS and _is_link(inner):
            return True
    return False


def _is_link(heading: LexborNode) -> bool:
    """The heading holds a link, or sits in one (a few wrappers up)."""
    if heading.css_first("a") is not None:
        return True
    parent = heading.parent
    for _ in range(_LINK_CLIMB):
        if parent is None:
            return False
        if parent.tag == "a":
            return True
        parent = parent.parent
    return False


def _is_named_lead(node: LexborNode) -> bool:
    """Named as the lead paragraph (not the lead picture: "lead-media", "leadImage")."""
    attrs = node.attributes
    names = " ".join(filter(None, (attrs.get("class"), attrs.get("id"))))
    if not names:
        return False
    names = CAMEL_HUMP.sub("-", names).lower()
    return _NAMES.search(names) is not None and _MEDIA_NAMES.search(names) is None


def _starts_body(node: LexborNode) -> bool:
    """A paragraph of some length outside figures and asides: the body has begun."""
    if node.tag != "p" or len(node.text(deep=True, strip=True)) < _PROSE:
        return False
    parent = node.parent
    while parent is not None:
        if parent.tag in _OUTSIDE:
            return False
        parent = parent.parent
    return not _is_named_lead(node)


def _lead_text(node: LexborNode) -> str | None:
    """The lead's text: its own, or its first block's when it wraps several (a lead
    with the byline and the date under it in one "intro" box)."""
    first = next((child for child in node.iter() if child.tag in _BLOCKS
                  and len(child.text(deep=True, strip=True)) >= _MIN), None)
    block = first if first is not None else node
    if block.css_first(_MEDIA) is not None:
        return None  # a picture with its caption
    text = " ".join(block.text(deep=True, separator=" ").split())
    if not _MIN <= len(text) <= _MAX:
        return None
    links = sum(len(a.text(deep=True, strip=True)) for a in block.css("a"))
    return text if links < _LINK_SHARE * len(text) else None


def with_lead(text: str, lead: str | None) -> str:
    """``text`` with ``lead`` as its first paragraph, unless it already holds it."""
    if not lead or not text:
        return text
    # (a teaser's excerpt is cut short: "rescued from the glacier,...")
    cut = lead.endswith(("...", "…"))
    if (lead.rstrip(".…").strip() if cut else lead) in " ".join(text.split()):
        return text
    return f"{lead}\n{text}"
