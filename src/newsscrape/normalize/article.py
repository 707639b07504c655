"""Choose and normalize each field: ``Candidates`` (found values) -> ``Record``.

Each field's candidates arrive best first (``pipeline.READING_ORDER``: JSON-LD, meta,
microdata, ``<time>``, HTML, visible text; ``pipeline.PRECEDENCE`` for the fields that
rank their sources otherwise); the first that yields a valid normal form wins, and with
``provenance`` the record says which source and raw string that was. The dates are
chosen by ``dating``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

from newsscrape.document.language import detect_language, primary_language
from newsscrape.lexicon.bylinewords import NAME_JOINERS
from newsscrape.lexicon.terms import alternation
from newsscrape.normalize.bylines import clean_author, parse_byline
from newsscrape.normalize.dating import SecondOpinion, choose_dates
from newsscrape.normalize.picking import Provenance
from newsscrape.normalize.picking import pick as _pick
from newsscrape.normalize.sections import trail_to_section
from newsscrape.normalize.tags import merge_tags, split_keywords
from newsscrape.normalize.titles import (
    choose_title,
    comparison_key,
    site_from_title,
    strip_site_name,
)
from newsscrape.options import ExtractOptions
from newsscrape.record import Candidates, Found, Page, Record

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+")
# What may join two names in a byline, in any language of the lexicon: only a cheap
# gate before parsing (a false hit costs a parse). Not for deciding that a structured
# author value holds several names: "Joan i Pons" is one Catalan name
# (``_structured_names`` keeps to English joiners and punctuation).
_JOINER = re.compile(rf"[,&;、，/]|\b(?:{alternation(NAME_JOINERS)})\b|\s[|·]\s", re.IGNORECASE)


def normalize(article: Candidates, page: Page, options: ExtractOptions, *,
              second_opinion: SecondOpinion | None = None) -> Record:
    """Turn what was found on a page into the normalized record."""
    prov: Provenance = {}
    base = page.final_url or page.url
    site_names = [f.value for f in (*article.site_names, *article.publishers)]
    title = _title(article, site_names, prov)
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
        authors=_authors(article, site_names, prov),
        publisher=_pick((*article.publishers, *((title_site,) if title_site else ())),
                        _clean_text, "publisher", prov),
        published=published,
        modified=modified,
        language=language,
        section=_section(article, title, site_names, prov),
        tags=_tags(article, site_names),
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


def _title(article: Candidates, site_names: list[str], prov: Provenance) -> str | None:
    headline = article.headline.value if article.headline else None
    title = choose_title([f.value for f in article.titles], headline, site_names)
    if title is not None:
        source = next((f for f in (article.headline, *article.titles)
                       if f is not None and strip_site_name(f.value, site_names) == title),
                      article.headline or (article.titles[0] if article.titles else None))
        if source is not None:
            prov["title"] = {"source": source.source, "raw": source.value}
    return title


def _authors(article: Candidates, site_names: list[str], prov: Provenance) -> tuple[str, ...]:
    """Structured names first; visible bylines only when there are none."""
    sites = {s.casefold() for s in site_names}
    names: list[str] = []
    for item in article.authors:
        names += [n for n in _structured_names(item.value)
                  if n.casefold() not in sites and n not in names]
        if names and "authors" not in prov:
            prov["authors"] = {"source": item.source, "raw": item.value}
    if names:
        return tuple(_completed(names, article.bylines, sites))
    # Visible bylines: only the first that names someone (later ones are often comments,
    # related stories or a byline's own container repeated with a city added).
    for item in _innermost(article.bylines):
        names = [n for n in parse_byline(item.value) if n.casefold() not in sites]
        if names:
            prov["authors"] = {"source": item.source, "raw": item.value}
            return tuple(dict.fromkeys(names))
    # Lone author links, all of them: a byline split into one link per name.
    names = [n for item in article.author_links for n in _structured_names(item.value)
             if n.casefold() not in sites]
    if names:
        first = article.author_links[0]
        prov["authors"] = {"source": first.source, "raw": first.value}
    return tuple(dict.fromkeys(names))


def _completed(names: list[str], bylines: Iterable[Found], sites: set[str]) -> list[str]:
    """Structured names, with the co-authors a visible byline adds to them.

    A ``meta author`` often holds only the first of several names the byline shows
    ("Por Mariana López y Jorge Ruiz"). A byline is trusted for this only when it names
    every structured author too: a related story's byline never does.
    """
    wanted = {comparison_key(n) for n in names}
    firsts = [n.split()[0].casefold() for n in names if n.split()]
    for item in bylines:
        if not _JOINER.search(item.value) or \
                not all(first in item.value.casefold() for first in firsts):
            continue  # cheap tests before parsing: several names, all of ours among them
        shown = [n for n in parse_byline(item.value) if n.casefold() not in sites]
        keys = [comparison_key(n) for n in shown]
        if len(set(keys)) > len(wanted) and wanted <= set(keys):
            return names + [n for n, k in zip(shown, keys, strict=True) if k not in wanted]
    return names


def _innermost(bylines: tuple[Found, ...]) -> list[Found]:
    """Bylines without those that merely extend another ("By A and B Madrid" after "By A and B")."""
    texts = [b.value for b in bylines]
    return [b for b in bylines
            if not any(t != b.value and b.value.startswith(t) for t in texts)]


def _structured_names(value: str) -> list[str]:
    """One structured author value: a single name, or several joined ("A and B")."""
    if re.search(r",|\band\b|&|;|、|，", value):
        return parse_byline(value)
    name = clean_author(value)
    return [name] if name else []


def _section(article: Candidates, title: str | None, site_names: list[str],
             prov: Provenance) -> tuple[str, ...]:
    for trail in article.breadcrumbs:
        section = trail_to_section([f.value for f in trail], title=title, site_names=site_names)
        if section:
            prov["section"] = {"source": trail[0].source, "raw": " > ".join(f.value for f in trail)}
            return tuple(section)
    for item in article.sections:
        parts = [p.strip() for p in re.split(r"\s*[>/|»›]\s*", item.value) if p.strip()]
        if parts:
            prov["section"] = {"source": item.source, "raw": item.value}
            return tuple(parts)
    return ()


def _tags(article: Candidates, site_names: list[str]) -> tuple[str, ...]:
    """The article's own tags; meta keywords only when it has none, and not when they
    name the site itself (then they are the site's keywords, on every page of it)."""
    own = merge_tags(*(split_keywords(f.value) if f.source != "text" else [f.value]
                       for f in article.tags))
    if own:
        return tuple(own)
    keywords = merge_tags(*(split_keywords(f.value) for f in article.keywords))
    sites = {comparison_key(name) for name in site_names} - {""}
    if any(comparison_key(word) in sites for word in keywords):
        return ()
    return tuple(keywords)


def word_count(text: str) -> int:
    """Words in ``text``: runs of letters/digits, plus one per CJK character."""
    return len(_WORD.findall(text)) + len(_CJK.findall(text))
