"""Headlines without the site name glued on.

Normal form: the headline as the page shows it, whitespace collapsed, with a
trailing (or leading) `` | Site``, `` – Site``, `` - Site`` part removed when that
part names the site (publisher, og:site_name, the host name) or when the page's
``<h1>`` shows the headline without it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from newsscrape.lexicon.names import is_marker
from newsscrape.lexicon.shapes import TITLE_SEPARATORS

_NON_WORD = re.compile(r"\W+")


@functools.lru_cache(maxsize=256)
def comparison_key(text: str) -> str:
    """Casefolded letters and digits only: how titles, site names and trail items compare.

    (Cached: each title candidate is compared with every site name, tag and trail item
    of its page, a few dozen strings asked for over and over.)
    """
    return _NON_WORD.sub("", text.casefold())


_key = comparison_key


def strip_site_name(title: str, site_names: Iterable[str], *,
                    logo_names: Iterable[str] = ()) -> str:
    """Remove a separator-delimited part of ``title`` that names the site.

    A part names the site when it holds a site name or is held by one; ``logo_names``
    (the words of a logo heading, often one short word) must be the whole first part,
    or share whole words with a short last part ("Lupe.de"). What remains is never
    itself a site's name."""
    title = " ".join(title.split())
    logo_names = tuple(logo_names)
    logos = {_key(name) for name in logo_names} - {""}
    loose = {_key(name) for name in site_names} - {""}
    keys = loose | logos
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    for count in range(len(parts) - 1, 1, -1):  # "Headline | Site - Its motto"
        if _key("".join(parts[-count:])) in keys:
            return _rejoin(title, parts[:-count])
    for edge in (-1, 0):
        part_key = _key(parts[edge])
        rest = parts[:-1] if edge == -1 else parts[1:]
        if part_key and _key("".join(rest)) not in keys and (
                part_key in logos or any(part_key in k or k in part_key for k in loose)
                or (edge == -1 and _logo_words(parts[edge], logo_names))):
            return _rejoin(title, rest)
    return _after_inner_site(title, parts, keys)


_LAST_PART_WORDS = 4
"""A last part this short may be a form of the logo's name ("Lupe.de", "Lupe Magazin")."""


def _logo_words(part: str, logo_names: Iterable[str]) -> bool:
    """A short last part holds a logo's words as whole words ("Lupe.de" for the logo
    "Lupe"), or the logo holds the part's ("Lupe" for "Lupe Das Modemagazin")."""
    words = set(_words(part))
    if not words or len(part.split()) > _LAST_PART_WORDS:
        return False
    return any(logo <= words or words <= logo for name in logo_names if (logo := set(_words(name))))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _after_inner_site(title: str, parts: list[str], keys: set[str]) -> str:
    """"Site - Section » Headline" with the section (or site) known and no edge part
    naming the site: the last part, a headline of three words or more after it."""
    if len(parts) < 3 or _key(parts[-2]) not in keys:
        return title
    last = parts[-1]
    return _rejoin(title, [last]) if len(last.split()) >= 3 and len(last) > len(parts[-2]) \
        else title


def _rejoin(title: str, parts: list[str]) -> str:
    """The span of ``title`` covering ``parts`` (keeps the original separators inside)."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else " ".join(parts)


def _agrees(h1: str, title: str) -> bool:
    """The ``<h1>`` is the title, its start, or one separator-delimited part of it."""
    h1_key = _key(h1)
    if not h1_key:
        return False
    title_key = _key(title)
    if title_key == h1_key or title_key.startswith(h1_key):
        return True
    return any(_key(part) == h1_key for part in TITLE_SEPARATORS.split(title))


def choose_title(candidates: list[str], headline: str | None, site_names: list[str],
                 *, title_tag: str | None = None, sections: Iterable[str] = (),
                 logo_names: Sequence[str] = ()) -> str | None:
    """The headline: the ``<h1>`` when a metadata title agrees with it, else the best title.

    ``candidates`` are the metadata titles, best first (``title_tag``, the document's
    ``<title>``, among them or not). An ``<h1>`` that is a later, shorter part of the
    ``<title>`` is the site's name ("Story | DimidoBlog" with ``<h1>DimidoBlog``), one
    that names a section of the page's trail is the section's: neither is the headline.
    ``logo_names`` are site names read from logo headings (see ``strip_site_name``).
    """
    h1 = unglued_kicker(" ".join(headline.split()), title_tag) if headline else None
    if h1 and _key(h1) in {_key(s) for s in sections}:
        h1 = None
    if h1 and title_tag and _names_site(h1, title_tag):
        site_names = [*site_names, h1]
        h1 = None
    def strip(title: str) -> str:
        return strip_site_name(title, site_names, logo_names=logo_names)
    cleaned = [strip(c) for c in candidates if c.strip()]
    if h1:
        chosen = _with_headline(h1, cleaned, title_tag and strip(title_tag))
        if chosen:
            return chosen
    if cleaned:
        return _untruncated(cleaned[0], title_tag and strip(title_tag))
    return h1


def _with_headline(h1: str, titles: list[str], title_tag: str | None) -> str | None:
    """The title when the ``<h1>`` and the metadata titles tell it together."""
    for title in titles:
        if _agrees(h1, title):
            return title if _continues(h1, title) else h1
        if _key(title) and _key(h1).endswith(_key(title)):
            # the <h1> adds a kicker ("Verkehr") before the headline; a quotation
            # before a colon is the headline's own start ("\"Ein Desaster\": ...")
            return h1 if _quoted_lead(h1) else title
        if _kicker_before(h1, title):
            return h1  # the title adds a kicker: "Helga Thorsen: Die leise Mehrheit"
    if title_tag and (not titles or titles == [title_tag]):
        return h1  # a bare <title> is the site's page name, the <h1> the headline's
    if title_tag and _page_name(title_tag, h1) and all(_key(t) == _key(title_tag) for t in titles):
        return h1  # og:title repeating a <title> that names the page ("About Us")
    if any(_same_story(h1, title) for title in (*titles, title_tag or "")):
        return h1  # an SEO title rewords the <h1>: the page shows the <h1>
    return None


_STEM = 5
_WORD = re.compile(r"[^\W\d_]{4,}")


def _continues(h1: str, title: str) -> bool:
    """``title`` is the ``<h1>`` run on by words, no separator between ("7 Regeln" ->
    "7 Regeln für einen wachen Kopf"): the h1 is the headline cut short; a byline
    run on ("Kuchen von backfee77") is no part of it."""
    rest = title[len(h1):] if title.startswith(h1) else ""
    words = rest.split()
    return rest[:1] == " " and rest[1:2].isalnum() and len(words) >= 2 \
        and not is_marker(words[0])  # "Kuchen von backfee77": a byline run on


def _quoted_lead(h1: str) -> bool:
    """The ``<h1>`` opens with a quotation and a colon ("\"Ein Desaster\": Bahn ...")."""
    head, colon, _ = h1.partition(":")
    head = head.strip()
    return bool(colon) and len(head) > 2 and head[0] in _QUOTES and head[-1] in _QUOTES


def unglued_kicker(h1: str, title_tag: str | None) -> str:
    """The ``<h1>`` without a kicker its markup glued on: the ``<title>`` sets the
    kicker apart ("Stadtwerke Musterstadt - neuer Tarif ab Januar") and the
    ``<h1>`` runs on without a break ("Stadtwerke Musterstadt Neuer Tarif ...")."""
    if not title_tag:
        return h1
    parts = TITLE_SEPARATORS.split(" ".join(title_tag.split()))
    if len(parts) < 2 or len(parts[0].split()) < 2 or not h1.startswith(parts[0] + " "):
        return _unglued_colon_kicker(h1, parts[0])
    rest = h1[len(parts[0]):].strip()
    headline = _key(parts[1])
    glued = rest[:1].isalnum() and len(headline) >= _MIN_HEADLINE
    return rest if glued and _key(rest).startswith(headline) else h1


def _unglued_colon_kicker(h1: str, title: str) -> str:
    """The same with a colon setting the kicker apart in the ``<title>`` ("Neue Grundsteuer:
    Was Eigentümer jetzt zahlen" for ``<h1>`` "Neue Grundsteuer Was Eigentümer ab Januar
    zahlen"): the ``<h1>``'s words after the kicker open as the title's headline does
    (two words or more); the ``<h1>`` may word the rest otherwise."""
    kicker, colon, headline = title.partition(": ")
    opening = headline.casefold().split()[:_OPENING_WORDS]
    if not colon or len(kicker.split()) < 2 or len(opening) < _OPENING_WORDS \
            or not h1.startswith(kicker + " "):
        return h1
    rest = h1[len(kicker):].strip()
    glued = rest[:1].isalnum()
    return rest if glued and rest.casefold().split()[:_OPENING_WORDS] == opening else h1


_OPENING_WORDS = 2


def _page_name(title: str, h1: str) -> bool:
    """``title`` is a page's name ("About Us", "Leistungen"), shorter than
    the ``<h1>``: at most three words."""
    words = len(title.split())
    return words <= _PAGE_NAME_WORDS < len(h1.split())


def _same_story(h1: str, title: str) -> bool:
    """Two headlines of one story: they share two words or more (by their first five
    letters: "elektronisches"/"elektronische")."""
    stems = {w[:_STEM].casefold() for w in _WORD.findall(h1)}
    return len(stems & {w[:_STEM].casefold() for w in _WORD.findall(title)}) >= 2


def _names_site(h1: str, title_tag: str) -> bool:
    """The ``<h1>`` is a later part of the ``<title>`` and not its longest (the site's or
    a section's name), or opens with the last part when that is shorter than the first
    (the site's name and its motto)."""
    parts = [_key(p) for p in TITLE_SEPARATORS.split(" ".join(title_tag.split()))]
    h1_key = _key(h1)
    if len(parts) < 2 or h1_key == parts[0]:
        return False
    if h1_key in parts[1:]:
        return len(h1_key) < max(len(p) for p in parts)  # shorter than the headline
    return 3 < len(parts[-1]) < len(parts[0]) and h1_key.startswith(parts[-1])


def _kicker_before(h1: str, title: str) -> bool:
    """``title`` is the ``<h1>`` after a kicker and a colon ("Kicker: Headline")."""
    h1_key = _key(h1)
    return len(h1_key) >= _MIN_HEADLINE and any(
        _key(part) == h1_key for segment in TITLE_SEPARATORS.split(title)
        for part in _KICKER_COLON.split(segment)[1:])


def _untruncated(title: str, title_tag: str | None) -> str:
    """A metadata title cut at an inner quote (``content="… de "incapacitado""``) is
    the start of the ``<title>``: the ``<title>`` is whole."""
    if title_tag and len(title_tag) > len(title) and title_tag.startswith(title) and \
            title_tag[len(title):].lstrip()[:1] in _QUOTES:
        return title_tag
    return title


_MIN_HEADLINE = 8
_PAGE_NAME_WORDS = 3
_KICKER_COLON = re.compile(r":\s+")
_QUOTES = "\"'“”„«»‘’"


def site_from_title(title_tag: str, headline: str) -> str | None:
    """The site name a ``<title>`` adds around the headline ("Headline - Site" -> "Site")."""
    parts = [p.strip() for p in TITLE_SEPARATORS.split(" ".join(title_tag.split())) if p.strip()]
    head = _key(headline)
    if len(parts) < 2 or not head:
        return None
    if _key(parts[0]) == head or _key(parts[0]).startswith(head):
        return parts[-1]
    if _key(parts[-1]) == head:
        return parts[0]
    return None
