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

from newsscrape.lexicon.terms import first_spellings

__all__ = ["clean_tag", "hashtags", "is_hashtag_line", "nfkc"]

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


def is_hashtag_line(text: str) -> bool:
    """Tell whether a line consists only of hashtags (at least one real one)."""
    line = nfkc(text).strip()
    if not line or _HASHTAG_LINE_RE.fullmatch(line) is None:
        return False
    return bool(hashtags(line))
