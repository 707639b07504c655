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
  now") give a date-time that keeps the offset of ``now`` when it is aware, day-level
  ones ("yesterday", "2 days ago", "vor 2 Monaten") give a date.  When both ``now`` is
  aware and ``tz`` is given, ``now`` is first converted to ``tz`` (so "昨天" means the day
  before *in that zone*);
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
``A/B/Y`` / ``A-B-Y`` read US month-first unless ``A`` > 12.  Two-digit years (``DD.MM.YY``,
``M/D/YY``) map to 20YY unless that is more than a year ahead of ``now``.  Year-less
named dates ("March 5") take the year of ``now``, or the year before when that would be
more than two days ahead.

Also read: RFC 9557 / Java zone suffixes (``...+08:00[Asia/Shanghai]``), ISO basic
date-times, JavaScript ``Date.toString()`` output, fractional epoch seconds, and, as a
last resort, a date that is one `` | `` segment of the text or follows a one-word source
name ("Xinhua | 2024-02-22 09:26", "新华网 2024-02-22 09:26").

The common numeric / English / European / CJK shapes are parsed by the regular
expressions and tables below; anything else falls back to ``dateparser`` (imported
lazily on first use, only for text that has letters and a digit or a relative word;
an absolute result must have day precision, so "February 2024" or "Q1 2024" give None).
Zone names outside the table are then looked up in dateparser's own table ("WAT").
An unknown ``tz`` name raises ``zoneinfo.ZoneInfoNotFoundError``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any, Final, NamedTuple
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

__all__ = ["MONTH_NAMES", "TZ_ABBREVIATIONS", "is_timestamp_line", "parse_timestamp"]

# --------------------------------------------------------------------------- data tables

TZ_ABBREVIATIONS: Final[dict[str, str]] = {
    # generic US names: an IANA zone, the offset depends on the date
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
    # fixed offsets
    "EST": "-05:00", "EDT": "-04:00",
    "CST": "-06:00", "CDT": "-05:00",  # CST: +08:00 instead with China context
    "MST": "-07:00", "MDT": "-06:00",
    "PST": "-08:00", "PDT": "-07:00",
    "AKST": "-09:00", "AKDT": "-08:00",
    "HST": "-10:00",
    "GMT": "+00:00", "UTC": "+00:00", "UT": "+00:00",
    "WET": "+00:00", "WEST": "+01:00", "BST": "+01:00",
    "CET": "+01:00", "CEST": "+02:00", "MEZ": "+01:00", "MESZ": "+02:00",
    "EET": "+02:00", "EEST": "+03:00",
    "MSK": "+03:00", "\u041c\u0421\u041a": "+03:00",
    "IST": "+05:30",
    "SGT": "+08:00", "HKT": "+08:00", "AWST": "+08:00",
    "JST": "+09:00", "KST": "+09:00",
    "AEST": "+10:00", "AEDT": "+11:00",
    "NZST": "+12:00", "NZDT": "+13:00",
}
"""Zone abbreviation -> fixed ``±HH:MM`` offset or generic IANA zone (see module doc)."""

_CST_CHINA: Final = "+08:00"

MONTH_NAMES: Final[dict[str, tuple[str, ...]]] = {
    # one string per month: the spellings (full, abbreviated, declined) separated by spaces
    "en": ("january jan", "february feb", "march mar", "april apr", "may", "june jun",
           "july jul", "august aug", "september sep sept", "october oct", "november nov",
           "december dec"),
    "fr": ("janvier janv", "février fevrier févr fevr fév", "mars", "avril avr", "mai",
           "juin", "juillet juil", "août aout", "septembre sept", "octobre oct",
           "novembre nov", "décembre decembre déc"),
    "de": ("januar jänner jän", "februar feber", "märz maerz mär mrz", "april", "mai",
           "juni", "juli", "august", "september", "oktober okt", "november",
           "dezember dez"),
    "es": ("enero ene", "febrero", "marzo", "abril abr", "mayo", "junio", "julio",
           "agosto ago", "septiembre setiembre", "octubre", "noviembre", "diciembre dic"),
    "it": ("gennaio gen", "febbraio", "marzo", "aprile", "maggio mag", "giugno giu",
           "luglio lug", "agosto", "settembre set", "ottobre ott", "novembre",
           "dicembre"),
    "pt": ("janeiro", "fevereiro fev", "março marco", "abril", "maio", "junho", "julho",
           "agosto", "setembro", "outubro out", "novembro", "dezembro"),
    "nl": ("januari", "februari", "maart mrt", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "ru": ("января январь янв", "февраля февраль фев февр", "марта март мар",
           "апреля апрель апр", "мая май", "июня июнь июн", "июля июль июл",
           "августа август авг", "сентября сентябрь сен сент", "октября октябрь окт",
           "ноября ноябрь ноя нояб", "декабря декабрь дек"),
}
"""Month spellings per language, used by the fast path (lower case, no trailing dot)."""

_WEEKDAYS: Final = (
    "monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri "
    "saturday sat sunday sun "
    "lundi mardi mercredi jeudi vendredi samedi dimanche lun mer jeu ven sam dim "
    "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag mo di mi do fr sa so "
    "lunes martes miércoles miercoles jueves viernes sábado sabado domingo "
    "lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi "
    "segunda terça terca quarta quinta sexta feira "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag "
    "понедельник вторник среда четверг пятница суббота воскресенье "
    "星期一 星期二 星期三 星期四 星期五 星期六 星期日 星期天 周一 周二 周三 周四 周五 周六 周日 "
    "月 火 水 木 金 土 日 월 화 수 목 금 토 일 "
    "월요일 화요일 수요일 목요일 금요일 토요일 일요일"
)
_FILLERS: Final = (
    "at on the of @ de del à a le la am um den der el il op om em às as las alle ore "
    "в \u0433 года год uhr kl klo - / \u2013 \u2014"
)
_RELATIVE_DAYS: Final[dict[str, int]] = {
    "today": 0, "yesterday": 1, "heute": 0, "gestern": 1, "vorgestern": 2,
    "aujourd'hui": 0, "hoy": 0, "ayer": 1, "anteayer": 2, "oggi": 0, "ieri": 1,
    "hoje": 0, "ontem": 1, "vandaag": 0, "gisteren": 1, "eergisteren": 2,
    "сегодня": 0, "вчера": 1, "позавчера": 2, "今天": 0, "昨天": 1, "前天": 2,
    "今日": 0, "昨日": 1, "一昨日": 2, "오늘": 0, "어제": 1, "그제": 2,
}
_EN_UNITS: Final[dict[str, str]] = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), "seconds"),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), "minutes"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "hours"),
    **dict.fromkeys(("d", "day", "days"), "days"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "weeks"),
    **dict.fromkeys(("mo", "mos", "month", "months"), "months"),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), "years"),
}
_DATEPARSER_LANGUAGES: Final = [
    "en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "cs", "tr", "sv", "da",
    "nb", "fi", "zh", "ja", "ko", "ar", "fa", "id", "vi",
]

_AM_MARKERS: Final = frozenset(("上午", "午前", "오전", "早上", "凌晨"))
_PM_MARKERS: Final = frozenset(("下午", "午後", "오후", "晚上"))
_MIN_YEAR: Final = 1990
_FUTURE_SLACK: Final = timedelta(days=2)
_MAX_INPUT: Final = 200
_MAX_LINE: Final = 100

# Words that label a modified (not published) time, in the languages we meet.
MODIFIED_HINT: Final = re.compile(
    r"updat|modif|edit|aktualisiert|geändert|actualis|actualiz|atualiz|aggiorn|bijgewerkt|"
    r"mise? à jour|"
    r"aktualiz|güncel|diperbarui|opdateret|päivitetty|uppdaterad|oppdatert|"
    r"обновл|更新|修改|수정|업데이트|تحديث|עודכן", re.IGNORECASE)
_CLOCK_RE: Final = re.compile(r"\d[:.h]\d\d")
# A clock and at most a few words around it (a preposition, "p.m.", a zone): no date.
_CLOCK_ONLY_RE: Final = re.compile(r"^\D{0,12}\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?\D{0,16}$")
_EDGE_PUNCTUATION: Final = " |·•,;-\u2013\u2014()（）【】"

# Built from the tables above.
_MONTHS: Final[dict[str, int]] = {
    name: number
    for spellings in MONTH_NAMES.values()
    for number, names in enumerate(spellings, start=1)
    for name in names.split()
}
_SKIP_WORDS: Final = frozenset((_WEEKDAYS + " " + _FILLERS).split())

# --------------------------------------------------------------------------- regexes

_TRANSLATION: Final = str.maketrans(
    {
        **{chr(base + i): str(i) for base in (0x660, 0x6F0, 0xFF10) for i in range(10)},
        "\uff1a": ":", "\uff0f": "/", "\uff0c": ",", "\uff08": "(", "\uff09": ")",
        "\uff0d": "-", "\uff0e": ".",
        "\u060c": ",", "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
        "\u200e": None, "\u200f": None, "\u200b": None,
    }
)
_LABEL_RE: Final = re.compile(
    r"^(?:(?:(?:first|last|originally|date|time)\s+)?"
    r"(?:published|updated|posted|modified|created|released|date|dated|time)"
    r"(?:\s+(?:on|at|date|time))?"
    r"|publiée?(?:\s+le)?|mise? à jour(?:\s+le)?|(?:zuletzt\s+)?aktualisiert(?:\s+am)?"
    r"|veröffentlicht(?:\s+am)?|stand|datum|erstellt(?:\s+am)?"
    r"|publicado(?:\s+(?:el|em|a))?|actualizado(?:\s+el)?|atualizado(?:\s+em)?"
    r"|pubblicato(?:\s+il)?|aggiornato(?:\s+il)?|gepubliceerd(?:\s+op)?|bijgewerkt(?:\s+op)?"
    r"|опубликовано|обновлено|дата(?:\s+публикации)?"
    r"|发布时间|發佈時間|發布時間|发布日期|发表时间|更新时间|更新時間|发布于|發布於|时间|時間|日期"
    r"|公開日|更新日|投稿日|配信日|最終更新(?:日時?)?|更新|掲載日?|기사입력|최종수정|입력|수정|등록"
    r"|نُشر(?:\s+في)?|نشر(?:\s+في)?|آخر\s+تحديث|تاريخ\s+النشر"
    r")(?![^\W\d_])\s*:?\s*"
    r"|^[^\W\d_][^\d:]{0,28}:\s*",
    re.I,
)
_TRAILING_LABEL_RE: Final = re.compile(
    r"\s*[(\[]?(?:发布|發布|发表|發表|更新|published|updated|edited)[)\]]?$"
    r"|\s*\([^()]*\bTime\)$",  # JavaScript Date.toString(): "(Central European Standard Time)"
    re.I,
)
_ISO_RE: Final = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|GMT|UTC)?"
    r"(?:\[([\w/+-]+)\])?)?",  # RFC 9557 / Java: ...+08:00[Asia/Shanghai]
    re.I,
)
_ISO_BASIC_RE: Final = re.compile(
    r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?(Z|[+-]\d{2}(?:\d{2})?)?"
    r"(?:\[([\w/+-]+)\])?",
    re.I,
)
_SEGMENT_RE: Final = re.compile(r"\s+[|·•]\s+")
_NAME_PREFIX_RE: Final = re.compile(r"[^\W\d_][^\s\d]*\s+(?=\d)")
_EPOCH_FRACTION_RE: Final = re.compile(r"\d{10}\.\d{1,6}")
_VERSION_RE: Final = re.compile(r"v\d+(?:\.\d+)+\S*", re.I)
_EN_RELATIVE_RE: Final = re.compile(
    r"(?:about\s+|around\s+)?(?P<n>\d+|an?|one)\s*(?P<unit>[a-z]+)\s+ago"
    r"|(?P<now>just now|right now|now|moments? ago|a moment ago|a few (?:seconds|minutes) ago"
    r"|à l'instant|gerade eben|ahora mismo|agora mesmo|только что|刚刚|剛剛|たった今|방금)",
    re.I,
)
_TIME_RE: Final = re.compile(
    r"(?P<pre>上午|下午|午前|午後|오전|오후|早上|晚上|凌晨|中午)?\s*"
    r"(?<![\d.:/-])(?P<h>\d{1,2})"
    r"(?:\s*:\s*(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?"
    r"|\.(?P<m2>\d{2})(?![\d.])"
    r"|h(?P<m3>\d{2})?(?![^\W\d_])"
    r"|\s*[時时点點시]\s*(?:(?P<m4>\d{1,2})\s*[分분])?(?:\s*(?P<s4>\d{1,2})\s*[秒초])?"
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
    (re.compile(r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일号號]?"),
     False),
    (re.compile(r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})"), False),
    (re.compile(r"(?P<d>\d{2})\.(?P<m>\d{2})\.(?P<y>\d{2})"), False),
    (re.compile(r"(?P<m>\d{1,2})(?P<sep>[/-])(?P<d>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"), True),
)
_WORD_SPLIT_RE: Final = re.compile(r"[\s,;|·•()@]+")
_FINE_SPLIT_RE: Final = re.compile(r"[\s,;|·•()@/\u2013\u2014-]+")
_ORDINAL_RE: Final = re.compile(r"(\d{1,4})(?:st|nd|rd|th|er|re|e|º|ª|°)?")
_LETTER_RE: Final = re.compile(r"[^\W\d_]")
_DIGIT_RE: Final = re.compile(r"\d")
_CHINA_RE: Final = re.compile(
    r"[\u3400-\u9fff\uf900-\ufaff]|\b(?:Beijing|China|Chinese|Shanghai|Shenzhen|Guangzhou"
    r"|PRC|Xinhua|CGTN)\b",
    re.I,
)
_YEAR_OR_CLOCK_RE: Final = re.compile(
    r"(?<!\d)(?:19|20)\d{2}(?!\d)|\d{1,2}\s*[:h時시]\s*\d{2}|\d{1,2}\s*月\s*\d{1,2}\s*日|'\d{2}\b"
)
_RELATIVE_RE: Final = re.compile(
    r"\b(?:ago|il y a|vor|hace|fa|geleden|назад|тому|há|atrás|atras|temu|önce|sitten|sedan"
    r"|siden|před|pred|lalu|trước|yesterday|today|now|hier|aujourd|gestern|vorgestern|heute"
    r"|ayer|anteayer|hoy|ieri|oggi|gisteren|vandaag|вчера|вчора|сегодня|сьогодні|позавчера"
    r"|ontem|hoje|wczoraj|dzisiaj|dün|bugün|just|instant|gerade|ahora|agora|adesso)\b"
    r"|(?<!午)前|[昨今]|(?<!오)전|어제|오늘|그제|방금|منذ|أمس|اليوم",
    re.I,
)
_SUBDAY_RE: Final = re.compile(
    r"\b(?:sec|second|min|minute|hr|hour|seconde|heure|sekunde|stunde|segundo|minuto|hora"
    r"|secondo|ora|ore|minuut|uur|saniye|dakika|saat|sekund|minut|godzin|hodin|tunti|timm|std"
    r"|time|jam|menit|detik|giờ|phút|giây|секунд|минут|хвилин|час|годин|just now|instant"
    r"|gerade|ahora|agora|adesso)\w*|\d\s*(?:h|mn|m|s)\b"
    r"|秒|分|小时|小時|時間|초|분|시간|방금|刚刚|剛剛|ثانية|ثوان|دقيقة|دقائق|ساعة|ساعات",
    re.I,
)

# --------------------------------------------------------------------------- types


class _Reject(Exception):
    """The text is recognisably not a valid timestamp: stop, do not try dateparser."""


class _Stamp(NamedTuple):
    day: date
    clock: time | None
    tz: tzinfo | None


class _Parts(NamedTuple):
    clock: time | None
    tz: tzinfo | None
    rest: str  # the text without its time and zone
    stripped: str  # the text without its zone (for dateparser)


# --------------------------------------------------------------------------- public API


def parse_timestamp(
    text: str, *, tz: str | None = None, now: datetime | None = None
) -> str | None:
    """Parse a (possibly labelled) date expression to normalized ISO 8601, or None."""
    if not text:
        return None
    s = _prepare(text)
    if not s or len(s) > _MAX_INPUT:
        return None
    anchor = _anchor(now, tz)
    body = _strip_label(s)
    try:
        stamp = _parse(body, anchor, s) or _parse_loose(body, anchor, s)
    except _Reject:
        return None
    return None if stamp is None else _finish(stamp, anchor, tz)


def is_timestamp_line(text: str, *, thorough: bool = True) -> bool:
    """True when the whole line is date/time expressions, each optionally after a short label.

    With ``thorough=False`` only the fast regex forms are tried (no dateparser, which
    costs milliseconds a call): for scanning many page elements that are rarely dates.
    """
    s = _prepare(text)
    if not s or len(s) > _MAX_LINE:
        return False
    parts = _SEGMENT_RE.split(s)
    if len(parts) > 1 and _is_timestamp_segment(s, thorough=False):
        return True  # one stamp written with a separator: "Aug 14, 2024 · 9:05 AM EDT"
    return all(_is_timestamp_segment(part, thorough) for part in parts)


def update_clock(text: str) -> str | None:
    """The time of a time-only update line ("Updated 3:45 PM EST"), else None.

    Live pages state the day once ("Posted: March 5, 2024 at 1:12 PM EST") and each
    update as a time on that day; ``parse_timestamp(f"{day} {clock}")`` joins them.
    """
    if len(text) > 120 or not _CLOCK_RE.search(text) or not MODIFIED_HINT.search(text):
        return None  # cheap tests first: this runs on every short line of a page
    s = _prepare(text)
    clock = _strip_label(s)
    if not _CLOCK_ONLY_RE.match(clock) or parse_timestamp(f"2000-01-01 {clock}") is None:
        return None
    return clock


def _is_timestamp_segment(s: str, thorough: bool) -> bool:
    body = _strip_label(s)
    if not body or body.replace(".", "", 1).isdecimal() or len(body.split()) > 8:
        return False
    try:
        stamp = _parse(body, datetime.now(UTC), s, fallback=thorough)
    except _Reject:
        return False
    return stamp is not None and stamp.day.year >= _MIN_YEAR


# --------------------------------------------------------------------------- pipeline


def _prepare(text: str) -> str:
    return " ".join(text.translate(_TRANSLATION).split())


def _strip_label(s: str) -> str:
    s = _TRAILING_LABEL_RE.sub("", s).strip(_EDGE_PUNCTUATION)
    return _LABEL_RE.sub("", s, count=1).strip(_EDGE_PUNCTUATION)


def _anchor(now: datetime | None, tz: str | None) -> datetime:
    if now is None:
        now = datetime.now(UTC)
    if tz is not None:
        zone = ZoneInfo(tz)  # fail early on an unknown zone name
        if now.tzinfo is not None:
            return now.astimezone(zone)
    return now


def _parse(
    body: str, anchor: datetime, context: str, *, fallback: bool = True
) -> _Stamp | None:
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
    if m := _EN_RELATIVE_RE.fullmatch(body):
        return _from_en_relative(m, anchor)
    parts = _split_clock(body, context)
    stamp = _from_parts(parts, anchor)
    return stamp if stamp is not None or not fallback else _from_dateparser(parts, anchor)


def _parse_loose(body: str, anchor: datetime, context: str) -> _Stamp | None:
    """Last resort: the date is one " | " segment, or follows a one-word source name.

    Only the regex paths are tried here: dateparser reads too much into fragments.
    """
    parts = _SEGMENT_RE.split(body)
    if len(parts) == 1:
        m = _NAME_PREFIX_RE.match(body)
        parts = [body[m.end() :]] if m else []
    for part in parts:
        try:
            stamp = _parse(part, anchor, context, fallback=False)
        except _Reject:
            continue
        if stamp is not None:
            return stamp
    return None


def _finish(stamp: _Stamp, anchor: datetime, tz: str | None) -> str | None:
    if stamp.day.year < _MIN_YEAR:
        return None
    limit = anchor + _FUTURE_SLACK
    if stamp.clock is None:
        return stamp.day.isoformat() if stamp.day <= limit.date() else None
    value = datetime.combine(stamp.day, stamp.clock, stamp.tz)
    if (value.tzinfo is None) != (limit.tzinfo is None):
        late = value.replace(tzinfo=None) > limit.replace(tzinfo=None)
    else:
        late = value > limit
    if late:
        return None
    if value.tzinfo is None and tz is not None:
        value = value.replace(tzinfo=ZoneInfo(tz))
    return value.isoformat(timespec="seconds")


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
    if token == "CST" and _CHINA_RE.search(context):
        value = _CST_CHINA
    return _offset(value) if value[0] in "+-" else ZoneInfo(value)


def _from_iso(m: re.Match[str]) -> _Stamp:
    year, month, day, hour, minute, second, offset, zone_name = m.groups()
    when = _make_date(int(year), int(month), int(day))
    if hour is None:
        return _Stamp(when, None, None)
    clock = _make_time(int(hour), int(minute), int(second or 0))
    if offset:
        return _Stamp(when, clock, _offset(offset))
    return _Stamp(when, clock, _zone_name(zone_name) if zone_name else None)


def _zone_name(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return None


def _from_digits(body: str) -> _Stamp:
    if len(body) == 8:
        return _Stamp(_make_date(int(body[:4]), int(body[4:6]), int(body[6:])), None, None)
    if len(body) not in (10, 13):
        raise _Reject
    value = datetime.fromtimestamp(int(body) / (1000 if len(body) == 13 else 1), UTC)
    return _Stamp(value.date(), value.time().replace(microsecond=0), UTC)


def _from_en_relative(m: re.Match[str], anchor: datetime) -> _Stamp | None:
    if m["now"]:
        return _Stamp(anchor.date(), anchor.timetz().replace(tzinfo=None), anchor.tzinfo)
    unit = _EN_UNITS.get(m["unit"].lower())
    if unit is None:
        return None
    count = int(m["n"]) if m["n"].isdigit() else 1
    if unit in ("months", "years"):
        delta = relativedelta(months=count) if unit == "months" else relativedelta(years=count)
        return _Stamp((anchor - delta).date(), None, None)
    if unit in ("days", "weeks"):
        return _Stamp((anchor - timedelta(**{unit: count})).date(), None, None)
    return _stamp_at(_minus(anchor, timedelta(**{unit: count})))


def _minus(anchor: datetime, delta: timedelta) -> datetime:
    if anchor.tzinfo is None:
        return anchor - delta
    return (anchor.astimezone(UTC) - delta).astimezone(anchor.tzinfo)


def _stamp_at(value: datetime) -> _Stamp:
    return _Stamp(value.date(), value.time(), value.tzinfo)


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
    if marker == "p" or tm["pre"] in _PM_MARKERS:
        hour += 12 if hour < 12 else 0  # "下午15:00" is already on a 24-hour clock
    elif (marker == "a" or tm["pre"] in _AM_MARKERS) and hour == 12:
        hour = 0
    return _make_time(hour, minute, second)


def _from_parts(parts: _Parts, anchor: datetime) -> _Stamp | None:
    words = [w for w in _WORD_SPLIT_RE.split(parts.rest) if w and not _skippable(w)]
    if not words:
        if parts.clock is not None:
            raise _Reject  # a time without a date
        return None
    found = _date_from_words(words, anchor)
    if found is None:
        return None
    day, relative = found
    if parts.clock is None:
        return _Stamp(day, None, None)
    zone = parts.tz or (anchor.tzinfo if relative else None)
    return _Stamp(day, parts.clock, zone)


def _skippable(word: str) -> bool:
    return word in TZ_ABBREVIATIONS or word.lower().rstrip(".") in _SKIP_WORDS


def _date_from_words(words: list[str], anchor: datetime) -> tuple[date, bool] | None:
    joined = " ".join(words)
    for pattern, us_order in _NUMERIC_DATES:
        if m := pattern.fullmatch(joined):
            return _numeric_date(m, us_order, anchor), False
    if len(words) == 1 and (back := _RELATIVE_DAYS.get(words[0].lower())) is not None:
        return anchor.date() - timedelta(days=back), True
    month, numbers = 0, []
    for token in _FINE_SPLIT_RE.split(joined):
        low = token.lower().rstrip(".")
        if m := _ORDINAL_RE.fullmatch(low):
            numbers.append(m[1])
        elif low in _MONTHS and not month:
            month = _MONTHS[low]
        elif low and not _skippable(token):
            return None
    if not month:
        return None
    day = _named_date(month, numbers, anchor)
    return None if day is None else (day, False)


def _numeric_date(m: re.Match[str], us_order: bool, anchor: datetime) -> date:
    first, second = int(m["m"]), int(m["d"])
    if us_order and first > 12:
        first, second = second, first
    year = int(m["y"])
    if len(m["y"]) == 2:
        year += 2000 if 2000 + year <= anchor.year + 1 else 1900
    return _make_date(year, first, second)


def _named_date(month: int, numbers: list[str], anchor: datetime) -> date | None:
    years = [int(n) for n in numbers if len(n) == 4]
    days = [int(n) for n in numbers if len(n) <= 2]
    if len(years) == 1 and len(days) == 1 and len(numbers) == 2:
        return _make_date(years[0], month, days[0])
    if len(numbers) == 1 and days:
        return _yearless(month, days[0], anchor)
    if len(numbers) == 1 and years:
        raise _Reject  # a month, not a day
    return None


def _yearless(month: int, day: int, anchor: datetime) -> date:
    guess = _make_date(anchor.year, month, day)
    if guess > (anchor + _FUTURE_SLACK).date():
        guess = _make_date(anchor.year - 1, month, day)
    return guess


# --------------------------------------------------------------------------- dateparser


def _from_dateparser(parts: _Parts, anchor: datetime) -> _Stamp | None:
    text = parts.stripped
    relative = _RELATIVE_RE.search(text) is not None
    if not _LETTER_RE.search(text) or not (relative or _DIGIT_RE.search(text)):
        return None
    if relative and (stamp := _dateparser_stamp(parts, text, anchor, relative=True)):
        return stamp
    if not _YEAR_OR_CLOCK_RE.search(text):
        # dateparser costs milliseconds a call; an absolute date without a year or a
        # clock time is too weak to be worth it (and menus, counts and prices end here).
        return None
    return _dateparser_stamp(parts, text, anchor, relative=False)


def _dateparser_stamp(
    parts: _Parts, text: str, anchor: datetime, *, relative: bool
) -> _Stamp | None:
    zone = parts.tz
    if zone is None and parts.clock is not None and not relative:
        text, zone = _pop_zone(text)
    data = _dateparser_data(text, anchor, relative)
    value = data.date_obj
    if not isinstance(value, datetime) or (data.period != "day" and not relative):
        return None
    has_time = parts.clock is not None or (relative and _SUBDAY_RE.search(text) is not None)
    if not has_time:
        return _Stamp(value.date(), None, None)
    zone = zone or (anchor.tzinfo if relative else None)
    return _Stamp(value.date(), value.time().replace(microsecond=0), zone)


def _dateparser_data(text: str, anchor: datetime, relative: bool) -> Any:
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
    parser = DateDataParser(languages=_DATEPARSER_LANGUAGES, settings=settings)
    return parser.get_date_data(text)


def _pop_zone(text: str) -> tuple[str, tzinfo | None]:
    """Take a zone name this module does not know (WAT, SAST...) out with dateparser's table."""
    from dateparser.timezone_parser import (  # type: ignore[import-untyped,unused-ignore]
        pop_tz_offset_from_string,
    )

    rest, found = pop_tz_offset_from_string(text)
    offset = found.utcoffset(None) if found is not None else None
    return (rest, timezone(offset)) if isinstance(offset, timedelta) else (text, None)
