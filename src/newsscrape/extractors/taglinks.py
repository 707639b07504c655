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
from collections.abc import Callable, Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsscrape.extractors.headlines import spaced_text
from newsscrape.extractors.selectors import METADATA, TAG_PLACES
from newsscrape.lexicon.furniture import TAG_LABEL
from newsscrape.lexicon.hashtags import CATEGORY_LABEL

Elsewhere = Callable[[LexborNode], bool]
"""Whether an element sits in the site's chrome, a related list, a comment, a teaser."""
PageLevel = Callable[[LexborNode], bool]
"""Whether an element holds the article (its root or an ancestor of it): what its class
names say is about the page, not about a tag list."""

_TAG_LINKS = ", ".join(METADATA.tag_links)
_CATEGORY_LINKS = ", ".join(("a[rel~='category']",
                            *(f"a[href*='{path}' i]" for path in METADATA.category_archives)))
_ARCHIVE_LINKS = ", ".join(f"a[href*='{path}' i]" for path in METADATA.tag_archives)
_NOT_HERE = re.compile(rf"(?<![a-z])(?:{'|'.join(TAG_PLACES.names)})(?![a-z])", re.IGNORECASE)
_COUNT = re.compile(r"^\(?\s*\d[\d.,]*(?:\s+\w+)?\s*\)?$")
_COUNT_TAIL = re.compile(r"\s*\(\s*\d[\d.,]*(?:\s+\w+)?\s*\)$")
_LIST_SHARE = 0.5
"""Tag-archive links count as a tag list where their words are most of their container's."""


def read_tag_links(tree: LexborHTMLParser, elsewhere: Elsewhere,
                   page_level: PageLevel) -> list[str]:
    """The words of the article's tag links, in page order."""
    links = list(tree.css(_TAG_LINKS))
    seen = {link.mem_id for link in links}
    links += [link for link in _archive_lists(tree) if link.mem_id not in seen]
    return [text for link in links if _is_articles(link, elsewhere, page_level)
            and (text := tag_text(link))]


def read_labelled_tags(tree: LexborHTMLParser, elsewhere: Elsewhere,
                       page_level: PageLevel) -> list[str]:
    """Links after a "Tags:"-like label, in the label's container.

    The label is an element (``<span>Tags:</span>``) or the container's own leading text
    (``<div>关键词：<a>…</a></div>``), the latter only when no element label is found.
    """
    tags = [tag for label in tree.css("span, strong, b, h2, h3, h4, dt, label, em")
            if label.parent is not None and _is_label(label.text(deep=True, strip=True))
            for tag in _container_tags(label.parent, elsewhere, page_level)]
    if tags:
        return tags
    for container in tree.css("div, p, li, dd, section"):
        lead = container.child
        if lead is not None and lead.tag == "-text" and \
                _is_label((lead.text_content or "").strip()):
            tags += _container_tags(container, elsewhere, page_level)
    return tags


def read_category_links(tree: LexborHTMLParser, elsewhere: Elsewhere,
                        page_level: PageLevel) -> list[str]:
    """The words of the post's category links, in page order: WordPress's
    ``rel="category tag"``, links to category archives, links after "Kategorie:"."""
    links = [link for link in tree.css(_CATEGORY_LINKS)
             if _in_place(link, elsewhere, page_level, labelled=False)]
    seen = {link.mem_id for link in links}
    for label in tree.css("span, strong, b, em, dt, label"):
        text = label.text(deep=True, strip=True)
        if label.parent is not None and len(text) <= 24 and CATEGORY_LABEL.match(text):
            links += [link for link in label.parent.css("a") if link.mem_id not in seen
                      and _in_place(link, elsewhere, page_level, labelled=True)]
    return [text for link in links if (text := tag_text(link))]


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
    href = (link.attributes.get("href") or "").casefold()
    return any(path in href for path in METADATA.category_archives)


def _is_label(text: str) -> bool:
    return bool(text) and len(text) <= 24 and TAG_LABEL.match(text) is not None


def _container_tags(container: LexborNode, elsewhere: Elsewhere,
                    page_level: PageLevel) -> Iterator[str]:
    """A labelled list's links: the label says they are the article's, wherever the
    list sits (an ``<aside>`` too), unless a cloud, a menu or elsewhere holds it."""
    for link in container.css("a:not([rel~='category'])"):
        if _is_articles(link, elsewhere, page_level, labelled=True) and (text := tag_text(link)):
            yield text


def _archive_lists(tree: LexborHTMLParser) -> list[LexborNode]:
    """Links to tag archives that stand in a list of them (not one in a sentence)."""
    by_parent: dict[int, list[LexborNode]] = {}
    parents: dict[int, LexborNode] = {}
    for link in tree.css(_ARCHIVE_LINKS):
        holder = _list_holder(link)
        if holder is not None:
            by_parent.setdefault(holder.mem_id, []).append(link)
            parents[holder.mem_id] = holder
    kept = []
    for key, links in by_parent.items():
        words = sum(len(link.text(deep=True, strip=True)) for link in links)
        if len(links) > 1 and words >= _LIST_SHARE * len(parents[key].text(deep=True, strip=True)):
            kept += links
    return kept


def _list_holder(link: LexborNode) -> LexborNode | None:
    """The element holding a link's list: above its ``<li>`` or inline wrapper."""
    parent = link.parent
    while parent is not None and parent.tag in ("li", "span", "strong", "em", "b"):
        parent = parent.parent
    return parent


def _is_articles(link: LexborNode, elsewhere: Elsewhere, page_level: PageLevel,
                 *, labelled: bool = False) -> bool:
    """A tag link of the article's: not a category's, and in its place."""
    return not is_category_link(link) and _in_place(link, elsewhere, page_level, labelled=labelled)


def _in_place(link: LexborNode, elsewhere: Elsewhere, page_level: PageLevel,
              *, labelled: bool) -> bool:
    """Not in a tag cloud, sidebar or menu (by tag, role or class, up to the article's
    own container), nor elsewhere. A ``labelled`` list may sit in an ``<aside>`` of
    the page's ``<main>`` or ``<article>``."""
    attrs = link.attributes
    if "font-size" in (attrs.get("style") or "") or _NOT_HERE.search(attrs.get("class") or ""):
        return False  # a cloud's link, sized by its count
    aside = False
    parent = link.parent
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
    return not aside and not elsewhere(link)
