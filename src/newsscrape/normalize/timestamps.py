"""Normalize the date/time strings found on news pages to ISO 8601.

Normal form (what :func:`parse_timestamp` returns):

* a stated time gives ``YYYY-MM-DDTHH:MM:SS`` -- seconds always written (``:00`` when
  not stated), fractional seconds dropped;
* an offset is appended (``+02:00`` form, ``Z`` written ``+00:00``) when the text states
  one (numeric offset or a zone abbreviation from the table below), or when ``tz`` (an
  IANA zone name) is given, in which case the naive wall time is localised in that zone;
  otherwise the value stays naive;
* a date without a time gives ``YYYY-MM-DD`` (never a fake ``T00:00:00``); ``tz`` does
  not change date-only values;
* relative forms are anchored on ``now``: sub-day ones ("3 hours ago", "3小时前", "just
  now") give a date-time, day-level ones ("yesterday", "2 days ago", "vor 2 Monaten") a
  date, and a relative day with a clock ("昨天 10:30") that day at that clock. A relative
  stamp never gets an offset the page did not state: it is the wall time of ``now``,
  naive (with ``tz``, ``now`` is first converted to that zone and the result is in it,
  so "昨天" means the day before *in that zone*). With ``relative=False`` (a page whose
  reading time is unknown) they give None, and so does a date without a year;
* epoch seconds / milliseconds (10 or 13 digits) give a UTC date-time (``+00:00``);
* ``None`` for anything that is not a full date: prose, version numbers, phone numbers,
  bare numbers, a time or a month without a day, impossible dates, years before 1990
  and dates more than two days after ``now``.

Zone abbreviations (case-sensitive, recognised right after a time) resolve as follows;
"generic" names take the standard or daylight offset the zone had on that date:

=========  ===============================  =========  ==============================
ET         America/New_York (generic)       GMT, UTC   +00:00
EST / EDT  -05:00 / -04:00                  UT, Z      +00:00
CT         America/Chicago (generic)        BST        +01:00 (British Summer Time)
CST        -06:00 US Central, **but**       WET/WEST   +00:00 / +01:00
           +08:00 China Standard Time when  CET/CEST   +01:00 / +02:00
           the text has Han characters or   MEZ/MESZ   +01:00 / +02:00
           China context (Beijing, China..) EET/EEST   +02:00 / +03:00
CDT        -05:00                           MSK        +03:00 (also in Cyrillic)
MT         America/Denver (generic)         IST        +05:30 (India, not Ireland/Israel)
MST / MDT  -07:00 / -06:00                  SGT, HKT   +08:00
PT         America/Los_Angeles (generic)    AWST       +08:00
PST / PDT  -08:00 / -07:00                  JST, KST   +09:00
AKST/AKDT  -09:00 / -08:00                  AEST/AEDT  +10:00 / +11:00
HST        -10:00                           NZST/NZDT  +12:00 / +13:00
=========  ===============================  =========  ==============================

Numeric dates: ``Y-M-D`` (also ``/`` and ``.``), ``D.M.Y`` (always day first), and
``A/B/Y`` / ``A-B-Y`` in the order of ``locale``, the page's language tag: day first
(``03/04/2024`` is 3 April on an ``en-GB`` or ``de`` page), month first for ``en-US`` and
the few locales that write it so (4 March), either way unless impossible
(``13/04/2024``); with no locale, or bare ``en``, month first unless ``A`` > 12.
Two-digit years (``DD.MM.YY``, ``M/D/YY``) map to 20YY unless that is more than a year
ahead of ``now``.  Year-less named dates ("March 5") take the year of ``now``, or the
year before when that would be more than two days ahead.

Also read: RFC 9557 / Java zone suffixes (``...+08:00[Asia/Shanghai]``), ISO basic
date-times, JavaScript ``Date.toString()`` output, fractional epoch seconds, and, as a
last resort, a date that is one `` | `` segment of the text or follows a one-word source
name ("Xinhua | 2024-02-22 09:26", "新华网 2024-02-22 09:26").

The common numeric / English / European / CJK shapes are read by ``lexicon.dates``
from the tables of ``lexicon.datewords`` (months, weekdays, labels, zones, in each
language); anything else falls back to ``dateparser`` (imported lazily on first use,
only for text that has letters and a digit or a relative word; an absolute result must
have day precision, so "February 2024" or "Q1 2024" give None). Zone names outside the
table are then looked up in dateparser's own table ("WAT").

``None`` as ``text`` gives None; a ``text`` that is not a string, a ``tz`` that is not
a string or a ``now`` that is not a datetime raise
:class:`~newsscrape.errors.ArgumentTypeError`, and an unknown ``tz`` name raises
:class:`~newsscrape.errors.ArgumentError` (both ``NewsscrapeError``, kind ``argument``).
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

from newsscrape.document.language import primary_language
from newsscrape.errors import ArgumentError, ArgumentTypeError
from newsscrape.lexicon.dates import Reading, Stamp, day_first, read_date, within_news_range
from newsscrape.normalize.arguments import optional_text

__all__ = ["parse_timestamp"]


def parse_timestamp(
    text: str | None, *, tz: str | None = None, now: datetime | None = None,
    locale: str | None = None, relative: bool = True,
) -> str | None:
    """Parse a (possibly labelled) date expression to normalized ISO 8601, or None."""
    text = optional_text("text", text)
    zone = _zone(tz)
    anchor = _anchor(now, zone)
    if locale is not None and not isinstance(locale, str):
        raise ArgumentTypeError.expected("locale", "a language tag (str) or None", locale)
    if not isinstance(relative, bool):
        raise ArgumentTypeError.expected("relative", "bool", relative)
    if not text:
        return None
    language = primary_language(locale) if locale else None
    stamp = read_date(text, Reading(anchor, day_first(locale), relative, language))
    return None if stamp is None else _finish(stamp, anchor, zone)


def _zone(tz: str | None) -> tzinfo | None:
    """The zone named ``tz`` (None for None); the name is checked on every call."""
    if tz is None:
        return None
    if not isinstance(tz, str):
        raise ArgumentTypeError.expected("tz", "an IANA zone name (str) or None", tz)
    try:
        return ZoneInfo(tz)
    except (ValueError, KeyError) as exc:  # ZoneInfoNotFoundError is a KeyError
        raise ArgumentError("tz", f"unknown time zone {tz!r}") from exc


def _anchor(now: datetime | None, zone: tzinfo | None) -> datetime:
    """What relative dates count from: ``now`` (the current time when None), in ``zone``."""
    if now is None:
        now = datetime.now(UTC)
    elif not isinstance(now, datetime):
        raise ArgumentTypeError.expected("now", "datetime or None", now)
    if zone is not None and now.tzinfo is not None:
        return now.astimezone(zone)
    return now


def _finish(stamp: Stamp, anchor: datetime, zone: tzinfo | None) -> str | None:
    """The normal form of a date read at ``anchor``, or None when no news page has it."""
    if not within_news_range(stamp, anchor):
        return None
    if stamp.clock is None:
        return stamp.day.isoformat()
    value = datetime.combine(stamp.day, stamp.clock, stamp.tz)
    if value.tzinfo is None and zone is not None:
        value = value.replace(tzinfo=zone)
    return value.isoformat(timespec="seconds")
