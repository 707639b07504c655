"""Chrome removal: an ordered, named list of small strippers over the selectolax tree.

Each stripper removes one kind of page furniture. None of them may remove the
element that holds the article (or one of its ancestors): ``protected`` is the set
of such elements, computed once, so a site whose ``<body>`` carries a class like
``has-sidebar`` or ``single-related`` still keeps its article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsscrape.extractors.merge import merge_split_body
from newsscrape.extractors.selectors import CHROME, METADATA
from newsscrape.lexicon.furniture import COMMENT_TEXT, TEASER_LABEL
from newsscrape.lexicon.shapes import URL_TEXT

_LEAF_BLOCKS = "p, h2, h3, h4, h5, h6, div, span, li, small"
_INNER_BLOCKS = "p, div, article, section"
_LEAF_TAGS = frozenset(_LEAF_BLOCKS.split(", "))
_COMMENT_MAX = 200
_TEASER_LABEL_MAX = 60

# A leading "Related:" / "[Read more:" style label before a link.
_LINK_LABEL = re.compile(r"^\W*(?:\w+\W+){0,3}?\w+\s*[:：|]\W*")
# An <article> this short and at least this much link text is a teaser card.
_CARD_MAX = 500
_CARD_LINK_SHARE = 0.5
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
# An article root holding this share of the page's prose is all that is kept.
_ROOT_SHARE = 0.9
# A root holding this share of the page's prose is clear enough to read the body from
# (``ROOT_MARK``), though not to drop the rest of the page for trafilatura.
_READ_SHARE = 0.75
# The attribute that marks the kept article root for the body extractor's fast path.
ROOT_MARK = "data-newsscrape-root"
# How far up from an <h1> a wrapping <header> is looked for.
_HEADER_CLIMB = 3
# A live blog's feed has at least this many like entries.
_FEED_MIN_ENTRIES = 3
# A headline block longer than this holds more than headline, standfirst and byline.
_HEADER_MAX_TEXT = 600


def find_article_root(tree: LexborHTMLParser) -> LexborNode | None:
    """The most specific element that holds the article body, if one is recognisable."""
    nodes = first_match(tree, METADATA.article_root)
    if not nodes:
        return None
    best = max(nodes, key=lambda n: len(n.text(deep=True, strip=True)))
    return _feed_of(best) or best


def first_match(tree: LexborHTMLParser, selectors: Sequence[str]) -> list[LexborNode]:
    """The matches of the first of ``selectors`` (in order of preference) that has any.

    Each query walks the whole page whatever it asks. The first, most telling selector
    is tried alone; the rest are halved rather than tried one by one, so a selector
    late in the list costs a few queries, not a dozen (on AEB dev the article root is
    found by the 12th selector or none on 40 of 88 pages).
    """
    if not selectors:
        return []
    nodes = list(tree.css(selectors[0]))
    return nodes or _halving(tree, selectors[1:])


def _halving(tree: LexborHTMLParser, selectors: Sequence[str]) -> list[LexborNode]:
    if len(selectors) <= 1:
        return list(tree.css(selectors[0])) if selectors else []
    half = len(selectors) // 2
    if tree.css_first(", ".join(selectors[:half])) is not None:
        return _halving(tree, selectors[:half])
    return _halving(tree, selectors[half:])


def _feed_of(node: LexborNode) -> LexborNode | None:
    """The parent of ``node`` when ``node`` is one entry of a live blog's feed.

    A live blog marks each update up as its own ``<article>`` (or like element), all
    alike, under one feed container: the article is the feed, and the longest entry
    alone is a fraction of it. Stories appended by infinite scroll look alike too, but
    each has its own ``<h1>``, and there are seldom three of them.
    """
    parent = node.parent
    if parent is None:
        return None
    entries = [node, *(n for n in _siblings(node) if n.tag == node.tag
                       and n.attributes.get("class") == node.attributes.get("class"))]
    if len(entries) < _FEED_MIN_ENTRIES or any(n.css_first("h1") for n in entries):
        return None
    sizes = [len(n.text(deep=True, strip=True)) for n in entries]
    return parent if max(sizes) < sum(sizes) / 2 else None


def find_prose_parent(tree: LexborHTMLParser) -> LexborNode | None:
    """The element whose own paragraphs hold the most prose (for pages no selector fits)."""
    prose: dict[int, tuple[LexborNode, int]] = {}
    for para in tree.css("p"):
        length = len(para.text(deep=True, strip=True))
        parent = para.parent
        if length >= _PROSE_MIN and parent is not None:
            _, total = prose.get(parent.mem_id, (parent, 0))
            prose[parent.mem_id] = (parent, total + length)
    if not prose:
        return None
    return max(prose.values(), key=lambda item: item[1])[0]


def find_body_root(tree: LexborHTMLParser, root: LexborNode | None) -> LexborNode | None:
    """The article ``root``, or the densest paragraph parent when that holds more prose.

    A selector can name the wrong element (a teaser's ``.post-content`` above the story's
    own ``.article-body``); the element holding most paragraphs corrects it.
    """
    parent = find_prose_parent(tree)
    if root is None or parent is None:
        return root or parent
    if prose_length(parent) > prose_length(root):
        return parent
    return root


def _lineage(tree: LexborHTMLParser, root: LexborNode | None) -> frozenset[int]:
    keep: set[int] = set()
    node = root
    while node is not None:
        keep.add(node.mem_id)
        node = node.parent
    for found in (tree.root, tree.body, tree.head):  # direct, not page-wide queries
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
    for node in labelled_blocks(tree, COMMENT_TEXT, _COMMENT_MAX):
        found.append(node)
        if node.tag in ("h2", "h3", "h4", "h5", "h6"):
            found.extend(_following_siblings(node))
    return found


def find_teaser_labels(tree: LexborHTMLParser) -> list[LexborNode]:
    """Short blocks that only announce links elsewhere ("Related", "DON'T MISS")."""
    return labelled_blocks(tree, TEASER_LABEL, _TEASER_LABEL_MAX)


def labelled_blocks(tree: LexborHTMLParser, pattern: re.Pattern[str],
                    max_len: int) -> list[LexborNode]:
    """Leaf blocks (no block inside) whose whole text is shorter than ``max_len`` and
    matches ``pattern``.

    Candidates come from the page's short text nodes, so only the few blocks whose
    text could match are measured: walking every block and its text is quadratic in
    nesting depth.
    """
    body = tree.body
    if body is None:
        return []
    found: dict[int, LexborNode] = {}
    for node in body.traverse(include_text=True):
        if not node.is_text_node:
            continue
        raw = node.text_content
        if not raw or len(raw) > max_len or not pattern.match(" ".join(raw.split())):
            continue
        block = _enclosing_leaf_block(node)
        if block is None or block.mem_id in found:
            continue
        text = " ".join(block.text(deep=True, separator=" ", strip=True).split())
        if len(text) < max_len and pattern.match(text) and _is_leaf_block(block):
            found[block.mem_id] = block
    return list(found.values())


def _enclosing_leaf_block(node: LexborNode) -> LexborNode | None:
    parent = node.parent
    while parent is not None and parent.tag not in _LEAF_TAGS:
        if parent.tag in ("body", "article", "section", "main"):
            return None
        parent = parent.parent
    return parent


def find_teaser_cards(tree: LexborHTMLParser) -> list[LexborNode]:
    """``<article>`` cards promoting other stories: short, and mostly link text.

    Story grids ("more from this section", infinite-scroll stubs) mark each card up as an
    article of its own; the article being read is long and mostly plain text.
    """
    found = []
    for card in tree.css("article"):
        text = card.text(deep=True, separator=" ", strip=True)
        if len(text) > _CARD_MAX:
            continue
        links = sum(len(a.text(deep=True, separator=" ", strip=True)) for a in card.css("a"))
        if links >= _CARD_LINK_SHARE * len(text):
            found.append(card)
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
        if (len(text.split()) >= _TEASER_WORDS and not URL_TEXT.match(link_text)
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
    for heading in tree.css(", ".join(CHROME.headlines)):
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
                  if prose_length(n) <= limit}
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


FURNITURE = (*CHROME.headers_footers, *CHROME.share_bars, *CHROME.related,
             *CHROME.newsletter_cookie, *CHROME.noise)
"""The selectors of the ``furniture`` stripper, kind by kind."""

STRIPPERS: tuple[Stripper, ...] = (
    Stripper("inert", _matching(CHROME.inert), guarded=False),
    Stripper("hidden", _matching(CHROME.hidden)),
    Stripper("comments", _matching(CHROME.comments), guarded=False),
    Stripper("breadcrumbs", _matching(CHROME.breadcrumbs)),
    Stripper("headlines", find_headline_blocks, replace=leave_landmark),
    # Page furniture: the five guarded kinds of CHROME that follow one another
    # (headers_footers, share_bars, related, newsletter_cookie, noise), removed the same
    # way, so matched by one query: each query walks the whole page, whatever it asks.
    Stripper("furniture", _matching(FURNITURE)),
    Stripper("teaser_cards", find_teaser_cards),
)
# Strippers that read text: they run last, on the tree that is left (much smaller).
TEXT_STRIPPERS: tuple[Stripper, ...] = (
    Stripper("comment_text", find_comment_text),
    Stripper("teaser_labels", find_teaser_labels),
    Stripper("link_teasers", find_link_teasers),
)


class Unknown:
    """The type of ``UNKNOWN``: a value not looked up yet (``None`` means "none")."""


UNKNOWN = Unknown()


def strip_chrome(
    tree: LexborHTMLParser,
    strippers: Iterable[Stripper] = STRIPPERS,
    text_strippers: Iterable[Stripper] = TEXT_STRIPPERS,
    *,
    root: LexborNode | Unknown | None = UNKNOWN,
) -> dict[str, int]:
    """Strip chrome, re-join a split body, keep only the article root when it is clear,
    then strip what only its text gives away; returns counts per step.

    ``root`` is the untouched tree's article root when it was already looked up (the
    metadata readers do, to rank dates), so it is not looked up again.
    """
    first = find_article_root(tree) if isinstance(root, Unknown) else root
    counts = run_strippers(tree, strippers, _lineage(tree, first))
    counts["merged"] = merge_split_body(tree)
    # The first root was protected, so it is still there; merging may have moved it.
    root = find_body_root(tree, first if not counts["merged"] else find_article_root(tree))
    counts["pruned_to_root"] = prune_to_root(tree, root)
    counts.update(run_strippers(tree, text_strippers, _lineage(tree, root)))
    return counts


def run_strippers(tree: LexborHTMLParser, strippers: Iterable[Stripper],
                  keep: frozenset[int]) -> dict[str, int]:
    """Run ``strippers`` in order, sparing ``keep``; returns removals per name."""
    body = tree.body
    prose = prose_length(body) if body is not None else 0
    return {s.name: remove_nodes(s.find(tree), keep, page_prose=prose if s.guarded else None,
                                 replace=s.replace)
            for s in strippers}


def prune_to_root(tree: LexborHTMLParser, root: LexborNode | None) -> int:
    """Keep only the article root when it holds nearly all of the page's prose.

    What is left outside it is furniture no selector named; dropping it before
    trafilatura parses the page makes extraction both faster and cleaner. An empty
    ``<h1>`` goes first in the root (see ``leave_landmark``). A root holding most of
    the prose (``_READ_SHARE``, pruned or not) is marked with ``ROOT_MARK`` so the body
    can be read from it without trafilatura.
    """
    body = tree.body
    if root is None or body is None or root.tag in ("html", "body", "head"):
        return 0
    total = prose_length(body)
    share = prose_length(root) / total if total else 0.0
    if share >= _READ_SHARE:
        root.attrs[ROOT_MARK] = ""
    if share < _ROOT_SHARE:
        return 0
    removed = 0
    node = root
    while node.parent is not None:
        for sibling in _siblings(node):
            sibling.decompose()
            removed += 1
        node = node.parent
    _prepend_landmark(root)
    return removed


def _siblings(node: LexborNode) -> list[LexborNode]:
    parent = node.parent
    if parent is None:
        return []
    return [child for child in parent.iter(include_text=True) if child.mem_id != node.mem_id]


def _prepend_landmark(node: LexborNode) -> None:
    first = node.child
    if first is None:
        node.insert_child(_LANDMARK)
    else:
        first.insert_before(_LANDMARK)
