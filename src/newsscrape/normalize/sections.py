"""Breadcrumb trails to a section list.

Normal form: the trail's items in order, without a "Home"-like root, without the
headline (the page itself) and without placeholders such as "正文" or "Article",
e.g. ``Home » today » News » <headline>`` -> ``["today", "News"]``.
"""

from __future__ import annotations

from newsscrape.lexicon.furniture import HOME_WORDS, PLACEHOLDERS
from newsscrape.normalize.titles import comparison_key as _key


def trail_to_section(trail: list[str], *, title: str | None, site_names: list[str]) -> list[str]:
    """Clean one breadcrumb trail into a section list."""
    items = [" ".join(t.split()) for t in trail if t and t.strip()]
    site_keys = {_key(s) for s in site_names if _key(s)}
    while items and (items[0].casefold() in HOME_WORDS or _key(items[0]) in site_keys):
        items.pop(0)
    title_key = _key(title or "")
    while items and _is_page_itself(items[-1], title_key):
        items.pop()
    return [i for i in items if i.casefold() not in PLACEHOLDERS and len(i) <= 80]


_TRUNCATED_SHARE = 0.4
"""A trail item that starts the headline is the headline cut short from this share on."""


def _is_page_itself(item: str, title_key: str) -> bool:
    key = _key(item)
    if item.casefold() in PLACEHOLDERS or len(item) > 80:
        return True
    if not title_key or len(key) < 8:
        return bool(title_key) and key == title_key
    if key == title_key or key.startswith(title_key):
        return True
    # the headline cut short ("Bengaluru metro's Yellow Line to…"), not a section named by
    # the headline's first word ("Bengaluru")
    return title_key.startswith(key) and len(key) >= _TRUNCATED_SHARE * len(title_key)
