"""Dates in the year counts news sites use besides the Gregorian one, rewritten as ISO days.

* Solar Hijri (Iran, Afghanistan): "۲ تیر ۱۳۹۹" is 22 June 2020; numeric "1399/04/02" on a
  Persian page. Converted with ``convertdate`` (its Persian calendar).
* Thai Buddhist era: "5 มีนาคม 2567" is 5 March 2024 (the era runs 543 years ahead); a
  numeric date with such a year on a Thai page too.
* Japanese era years: "令和6年3月5日" is 5 March 2024 (元年 is the first year).
* ROC (Minguo) years: "民國113年3月5日", or "113年3月5日", is 5 March 2024; "113/03/05"
  on a Chinese page too.

:func:`to_gregorian` rewrites what it recognises in a (digit-normalised) text and leaves
the rest alone, so the ordinary readers take it from there (a clock after it included).
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta
from typing import Final

from newsscrape.lexicon.terms import Term, alternation

PERSIAN_MONTHS: Final = (
    Term("fa", "فروردین"), Term("fa", "اردیبهشت"), Term("fa", "خرداد"), Term("fa", "تیر"),
    Term("fa", "مرداد"), Term("fa", "شهریور"), Term("fa", "مهر"), Term("fa", "آبان"),
    Term("fa", "آذر"), Term("fa", "دی"), Term("fa", "بهمن"), Term("fa", "اسفند"),
)
"""Solar Hijri months, first to twelfth (Farvardin starts at the March equinox)."""

THAI_MONTHS: Final = (
    ("มกราคม", "ม.ค."), ("กุมภาพันธ์", "ก.พ."), ("มีนาคม", "มี.ค."), ("เมษายน", "เม.ย."),
    ("พฤษภาคม", "พ.ค."), ("มิถุนายน", "มิ.ย."), ("กรกฎาคม", "ก.ค."), ("สิงหาคม", "ส.ค."),
    ("กันยายน", "ก.ย."), ("ตุลาคม", "ต.ค."), ("พฤศจิกายน", "พ.ย."), ("ธันวาคม", "ธ.ค."),
)
"""Thai month names, full and abbreviated, January first."""

JAPANESE_ERAS: Final = {"令和": 2019, "平成": 1989, "昭和": 1926}
"""Era name -> the Gregorian year of its first year (元年)."""

BUDDHIST_ERA_OFFSET: Final = 543
ROC_OFFSET: Final = 1911

_PERSIAN_INDEX: Final = {row.text: i for i, row in enumerate(PERSIAN_MONTHS, start=1)}
_THAI_INDEX: Final = {name: i for i, names in enumerate(THAI_MONTHS, start=1) for name in names}

# Persian text is often typed with the Arabic yeh and kaf (تير for تیر).
_ARABIC_LETTERS: Final = str.maketrans({"\u064a": "\u06cc", "\u0643": "\u06a9"})
_PERSIAN_NAMED: Final = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s*(?:ام)?\s+"
    rf"({alternation(PERSIAN_MONTHS).replace('ی', '[یي]').replace('ک', '[کك]')})(?!\w)"
    r"\s*(?:ماه\s*)?(1[34]\d\d)(?!\d)")
_THAI_MONTH_WORD: Final = alternation((Term("th", name) for name in _THAI_INDEX), literal=True,
                                      longest_first=True)
_THAI_NAMED: Final = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s*({_THAI_MONTH_WORD})\s*(?:พ\.ศ\.\s*)?(2[45]\d\d)(?!\d)")
# Characters one of the rewrites below needs: Arabic-script and Thai letters, 年.
CALENDAR_SIGNS: Final = re.compile("[\u0600-\u06ff\u0e00-\u0e7f年]")
_ERA: Final = re.compile(rf"({'|'.join(JAPANESE_ERAS)})\s*(元|\d{{1,2}})\s*年")
_ROC: Final = re.compile(
    r"(?:民國|民国)\s*(\d{2,3})\s*年|(?<![\d年])(\d{2,3})\s*年(?=\s*\d{1,2}\s*月)")
_NUMERIC: Final = re.compile(r"(?<![\d/.-])(\d{3,4})([/.-])(\d{1,2})\2(\d{1,2})(?![\d/.-])"
                             r"|(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\6(\d{4})(?![\d/.-])")

SOLAR_HIJRI_LANGUAGES: Final = frozenset({"fa", "ps"})
THAI_LANGUAGES: Final = frozenset({"th"})
ROC_LANGUAGES: Final = frozenset({"zh"})
_NUMERIC_CALENDARS: Final = SOLAR_HIJRI_LANGUAGES | THAI_LANGUAGES | ROC_LANGUAGES


def to_gregorian(text: str, language: str | None = None) -> str:
    """``text`` with the non-Gregorian dates it holds written as ISO days (YYYY-MM-DD).

    Month names and era names say their calendar themselves; a bare numeric date is
    taken as Solar Hijri, Buddhist era or ROC only on a page in such a language
    (``fa``, ``th``, ``zh``) and only with a year no Gregorian news date has.
    """
    if text.isascii() or not CALENDAR_SIGNS.search(text):
        return _numeric(text, language) if language in _NUMERIC_CALENDARS else text
    text = _PERSIAN_NAMED.sub(lambda m: _solar(
        int(m[3]), _PERSIAN_INDEX[m[2].translate(_ARABIC_LETTERS)], int(m[1])), text)
    text = _THAI_NAMED.sub(
        lambda m: _iso(int(m[3]) - BUDDHIST_ERA_OFFSET, _THAI_INDEX[m[2]], int(m[1])), text)
    text = _ERA.sub(_era_year, text)
    text = _ROC.sub(_roc_year, text)
    return _numeric(text, language) if language in _NUMERIC_CALENDARS else text


def _iso(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return f"{year}-{month}-{day}?"  # no such day: nothing will read it


def _solar(year: int, month: int, day: int) -> str:
    """A Solar Hijri day as ISO: the year's first day (convertdate, by the equinox) and
    the calendar's month lengths (six of 31 days, five of 30, then 29 or 30)."""
    length = 31 if month <= 6 else 30
    if not (1 <= month <= 12 and 1 <= day <= length):
        return f"{year}-{month}-{day}?"
    first = _nowruz(year) + timedelta(days=(month - 1) * 31 - max(0, month - 7) + day - 1)
    return first.isoformat() if month < 12 or first < _nowruz(year + 1) else \
        f"{year}-{month}-{day}?"


@functools.lru_cache(maxsize=256)
def _nowruz(year: int) -> date:
    """The first day of Solar Hijri ``year`` (an astronomical computation: cached)."""
    from convertdate import persian

    return date(*persian.to_gregorian(year, 1, 1))


def _era_year(m: re.Match[str]) -> str:
    year = 1 if m[2] == "元" else int(m[2])
    return f"{JAPANESE_ERAS[m[1]] + year - 1}年"


def _roc_year(m: re.Match[str]) -> str:
    year = int(m[1] or m[2])
    return f"{year + ROC_OFFSET}年" if 60 <= year <= 200 else m[0]


def _numeric(text: str, language: str | None) -> str:
    def rewrite(m: re.Match[str]) -> str:
        year, month, day = (int(m[1]), int(m[3]), int(m[4])) if m[1] else \
            (int(m[8]), int(m[7]), int(m[5]))
        if language in SOLAR_HIJRI_LANGUAGES and 1300 <= year <= 1500:
            return _solar(year, month, day)
        if language in THAI_LANGUAGES and 2400 <= year <= 2700:
            return _iso(year - BUDDHIST_ERA_OFFSET, month, day)
        if language in ROC_LANGUAGES and 60 <= year <= 200:  # "113/03/05" in Taiwan
            return _iso(year + ROC_OFFSET, month, day)
        return m[0]
    return _NUMERIC.sub(rewrite, text)

