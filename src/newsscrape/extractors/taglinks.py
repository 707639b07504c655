"""The article's own tag and category links: where they sit, and their words.

A tag link is a ``rel=tag`` link, a link in a tag list (``METADATA.tag_links``), a link
after a "Tags:"-like label, or one of a list of links to tag archives (``/tag/…``,
``/schlagwort/…``: ``METADATA.tag_archives``). It is the article's when it sits in
none of a tag cloud, a sidebar, a menu, the site's chrome or another story's teaser
(``elsewhere``, the caller's test). Its words leave out a post count (``<a>Gaza
<span>398</span></a>``, "2020 Election (611 posts)").

A category link (``rel=category``, a link to a category archive, a link after a
"Posted in"/"Kategorie:" label) names the post's section, under the same rules of place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsscrape.extractors.headlines import spaced_text
from newsscrape.extractors.selectors import METADATA, TAG_PLACES
from newsscrape.extractors.strip import grouped
from newsscrape.lexicon.furniture import TAG_LABEL
from newsscrape.lexicon.hashtags import CATEGORY_LABEL

Elsewhere = Callable[[LexborNode], bool]
"""Whether an element sits in the site's chrome, a related list, a comment, a teaser."""
PageLevel = Callable[[LexborNode], bool]
"""Whether an element holds the article (its root or an ancestor of it): what its class
names say is about the page, not about a tag list."""


@dataclass(slots=True)
class Places:
    """The caller's tests of where an element sits on one page, and what they said."""

    elsewhere: Elsewhere
    page_level: PageLevel
    walked: dict[tuple[int, bool], bool] = field(default_factory=dict)
    """Whether a parent's links are in their place, by its ``mem_id`` and labelledness."""

_TAG_LINKS = grouped(METADATA.tag_links)  # the same elements in the same order, cheaper
_NOT_HERE = re.compile(rf"(?<![a-z])(?:{'|'.join(TAG_PLACES.names)})(?![a-z])", re.IGNORECASE)
_COUNT = re.compile(r"^\(?\s*\d[\d.,]*(?:\s+\w+)?\s*\)?$")
_COUNT_TAIL = re.compile(r"\s*\(\s*\d[\d.,]*(?:\s+\w+)?\s*\)$")
_TAG_ARCHIVES = re.compile("|".join(map(re.escape, METADATA.tag_archives)), re.IGNORECASE)
_CATEGORY_ARCHIVES = re.compile("|".join(map(re.escape, METADATA.category_archives)),
                                re.IGNORECASE)
_ARCHIVE_HINT = re.compile(r"/(?:ta|te|ca|ka|sc|st|et|mo|ru)", re.IGNORECASE)
_MAX_LABEL = 24
_LIST_SHARE = 0.5
"""Tag-archive links count as a tag list where their words are most of their container's."""


def read_tag_links(tree: LexborHTMLParser, places: Places,
                   archived: Sequence[LexborNode]) -> list[str]:
    """The words of the article's tag links, in page order (``archived``: the page's
    links to tag archives, ``archive_links``)."""
    links = [link for node in tree.css(_TAG_LINKS)
             for link in ([node] if node.tag == "a" else node.css("a"))]
    seen = {link.mem_id for link in links}
    links += [link for link in _archive_lists(archived) if link.mem_id not in seen]
    return [text for link in links if _is_articles(link, places) and (text := tag_text(link))]


def read_labelled_lists(tree: LexborHTMLParser, places: Places,
                        *, have_tags: bool) -> tuple[list[str], list[str]]:
    """The links after a "Tags:"-like label (tags) and after a "Posted in"/"Kategorie:"
    label (categories), each in the label's container: one pass over the page's short
    elements for both.

    A tag label is an element (``<span>Tags:</span>``) or, when no element label is
    found and the page has no tags yet (``have_tags``), the container's own leading
    text (``<div>关键词：<a>…</a></div>``).
    """
    tags: list[str] = []
    categories: list[LexborNode] = []
    for label in tree.css("span, strong, b, h2, h3, h4, dt, label, em"):
        parent = label.parent  # the label's own text: its children are visited too
        text = label.text(deep=False, strip=True) if parent is not None else ""
        if parent is None or not text or len(text) > _MAX_LABEL:
            continue
        tag = TAG_LABEL.match(text) is not None
        if not (tag or (label.tag != "h2" and CATEGORY_LABEL.match(text))) or \
                label.css_first("a") is not None:
            continue  # not a label ("<span>Kategorien <a>…</a></span>" holds the list)
        if tag:
            tags += _container_tags(parent, places)
        else:
            categories += [link for link in parent.css("a")
                           if _in_place(link, places, labelled=True)]
    if not tags and not have_tags:  # the last resort: every block's leading text
        for container in tree.css("div, p, li, dd, section"):
            lead = container.child
            if lead is not None and lead.tag == "-text" and \
                    _is_label((lead.text_content or "").strip()):
                tags += _container_tags(container, places)
    return tags, [text for link in categories if (text := tag_text(link))]


def read_category_links(links: Sequence[LexborNode], places: Places) -> list[str]:
    """The words of the post's category links (``archive_links``), in page order:
    WordPress's ``rel="category tag"`` and links to category archives (the labelled
    ones: ``read_labelled_lists``)."""
    seen: set[int] = set()
    kept = []
    for link in links:
        if link.mem_id not in seen and _in_place(link, places, labelled=False):
            seen.add(link.mem_id)
            kept.append(link)
    return [text for link in kept if (text := tag_text(link))]


def archive_links(page_links: Sequence[LexborNode]) -> tuple[list[LexborNode], list[LexborNode]]:
    """The page's links to tag archives, and its category links (``rel=category``, links
    to category archives): one look at each link's attributes for both."""
    tags: list[LexborNode] = []
    categories: list[LexborNode] = []
    for link in page_links:
        attrs = link.attributes  # (one dict: cheaper than two lookups on the node)
        href = attrs.get("href") or ""
        rel = attrs.get("rel") or ""
        if not (rel or _ARCHIVE_HINT.search(href)):
            continue  # most links: a cheap test before the two real ones
        if "category" in rel.split() or _CATEGORY_ARCHIVES.search(href):
            categories.append(link)
        elif _TAG_ARCHIVES.search(href):
            tags.append(link)
    return tags, categories


def tag_text(link: LexborNode) -> str:
    """A tag link's words, without a count shown beside them."""
    text = spaced_text(link)
    for child in link.css("*"):
        count = spaced_text(child)
        if count and _COUNT.match(count) and text.endswith(count) and len(count) < len(text):
            text = text[: -len(count)].rstrip()
            break
    return _COUNT_TAIL.sub("", text)


def is_category_link(link: LexborNode) -> bool:
    """The link leads to a category archive (``/category/…``): it names a section."""
    return _CATEGORY_ARCHIVES.search(link.attributes.get("href") or "") is not None


def _is_label(text: str) -> bool:
    return bool(text) and len(text) <= _MAX_LABEL and TAG_LABEL.match(text) is not None


def _container_tags(container: LexborNode, places: Places) -> Iterator[str]:
    """A labelled list's links: the label says they are the article's, wherever the
    list sits (an ``<aside>`` too), unless a cloud, a menu or elsewhere holds it."""
    for link in container.css("a:not([rel~='category'])"):
        if _is_articles(link, places, labelled=True) and (text := tag_text(link)):
            yield text


def _archive_lists(links: Sequence[LexborNode]) -> list[LexborNode]:
    """Links to tag archives that stand in a list of them (not one in a sentence)."""
    by_parent: dict[int, list[LexborNode]] = {}
    parents: dict[int, LexborNode] = {}
    for link in links:
        holder = _list_holder(link)
        if holder is not None:
            by_parent.setdefault(holder.mem_id, []).append(link)
            parents[holder.mem_id] = holder
    kept = []
    for key, held in by_parent.items():
        words = sum(len(link.text(deep=True, strip=True)) for link in held)
        if len(held) > 1 and words >= _LIST_SHARE * len(parents[key].text(deep=True, strip=True)):
            kept += held
    return kept


def _list_holder(link: LexborNode) -> LexborNode | None:
    """The element holding a link's list: above its ``<li>`` or inline wrapper."""
    parent = link.parent
    while parent is not None and parent.tag in ("li", "span", "strong", "em", "b"):
        parent = parent.parent
    return parent


def _is_articles(link: LexborNode, places: Places, *, labelled: bool = False) -> bool:
    """A tag link of the article's: not a category's, and in its place."""
    return not is_category_link(link) and _in_place(link, places, labelled=labelled)


def _in_place(link: LexborNode, places: Places, *, labelled: bool) -> bool:
    """Not in a tag cloud, sidebar or menu (by tag, role or class, up to the article's
    own container), nor elsewhere. A ``labelled`` list may sit in an ``<aside>`` of
    the page's ``<main>`` or ``<article>``."""
    attrs = link.attrs
    if "font-size" in (attrs.get("style") or "") or _NOT_HERE.search(attrs.get("class") or ""):
        return False  # a cloud's link, sized by its count
    parent = link.parent
    if parent is None:
        return not places.elsewhere(link)
    key = (parent.mem_id, labelled)  # the same answer for all of a list's links
    if key not in places.walked:
        places.walked[key] = _walk_place(parent, places.page_level, labelled=labelled)
    return places.walked[key] and not places.elsewhere(link)


def _walk_place(start: LexborNode, page_level: PageLevel, *, labelled: bool) -> bool:
    aside = False
    parent: LexborNode | None = start
    while parent is not None and parent.tag not in ("body", "html") and not page_level(parent):
        attrs = parent.attributes
        if parent.tag == "aside" and labelled:
            aside = True
        elif parent.tag in TAG_PLACES.tags or attrs.get("role") in TAG_PLACES.roles or \
                _NOT_HERE.search(attrs.get("class") or ""):
            return False
        elif aside and parent.tag in ("main", "article"):
            aside = False
        parent = parent.parent
    if parent is not None and page_level(parent):
        aside = False  # an aside in the article's own container
    return not aside
