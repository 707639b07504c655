"""Rows of terms, each with its language, and the pieces of regex built from them.

A table in the lexicon is a tuple of rows; every row names its language (a BCP 47
primary subtag, ``"*"`` for what is the same in every language: symbols, brand names).
Tables are written with :func:`terms` where a language has many one-word terms, and
compiled once, at import, with :func:`words` (a set, for lookups) or
:func:`alternation` (a piece of regex).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple, Protocol

ANY_LANGUAGE = "*"


class Term(NamedTuple):
    """One term of a table, in one language."""

    lang: str
    text: str
    """As written on pages (lower case unless case matters); a regex where the table says so."""


class Row(Protocol):
    """Any table row: a ``Term``, or a richer row whose ``text`` is its term."""

    @property
    def lang(self) -> str: ...

    @property
    def text(self) -> str: ...


def terms(lang: str, texts: str) -> tuple[Term, ...]:
    """One row per whitespace-separated word of ``texts``, all in ``lang``."""
    return tuple(Term(lang, text) for text in texts.split())


def words(*tables: Iterable[Row]) -> frozenset[str]:
    """The terms of ``tables`` as a set (for lookups of whole, casefolded words)."""
    return frozenset(row.text for table in tables for row in table)


def texts(table: Iterable[Row]) -> tuple[str, ...]:
    """The terms of ``table`` in order, each once."""
    return tuple(dict.fromkeys(row.text for row in table))


def alternation(table: Iterable[Row], *, literal: bool = False,
                longest_first: bool = False) -> str:
    """The terms of ``table`` as regex alternatives (``a|b|c``), in table order.

    ``literal`` escapes them (the table holds plain words); ``longest_first`` puts a
    term before the shorter ones it starts with, where a match must take the longest.
    """
    items = texts(table)
    if longest_first:
        items = tuple(sorted(items, key=len, reverse=True))
    return "|".join(re.escape(item) if literal else item for item in items)


def has_case(text: str) -> bool:
    """Whether ``text`` is written in a cased script (Latin, Cyrillic, Greek...): such
    words are matched as whole words; caseless scripts (CJK, Arabic) run into neighbours."""
    return text.lower() != text.upper()


def first_spellings(items: Iterable[str]) -> list[str]:
    """``items`` deduplicated case-insensitively (``casefold``), in order, the first
    spelling kept and empty strings dropped: how tag and name lists are written."""
    seen: set[str] = set()
    result: list[str] = []
    for item in items:
        key = item.casefold()
        if item and key not in seen:
            seen.add(key)
            result.append(item)
    return result
