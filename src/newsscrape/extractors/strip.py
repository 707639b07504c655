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

from newsscrape.extractors.merge import merge_split_body
from newsscrape.extractors.selectors import CHROME, METADATA

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
_INNER_BLOCKS = "p, div, article, section"

# A block that only announces links to other stories ("You may also like...").
TEASER_LABEL = re.compile(
    r"^[\[(]?(?:related(?: (?:stories|articles?|content|posts?|coverage|news|reading))?|"
    r"read (?:more|also|next)|also read|see (?:more|also)|more(?: on this(?: story)?)?|"
    r"don'?t miss|you (?:may|might) also like|recommended(?: for you)?|further reading|"
    r"more from [\w .&'-]{1,40}|most (?:read|popular)|trending(?: now)?)\W*$",
    re.IGNORECASE,
)
# A leading "Related:" / "[Read more:" style label before a link.
_LINK_LABEL = re.compile(r"^\W*(?:\w+\W+){0,3}?\w+\s*[:：|]\W*")
_URL_TEXT = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
# A paragraph that is all link (past such a label) and this many words is a teaser.
_TEASER_WORDS = 5
_LINK_SHARE = 0.9


class Stripper(NamedTuple):
    """A named chrome finder: returns the elements to remove."""

    name: str
    find: Callable[[LexborHTMLParser], list[LexborNode]]
    guarded: bool = True
    """Spare a match that holds a large share of the page's paragraph text.

    Class-substring selectors (``sidebar``, ``widget``, ``related``) also match
    wrappers such as ``content-with-sidebar`` or page-builder widgets that hold the
    article itself; real chrome rarely holds much of the page's prose. Comment
    sections do hold prose, so their stripper is unguarded.
    """
    replace: Callable[[LexborNode], None] | None = None
    """What to do with a match instead of removing it (see ``leave_landmark``)."""


# A match holding more than this share of the page's paragraph text is content.
_GUARD_SHARE = 0.3
_PROSE_MIN = 60
# How far up from an <h1> a wrapping <header> is looked for.
_HEADER_CLIMB = 3
# A headline block longer than this holds more than headline, standfirst and byline.
_HEADER_MAX_TEXT = 600


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


def find_teaser_labels(tree: LexborHTMLParser) -> list[LexborNode]:
    """Short blocks that only announce links elsewhere ("Related", "DON'T MISS")."""
    found = []
    for node in tree.css(_LEAF_BLOCKS):
        if not _is_leaf_block(node):
            continue
        text = " ".join(node.text(deep=True, separator=" ", strip=True).split())
        if len(text) < 60 and TEASER_LABEL.match(text):
            found.append(node)
    return found


def _is_leaf_block(node: LexborNode) -> bool:
    """True when no block element sits inside ``node`` (lexbor's ``css`` matches the node too)."""
    return all(inner.mem_id == node.mem_id for inner in node.css(_INNER_BLOCKS))


def find_link_teasers(tree: LexborHTMLParser) -> list[LexborNode]:
    """Paragraphs that are one headline-length link, maybe after a label ("Read more: ...").

    Such a paragraph inside a body promotes another story; short link-only paragraphs
    (a product name, a bare URL) are left alone, they are often part of the text.
    """
    found = []
    for para in tree.css("p"):
        links = para.css("a")
        if not links:
            continue
        text = " ".join(para.text(deep=True, separator=" ", strip=True).split())
        text = _LINK_LABEL.sub("", text, count=1).strip(" []()|")
        link_text = " ".join(" ".join(a.text(deep=True, separator=" ") for a in links).split())
        if (len(text.split()) >= _TEASER_WORDS and not _URL_TEXT.match(link_text)
                and len(link_text) >= _LINK_SHARE * len(text)):
            found.append(para)
    return found


def _following_siblings(node: LexborNode) -> list[LexborNode]:
    siblings = []
    sibling = node.next
    while sibling is not None:
        if sibling.is_element_node:
            siblings.append(sibling)
        sibling = sibling.next
    return siblings


def find_headline_blocks(tree: LexborHTMLParser) -> list[LexborNode]:
    """Each ``<h1>``, or the ``<header>`` around it (headline, standfirst, byline, date).

    The headline and the standfirst under it are metadata, not body text (the headline
    is read before stripping); a ``<header>`` wrapping the ``<h1>`` holds nothing else.
    """
    blocks = []
    for heading in tree.css("h1"):
        block = heading
        node = heading.parent
        for _ in range(_HEADER_CLIMB):
            if node is None or node.tag in ("body", "article", "main"):
                break
            if _is_headline_block(node):
                block = node
                break
            node = node.parent
        blocks.append(block)
    return blocks


def _is_headline_block(node: LexborNode) -> bool:
    """A ``<header>`` (not the page's) or a ``*head*``-classed wrapper with little text."""
    if node.parent is None or node.parent.tag == "body":
        return False
    named = node.tag == "header" or "head" in (node.attributes.get("class") or "").lower()
    return named and len(node.text(deep=True, strip=True)) <= _HEADER_MAX_TEXT


def _empty_heading() -> LexborNode:
    page = LexborHTMLParser("<h1></h1>")
    heading = page.css_first("h1")
    if heading is None:  # pragma: no cover - the parser always builds it
        raise RuntimeError("lexbor lost an <h1>")
    return heading


_LANDMARK = _empty_heading()


def leave_landmark(node: LexborNode) -> None:
    """Replace ``node`` with an empty ``<h1>``.

    trafilatura tells the article container from appended follow-up stories
    (infinite scroll) by which one holds an ``<h1>``, so the element stays, textless.
    """
    node.insert_before(_LANDMARK)  # inserting copies the node into the page's tree
    node.decompose()


def prose_length(node: LexborNode) -> int:
    """Characters of paragraph-like text (``<p>`` of some length) under ``node``."""
    total = 0
    for para in node.css("p"):
        length = len(para.text(deep=True, strip=True))
        if length >= _PROSE_MIN:
            total += length
    return total


def remove_nodes(nodes: Iterable[LexborNode], keep: frozenset[int], *,
                 page_prose: int | None = None,
                 replace: Callable[[LexborNode], None] | None = None) -> int:
    """Remove ``nodes`` except protected ones; a node inside another removed one is skipped.

    Skipping nested matches matters: decomposing an element frees its subtree, so
    touching a descendant afterwards would be a use-after-free in the parser. With
    ``page_prose``, a node holding a large share of that much prose is spared.
    """
    chosen = {n.mem_id: n for n in nodes if n.mem_id not in keep}
    if page_prose:
        limit = page_prose * _GUARD_SHARE
        chosen = {i: n for i, n in chosen.items()
                  if n.tag in ("script", "style") or prose_length(n) <= limit}
    outermost = [n for n in chosen.values() if not _has_ancestor_in(n, chosen)]
    for node in outermost:
        if replace is None:
            node.decompose()
        else:
            replace(node)
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
    Stripper("comments", _matching(CHROME.comments), guarded=False),
    Stripper("comment_text", find_comment_text),
    Stripper("teaser_labels", find_teaser_labels),
    Stripper("link_teasers", find_link_teasers),
    Stripper("breadcrumbs", _matching(CHROME.breadcrumbs)),
    Stripper("headlines", find_headline_blocks, replace=leave_landmark),
    Stripper("headers_footers", _matching(CHROME.headers_footers)),
    Stripper("share_bars", _matching(CHROME.share_bars)),
    Stripper("related", _matching(CHROME.related)),
    Stripper("newsletter_cookie", _matching(CHROME.newsletter_cookie)),
    Stripper("noise", _matching(CHROME.noise)),
)


def strip_chrome(
    tree: LexborHTMLParser, strippers: Iterable[Stripper] = STRIPPERS
) -> dict[str, int]:
    """Run the strippers in order, then re-join a split body; returns counts per step."""
    keep = protected_ids(tree)
    body = tree.body
    prose = prose_length(body) if body is not None else 0
    counts = {s.name: remove_nodes(s.find(tree), keep, page_prose=prose if s.guarded else None,
                                   replace=s.replace)
              for s in strippers}
    counts["merged"] = merge_split_body(tree)
    return counts
