"""Choose the published and modified dates of a page from what was found on it.

Candidates arrive best first (JSON-LD, meta, microdata, ``<time>``, visible date lines,
a list's dates, a how-to's date); the first that parses wins, the URL's date after them,
and a second opinion (htmldate, asked lazily) when none does or when the metadata and
the date the page shows disagree by days. Dates are read as a careful reader does: in
the page's locale order and calendar, relative ones from when the page was read, a UTC
time on another day than the page shows in the page's own offset; never a modified date
as published, never published after modified, never modified after the page was read.
A URL's day more than a day before the date the page itself gives is the first
publication's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from urllib.parse import urlsplit

from newsscrape.document.language import detect_language, primary_language
from newsscrape.lexicon.dates import sole_date, update_clock
from newsscrape.lexicon.scripts import script_fits
from newsscrape.normalize.picking import Provenance
from newsscrape.normalize.picking import pick as _pick
from newsscrape.normalize.timestamps import parse_timestamp
from newsscrape.options import ExtractOptions
from newsscrape.record import Candidates, Found, Page

__all__ = ["SecondOpinion", "choose_dates"]

SecondOpinion = Callable[[datetime | None], str | None]
"""Another reader's publication day for the page (``YYYY-MM-DD``), no later than the
given reading time: asked only when the page's own dates say nothing, or when its
metadata and the date it shows are days apart."""

# Dates in URL paths, as (pattern, order of its groups): /2024/02/22/, /2024-02-22-title,
# /20240222/, /22-02-2024, /~22-02-2024-title, /22022024-title.
_URL_DATES = (
    (re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[-_.])"), "ymd"),
    (re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|$|[-_.])"), "ymd"),
    (re.compile(r"/\W?(\d{2})-(\d{2})-((?:19|20)\d{2})(?:/|$|[-_.])"), "dmy"),
    (re.compile(r"/(\d{2})(\d{2})((?:19|20)\d{2})(?:/|$|[-_])"), "dmy"),
)


def choose_dates(article: Candidates, page: Page, options: ExtractOptions, prov: Provenance, *,
                 second_opinion: SecondOpinion | None = None,
                 language: str | None = None) -> tuple[str | None, str | None]:
    """Published and modified from their own sources (the URL's day when it is days
    earlier), then the description's one date, then a second opinion when they say
    nothing; published never after modified, modified never after the page was read."""
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
    published = _url_day(published, page, parse, prov)
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
    if published is None:  # a description's date before another reader's guess
        published = _pick(_described(article), parse, "published", prov)
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
        self._asked = False
        self._day: str | None = None

    def day(self) -> str | None:
        """The second opinion's day (asked on the first call)."""
        if self._ask is not None and not self._asked:
            self._asked, self._day = True, self._ask(self._now)
        return self._day


_STRUCTURED = frozenset({"json-ld", "meta", "microdata"})
_SHOWN = ("time", "text")  # the sources of a date the page shows


def _arbitrated(published: str, article: Candidates, parse: Callable[[str], str | None],
                opinion: _Opinion, prov: Provenance) -> str:
    """The date the page shows, when it differs from its metadata and a second opinion
    (or the metadata itself, see ``_settled``) sides with it (the metadata's may be a
    re-publication or a first draft's day).

    Asked only when the published date came from metadata and the first date shown on
    the page (a ``<time>``, a date line; not a machine stamp written as a hidden
    ``<time>``'s text) falls on another day than the metadata's, in the metadata's own
    offset when it states one other than UTC; a shown day that a modified date names
    stays the modified day, unless another published claim of the metadata names it
    too (the metadata disagrees with itself: that claim is then taken, with its time).
    The shown date is taken with its time, if any, when the second opinion gives the
    same day.
    """
    if prov.get("published", {}).get("source") not in _STRUCTURED:
        return published
    shown_all = [(f, v) for f in article.published
                 if f.source in _SHOWN and not _machine_text(f) and (v := parse(f.value))]
    if not shown_all or _same_moment_possible(published, shown_all[0][1]):
        return published
    shown = shown_all[0]
    day = shown[1][:10]
    modified = {v for v in map(parse, (f.value for f in article.modified)) if v}
    claimed = _claimed(article, parse, day)
    if claimed is None and day in {v[:10] for v in modified}:
        return published
    arbiter = _settled(published, shown_all, modified)
    if arbiter is None and opinion.day() != day:
        return published
    found, value = claimed or shown
    prov["published"] = {"source": found.source, "raw": found.value,
                         "arbiter": arbiter or "htmldate"}
    return value


def _settled(published: str, shown_all: list[tuple[Found, str]],
             modified: set[str]) -> str | None:
    """Why the first shown date beats the metadata's without a second opinion, if it
    does: ``modified`` when the metadata's published time is also its modified time (a
    CMS writing the last save as both) and the shown day is earlier, with no shown date
    on the stamp's day; ``schedule`` when the metadata was last saved before its
    published time (a post scheduled ahead, which the page dates as it appeared) and
    the shown day is not before that save; ``time`` when the metadata gives a bare day
    and the page a ``<time>`` element of its own."""
    found, value = shown_all[0]
    day = value[:10]
    if published in modified and day < published[:10] and not any(
            _same_moment_possible(published, v) for _, v in shown_all):
        return "modified"
    if any(_earlier(m, published) and day >= m[:10] for m in modified):
        return "schedule"
    if len(published) == 10 and found.source == "time":
        return "time"
    return None


_MACHINE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
"""A stamp written for machines (``2023-04-12T18:05:00+02:00``): the text of a hidden
``<time>``, not a date a reader is shown."""


def _machine_text(found: Found) -> bool:
    """A shown date that is a machine stamp (a hidden ``<time>``'s text)."""
    return found.source == "text" and _MACHINE.fullmatch(found.value.strip()) is not None


def _claimed(article: Candidates, parse: Callable[[str], str | None],
             day: str) -> tuple[Found, str] | None:
    """Another structured published claim on ``day`` (the day the page shows): the
    page's metadata disagrees with itself, and the shown day is then a publication the
    page states, not only its modified day."""
    return next(((f, v) for f in article.published
                 if f.source in _STRUCTURED and (v := parse(f.value)) and v[:10] == day),
                None)


def _same_moment_possible(stamp: str, shown: str) -> bool:
    """Whether the day ``shown`` can be the day of ``stamp`` somewhere: the same day, or,
    for a UTC time, the day it is in a zone up to 14 hours away (the page shows its
    local day, the metadata UTC; a local time's day is its own); a shown wall clock must
    then be a whole number of quarter hours from the stamp's UTC minute, as zones'
    offsets are."""
    if shown[:10] == stamp[:10]:
        return True
    if len(stamp) <= 19:
        return False
    instant = datetime.fromisoformat(stamp).astimezone(UTC)
    if len(shown) == 19:  # a wall clock: the zone's offset is a whole quarter hour
        wall, moment = datetime.fromisoformat(shown), instant.replace(tzinfo=None)
        delta = wall - (moment if wall.second else moment.replace(second=0))
        return abs(delta) <= _AHEAD and not delta % timedelta(minutes=15)
    if not _is_utc(stamp):
        return False  # a local time: the page states its zone, and its day in it
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
    clock without an offset ("February 13, 2024 at 9:12 p.m.") is the UTC time moved by
    whole quarter hours (``_shown_offset``): it restates a UTC time that falls on another
    day than the page shows (03:12Z on the 14th is 21:12 on the 13th at -06:00); on the
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

    "2024-02-14T03:12:41Z" in the metadata and "February 13, 2024 at 9:12 p.m." on the
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
    with offsets (compared as instants: 09:40+00:00 is before 09:05-04:00); a date and
    a time, by their days (each the page's local day)."""
    if 10 in (len(a), len(b)) and len(a) != len(b):
        return a[:10] < b[:10]
    if len(a) != len(b) or a[10:11] != b[10:11]:
        return False  # a naive and an aware time: no order known
    if len(a) > 19:
        return datetime.fromisoformat(a) < datetime.fromisoformat(b)
    return a < b


def _described(article: Candidates) -> tuple[Found, ...]:
    """The one date the page's description names as a stamp ("(Notice of 3 June
    2021)", "[Posted: 2019-04-11 09:40]"): read only when the page names no date
    elsewhere."""
    if article.descriptions and (expression := sole_date(article.descriptions[0].value)):
        return (Found(expression, "description"),)
    return ()


def _url_day(published: str | None, page: Page, parse: Callable[[str], str | None],
             prov: Provenance) -> str | None:
    """The URL's day when the page's own dates give none, or when it comes more than a
    day before theirs: a URL is set when a story is first saved and kept when it is
    published again under a later date (a day apart may be a zone's doing)."""
    found = _url_dates(page)
    if found and (published is None or (date.fromisoformat(published[:10])
                                        - date.fromisoformat(found[0].value)).days > 1):
        return _pick(found, parse, "published", prov) or published
    return published


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
