"""Hashtag and keyword normalisation.

Normal form of a tag:

* NFKC-normalised (the full-width number sign and letters become ASCII), internal
  whitespace collapsed to one space, no leading ``#``, no surrounding whitespace or
  quotes; hashtags found in text also lose trailing punctuation (``#wow!`` -> ``wow``),
  keywords keep theirs (``U.S.``);
* a list of tags is deduplicated case-insensitively (``str.casefold``): the first
  spelling seen is kept, in order of first appearance; empty strings are dropped.

Two readers make tags: :func:`parse_hashtags` reads the hashtags written in free text
(what a hashtag is: ``lexicon.hashtags``), :func:`split_keywords` splits a keywords
string ("politics, economy; Brexit"). ``None`` gives ``[]``; a value that is not a
string raises :class:`~newsscrape.errors.ArgumentTypeError`.

A page's tags (:func:`choose_tags`) are its own: ``article:tag``, JSON-LD ``keywords``,
its tag links and hashtag lines, first spellings kept in that order (``article:tag``
before the lower-cased JSON-LD keywords many CMSs write); else its ``meta keywords``,
unless they name the site. Share buttons, list labels ("Themen", "Category: News"), ids
and dates are no tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsscrape.errors import ArgumentTypeError
from newsscrape.lexicon.hashtags import clean_tag, hashtags, is_tag, nfkc
from newsscrape.lexicon.terms import first_spellings
from newsscrape.normalize.arguments import optional_text
from newsscrape.normalize.titles import comparison_key
from newsscrape.record import Candidates, Found

__all__ = ["choose_tags", "merge_tags", "parse_hashtags", "split_keywords"]

OWN_ORDER = ("meta", "json-ld", "microdata", "html", "text")
"""The article's own tags, sources in the order their spellings are kept: ``article:tag``
before JSON-LD ``keywords`` (which CMSs often write in lower case), then the page's tag
links and hashtag lines."""

# Applied after NFKC, which maps full-width commas, semicolons and bars to ASCII.
_KEYWORD_SPLIT_RE = re.compile(r"[,;、|\n\r]+")


def parse_hashtags(text: str | None) -> list[str]:
    """Return the hashtags (``#word``, ``#话题#``) found in free text, in normal form."""
    return hashtags(optional_text("text", text))


def split_keywords(text: str | None) -> list[str]:
    """Split a keywords string ("politics, economy; Brexit") into tags in normal form."""
    text = nfkc(optional_text("text", text)).strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    return first_spellings(clean_tag(part) for part in _KEYWORD_SPLIT_RE.split(text))


def merge_tags(*groups: Iterable[str] | None) -> list[str]:
    """Merge ordered tag lists, deduplicating case-insensitively (first spelling wins).

    A group that is None adds nothing; a group that is a string, or holds something
    other than strings, raises ``ArgumentTypeError``.
    """
    return first_spellings(clean_tag(tag) for tag in _tags_of(groups))


def _tags_of(groups: tuple[Iterable[str] | None, ...]) -> Iterable[str]:
    for index, group in enumerate(groups):
        if group is None:
            continue
        if isinstance(group, str) or not isinstance(group, Iterable):
            raise ArgumentTypeError.expected(f"groups[{index}]", "an iterable of str", group)
        for tag in group:
            yield optional_text(f"groups[{index}] item", tag)


@dataclass(frozen=True, slots=True)
class Tags:
    """The tags chosen, and the found value the first came from (for provenance)."""

    tags: tuple[str, ...] = ()
    source: Found | None = None


def choose_tags(article: Candidates, site_names: Sequence[str]) -> Tags:
    """The page's tags (see the module docstring for the order of sources)."""
    rank = {source: i for i, source in enumerate(OWN_ORDER)}
    own = _chosen_from(sorted(article.tags, key=lambda f: rank.get(f.source, len(rank))))
    if own.tags:
        return own
    keywords = _chosen_from(article.keywords)
    sites = {comparison_key(name) for name in site_names} - {""}
    if any(comparison_key(word) in sites for word in keywords.tags):
        return Tags()  # the site's own keywords, on every page of it
    return keywords


def _chosen_from(found: Iterable[Found]) -> Tags:
    tags: list[str] = []
    source = None
    for item in found:
        words = [item.value] if item.source == "text" else split_keywords(item.value)
        tags += [tag for tag in words if is_tag(tag)]
        source = source or (item if tags else None)
    return Tags(tuple(merge_tags(tags)), source)
