"""Trails marked by nothing but their shape: a short run of links from the site's root,
set apart by trail separators, just before the headline.

``<div><a href="/">Főoldal</a> › <a href="/belfold/">Belföld</a></div><h1>…</h1>`` is a
trail whatever its words and classes; a site menu is not (its links are list items or
separated by bars, and it does not stand right before the headline).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from selectolax.lexbor import LexborNode

IsHome = Callable[[str], bool]
"""Whether an ``href`` leads to the site's root."""

_SEPARATOR = re.compile(r"[»›>→/]")
_MAX_LINKS = 7
_MAX_CHARS = 200
_MAX_ITEM = 40
_LEVELS = 4
"""How far up from the headline a trail is looked for."""
_SIBLINGS = 3
"""How many elements before the headline (or an element holding it) are looked at."""


def structural_trail(headline: LexborNode, *, is_home: IsHome) -> list[str]:
    """The items of the trail standing before ``headline``, without its root; ``[]``
    when none does."""
    node: LexborNode | None = headline
    for _ in range(_LEVELS):
        if node is None or node.tag in ("body", "html"):
            return []
        sibling = node.prev
        seen = 0
        while sibling is not None and seen < _SIBLINGS:
            if sibling.tag != "-text":
                seen += 1
                trail = _trail_in(sibling, is_home)
                if trail:
                    return trail
            sibling = sibling.prev
        node = node.parent
    return []


def _trail_in(node: LexborNode, is_home: IsHome) -> list[str]:
    links = node.css("a[href]")
    if not 2 <= len(links) <= _MAX_LINKS or not is_home(links[0].attributes.get("href") or ""):
        return []
    text = " ".join(node.text(deep=True, separator=" ", strip=True).split())
    if len(text) > _MAX_CHARS:
        return []
    words = [" ".join(link.text(deep=True, separator=" ", strip=True).split()) for link in links]
    if not all(0 < len(word) <= _MAX_ITEM for word in words):
        return []  # a logo (no words) or a teaser's headline, not a trail item
    between = text
    for word in words:
        between = between.replace(word, " ", 1)
    if len(_SEPARATOR.findall(between)) < len(links) - 1:
        return []  # a menu: list items or bars, a separator missing between links
    tail = _SEPARATOR.split(between)[-1].strip()
    return [w for w in words[1:] if w] + ([tail] if tail else [])
