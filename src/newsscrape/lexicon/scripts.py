"""Which script a language is written in, and which script a text is written in.

A page's declared language can be a template's default (``lang="en"`` on a Persian news
site); when the text's own letters are in a script that language is not written in,
the text wins (see ``normalize.article``: the locale numeric dates are read in).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from typing import Final

SCRIPT_RANGES: Final = (  # in order of their first code point
    ("latin", 0x0041, 0x024F),
    ("greek", 0x0370, 0x03FF),
    ("cyrillic", 0x0400, 0x04FF),
    ("hebrew", 0x0590, 0x05FF),
    ("arabic", 0x0600, 0x06FF),
    ("devanagari", 0x0900, 0x097F),
    ("bengali", 0x0980, 0x09FF),
    ("thai", 0x0E00, 0x0E7F),
    ("hangul", 0x1100, 0x11FF),
    ("kana", 0x3040, 0x30FF),
    ("han", 0x3400, 0x9FFF),
    ("hangul", 0xAC00, 0xD7AF),
    ("arabic", 0xFB50, 0xFEFF),
)
"""Unicode blocks of the scripts news pages are written in: (script, first, last)."""

LANGUAGE_SCRIPTS: Final[dict[str, frozenset[str]]] = {
    **dict.fromkeys(("ar", "fa", "ur", "ps", "ku"), frozenset({"arabic"})),
    **dict.fromkeys(("ru", "uk", "bg", "sr", "mk", "be", "kk"), frozenset({"cyrillic"})),
    "el": frozenset({"greek"}), "he": frozenset({"hebrew"}), "th": frozenset({"thai"}),
    **dict.fromkeys(("hi", "mr", "ne"), frozenset({"devanagari"})),
    "bn": frozenset({"bengali"}), "zh": frozenset({"han"}),
    "ja": frozenset({"han", "kana"}), "ko": frozenset({"hangul", "han"}),
}
"""Scripts each language is written in; a language not listed is written in Latin."""

_SAMPLE = 2000
_STARTS: Final = tuple(first for _, first, _ in SCRIPT_RANGES)
_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]")
_NOT_ASCII_LETTERS: Final = bytes(c for c in range(128) if not chr(c).isalpha())


def dominant_script(text: str) -> str | None:
    """The script most of ``text``'s letters are in (a sample of its start), or None."""
    sample = text[:_SAMPLE]
    # (ASCII letters counted as bytes: the rest of ASCII deleted, the rest of text ignored)
    ascii_letters = sample.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTERS)
    counts: Counter[str] = Counter(latin=len(ascii_letters))
    for char in _NON_ASCII.findall(sample):
        index = bisect_right(_STARTS, ord(char)) - 1
        if index >= 0 and ord(char) <= SCRIPT_RANGES[index][2] and char.isalpha():
            counts[SCRIPT_RANGES[index][0]] += 1
    script, count = counts.most_common(1)[0]
    return script if count else None


def script_fits(language: str | None, text: str) -> bool:
    """Whether ``text`` is written in a script ``language`` is written in (True when
    either is unknown: nothing contradicts the declared language then)."""
    script = dominant_script(text)
    if not language or script is None:
        return True
    return script in LANGUAGE_SCRIPTS.get(language, frozenset({"latin"}))
