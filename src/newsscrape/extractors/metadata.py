"""Metadata readers: what the page says about the article, read before chrome removal.

Each reader takes the parsed tree and returns found values with their source
(``json-ld``, ``meta``, ``microdata``, ``time``, ``html``). Nothing is normalized
here: the normalizer chooses and cleans.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsscrape.extractors.patterns import (
    BREADCRUMB_SEPARATORS,
    LINE_LABEL,
    SEPARATOR_EDGES,
    breadcrumb_parts,
)
from newsscrape.extractors.selectors import CHROME, METADATA, OTHER_STORY_NAMES, TOP_BARS
from newsscrape.extractors.strip import find_article_root, first_match
from newsscrape.lexicon.bylinewords import BYLINE_START
from newsscrape.lexicon.dates import (
    DATE_FREE,
    date_expressions,
    date_line_parts,
    is_date,
    is_timestamp_line,
    source_in_line,
    update_clock,
)
from newsscrape.lexicon.datewords import DATE_HINT, META_HINT, MODIFIED_HINT, YEAR_SIGNS, signs
from newsscrape.lexicon.furniture import BREADCRUMB_LINE, TAG_LABEL
from newsscrape.lexicon.hashtags import hashtags, is_hashtag_line
from newsscrape.record import Found

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "livebloggosting",
    "liveblogposting", "techarticle", "scholarlyarticle", "socialmediaposting", "report",
    "askpublicnewsarticle", "satiricalarticle", "posting",
})
PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "medicalwebpage"})
DATED_TYPES = frozenset({"howto", "recipe", "discussionforumposting", "qapage", "question"})
"""Other works a page may be about: their ``datePublished`` is the page's date of last
resort (a how-to, a recipe, a forum thread), after every date the page shows."""

Field = Literal["titles", "headline", "title_tag", "authors", "bylines", "author_links",
                "publishers", "site_names", "published", "modified", "languages", "sections",
                "tags", "keywords", "canonical_urls", "descriptions", "images", "article_body",
                "work_published"]
"""What ``Collected`` gathers: the ``Candidates`` field each value feeds (``article_body``,
JSON-LD's text, is only a fallback for an empty body; ``work_published``, the date of a
how-to, recipe or forum thread the page holds, comes after every other published date)."""

# meta name/property -> field, in order of trust within the meta source.
META_FIELDS: dict[Field, tuple[str, ...]] = {
    "titles": ("og:title", "twitter:title", "dc.title", "sailthru.title", "parsely-title"),
    "publishers": ("og:site_name", "application-name", "publisher", "dc.publisher"),
    "authors": ("author", "article:author", "dc.creator", "sailthru.author", "parsely-author",
                "byl", "twitter:creator:name"),
    "published": ("article:published_time", "og:published_time", "datepublished",
                  "pubdate", "publishdate", "publish-date", "publish_date", "date",
                  "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date",
                  "parsely-pub-date", "article.published", "originalpublicationdate",
                  "og:article:published_time", "cxenseparse:recs:publishtime"),
    "modified": ("article:modified_time", "og:updated_time", "og:modified_time",
                 "datemodified", "lastmod", "last-modified", "dcterms.modified",
                 "article.updated", "og:article:modified_time"),
    "descriptions": ("description", "og:description", "twitter:description", "dc.description"),
    "images": ("og:image", "og:image:url", "og:image:secure_url", "twitter:image",
               "twitter:image:src"),
    "sections": ("article:section", "og:article:section", "parsely-section", "section"),
    "tags": ("article:tag", "og:article:tag", "parsely-tags"),
    "keywords": ("keywords", "news_keywords"),
    "languages": ("og:locale", "content-language", "dc.language", "language"),
}


@dataclass(slots=True)
class Collected:
    """Mutable accumulator of found values, field name -> ordered list."""

    values: dict[Field, list[Found]] = field(default_factory=dict)
    breadcrumbs: list[tuple[Found, ...]] = field(default_factory=list)
    chrome: set[int] | None = None
    """``mem_id`` of the page's chrome elements (see ``in_chrome``), found on first need."""
    root: LexborNode | None = None
    root_known: bool = False
    """Whether ``root`` was looked up (see ``article_root``); then stripping reuses it."""
    date_lines: set[str] = field(default_factory=set)
    """The visible lines the article's dates were read from (casefolded, spaces
    collapsed): they leave the body text, as hashtag lines do."""

    def article_root(self, tree: LexborHTMLParser) -> LexborNode | None:
        """``find_article_root(tree)``, looked up once (a dozen page-wide queries)."""
        if not self.root_known:
            self.root, self.root_known = find_article_root(tree), True
        return self.root

    def add(self, name: Field, value: object, source: str) -> None:
        """Append a non-empty string value for ``name``."""
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            text = " ".join(str(value).split())
            if source == "json-ld" and "&" in text:
                text = html.unescape(text)  # CMSs often put entities into JSON-LD strings
            if text:
                self.values.setdefault(name, []).append(Found(text, source))

    def get(self, name: Field) -> tuple[Found, ...]:
        """The values found for ``name``, in order."""
        return tuple(self.values.get(name, ()))


def read_metadata(tree: LexborHTMLParser) -> Collected:
    """Run every reader over the tree, in order of trust."""
    found = Collected()
    read_json_ld(tree, found)
    read_meta_tags(tree, found)
    read_microdata(tree, found)
    read_time_elements(tree, found)
    read_html_hints(tree, found)
    read_visible_breadcrumbs(tree, found)
    read_visible_lines(tree, found)
    return found


# --- JSON-LD --------------------------------------------------------------------------------

def _json_ld_objects(tree: LexborHTMLParser) -> Iterator[dict[str, Any]]:
    for script in tree.css("script[type*='ld+json' i]"):
        raw = script.text(deep=True, strip=True)
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            try:  # Trailing commas and stray control characters are common.
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
            except ValueError:
                continue
        yield from _flatten(data)


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if isinstance(graph, list):
            yield from _flatten(graph)
        if "@type" in data:
            yield data


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", ())
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return {str(k).lower() for k in kinds}


def _names(value: Any) -> Iterator[str]:
    """Names from a JSON-LD person/organization value (str, dict or list of them)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str):
            yield name
        elif isinstance(name, list):
            yield from (n for n in name if isinstance(n, str))
    elif isinstance(value, list):
        for item in value:
            yield from _names(item)


def _urls(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        yield from _urls(value.get("url") or value.get("contentUrl") or value.get("@id"))
    elif isinstance(value, list):
        for item in value:
            yield from _urls(item)


def read_json_ld(tree: LexborHTMLParser, found: Collected) -> None:
    """Article fields from JSON-LD (``@graph`` and lists included); pages as a fallback."""
    objects = list(_json_ld_objects(tree))
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    pages = [o for o in objects if _types(o) & PAGE_TYPES]
    for obj in articles + pages:
        _read_creative_work(obj, found)
    for obj in (o for o in objects if _types(o) & DATED_TYPES):
        found.add("work_published", obj.get("datePublished"), "json-ld")
    for obj in objects:
        if "breadcrumblist" in _types(obj):
            _read_breadcrumb_list(obj, found)
        elif obj in pages and isinstance(obj.get("breadcrumb"), dict):
            _read_breadcrumb_list(obj["breadcrumb"], found)
    for obj in objects:
        if _types(obj) & {"organization", "newsmediaorganization", "website"}:
            found.add("site_names", obj.get("name"), "json-ld")


def _read_creative_work(obj: dict[str, Any], found: Collected) -> None:
    src = "json-ld"
    for key in ("headline", "name", "alternativeHeadline"):
        found.add("titles", obj.get(key) if isinstance(obj.get(key), str) else None, src)
    for name in _names(obj.get("author")):
        found.add("authors", name, src)
    for name in _names(obj.get("publisher")):
        found.add("publishers", name, src)
    found.add("published", obj.get("datePublished") or obj.get("dateCreated"), src)
    found.add("modified", obj.get("dateModified"), src)
    found.add("descriptions", obj.get("description"), src)
    for url in _urls(obj.get("image") or obj.get("thumbnailUrl")):
        found.add("images", url, src)
    found.add("languages", obj.get("inLanguage") if isinstance(obj.get("inLanguage"), str)
              else None, src)
    section = obj.get("articleSection")
    for item in section if isinstance(section, list) else [section]:
        found.add("sections", item, src)
    keywords = obj.get("keywords")
    for item in keywords if isinstance(keywords, list) else [keywords]:
        found.add("tags", item, src)
    found.add("canonical_urls", obj.get("url") if isinstance(obj.get("url"), str) else None, src)
    body = obj.get("articleBody")
    found.add("article_body", body if isinstance(body, str) else None, src)


def _read_breadcrumb_list(obj: dict[str, Any], found: Collected) -> None:
    items = obj.get("itemListElement")
    if not isinstance(items, list):
        return
    ordered = sorted((i for i in items if isinstance(i, dict)),
                     key=lambda i: _position(i.get("position")))
    trail: list[Found] = []
    for item in ordered:
        name = item.get("name")
        inner = item.get("item")
        if not isinstance(name, str) and isinstance(inner, dict):
            name = inner.get("name")
        if isinstance(name, str) and name.strip():
            trail.append(Found(html.unescape(" ".join(name.split())), "json-ld"))
    if trail:
        found.breadcrumbs.append(tuple(trail))


def _position(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("inf")


# --- <meta> ---------------------------------------------------------------------------------

def read_meta_tags(tree: LexborHTMLParser, found: Collected) -> None:
    """OpenGraph, ``article:*``, Dublin Core, Twitter and classic ``<meta name>`` tags."""
    by_key: dict[str, list[str]] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") \
            or attrs.get("http-equiv")
        if key:
            by_key.setdefault(key.strip().lower(), []).append(attrs.get("content") or "")
    for name, keys in META_FIELDS.items():
        for key in keys:
            for value in by_key.get(key, ()):
                found.add(name, value, "meta")


# --- microdata ------------------------------------------------------------------------------

def read_microdata(tree: LexborHTMLParser, found: Collected) -> None:
    """Microdata BreadcrumbList trails and ``itemprop`` dates, authors and headline."""
    for trail_node in tree.css("[itemtype*='BreadcrumbList']"):
        names = [n.text(deep=True, strip=True) for n in
                 trail_node.css("[itemprop='itemListElement'] [itemprop='name']")]
        trail = tuple(Found(" ".join(n.split()), "microdata") for n in names if n.strip())
        if trail:
            found.breadcrumbs.append(trail)
    by_prop: dict[str, list[LexborNode]] = {}  # one page-wide query, not one per property
    for node in tree.css("[itemprop]"):
        for prop in (node.attributes.get("itemprop") or "").split():
            by_prop.setdefault(prop, []).append(node)
    microdata: tuple[tuple[str, Field], ...] = (
        ("datePublished", "published"), ("dateModified", "modified"), ("headline", "titles"))
    for prop, name in microdata:
        for node in by_prop.get(prop, ()):
            attrs = node.attributes
            value = attrs.get("content") or attrs.get("datetime") or node.text(strip=True)
            found.add(name, value, "microdata")
    for publisher in by_prop.get("publisher", ()):
        for node in publisher.css("[itemprop='name']"):
            found.add("publishers", node.attributes.get("content") or node.text(strip=True),
                      "microdata")
    for node in by_prop.get("author", ()):
        inner = node.css_first("[itemprop='name']")
        value = (inner.attributes.get("content") or inner.text(strip=True)) if inner else (
            node.attributes.get("content") or node.text(deep=True, strip=True))
        found.add("authors", value, "microdata")


# --- <time>, rel=tag, lang, canonical, h1 ---------------------------------------------------



def read_time_elements(tree: LexborHTMLParser, found: Collected) -> None:
    """``<time datetime>`` values, split into published and modified by their labels;
    ranked and filtered as visible date lines are (``_add_dates``)."""
    dates: list[tuple[LexborNode, DateParts]] = []
    for node in tree.css("time[datetime]"):
        value = node.attributes.get("datetime") or ""
        label = " ".join(filter(None, (node.attributes.get("class"),
                                       node.attributes.get("itemprop"),
                                       _parent_label(node))))
        dates.append((node, [("modified" if MODIFIED_HINT.search(label) else "published",
                              value)]))
    _add_dates(tree, dates, found, "time")


def _parent_label(node: LexborNode) -> str:
    parent = node.parent
    if parent is None:
        return ""
    own = (parent.attributes.get("class") or "") + " "
    return own + (parent.text(deep=False, strip=True) or "")[:40]


def read_html_hints(tree: LexborHTMLParser, found: Collected) -> None:
    """``<html lang>``, the canonical link, ``rel=tag`` links, the first headline, bylines."""
    root = tree.root
    if root is not None:
        found.add("languages", root.attributes.get("lang") or root.attributes.get("xml:lang"),
                  "html")
    for link in tree.css("link[rel~='canonical' i][href]"):
        found.add("canonical_urls", link.attributes.get("href"), "html")
    for link in tree.css(", ".join(METADATA.tag_links)):
        if "category" not in (link.attributes.get("rel") or ""):  # WordPress category links
            found.add("tags", link.text(deep=True, strip=True), "html")
    read_labelled_tags(tree, found)
    headline = _first(tree, METADATA.headline)
    if headline is not None:
        found.add("headline", headline.text(deep=True, separator=" ", strip=True), "html")
    title = tree.head.css_first("title") if tree.head is not None else None
    if title is not None:
        found.add("title_tag", title.text(deep=True, strip=True), "html")
    for link in tree.css(", ".join(METADATA.author_links)):
        found.add("author_links", link.text(deep=True, separator=" ", strip=True), "html")
    for selector in METADATA.byline if tree.css_first(_ANY_BYLINE) is not None else ():
        for node in tree.css(selector):
            if _in_other_story(node):
                continue  # a related story's or a commenter's name
            text = " ".join(node.text(deep=True, separator=" ", strip=True).split())
            found.add("bylines", _byline_text(node, text) if len(text) <= _MAX_LINE else text,
                      "html")


_ANY_BYLINE = ", ".join(METADATA.byline)


def read_labelled_tags(tree: LexborHTMLParser, found: Collected) -> None:
    """Links after a "Tags:"-like label, in the label's container.

    The label is an element (``<span>Tags:</span>``) or the container's own leading text
    (``<div>关键词：<a>…</a></div>``).
    """
    for label in tree.css("span, strong, b, h2, h3, h4, dt, label, em"):
        text = label.text(deep=True, strip=True)
        if len(text) > 24 or not TAG_LABEL.match(text) or label.parent is None:
            continue
        _add_tag_links(label.parent, found)
    if found.get("tags"):
        return  # a label as the container's bare text is the last resort
    for container in tree.css("div, p, li, dd, section"):
        lead = container.child
        if lead is None or lead.tag != "-text":
            continue
        text = (lead.text_content or "").strip()
        if text and len(text) <= 24 and TAG_LABEL.match(text):
            _add_tag_links(container, found)


def _add_tag_links(container: LexborNode, found: Collected) -> None:
    for link in container.css("a:not([rel~='category'])"):
        found.add("tags", link.text(deep=True, strip=True), "html")


def _first(tree: LexborHTMLParser, selectors: Sequence[str]) -> LexborNode | None:
    nodes = first_match(tree, selectors)
    return nodes[0] if nodes else None


# --- visible breadcrumb trails -----------------------------------------------------------------



def read_visible_breadcrumbs(tree: LexborHTMLParser, found: Collected) -> None:
    """Trails from breadcrumb-like containers: their list items or links, else split text.

    The first container (in page order) that holds a trail: one query for all the
    selectors, as most pages have no such container and each query walks the page.
    """
    for node in tree.css(_BREADCRUMB_CONTAINERS):
        trail = breadcrumb_items(node)
        if trail:
            found.breadcrumbs.append(tuple(Found(item, "html") for item in trail))
            return


_BREADCRUMB_CONTAINERS = ", ".join(CHROME.breadcrumbs)


def breadcrumb_items(node: LexborNode) -> list[str]:
    """The items of one breadcrumb container, in order, without a link to the home page."""
    items = node.css("li") or node.css("[property='itemListElement'], [itemprop='itemListElement']")
    if items:
        texts = [_item_text(n) for n in items if not _links_home(n)]
    else:
        links = node.css("a")
        texts = [_item_text(n) for n in links if not _links_home(n)]
        if links:
            texts.append(_trailing_text(node))
        else:
            text = node.text(deep=True, separator=" ", strip=True)
            texts = BREADCRUMB_SEPARATORS.split(text)
    return [t for t in (t.strip(SEPARATOR_EDGES) for t in texts) if t]


def _item_text(node: LexborNode) -> str:
    return " ".join(node.text(deep=True, separator=" ", strip=True).split())


def _links_home(node: LexborNode) -> bool:
    """Whether the item links to the site's root (the trail's "Home", whatever it is called)."""
    link = node if node.tag == "a" else node.css_first("a")
    if link is None:
        return False
    href = (link.attributes.get("href") or "").strip()
    path = re.sub(r"^(?:https?:)?//[^/]+", "", href)
    return path in ("", "/", "/index.html", "/index.php", "/index.htm") or \
        "home" in (link.attributes.get("class") or "").split()


def _trailing_text(node: LexborNode) -> str:
    """Text after the last link, as in ``<a>Home</a> » <a>News</a> » Headline``."""
    last = node.last_child
    while last is not None and last.is_text_node and not (last.text() or "").strip(
            SEPARATOR_EDGES):
        last = last.prev
    if last is None or last.tag == "a" or last.css_first("a") is not None:
        return ""
    return _item_text(last) if not last.is_text_node else " ".join((last.text() or "").split())


# --- visible lines: bylines, date lines, breadcrumb lines outside known containers -----------

_LINE_TAGS = ("p, span, address, small, em, strong, li, dd, time, abbr, h2, h3, h4, h5, h6, "
              "div:not(:has(div, p, ul, ol, table, section, article))")
_MAX_LINE = 160


def read_visible_lines(tree: LexborHTMLParser, found: Collected) -> None:
    """Short visible lines that state a byline, a date or a breadcrumb trail."""
    body = tree.body
    if body is None:
        return
    previous = ""
    dates: list[tuple[LexborNode, DateParts]] = []
    for node in body.css(_LINE_TAGS):
        raw = node.text(deep=True, separator=" ", strip=True)
        if not raw or len(raw) > 3 * _MAX_LINE or raw == previous:
            continue  # nested wrappers (li > a > span) repeat one text: read it once
        previous = raw
        text = " ".join(raw.split()).strip("()（）[]【】 ")
        if len(text) > _MAX_LINE:
            if len(text) <= 2 * _MAX_LINE and META_HINT.search(_hints(node)):
                # a meta sentence: "Dieser Beitrag wurde am … veröffentlicht und unter …"
                dates.append((node, date_expressions(text)))
            continue
        byline = BYLINE_START.match(text) is not None
        dated = _line_dates(node, text, byline) if _DIGIT.search(text) else []
        if dated:
            dates.append((node, dated))
        if byline:
            found.add("bylines", _byline_text(node, text), "text")
        elif not dated and _LINE_MARKS.search(text):
            _read_labelled_line(LINE_LABEL.sub("", text, count=1), found)
    _add_dates(tree, dates, found, "text")


DateParts = list[tuple[str, str]]
"""``(field, text)`` of each date a line states: ``published`` or ``modified``."""


def _line_dates(node: LexborNode, text: str, byline: bool) -> DateParts:
    """The dates a visible line (with a digit) states: a whole date line, a time-only
    update, or the date inside a short meta line or a byline ("Peter Grimm / 07.11.2023
    / 09:30", "VON X am 21. April 2020", "21. Januar 2022 | Mobilität")."""
    has_year = _HAS_YEAR.search(_ascii_digits(text)) is not None
    if byline:
        dated = _byline_date(text)  # "Door Pieter de Vries | dinsdag 9 april 2024"
        return date_line_parts(dated) if dated else \
            (date_expressions(text) if has_year else [])
    if has_year and is_timestamp_line(
            text, thorough=DATE_HINT.search(_hints(node)) is not None):
        # A year is required: "today", "2 days ago" or "6h 18" in a saved page say
        # nothing reliable. The slow (dateparser) check only where markup says "date".
        machine = _machine_value(node)
        return date_line_parts(_label_of(text) + machine if machine else text)
    if update_clock(text):  # "Updated 3:45 PM EST": joined to the published day later
        return [("modified", text)]
    if has_year and _is_meta_line(node, text):
        return date_expressions(text)
    return []


_META_WORDS_MAX = 6
_META_CHARS_MAX = 48
_DATE_WORDS_MAX = 8  # "Tuesday, March 5, 2024 at 3:45 p.m. EST"
_SENTENCE = re.compile(r"[，。！？]|[^\W\d_]{3}[.!?](?:\s|$)")
"""Sentence punctuation: a line of prose that mentions a date, not a line of fields."""


def _is_meta_line(node: LexborNode, text: str) -> bool:
    """A short line of fields around a date (a name, a section, a label), not prose:
    few words besides the date, or markup that says it holds dates or bylines."""
    if META_HINT.search(_hints(node)):
        return True
    if len(text.split()) > _META_WORDS_MAX + _DATE_WORDS_MAX:
        return False  # a cheap test first: this runs on every short line with a year
    rest = " ".join(DATE_FREE.sub(" ", text).split())
    # characters too: a CJK sentence has no spaces to count
    return len(rest.split()) <= _META_WORDS_MAX and len(rest) <= _META_CHARS_MAX \
        and not _SENTENCE.search(rest)


_BYLINE_PARTS = re.compile(r"\s+[|·•–—]\s+")


def _byline_date(text: str) -> str | None:
    """The date after a byline on one line, when a separator sets it apart."""
    parts = _BYLINE_PARTS.split(text)
    dated = [p for p in parts[1:] if _HAS_YEAR.search(_ascii_digits(p))
             and is_timestamp_line(p, thorough=False)]
    return " | ".join(dated) or None


def _add_dates(tree: LexborHTMLParser, dates: list[tuple[LexborNode, DateParts]],
               found: Collected, source: str) -> None:
    """Dates shown on the page, the article's own first; none from site chrome, the
    navigation bar, comments or related stories.

    A date in a top bar, a navigation bar or a footer is today's date or a copyright
    year, and one in a comment is the comment's; the article's own dates sit in or by
    its container, and once each: dates repeated down a list (teasers, events, posts)
    come last.
    """
    dates = [(node, parts) for node, parts in dates if parts]
    if not dates:
        return
    if found.chrome is None:
        in_chrome(tree, dates[0][0], found)  # finds the page's chrome once
    root = found.article_root(tree)
    root_id = root.mem_id if root is not None else None
    placed = [(node, parts, inside) for node, parts in dates
              if (inside := _placement(node, root_id, found.chrome or set())) is not None]
    listed = _listed(node for node, _, _ in placed)
    ranked: list[tuple[int, DateParts]] = []
    for node, parts, inside_root in placed:
        ranked.append((2 * (node.mem_id in listed) + (not inside_root), parts))
        if source == "text" and node.mem_id not in listed:  # a list's dates are its content
            line = node.text(deep=True, separator=" ", strip=True)
            found.date_lines.add(line_key(line))
            found.add("publishers", source_in_line(line), "text")  # "… 来源：新华网"
    for rank, parts in sorted(ranked, key=lambda item: item[0]):
        for name, text in parts:  # a list's dates are other stories' or events' first
            found.add("modified" if name == "modified" else "published", text,
                      LIST_SOURCE if rank >= 2 else source)


def _placement(node: LexborNode, root_id: int | None, chrome: set[int]) -> bool | None:
    """None when a date at ``node`` is not the article's (it sits in site chrome or
    comments, in a related-story box as ``_in_other_story`` tells, or in the navigation
    bar: a ``<nav>``, "navtop", "header__nav-top"), else whether it sits in the article
    root. One walk up the ancestors."""
    inside, names_count = False, True
    parent = node.parent
    while parent is not None:
        if parent.mem_id in chrome:
            return None
        inside = inside or parent.mem_id == root_id
        if names_count and parent.tag in _PAGE_LEVEL:
            names_count = False  # the story's own <article>, <main> or <body>: stop there
        elif names_count:
            attrs = parent.attributes
            names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
            if parent.tag == "nav" or (len(names) > 1 and (
                    _NAVIGATION.search(names) or _OTHER_STORY.search(_TAXONOMY.sub("", names)))):
                return None
        parent = parent.parent
    return inside


def line_key(text: str) -> str:
    """How a visible line is compared with a line of the body text."""
    return " ".join(text.split()).casefold()


LIST_SOURCE = "list"
"""The source of a date shown down a list (teasers, events, posts): likely another
item's date; ``pipeline`` ranks it after every other date the page shows."""
_LIST_DEPTH = 6
_LIST_ITEMS = 3


def _listed(nodes: Iterable[LexborNode]) -> set[int]:
    """``mem_id`` of the nodes that sit in a list: under sibling elements alike (same tag
    and first class: "teaser-box cat-sport", "teaser-box cat-kultur") of which at least
    three hold one of ``nodes``."""
    holders: dict[tuple[int, str, str], dict[int, list[int]]] = {}
    for node in nodes:
        element, depth = node, 0
        while element.parent is not None and element.tag not in _PAGE_LEVEL \
                and depth < _LIST_DEPTH:
            parent = element.parent
            classes = (element.attributes.get("class") or "").split()
            key = (parent.mem_id, element.tag or "", classes[0] if classes else "")
            holders.setdefault(key, {}).setdefault(element.mem_id, []).append(node.mem_id)
            element, depth = parent, depth + 1
    listed: set[int] = set()
    for items in holders.values():
        if len(items) >= _LIST_ITEMS:
            listed.update(i for held in items.values() for i in held)
    return listed


# Where dates that are not the article's sit: the site's header and footer (today's
# date, a copyright year) and comment threads. (Related stories' dates come after the
# article's own, which are ranked first, and testing for them here costs more.)
_CHROME = ", ".join((*CHROME.headers_footers, *CHROME.comments, *TOP_BARS))


_OTHER_STORY = re.compile(OTHER_STORY_NAMES, re.IGNORECASE)
# A post's own taxonomy in its classes (WordPress "category-news post_tag-kommentar"): the
# topics of the story, not the role of the element.
_TAXONOMY = re.compile(r"(?<!\S)(?:category|tag|post_tag|format|author)-\S*")
_PAGE_LEVEL = frozenset({"article", "main", "body", "html"})


def _in_other_story(node: LexborNode) -> bool:
    """``node`` sits in a related-stories list or a comment thread, by its ancestors'
    class and id names (bylines are few: cheaper than matching selectors page-wide).

    The walk stops at the story's own ``<article>`` or ``<main>`` and never reads
    ``<body>``: their classes describe the page ("single-post comments-open"), not a
    list of other stories.
    """
    parent = node.parent
    while parent is not None and parent.tag not in _PAGE_LEVEL:
        attrs = parent.attributes
        names = _TAXONOMY.sub("", f"{attrs.get('class') or ''} {attrs.get('id') or ''}")
        if len(names) > 1 and _OTHER_STORY.search(names):
            return True
        parent = parent.parent
    return False


# "navbar", "navtop", "header__nav-top", "navwrap", "main-navigation"; not a bare "nav"
# (Bootstrap's class for any inline list) nor "with-navigation" (a layout switch).
_NAVIGATION = re.compile(r"(?<![\w-])(?:[\w-]*_)?nav-?(?:bar|top|wrap|igation)\b", re.IGNORECASE)


def in_chrome(tree: LexborHTMLParser, node: LexborNode, found: Collected) -> bool:
    """``node`` sits in site chrome or comments (the set of such elements is found once
    per page, on first need)."""
    if found.chrome is None:
        body = tree.body
        found.chrome = {n.mem_id for n in body.css(_CHROME)} if body is not None else set()
    return bool(found.chrome) and not found.chrome.isdisjoint(_ancestor_ids(node))


def _machine_value(node: LexborNode) -> str | None:
    """A machine-readable time on the element or inside it (``data-date-time="… 09:41:07"``).

    It is exact where the visible text may drop seconds or the offset.
    """
    for element in (node, *node.css("*")[:20]):
        for key, value in element.attributes.items():
            if value and key.startswith("data-") and ("date" in key or "time" in key) \
                    and is_date(value):
                return value
    return None


def _label_of(text: str) -> str:
    """The "Updated" in "Updated: …", kept so the value still goes to the right field."""
    return "Updated " if MODIFIED_HINT.search(text) else ""


def _ancestor_ids(node: LexborNode) -> set[int]:
    ids = set()
    parent = node.parent
    while parent is not None:
        ids.add(parent.mem_id)
        parent = parent.parent
    return ids


# Characters a trail or a hashtag line cannot do without (a cheap test before the real ones).
_LINE_MARKS = re.compile(r"[#＃»›>→＞/]")
_DIGIT = re.compile(r"\d")
# 13xx/14xx and 25xx: Solar Hijri and Buddhist era years (lexicon.calendars)
_HAS_YEAR = re.compile(rf"(?<!\d)(?:19|20|13|14|25)\d{{2}}(?!\d)|\d{{2,4}}\s*{signs(YEAR_SIGNS)}"
                       r"|'\d{2}\b"
                       r"|(?<![\d.])\d{1,2}\.\s?\d{1,2}\.\s?\d{2}(?![\d.])")  # 23.09.22


def _ascii_digits(text: str) -> str:
    """Arabic-Indic and other decimal digits as ASCII, so patterns on years match them."""
    if text.isascii():
        return text
    return re.sub(r"\d", lambda m: str(unicodedata.digit(m.group(), 0)), text)


def _hints(node: LexborNode) -> str:
    """The tag, class and id of an element, where markup says what it holds."""
    return f"{node.tag} {node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"


def _read_labelled_line(text: str, found: Collected) -> None:
    """A breadcrumb or hashtag line, once a short label ("You are here:") is removed."""
    if BREADCRUMB_LINE.match(text):
        found.breadcrumbs.append(tuple(Found(p, "text") for p in breadcrumb_parts(text)))
    elif is_hashtag_line(text):
        for tag in hashtags(text):
            found.add("tags", tag, "text")


def _byline_text(node: LexborNode, text: str) -> str:
    """A byline with its name elements marked, so roles after them are not read as names.

    ``By <strong>Teodora Lusk</strong> <span>Arts Reporter</span>`` reads as
    "By Teodora Lusk": when a byline holds links or name elements, those are the names.
    """
    names = [" ".join(n.text(deep=True, strip=True).split())
             for n in node.css("a, strong, b, [itemprop='name'], [class*='name']")]
    names = [n for n in names if n]
    if not names:
        return text
    marker = BYLINE_START.match(text)
    prefix = text[: marker.end() - 1] if marker else ""
    return f"{prefix} {' and '.join(dict.fromkeys(names))}".strip()
