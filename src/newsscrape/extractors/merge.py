"""Re-join an article body that the page splits across several containers.

Many templates cut the body into chunks around ads, pull quotes or "read more"
slots, each chunk in its own copy of the body container (same tag, same classes).
Extractors that pick the first matching container then keep only the first chunk.
The chunks are recognised as the containers of the page's paragraphs that share
the main container's tag and classes (and whose parents do too) and sit in the
same ``<article>`` (so a follow-up story appended by infinite scroll, with its own
``<article>``, is not pulled in). Everything from the second chunk to the last is
then moved, in page order, into the first chunk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from selectolax.lexbor import LexborHTMLParser, LexborNode

# A paragraph shorter than this is not evidence of body text (captions, labels).
_PROSE_MIN = 60

Signature = tuple[str, str, str, int]
Paragraphs = Sequence[tuple[LexborNode, int]]
"""Each ``<p>`` of a page with the length of its stripped text, in page order."""
# Only plain block wrappers are chunks; quotes, list items and cells repeat by design.
_CHUNK_TAGS = frozenset({"div", "section"})


def paragraphs(tree: LexborHTMLParser) -> Paragraphs:
    """The page's paragraphs with their lengths: one page-wide query, for the readers that
    follow one another while the tree stays as it is (merging, root finding, pruning)."""
    return [(para, len(para.text(deep=True, strip=True))) for para in tree.css("p")]


def merge_split_body(tree: LexborHTMLParser, paras: Paragraphs | None = None) -> int:
    """Move the chunks of a split body into its first container; returns chunks merged.

    ``paras`` are the tree's ``paragraphs``, if already read."""
    groups = _containers_by_signature(paragraphs(tree) if paras is None else paras)
    if not groups:
        return 0
    chunks = max(groups.values(), key=lambda g: sum(prose for _, prose in g.values()))
    if len(chunks) < 2:
        return 0
    first, *rest = (node for node, _ in chunks.values())
    if any(is_inside(node, first) or is_inside(first, node) for node in rest):
        return 0
    branches = _branches_between(first, rest[-1])
    if branches is None:
        return 0
    for branch in branches:
        first.insert_child(branch)  # a copy: the original is removed just below
        branch.decompose()
    return len(rest)


def _branches_between(first: LexborNode, last: LexborNode) -> list[LexborNode] | None:
    """Elements after ``first``'s branch up to ``last``'s, under their lowest common ancestor.

    Moving these whole, in page order, keeps whatever sits between the chunks (a
    subheading, a figure) where it was relative to the text.
    """
    ancestors = {}
    node: LexborNode | None = first
    while node is not None:
        ancestors[node.mem_id] = node
        node = node.parent
    branch_of_last: LexborNode = last
    while branch_of_last.parent is not None and branch_of_last.parent.mem_id not in ancestors:
        branch_of_last = branch_of_last.parent
    common = branch_of_last.parent
    if common is None:
        return None
    branch_of_first: LexborNode = first
    while branch_of_first.parent is not None and branch_of_first.parent.mem_id != common.mem_id:
        branch_of_first = branch_of_first.parent
    branches = []
    sibling = branch_of_first.next
    while sibling is not None:
        branches.append(sibling)
        if sibling.mem_id == branch_of_last.mem_id:
            return branches
        sibling = sibling.next
    return None


def _containers_by_signature(
    paras: Paragraphs,
) -> dict[Signature, dict[int, tuple[LexborNode, int]]]:
    """Classed paragraph containers with their prose, by tag, classes, parent's tag and
    classes, and enclosing article.

    Containers are keyed by ``mem_id`` (node wrappers are not unique) and kept in
    page order. Class-less containers are left out: sharing no class is no evidence.
    """
    groups: dict[Signature, dict[int, tuple[LexborNode, int]]] = defaultdict(dict)
    keys: dict[int, Signature | None] = {}  # (a body's paragraphs share one container)
    for para, length in paras:
        parent = para.parent
        if length < _PROSE_MIN or parent is None:
            continue
        if parent.mem_id not in keys:
            keys[parent.mem_id] = _container_key(parent)
        key = keys[parent.mem_id]
        if key is not None:
            _, prose = groups[key].get(parent.mem_id, (parent, 0))
            groups[key][parent.mem_id] = (parent, prose + length)
    return groups


def _container_key(node: LexborNode) -> Signature | None:
    """The signature of a classed ``<div>`` or ``<section>`` holding paragraphs."""
    classes = node.attributes.get("class")
    if not classes or node.tag not in _CHUNK_TAGS:
        return None
    return (node.tag, classes, _signature(node.parent), _article_of(node))


def _signature(node: LexborNode | None) -> str:
    """Tag and classes of ``node``: chunks of one body sit in like wrappers."""
    if node is None:
        return ""
    return f"{node.tag}.{node.attributes.get('class') or ''}"


def _article_of(node: LexborNode) -> int:
    """``mem_id`` of the nearest enclosing ``<article>`` (0 when there is none)."""
    parent = node.parent
    while parent is not None:
        if parent.tag == "article":
            return parent.mem_id
        parent = parent.parent
    return 0


def is_inside(node: LexborNode, ancestor: LexborNode) -> bool:
    """``ancestor`` is one of ``node``'s ancestors."""
    parent = node.parent
    while parent is not None:
        if parent.mem_id == ancestor.mem_id:
            return True
        parent = parent.parent
    return False
