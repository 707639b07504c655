"""Chrome removal: an ordered, named list of small strippers over the selectolax tree.

Each stripper removes one kind of page furniture. None of them may remove the
element that holds the article (or one of its ancestors): ``protected`` is the set
of such elements, computed once, so a site whose ``<body>`` carries a class like
``has-sidebar`` or ``single-related`` still keeps its article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsscrape.extractors.merge import Paragraphs, merge_split_body, paragraphs
from newsscrape.extractors.selectors import CHROME, METADATA, NOT_ARTICLE_NAMES, OVERLAY_NAMES
from newsscrape.lexicon.furniture import COMMENT_TEXT, TEASER_LABEL
from newsscrape.lexicon.shapes import URL_TEXT

_LEAF_BLOCKS = "p, h2, h3, h4, h5, h6, div, span, li, small"
_INNER_BLOCKS = "p, div, article, section"
_LEAF_TAGS = frozenset(_LEAF_BLOCKS.split(", "))
_NOT_ARTICLE = re.compile(NOT_ARTICLE_NAMES, re.IGNORECASE)
_OVERLAY = re.compile(OVERLAY_NAMES, re.IGNORECASE)
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
    """Spare a match that holds a large share of the page's paragraph text or text runs.

    Class-substring selectors (``sidebar``, ``widget``, ``related``) also match
    wrappers such as ``content-with-sidebar`` or page-builder widgets that hold the
    article itself; real chrome rarely holds much of the page's prose. Comment
    sections do hold prose, so their stripper is unguarded. An unguarded finder returns
    its matches in page order, as a query does (see ``remove_nodes``).
    """
    prose_only: bool = False
    """Guard by paragraph text only: a headline block is short by construction, and on a
    short page its standfirst is a large share of the text runs."""
    replace: Callable[[LexborNode], None] | None = None
    """What to do with a match instead of removing it (see ``leave_landmark``)."""


_CHROME_TAGS = frozenset(("aside", "header", "footer", "nav"))
# A page with this much paragraph text has its article in paragraphs.
_PROSE_SOLID = 1000
# A match holding more than this share of the page's paragraph text is content.
_GUARD_SHARE = 0.3
_PROSE_MIN = 60
# A run of text this long counts toward ``text_mass``; links and controls do not.
_RUN_MIN = 40
_LINK_CLIMB = 4
_NOT_RUNS = frozenset(("a", "button", "option", "select", "textarea", "script", "style"))
# A root or paragraph parent must hold this share of the text mass around it.
_MASS_SHARE = 0.5
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
    nodes = [n for n in first_match(tree, METADATA.article_root) if not _names_other(n)]
    if not nodes:
        return None
    best = max(nodes, key=lambda n: len(n.text(deep=True, strip=True)))
    return _feed_of(best) or best


def _names_other(node: LexborNode) -> bool:
    """``node`` is named as something other than the article: a comment thread, a list of
    other stories, a dialog (a recipe's ``<article class="dish-comments">`` is longer
    than the recipe)."""
    return _names(node, _NOT_ARTICLE)


def _names(node: LexborNode, pattern: re.Pattern[str]) -> bool:
    """``node``'s class or id matches ``pattern``."""
    attrs = node.attributes
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    return len(names) > 1 and pattern.search(names) is not None


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


def find_prose_parent(paras: Paragraphs) -> LexborNode | None:
    """The element whose own paragraphs hold the most prose (for pages no selector fits)."""
    prose: dict[int, tuple[LexborNode, int]] = {}
    for para, length in paras:
        parent = para.parent
        if length >= _PROSE_MIN and parent is not None:
            _, total = prose.get(parent.mem_id, (parent, 0))
            prose[parent.mem_id] = (parent, total + length)
    if not prose:
        return None
    return max(prose.values(), key=lambda item: item[1])[0]


def find_body_root(tree: LexborHTMLParser, root: LexborNode | None,
                   paras: Paragraphs | None = None) -> LexborNode | None:
    """The article ``root``, or the densest paragraph parent when that holds more prose.

    A selector can name the wrong element (a teaser's ``.post-content`` above the story's
    own ``.article-body``); the element holding most paragraphs corrects it, unless the
    root holds far more text outside paragraphs (a portal setting its body in ``<div>``
    and ``<br>``, whose only ``<p>`` is the licence line under it). ``paras`` are the
    tree's ``paragraphs``, if already read.
    """
    parent = find_prose_parent(paragraphs(tree) if paras is None else paras)
    if root is None or parent is None:
        return root or parent
    if prose_length(parent) > prose_length(root) and \
            text_mass(parent) >= _MASS_SHARE * text_mass(root):
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


# One attribute test (``[class*='widget' i]``, ``[role='banner']``, ``.share``, ``#footer``):
# the attribute's name and the text its value must contain.
_ON_ATTRIBUTE = re.compile(
    r"^(?:\[([\w-]+)(?:[~|^$*]?=(['\"]?)([^'\"\]\\]*)\2(?: [is])?)?\]|([.#])([\w-]+))$")
# Tests whose values share a run of this many characters are tried only on elements
# whose value holds the run.
_RUN = 3


def grouped(selectors: Iterable[str], run: int = _RUN) -> str:
    """``selectors`` as one query that matches the same elements, cheaper.

    lexbor tries each selector of a list on each element. The tests of one attribute go
    under ``[class]:is(...)`` (most elements have no class: one test skips them all), and
    tests whose values share a few characters under a test for those
    (``[class*='shar' i]:is([class*='sharing' i], [class~='share'])``): a value holding
    ``sharing`` holds ``sha`` too, so no element is lost, and most skip the group after
    one test. Shorter runs (``run``) leave fewer alternatives to try, but more elements
    pass their tests: which is cheaper depends on the list, so it is measured per query.
    (lexbor lists an element once per selector it matches, so only the order of repeats
    differs; ``remove_nodes`` takes each element once.)
    """
    groups: dict[str, dict[str, str]] = {}
    rest: list[str] = []
    for selector in selectors:
        found = _ON_ATTRIBUTE.match(selector)
        if found is None:
            rest.append(selector)
            continue
        name, value = found.group(1), found.group(3) or ""
        if name is None:
            name, value = ("class" if found.group(4) == "." else "id"), found.group(5)
        groups.setdefault(name, {})[selector] = value.lower()
    for name, values in groups.items():
        parts = _by_shared_run(name, values, run)
        rest.append(parts[0] if len(parts) == 1 else f"[{name}]:is({', '.join(parts)})")
    return ", ".join(rest)


def _by_shared_run(name: str, values: dict[str, str], length: int) -> list[str]:
    """The selectors of one attribute (selector -> lowercased value), those sharing a run
    of ``length`` characters under a test for it, the most shared run first."""
    left = dict(values)
    parts: list[str] = []
    while True:
        # (runs counted in order of appearance: a tie goes the same way in every process)
        runs = Counter(run for value in left.values() for run in dict.fromkeys(
            value[i:i + length] for i in range(len(value) - length + 1)))
        best = runs.most_common(1)
        if not best or best[0][1] < 2:
            return [*parts, *left]
        run = best[0][0]
        members = [selector for selector, value in left.items() if run in value]
        parts.append(f"[{name}*='{run}' i]:is({', '.join(members)})")
        for selector in members:
            del left[selector]


def _matching(selectors: Iterable[str],
              run: int = _RUN) -> Callable[[LexborHTMLParser], list[LexborNode]]:
    joined = grouped(selectors, run)

    def find(tree: LexborHTMLParser) -> list[LexborNode]:
        return list(tree.css(joined))

    return find


def find_teaser_labels(tree: LexborHTMLParser) -> list[LexborNode]:
    """Short blocks that only announce links elsewhere ("Related", "DON'T MISS")."""
    return labelled_blocks(tree, TEASER_LABEL, _TEASER_LABEL_MAX)


def find_labels(tree: LexborHTMLParser) -> list[LexborNode]:
    """Headings/notices that announce a comment box (and, after a heading, what follows)
    and short blocks that only announce links elsewhere, in one walk over the text."""
    comments, teasers = labelled_blocks_by(
        tree, ((COMMENT_TEXT, _COMMENT_MAX), (TEASER_LABEL, _TEASER_LABEL_MAX)))
    return [*_with_followers(comments), *teasers]


def _with_followers(nodes: list[LexborNode]) -> list[LexborNode]:
    found: list[LexborNode] = []
    for node in nodes:
        found.append(node)
        if node.tag in ("h2", "h3", "h4", "h5", "h6"):
            found.extend(_following_siblings(node))
    return found


def labelled_blocks(tree: LexborHTMLParser, pattern: re.Pattern[str],
                    max_len: int) -> list[LexborNode]:
    """Leaf blocks (no block inside) whose whole text is shorter than ``max_len`` and
    matches ``pattern``."""
    return labelled_blocks_by(tree, ((pattern, max_len),))[0]


def labelled_blocks_by(tree: LexborHTMLParser,
                       rules: Sequence[tuple[re.Pattern[str], int]]) -> list[list[LexborNode]]:
    """``labelled_blocks`` for each ``(pattern, max_len)`` rule, in one walk.

    Candidates come from the page's short text nodes, so only the few blocks whose
    text could match are measured: walking every block and its text is quadratic in
    nesting depth.
    """
    found: list[dict[int, LexborNode]] = [{} for _ in rules]
    body = tree.body
    if body is None:
        return [[] for _ in rules]
    longest = max(max_len for _, max_len in rules)
    for node in body.traverse(include_text=True):
        if not node.is_text_node:
            continue
        raw = node.text_content
        if not raw or len(raw) > longest or raw.isspace():
            continue
        line = " ".join(raw.split())
        for (pattern, max_len), blocks in zip(rules, found, strict=True):
            if len(raw) <= max_len and pattern.match(line):
                _add_leaf_block(node, pattern, max_len, blocks)
    return [list(blocks.values()) for blocks in found]


def _add_leaf_block(node: LexborNode, pattern: re.Pattern[str], max_len: int,
                    blocks: dict[int, LexborNode]) -> None:
    block = _enclosing_leaf_block(node)
    if block is None or block.mem_id in blocks:
        return
    text = " ".join(block.text(deep=True, separator=" ", strip=True).split())
    if len(text) < max_len and pattern.match(text) and _is_leaf_block(block):
        blocks[block.mem_id] = block


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
    for para in tree.css("p:has(a)"):  # (one query, not one per paragraph)
        links = para.css("a")
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


def text_mass(node: LexborNode) -> int:
    """Characters in runs of text of some length under ``node``, outside links and controls.

    Unlike ``prose_length`` it counts text wherever it sits (``<div>``, ``<td>``, between
    ``<br>``), so it sees an article whose markup has no paragraphs.
    """
    total = 0
    for text in node.traverse(include_text=True):
        if not text.is_text_node:
            continue
        raw = text.text_content
        if raw is None or len(raw) < _RUN_MIN:
            continue
        length = len(raw.strip())
        if length >= _RUN_MIN and not _in_link(text):
            total += length
    return total


def _in_link(text: LexborNode) -> bool:
    """A text node inside a link or a control, within a few levels."""
    parent = text.parent
    for _ in range(_LINK_CLIMB):
        if parent is None:
            return False
        if parent.tag in _NOT_RUNS:
            return True
        parent = parent.parent
    return False


def prose_length(node: LexborNode) -> int:
    """Characters of paragraph-like text (``<p>`` of some length) under ``node``."""
    return _prose((para, len(para.text(deep=True, strip=True))) for para in node.css("p"))


def _prose(paras: Iterable[tuple[LexborNode, int]]) -> int:
    return sum(length for _, length in paras if length >= _PROSE_MIN)


@dataclass(slots=True)
class Guard:
    """How much text the page holds, to spare matches that hold a large share of it."""

    page: LexborNode | None
    """The page's ``<body>``: its prose is measured when the guard is made, its text runs
    when first needed."""
    prose: int = 0
    """``prose_length`` of the page."""
    _mass: int | None = None

    @classmethod
    def of(cls, tree: LexborHTMLParser) -> Guard:
        body = tree.body
        return cls(body, prose_length(body) if body is not None else 0)

    @property
    def mass(self) -> int:
        """``text_mass`` of the page, measured on first need (most matches are short)."""
        if self._mass is None:
            self._mass = text_mass(self.page) if self.page is not None else 0
        return self._mass

    def spares(self, node: LexborNode, *, prose_only: bool = False) -> bool:
        """``node`` holds more than ``_GUARD_SHARE`` of the page's paragraphs or text runs
        (a blog engine's ``widget Blog`` or a page builder's ``elementor-widget-wrap``
        holding the post, on a page whose text has no ``<p>``). An overlay is never
        spared: a cookie policy's tabs can outweigh a short story."""
        size = len(node.text(deep=True))
        if size < _RUN_MIN:
            return False  # (shorter than one run of text: no prose, no mass; most matches)
        # Text runs are counted only on a page with little paragraph text (a post set in
        # <div> and <br>): where the article is in paragraphs, those decide. (A node's
        # paragraphs are no longer than its text: a shorter node's are not counted.)
        share = self.prose * _GUARD_SHARE
        spared = (size > share and prose_length(node) > share) or (
            not prose_only and self.prose < _PROSE_SOLID
            and size > self.mass * _GUARD_SHARE and text_mass(node) > self.mass * _GUARD_SHARE)
        return spared and not _names(node, _OVERLAY)


def remove_nodes(nodes: Iterable[LexborNode], keep: frozenset[int], *,
                 guard: Guard | None = None, prose_only: bool = False,
                 replace: Callable[[LexborNode], None] | None = None) -> int:
    """Remove ``nodes`` except protected ones; returns how many were removed.

    ``nodes`` come in page order, as a query returns them. Decomposing an element frees
    its subtree, so touching a descendant afterwards would be a use-after-free in the
    parser: without a ``guard`` or a ``replace``, the matches go last first (a
    descendant before its ancestor), which spares looking for each one's ancestors.
    Otherwise a node inside another removed one is skipped, and with a ``guard`` a node
    holding a large share of the page's text is spared.
    """
    chosen = {n.mem_id: n for n in nodes if n.mem_id not in keep}
    if guard is None and replace is None:
        for node in reversed(chosen.values()):
            node.decompose()
        return len(chosen)
    if guard is not None:
        chosen = {i: n for i, n in chosen.items()
                  if not guard.spares(n, prose_only=prose_only)}
    outermost = [n for n in chosen.values() if not _has_ancestor_in(n, chosen)]
    if guard is not None:
        outermost = _without_text_run(outermost, guard)
    for node in outermost:
        if replace is None:
            node.decompose()
        else:
            replace(node)
    return len(outermost)


def _without_text_run(nodes: list[LexborNode], guard: Guard) -> list[LexborNode]:
    """``nodes`` less the sibling matches that together hold much of the page's prose.

    Page builders name every block a widget ("elementor-widget-text-editor"), so the
    article is a run of sibling matches, each too small for the guard alone.
    """
    groups: dict[int, list[LexborNode]] = {}
    for node in nodes:
        parent = node.parent
        # (only matches that could hold a paragraph: most are buttons, icons, labels)
        if parent is not None and len(node.text(deep=True)) >= _PROSE_MIN:
            groups.setdefault(parent.mem_id, []).append(node)
    spared: set[int] = set()
    for members in groups.values():
        if len(members) < 2 or any(_in_page_chrome(node) or _names(node, _OVERLAY)
                                   for node in members):
            continue
        prose = [(node, prose_length(node)) for node in members]
        if sum(size for _, size in prose) > guard.prose * _GUARD_SHARE:
            spared.update(node.mem_id for node, size in prose if size)
    return [n for n in nodes if n.mem_id not in spared]


def _in_page_chrome(node: LexborNode) -> bool:
    """An ``<aside>``, ``<header>``, ``<footer>`` or ``<nav>``, or inside one: a run of
    widgets there is a sidebar's, however much text it holds (and a run beside an
    overlay is the page's chrome too)."""
    current: LexborNode | None = node
    while current is not None:
        if current.tag in _CHROME_TAGS:
            return True
        current = current.parent
    return False


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
    # The unguarded strippers first: the guard then measures the page once.
    Stripper("inert", _matching(CHROME.inert), guarded=False),
    # (runs of 4: its names then share "ment", which fewer class names hold than "men",
    # a part of every "menu"; 0.26 -> 0.24 ms a page on realworld-dev, 0.23 -> 0.19 on
    # AEB dev)
    Stripper("comments", _matching(CHROME.comments, run=4), guarded=False),
    # (hidden blocks and breadcrumbs: guarded kinds that follow one another, one query)
    Stripper("hidden_breadcrumbs", _matching((*CHROME.hidden, *CHROME.breadcrumbs))),
    Stripper("headlines", find_headline_blocks, prose_only=True, replace=leave_landmark),
    # Page furniture: the five guarded kinds of CHROME that follow one another
    # (headers_footers, share_bars, related, newsletter_cookie, noise), removed the same
    # way, so matched by one query: each query walks the whole page, whatever it asks.
    # (Under runs of 2 its 44 class tests are 14 alternatives, 25 under runs of 3: 0.83 ->
    # 0.71 ms a page on realworld-dev, 0.79 -> 0.66 on AEB dev.)
    Stripper("furniture", _matching(FURNITURE, run=2)),
    Stripper("teaser_cards", find_teaser_cards),
)
# Strippers that read text: they run last, on the tree that is left (much smaller).
TEXT_STRIPPERS: tuple[Stripper, ...] = (
    # (short labelled blocks and link paragraphs: the paragraph guard is enough for them,
    # and spares walking the page's text runs once more)
    Stripper("labels", find_labels, prose_only=True),  # comment notices, teaser labels
    Stripper("link_teasers", find_link_teasers, prose_only=True),
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
    paras = paragraphs(tree)
    counts["merged"] = merge_split_body(tree, paras)
    if counts["merged"]:  # (the first root was protected, but merging may have moved it)
        paras, first = paragraphs(tree), find_article_root(tree)
    root = find_body_root(tree, first, paras)
    counts["pruned_to_root"] = prune_to_root(tree, root, paras)
    counts.update(run_strippers(tree, text_strippers, _lineage(tree, root)))
    return counts


def run_strippers(tree: LexborHTMLParser, strippers: Iterable[Stripper],
                  keep: frozenset[int]) -> dict[str, int]:
    """Run ``strippers`` in order, sparing ``keep``; returns removals per name.

    The guard measures the page as the guarded strippers find it: after an unguarded one
    removed something (a comment thread five times longer than the article), shares are
    of what is left, or the article would count as a small part of the page.
    """
    counts: dict[str, int] = {}
    guard: Guard | None = None
    for stripper in strippers:
        if stripper.guarded and guard is None:
            guard = Guard.of(tree)
        counts[stripper.name] = removed = remove_nodes(
            stripper.find(tree), keep, guard=guard if stripper.guarded else None,
            prose_only=stripper.prose_only, replace=stripper.replace)
        if removed and not stripper.guarded:
            guard = None
    return counts


def prune_to_root(tree: LexborHTMLParser, root: LexborNode | None,
                  paras: Paragraphs | None = None) -> int:
    """Keep only the article root when it holds nearly all of the page's prose.

    What is left outside it is furniture no selector named; dropping it before
    trafilatura parses the page makes extraction both faster and cleaner. An empty
    ``<h1>`` goes first in the root (see ``leave_landmark``). A root holding most of
    the prose (``_READ_SHARE``, pruned or not) is marked with ``ROOT_MARK`` so the body
    can be read from it without trafilatura. Paragraphs are not all the text: a root
    holding less than half of the page's runs of text (``text_mass``) is a box of its
    own (a subscription prompt, a comment form) on a page that sets its article in
    ``<div>`` and ``<br>``, and is neither kept alone nor marked. On a page without a
    paragraph of ``_PROSE_MIN`` characters, shares are of the text runs. ``paras`` are the
    tree's ``paragraphs``, if already read.
    """
    body = tree.body
    if root is None or body is None or root.tag in ("html", "body", "head"):
        return 0
    total = _prose(paragraphs(tree) if paras is None else paras)
    if total:
        share = prose_length(root) / total
        if share < _READ_SHARE or not _holds_the_text(root, body):
            return 0
    else:  # an article of short paragraphs only: its share of the text runs
        mass = text_mass(body)
        share = text_mass(root) / mass if mass else 0.0
        if share < _READ_SHARE:
            return 0
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


def _holds_the_text(root: LexborNode, body: LexborNode) -> bool:
    """``root`` holds half of the page's text, or else half of its text runs (counted
    only then: that walks the whole page)."""
    if len(root.text(deep=True)) >= _MASS_SHARE * len(body.text(deep=True)):
        return True
    return text_mass(root) >= _MASS_SHARE * text_mass(body)


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
