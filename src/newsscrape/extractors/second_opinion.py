"""htmldate's reading of a page's publication day: a second opinion, asked only when the
page's own structured and visible dates say nothing (``normalize`` decides when).

htmldate (the field's library for exactly this question) parses the page again and
searches markup, scripts and free text; it costs milliseconds a page, so it runs lazily.
Its answer is a day (``YYYY-MM-DD``), never a time: a day stays a day.
"""

from __future__ import annotations

import logging
from datetime import datetime

__all__ = ["htmldate_day", "warm_up"]

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
    return found if isinstance(found, str) else None


def warm_up() -> None:
    """Compile, once per process, what htmldate's last resort compiles on its first call
    (dateparser's patterns for every locale: about 1.5 s of CPU), so that a process
    forked afterwards does not pay it on a page, inside that page's time limit."""
    htmldate_day(_WARM_HTML, url=None, latest=None)
