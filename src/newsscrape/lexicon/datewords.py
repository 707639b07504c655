"""Words of dates, per language: months, weekdays, relative days, units, labels, zones.

Every table is rows with their language; the patterns at the end are built from them
once, at import. To read dates in one more language, add its rows here (month and
weekday spellings, its "yesterday", its "Published"/"Updated" labels); the reader in
``dates.py`` needs no change.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from newsscrape.lexicon.terms import ANY_LANGUAGE, Term, alternation, has_case, terms, words

# --------------------------------------------------------------------------- calendar

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
    # Arabic: the Egyptian and Gulf names, then the Levantine and Iraqi ones (the names of
    # two words are written with an underscore: ``dates._prepare`` joins them so)
    "ar": ("يناير كانون_الثاني", "فبراير شباط", "مارس آذار", "أبريل ابريل إبريل نيسان",
           "مايو أيار ايار", "يونيو يونيه حزيران", "يوليو يوليه تموز", "أغسطس اغسطس آب",
           "سبتمبر أيلول ايلول", "أكتوبر اكتوبر تشرين_الأول تشرين_الاول",
           "نوفمبر تشرين_الثاني", "ديسمبر كانون_الأول كانون_الاول"),
    "hi": ("जनवरी", "फ़रवरी फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त",
           "सितंबर सितम्बर", "अक्टूबर", "नवंबर नवम्बर", "दिसंबर दिसम्बर"),
    "ru": ("января январь янв", "февраля февраль фев февр", "марта март мар",
           "апреля апрель апр", "мая май", "июня июнь июн", "июля июль июл",
           "августа август авг", "сентября сентябрь сен сент", "октября октябрь окт",
           "ноября ноябрь ноя нояб", "декабря декабрь дек"),
}
"""Month spellings per language (lower case, no trailing dot), January first."""

WEEKDAY_NAMES: Final[dict[str, tuple[str, ...]]] = {
    # one string per weekday, Monday first: the full name, then other spellings
    "en": ("monday mon", "tuesday tue tues", "wednesday wed", "thursday thu thur thurs",
           "friday fri", "saturday sat", "sunday sun"),
    # "mar" is not an abbreviation of mardi here: it is March in English
    "fr": ("lundi lun", "mardi", "mercredi mer", "jeudi jeu", "vendredi ven", "samedi sam",
           "dimanche dim"),
    "de": ("montag mo", "dienstag di", "mittwoch mi", "donnerstag do", "freitag fr",
           "samstag sonnabend sa", "sonntag so"),
    "es": ("lunes", "martes", "miércoles miercoles", "jueves", "viernes", "sábado sabado",
           "domingo"),
    # Saturday and Sunday (sabato, domenica) are left to dateparser so far
    "it": ("lunedì lunedi", "martedì martedi", "mercoledì mercoledi", "giovedì giovedi",
           "venerdì venerdi"),
    "pt": ("segunda", "terça terca", "quarta", "quinta", "sexta", "sábado sabado", "domingo"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "ru": ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"),
    "zh": ("星期一 周一", "星期二 周二", "星期三 周三", "星期四 周四", "星期五 周五",
           "星期六 周六", "星期日 星期天 周日"),
    "ja": ("月", "火", "水", "木", "金", "土", "日"),  # as in "3月5日（火）"
    "ko": ("월요일 월", "화요일 화", "수요일 수", "목요일 목", "금요일 금", "토요일 토",
           "일요일 일"),
}
"""Weekday spellings per language (lower case, no trailing dot), Monday first."""

# Words that sit between the parts of a date and say nothing about it.
DATE_FILLERS: Final = (
    *terms(ANY_LANGUAGE, "@ - / \u2013 \u2014"),
    *terms("en", "at on the of"),
    *terms("fr", "à le la de"),
    *terms("de", "am um den der uhr"),
    *terms("es", "de del el las a"),
    *terms("it", "il alle ore a"),
    *terms("pt", "de em às as a feira"),  # feira: "segunda-feira"
    *terms("nl", "op om"),
    *terms("ru", "в \u0433 года год"),  # г.: "5 марта 2024 г."
    *terms("da", "kl"),  # also Norwegian, Swedish
    *terms("fi", "klo"),
    *terms("th", "น. น"),  # "10:30 น.": o'clock
    *terms("hi", "को"),
)


# Words that join the two ends of a span of days ("5 March to 7 March 2024").
RANGE_WORDS: Final = (
    *terms("en", "to until till through"), *terms("de", "bis"), *terms("fr", "au"),
    *terms("es", "al hasta"), *terms("it", "al fino"), *terms("nl", "tot"),
)


# Words before a date that make it a bound, not a stamp ("Gültig ab 01.04.2025",
# "valid until March 5, 2024").
BOUND_WORDS: Final = (
    *terms("en", "from since until till through before after by"),
    *terms("de", "ab seit bis vor nach"), *terms("fr", "depuis dès jusqu'au avant après"),
    *terms("es", "desde hasta antes después"), *terms("it", "dal dall' fino entro"),
    *terms("nl", "vanaf sinds tot"), *terms("pt", "até desde"),
)


class RelativeDay(NamedTuple):
    """A word naming a day by its distance from today ("yesterday": 1)."""

    lang: str
    text: str
    days_back: int


RELATIVE_DAYS: Final = (
    RelativeDay("en", "today", 0), RelativeDay("en", "yesterday", 1),
    RelativeDay("de", "heute", 0), RelativeDay("de", "gestern", 1),
    RelativeDay("de", "vorgestern", 2),
    RelativeDay("fr", "aujourd'hui", 0), RelativeDay("fr", "hier", 1),
    RelativeDay("es", "hoy", 0), RelativeDay("es", "ayer", 1), RelativeDay("es", "anteayer", 2),
    RelativeDay("it", "oggi", 0), RelativeDay("it", "ieri", 1),
    RelativeDay("pt", "hoje", 0), RelativeDay("pt", "ontem", 1),
    RelativeDay("nl", "vandaag", 0), RelativeDay("nl", "gisteren", 1),
    RelativeDay("nl", "eergisteren", 2),
    RelativeDay("ru", "сегодня", 0), RelativeDay("ru", "вчера", 1),
    RelativeDay("ru", "позавчера", 2),
    RelativeDay("uk", "сьогодні", 0), RelativeDay("uk", "вчора", 1),
    RelativeDay("pl", "dzisiaj", 0), RelativeDay("pl", "wczoraj", 1),
    RelativeDay("tr", "bugün", 0), RelativeDay("tr", "dün", 1),
    RelativeDay("zh", "今天", 0), RelativeDay("zh", "昨天", 1), RelativeDay("zh", "前天", 2),
    RelativeDay("ja", "今日", 0), RelativeDay("ja", "昨日", 1), RelativeDay("ja", "一昨日", 2),
    RelativeDay("ko", "오늘", 0), RelativeDay("ko", "어제", 1), RelativeDay("ko", "그제", 2),
    RelativeDay("ar", "اليوم", 0), RelativeDay("ar", "أمس", 1),
)

# "ago" and its kin: a word that makes a count of units a time in the past. Regexes;
# the caseless ones run into their neighbours ("3小时前", "3시간 전").
AGO_WORDS: Final = (
    *terms("en", "ago"), Term("fr", "il y a"), *terms("de", "vor"), *terms("es", "hace"),
    *terms("it", "fa"), *terms("nl", "geleden"), *terms("ru", "назад"), *terms("uk", "тому"),
    *terms("pt", "há atrás atras"), *terms("pl", "temu"), *terms("tr", "önce"),
    *terms("fi", "sitten"), *terms("sv", "sedan"), *terms("da", "siden"),
    *terms("cs", "před"), *terms("sk", "pred"), *terms("id", "lalu"), *terms("vi", "trước"),
    Term("zh", "(?<!午)前"),  # not 午前 (a.m. in Japanese)
    Term("zh", "[昨今]"),  # 昨年, 今月: last year, this month
    Term("ko", "(?<!오)전"),  # not 오전 (a.m.)
    Term("ar", "منذ"),
)

# "Just now", in the languages we meet; read as the time of ``now``.
NOW_PHRASES: Final = (
    Term("en", "just now"), Term("en", "right now"), Term("en", "now"),
    Term("en", "moments? ago"), Term("en", "a moment ago"),
    Term("en", "a few (?:seconds|minutes) ago"),
    Term("fr", "à l'instant"), Term("de", "gerade eben"), Term("es", "ahora mismo"),
    Term("pt", "agora mesmo"), Term("it", "adesso"), Term("ru", "только что"),
    Term("zh", "刚刚"), Term("zh", "剛剛"), Term("ja", "たった今"), Term("ko", "방금"),
)

# Units shorter than a day: a relative time in them keeps its clock ("3 hours ago").
# Stems, matched at the start of a word.
SUBDAY_UNITS: Final = (
    *terms("en", "sec second min minute hr hour time"),
    *terms("fr", "seconde heure"), *terms("de", "sekunde stunde std"),
    *terms("es", "segundo minuto hora"), *terms("it", "secondo ora ore"),
    *terms("nl", "minuut uur"), *terms("tr", "saniye dakika saat"),
    *terms("pl", "sekund minut godzin"), *terms("cs", "hodin"), *terms("fi", "tunti"),
    *terms("sv", "timm"), *terms("id", "jam menit detik"), *terms("vi", "giờ phút giây"),
    *terms("ru", "секунд минут час"), *terms("uk", "хвилин годин"),
    *terms("zh", "秒 分 小时 小時"), *terms("ja", "時間"), *terms("ko", "초 분 시간"),
    *terms("ar", "ثانية ثوان دقيقة دقائق ساعة ساعات"),
)

EN_UNITS: Final[dict[str, str]] = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), "seconds"),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), "minutes"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "hours"),
    **dict.fromkeys(("d", "day", "days"), "days"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "weeks"),
    **dict.fromkeys(("mo", "mos", "month", "months"), "months"),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), "years"),
}
"""English unit spellings -> ``timedelta``/``relativedelta`` argument, for "3 hrs ago"."""

# Morning and afternoon markers before a clock ("下午3:45" is 15:45).
AM_MARKERS: Final = (*terms("zh", "上午 早上 凌晨"), *terms("ja", "午前"), *terms("ko", "오전"))
PM_MARKERS: Final = (*terms("zh", "下午 晚上"), *terms("ja", "午後"), *terms("ko", "오후"))
NOON_MARKERS: Final = terms("zh", "中午")

# The signs CJK dates and clocks write after each number: 2024年2月22日 9時26分, 2024년 2월.
YEAR_SIGNS: Final = (Term("zh", "年"), Term("ko", "년"))
MONTH_SIGNS: Final = (Term("zh", "月"), Term("ko", "월"))
DAY_SIGNS: Final = (Term("zh", "日"), Term("zh", "号"), Term("zh", "號"), Term("ko", "일"))
HOUR_SIGNS: Final = (Term("ja", "時"), Term("zh", "时"), Term("zh", "点"), Term("zh", "點"),
                     Term("ko", "시"))
MINUTE_SIGNS: Final = (Term("zh", "分"), Term("ko", "분"))
SECOND_SIGNS: Final = (Term("zh", "秒"), Term("ko", "초"))


def signs(table: tuple[Term, ...]) -> str:
    """A table of one-character signs as a regex character class: ``[年년]``."""
    return f"[{''.join(row.text for row in table)}]"


ORDINAL_SUFFIXES: Final = (
    *terms("en", "st nd rd th"), *terms("fr", "er re e"), *terms("es", "º ª"),
    *terms(ANY_LANGUAGE, "°"),
)

DATEPARSER_LANGUAGES: Final = [
    "en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "cs", "tr", "sv", "da",
    "nb", "fi", "zh", "ja", "ko", "ar", "fa", "id", "vi",
]
"""The languages dateparser is asked to read (the slow path, for what the tables miss)."""

MONTH_FIRST_LOCALES: Final = frozenset({
    "en-us", "en-ph", "en-as", "en-gu", "en-mp", "en-pr", "en-um", "en-vi", "en-fm", "en-mh",
    "en-pw", "es-us",
})
"""Locales that write numeric dates month first (``03/04/2024`` is 4 March); every other
locale with a region, and every language but bare English, writes the day first."""

# --------------------------------------------------------------------------- zones

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
"""Zone abbreviation -> fixed ``±HH:MM`` offset or generic IANA zone (case-sensitive)."""

CST_CHINA: Final = "+08:00"
"""CST in China context: China Standard Time, not US Central."""

# Names that make "CST" China Standard Time (Han characters do too).
CHINA_CONTEXT: Final = terms(
    ANY_LANGUAGE, "Beijing China Chinese Shanghai Shenzhen Guangzhou PRC Xinhua CGTN")

# --------------------------------------------------------------------------- labels

PUBLISHED = "published"
MODIFIED = "modified"
EITHER = ""

BEFORE = "before"
"""The label stands before the date it labels ("Updated: 5 March")."""
AFTER = "after"
"""The word follows the date ("2024-02-22 09:26 发布", "March 5 (updated)")."""
BOTH = "both"
NOWHERE = ""
"""Not read as a label: known only as the word that marks a field (in markup, say)."""


class DateWord(NamedTuple):
    """A word that says which date it labels: "Published", "aktualisiert", "更新时间"."""

    lang: str
    field: str
    """``PUBLISHED``, ``MODIFIED``, or ``EITHER`` ("Date", "Stand", "日期")."""
    text: str
    """The word as written (a regex)."""
    place: str = BEFORE
    stem: str | None = None
    """How the word shows inside class names and longer labels ("updat" in "date-updated",
    "lastUpdate"); the word itself when None."""
    markup: bool = False
    """Also names date elements in class names and ids (``class="post-date"``)."""


def _words(lang: str, field: str, texts: str, place: str = BEFORE, *,
           stem: str | None = None) -> tuple[DateWord, ...]:
    """One row per word of ``texts``, all alike."""
    return tuple(DateWord(lang, field, text, place, stem) for text in texts.split())


DATE_WORDS: Final = (
    DateWord("en", PUBLISHED, "published", BOTH, stem="publi", markup=True),
    DateWord("en", MODIFIED, "updated", BOTH, stem="updat", markup=True),
    DateWord("en", PUBLISHED, "posted", markup=True),
    DateWord("en", MODIFIED, "modified", stem="modif"),
    DateWord("en", PUBLISHED, "created"),
    DateWord("en", PUBLISHED, "released"),
    DateWord("en", EITHER, "date", markup=True),
    DateWord("en", EITHER, "dated"),
    DateWord("en", EITHER, "time", markup=True),
    DateWord("en", MODIFIED, "edited", AFTER, stem="edit"),
    DateWord("fr", PUBLISHED, "publiée?"),
    DateWord("fr", MODIFIED, "mise? à jour"),
    DateWord("fr", MODIFIED, "actualisé", NOWHERE, stem="actualis"),
    DateWord("de", MODIFIED, "aktualisiert"),
    DateWord("de", PUBLISHED, "veröffentlicht"),
    DateWord("de", EITHER, "stand"),
    DateWord("de", EITHER, "datum", markup=True),
    DateWord("de", PUBLISHED, "erstellt"),
    DateWord("de", MODIFIED, "geändert", NOWHERE),
    DateWord("de", MODIFIED, r"letzte\s+änderung"),
    DateWord("de", EITHER, "zeit", NOWHERE, markup=True),
    DateWord("es", PUBLISHED, "publicado"),
    DateWord("es", MODIFIED, "actualizado", stem="actualiz"),
    DateWord("es", EITHER, "fecha", NOWHERE, markup=True),
    DateWord("pt", PUBLISHED, "publicado"),
    DateWord("pt", MODIFIED, "atualizado", stem="atualiz"),
    DateWord("pt", EITHER, "data", NOWHERE, markup=True),
    DateWord("it", PUBLISHED, "pubblicato"),
    DateWord("it", MODIFIED, "aggiornato", stem="aggiorn"),
    DateWord("nl", PUBLISHED, "gepubliceerd"),
    DateWord("nl", MODIFIED, "bijgewerkt"),
    DateWord("ru", PUBLISHED, "опубликовано"),
    DateWord("ru", MODIFIED, "обновлено", stem="обновл"),
    DateWord("ru", EITHER, r"дата\s+публикации"),
    DateWord("ru", EITHER, "дата"),
    *_words("zh", PUBLISHED, "发布时间 發佈時間 發布時間 发布日期 发表时间 发布于 發布於"),
    *_words("zh", MODIFIED, "更新时间 更新時間", stem="更新"),
    DateWord("zh", EITHER, "时间", markup=True),
    DateWord("zh", EITHER, "時間"),
    DateWord("zh", EITHER, "日期", markup=True),
    *_words("zh", PUBLISHED, "发布 發布 发表 發表", AFTER),
    DateWord("zh", MODIFIED, "修改", NOWHERE),
    DateWord("ja", PUBLISHED, "公開日"),
    DateWord("ja", MODIFIED, "更新日", stem="更新"),
    DateWord("ja", PUBLISHED, "投稿日"),
    DateWord("ja", PUBLISHED, "配信日"),
    DateWord("ja", MODIFIED, "最終更新(?:日時?)?", stem="更新"),
    DateWord("ja", MODIFIED, "更新", BOTH),
    DateWord("ja", PUBLISHED, "掲載日?"),
    DateWord("ko", PUBLISHED, "기사입력"),
    DateWord("ko", MODIFIED, "최종수정", stem="수정"),
    DateWord("ko", PUBLISHED, "입력"),
    DateWord("ko", MODIFIED, "수정"),
    DateWord("ko", PUBLISHED, "등록"),
    DateWord("ko", MODIFIED, "업데이트", NOWHERE),
    DateWord("ar", PUBLISHED, "نُشر"),
    DateWord("ar", PUBLISHED, "نشر"),
    DateWord("ar", MODIFIED, r"آخر\s+تحديث", stem="تحديث"),
    DateWord("ar", PUBLISHED, r"تاريخ\s+النشر"),
    DateWord("he", MODIFIED, "עודכן", NOWHERE),
    DateWord("pl", MODIFIED, "aktualizacja", NOWHERE, stem="aktualiz"),
    DateWord("tr", MODIFIED, "güncellendi", NOWHERE, stem="güncel"),
    *(DateWord(lang, MODIFIED, word, NOWHERE) for lang, word in (
        ("id", "diperbarui"), ("da", "opdateret"), ("fi", "päivitetty"), ("sv", "uppdaterad"),
        ("nb", "oppdatert"))),
)

# How a language's labels are worded around the word: (before, after), regexes.
LABEL_GRAMMAR: Final[dict[str, tuple[str, str]]] = {
    "en": (r"(?:first|last|originally|date|time)\s+", r"\s+(?:on|at|date|time)"),
    "fr": ("", r"\s+le"),
    "de": (r"zuletzt\s+", r"\s+am"),
    "es": ("", r"\s+(?:el|a)"),
    "pt": ("", r"\s+(?:em|a)"),
    "it": ("", r"\s+il"),
    "nl": ("", r"\s+op"),
    "ar": ("", r"\s+في"),
}

# --------------------------------------------------------------------------- patterns


def _labels(rows: tuple[DateWord, ...]) -> str:
    """Each language's label words with its grammar: ``(?:zuletzt\\s+)?(?:a|b)(?:\\s+am)?``."""
    by_lang: dict[str, list[Term]] = {}
    for row in rows:
        by_lang.setdefault(row.lang, []).append(Term(row.lang, row.text))
    parts = []
    for lang, table in by_lang.items():
        before, after = LABEL_GRAMMAR.get(lang, ("", ""))
        head = f"(?:{before})?" if before else ""
        tail = f"(?:{after})?" if after else ""
        parts.append(f"{head}(?:{alternation(table)}){tail}")
    return "|".join(parts)


def _stems(rows: tuple[DateWord, ...]) -> str:
    return alternation(Term(row.lang, row.stem or row.text) for row in rows)


def _word_alternation(table: tuple[Term, ...], *, stems: bool = False) -> str:
    """Whole words for cased scripts (``\\b(?:a|b)\\b``), bare for caseless ones."""
    cased = alternation(row for row in table if has_case(row.text))
    caseless = alternation(row for row in table if not has_case(row.text))
    end = r"\w*" if stems else r"\b"
    return "|".join(filter(None, (rf"\b(?:{cased}){end}" if cased else "", caseless)))


LABELS_BEFORE: Final = tuple(w for w in DATE_WORDS if w.place in (BEFORE, BOTH))
LABELS_AFTER: Final = tuple(w for w in DATE_WORDS if w.place in (AFTER, BOTH))

MODIFIED_HINT: Final = re.compile(
    _stems(tuple(w for w in DATE_WORDS if w.field == MODIFIED)), re.IGNORECASE)
"""A word that labels a modified (not published) time, anywhere in a label or class name."""

DATE_HINT: Final = re.compile(_stems(tuple(w for w in DATE_WORDS if w.markup)), re.IGNORECASE)
"""Markup that says it holds a date (in a tag, class or id name)."""

META_MARKUP: Final = terms(ANY_LANGUAGE, "meta byline author autor auteur submitted dateline info")
"""Class and id words of the line under a headline that holds its dates and byline
(``entry-meta``, ``byline__author``, ``submitted``, ``article-info``)."""

META_HINT: Final = re.compile(f"{DATE_HINT.pattern}|{alternation(META_MARKUP)}", re.IGNORECASE)
"""Markup that says a line holds an article's dates or byline (in a tag, class or id name)."""

LEADING_LABEL: Final = re.compile(
    rf"^(?:{_labels(LABELS_BEFORE)})(?![^\W\d_])\s*:?\s*"
    r"|^[^\W\d_][^\d:]{0,28}:\s*",  # any short label with a colon
    re.IGNORECASE,
)
"""A label before a date ("Published on", "Zuletzt aktualisiert am:", "发布时间：")."""

TRAILING_LABEL: Final = re.compile(
    rf"\s*[(\[]?(?:{alternation(LABELS_AFTER)})[)\]]?$"
    r"|\s*\([^()]*\bTime\)$",  # JavaScript Date.toString(): "(Central European Standard Time)"
    re.IGNORECASE,
)
"""A word after a date ("2024-02-22 09:26 发布", "March 5 (updated)")."""

BYLINE_DATE_LABEL: Final = re.compile(
    rf"\b(?:{_labels(tuple(w for w in LABELS_BEFORE if w.field != EITHER))})(?![^\W\d_])",
    re.IGNORECASE,
)
"""A publication or update label inside a byline: where the names end ("By A. Updated …")."""

RELATIVE: Final = re.compile(
    _word_alternation((*AGO_WORDS, *(Term(r.lang, r.text) for r in RELATIVE_DAYS),
                       *NOW_PHRASES)),
    re.IGNORECASE,
)
"""An expression relative to today ("3 hours ago", "yesterday", "vor 2 Tagen", "3小时前")."""

SUBDAY: Final = re.compile(
    _word_alternation((*SUBDAY_UNITS, *NOW_PHRASES), stems=True)
    + r"|\d\s*(?:h|mn|m|s)\b",
    re.IGNORECASE,
)
"""A relative expression finer than a day: the result keeps its clock."""

NOW_OR_AGO: Final = re.compile(
    r"(?:about\s+|around\s+)?(?P<n>\d+|an?|one)\s*(?P<unit>[a-z]+)\s+ago"
    rf"|(?P<now>{alternation(NOW_PHRASES)})",
    re.IGNORECASE,
)
"""The English "3 hours ago" and "just now" in any language (read without dateparser)."""

DAY_PERIOD: Final = alternation((*AM_MARKERS, *PM_MARKERS, *NOON_MARKERS))
"""A morning/afternoon marker before a clock (a regex piece)."""

ORDINAL: Final = re.compile(rf"(\d{{1,4}})(?:{alternation(ORDINAL_SUFFIXES)})?")
CHINA: Final = re.compile(
    rf"[\u3400-\u9fff\uf900-\ufaff]|\b(?:{alternation(CHINA_CONTEXT)})\b", re.IGNORECASE)

MONTHS: Final[dict[str, int]] = {
    name: number
    for spellings in MONTH_NAMES.values()
    for number, names in enumerate(spellings, start=1)
    for name in names.split()
}
"""Every month spelling -> its number."""

SKIP_WORDS: Final = frozenset(
    name for spellings in WEEKDAY_NAMES.values() for day in spellings for name in day.split()
) | words(DATE_FILLERS)
"""Words a date may hold that carry no part of it (weekdays, prepositions)."""

DAYS_BACK: Final[dict[str, int]] = {row.text: row.days_back for row in RELATIVE_DAYS}
