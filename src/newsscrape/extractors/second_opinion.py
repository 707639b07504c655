"""htmldate's reading of a page's publication day: a second opinion, asked only when the
page's own structured and visible dates say nothing (``normalize`` decides when).

htmldate (the field's library for exactly this question) parses the page again and
searches markup, scripts and free text; it costs milliseconds a page, so it runs lazily.
Its answer is a day (``YYYY-MM-DD``), never a time: a day stays a day. When its search
finds only a year (a copyright line) or a month (an archive link), htmldate answers the
first of that month (``2019-01-01``); such an answer is refused unless the page writes
that day somewhere (``shows_day``): a year is not a day.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime

from newsscrape.lexicon.dates import date_expressions, read_date

__all__ = ["htmldate_day", "shows_day", "warm_up"]

_MIN_DATE = "1990-01-01"
_WARM_HTML = ("<html><body><article><p>By Ann Lee | Posted May. 2, 2024 at 11:40</p>"
              "</article></body></html>")
"""A date line only htmldate's last resort (dateparser, every locale) is asked about."""
logging.getLogger("htmldate").addHandler(logging.NullHandler())  # a library prints nothing


def htmldate_day(html: str, *, url: str | None, latest: datetime | None) -> str | None:
    """The original publication day htmldate finds in ``html`` (extensive search), no
    later than ``latest`` (when the page was read; today when unknown), or None."""
    from htmldate import find_date

    try:
        found = find_date(html, extensive_search=True, original_date=True, url=url,
                          min_date=_MIN_DATE, max_date=latest.date().isoformat() if latest
                          else None)
    except ValueError:  # lxml refuses some documents (control characters, no root)
        return None
    if not isinstance(found, str):
        return None
    if found.endswith("-01") and not shows_day(html, date.fromisoformat(found)):
        return None  # the first of a month htmldate filled in for a bare year or month
    return found


_WINDOW = 60
"""Characters either side of a year in the HTML that a date with that year may take."""
_MAX_YEARS = 400
"""Occurrences of the year looked at (a long archive page writes it hundreds of times)."""
_MARKUP = re.compile(r"[<>\"'=]+")
"""Markup signs: taken out, so that an attribute's value reads as text."""


def shows_day(html: str, day: date) -> bool:
    """Whether ``html`` writes ``day`` as a date in any form the date tables read
    ("January 1, 2019", "01.01.2019", "2019-01-01T10:00", "2019年1月1日"), in its text or
    in its markup, near an occurrence of the year."""
    year = str(day.year)
    anchor = datetime(day.year, 12, 31, tzinfo=UTC)  # a bare "1 January" is of that year
    start = html.find(year)
    for _ in range(_MAX_YEARS):
        if start < 0:
            return False
        window = _MARKUP.sub(" ", html[max(0, start - _WINDOW):start + len(year) + _WINDOW])
        for _field, expression in date_expressions(window):
            stamp = read_date(expression, anchor)
            if stamp is not None and stamp.day == day:
                return True
        start = html.find(year, start + len(year))
    return False


def warm_up() -> None:
    """Compile, once per process, what htmldate's last resort compiles on its first call
    (dateparser's patterns for every locale: about 1.5 s of CPU), so that a process
    forked afterwards does not pay it on a page, inside that page's time limit."""
    htmldate_day(_WARM_HTML, url=None, latest=None)
