"""Hashtag and keyword normalisation.

Normal form of a tag:

* NFKC-normalised (the full-width number sign and letters become ASCII), internal
  whitespace collapsed to one space, no leading ``#``, no surrounding whitespace or
  quotes; hashtags found in text also lose trailing punctuation (``#wow!`` -> ``wow``),
  keywords keep theirs (``U.S.``);
* a list of tags is deduplicated case-insensitively (``str.casefold``): the first
  spelling seen is kept, in order of first appearance; empty strings are dropped.

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

__all__ = ["is_hashtag_line", "merge_tags", "parse_tags", "split_keywords"]

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
# Applied after NFKC, which maps full-width commas, semicolons and bars to ASCII.
_KEYWORD_SPLIT_RE = re.compile(r"[,;、|\n\r]+")
_LINE_SEP = r"[\s,;、|/·•]*"
_HASHTAG_LINE_RE = re.compile(
    rf"{_LINE_SEP}(?:#(?:{_WEIBO}#|{_TAG_CHAR}+){_LINE_SEP})+[.!。]?{_LINE_SEP}"
)
_QUOTES = "\"'“”\u2018\u2019„«»「」『』`"
_TRAILING_PUNCT = ".,;:!?…-_·•。、)]}>"  # after NFKC


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _clean_tag(tag: str) -> str:
    """Normal form of one tag (no dedupe, no validity filter)."""
    tag = _SPACE_RE.sub(" ", _nfkc(tag)).strip()
    return tag.strip(_QUOTES).strip().lstrip("#").strip()


def _is_valid_hashtag(tag: str) -> bool:
    """False for numbering (``#1``) and CSS colours (``#fff``)."""
    if not any(ch.isalpha() for ch in tag):
        return False
    return _HEX_COLOUR_RE.fullmatch(tag) is None


def _dedupe(tags: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    result: list[str] = []
    for tag in tags:
        key = tag.casefold()
        if tag and key not in seen:
            seen.add(key)
            result.append(tag)
    return result


def _iter_hashtags(text: str) -> Iterable[str]:
    text = _URL_RE.sub(" ", _nfkc(text))
    for match in _HASHTAG_RE.finditer(text):
        tag = _clean_tag(match.group("weibo") or match.group("plain"))
        tag = tag.rstrip(_TRAILING_PUNCT).rstrip()
        if _is_valid_hashtag(tag):
            yield tag


def parse_tags(text: str) -> list[str]:
    """Return the hashtags found in free text, in normal form."""
    return _dedupe(_iter_hashtags(text))


def split_keywords(text: str) -> list[str]:
    """Split a meta/JSON-LD keywords string into tags in normal form."""
    text = _nfkc(text).strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    return _dedupe(_clean_tag(part) for part in _KEYWORD_SPLIT_RE.split(text))


def merge_tags(*groups: Iterable[str]) -> list[str]:
    """Merge ordered tag lists, deduplicating case-insensitively (first spelling wins)."""
    return _dedupe(_clean_tag(tag) for group in groups for tag in group)


def is_hashtag_line(text: str) -> bool:
    """Tell whether a line consists only of hashtags (at least one real one)."""
    line = _nfkc(text).strip()
    if not line or _HASHTAG_LINE_RE.fullmatch(line) is None:
        return False
    return bool(parse_tags(line))
