"""Hashtags: how they are written in free text, in any script.

A hashtag in free text is ``#`` followed by a run of letters, digits, underscores and
combining marks in any script, or a Weibo-style topic ``#话题#`` (text between two
``#``, containing CJK). A ``#`` directly after a word character (``C#``,
``page.html#top``), inside a URL or an HTML entity is not a hashtag start. Runs that
are all digits (``#1``, ``#2024``) or look like CSS colours (3, 6 or 8 hex digits,
``#fff``, ``#1a2b3c``) are not tags.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Final

from newsscrape.lexicon.dates import is_timestamp_line
from newsscrape.lexicon.furniture import SOCIAL_NETWORKS, TAG_LABEL
from newsscrape.lexicon.terms import ANY_LANGUAGE, Term, alternation, first_spellings, terms

__all__ = ["CATEGORY_LABEL", "clean_tag", "hashtags", "is_hashtag_line", "is_tag", "nfkc",
           "trailing_hashtags"]

# Combining marks that Python's ``\w`` leaves out but that occur inside words
# (Latin diacritics, Hebrew/Arabic points, Indic and Thai vowel signs, ZWNJ/ZWJ).
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0900-\u0963\u0966-\u0dff\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
    "\u200c\u200d"
)
_TAG_CHAR = rf"[\w{_MARKS}]"
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
# Separators that end a Weibo topic candidate (it never spans a list).
_WEIBO_STOP = r"#\n,;、。"
_WEIBO = (
    rf"(?=[^#\n]*?[{_CJK}])"  # the topic contains CJK before the closing '#'
    rf"[^\s{_WEIBO_STOP}](?:[^{_WEIBO_STOP}]{{0,38}}[^\s{_WEIBO_STOP}])?"
)
# "#" not preceded by a word character, "&" (entities), "/", "@" or "=".
_HASHTAG_RE = re.compile(rf"(?<![\w{_MARKS}&/@=])#(?:(?P<weibo>{_WEIBO})#|(?P<plain>{_TAG_CHAR}+))")
_URL_RE = re.compile(r"(?<![a-z0-9+.-])(?:[a-z][a-z0-9+.-]*://|www\.)\S+", re.IGNORECASE)
_HEX_COLOUR_RE = re.compile(r"(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")
_LINE_SEP = r"[\s,;、|/·•]*"
_HASHTAG_LINE_RE = re.compile(
    rf"{_LINE_SEP}(?:#(?:{_WEIBO}#|{_TAG_CHAR}+){_LINE_SEP})+[.!。]?{_LINE_SEP}"
)
_QUOTES = "\"'“”\u2018\u2019„«»「」『』`"
_TRAILING_PUNCT = ".,;:!?…-_·•。、)]}>"  # after NFKC


def nfkc(text: str) -> str:
    """``text`` in Unicode NFKC (full-width letters, digits and signs become ASCII)."""
    return unicodedata.normalize("NFKC", text)


def clean_tag(tag: str) -> str:
    """Normal form of one tag (no dedupe, no validity filter)."""
    tag = _SPACE_RE.sub(" ", nfkc(tag)).strip()
    return tag.strip(_QUOTES).strip().lstrip("#").strip()


def _is_valid_hashtag(tag: str) -> bool:
    """False for numbering (``#1``) and CSS colours (``#fff``)."""
    if not any(ch.isalpha() for ch in tag):
        return False
    return _HEX_COLOUR_RE.fullmatch(tag) is None


def _iter_hashtags(text: str) -> Iterable[str]:
    text = _URL_RE.sub(" ", nfkc(text))
    for match in _HASHTAG_RE.finditer(text):
        tag = clean_tag(match.group("weibo") or match.group("plain"))
        tag = tag.rstrip(_TRAILING_PUNCT).rstrip()
        if _is_valid_hashtag(tag):
            yield tag


def hashtags(text: str) -> list[str]:
    """The hashtags found in free text, each once, in normal form (see ``normalize.tags``)."""
    return first_spellings(_iter_hashtags(text))


_TRAILING_RE = re.compile(
    rf"(?<=[.!?…。！？\w\)\]\"'”»])(?P<tags>(?:\s+#(?:{_WEIBO}#|{_TAG_CHAR}+))+)\s*$")


def trailing_hashtags(text: str) -> tuple[str, list[str]]:
    """A paragraph's text without the hashtags closing it, and those hashtags
    ("… in Peking. #Olympia #Ski" -> ("… in Peking.", ["Olympia", "Ski"])); the text
    unchanged and no tags when it does not close with one. (The body keeps a paragraph's
    closing hashtags: they are often the post's own words, "#ad" a disclosure.)"""
    match = _TRAILING_RE.search(text) if "#" in text or "＃" in text else None
    tags = hashtags(match.group("tags")) if match else []
    return (text[: match.start()].rstrip(), tags) if match and tags else (text, [])


def is_hashtag_line(text: str) -> bool:
    """Tell whether a line consists only of hashtags (at least one real one)."""
    line = nfkc(text).strip()
    if not line or _HASHTAG_LINE_RE.fullmatch(line) is None:
        return False
    return bool(hashtags(line))


# --------------------------------------------------------------------------- non-tags

SHARE_WORDS: Final = (
    *terms("en", "share print email e-mail mail reuse"), *terms("de", "teilen drucken"),
    *terms("fr", "partager imprimer"), *terms("es", "compartir imprimir"),
    *terms("it", "condividi stampa"),
)
"""Share buttons beside a tag list ("Teilen", "E-Mail"); a network's name alone may be
a tag ("Facebook"), after "Share on" it is a button."""
_NETWORKS: Final = (*SOCIAL_NETWORKS, *terms(ANY_LANGUAGE, """whatsapp telegram pinterest
    messenger reddit xing flipboard email e-mail"""))
TAXONOMY_LABELS: Final = (
    *terms("en", "category categories section filed"), *terms("de", "kategorie kategorien rubrik"),
    *terms("fr", "catégorie catégories rubrique"), *terms("es", "categoría categorías sección"),
    *terms("it", "categoria categorie sezione"),
)
"""Labels of a category or section line ("Category: News"): what follows is no tag."""

CATEGORY_LABELS: Final = (
    *TAXONOMY_LABELS, Term("en", "posted in"), Term("en", "filed under"),
    Term("en", "published in"), Term("de", "veröffentlicht in"), Term("de", "abgelegt unter"),
    Term("de", "gespeichert unter"), Term("de", "kategorisiert in"),
    Term("fr", "publié dans"), Term("fr", "classé dans"), Term("es", "publicado en"),
    Term("it", "pubblicato in"), Term("nl", "geplaatst in"),
)
"""The label before a post's category links ("Posted in", "Kategorie:", "Abgelegt unter")."""
CATEGORY_LABEL: Final = re.compile(rf"^(?:{alternation(CATEGORY_LABELS)})\s*:?$", re.IGNORECASE)

_SHARE = re.compile(rf"^(?:(?:share|teilen|partager|compartir)\s+(?:on|via|auf|sur|en|per)\s+"
                    rf"(?:{alternation(_NETWORKS)})"
                    rf"|(?:{alternation(SHARE_WORDS)})(?:\s+this(?:\s+content)?)?)$", re.IGNORECASE)
_TAXONOMY_LINE = re.compile(rf"^(?:{alternation(TAXONOMY_LABELS)})\s*:", re.IGNORECASE)
_ID = re.compile(r"^[\W_]+$|^\d{5,}$|^(?=.*\d)(?=.*[a-z])[0-9a-f]{8,}$|^[0-9a-f-]{16,}$",
                 re.IGNORECASE)
_YEAR_HINT = re.compile(r"\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2}")


def is_tag(tag: str) -> bool:
    """Whether a tag found on a page is a tag: not a share button ("Teilen", "Share on
    Twitter"), a list's label ("Themen", "Category: News"), an id or a number, a date."""
    text = tag.strip()
    if not text or _ID.match(text) or _SHARE.match(text) or _TAXONOMY_LINE.match(text):
        return False
    if TAG_LABEL.match(text):
        return False
    return not (_YEAR_HINT.search(text) and len(text) <= 40
                and is_timestamp_line(text, thorough=False))
