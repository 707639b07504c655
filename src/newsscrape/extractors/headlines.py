"""The article's visible headline: which ``<h1>`` is it, and its words without a kicker.

A page may hold several ``<h1>``: a hidden one for screen readers ("News"), the site's
logo ("Gartennotizen", linking to the site's root), a section's name, the
article's headline. The headline is the first visible one by where it sits (in the
``<article>``, in ``<main>``, named a title), unless another visible one agrees with
the page's metadata titles. A kicker set in the ``<h1>`` as an element of its own
(``<span class="subtitle">Landesgartenschau</span> Pflanzen per Lastenrad …``) is set
apart by a colon, a subtitle after the headline words is left out.
With no visible ``<h1>`` besides the logo (or none with words), the post title in an
``<h2>``/``<h3>`` that a metadata title opens with stands in; on a page with no ``<h1>``
at all, an element its class names the headline (``<div class="article-headline">``).
An ``<h1>`` in the breadcrumb trail that only the ``<title>`` (or its own microdata)
names yields to the first visible ``<h1>``, ``<h2>`` or ``itemprop=headline`` outside the
trail that is a whole metadata title and no teaser's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsscrape.extractors.patterns import CAMEL_HUMP
from newsscrape.extractors.selectors import HEADLINE_NAMES
from newsscrape.lexicon.shapes import HAN, KANA, TITLE_SEPARATORS

_HIDDEN = re.compile(rf"(?:^|\s)(?:{'|'.join(HEADLINE_NAMES.hidden)})(?:\s|$)", re.IGNORECASE)
_KICKER = re.compile("|".join(HEADLINE_NAMES.kicker), re.IGNORECASE)
_HOME = re.compile(r"^(?:(?:https?:)?//[^/]+)?/?(?:index\.\w+)?$")
_MASTHEAD = re.compile(rf"(?:^|[\s_-])(?:{'|'.join(HEADLINE_NAMES.masthead)})(?:$|[\s_-])",
                       re.IGNORECASE)
_MIN_AGREEING = 8
"""Shorter headlines ("News") agree with a title by chance."""


def read_headline(tree: LexborHTMLParser, titles: Sequence[str]) -> str | None:
    """The article's headline: an ``<h1>``, else a post title ``<h2>``/``<h3>`` or an
    element named as the headline (see the module docstring)."""
    found = find_headline(tree, titles)
    return found[1] if found else None


def find_headline(tree: LexborHTMLParser,
                  titles: Sequence[str]) -> tuple[LexborNode, str] | None:
    """The article's headline element (as ``read_headline``) and its headline text."""
    shown = [(node, text) for node in _by_place(tree.css("h1"))
             if is_visible_heading(node) and not is_logo_heading(node)
             and (text := headline_text(node))]
    if not shown:
        return _post_title(tree, titles) or _named_headline(tree)
    keys = [_key(t) for t in titles]
    found = next(((node, text) for node, text in shown if _agrees(text, keys)), shown[0])
    if _in_trail(found[0]) and _key(found[1]) not in _story_keys(tree, found[0], keys):
        return _below_trail(tree, keys) or found
    return found


def _story_keys(tree: LexborHTMLParser, node: LexborNode, keys: Sequence[str]) -> list[str]:
    """The metadata titles but the ``<title>`` and the heading's own ``itemprop``: those
    name the story, where the ``<title>`` often names the page as its trail does."""
    story = list(keys)
    title = tree.css_first("title")
    own = [title.text() if title is not None else ""]
    if node.attributes.get("itemprop") == "headline":
        own.append(spaced_text(node))
    for text in own:
        if (key := _key(text)) in story:
            story.remove(key)
    return story


def _agrees(text: str, keys: Sequence[str]) -> bool:
    """The heading is a metadata title, holds one or is held by one."""
    key = _key(text)
    return len(key) >= _MIN_AGREEING and any(key in k or k in key for k in keys if k)


def _in_trail(node: LexborNode) -> bool:
    """The heading is (in) a breadcrumb trail: the page's name as the trail's last item."""
    current: LexborNode | None = node
    while current is not None and current.tag not in ("body", "html"):
        attrs = current.attributes
        names = " ".join(attrs.get(name) or "" for name in _TRAIL_ATTRIBUTES)
        if _TRAIL.search(names):
            return True
        current = current.parent
    return False


def _below_trail(tree: LexborHTMLParser, keys: Sequence[str]) -> tuple[LexborNode, str] | None:
    """With the ``<h1>`` in the trail, the story's own headline outside it: the first
    visible ``<h1>``/``<h2>`` or element marked ``itemprop=headline`` that is a metadata
    title, neither a link nor in one, a list, a menu, a side box or a footer (a teaser's
    headline)."""
    for node in tree.css(_OWN_HEADLINE):
        if _in_trail(node) or not is_visible_heading(node) or is_logo_heading(node) \
                or node.css_first("a") is not None or _ancestor_tags(node) & _TEASER:
            continue
        text = headline_text(node)
        if len(key := _key(text)) >= _MIN_AGREEING and key in keys:
            return node, text
    return None


_TRAIL = re.compile("|".join(HEADLINE_NAMES.trail), re.IGNORECASE)
_TRAIL_ATTRIBUTES = ("class", "id", "aria-label", "itemtype", "typeof")
_OWN_HEADLINE = "h1, h2, [itemprop='headline']"
_TEASER = frozenset(HEADLINE_NAMES.chrome) - {"header"}


def site_name_headings(tree: LexborHTMLParser) -> list[str]:
    """The words of the ``<h1>`` that show the site's name (its logo, see ``is_logo_heading``)."""
    return [text for node in tree.css("h1")
            if is_logo_heading(node) and (text := spaced_text(node))]


def _post_title(tree: LexborHTMLParser, titles: Sequence[str]) -> tuple[LexborNode, str] | None:
    """With no ``<h1>`` but the logo, the post's title in an ``<h2>`` or ``<h3>`` (a blog
    theme's ``entry-title``): the first visible one that is a metadata title, or its
    first part ("Headline : Blog | Motto"), or its last part after the logo's words
    ("Blog | Headline"; otherwise the last part is the site's name or its motto)."""
    sites = {_key(name) for name in site_name_headings(tree)}
    keys: set[str] = set()
    for title in titles:
        parts = _PARTS.split(title)
        keys.update((_key(title), _key(parts[0])))
        if _key(parts[0]) in sites:
            keys.add(_key(parts[-1]))
    for node in tree.css("h2, h3"):
        text = headline_text(node)
        key = _key(text)
        if len(key) >= _MIN_AGREEING and key in keys and is_visible_heading(node):
            return node, text
    return None


def _named_headline(tree: LexborHTMLParser) -> tuple[LexborNode, str] | None:
    """On a page with no ``<h1>`` at all, the first visible element its class names the
    headline (``<div class="article-headline">``), outside links and the page's chrome."""
    if tree.css_first("h1") is not None:
        return None
    for node in tree.css(_NAMED):
        names = node.attributes.get("class") or ""
        if _KICKER.search(names) or node.css_first("a") is not None or \
                any(tag in _CHROME for tag in _ancestor_tags(node)):
            continue
        text = headline_text(node)
        if len(_key(text)) >= _MIN_AGREEING and is_visible_heading(node):
            return node, text
    return None


_NAMED = ", ".join(f"[class*='{name}' i]" for name in HEADLINE_NAMES.named)
_CHROME = frozenset(HEADLINE_NAMES.chrome)
_MARKED = ", ".join(HEADLINE_NAMES.marked)


_PARTS = re.compile(rf"{TITLE_SEPARATORS.pattern}|\s+:\s+")
"""The title's parts, and a colon spaced on both sides ("Headline : Blog | Motto")."""


def headline_text(node: LexborNode) -> str:
    """The heading's words; a kicker element leading them is set apart by a colon
    ("Landesgartenschau in Lahr: Pflanzen per Lastenrad …"), never glued on. A date set
    as the kicker (``<time>``) is no part of the headline, nor is a kicker the headline
    repeats ("Release Notes" before "Release Notes 2.3 – Faster sync")."""
    text = _without_subtitle(node, _shown_text(node))
    for child in node.css("*"):
        names = f"{child.attributes.get('class') or ''} {child.attributes.get('id') or ''}"
        if not _KICKER.search(names):
            continue
        kicker = spaced_text(child).rstrip(" :|-–—")
        rest = text[len(kicker):].lstrip(" :|-–—")
        if kicker and text.startswith(kicker) and rest:
            return rest if _key(rest).startswith(_key(kicker)) else f"{kicker}: {rest}"
        break
    return text


def _shown_text(node: LexborNode) -> str:
    """The heading's words without a part hidden in it (``<span class="element-invisible">
    | Site</span>``, for screen readers) and without its date line (a ``<time>`` opening
    or closing it, or in a kicker or topline: ``<small class="topline"><time>3.4.2021</time>
    …``); a ``<time>`` inside the sentence ("Was geschah am <time>…</time> in …?") stays."""
    text = spaced_text(node)
    if not any(_not_words(child, text) for child in node.css(_MARKED)):
        return text
    copy = LexborHTMLParser(node.html or "").body
    if copy is None:
        return text
    for child in copy.css(_MARKED):
        if _not_words(child, text):
            child.decompose()
    return _LEFT_APART.sub("", spaced_text(copy))


_LEFT_APART = re.compile(r"(?:\s*(?:\(\s*\)|\[\s*\]|[|–—·,:-]))+$")
"""What set a removed date line apart: a separator, empty brackets."""


def _not_words(node: LexborNode, heading: str) -> bool:
    """Hidden, a ``<time>`` at the heading's edge or in a kicker, or a kicker holding one."""
    if not _visible_itself(node):
        return True
    if node.tag == "time":
        when = spaced_text(node)
        return not when or heading.startswith(when) or _set_apart_last(node, heading, when) \
            or _in_kicker(node)
    return _KICKER.search(node.attributes.get("class") or "") is not None and \
        node.css_first("time") is not None


_APART = tuple("|–—·,:-([")
_CLOSING = ")]"


def _set_apart_last(node: LexborNode, heading: str, when: str) -> bool:
    """A ``<time>`` closing the heading, set apart from its words by a separator
    ("… öffentlich | 3. April 2021"), a bracket or a ``<br>``: its date line. Ending
    the sentence ("Die besten Filme von 2024") it is a part of the headline."""
    end = heading.rstrip(_CLOSING)
    if not end.endswith(when):
        return False
    before = end[: -len(when)].rstrip()
    if before.endswith(_APART):
        return True
    previous = node.prev
    while previous is not None and previous.tag == "-text" \
            and not (previous.text_content or "").strip():
        previous = previous.prev
    return previous is not None and previous.tag == "br"


def _in_kicker(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.tag not in ("h1", "h2", "h3", "body"):
        if _KICKER.search(parent.attributes.get("class") or ""):
            return True
        parent = parent.parent
    return False


def _without_subtitle(node: LexborNode, text: str) -> str:
    """The heading's words without a subtitle set after them in the ``<h1>``
    (``<small class="article-subtitle">``)."""
    for child in node.css(_SUBTITLES):
        subtitle = spaced_text(child)
        if subtitle and text.endswith(subtitle) and len(subtitle) < len(text):
            return text[: -len(subtitle)].rstrip(" :|-–—")
    return text


_SUBTITLES = ", ".join(f"[class*='{name}' i]" for name in HEADLINE_NAMES.subtitle)
_NOT_TEXT = frozenset({"style", "script", "noscript", "template"})
_NO_SPACE_BEFORE = tuple(":;,.!?)]}»”’")
_NO_SPACE_AFTER = tuple("([{«„“‘")
_UNSPACED = re.compile(rf"[{HAN}{KANA}\u3000-\u303f\uff00-\uffef]")
"""Chinese and Japanese: no space between words, so none where the markup splits them."""


def spaced_text(node: LexborNode) -> str:
    """An element's text, its text nodes joined by a space where the markup has none
    between words (``<span>Kicker</span>Headline``), never before a colon or a comma
    (``THW<span>: Vergangenheit</span>``) nor next to a Chinese or Japanese character."""
    out = ""
    for part in node.traverse(include_text=True):
        piece = part.text_content if part.tag == "-text" else None
        if not piece or (part.parent is not None and part.parent.tag in _NOT_TEXT):
            continue
        if out and not out[-1].isspace() and not piece[0].isspace() \
                and not piece.startswith(_NO_SPACE_BEFORE) and not out.endswith(_NO_SPACE_AFTER) \
                and not (_UNSPACED.match(out[-1]) or _UNSPACED.match(piece[0])):
            out += " "
        out += piece
    return " ".join(out.split())


def _by_place(nodes: Sequence[LexborNode]) -> list[LexborNode]:
    """``<h1>`` in the ``<article>``, then in ``<main>``, then named a title, then the rest."""
    def rank(node: LexborNode) -> int:
        tags = _ancestor_tags(node)
        if "article" in tags:
            return 0
        if "main" in tags:
            return 1
        return 2 if "title" in (node.attributes.get("class") or "").casefold() else 3
    return sorted(nodes, key=rank)


def _ancestor_tags(node: LexborNode) -> set[str]:
    tags: set[str] = set()
    parent = node.parent
    while parent is not None:
        tags.add(parent.tag or "")
        parent = parent.parent
    return tags


def is_visible_heading(node: LexborNode) -> bool:
    """Neither the heading nor what holds it is hidden (``hidden``, ``sr-only``,
    ``display:none``)."""
    current: LexborNode | None = node
    while current is not None and current.tag not in ("body", "html"):
        if not _visible_itself(current):
            return False
        current = current.parent
    return True


def _visible_itself(node: LexborNode) -> bool:
    """The element is not hidden by its own attributes."""
    attrs = node.attributes
    style = (attrs.get("style") or "").replace(" ", "").casefold()
    return not ("hidden" in attrs or attrs.get("aria-hidden") == "true" or
                "display:none" in style or _HIDDEN.search(attrs.get("class") or ""))


def is_logo_heading(node: LexborNode) -> bool:
    """The site's name as a heading: its link leads to the site's root, or its class or
    id names it the logo or the site's title (``headerLogo`` too)."""
    names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
    if _MASTHEAD.search(CAMEL_HUMP.sub("-", names)):
        return True
    link = node.css_first("a[href]")
    if link is None:
        parent = node.parent
        link = parent if parent is not None and parent.tag == "a" else None
    return link is not None and _HOME.match((link.attributes.get("href") or "").strip()) is not None


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())
