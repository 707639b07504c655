"""The article text read straight from the cleaned selectolax tree (the fast path).

When the chrome strippers find one clear article root (it holds most of the page's
prose, see ``strip.prune_to_root``), the body is one line per block under it:
paragraphs, headings, list items, quotes, preformatted text and table rows, with the
inline text inside each joined. Rules in the spirit of trafilatura's keep the result
close to what it would return: text loose in ``<div>`` wrappers (captions, credits,
"Subscribe" prompts) is left out, link-dense blocks (menus, teaser lists) go, elements
named like furniture (``selectors.BLOCK_NAMES``) are skipped, and headings after the
last paragraph go.

The fast path only answers when the root looks like a plain article; otherwise
``read_article`` returns no text and the reason, and the caller runs trafilatura.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from selectolax.lexbor import LexborNode

from newsscrape.extractors.patterns import CAMEL_HUMP
from newsscrape.extractors.selectors import BLOCK_NAMES
from newsscrape.lexicon.shapes import URL_TEXT

# Blocks whose own text is article text, by kind; other text is "loose".
_KINDS = {
    "p": "p", "blockquote": "p", "pre": "p", "h1": "h", "h2": "h", "h3": "h", "h4": "h",
    "h5": "h", "h6": "h", "li": "li", "dd": "li", "dt": "li", "tr": "tr", "caption": "loose",
}
# Wrappers: their own text belongs to the block they sit in (loose at the top).
_WRAPPERS = frozenset((
    "address", "article", "aside", "body", "center", "details", "dialog", "div", "dl",
    "fieldset", "footer", "form", "header", "hgroup", "html", "main", "nav", "ol", "section",
    "summary", "table", "tbody", "tfoot", "thead", "ul",
))
# Never article text: media, controls, figures (their captions are not body text).
_SKIPPED = frozenset((
    "audio", "button", "canvas", "datalist", "embed", "figure", "head", "iframe", "input",
    "label", "legend", "map", "math", "menu", "noscript", "object", "optgroup", "option",
    "picture", "script", "select", "style", "svg", "template", "textarea", "video",
))
_CELLS = frozenset(("td", "th"))
# Kinds of text outside any block: a wrapper inside decides its own text's kind.
_TOP_KINDS = frozenset(("loose", "inter"))
_BREAKS = frozenset(("br", "hr"))
_FURNITURE = re.compile(
    r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, BLOCK_NAMES.parts)) + r")(?![a-z0-9])"
    r"|(?:^|\s)(?:" + "|".join(map(re.escape, BLOCK_NAMES.exact)) + r")(?:\s|$)",
    re.IGNORECASE,
)

# A block whose text is at least this share link text is navigation or a teaser.
LINK_SHARE = 0.8
# A furniture-named element holding more than this share of the root's text is read.
GUARD_SHARE = 0.3
# Below this much paragraph text trafilatura also reads loose text; leave such pages to it.
MIN_TEXT = 750
# Loose, skipped or link-dense text beyond these shares of the kept text: the root is not
# a plain article (the body sits in wrappers, or the root holds menus or teaser grids).
MAX_LOOSE_SHARE = 0.25
MAX_LINK_SHARE = 0.25
MAX_SKIPPED_SHARE = 0.25


class Block(NamedTuple):
    """One line of text and its kind: ``p``, ``h``, ``li``, ``tr``; ``inter`` beside
    paragraphs, ``loose`` elsewhere outside blocks; ``link`` in a link-dense block."""

    kind: str
    text: str


@dataclass(slots=True)
class _Reader:
    """Walks a subtree collecting blocks; inline text accumulates until a block ends."""

    blocks: list[Block] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    links: list[int] = field(default_factory=list)
    """Link characters per line read so far (parallel to ``blocks``)."""
    link_chars: int = 0
    skipped: int = 0
    guard: int = 0
    """Furniture-named elements with more text than this are read anyway (see ``walk``)."""

    def flush(self, kind: str) -> None:
        if self.parts:
            text = " ".join("".join(self.parts).split())
            if text:
                self.blocks.append(Block(kind, text))
                self.links.append(self.link_chars)
            self.parts.clear()
        self.link_chars = 0

    def walk(self, node: LexborNode, kind: str, in_link: bool) -> None:
        """Read ``node``'s subtree in document order.

        Iterative, with an explicit stack: pages nest thousands deep (unclosed ``<font>``
        or ``<div>`` tags), past any recursion limit. A frame is the next child to read
        in one element, how its text counts, and what to do once the element ends.
        """
        stack: list[_Frame] = [(node.child, kind, in_link, None)]
        while stack:
            child, kind, in_link, finish = stack.pop()
            if child is None:
                if finish is not None:
                    finish()
                continue
            stack.append((child.next, kind, in_link, finish))
            tag = child.tag or "-"
            if tag == "-text":
                text = child.text_content or ""
                self.parts.append(text)
                if in_link:
                    self.link_chars += len(text.strip())
            elif tag in _SKIPPED or tag[0] == "-":  # "-comment", "-doctype"
                pass
            elif tag in _BREAKS:
                self.flush(kind)
            elif _is_furniture(child) and self._skip(child):
                pass
            elif tag in _CELLS:
                self.parts.append(" | ")
                stack.append((child.child, kind, in_link, None))
            elif tag in _KINDS:
                inner = _KINDS[tag]
                self.flush(kind)
                stack.append((child.child, inner, in_link,
                              functools.partial(self._end_block, inner, len(self.blocks))))
            elif tag in _WRAPPERS:
                inner = _wrapper_kind(child) if kind in _TOP_KINDS else kind
                self.flush(kind)
                stack.append((child.child, inner, in_link, functools.partial(self.flush, inner)))
            else:  # inline: a, span, strong, em, ...
                stack.append((child.child, kind, in_link or tag == "a", None))

    def _skip(self, node: LexborNode) -> bool:
        """Skip a furniture-named element unless it holds much of the root's text.

        Names match wrappers too (``content-with-sidebar``, ``has-share-bar``): an
        element holding that much text is the body, not furniture inside it.
        """
        size = len(node.text(deep=True, strip=True))
        if size > self.guard:
            return False
        self.skipped += size
        return True

    def _end_block(self, kind: str, start: int) -> None:
        """A block ends: its lines all become ``link`` lines when it is link-dense."""
        self.flush(kind)
        links = sum(self.links[start:])
        lines = self.blocks[start:]
        # (a link whose text is a bare address is a cited source, kept like text)
        if links and links >= LINK_SHARE * sum(len(b.text) for b in lines) and not (
                len(lines) == 1 and URL_TEXT.match(lines[0].text)):
            self.blocks[start:] = [Block("link", b.text) for b in lines]


_Frame = tuple[LexborNode | None, str, bool, Callable[[], None] | None]


def _wrapper_kind(node: LexborNode) -> str:
    """``inter`` when ``node`` has a paragraph among its children, else ``loose``.

    Text beside paragraphs is body text (a subheading in ``<strong>``, a paragraph
    missing its ``<p>``); text in a wrapper without any is a caption or a label.
    """
    child = node.child
    while child is not None:
        if child.tag == "p":
            return "inter"
        child = child.next
    return "loose"


def _is_furniture(node: LexborNode) -> bool:
    attrs = node.attrs
    names = " ".join(filter(None, (attrs.get("class"), attrs.get("id"))))
    return bool(names) and _furniture_names(names)


@functools.lru_cache(maxsize=4096)
def _furniture_names(names: str) -> bool:
    """``names`` (class and id) name furniture. Cached: a page repeats its class names
    (every paragraph's ``wp-block-paragraph``), and a site its templates."""
    if _FURNITURE.search(names):
        return True
    # camelCase names count by their parts too: "imageCaption" is image + caption
    return not names.islower() and _FURNITURE.search(CAMEL_HUMP.sub("-", names)) is not None


class Reading(NamedTuple):
    """What the fast path read under a root: the blocks and the text it set aside."""

    blocks: list[Block]
    skipped: int


def read_blocks(root: LexborNode) -> Reading:
    """The text blocks under ``root``, in page order, and the length of skipped text."""
    reader = _Reader(guard=int(GUARD_SHARE * len(root.text(deep=True, strip=True))))
    kind = _wrapper_kind(root)
    reader.walk(root, kind, False)
    reader.flush(kind)
    return Reading(reader.blocks, reader.skipped)


class Verdict(NamedTuple):
    """The fast path's text, or ``None`` and why trafilatura should decide instead."""

    text: str | None
    reason: str


def read_article(root: LexborNode) -> Verdict:
    """The article text under ``root`` when it looks like a plain article, else a reason."""
    reading = read_blocks(root)
    kept = [b for b in reading.blocks if b.kind not in ("loose", "link")]
    while kept and kept[-1].kind == "h":
        kept.pop()
    size = sum(len(b.text) for b in kept if b.kind != "h")
    if size < MIN_TEXT:
        return Verdict(None, "little text")
    loose = sum(len(b.text) for b in reading.blocks if b.kind == "loose")
    if loose > MAX_LOOSE_SHARE * size:
        return Verdict(None, "loose text")
    linked = sum(len(b.text) for b in reading.blocks if b.kind == "link")
    if linked > MAX_LINK_SHARE * size:
        return Verdict(None, "many links")
    if reading.skipped > MAX_SKIPPED_SHARE * size:
        return Verdict(None, "skipped text")
    return Verdict("\n".join(b.text for b in kept), "fast")
