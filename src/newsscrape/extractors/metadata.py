"""Metadata readers: what the page says about the article, read before chrome removal.

Each reader takes the parsed tree and returns found values with their source
(``json-ld``, ``meta``, ``microdata``, ``time``, ``html``). Nothing is normalized
here: the normalizer chooses and cleans.
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsscrape.document.language import primary_language
from newsscrape.extractors.chrome import ElementTest
from newsscrape.extractors.headlines import find_headline, site_name_headings
from newsscrape.extractors.headlines import is_logo_heading as logo_heading
from newsscrape.extractors.headlines import is_visible_heading as visible_heading
from newsscrape.extractors.patterns import (
    BREADCRUMB_SEPARATORS,
    LINE_LABEL,
    SEPARATOR_EDGES,
    breadcrumb_parts,
)
from newsscrape.extractors.selectors import (
    CHROME,
    METADATA,
    OTHER_STORY_NAMES,
    TAGLINE_NAMES,
    TOP_BARS,
)
from newsscrape.extractors.strip import find_article_root, grouped
from newsscrape.extractors.taglinks import (
    Places,
    archive_links,
    read_category_links,
    read_labelled_lists,
    read_tag_links,
)
from newsscrape.extractors.trails import structural_trail
from newsscrape.lexicon.bylinewords import (
    BYLINE_START,
    MORE_BY_LABEL,
    ROLE_WORDS,
    WITH_WORD_OF,
    WITH_WORD_SET,
    WRITER_CREDIT_WORDS,
)
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
from newsscrape.lexicon.furniture import BREADCRUMB_LINE
from newsscrape.lexicon.hashtags import hashtags, is_hashtag_line
from newsscrape.lexicon.names import byline_names, is_marker, without_marker
from newsscrape.lexicon.terms import first_spellings
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
AUTHORED_TYPES = frozenset({"recipe", "discussionforumposting", "question", "howto",
                            "review", "videoobject"})
"""Works other than articles whose ``author`` is the page's author (a recipe's cook, a
forum thread's first poster); read for the keywords, and the author when the page has
no article object."""
ORGANIZATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation",
                                "ngo", "governmentorganization", "educationalorganization"})

Field = Literal["titles", "headline", "title_tag", "authors", "organization_authors",
                "bylines", "author_links",
                "publishers", "site_names", "published", "modified", "languages", "sections",
                "tags", "keywords", "canonical_urls", "descriptions", "images", "article_body",
                "work_published", "page_dated"]
"""What ``Collected`` gathers: the ``Candidates`` field each value feeds (``article_body``,
JSON-LD's text, is only a fallback for an empty body; ``page_dated``, a page-level
``<meta name=date>``, comes after the dates the story shows; ``work_published``, the date
of a how-to, recipe or forum thread the page holds, comes after every other published
date)."""

# meta name/property -> field, in order of trust within the meta source.
META_FIELDS: dict[Field, tuple[str, ...]] = {
    "titles": ("og:title", "twitter:title", "dc.title", "sailthru.title", "parsely-title"),
    "publishers": ("og:site_name", "application-name", "publisher", "dc.publisher"),
    "authors": ("author", "article:author", "dc.creator", "sailthru.author", "parsely-author",
                "byl", "twitter:creator:name"),
    "published": ("article:published_time", "og:published_time", "datepublished",
                  "pubdate", "publishdate", "publish-date", "publish_date",
                  "dc.date.issued", "dcterms.created", "sailthru.date",
                  "parsely-pub-date", "article.published", "originalpublicationdate",
                  "og:article:published_time", "cxenseparse:recs:publishtime"),
    # A page's date of no stated kind: a CMS sets it to the record's last change as often
    # as to the story's publication, so the date the story shows comes first.
    "page_dated": ("date", "dc.date"),
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
    chrome: dict[int, bool] = field(default_factory=dict)
    """Whether an element is site chrome (see ``in_chrome``), by ``mem_id``, once asked."""
    chrome_query: set[int] | None = None
    """``mem_id`` of every element the chrome selectors match page-wide: found only when
    an element's answer depends on the document's quirks mode (``chrome.ElementTest``)."""
    story: set[int] | None = None
    """``mem_id`` of the article root and its ancestors, never chrome."""
    root: LexborNode | None = None
    root_known: bool = False
    """Whether ``root`` was looked up (see ``article_root``); then stripping reuses it."""
    date_lines: set[str] = field(default_factory=set)
    """The visible lines the article's dates were read from (casefolded, spaces
    collapsed): they leave the body text, as hashtag lines do."""
    stamp_lines: dict[tuple[str, bool], bool] = field(default_factory=dict)
    """``is_timestamp_line`` answers by text and thoroughness: a page repeats its lines
    (nested wrappers, a date shown twice), and a thorough answer may cost dateparser."""
    headline_node: LexborNode | None = None
    """The article's headline element (``headlines.find_headline``: its ``<h1>``, else a
    post title ``<h2>``/``<h3>`` or an element named as the headline), once read."""
    headline_holders: set[int] | None = None
    """``mem_id`` of the elements holding an ``<h1>``, found on first need."""
    elsewhere: dict[int, bool] = field(default_factory=dict)
    """``_elsewhere`` answers by the ``mem_id`` of the element's parent."""
    names: dict[int, int] = field(default_factory=dict)
    """What elements' class and id names say (``_name_marks``), by ``mem_id``, once asked."""
    headings: dict[int, LexborNode | None] = field(default_factory=dict)
    """An element's first linked heading (``_TEASER_HEADING``), by ``mem_id``, once asked."""
    own_path: str | None = None
    """The path of the page's own address ("" when it states none), found on first need."""
    language: str | None = None
    language_known: bool = False
    """``declared_language()``, once the readers that find languages have run."""

    def declared_language(self) -> str | None:
        """The primary subtag of the language the page declares (``<html lang>`` first,
        then in reading order: JSON-LD before ``<meta>``; the HTTP header is not known
        here), or None."""
        declared = self.get("languages")
        for item in sorted(declared, key=lambda f: f.source != "html"):
            if language := primary_language(item.value):
                return language
        return None

    def is_stamp_line(self, text: str, thorough: bool) -> bool:
        """``is_timestamp_line`` in the page's declared language, answered once per text:
        a page repeats its lines (nested wrappers, a date shown twice, a visible line
        again in the body), and a thorough answer may cost dateparser."""
        key = (text, thorough)
        answer = self.stamp_lines.get(key)
        if answer is None:
            if not self.language_known:
                self.language, self.language_known = self.declared_language(), True
            answer = is_timestamp_line(text, thorough=thorough, language=self.language)
            self.stamp_lines[key] = answer
        return answer

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
    read_closing_name(tree, found)
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


def _entities(value: Any, by_id: dict[str, dict[str, Any]]) -> Iterator[Any]:
    """The persons or organizations of an ``author`` value, references (``{"@id": …}``,
    as Yoast's graphs write them) resolved."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict) and "name" not in item:
            item = by_id.get(str(item.get("@id")), item)
        yield item


def _add_authors(value: Any, by_id: dict[str, dict[str, Any]], found: Collected) -> None:
    for entity in _entities(value, by_id):
        is_org = isinstance(entity, dict) and bool(_types(entity) & ORGANIZATION_TYPES)
        for name in _names(entity):
            found.add("organization_authors" if is_org else "authors", name, "json-ld")


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
    by_id = {str(o["@id"]): o for o in objects if "@id" in o}
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    pages = [o for o in objects if _types(o) & PAGE_TYPES]
    for obj in articles + pages:
        _read_creative_work(obj, found)
        _add_authors(obj.get("author"), by_id, found)
    for obj in objects:
        types = _types(obj)
        if types & DATED_TYPES:
            found.add("work_published", obj.get("datePublished"), "json-ld")
        if types & AUTHORED_TYPES:
            _add_keywords(obj, found)  # a recipe card's keywords in a post about it
            if not articles:
                _add_authors(obj.get("author"), by_id, found)
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
    _add_keywords(obj, found)
    found.add("canonical_urls", obj.get("url") if isinstance(obj.get("url"), str) else None, src)
    body = obj.get("articleBody")
    found.add("article_body", body if isinstance(body, str) else None, src)


def _add_keywords(obj: dict[str, Any], found: Collected) -> None:
    keywords = obj.get("keywords")
    for item in keywords if isinstance(keywords, list) else [keywords]:
        found.add("tags", item, "json-ld")


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
        if not trail and any(_is_home(url) for url in _urls(inner)):
            continue  # the root, whatever it is called ("Início", "Accueil", "トップ")
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
        items = [item for item in trail_node.css("[itemprop='itemListElement']")
                 if not _links_home(item)]
        names = [n.text(deep=True, strip=True) for item in items
                 for n in item.css("[itemprop='name']")[:1]]
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
        if _in_other_item(node) or _in_other_story(node, found) or \
                _in_teaser(tree, node, found):
            continue  # a commenter, a reviewer, a related story's author
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
    root = found.article_root(tree)
    holders = ({root.mem_id} | _ancestor_ids(root)) if root is not None else set()

    places = Places(elsewhere=lambda node: _elsewhere(tree, node, found),
                    page_level=lambda node: node.mem_id in holders)
    archived, categories = archive_links(tree.css("a[href]"))
    tag_links = read_tag_links(tree, places, archived)
    labelled_tags, labelled_categories = read_labelled_lists(
        tree, places, have_tags=bool(tag_links or found.get("tags")))
    for tag in (*tag_links, *labelled_tags):
        found.add("tags", tag, "html")
    for category in (*read_category_links(categories, places), *labelled_categories):
        found.add("sections", category, "html")
    title = tree.head.css_first("title") if tree.head is not None else None
    if title is not None:
        found.add("title_tag", title.text(deep=True, strip=True), "html")
    titles = [f.value for f in (*found.get("titles"), *found.get("title_tag"))]
    headline = find_headline(tree, titles)
    if headline is not None:
        found.headline_node = headline[0]
        found.add("headline", headline[1], "html")
    for name in site_name_headings(tree):
        found.add("site_names", name, "html")
    taken: set[str] = set()
    for link in _author_links(tree)[:_MAX_AUTHOR_LINKS]:
        text = link.text(deep=True, separator=" ", strip=True)
        if text and text not in taken and not _not_bylines(tree, link, found):
            taken.add(text)  # the same name again adds nothing
            found.add("author_links", text, "html")
    texts: set[str] = set()
    for node in _byline_containers(tree):
        if len(texts) >= _MAX_BYLINES:
            break  # enough bylines read
        text = " ".join(node.text(deep=True, separator=" ", strip=True).split())
        if not text or len(text) > _MAX_BYLINE_BLOCK or text in texts or \
                _links_home(node) or _not_bylines(tree, node, found):
            continue  # an avatar, a bio, a byline read already, the site's own card
        texts.add(text)
        found.add("bylines", _byline_text(node, text) if len(text) <= _MAX_LINE else text,
                  "html")
    _read_credit_pairs(tree, found)


def _byline_containers(tree: LexborHTMLParser) -> list[LexborNode]:
    """The byline containers in the selectors' order (``METADATA.byline``), each once and
    in page order within a selector's turn: one page-wide query, then each element's
    turn, the first selector ``css_matches`` grants it (the element or an element inside
    it matches). ``css_matches`` compiles its selector at every call: each element stops
    at its first."""
    ranked: dict[int, tuple[int, LexborNode]] = {}
    for node in tree.css(_ANY_BYLINE):  # (an element matching two selectors comes twice)
        if node.mem_id not in ranked:
            rank = next((i for i, selector in enumerate(METADATA.byline)
                         if node.css_matches(selector)), None)
            if rank is not None:
                ranked[node.mem_id] = (rank, node)
    return [node for _, node in sorted(ranked.values(), key=lambda item: item[0])]


def _in_related_item(tree: LexborHTMLParser, node: LexborNode, found: Collected) -> bool:
    """``node`` follows a link to another story (not an author's page) on one of three
    or more alike items: a related list's item ("<li><a href=/other-story/>Title</a>
    <div class=autor>von X</div></li>")."""
    item = node.parent
    if item is None or item.parent is None or not _after_story_link(tree, node, found):
        return False
    kind = (item.tag, item.attributes.get("class"))
    alike = sum((child.tag, child.attributes.get("class")) == kind for child in item.parent.iter())
    return alike >= _LIST_ITEMS


def _after_story_link(tree: LexborHTMLParser, node: LexborNode, found: Collected) -> bool:
    """A link to another story (not an author's page) comes before ``node`` among its
    siblings."""
    sibling = node.prev
    while sibling is not None:
        if sibling.tag == "a" and _story_link(tree, sibling, found):
            return True
        sibling = sibling.prev
    return False


def _story_link(tree: LexborHTMLParser, link: LexborNode, found: Collected) -> bool:
    """A link to another story: elsewhere than the page itself, not to an author's page."""
    href = link.attributes.get("href") or ""
    return not _AUTHOR_PAGE.search(href) and _linked_elsewhere(tree, link, found)


_CREDIT_LABELS = grouped(METADATA.credit_labels)
_MAX_CREDITS = 20  # a page's own credits come in a handful; a glossary has hundreds
_CREDIT_LABEL_MAX = 20
_CREDIT_VALUE_MAX = 80


def _read_credit_pairs(tree: LexborHTMLParser, found: Collected) -> None:
    """Credits given as a label and its value in two elements: a definition list's
    "Auteur" term and the name after it, a credits block's "Text" label and its name.
    They rank after the byline containers."""
    for label in tree.css(_CREDIT_LABELS)[:_MAX_CREDITS]:
        text = label.text(deep=True, strip=True).rstrip(":：").strip()
        if not text or len(text) > _CREDIT_LABEL_MAX or not _writer_label(label, text):
            continue  # a cheap length test before the markers' patterns
        value = label.next
        while value is not None and not (value.tag or "").isalnum():
            value = value.next  # text between the elements: "<dt>Auteur</dt> <dd>"
        if value is None or (label.tag == "dt") != (value.tag == "dd"):
            continue  # a term's value is its <dd>
        name = " ".join(value.text(deep=True, separator=" ", strip=True).split())
        if _credited_name(name, text, found) and not _not_bylines(tree, label, found):
            found.add("bylines", name, "html")  # the label vouches for a one-word name


def _writer_label(label: LexborNode, text: str) -> bool:
    """A byline marker ("Autorin", "Text von"); "Interview" only in a credits block, as
    a definition list's term "Interview" often heads the person interviewed."""
    if label.tag != "dt" and text.casefold() in WRITER_CREDIT_WORDS:
        return True
    return is_marker(f"{text}:")


def _credited_name(value: str, label: str, found: Collected) -> bool:
    """Whether a credit's value is a name, not the person spoken with ("mit X")."""
    return bool(value) and len(value) <= _CREDIT_VALUE_MAX and \
        not _with_word(value.split()[0], label, found) and \
        bool(byline_names(value, single=True))


def _with_word(word: str, label: str, found: Collected) -> bool:
    """Whether a credit's first word is "with": in any language under "Interview"
    ("Interview: Con la alcaldesa …"), else written lower-case or the page's own
    language's ("Autor: Mit …"), as a with-word of another language may open a name
    ("Author: Con Hurley")."""
    folded = word.casefold()
    if folded not in WITH_WORD_SET:
        return False
    if label.casefold() in WRITER_CREDIT_WORDS or word.islower():
        return True
    return WITH_WORD_OF.get(found.declared_language() or "") == folded


def _author_links(tree: LexborHTMLParser) -> list[LexborNode]:
    """What ``tree.css(", ".join(METADATA.author_links))`` lists (each link once per
    selector it matches), from a query for what they share: seven substring tests on
    every link cost a page four times one test and a few links' attributes."""
    links: list[LexborNode] = []
    for link in tree.css(_AUTHOR_HINT):
        if links and links[-1].mem_id == link.mem_id:
            continue  # (listed again for the hint's second selector)
        attrs = link.attributes
        rels = _ASCII_SPACE.split((attrs.get("rel") or "").lower())
        href = attrs.get("href") or ""
        links += [link] * sum(value in (rels if attr == "rel" else href)
                              for attr, value in _AUTHOR_TESTS)
    return links


def _author_tests(selectors: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """``(attribute, value)`` of each ``a[rel~='…']`` (a word of the link's relations,
    which HTML compares in any case) and ``a[href*='…']`` selector (part of the address);
    another form fails at import."""
    tests = []
    for selector in selectors:
        form = re.fullmatch(r"a\[(rel~|href\*)='([^'A-Z]+)'\]", selector)
        if form is None:
            raise ValueError(f"author link selector form not supported: {selector!r}")
        tests.append((form.group(1)[:-1], form.group(2)))
    return tuple(tests)


def _author_hint(tests: tuple[tuple[str, str], ...]) -> str:
    """A query every author link matches: its address holds the start all the
    selectors' address parts share (``/aut``), or it is one by its relations."""
    parts = sorted(value for attr, value in tests if attr == "href")
    hint = [f"a[rel~='{value}']" for attr, value in tests if attr == "rel"]
    if parts:
        prefix = os.path.commonprefix(parts)  # noqa: RUF071 (characters, not paths)
        hint.insert(0, f"a[href*='{prefix}']" if prefix else "a[href]")
    return ", ".join(hint)


_AUTHOR_TESTS = _author_tests(METADATA.author_links)
_AUTHOR_HINT = _author_hint(_AUTHOR_TESTS)
_ASCII_SPACE = re.compile(r"[ \t\n\f\r]+")
_ANY_BYLINE = grouped(METADATA.byline)  # the same elements (repeats aside), cheaper
_MAX_AUTHOR_LINKS = 12  # a page listing its authors' other stories has hundreds
_MAX_BYLINES = 10  # the article's byline comes early; a listing page has hundreds
_MAX_BYLINE_BLOCK = 600  # longer texts are no bylines (what names reads stops there too)


# --- visible breadcrumb trails -----------------------------------------------------------------



def read_visible_breadcrumbs(tree: LexborHTMLParser, found: Collected) -> None:
    """Trails from breadcrumb-like containers: their list items or links, else split text.

    The first container (in page order) that holds a trail: one query for all the
    selectors, as most pages have no such container and each query walks the page.
    Without any trail, one marked only by its shape right before the headline
    (``trails.structural_trail``).
    """
    for node in tree.css(_BREADCRUMB_CONTAINERS):
        trail = breadcrumb_items(node)
        if trail:
            found.breadcrumbs.append(tuple(Found(item, "html") for item in trail))
            return
    if not found.breadcrumbs and found.headline_node is not None:
        trail = structural_trail(found.headline_node, is_home=_is_home)
        if trail:
            found.breadcrumbs.append(tuple(Found(item, "html") for item in trail))


_BREADCRUMB_CONTAINERS = ", ".join(CHROME.breadcrumbs)


def breadcrumb_items(node: LexborNode) -> list[str]:
    """The items of one breadcrumb container, in order, without a link to the home page."""
    items = [li for li in node.css("li") if li.css_first("li") is None] or \
        node.css("[property='itemListElement'], [itemprop='itemListElement']")
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
    link = node if node.tag == "a" else node.css_first("a[href], [itemprop='item'][href]")
    if link is None:
        return False
    return _is_home(link.attributes.get("href") or "") or \
        "home" in (link.attributes.get("class") or "").split()


def _is_home(url: str) -> bool:
    """Whether ``url`` is the site's root ("/", "https://example.com/", "/index.php")."""
    path = re.sub(r"^(?:https?:)?//[^/]+", "", url.strip())
    return path in ("", "/", "/index.html", "/index.php", "/index.htm")


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
    """Short visible lines that state a byline, a date or a breadcrumb trail (dates and
    trails by the story only: ``_line_scope``)."""
    body = tree.body
    if body is None:
        return
    previous = ""
    dates: list[tuple[LexborNode, DateParts]] = []
    scope = _line_scope(body, found)
    story = {n.mem_id for n in scope.css(_LINE_TAGS)} if scope.mem_id != body.mem_id \
        else None  # the lines by the story: elsewhere only bylines are read
    for node in body.css(_LINE_TAGS):
        raw = node.text(deep=True, separator=" ", strip=True)
        if not raw or len(raw) > 3 * _MAX_LINE or raw == previous:
            continue  # nested wrappers (li > a > span) repeat one text: read it once
        previous = raw
        text = " ".join(raw.split()).strip("()（）[]【】 ")
        if len(text) <= _MARKER_MAX and (child := node.child) is not None and \
                child.tag == "-text" and child.next is None \
                and _lone_marker(text) and _read_split_byline(tree, node, text, found):
            continue  # "<span>by</span> <a href=/users/7>nightowl7</a>"
        if story is not None and node.mem_id not in story:
            if len(text) <= _MAX_LINE and BYLINE_START.match(text) and \
                    not _not_bylines(tree, node, found):
                found.add("bylines", _byline_text(node, text), "text")
            continue
        if len(text) > _MAX_LINE:
            if len(text) <= 2 * _MAX_LINE and META_HINT.search(_hints(node)):
                # a meta sentence: "Dieser Beitrag wurde am … veröffentlicht und unter …"
                dates.append((node, date_expressions(text)))
            continue
        byline = BYLINE_START.match(text) is not None
        digits = _DIGIT.search(text) is not None
        has_year = digits and _HAS_YEAR.search(_ascii_digits(text)) is not None
        dated, whole = _line_dates(node, text, byline, has_year, found) if digits \
            else ([], False)
        if dated:
            dates.append((node, dated))
        if byline:
            if not _not_bylines(tree, node, found):  # not a teaser's, a comment's
                found.add("bylines", _byline_text(node, text), "text")
        elif has_year and not whole and len(text) <= _DATED_NAME_MAX and (
                name := _dated_name(text)):  # "Lea Brunner, 04.03.2022"
            if _by_the_story(tree, node, found):
                found.add("bylines", name, "text")
        elif not dated and _LINE_MARKS.search(text):
            _read_labelled_line(LINE_LABEL.sub("", text, count=1), found)
    _add_dates(tree, dates, found, "text")


_MARKER_MAX = 12  # a cheap bound ("Verfasst von"); longer markers are left to the line reader


@functools.lru_cache(maxsize=2048)
def _lone_marker(text: str) -> bool:
    """``is_marker``, kept per text: a site's short menu and label texts repeat on every
    page, and most are no marker."""
    return is_marker(text)


_SPLIT_NAME_MAX = 40


def _read_split_byline(tree: LexborHTMLParser, node: LexborNode, marker: str,
                       found: Collected) -> bool:
    """A byline marker alone in its element ("<span> by </span>"), the name in the next
    element, linked to the writer's page: the two are one byline, the name vouched for
    by its element as in a byline container's markup."""
    sibling = node.next
    while sibling is not None and (sibling.tag == "-comment" or (
            sibling.tag == "-text" and not (sibling.text(deep=False) or "").strip())):
        sibling = sibling.next
    if sibling is None or sibling.tag == "-text":
        return False  # none, or the name in plain text: the parent's line reads it
    link = sibling if sibling.tag == "a" else sibling.css_first("a[href]")
    # only a link to the writer's page vouches for the next element as a name (a
    # timetable's "<span>Di</span><span>Dienstag</span>": "di" marks bylines too)
    if link is None or not _AUTHOR_PAGE.search(link.attributes.get("href") or ""):
        return False
    name = " ".join(sibling.text(deep=True, separator=" ", strip=True).split())
    if not name or len(name) > _SPLIT_NAME_MAX or _not_bylines(tree, node, found):
        return False
    found.add("bylines", f"{marker} {name}", "html")
    return True


def _line_scope(body: LexborNode, found: Collected) -> LexborNode:
    """Where the story's own lines are: the element holding both the article root and
    the headline, and its parent (the story's header, its credits box); the whole body
    when the page has no recognisable root or headline. A line elsewhere (a menu, a
    sidebar's or another story's date, a trending-hashtags bar) says nothing of the
    article, except a byline."""
    node = found.root
    headline = found.headline_node
    if node is None or headline is None:
        return body
    holders = {headline.mem_id} | _ancestor_ids(headline)
    while node is not None and node.mem_id not in holders:
        node = node.parent
    if node is not None and node.mem_id != body.mem_id:
        node = node.parent
    return node if node is not None and node.tag not in ("html", None) else body


_CLOSING_NAME_MAX = 60
_EMPHASIS = "strong, b, em"
_SIGNATURE_WORDS = 3


def read_closing_name(tree: LexborHTMLParser, found: Collected) -> None:
    """A writer's name closing the story, linked nowhere: a byline after every byline the
    markup gives (before the text's leading byline and sign-off).

    Either alone on the last paragraph in ``<strong>``, ``<b>`` or ``<em>`` (``<p><strong>Jana
    Weber</strong></p>`` under a review), or a signature above the day it was written
    (``<p>Jana<br>12. März 2021</p>``, a letter's or a farewell post's close: the date
    vouches for one word as a name; only when the metadata names no author, as a
    place above a date reads the same). A plain or linked last line is as often a
    "more" link, a photo credit or the person the story is about."""
    root = found.article_root(tree)
    last = next((p for p in reversed(root.css("p")) if p.text(strip=True)), None) \
        if root is not None else None
    if last is None or last.css_first("a") is not None:
        return
    text = _item_text(last)
    if len(text) > _CLOSING_NAME_MAX:
        return
    marks = last.css(_EMPHASIS)
    if len(marks) == 1 and _item_text(marks[0]) == text:
        if " " in text and byline_names(text) == [text]:
            found.add("bylines", text, "text")
    elif not found.get("authors") and (signature := _dated_signature(last, found)):
        found.add("bylines", signature, "html")


def _dated_signature(paragraph: LexborNode, found: Collected) -> str | None:
    """The name of a "NAME<br>DATE" paragraph, or None."""
    if len(paragraph.css("br")) != 1:
        return None
    lines = [" ".join(line.split()) for line in
             paragraph.text(deep=True, separator="\n", strip=True).split("\n")]
    lines = [line for line in lines if line]
    if len(lines) != 2 or len(lines[0].split()) > _SIGNATURE_WORDS or \
            not found.is_stamp_line(lines[1], True):
        return None
    return lines[0] if byline_names(lines[0], single=True) == [lines[0]] else None


DateParts = list[tuple[str, str]]
"""``(field, text)`` of each date a line states: ``published`` or ``modified``."""


def _line_dates(node: LexborNode, text: str, byline: bool, has_year: bool,
                found: Collected) -> tuple[DateParts, bool]:
    """The dates a visible line (with a digit) states, and whether the line is all date:
    a whole date line or a time-only update (all date), or the date inside a short meta
    line or a byline ("Lena Brauckmann / 14.09.2022 / 16:45", "VON X am 21. April 2020",
    "3. Mai 2021 | Verkehr")."""
    if byline:
        dated = _byline_date(text)  # "Door Pieter de Vries | dinsdag 9 april 2024"
        return (date_line_parts(dated) if dated else
                (date_expressions(text) if has_year else [])), False
    if has_year and found.is_stamp_line(text, DATE_HINT.search(_hints(node)) is not None):
        # A year is required: "today", "2 days ago" or "6h 18" in a saved page say
        # nothing reliable. The slow (dateparser) check only where markup says "date".
        machine = _machine_value(node)
        return date_line_parts(_label_of(text) + machine if machine else text), True
    if update_clock(text):  # "Updated 3:45 PM EST": joined to the published day later
        return [("modified", text)], True
    if has_year and _is_meta_line(node, text):
        return date_expressions(text), False
    return [], False



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
_DATED_NAME_PARTS = re.compile(r"\s+[-|·•–—/]\s+|,\s+")
_DATED_NAME_MAX = 100
_DATE_THEN_MARKER = re.compile(r"(?<=\d)\s+(?=(?:von|by|par|por|door)\s+\S)", re.IGNORECASE)


def _by_the_story(tree: LexborHTMLParser, node: LexborNode, found: Collected) -> bool:
    """``node`` sits in the article's own container or in its headline's block, and not
    in the site's chrome: a "NAME, DATE" line elsewhere is a reader's letter or a teaser."""
    if in_chrome(tree, node, found):
        return False
    ancestors = _ancestor_ids(node)
    root = found.article_root(tree)
    if root is not None and root.mem_id in ancestors:
        return True
    headline = found.headline_node
    block = headline.parent if headline is not None else None
    return block is not None and (block.mem_id in ancestors or
                                  (block.parent is not None and block.parent.mem_id in ancestors))


def _dated_name(text: str) -> str | None:
    """The name of a short "NAME, DATE", "DATE - NAME" or "DATE von NAME" line in an
    article's header ("Lea Brunner, 04.03.2022", "17.09.2020 - Tobias Kern")."""
    marked = _DATE_THEN_MARKER.search(text)  # "21.02.2024 08:15 von Mira"
    if marked and is_timestamp_line(text[: marked.start()], thorough=False):
        return text[marked.start():].strip()
    parts = _DATED_NAME_PARTS.split(text)
    if len(parts) < 2:
        return None
    rest = [p for p in parts if not (_HAS_YEAR.search(_ascii_digits(p))
                                     and is_timestamp_line(p, thorough=False))]
    if len(rest) != 1 or len(rest) == len(parts):
        return None
    return rest[0] if byline_names(rest[0]) else None


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
    root = found.article_root(tree)
    story = {root.mem_id} if root is not None else set()
    story |= _headline_block(root, found)
    placed = [(node, parts, inside) for node, parts in dates
              if (inside := _placement(tree, node, story, found)) is not None]
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


def _headline_block(root: LexborNode | None, found: Collected) -> set[int]:
    """``mem_id`` of the block around the headline (its parent's parent), where a story
    shows its date, when the article root does not hold the headline: the root was
    not found, or it is the body alone (or another story's box, such as a list of
    related articles) while the headline and its date line sit above it."""
    headline = found.headline_node
    if headline is None:
        return set()
    ancestors = []
    parent = headline.parent
    while parent is not None:
        if root is not None and parent.mem_id == root.mem_id:
            return set()  # the root holds the headline: the story is the root
        ancestors.append(parent)
        parent = parent.parent
    block = ancestors[_HEADLINE_BLOCK] if len(ancestors) > _HEADLINE_BLOCK else None
    return {block.mem_id} if block is not None and block.tag not in _PAGE_LEVEL else set()


_HEADLINE_BLOCK = 1  # the headline's grandparent: "<div><div><h1/>…</div><p>date</p></div>"


def _placement(tree: LexborHTMLParser, node: LexborNode, story: set[int],
               found: Collected) -> bool | None:
    """None when a date at ``node`` is not the article's (it sits in site chrome or
    comments, in a related-story box as ``_in_other_story`` tells, or in the navigation
    bar: a ``<nav>``, "nav-top", "site__navbar"), else whether it sits in the story
    (the article root, or the headline's block). One walk up the ancestors."""
    inside, names_count = False, True
    header: LexborNode | None = None
    parent = node.parent
    while parent is not None:
        if _is_chrome(tree, parent, found):
            return None
        inside = inside or parent.mem_id in story
        if names_count and parent.tag in _PAGE_LEVEL:
            names_count = False  # the story's own <article>, <main> or <body>: stop there
            if parent.tag == "body" and header is not None and _is_masthead(header):
                return None
        elif names_count and (parent.tag == "nav" or _name_marks(parent, found) & _NOT_HERE):
            return None
        elif names_count and parent.tag == "header":
            header = parent
        parent = parent.parent
    return inside


def _is_masthead(header: LexborNode) -> bool:
    """A ``<header>`` in no ``<article>`` or ``<main>`` and with no headline of its own
    is the site's banner (a logo, today's date), not a story's header. A heading that
    shows the site's name (``<h1 class="site-title">``) is its logo, not a headline;
    nor is a heading no reader sees, one in the banner's menu, or the site's motto."""
    return all(logo_heading(heading) or _banner_heading(heading, header)
               for heading in header.css("h1, h2"))


_TAGLINE = re.compile(rf"(?:^|[\s_-])(?:{'|'.join(TAGLINE_NAMES)})(?:$|[\s_-])", re.IGNORECASE)


def _banner_heading(heading: LexborNode, header: LexborNode) -> bool:
    """A heading of the banner that is no headline: hidden (a menu's "Main menu" for
    screen readers), inside a ``<nav>``, naming the site's motto (``<h2
    class="site-description">``), or an ``<h1>`` holding only an image (the logo)."""
    if not visible_heading(heading) or _TAGLINE.search(heading.attributes.get("class") or ""):
        return True
    if heading.tag == "h1" and heading.css_first("img") is not None and \
            not heading.text(deep=True, strip=True):
        return True
    parent = heading.parent
    while parent is not None and parent.mem_id != header.mem_id:
        if parent.tag == "nav":
            return True
        parent = parent.parent
    return False


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
_CHROME_QUERY = grouped((*CHROME.headers_footers, *CHROME.comments, *TOP_BARS))


_OTHER_STORY = re.compile(OTHER_STORY_NAMES, re.IGNORECASE)
# A post's own taxonomy in its classes (WordPress "category-news post_tag-kommentar"): the
# topics of the story, not the role of the element.
_TAXONOMY = re.compile(r"(?<!\S)(?:category|tag|post_tag|format|author)-\S*")
_PAGE_LEVEL = frozenset({"article", "main", "body", "html"})


def _in_other_story(node: LexborNode, found: Collected) -> bool:
    """``node`` sits in a related-stories list or a comment thread, by its ancestors'
    class and id names (bylines are few: cheaper than matching selectors page-wide).

    The walk stops at the story's own ``<article>`` or ``<main>`` and never reads
    ``<body>``: their classes describe the page ("single-post comments-open"), not a
    list of other stories.
    """
    parent = node.parent
    while parent is not None and parent.tag not in _PAGE_LEVEL:
        if _name_marks(parent, found) & _OTHER_NAMES:
            return True
        parent = parent.parent
    return False


# What an element's class and id names say (``_name_marks``): bits.
_OTHER_NAMES = 1  # besides a post's taxonomy, names of related stories or comments
_NOT_HERE = 2  # those, or a navigation bar's: a date there is not the article's


def _name_marks(element: LexborNode, found: Collected) -> int:
    """What ``element``'s class and id names say, read once a page (many lines and links
    share their ancestors)."""
    marks = found.names.get(element.mem_id)
    if marks is None:
        attrs = element.attributes
        names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        marks = 0
        if len(names) > 1:
            if _OTHER_STORY.search(_TAXONOMY.sub("", names)):
                marks = _OTHER_NAMES | _NOT_HERE
            elif _NAVIGATION.search(names):
                marks = _NOT_HERE
        found.names[element.mem_id] = marks
    return marks


# "navbar", "nav-top", "site__navbar", "navwrap", "main-navigation"; not a bare "nav"
# (Bootstrap's class for any inline list) nor "with-navigation" (a layout switch).
_NAVIGATION = re.compile(r"(?<![\w-])(?:[\w-]*_)?nav-?(?:bar|top|wrap|igation)\b", re.IGNORECASE)


def _in_sidebar(node: LexborNode) -> bool:
    """``node`` sits in an ``<aside>`` or ``role=complementary`` block that is not part of
    an ``<article>`` (an article's own aside holds its metadata)."""
    parent = node.parent
    aside = False
    while parent is not None:
        if parent.tag == "article":
            return False
        aside = aside or parent.tag == "aside" or parent.attributes.get("role") == "complementary"
        parent = parent.parent
    return aside


def _elsewhere(tree: LexborHTMLParser, node: LexborNode, found: Collected) -> bool:
    """A metadata element that is not the article's: a related story's, a commenter's,
    in the site's chrome or on another story's teaser. (Each test looks at the
    element's ancestors only: the answer is kept per parent, for a list's links.)"""
    parent = node.parent
    key = parent.mem_id if parent is not None else 0
    if key not in found.elsewhere:
        found.elsewhere[key] = _in_other_story(node, found) or in_chrome(tree, node, found) or \
            _in_teaser(tree, node, found)
    return found.elsewhere[key]


def _not_bylines(tree: LexborHTMLParser, node: LexborNode, found: Collected) -> bool:
    """A byline or author link that is not the article's: elsewhere, in a sidebar,
    inside a link to another story (a teaser's "Von Imke Sattler") or after one on a
    related list's item."""
    return _elsewhere(tree, node, found) or _in_sidebar(node) or \
        _in_story_link(tree, node, found) or _in_related_item(tree, node, found)


_AUTHOR_PAGE = re.compile(r"/(?:author|authors|autor|autoren|auteur|autore|profile|user)s?/",
                          re.IGNORECASE)


def _in_story_link(tree: LexborHTMLParser, node: LexborNode, found: Collected) -> bool:
    """``node`` sits in a link leading to another page than the page itself or an
    author's page."""
    parent = node.parent
    while parent is not None and parent.tag not in _PAGE_LEVEL:
        if parent.tag == "a":
            return _story_link(tree, parent, found)
        parent = parent.parent
    return False


_TEASER_HEADING = "h2 a[href], h3 a[href], h4 a[href]"
_ABOVE_STORIES = frozenset({"main", "body", "html"})  # a teaser card may be an <article>
_TEASER_DEPTH = 6


def _in_teaser(tree: LexborHTMLParser, node: LexborNode, found: Collected) -> bool:
    """``node`` sits on another story's teaser card: going up, before any element holds
    the page's ``<h1>``, a card holds a heading linking to another page, and the card
    is a short story of its own (an ``<article>``, a microdata item) or stands beside
    sibling cards alike. (A blog's single post heads itself with a linked ``<h2>`` too, but
    the link is the page's own address.)"""
    if found.headline_holders is None:  # the elements holding an <h1>, found once
        found.headline_holders = {i for h1 in tree.css("h1") for i in _ancestor_ids(h1)}
    parent = node.parent
    headed = False
    for _ in range(_TEASER_DEPTH):
        if parent is None or parent.tag in _ABOVE_STORIES or \
                parent.mem_id in found.headline_holders:
            return False
        if not headed:
            heading = _teaser_heading(parent, found)
            if heading is not None and not _linked_elsewhere(tree, heading, found):
                return False
            headed = heading is not None
        if headed and (_is_short_story(parent) or _has_sibling_card(parent, found)):
            return True
        parent = parent.parent
    return False


_CARD_CHARS = 800


def _teaser_heading(element: LexborNode, found: Collected) -> LexborNode | None:
    """``element``'s first linked heading, looked up once a page (the links and bylines
    of a list share their ancestors)."""
    key = element.mem_id
    if key not in found.headings:
        found.headings[key] = element.css_first(_TEASER_HEADING)
    return found.headings[key]


def _is_short_story(node: LexborNode) -> bool:
    """An ``<article>`` or microdata item too short to be the page's story: a card."""
    return (node.tag == "article" or "itemscope" in node.attributes) and \
        len(node.text(deep=True, strip=True)) <= _CARD_CHARS


def _linked_elsewhere(tree: LexborHTMLParser, link: LexborNode, found: Collected) -> bool:
    """The link leads to another page: not an anchor, not the page's own address."""
    href = link.attributes.get("href") or "#"
    return "#" not in href and _url_path(href) != own_path(tree, found)


def own_path(tree: LexborHTMLParser, found: Collected) -> str | None:
    """The path of the page's own address (canonical link, else ``og:url``), found once."""
    if found.own_path is None:
        node = tree.css_first("link[rel~='canonical' i][href], meta[property='og:url'][content]")
        url = node.attributes.get("href") or node.attributes.get("content") if node else None
        found.own_path = _url_path(url) if url else ""
    return found.own_path or None


def _url_path(url: str) -> str:
    """"https://host/a/b/?x" -> "/a/b"."""
    return re.sub(r"^(?:[a-z]+:)?//[^/]+", "", url.strip()).split("?")[0].split("#")[0] \
        .rstrip("/")


def _has_sibling_card(card: LexborNode, found: Collected) -> bool:
    """Another child of ``card``'s parent, of its tag and class, heads a story too."""
    parent = card.parent
    if parent is None:
        return False
    kind = (card.tag, card.attributes.get("class"))
    for sibling in parent.iter():
        if sibling.mem_id != card.mem_id and (sibling.tag, sibling.attributes.get("class")) \
                == kind and _teaser_heading(sibling, found) is not None:
            return True
    return False


_ITEM_PARTS = frozenset({"comment", "review", "reviews", "comments", "suggestedanswer",
                         "acceptedanswer", "answer"})


def _in_other_item(node: LexborNode) -> bool:
    """A microdata value of a comment, review or answer nested in the page's item."""
    parent = node.parent
    while parent is not None:
        attrs = parent.attributes
        props = set((attrs.get("itemprop") or "").casefold().split())
        if props & _ITEM_PARTS or "comment" in (attrs.get("itemtype") or "").casefold():
            return True
        parent = parent.parent
    return False


def in_chrome(tree: LexborHTMLParser, node: LexborNode, found: Collected) -> bool:
    """``node`` sits in site chrome or comments: an element of the body, between it and
    ``node``, matches the chrome selectors (each element tested once per page)."""
    chain = []
    parent = node.parent
    while parent is not None and parent.tag != "body":
        chain.append(parent)
        parent = parent.parent
    # (outside the body, as in <head>, nothing is chrome: the selectors match in the body)
    return parent is not None and any(_is_chrome(tree, element, found) for element in chain)


_CHROME_TEST = ElementTest(_CHROME)


def _is_chrome(tree: LexborHTMLParser, element: LexborNode, found: Collected) -> bool:
    """``element`` (inside the body) matches the chrome selectors.

    A page-level element or an ancestor of the article root is never chrome, whatever
    its classes: ``<body class="topbar-enabled">`` would make every date on the page a
    top bar's.
    """
    key = element.mem_id
    answer = found.chrome.get(key)
    if answer is None:
        if found.story is None:
            root = found.article_root(tree)
            found.story = _ancestor_ids(root) | {root.mem_id} if root is not None else set()
        answer = element.tag not in _PAGE_LEVEL and key not in found.story and \
            _matches_chrome(tree, element, found)
        found.chrome[key] = answer
    return answer


def _matches_chrome(tree: LexborHTMLParser, element: LexborNode, found: Collected) -> bool:
    answer = _CHROME_TEST.test(element)
    if answer is not None:
        return answer
    if found.chrome_query is None:  # the quirks mode decides: as lexbor matches, page-wide
        body = tree.body
        found.chrome_query = {n.mem_id for n in body.css(_CHROME_QUERY)} \
            if body is not None else set()
    return element.mem_id in found.chrome_query


def _machine_value(node: LexborNode) -> str | None:
    """A machine-readable time on the element or inside it (``data-date-time="… 09:41:07"``).

    It is exact where the visible text may drop seconds or the offset.
    """
    for element in (node, *node.css("*")[:20]):
        for key, value in element.attributes.items():
            if value and key.startswith("data-") and ("date" in key or "time" in key) \
                    and not value.startswith(("{", "[")) and is_date(value):
                return value  # (a JSON object of settings is no date: not asked)
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
# 13xx/14xx and 25xx: Solar Hijri and Buddhist era years (lexicon.calendars). Each form
# starts at a digit or an apostrophe: the lookahead says so first, so the search passes
# over letters with one test instead of trying every form (three times cheaper).
_HAS_YEAR = re.compile(rf"(?=[\d'])(?:(?<!\d)(?:19|20|13|14|25)\d{{2}}(?!\d)"
                       rf"|\d{{2,4}}\s*{signs(YEAR_SIGNS)}"
                       r"|'\d{2}\b"
                       r"|(?<![\d.])\d{1,2}\.\s?\d{1,2}\.\s?\d{2}(?![\d.]))")  # 23.09.22


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
    "By Teodora Lusk": when a byline holds links or name elements, those are the names;
    an author box's "more by this writer" link label ("Alle Artikel") is none, and comes
    off the text.
    """
    names = [without_marker(" ".join(n.text(deep=True, separator=" ", strip=True).split()))
             for n in node.css(_NAME_ELEMENTS) if n.mem_id != node.mem_id]
    labels = [n for n in names if MORE_BY_LABEL.fullmatch(n)]
    if labels:  # an author box's "Alle Artikel" link: the name is the box's other text
        text = _without_labels(text, labels)
    # ("<strong>von</strong> Jördis Hallmann": a marker is no name either)
    names = [n for n in names if not is_marker(n) and n not in labels]
    names = _credited_together(text, first_spellings(n.strip(" -–|,") for n in names))
    if not names:
        return text
    marker = BYLINE_START.match(text)
    prefix = text[: marker.end() - 1] if marker else ""
    return f"{prefix} {' and '.join(names)}".strip()


def _without_labels(text: str, labels: list[str]) -> str:
    """``text`` without the "more by this writer" link labels in it."""
    for label in labels:
        head, _, tail = text.rpartition(label)
        text = " ".join(f"{head} {tail}".split()) if head or tail else text
    return text


_NAME_ELEMENTS = "a, strong, b, [itemprop='name'], [class*='name']"
_GAP_WORDS = re.compile(r"[^\W\d_]{4,}")  # joiners ("and", "und", "et") are shorter


def _credited_together(text: str, names: list[str]) -> list[str]:
    """The names up to the first one that a phrase (not a role: "A, Crime Reporter and
    B") sets apart from the one before: "Publicado por <b>A</b> La información es de
    <b>B</b>" credits B with something else."""
    end = text.find(names[0]) if names else -1
    if end < 0:
        return names
    end += len(names[0])
    for index, name in enumerate(names[1:], start=1):
        start = text.find(name, end)
        if start < 0:
            return names
        words = {w.casefold() for w in _GAP_WORDS.findall(text[end:start])} - WITH_WORD_SET
        if words and not words & ROLE_WORDS:  # "A, Crime Reporter and B": a role
            return names[:index]
        end = start + len(name)
    return names
