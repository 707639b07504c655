"""Whether a page holds an article at all.

A record is made of an article. Pages that are not one end as ``no_article``: an error
page served with status 200 ("Page not found"), a bot check or an access refusal, a
consent dialog standing in for the page, a section front or home page whose text would
be its headlines. A page that says it is an article or a media item (JSON-LD, OpenGraph,
microdata) still gives a record when its text is short or empty: a short notice, a
video or a gallery, with its metadata.

The common case costs next to nothing: the markup is searched only when the body text
is short, empty or shaped like a list of teasers, and parsed again only in the last case
on a page that declares no article.
"""

from __future__ import annotations

import json
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsscrape.extractors.metadata import ARTICLE_TYPES
from newsscrape.lexicon.furniture import BOT_WALL, CONSENT_WALL, NOT_FOUND_TITLE

MEDIA_TYPES = frozenset({
    "videoobject", "imageobject", "mediaobject", "audioobject", "imagegallery",
    "mediagallery", "podcastepisode", "recipe", "howto", "review", "discussionforumposting",
    "qapage",
})
"""JSON-LD types of pages that are articles in all but name: media, recipes, posts."""
_LD_TYPE = re.compile(r'"@type"\s*:\s*(\[[^\]]*\]|"[^"]*")')

_HEAD_BYTES = 50_000
_ARTICLE_OG = ("article", "video", "image")
_CONTENT = re.compile(r"""content\s*=\s*["']?\s*([^"'\s>]+)""", re.IGNORECASE)
# (literal prefixes, case as written: a pattern that starts with a literal is searched fast)
_ITEMTYPE = re.compile(
    r"""itemtype=["']?https?://schema\.org/(?:\w*Article|BlogPosting|VideoObject|ImageGallery"""
    r"""|Recipe)\b""")
_TITLE_WALL = re.compile(r"^\s*(?:just a moment|attention required|access denied)\b", re.I)
# A wall's text is short; an error page's too.
_WALL_TEXT = 1500
_NOT_FOUND_TEXT = 1000
# Most of a consent wall's text is in lines that speak of consent.
_CONSENT_SHARE = 0.5
# A text is shaped like teasers with this many lines, none of them this long...
_CARDS_MIN = 5
_TEASER_LINE = 300
# ...and made of them when this share of its characters sits in teaser cards.
_TEASER_SHARE = 0.5
_HEADLINE_MIN = 25
_LINK_SHARE = 0.8
_CARD_CLIMB = 4


def refusal(text: str, html: str, headings: tuple[str, ...] = ()) -> str | None:
    """Why the page ``html``, whose body text is ``text`` and whose ``<title>`` and
    headline are ``headings``, holds no article; else None."""
    if len(text) <= _WALL_TEXT:
        shown = " ".join(text.split()) if text else html[:_HEAD_BYTES]
        if BOT_WALL.search(shown) or any(_TITLE_WALL.search(h) for h in headings):
            return "the page is a bot check or an access refusal"
        if _consent_only(text):
            return "the page is a consent dialog"
    if len(text) <= _NOT_FOUND_TEXT and any(NOT_FOUND_TITLE.search(h) for h in headings):
        return "the page is an error page (not found)"
    if (text and not _teaser_shaped(text)) or declares_article(html):
        return None
    if not text:
        return "no article text found on the page"
    if _made_of_teasers(text, LexborHTMLParser(html)):
        return "the page is a section front or home page: its text is teasers"
    return None


def declares_article(html: str) -> bool:
    """The page says it is an article or a media item: OpenGraph type, an
    ``article:published_time``, a JSON-LD or microdata type (read from the markup as
    written: this runs only on the few pages whose text is in doubt)."""
    head = html[:_HEAD_BYTES]
    if _og_type(head).startswith(_ARTICLE_OG) or "article:published_time" in head:
        return True
    if _ITEMTYPE.search(html):
        return True
    return bool(_ld_types(html) & (ARTICLE_TYPES | MEDIA_TYPES))


def _og_type(head: str) -> str:
    """The OpenGraph type the page declares, lower case ("" when none)."""
    at = head.find("og:type")
    if at < 0:
        return ""
    match = _CONTENT.search(head, head.rfind("<", 0, at), head.find(">", at))
    return match.group(1).lower() if match else ""


def _ld_types(source: str) -> set[str]:
    """The ``@type`` names in JSON-LD, lower case, without a vocabulary prefix."""
    names: set[str] = set()
    for match in _LD_TYPE.finditer(source):
        try:
            value = json.loads(match.group(1))
        except ValueError:
            continue
        for name in value if isinstance(value, list) else [value]:
            if isinstance(name, str):
                names.add(name.rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower())
    return names


def _consent_only(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    total = sum(len(line) for line in lines)
    consent = sum(len(line) for line in lines if CONSENT_WALL.search(line))
    return total > 0 and consent >= _CONSENT_SHARE * total


def _teaser_shaped(text: str) -> bool:
    """Several lines, none of them long: what teaser intros or headlines give (an article
    has a paragraph of some length somewhere)."""
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) >= _CARDS_MIN and max(map(len, lines)) < _TEASER_LINE


def _made_of_teasers(text: str, page: LexborHTMLParser) -> bool:
    """Most of ``text`` comes from teaser cards: elements each holding one headline link
    (a story list), not from an article."""
    cards = _cards(page)
    if len(cards) < _CARDS_MIN:
        return False
    lines = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    inside = sum(len(line) for line in lines if any(line in card for card in cards))
    return inside >= _TEASER_SHARE * sum(map(len, lines))


def _cards(page: LexborHTMLParser) -> list[str]:
    """The texts of the page's teaser cards: for each headline that is a link, its
    largest enclosing element (a few levels up) that holds no other such headline."""
    heads = [h for h in page.css("h2, h3, h4") if _is_headline_link(h)]
    under: dict[int, int] = {}
    chains = []
    for head in heads:
        chain = []
        node = head.parent
        for _ in range(_CARD_CLIMB):
            if node is None or node.tag in ("body", "html", "main"):
                break
            chain.append(node)
            under[node.mem_id] = under.get(node.mem_id, 0) + 1
            node = node.parent
        chains.append(chain)
    cards = []
    for chain in chains:
        own = [node for node in chain if under[node.mem_id] == 1]
        if own:
            cards.append(" ".join(own[-1].text(deep=True, separator=" ").split()))
    return cards


def _is_headline_link(heading: LexborNode) -> bool:
    text = heading.text(deep=True, strip=True)
    if len(text) < _HEADLINE_MIN:
        return False
    parent = heading.parent
    if parent is not None and parent.tag == "a":
        return True
    links = sum(len(a.text(deep=True, strip=True)) for a in heading.css("a"))
    return links >= _LINK_SHARE * len(text)
