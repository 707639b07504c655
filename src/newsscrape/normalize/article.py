"""Choose and normalize each field: ``Candidates`` (found values) -> ``Record``.

Each field's candidates arrive best first (``pipeline.READING_ORDER``: JSON-LD, meta,
microdata, ``<time>``, HTML, visible text; ``pipeline.PRECEDENCE`` for the fields that
rank their sources otherwise); the first that yields a valid normal form wins, and with
``provenance`` the record says which source and raw string that was. The dates are
chosen by ``dating``.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from newsscrape.document.language import detect_language, primary_language
from newsscrape.normalize.authors import choose_authors
from newsscrape.normalize.dating import SecondOpinion, choose_dates
from newsscrape.normalize.picking import Provenance
from newsscrape.normalize.picking import pick as _pick
from newsscrape.normalize.sections import choose_section
from newsscrape.normalize.tags import choose_tags
from newsscrape.normalize.titles import (
    choose_title,
    site_from_title,
    strip_site_name,
)
from newsscrape.options import ExtractOptions
from newsscrape.record import Candidates, Found, Page, Record

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+")
_WORD_RUN = re.compile(r"\w+")


_LOGO_SOURCE = "html"
"""The site names the page's markup gives are the words of its logo headings
(``headlines.site_name_headings``): they name the site only as a whole title part."""


def normalize(article: Candidates, page: Page, options: ExtractOptions, *,
              second_opinion: SecondOpinion | None = None) -> Record:
    """Turn what was found on a page into the normalized record."""
    prov: Provenance = {}
    base = page.final_url or page.url
    named = (*article.site_names, *article.publishers)
    site_names = [f.value for f in named]
    logos = [f.value for f in article.site_names if f.source == _LOGO_SOURCE]
    title = _title(article, [f.value for f in named if f.source != _LOGO_SOURCE], logos, prov)
    title_site = _title_site(article, title)
    site_names += [title_site.value] if title_site else []
    language = _language(article, prov)
    published, modified = choose_dates(article, page, options, prov,
                                       second_opinion=second_opinion, language=language)
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
        language=language,
        section=_section(article, title, site_names, prov),
        tags=_tags(article, site_names, prov),
        description=_pick(article.descriptions, _clean_text, "description", prov),
        image=_pick(article.images, lambda v: _absolute(v, base), "image", prov),
        text=text,
        word_count=word_count(text),
        provenance=prov if options.provenance else None,
    )


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


def _title(article: Candidates, site_names: list[str], logo_names: list[str],
           prov: Provenance) -> str | None:
    headline = article.headline.value if article.headline else None
    title = choose_title([f.value for f in article.titles], headline, site_names,
                         title_tag=article.title_tag.value if article.title_tag else None,
                         sections=[f.value for trail in article.breadcrumbs for f in trail[:-1]],
                         logo_names=logo_names)
    if title is not None:
        source = next((f for f in (article.headline, *article.titles) if f is not None and
                       strip_site_name(f.value, site_names, logo_names=logo_names) == title),
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
    if _CJK.search(text) is None:  # (most texts: then a word is any run, a cheaper pattern)
        return len(_WORD_RUN.findall(text))
    return len(_WORD.findall(text)) + len(_CJK.findall(text))
