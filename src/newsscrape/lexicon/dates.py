"""Reading date expressions: the fast paths over the date tables, dateparser for the rest.

:func:`read_date` turns a (possibly labelled) date expression into a :class:`Stamp`
(a day, maybe a clock, maybe a zone) relative to an anchor time; the normal form
(``parse_timestamp``) is written from it by ``normalize.timestamps``. The extractors
ask the recognisers :func:`is_timestamp_line` and :func:`update_clock` whether a
visible line is a date, and split date lines with :func:`date_line_parts`.

The common numeric / English / European / CJK shapes are parsed by the regular
expressions here and the tables of ``datewords``; anything else falls back to
``dateparser`` (imported lazily on first use, only for text that has letters and a
digit or a relative word; an absolute result must have day precision).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any, Final, NamedTuple
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from newsscrape.lexicon.calendars import CALENDAR_SIGNS, to_gregorian
from newsscrape.lexicon.datewords import (
    AM_MARKERS,
    BOUND_WORDS,
    CHINA,
    CST_CHINA,
    DATEPARSER_LANGUAGES,
    DAY_PERIOD,
    DAY_SIGNS,
    DAYS_BACK,
    EN_UNITS,
    HOUR_SIGNS,
    LEADING_LABEL,
    MINUTE_SIGNS,
    MODIFIED_HINT,
    MONTH_FIRST_LOCALES,
    MONTH_SIGNS,
    MONTHS,
    NOW_OR_AGO,
    ORDINAL,
    PM_MARKERS,
    RANGE_WORDS,
    RELATIVE,
    SECOND_SIGNS,
    SKIP_WORDS,
    SUBDAY,
    TRAILING_LABEL,
    TZ_ABBREVIATIONS,
    YEAR_SIGNS,
    signs,
)
from newsscrape.lexicon.furniture import SOURCE_LABELS
from newsscrape.lexicon.scripts import script_fits
from newsscrape.lexicon.terms import alternation
from newsscrape.lexicon.terms import words as word_set

__all__ = [
    "DATE_FREE",
    "FUTURE_SLACK",
    "MIN_YEAR",
    "Reading",
    "Stamp",
    "date_expressions",
    "date_line_parts",
    "day_first",
    "is_date",
    "is_timestamp_line",
    "read_date",
    "sole_date",
    "source_in_line",
    "update_clock",
    "within_news_range",
]

MIN_YEAR: Final = 1990
"""Dates before this year are not news dates (founding years, birthdays)."""
FUTURE_SLACK: Final = timedelta(days=2)
"""How far after ``now`` a date may lie (time zones, scheduled posts)."""
_MAX_INPUT: Final = 200
_MAX_LINE: Final = 100
_MAX_META_LINE: Final = 320
_CLOCK_RE: Final = re.compile(r"\d[:.h]\d\d")
# A clock and at most a few words around it (a preposition, "p.m.", a zone): no date.
_CLOCK_ONLY_RE: Final = re.compile(r"^\D{0,12}\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?\D{0,16}$")
_EDGE_PUNCTUATION: Final = " |·•,;-\u2013\u2014()（）【】"
_AM: Final = word_set(AM_MARKERS)
_PM: Final = word_set(PM_MARKERS)
_YEAR, _MONTH, _DAY = signs(YEAR_SIGNS), signs(MONTH_SIGNS), signs(DAY_SIGNS)
_HOUR, _MINUTE, _SECOND = signs(HOUR_SIGNS), signs(MINUTE_SIGNS), signs(SECOND_SIGNS)

# --------------------------------------------------------------------------- shapes

_TRANSLATION: Final = str.maketrans(
    {
        # Arabic-Indic, Persian, Devanagari, Bengali, Thai and full-width digits
        **{chr(base + i): str(i) for base in (0x660, 0x6F0, 0x966, 0x9E6, 0xE50, 0xFF10)
           for i in range(10)},
        "\uff1a": ":", "\uff0f": "/", "\uff0c": ",", "\uff08": "(", "\uff09": ")",
        "\uff0d": "-", "\uff0e": ".",
        "\u060c": ",", "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
        "\u200e": None, "\u200f": None, "\u200b": None,
    }
)
_TRANSLATED: Final = re.compile(f"[{''.join(re.escape(chr(c)) for c in _TRANSLATION)}]")
"""A character ``_TRANSLATION`` changes (none is ASCII): most text holds none, and
``str.translate`` looks up every character of a text."""
_ISO_RE: Final = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    # ":684" after the seconds: milliseconds some CMSs write with a colon
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+|:\d{3})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|GMT|UTC)?"
    r"(?:\[([\w/+-]+)\])?)?",  # RFC 9557 / Java: ...+08:00[Asia/Shanghai]
    re.I,
)
_ARABIC_LETTER: Final = re.compile("[\u0620-\u064a]")
_PERSIAN_DIGITS: Final = re.compile("[\u06f0-\u06f9]")
_THAI_DIGITS: Final = re.compile("[\u0e50-\u0e59]")
_TWO_WORD_MONTHS: Final = re.compile("|".join(
    re.escape(name).replace("_", " ") for name in MONTHS if "_" in name))
"""Month names of two words ("كانون الثاني"), joined into one for the word readers."""
_BARRED: Final = re.compile(r"(?<![\d|])(\d{1,2}) ?\| ?(\d{1,2}) ?\| ?(\d{4})(?![\d|])")
"""A day, month and year between bars ("26 | 01 | 2022"), read as "26.01.2022"."""
_ISO_BASIC_RE: Final = re.compile(
    r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?(Z|[+-]\d{2}(?:\d{2})?)?"
    r"(?:\[([\w/+-]+)\])?",
    re.I,
)
_SEGMENT_RE: Final = re.compile(r"\s+[|·•]\s+")
_NAME_PREFIX_RE: Final = re.compile(r"[^\W\d_][^\s\d]*\s+(?=\d)")
_EPOCH_FRACTION_RE: Final = re.compile(r"\d{10}\.\d{1,6}")
_VERSION_RE: Final = re.compile(r"v\d+(?:\.\d+)+\S*", re.I)
_TIME_RE: Final = re.compile(
    rf"(?P<pre>{DAY_PERIOD})?\s*"
    r"(?<![\d.:/-])(?P<h>\d{1,2})"
    r"(?:\s*:\s*(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?"
    r"|\.(?P<m2>\d{2})(?![\d.])"
    r"|h(?P<m3>\d{2})?(?![^\W\d_])"
    rf"|\s*{_HOUR}\s*(?:(?P<m4>\d{{1,2}})\s*{_MINUTE})?(?:\s*(?P<s4>\d{{1,2}})\s*{_SECOND})?"
    r"|(?=\s*[ap]\.?\s?m\b))"
    r"(?!\d)(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?"
    r"(?:\s*(?:uhr|hrs|hs|h)\b)?",
    re.I,
)
_ABBR_ALTERNATION: Final = "|".join(sorted(TZ_ABBREVIATIONS, key=len, reverse=True))
_TZ_AFTER_RE: Final = re.compile(
    r"\s*\(?\s*(?P<tz>Z|(?:GMT|UTC|UT)\s*[+-]\s?\d{1,2}(?::?\d{2})?(?![\d.])"
    r"|[+-]\d{2}(?::?\d{2})?(?![\d.])|" + _ABBR_ALTERNATION + r")(?![^\W\d_])\s*\)?"
)
_OFFSET_RE: Final = re.compile(r"(?:GMT|UTC|UT)?\s*([+-])\s?(\d{1,2})(?::?(\d{2}))?")
_NUMERIC_DATES: Final = (
    # (pattern, US order: month first unless the first number is > 12)
    (re.compile(r"(?P<y>\d{4})(?P<sep>[-/.])\s?(?P<m>\d{1,2})(?P=sep)\s?(?P<d>\d{1,2})\.?"), False),
    (re.compile(rf"(?P<y>\d{{4}})\s*{_YEAR}\s*(?P<m>\d{{1,2}})\s*{_MONTH}\s*(?P<d>\d{{1,2}})\s*"
                rf"{_DAY}?"), False),
    (re.compile(r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})\.?"), False),
    (re.compile(r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{2})\.?"), False),
    (re.compile(r"(?P<m>\d{1,2})(?P<sep>[/-])(?P<d>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"), True),
)
_WORD_SPLIT_RE: Final = re.compile(r"[\s,;|·•()@]+")
_FINE_SPLIT_RE: Final = re.compile(r"[\s,;|·•()@/\u2013\u2014-]+")
_LETTER_RE: Final = re.compile(r"[^\W\d_]")
_DIGIT_RE: Final = re.compile(r"\d")
_YEAR_RE: Final = re.compile(rf"(?<!\d)(?:19|20)\d{{2}}(?!\d)|\d{{2,4}}\s*{_YEAR}|'\d{{2}}\b")
_YEAR_OR_CLOCK_RE: Final = re.compile(
    rf"(?<!\d)(?:19|20)\d{{2}}(?!\d)|\d{{1,2}}\s*(?::|h|{_HOUR})\s*\d{{2}}"
    rf"|\d{{1,2}}\s*{_MONTH}\s*\d{{1,2}}\s*{_DAY}|'\d{{2}}\b"
)
# A clock and what may follow it (a.m./p.m., a zone), with no label and no date.
_BARE_CLOCK: Final = re.compile(
    r"^\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s+[A-Za-z]{1,5})?$", re.IGNORECASE)


def _by_first_letter(words: list[str]) -> str:
    """``words`` as one alternation (``a|b``) with those that begin alike (ignoring case,
    as re folds it) under one branch: "m(?:ärz|arch|ar)". The regex engine tries a
    branch's words only where its letter stands, not all 200 month names at each word,
    and it tries them in the same order: the matches are the same."""
    groups: dict[str, list[str]] = {}
    for word in words:
        key = next((k for k in groups if re.fullmatch(re.escape(k), word[0], re.IGNORECASE)),
                   word[0])
        groups.setdefault(key, []).append(word[1:])
    return "|".join(f"{re.escape(key)}(?:{'|'.join(map(re.escape, rests))})"
                    for key, rests in groups.items())


# A full date written inside a longer line ("Lea Brunner, 04.03.2022", "VON X am
# 21. April 2020", "24. April 2020 | Pressemitteilungen"), with the clock that follows it.
_MONTH_WORD: Final = _by_first_letter(sorted(MONTHS, key=len, reverse=True))
_DATE_CORE: Final = (
    r"(?<![\d.,/-])\d{4}(?P<s1>[-/.])\d{1,2}(?P=s1)\d{1,2}(?![\d/])"
    r"|(?<![\d.,])\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})(?!\d|\.\d)"
    r"|(?<![\d/.,-])\d{1,2}(?P<s2>[/-])\d{1,2}(?P=s2)(?:\d{4}|\d{2})(?![\d/-])"
    r"|(?<![\d|])\d{1,2} ?\| ?\d{1,2} ?\| ?\d{4}(?![\d|])"
    rf"|(?<![\d.,])\d{{1,2}}(?:\.|st|nd|rd|th|er|º)?\s?(?:de\s+)?(?:{_MONTH_WORD})(?![^\W\d_])"
    r"\.?,?\s*(?:de\s+|del\s+)?\d{4}(?!\d)"
    rf"|(?<![^\W\d_])(?:{_MONTH_WORD})\.?\s\d{{1,2}}(?:st|nd|rd|th)?,?\s\d{{4}}(?!\d)"
    rf"|\d{{4}}\s*{_YEAR}\s*\d{{1,2}}\s*{_MONTH}\s*\d{{1,2}}\s*{_DAY}?"
)
_CLOCK_TAIL: Final = (
    r"(?:T\d{2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?(?![\d:])"
    r"|(?:\s*(?:[.,|/\u2013\u2014-]|\b(?:um|at|à|a\s+las|alle|ore|kl|klo)\b\.?)){0,2}\s*"
    rf"(?:{DAY_PERIOD})?\s*\d{{1,2}}(?::\d{{2}}|[.h]\d{{2}}(?!\.?\d)"
    rf"|\s*{_HOUR}(?:\s*\d{{1,2}}\s*{_MINUTE})?(?:\s*\d{{1,2}}\s*{_SECOND})?)(?::\d{{2}})?"
    r"(?:[.,]\d+)?(?![\d:])"
    r"(?:\s?(?:uhr|hrs|h|[ap]\.?\s?m)\b\.?)?"
    r"(?:\s?\(?(?:Z|[+-]\d{2}:?\d{2}|(?:GMT|UTC)\s?[+-]\s?\d{1,2}(?::?\d{2})?"
    rf"|(?-i:{_ABBR_ALTERNATION}))\)?(?![^\W\d_]))?)?"
)
# Each form of a date starts at a digit or at a month name's first letter: a lookahead
# saying so lets a search pass over the other characters with one test, not seven forms.
_DATE_START: Final = rf"(?=\d|[{''.join(sorted({re.escape(m[0]) for m in MONTHS}))}])"
_DATE_IN_LINE: Final = re.compile(rf"{_DATE_START}(?:{_DATE_CORE}){_CLOCK_TAIL}", re.IGNORECASE)
_BOUND_BEFORE: Final = re.compile(rf"\b(?:{alternation(BOUND_WORDS)})\s*$", re.IGNORECASE)
_SOURCE_IN_LINE: Final = re.compile(
    # at the start or after a field, not inside words ("Open source: …")
    rf"(?:^|(?<=[\s|/·•,(（-]))(?<![^\W\d_]\s)(?:{alternation(SOURCE_LABELS)})\s*[:：]\s*"
    r"(?P<name>.+)",
    re.IGNORECASE)
# Where a named source ends: the next "Label:", a field separator, a comma.
_NEXT_FIELD: Final = re.compile(r"\s+\S{1,12}[:：]|\s+[|/·•\u2013\u2014-]\s+|[|,，;；()（）]")
_RANGE_JOIN: Final = re.compile(
    rf"\s*(?:[-\u2013\u2014~]|{alternation(RANGE_WORDS)})\s*", re.IGNORECASE)
DATE_FREE: Final = re.compile(rf"{_DATE_IN_LINE.pattern}|(?<!\S)[|/·•\u2013\u2014-]+(?!\S)",
                              re.IGNORECASE)
"""Dates written inside a line and the lone separators between its fields: what is left
once they are removed is the line's other words (a name, a section, a label)."""

# --------------------------------------------------------------------------- types


class _Reject(Exception):
    """The text is recognisably not a valid timestamp: stop, do not try dateparser."""


class Stamp(NamedTuple):
    """A date read from text: the day, the clock if one was stated, the zone if known."""

    day: date
    clock: time | None
    tz: tzinfo | None


class Reading(NamedTuple):
    """How to read a page's dates: the time relative forms count from, the order of
    numeric dates, and whether relative forms may be read at all."""

    anchor: datetime
    """When the page was read (fetched or saved): "3 hours ago" counts from it; the
    latest a date may be (``FUTURE_SLACK`` after it)."""
    day_first: bool | None = None
    """``03/04/2024`` is 3 April (True), 4 March (False), or 4 March unless that is
    impossible (None, the US reading of a page whose locale is unknown)."""
    relative: bool = True
    """False when the reading time is unknown: "3 hours ago", "yesterday" and a date
    without a year ("March 5") say nothing then."""
    language: str | None = None
    """The page's language (primary subtag): a numeric date with a Solar Hijri, Buddhist
    era or ROC year is read so on a Persian, Thai or Chinese page (``calendars``), and
    dateparser tries that language's words first (``_dateparser_languages``)."""


class _Parts(NamedTuple):
    clock: time | None
    tz: tzinfo | None
    rest: str  # the text without its time and zone
    stripped: str  # the text without its zone (for dateparser)


# --------------------------------------------------------------------------- public API


def read_date(text: str, anchor: datetime | Reading) -> Stamp | None:
    """The date a (possibly labelled) date expression states, relative dates read from
    ``anchor`` (a time, or a ``Reading``); None for anything that is not a full date
    (prose, a bare time, a month)."""
    at = anchor if isinstance(anchor, Reading) else Reading(anchor)
    s = _prepare(text, at.language)
    if not s or len(s) > _MAX_INPUT:
        return None
    body = _strip_label(s)
    try:
        return _parse(body, at, s) or _parse_loose(body, at, s)
    except _Reject:
        return None


def day_first(locale: str | None) -> bool | None:
    """Whether a page in ``locale`` (a BCP 47 tag: ``en-GB``, ``de``, ``en_US``) writes
    numeric dates day first; None when it cannot be told (no locale, bare ``en``)."""
    if not locale:
        return None
    tag = locale.strip().replace("_", "-").lower()
    if tag in MONTH_FIRST_LOCALES:
        return False
    if tag == "en" or not tag.split("-")[0].isalpha():
        return None
    return True


def within_news_range(stamp: Stamp, anchor: datetime) -> bool:
    """Whether ``stamp`` can date a news page read at ``anchor``: not before ``MIN_YEAR``,
    not more than ``FUTURE_SLACK`` after the anchor (a naive time is compared as read)."""
    if stamp.day.year < MIN_YEAR:
        return False
    limit = anchor + FUTURE_SLACK
    if stamp.clock is None:
        return stamp.day <= limit.date()
    value = datetime.combine(stamp.day, stamp.clock, stamp.tz)
    if (value.tzinfo is None) != (limit.tzinfo is None):
        return value.replace(tzinfo=None) <= limit.replace(tzinfo=None)
    return value <= limit


def is_date(text: str) -> bool:
    """Whether ``text`` is a full, plausible date (what ``parse_timestamp`` reads)."""
    anchor = datetime.now(UTC)
    stamp = read_date(text, anchor)
    return stamp is not None and within_news_range(stamp, anchor)


def is_timestamp_line(text: str, *, thorough: bool = True, language: str | None = None
                      ) -> bool:
    """True when the whole line is date/time expressions, each optionally after a short label.

    With ``thorough=False`` only the fast regex forms are tried (no dateparser, which
    costs milliseconds a call): for scanning many page elements that are rarely dates.
    ``language`` (the page's, a primary subtag) narrows what dateparser tries.
    """
    s = _prepare(text)
    if not s or len(s) > _MAX_LINE:
        return False
    parts = _SEGMENT_RE.split(s)
    if len(parts) > 1 and _is_timestamp_segment(s, thorough=False):
        return True  # one stamp written with a separator: "Aug 14, 2024 · 9:05 AM EDT"
    return all(_is_timestamp_segment(part, thorough, language) for part in parts)


def update_clock(text: str) -> str | None:
    """The time of a time-only update line ("Updated 3:45 PM EST"), else None.

    Live pages state the day once ("Posted: March 5, 2024 at 1:12 PM EST") and each
    update as a time on that day; ``parse_timestamp(f"{day} {clock}")`` joins them.
    """
    if len(text) > 120 or not _CLOCK_RE.search(text) or not MODIFIED_HINT.search(text):
        return None  # cheap tests first: this runs on every short line of a page
    s = _prepare(text)
    clock = _strip_label(s)
    if not _CLOCK_ONLY_RE.match(clock) or \
            read_date(f"2000-01-01 {clock}", datetime.now(UTC)) is None:
        return None
    return clock


def date_line_parts(line: str) -> list[tuple[str, str]]:
    """``(field, text)`` per ``" | "`` part: "Published … | Updated …" -> published, modified.

    A bare clock continues the part before it ("Aug 14, 2024 | 9:05 AM EDT" is one time).
    """
    parts: list[tuple[str, str]] = []
    for part in (p.strip() for p in line.split(" | ")):
        if parts and _BARE_CLOCK.match(part):
            parts[-1] = (parts[-1][0], f"{parts[-1][1]} {part}")
        else:
            parts.append(("modified" if MODIFIED_HINT.search(part) else "published", part))
    return parts


def date_expressions(line: str) -> list[tuple[str, str]]:
    """``(field, expression)`` for each full date written inside ``line``, in order.

    "Lea Brunner, 04.03.2022" gives ``[("published", "04.03.2022")]``; "Veröffentlicht
    am 5. März 2024, 08:10 Uhr | Aktualisiert am 6. März 2024, 12:30 Uhr" gives both
    stamps. A date is modified when the words since the previous date say so. Only
    the fast forms are read (numeric, named months, CJK), each with the clock after it;
    whether the line is a date line at all is the caller's question.
    """
    s = _prepare(line)
    found: list[tuple[str, str]] = []
    start = 0
    for m, expression in _parsed_dates(s):
        before = s[start : m.start()]
        if found and _RANGE_JOIN.fullmatch(before):
            return []  # "09 Jan 2014 – 01 Jan 2017": a span (an event, captures), no stamp
        if _BOUND_BEFORE.search(before):
            start = m.end()
            continue  # "Gültig ab 01.04.2025": a bound, not when this was written
        found.append(("modified" if MODIFIED_HINT.search(before) else "published", expression))
        start = m.end()
    return found


def sole_date(line: str) -> str | None:
    """The one full date ``line`` names, as a stamp: none when it names several (a
    span, a schedule), a bound ("Gültig ab 01.04.2025") or an update.

    "Nuovo orario estivo per la biblioteca (Comunicato del 3 Giugno 2021)" gives "3
    Giugno 2021"; "Lavori dal 3 Marzo 2020 al 5 Marzo 2021" gives none.
    """
    s = _prepare(line)
    dates = list(_parsed_dates(s))
    if len(dates) != 1:
        return None
    m, expression = dates[0]
    before = s[: m.start()]
    if _BOUND_BEFORE.search(before) or MODIFIED_HINT.search(before):
        return None
    return expression


def _parsed_dates(s: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each full date of a prepared line that parses, with its match (none in a line
    too long to be a date line)."""
    if len(s) > _MAX_META_LINE:
        return
    at = Reading(datetime.now(UTC))
    for m in _DATE_IN_LINE.finditer(s):
        expression = m.group().strip(_EDGE_PUNCTUATION)
        try:
            stamp = _parse(expression, at, s, fallback=False)
        except _Reject:
            stamp = None
        if stamp is not None:
            yield m, expression


def source_in_line(line: str) -> str | None:
    """The source a date line names ("2024-06-30 10:15:23 来源：新华网 作者：王小明" gives
    "新华网", "15/06/2021 - 09:10 - Fonte: Agência Norte - Foto: …" "Agência Norte")."""
    m = _SOURCE_IN_LINE.search(line)
    if m is None:
        return None
    name = _NEXT_FIELD.split(m["name"], maxsplit=1)[0].strip(_EDGE_PUNCTUATION + ":：")
    if name.endswith(("...", "…")):
        return None  # a name cut short for display ("Landesdienst Wirtsch...")
    name = name.rstrip(".")
    return name if 2 <= len(name) <= 60 else None


def _is_timestamp_segment(s: str, thorough: bool, language: str | None = None) -> bool:
    body = _strip_label(s)
    if not body or body.replace(".", "", 1).isdecimal() or len(body.split()) > 8:
        return False
    try:
        stamp = _parse(body, Reading(datetime.now(UTC), language=language), s,
                       fallback=thorough)
    except _Reject:
        return False
    return stamp is not None and stamp.day.year >= MIN_YEAR


# --------------------------------------------------------------------------- pipeline


def _prepare(text: str, language: str | None = None) -> str:
    """The text with ASCII digits and spaces, other calendars' dates as ISO days."""
    translated = text.translate(_TRANSLATION) if not text.isascii() and \
        _TRANSLATED.search(text) else text
    s = " ".join(translated.split())
    if "|" in s:
        s = _BARRED.sub(r"\1.\2.\3", s)
    if not s.isascii() and CALENDAR_SIGNS.search(text):  # cheap test first: most text is not
        if _ARABIC_LETTER.search(s):
            s = _TWO_WORD_MONTHS.sub(lambda m: m[0].replace(" ", "_"), s)
        language = language or _digits_language(text)
        return to_gregorian(s, language)
    return to_gregorian(s, language) if language else s


def _digits_language(text: str) -> str | None:
    """A number written in Persian or Thai digits is a Persian or Thai page's: its year
    counts in that calendar (Solar Hijri, Buddhist era) even on a page declared otherwise."""
    if _PERSIAN_DIGITS.search(text):
        return "fa"
    return "th" if _THAI_DIGITS.search(text) else None


def _strip_label(s: str) -> str:
    s = TRAILING_LABEL.sub("", s).strip(_EDGE_PUNCTUATION)
    return LEADING_LABEL.sub("", s, count=1).strip(_EDGE_PUNCTUATION)


def _parse(body: str, at: Reading, context: str, *, fallback: bool = True) -> Stamp | None:
    if not body:
        return None
    if m := _ISO_RE.fullmatch(body) or _ISO_BASIC_RE.fullmatch(body):
        return _from_iso(m)
    if body.isdecimal():
        return _from_digits(body)
    if _EPOCH_FRACTION_RE.fullmatch(body):
        return _from_digits(body.partition(".")[0])
    if _VERSION_RE.fullmatch(body):
        return None
    if m := NOW_OR_AGO.fullmatch(body):
        return _from_en_relative(m, at)
    parts = _split_clock(body, context)
    stamp = _from_parts(parts, at)
    return stamp if stamp is not None or not fallback else _from_dateparser(parts, at)


def _parse_loose(body: str, at: Reading, context: str) -> Stamp | None:
    """Last resort: the date is one " | " segment, or follows a one-word source name.

    Only the regex paths are tried here: dateparser reads too much into fragments.
    """
    parts = _SEGMENT_RE.split(body)
    if len(parts) == 1:
        m = _NAME_PREFIX_RE.match(body)
        parts = [body[m.end() :]] if m else []
    for part in parts:
        try:
            stamp = _parse(part, at, context, fallback=False)
        except _Reject:
            continue
        if stamp is not None:
            return stamp
    return None


# --------------------------------------------------------------------------- fast paths


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _Reject from None


def _make_time(hour: int, minute: int, second: int = 0) -> time:
    try:
        return time(hour, minute, min(second, 59))
    except ValueError:
        raise _Reject from None


def _offset(text: str) -> tzinfo:
    if text.upper() in ("Z", "GMT", "UTC", "UT"):
        return UTC
    m = _OFFSET_RE.fullmatch(text)
    if m is None:
        raise _Reject
    hours, minutes = int(m[2]), int(m[3] or 0)
    if hours > 14 or minutes > 59:
        raise _Reject
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if m[1] == "-" else delta)


def _zone(token: str, context: str) -> tzinfo:
    if token == "Z" or _DIGIT_RE.search(token):
        return _offset(token)
    value = TZ_ABBREVIATIONS[token]
    if token == "CST" and CHINA.search(context):
        value = CST_CHINA
    return _offset(value) if value[0] in "+-" else ZoneInfo(value)


def _from_iso(m: re.Match[str]) -> Stamp:
    year, month, day, hour, minute, second, offset, zone_name = m.groups()
    when = _make_date(int(year), int(month), int(day))
    if hour is None:
        return Stamp(when, None, None)
    clock = _make_time(int(hour), int(minute), int(second or 0))
    if offset:
        return Stamp(when, clock, _offset(offset))
    return Stamp(when, clock, _zone_name(zone_name) if zone_name else None)


def _zone_name(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return None


def _from_digits(body: str) -> Stamp:
    if len(body) == 8:
        return Stamp(_make_date(int(body[:4]), int(body[4:6]), int(body[6:])), None, None)
    if len(body) not in (10, 13):
        raise _Reject
    value = datetime.fromtimestamp(int(body) / (1000 if len(body) == 13 else 1), UTC)
    return Stamp(value.date(), value.time().replace(microsecond=0), UTC)


def _from_en_relative(m: re.Match[str], at: Reading) -> Stamp | None:
    if not at.relative:
        raise _Reject  # "3 hours ago" from an unknown time
    anchor = at.anchor
    if m["now"]:
        return _stamp_at(anchor)
    unit = EN_UNITS.get(m["unit"].lower())
    if unit is None:
        return None
    count = int(m["n"]) if m["n"].isdigit() else 1
    if unit in ("months", "years"):
        delta = relativedelta(months=count) if unit == "months" else relativedelta(years=count)
        return Stamp((anchor - delta).date(), None, None)
    if unit in ("days", "weeks"):
        return Stamp((anchor - timedelta(**{unit: count})).date(), None, None)
    return _stamp_at(_minus(anchor, timedelta(**{unit: count})))


def _minus(anchor: datetime, delta: timedelta) -> datetime:
    if anchor.tzinfo is None:
        return anchor - delta
    return (anchor.astimezone(UTC) - delta).astimezone(anchor.tzinfo)


def _stamp_at(value: datetime) -> Stamp:
    """A relative time as the reading time's wall clock, with no offset: the page stated
    none (the reading time's own zone is not the page's)."""
    return Stamp(value.date(), value.time().replace(microsecond=0), None)


def _split_clock(s: str, context: str) -> _Parts:
    tm = _TIME_RE.search(s)
    if tm is None:
        return _Parts(None, None, s, s)
    clock = _clock(tm)
    end = tm.end()
    zone: tzinfo | None = None
    stripped = s
    zm = _TZ_AFTER_RE.match(s, end)
    if zm is not None:
        zone = _zone(zm["tz"], context)
        stripped = s[:end] + " " + s[zm.end() :]
        end = zm.end()
    return _Parts(clock, zone, s[: tm.start()] + " " + s[end:], stripped)


def _clock(tm: re.Match[str]) -> time:
    hour = int(tm["h"])
    minute = int(tm["m"] or tm["m2"] or tm["m3"] or tm["m4"] or 0)
    second = int(tm["s"] or tm["s4"] or 0)
    marker = (tm["ampm"] or "").lower()
    if marker and not 1 <= hour <= 12:
        raise _Reject
    if marker == "p" or tm["pre"] in _PM:
        hour += 12 if hour < 12 else 0  # "下午15:00" is already on a 24-hour clock
    elif (marker == "a" or tm["pre"] in _AM) and hour == 12:
        hour = 0
    return _make_time(hour, minute, second)


def _from_parts(parts: _Parts, at: Reading) -> Stamp | None:
    words = [w for w in _WORD_SPLIT_RE.split(parts.rest) if w and not _skippable(w)]
    if not words:
        if parts.clock is not None:
            raise _Reject  # a time without a date
        return None
    day = _date_from_words(words, at)
    if day is None:
        return None
    if parts.clock is None:
        return Stamp(day, None, None)
    return Stamp(day, parts.clock, parts.tz)  # "昨天 10:30" is the page's own clock


def _skippable(word: str) -> bool:
    return word in TZ_ABBREVIATIONS or word.lower().rstrip(".") in SKIP_WORDS


def _date_from_words(words: list[str], at: Reading) -> date | None:
    joined = " ".join(words)
    for pattern, us_order in _NUMERIC_DATES:
        if m := pattern.fullmatch(joined):
            return _numeric_date(m, us_order, at)
    if len(words) == 1 and (back := DAYS_BACK.get(words[0].lower())) is not None:
        if not at.relative:
            raise _Reject  # "yesterday" from an unknown time
        return at.anchor.date() - timedelta(days=back)
    month, numbers = 0, []
    for token in _FINE_SPLIT_RE.split(joined):
        low = token.lower().rstrip(".")
        if m := ORDINAL.fullmatch(low):
            numbers.append(m[1])
        elif low in MONTHS and (not month or MONTHS[low] == month):
            month = MONTHS[low]  # "12 تموز / يوليو 2019" names the month twice
        elif low and not _skippable(token):
            return None
    if not month:
        return None
    return _named_date(month, numbers, at)


def _numeric_date(m: re.Match[str], us_order: bool, at: Reading) -> date:
    """A numeric date; ``A/B/Y`` (``us_order``) in the page's order: month first unless
    the page reads day first (``at.day_first``), either way unless impossible."""
    first, second = int(m["m"]), int(m["d"])
    if us_order and (first > 12 or (at.day_first and second <= 12)):
        first, second = second, first
    year = int(m["y"])
    if len(m["y"]) == 2:
        year += 2000 if 2000 + year <= at.anchor.year + 1 else 1900
    return _make_date(year, first, second)


def _named_date(month: int, numbers: list[str], at: Reading) -> date | None:
    years = [int(n) for n in numbers if len(n) == 4]
    days = [int(n) for n in numbers if len(n) <= 2]
    if len(years) == 1 and len(days) == 1 and len(numbers) == 2:
        return _make_date(years[0], month, days[0])
    if len(numbers) == 1 and days:
        return _yearless(month, days[0], at)
    if len(numbers) == 1 and years:
        raise _Reject  # a month, not a day
    return None


def _yearless(month: int, day: int, at: Reading) -> date:
    if not at.relative:
        raise _Reject  # "March 5" of which year, when the reading time is unknown?
    anchor = at.anchor
    guess = _make_date(anchor.year, month, day)
    if guess > (anchor + FUTURE_SLACK).date():
        guess = _make_date(anchor.year - 1, month, day)
    return guess


# --------------------------------------------------------------------------- dateparser


def _from_dateparser(parts: _Parts, at: Reading) -> Stamp | None:
    text = parts.stripped
    relative = RELATIVE.search(text) is not None
    if not _LETTER_RE.search(text) or not (relative or _DIGIT_RE.search(text)):
        return None
    if relative and not at.relative:
        return None  # "vor 2 Tagen" from an unknown time
    if relative and (stamp := _dateparser_stamp(parts, text, at, relative=True)):
        return stamp
    if not _YEAR_OR_CLOCK_RE.search(text) or not (at.relative or _YEAR_RE.search(text)):
        # dateparser costs milliseconds a call; an absolute date without a year or a
        # clock time is too weak to be worth it (and menus, counts and prices end here).
        # Without a reading time, a year must be written: dateparser would take today's.
        return None
    return _dateparser_stamp(parts, text, at, relative=False)


def _dateparser_stamp(parts: _Parts, text: str, at: Reading, *, relative: bool) -> Stamp | None:
    zone = parts.tz
    if zone is None and parts.clock is not None and not relative:
        text, zone = _pop_zone(text)
    data = _dateparser_data(text, at.anchor, relative, _dateparser_languages(at.language, text))
    value = data.date_obj
    if not isinstance(value, datetime) or (data.period != "day" and not relative):
        return None
    has_time = parts.clock is not None or (relative and SUBDAY.search(text) is not None)
    if not has_time:
        return Stamp(value.date(), None, None)
    return Stamp(value.date(), value.time().replace(microsecond=0), zone)


def _dateparser_languages(language: str | None, text: str) -> list[str]:
    """What dateparser tries: the page's language and English when the text is written in
    that language's script, else every language of the table. dateparser asks each
    language whether it can read the text, on every call: 23 cost ~2-10 ms a call, two
    a fifth of that, and a worker loads only the languages its pages are in."""
    if language in _DATEPARSER_SET and script_fits(language, text):
        return [language] if language == "en" else [language, "en"]
    return DATEPARSER_LANGUAGES


_DATEPARSER_SET: Final = frozenset(DATEPARSER_LANGUAGES)


def _dateparser_data(text: str, anchor: datetime, relative: bool, languages: list[str]
                     ) -> Any:
    from dateparser.date import DateDataParser  # type: ignore[import-untyped,unused-ignore]

    settings: dict[str, Any] = {
        # "first" would also turn "1 month ago" into the 1st of last month
        "PREFER_DAY_OF_MONTH": "current" if relative else "first",
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "RELATIVE_BASE": anchor.replace(tzinfo=None),
        # the relative parser alone reads "3 hours" as "3 hours ago"
        "PARSERS": ["relative-time"] if relative else ["absolute-time"],
    }
    parser = DateDataParser(languages=languages, settings=settings)
    return parser.get_date_data(text)


def _pop_zone(text: str) -> tuple[str, tzinfo | None]:
    """Take a zone name this module does not know (WAT, SAST...) out with dateparser's table."""
    from dateparser.timezone_parser import (  # type: ignore[import-untyped,unused-ignore]
        pop_tz_offset_from_string,
    )

    rest, found = pop_tz_offset_from_string(text)
    offset = found.utcoffset(None) if found is not None else None
    return (rest, timezone(offset)) if isinstance(offset, timedelta) else (text, None)
