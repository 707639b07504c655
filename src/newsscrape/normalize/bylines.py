"""Byline and author-name normalisation.

Normal form of an author name:

* NFKC-normalised, whitespace collapsed, no surrounding punctuation or quotes;
* a person's name only: byline markers ("By", "Par", "Von", "Por", "Di", "Door",
  "Автор:", "Reporter", "记者", "文/"...), roles ("Staff Writer", "Senior
  Correspondent"), agencies ("Reuters", "Associated Press"), e-mail addresses, URLs,
  handles, dates, times and "Updated ..." / "Published ..." tails are removed;
* Latin/Cyrillic names have 2-5 capitalised words (particles such as "van", "de",
  "bin" allowed inside); names written entirely in capitals are title-cased
  ("JANE DOE" -> "Jane Doe"), other spellings are kept as given;
* a one-word name, pseudonym or user handle ("Ela", "kaffeekatze", "tom.b",
  "freeman1984") only where the source vouches for it: structured metadata
  (``clean_author``) or a byline's own markup (``parse_byline(..., single=True)``),
  never a placeholder, label, month or weekday ("Admin", "Gast", "Uncategorized");
* byline words glued to a name by the markup come off ("VonIrmela Schwab",
  "ParChokri GHARBI", "Alles von Martin Junker", "FOCUS-Online-Experte Robin
  Tschöpe", "Irmela Schwab undPeter Meier");
* Chinese names are 2-4 Han characters starting with a common (simplified or
  traditional) surname, or minority/transliterated names joined with "·";
* names in other scripts are accepted where the context vouches for them: after a
  Japanese desk/bureau ("社会部　佐藤健太": 2-6 kanji/kana), before a Korean role
  ("김민지 기자": 2-4 Hangul), after an Arabic/Hebrew marker ("بقلم: أحمد خالد": 2-4
  words); structured metadata (``clean_author``) is trusted more than free text and
  takes such a string without the context, unless it is a known non-name (role,
  outlet/agency, department, city) or ends like one ("...社", "...部", "...뉴스");
* lists are deduplicated case-insensitively, keeping the first spelling and order.

When in doubt a candidate is dropped: fewer names rather than wrong ones.

The names are read by ``lexicon.names`` with the word tables of ``lexicon.bylinewords``
(markers, roles, agencies and desks in each language). ``None`` gives the empty result
(``[]``, or None from :func:`clean_author`); a value that is not a string raises
:class:`~newsscrape.errors.ArgumentTypeError`.
"""

from __future__ import annotations

from newsscrape.lexicon.names import author_name, byline_names, lead_names, sign_off
from newsscrape.normalize.arguments import optional_text

__all__ = ["clean_author", "closing_byline", "leading_byline", "parse_byline"]


def parse_byline(text: str | None, *, single: bool = False) -> list[str]:
    """Return the person names in a byline string, deduplicated, in normal form;
    ``single``: the string is a byline element's, where one word may be a name."""
    return byline_names(optional_text("text", text), single=single)


def clean_author(name: str | None) -> str | None:
    """Return one author name from structured metadata in normal form, or None."""
    return author_name(optional_text("name", name))


def leading_byline(paragraph: str | None) -> list[str]:
    """Return names from a byline/dateline at the very start of a paragraph."""
    return lead_names(optional_text("paragraph", paragraph))


def closing_byline(text: str | None) -> str | None:
    """Return the sign-off byline closing an article's text (paragraphs joined by a
    blank line), or None: "Autor: Jana Weber", or "Von:" and the name below it."""
    return sign_off(optional_text("text", text))
