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
from datetime import UTC, date, datetime, timedelta, timezone
from urllib.parse import urljoin, urlsplit

from newsscrape.document.language import detect_language, primary_language
from newsscrape.lexicon.bylinewords import NAME_JOINERS
from newsscrape.lexicon.dates import update_clock
from newsscrape.lexicon.scripts import script_fits
from newsscrape.lexicon.terms import alternation
from newsscrape.normalize.bylines import clean_author, parse_byline
from newsscrape.normalize.sections import trail_to_section
from newsscrape.normalize.tags import merge_tags, split_keywords
from newsscrape.normalize.timestamps import parse_timestamp
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
# Dates in URL paths, as (pattern, order of its groups): /2024/02/22/, /2024-02-22-title,
# /20240222/, /22-02-2024, /~22-02-2024-title, /22022024-title.
_URL_DATES = (
    (re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[-_.])"), "ymd"),
    (re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|$|[-_.])"), "ymd"),
    (re.compile(r"/\W?(\d{2})-(\d{2})-((?:19|20)\d{2})(?:/|$|[-_.])"), "dmy"),
    (re.compile(r"/(\d{2})(\d{2})((?:19|20)\d{2})(?:/|$|[-_])"), "dmy"),
)

Provenance = dict[str, dict[str, str]]
# What may join two names in a byline, in any language of the lexicon: only a cheap
# gate before parsing (a false hit costs a parse). Not for deciding that a structured
# author value holds several names: "Joan i Pons" is one Catalan name
# (``_structured_names`` keeps to English joiners and punctuation).
_JOINER = re.compile(rf"[,&;、，/]|\b(?:{alternation(NAME_JOINERS)})\b|\s[|·]\s", re.IGNORECASE)


def first_valid(
    found: Iterable[Found], convert: Callable[[str], str | None]
) -> tuple[str, Found] | tuple[None, None]:
    """The first found value that converts to a normal form, with the value it came from."""
    for item in found:
        value = convert(item.value)
        if value:
            return value, item
    return None, None


SecondOpinion = Callable[[datetime | None], str | None]
"""Another reader's publication day for the page (``YYYY-MM-DD``), no later than the
given reading time: asked only when the page's own dates say nothing."""


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
    published, modified = _dates(article, page, options, prov, second_opinion, language)
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


def _dates(article: Candidates, page: Page, options: ExtractOptions, prov: Provenance,
           second_opinion: SecondOpinion | None = None,
           language: str | None = None) -> tuple[str | None, str | None]:
    """Published and modified from their own sources, then a second opinion when they
    say nothing; published never after modified, modified never after the page was
    read."""
    now = _reading_time(page, options)
    locale = _date_locale(article, language)
    parsed: dict[str, str | None] = {}  # the choosers below look at the same values

    def parse(value: str) -> str | None:
        if value not in parsed:
            parsed[value] = parse_timestamp(value, tz=options.tz, now=now, locale=locale,
                                            relative=now is not None)
        return parsed[value]

    published = _pick(article.published, parse, "published", prov)
    published = _fuller(published, article.published, parse)
    if published is None:
        published = _pick(_url_dates(page), parse, "published", prov)
    modified = _pick(article.modified, parse, "modified", prov)
    if _is_utc(published) or _is_utc(modified):
        offset = _shown_offset(article, parse)
        published = _local_offset(published, article.published, parse, offset)
        modified = _local_offset(modified, article.modified, parse, offset)
    opinion = _Opinion(second_opinion, now)
    if published and second_opinion is not None:
        published = _arbitrated(published, article, parse, opinion, prov)
    if modified is None and published:
        modified = _update_on_day(published, article.modified, options, prov)
    if modified and now is not None and _after(modified, now):
        prov.pop("modified", None)
        modified = None  # a modified time later than the page was read is no such time
    if published is None and second_opinion is not None:
        published = _second_day(opinion.day(), modified, prov)
    if published and modified and _earlier(modified, published):
        prov.pop("modified", None)
        modified = None
    return published, modified


class _Opinion:
    """A second opinion asked at most once, and only if needed."""

    def __init__(self, ask: SecondOpinion | None, now: datetime | None) -> None:
        self._ask, self._now = ask, now
        self._asked, self._day = False, None if ask is None else ""

    def day(self) -> str | None:
        """The second opinion's day (asked on the first call)."""
        if self._ask is not None and not self._asked:
            self._asked, self._day = True, self._ask(self._now)
        return self._day


_STRUCTURED = frozenset({"json-ld", "meta", "microdata"})


def _arbitrated(published: str, article: Candidates, parse: Callable[[str], str | None],
                opinion: _Opinion, prov: Provenance) -> str:
    """The date the page shows, when it differs from its metadata and a second opinion
    sides with it (the metadata's may be a re-publication or a first draft's day).

    Asked only when the published date came from metadata and the first date shown on
    the page (a ``<time>``, a date line) falls on another day that no modified date
    names, and not one the same moment has in another zone; the shown date is taken
    with its time, if any, when the second opinion gives the same day.
    """
    if prov.get("published", {}).get("source") not in _STRUCTURED:
        return published
    shown = next(((f, v) for f in article.published if f.source in ("time", "text")
                  and (v := parse(f.value))), None)
    if shown is None or _same_moment_possible(published, shown[1]):
        return published
    modified_days = {v[:10] for v in map(parse, (f.value for f in article.modified)) if v}
    if shown[1][:10] in modified_days or opinion.day() != shown[1][:10]:
        return published
    found, value = shown
    prov["published"] = {"source": found.source, "raw": found.value, "arbiter": "htmldate"}
    return value


def _same_moment_possible(stamp: str, shown: str) -> bool:
    """Whether the day ``shown`` can be the day of ``stamp`` somewhere: the same day, or,
    for a time with an offset, the day it is in a zone up to 14 hours away (the page
    shows its local day, the metadata UTC)."""
    if shown[:10] == stamp[:10]:
        return True
    if len(stamp) <= 19:
        return False
    instant = datetime.fromisoformat(stamp).astimezone(UTC)
    return shown[:10] in {(instant - _AHEAD).date().isoformat(),
                          (instant + _AHEAD).date().isoformat()}


def _second_day(day: str | None, modified: str | None, prov: Provenance) -> str | None:
    """A second opinion's day as published: a day, before the modified day (on it, it
    may well be the update the page labels as such: never a modified date as published)."""
    if not day or not _DAY.fullmatch(day) or (modified and day >= modified[:10]):
        return None
    prov["published"] = {"source": "htmldate", "raw": day}
    return day


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _is_utc(value: str | None) -> bool:
    return value is not None and value.endswith("+00:00")


def _reading_time(page: Page, options: ExtractOptions) -> datetime | None:
    """When the page was read: ``--now`` (a saved page's time), else when it was fetched
    (a WARC record's date); None for a bare file, whose relative dates then say nothing."""
    stamp = options.now or page.fetched_at
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp)
    except ValueError:
        return None


def _date_locale(article: Candidates, language: str | None) -> str | None:
    """The language tag numeric dates are read in: the page's declared one (``en-GB``),
    unless the text is written in a script that language is not (then the text's);
    with none declared, the record's ``language`` (detected from the text)."""
    declared = next((f.value for f in article.languages if primary_language(f.value)), None)
    if declared is None:
        return language
    if not article.text or script_fits(primary_language(declared), article.text):
        return declared
    return detect_language(article.text) or declared


def _after(value: str, now: datetime) -> bool:
    """``value`` is surely later than ``now``: compared as instants when both have an
    offset; a naive time or a date may be in any zone, up to 14 hours ahead of UTC."""
    if len(value) > 19 and now.tzinfo is not None:
        return datetime.fromisoformat(value) > now
    latest = now.astimezone(UTC).replace(tzinfo=None) + _AHEAD if now.tzinfo else now
    if len(value) == 10:
        return value > latest.date().isoformat()
    return datetime.fromisoformat(value[:19]) > latest


_AHEAD = timedelta(hours=14)


def _local_offset(chosen: str | None, found: Iterable[Found],
                  parse: Callable[[str], str | None],
                  offset: timezone | None = None) -> str | None:
    """A UTC time restated in the page's own offset when the page gives it.

    CMSs store times in UTC for machines (``2023-11-02T12:14:37+00:00``) and show them
    in the newsroom's zone (``datetime="2023-11-02T08:14:37-04:00"``, "9:05 AM EDT"):
    the same instant, and the local offset is what the page says about itself. A shown
    clock without an offset ("November 8, 2023 at 11:30 p.m.") is the UTC time moved by
    whole quarter hours (``_shown_offset``): it restates a UTC time that falls on another
    day than the page shows (05:30Z on the 9th is 23:30 on the 8th at -06:00); on the
    same day the UTC time is kept, as the page states no offset.
    """
    if chosen is None or not chosen.endswith("+00:00"):
        return chosen
    instant = datetime.fromisoformat(chosen)
    for item in found:
        value = parse(item.value)
        if value and len(value) > 19 and not value.endswith("+00:00") \
                and datetime.fromisoformat(value) == instant:
            return value
    local = instant.astimezone(offset) if offset is not None else instant
    if local.date() != instant.date():  # the day the page shows, not the UTC day
        return local.isoformat(timespec="seconds")
    return chosen


_OFFSET_SOURCES = 8
"""How many of a field's found values ``_shown_offset`` compares (the page's own first)."""


def _shown_offset(article: Candidates, parse: Callable[[str], str | None]) -> timezone | None:
    """The page's UTC offset, from a UTC time and the same moment shown as a wall clock.

    "2023-11-09T05:30:59Z" in the metadata and "November 8, 2023 at 11:30 p.m." on the
    page are the same minute at -06:00; "Aggiornato alle 16:58" shows 15:58:23Z at +01:00.
    Only the first UTC time and the first wall clock of each field are compared; a pair
    a whole number of quarter hours apart (at most 14 hours) states an offset, and every
    pair that states one must state the same.
    """
    found: set[timedelta] = set()
    for items in (article.published, article.modified):
        values = [v for v in (parse(f.value) for f in items[:_OFFSET_SOURCES]) if v]
        utc = next((v for v in values if v.endswith("+00:00")), None)
        if utc is None:
            continue
        moment = datetime.fromisoformat(utc).replace(tzinfo=None)
        wall = next((v for v in values if len(v) == 19), None)
        if wall is not None:  # a shown clock without seconds is that minute
            shown = datetime.fromisoformat(wall)
            found.add(shown - (moment if shown.second else moment.replace(second=0)))
        clock = next((c for c in map(update_clock, (f.value for f in items[:_OFFSET_SOURCES]))
                      if c), None)
        if clock and items is article.modified and (shown_at := parse_timestamp(
                f"{utc[:10]} {clock}", relative=False)) and len(shown_at) == 19:
            delta = datetime.fromisoformat(shown_at) - moment.replace(second=0)
            found.add((delta + timedelta(hours=12)) % timedelta(days=1) - timedelta(hours=12))
    offsets = {d for d in found if d and abs(d) <= _AHEAD and not d % timedelta(minutes=15)}
    if len(offsets) != 1:
        return None
    delta = offsets.pop()
    return timezone(delta)


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
    """A date in the URL's path (``/2024/02/22/``, ``/20240222/``, ``/22-02-2024``): weak
    evidence, a date only, and only a real day."""
    path = urlsplit(page.final_url or page.url or "").path
    for pattern, order in _URL_DATES:
        for match in pattern.finditer(path):
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            try:
                day = date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                continue
            return (Found(day.isoformat(), "url"),)
    return ()


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
