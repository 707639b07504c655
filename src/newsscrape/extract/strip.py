"""Chrome removal: an ordered, named list of small strippers over the selectolax tree.

Each stripper removes one kind of page furniture. None of them may remove the
element that holds the article (or one of its ancestors): ``protected`` is the set
of such elements, computed once, so a site whose ``<body>`` carries a class like
``has-sidebar`` or ``single-related`` still keeps its article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsscrape.extract.selectors import CHROME, METADATA

# Visible text that marks a comment box or spam notice (the element holding it goes).
COMMENT_TEXT = re.compile(
    r"^(?:leave a (?:comment|reply)|post a comment|add a comment|\d+\s+comments?|"
    r"comments?\s*(?:\(\d+\))?|this site uses akismet to reduce spam.*|"
    r"you must be logged in to post a comment.*|your email address will not be published.*|"
    r"join the conversation|comments are closed\.?|发表评论|评论|コメント|"
    r"kommentare?|commentaires?|comentarios?)$",
    re.IGNORECASE,
)
_LEAF_BLOCKS = "p, h2, h3, h4, h5, h6, div, span, li, small"


class Stripper(NamedTuple):
    """A named chrome finder: returns the elements to remove."""

    name: str
    find: Callable[[LexborHTMLParser], list[LexborNode]]


def find_article_root(tree: LexborHTMLParser) -> LexborNode | None:
    """The most specific element that holds the article body, if one is recognisable."""
    for selector in METADATA.article_root:
        nodes = tree.css(selector)
        if nodes:
            return max(nodes, key=lambda n: len(n.text(deep=True, strip=True)))
    return None


def protected_ids(tree: LexborHTMLParser) -> frozenset[int]:
    """Ids of the article root, its ancestors, ``<html>`` and ``<body>``: never removed."""
    keep: set[int] = set()
    node = find_article_root(tree)
    while node is not None:
        keep.add(node.mem_id)
        node = node.parent
    for tag in ("html", "body", "head"):
        found = tree.css_first(tag)
        if found is not None:
            keep.add(found.mem_id)
    return frozenset(keep)


def _matching(selectors: Iterable[str]) -> Callable[[LexborHTMLParser], list[LexborNode]]:
    joined = ", ".join(selectors)

    def find(tree: LexborHTMLParser) -> list[LexborNode]:
        return list(tree.css(joined))

    return find


def find_comment_text(tree: LexborHTMLParser) -> list[LexborNode]:
    """Headings/notices that announce a comment box, and (after a heading) what follows."""
    found: list[LexborNode] = []
    for node in tree.css(_LEAF_BLOCKS):
        if node.css_first("p, div, article, section"):
            continue
        text = " ".join(node.text(deep=True, separator=" ", strip=True).split())
        if len(text) < 200 and COMMENT_TEXT.match(text):
            found.append(node)
            if node.tag in ("h2", "h3", "h4", "h5", "h6"):
                found.extend(_following_siblings(node))
    return found


def _following_siblings(node: LexborNode) -> list[LexborNode]:
    siblings = []
    sibling = node.next
    while sibling is not None:
        if sibling.is_element_node:
            siblings.append(sibling)
        sibling = sibling.next
    return siblings


def remove_nodes(nodes: Iterable[LexborNode], keep: frozenset[int]) -> int:
    """Remove ``nodes`` except protected ones; a node inside another removed one is skipped.

    Skipping nested matches matters: decomposing an element frees its subtree, so
    touching a descendant afterwards would be a use-after-free in the parser.
    """
    chosen = {n.mem_id: n for n in nodes if n.mem_id not in keep}
    outermost = [n for n in chosen.values() if not _has_ancestor_in(n, chosen)]
    for node in outermost:
        node.decompose()
    return len(outermost)


def _has_ancestor_in(node: LexborNode, ids: dict[int, LexborNode]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


STRIPPERS: tuple[Stripper, ...] = (
    Stripper("hidden", _matching(CHROME.hidden)),
    Stripper("comments", _matching(CHROME.comments)),
    Stripper("comment_text", find_comment_text),
    Stripper("breadcrumbs", _matching(CHROME.breadcrumbs)),
    Stripper("headers_footers", _matching(CHROME.headers_footers)),
    Stripper("share_bars", _matching(CHROME.share_bars)),
    Stripper("related", _matching(CHROME.related)),
    Stripper("newsletter_cookie", _matching(CHROME.newsletter_cookie)),
    Stripper("noise", _matching(CHROME.noise)),
)


def strip_chrome(
    tree: LexborHTMLParser, strippers: Iterable[Stripper] = STRIPPERS
) -> dict[str, int]:
    """Run the strippers in order; returns how many elements each removed."""
    keep = protected_ids(tree)
    return {s.name: remove_nodes(s.find(tree), keep) for s in strippers}
