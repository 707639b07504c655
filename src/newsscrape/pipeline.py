"""The pipeline on one document, offline: decode, sniff, parse once, read metadata, strip,
extract, normalize (``document`` -> ``extractors`` -> ``normalize``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser

from newsscrape.document.decode import decode_html
from newsscrape.document.sniff import not_html_reason
from newsscrape.errors import ExtractError, NotHTMLError
from newsscrape.extractors.body import read_tree_body
from newsscrape.extractors.lead import find_lead, with_lead
from newsscrape.extractors.lines import BodyFindings, clean_lines
from newsscrape.extractors.metadata import LIST_SOURCE, Collected, read_metadata
from newsscrape.extractors.pagekind import refusal
from newsscrape.extractors.second_opinion import htmldate_day
from newsscrape.extractors.strip import UNKNOWN, strip_chrome
from newsscrape.lexicon.names import lead_names as leading_byline
from newsscrape.lexicon.names import sign_off
from newsscrape.normalize.article import normalize
from newsscrape.normalize.hints import with_hints
from newsscrape.options import ExtractOptions
from newsscrape.record import Candidates, Found, Page, Record

READING_ORDER = ("json-ld", "meta", "microdata", "time", "html", "text")
"""The order ``read_metadata`` reads sources in, then the body's lines: a field's
candidates reach ``normalize`` best first in this order unless ``PRECEDENCE`` says
otherwise for that field."""
PRECEDENCE: dict[str, tuple[str, ...]] = {
    "publishers": ("meta", "json-ld", "text"),
    "languages": ("html", "header", "meta", "json-ld", "microdata", "time", "text"),
    "canonical_urls": ("html", "json-ld"),
}
"""Fields whose sources rank otherwise: the outlet as it names itself (``og:site_name``)
before a JSON-LD publisher; the page's own ``<html lang>``, then the server's
Content-Language; the ``<link rel=canonical>`` element before a JSON-LD ``url``. Sources a
row does not name come after those it does, in reading order."""


def extract_html(
    html: str | bytes,
    *,
    url: str | None = None,
    options: ExtractOptions | None = None,
    headers: dict[str, str] | None = None,
) -> Record:
    """Run the whole pipeline on an HTML document (bytes are decoded as the fetcher would)."""
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    encoding = None
    if isinstance(html, bytes):
        html, encoding = decode_html(html, headers.get("content-type"))
    page = Page(url=url, html=html, final_url=None, encoding=encoding, headers=headers)
    return extract_page(page, options or ExtractOptions())


def extract_page(page: Page, options: ExtractOptions) -> Record:
    """Extract and normalize one decoded page; raises ``ExtractError`` if it holds no
    article (``pagekind.refusal`` says why) and ``NotHTMLError`` if it is not an HTML page
    at all. A page that declares an article or a media item gives a record even with
    little or no text."""
    reason = not_html_reason(page.html)
    if reason:
        raise NotHTMLError(reason, status=page.status)
    article = find_article(page)
    headings = tuple(f.value for f in (article.title_tag, article.headline) if f is not None)
    reason = refusal(article.text, page.html, headings)
    if reason:
        raise ExtractError(reason, status=page.status)
    if page.hints is not None:
        article = with_hints(article, page.hints)
    record = normalize(article, page, options, second_opinion=_htmldate(page))
    return replace(record, source=page.source) if page.source is not None else record


def _htmldate(page: Page) -> Callable[[datetime | None], str | None]:
    """htmldate's day for this page, computed only if the normalizer asks for it."""
    return lambda latest: htmldate_day(page.html, url=page.final_url or page.url,
                                       latest=latest)


def find_article(page: Page) -> Candidates:
    """Parse once, read metadata, strip the chrome, extract the body and its metadata lines."""
    tree = LexborHTMLParser(page.html)
    found = read_metadata(tree)
    lead = find_lead(tree)
    strip_chrome(tree, root=found.root if found.root_known else UNKNOWN)
    title, labels = _lead_context(found)
    text = with_lead(read_tree_body(tree, url=page.final_url or page.url).text, lead)
    dated = frozenset(found.date_lines)
    body = clean_lines(text, title=title, labels=labels, date_lines=dated,
                       is_stamp=found.is_stamp_line)
    if not body.text:
        fallback = found.get("article_body")
        if fallback:
            body = clean_lines(fallback[0].value, title=title, labels=labels,
                               date_lines=dated, is_stamp=found.is_stamp_line)
    return _assemble(found, body, page)


def _lead_context(found: Collected) -> tuple[str | None, frozenset[str]]:
    """The headline and the section names, to spot them repeated atop the body text.

    (The meta description is not used: on the AEB dev half it is as often the lead
    paragraph, which belongs to the body, as a standfirst, which does not.)
    """
    headline = found.get("headline") or found.get("titles")
    labels = {f.value.casefold() for trail in found.breadcrumbs for f in trail}
    labels |= {f.value.casefold() for f in found.get("sections")}
    return (headline[0].value if headline else None), frozenset(labels)


def _assemble(found: Collected, body: BodyFindings, page: Page) -> Candidates:
    header_lang = page.headers.get("content-language")
    languages = (*found.get("languages"),
                 *((Found(header_lang, "header"),) if header_lang else ()))
    first_paragraph = body.text.split("\n\n", 1)[0] if body.text else ""
    lead = tuple(Found(name, "text") for name in leading_byline(first_paragraph))
    # a sign-off closing the text ("Autor: Jana Weber") ranks after every other byline
    closing = sign_off(body.text)
    headline = found.get("headline")
    title_tag = found.get("title_tag")
    return Candidates(
        titles=(*found.get("titles"), *title_tag),
        headline=headline[0] if headline else None,
        title_tag=title_tag[0] if title_tag else None,
        authors=found.get("authors"),
        organization_authors=found.get("organization_authors"),
        bylines=(*found.get("bylines"), *lead,
                 *((Found(closing, "text"),) if closing else ())),
        author_links=found.get("author_links"),
        publishers=_ranked("publishers", (*found.get("publishers"), *body.publishers)),
        site_names=found.get("site_names"),
        published=(*(f for f in found.get("published") if f.source != LIST_SOURCE),
                   *body.published,
                   *found.get("page_dated"),
                   *(f for f in found.get("published") if f.source == LIST_SOURCE),
                   *found.get("work_published")),
        modified=(*found.get("modified"), *body.modified),
        languages=_ranked("languages", languages),
        breadcrumbs=(*found.breadcrumbs, *body.breadcrumbs),
        sections=found.get("sections"),
        tags=(*found.get("tags"), *body.tags),
        keywords=found.get("keywords"),
        canonical_urls=_ranked("canonical_urls", found.get("canonical_urls")),
        descriptions=found.get("descriptions"),
        images=found.get("images"),
        text=body.text,
    )


def _ranked(name: str, items: tuple[Found, ...]) -> tuple[Found, ...]:
    """Stable sort of a field's found values by the rank of their source in its
    ``PRECEDENCE`` row."""
    order = PRECEDENCE[name]
    rank = {source: i for i, source in enumerate(order)}
    return tuple(sorted(items, key=lambda f: rank.get(f.source, len(order))))
