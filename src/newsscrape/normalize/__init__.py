"""Stage 3: normal forms for what the extractors found.

Public, documented, and tested from case tables in ``tests/fixtures/normalize/``:

- :func:`parse_timestamp` — ISO 8601, seconds included, the page's offset kept.
- :func:`parse_hashtags` — the hashtags written in free text, as a clean, deduplicated list.
- :func:`split_keywords` — a keywords string ("politics, economy; Brexit") split into tags.
- :func:`merge_tags` — several tag lists merged, first spelling kept.
- :func:`parse_byline` — bylines to person names; :func:`clean_author` — one author field.

``None`` means "nothing found" and gives the empty result (None or ``[]``); a value of
the wrong type raises :class:`~newsscrape.errors.ArgumentTypeError`, a bad value (an
unknown ``tz``) :class:`~newsscrape.errors.ArgumentError`.
"""

from newsscrape.normalize.bylines import clean_author, parse_byline
from newsscrape.normalize.tags import merge_tags, parse_hashtags, split_keywords
from newsscrape.normalize.timestamps import parse_timestamp

__all__ = [
    "clean_author",
    "merge_tags",
    "parse_byline",
    "parse_hashtags",
    "parse_timestamp",
    "split_keywords",
]
