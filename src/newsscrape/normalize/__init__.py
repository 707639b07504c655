"""Stage 3: normal forms for what the extractors found.

Public, documented, and tested from case tables in ``tests/fixtures/normalize/``:

- :func:`parse_timestamp` — ISO 8601, seconds included, the page's offset kept.
- :func:`parse_tags` — hashtags to a clean, deduplicated list.
- :func:`parse_byline` — bylines to person names.
"""

from newsscrape.normalize.bylines import clean_author, parse_byline
from newsscrape.normalize.tags import merge_tags, parse_tags, split_keywords
from newsscrape.normalize.timestamps import parse_timestamp

__all__ = [
    "clean_author",
    "merge_tags",
    "parse_byline",
    "parse_tags",
    "parse_timestamp",
    "split_keywords",
]
