"""Breadcrumb trails and category links to a section list.

Normal form: the trail's items in order, without a "Home"-like root, without the
headline (the page itself) and without placeholders such as "正文" or "Article",
e.g. ``Home » today » News » <headline>`` -> ``["today", "News"]``.

A page's section (:func:`choose_section`) is its first trail that gives one; else its
category links, all of them (a blog post "Posted in" two categories); else its
``article:section`` / JSON-LD ``articleSection`` (a path: "News > World").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsscrape.lexicon.datewords import MONTHS
from newsscrape.lexicon.furniture import HOME_WORDS, PLACEHOLDERS
from newsscrape.lexicon.terms import first_spellings
from newsscrape.normalize.titles import comparison_key as _key
from newsscrape.record import Candidates, Found

_PATH = re.compile(r"\s*[>/|»›]\s*")


@dataclass(frozen=True, slots=True)
class Section:
    """The section chosen, and the found value it came from (for provenance)."""

    items: tuple[str, ...] = ()
    source: Found | None = None
    raw: str = ""


def choose_section(article: Candidates, *, title: str | None,
                   site_names: Sequence[str]) -> Section:
    """The page's section (see the module docstring for the order of sources)."""
    page = article.title_tag.value if article.title_tag else None
    for trail in article.breadcrumbs:
        section = trail_to_section([f.value for f in trail], title=title,
                                   site_names=list(site_names), page=page)
        if section:
            return Section(tuple(section), trail[0], " > ".join(f.value for f in trail))
    links = [f for f in article.sections if f.source == "html"]
    if links:
        names = first_spellings(" ".join(f.value.split()) for f in links)
        return Section(tuple(names), links[0], ", ".join(names))
    for item in article.sections:
        parts = [p.strip() for p in _PATH.split(item.value) if p.strip()]
        if parts:
            return Section(tuple(parts), item, item.value)
    return Section()


def trail_to_section(trail: list[str], *, title: str | None, site_names: list[str],
                     page: str | None = None) -> list[str]:
    """Clean one breadcrumb trail into a section list.

    The root comes off whatever it says: a home word ("Startseite", "首页"), also with
    the site's name around it ("Lahntal Anzeiger Startseite"), or the site's name
    or host itself. A date archive's items ("2023", "October", "27") and issue numbers
    ("2023/43") are no sections; a "trail" of more than ``MAX_TRAIL`` items is a menu.
    The last item naming the headline, or the page as its ``<title>`` does (``page``),
    is the page itself.
    """
    items = [" ".join(t.split()) for t in trail if t and t.strip()]
    site_keys = {_key(s) for s in site_names if _key(s)}
    while items and _is_root(items[0], site_keys):
        items.pop(0)
    keys = (_key(title or ""), _key(page or ""))
    while items and any(_is_page_itself(items[-1], key) for key in keys):
        items.pop()
    items = [i for i in items if i.casefold() not in PLACEHOLDERS and len(i) <= 80
             and not _is_date_part(i)]
    return items if len(items) <= MAX_TRAIL else []


MAX_TRAIL = 6
_DATE_PART = re.compile(r"^[\d\W_]+$")


def _is_root(item: str, site_keys: set[str]) -> bool:
    folded = item.casefold()
    return folded in HOME_WORDS or _key(item) in site_keys or folded.split()[-1] in HOME_WORDS


def _is_date_part(item: str) -> bool:
    """A year, day, number or month name of a date archive's trail."""
    return _DATE_PART.match(item) is not None or item.casefold() in MONTHS


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
    if title_key.endswith(key) and len(key) >= _TRUNCATED_SHARE * len(title_key):
        return True  # the headline without the kicker the title has
    # the headline cut short ("Bengaluru metro's Yellow Line to…"), not a section named by
    # the headline's first word ("Bengaluru")
    return title_key.startswith(key) and len(key) >= _TRUNCATED_SHARE * len(title_key)
