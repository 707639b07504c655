"""Choose and normalize each field: ``Candidates`` (found values) -> ``Record``.

Each field's candidates arrive best first (``pipeline.READING_ORDER``: JSON-LD, meta,
microdata, ``<time>``, HTML, visible text; ``pipeline.PRECEDENCE`` for the fields that
rank their sources otherwise); the first that yields a valid normal form wins, a date in
the URL coming last, and with ``provenance`` the record says which source and raw string
that was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from newsscrape.document.language import detect_language, primary_language
from newsscrape.lexicon.dates import update_clock
from newsscrape.normalize.authors import choose_authors
from newsscrape.normalize.sections import choose_section
from newsscrape.normalize.tags import choose_tags
from newsscrape.normalize.timestamps import parse_timestamp
from newsscrape.normalize.titles import (
    choose_title,
    site_from_title,
    strip_site_name,
)
from newsscrape.options import ExtractOptions
from newsscrape.record import Candidates, Found, Page, Record

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[-_])")

Provenance = dict[str, dict[str, str]]


def first_valid(
    found: Iterable[Found], convert: Callable[[str], str | None]
) -> tuple[str, Found] | tuple[None, None]:
    """The first found value that converts to a normal form, with the value it came from."""
    for item in found:
        value = convert(item.value)
        if value:
            return value, item
    return None, None


def normalize(article: Candidates, page: Page, options: ExtractOptions) -> Record:
    """Turn what was found on a page into the normalized record."""
    prov: Provenance = {}
    base = page.final_url or page.url
    site_names = [f.value for f in (*article.site_names, *article.publishers)]
    title = _title(article, site_names, prov)
    title_site = _title_site(article, title)
    site_names += [title_site.value] if title_site else []
    published, modified = _dates(article, page, options, prov)
    text = article.text
    return Record(
        url=page.url,
        final_url=page.final_url,
        canonical_url=_pick(article.canonical_urls, lambda v: _absolute(v, base), "canonical_url",
                            prov),
        status=page.status,
        fetched_at=page.fetched_at,
        title=title,
        authors=_authors(article, site_names, urlsplit(base or "").hostname, prov),
        publisher=_pick((*article.publishers, *((title_site,) if title_site else ())),
                        _clean_text, "publisher", prov),
        published=published,
        modified=modified,
        language=_language(article, prov),
        section=_section(article, title, site_names, prov),
        tags=_tags(article, site_names, prov),
        description=_pick(article.descriptions, _clean_text, "description", prov),
        image=_pick(article.images, lambda v: _absolute(v, base), "image", prov),
        text=text,
        word_count=word_count(text),
        provenance=prov if options.provenance else None,
    )


def _pick(found: Iterable[Found], convert: Callable[[str], str | None], name: str,
          prov: Provenance) -> str | None:
    value, item = first_valid(found, convert)
    if item is not None:
        prov[name] = {"source": item.source, "raw": item.value}
    return value


def _clean_text(value: str) -> str | None:
    return " ".join(value.split()) or None


def _absolute(value: str, base: str | None) -> str | None:
    value = value.strip()
    if not value or value.startswith(("data:", "javascript:")):
        return None
    try:
        joined = urljoin(base, value) if base else value
        urlsplit(joined).port  # noqa: B018 - raises on a broken host or port
    except ValueError:  # "http://[::1/x": a broken link is no link, the next candidate may do
        return None
    return joined


def _title_site(article: Candidates, title: str | None) -> Found | None:
    """The site name around the headline in ``<title>``: the publisher of last resort."""
    if article.title_tag is None or not title:
        return None
    site = site_from_title(article.title_tag.value, title)
    return Found(site, "html") if site else None


def _language(article: Candidates, prov: Provenance) -> str | None:
    """The declared language, else the one the body text is written in."""
    declared = _pick(article.languages, primary_language, "language", prov)
    if declared or not article.text:
        return declared
    detected = detect_language(article.text)
    if detected:
        prov["language"] = {"source": "text", "raw": detected}
    return detected


def _title(article: Candidates, site_names: list[str], prov: Provenance) -> str | None:
    headline = article.headline.value if article.headline else None
    title = choose_title([f.value for f in article.titles], headline, site_names,
                         title_tag=article.title_tag.value if article.title_tag else None,
                         sections=[f.value for trail in article.breadcrumbs for f in trail[:-1]])
    if title is not None:
        source = next((f for f in (article.headline, *article.titles)
                       if f is not None and strip_site_name(f.value, site_names) == title),
                      article.headline or (article.titles[0] if article.titles else None))
        if source is not None:
            prov["title"] = {"source": source.source, "raw": source.value}
    return title


def _authors(article: Candidates, site_names: list[str], host: str | None,
             prov: Provenance) -> tuple[str, ...]:
    chosen = choose_authors(article, site_names, host)
    if chosen.source is not None:
        prov["authors"] = {"source": chosen.source.source, "raw": chosen.source.value}
    return chosen.names


def _dates(article: Candidates, page: Page, options: ExtractOptions,
           prov: Provenance) -> tuple[str | None, str | None]:
    """Published and modified from their own sources; published never after modified."""
    parsed: dict[str, str | None] = {}  # the choosers below look at the same values

    def parse(value: str) -> str | None:
        if value not in parsed:
            parsed[value] = parse_timestamp(value, tz=options.tz)
        return parsed[value]

    published = _pick(article.published, parse, "published", prov)
    published = _fuller(published, article.published, parse)
    if published is None:
        published = _pick(_url_dates(page), parse, "published", prov)
    published = _local_offset(published, article.published, parse)
    modified = _pick(article.modified, parse, "modified", prov)
    modified = _local_offset(modified, article.modified, parse)
    if modified is None and published:
        modified = _update_on_day(published, article.modified, options, prov)
    if published and modified and _earlier(modified, published):
        prov.pop("modified", None)
        modified = None
    return published, modified


def _local_offset(chosen: str | None, found: Iterable[Found],
                  parse: Callable[[str], str | None]) -> str | None:
    """A UTC time restated in the page's own offset when another source gives it.

    CMSs store times in UTC for machines (``2023-11-02T12:14:37+00:00``) and show them
    in the newsroom's zone (``datetime="2023-11-02T08:14:37-04:00"``, "9:05 AM EDT"):
    the same instant, and the local offset is what the page says about itself.
    """
    if chosen is None or not chosen.endswith("+00:00"):
        return chosen
    instant = datetime.fromisoformat(chosen)
    for item in found:
        value = parse(item.value)
        if value and len(value) > 19 and not value.endswith("+00:00") \
                and datetime.fromisoformat(value) == instant:
            return value
    return chosen


def _update_on_day(published: str, found: Iterable[Found], options: ExtractOptions,
                   prov: Provenance) -> str | None:
    """A time-only update ("Updated 3:45 PM EST") as that time on the published day.

    A clock without a zone takes the published time's offset: a page states its times
    in one zone. An update that would come before the publication is dropped by the
    caller (it was on a later day the page does not name).
    """
    for item in found:
        clock = update_clock(item.value)
        value = clock and parse_timestamp(f"{published[:10]} {clock}", tz=options.tz)
        if value:
            if len(value) == 19 and len(published) > 19:
                value += published[19:]
            prov["modified"] = {"source": item.source, "raw": item.value}
            return value
    return None


def _fuller(chosen: str | None, found: Iterable[Found],
            parse: Callable[[str], str | None]) -> str | None:
    """A date-only value upgraded by another source giving a time on the same day."""
    if chosen is None or "T" in chosen:
        return chosen
    for item in found:
        value = parse(item.value)
        if value and "T" in value and value.startswith(chosen):
            return value
    return chosen


def _earlier(a: str, b: str) -> bool:
    """``a`` is known to come before ``b``: both dates, both naive times, or both times
    with offsets (compared as instants: 09:40+00:00 is before 09:05-04:00)."""
    if len(a) != len(b) or a[10:11] != b[10:11]:
        return False  # a date and a time, or a naive and an aware time: no order known
    if len(a) > 19:
        return datetime.fromisoformat(a) < datetime.fromisoformat(b)
    return a < b


def _url_dates(page: Page) -> tuple[Found, ...]:
    """A ``/2024/02/22/`` in the URL: weak evidence, a date only."""
    url = page.final_url or page.url or ""
    match = _URL_DATE.search(url)
    if not match:
        return ()
    year, month, day = match.groups()
    return (Found(f"{year}-{int(month):02d}-{int(day):02d}", "url"),)


def _section(article: Candidates, title: str | None, site_names: list[str],
             prov: Provenance) -> tuple[str, ...]:
    chosen = choose_section(article, title=title, site_names=site_names)
    if chosen.source is not None:
        prov["section"] = {"source": chosen.source.source, "raw": chosen.raw}
    return chosen.items


def _tags(article: Candidates, site_names: list[str], prov: Provenance) -> tuple[str, ...]:
    chosen = choose_tags(article, site_names)
    if chosen.source is not None:
        prov["tags"] = {"source": chosen.source.source, "raw": chosen.source.value}
    return chosen.tags


def word_count(text: str) -> int:
    """Words in ``text``: runs of letters/digits, plus one per CJK character."""
    return len(_WORD.findall(text)) + len(_CJK.findall(text))
