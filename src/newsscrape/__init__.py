"""newsscrape: fetch news pages and turn them into clean, normalized records.

The library surface::

    import newsscrape

    record = newsscrape.extract(html, url="https://example.com/story")
    record = newsscrape.fetch("https://example.com/story", timeout=10)
    for outcome in newsscrape.fetch_many(urls, per_host=2):
        ...  # a Record, or a Failure saying why that URL gave none
    for outcome in newsscrape.extract_many(documents, page_timeout=10):
        ...  # in worker processes, each page within its time limit

Heavy modules (trafilatura, httpx) are imported on first use so that
``newsscrape --version`` stays fast and ``extract`` never loads the HTTP stack.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from newsscrape.version import __version__

if TYPE_CHECKING:
    from newsscrape.api import extract, extract_many, fetch, fetch_many
    from newsscrape.errors import ArgumentError, ArgumentTypeError, NewsscrapeError
    from newsscrape.options import BatchOptions, ExtractOptions, FetchOptions
    from newsscrape.record import Failure, Outcome, Record

_LAZY = {
    "extract": "newsscrape.api", "extract_many": "newsscrape.api", "fetch": "newsscrape.api",
    "fetch_many": "newsscrape.api",
    "Record": "newsscrape.record", "Failure": "newsscrape.record",
    "Outcome": "newsscrape.record",
    "ExtractOptions": "newsscrape.options", "FetchOptions": "newsscrape.options",
    "BatchOptions": "newsscrape.options",
    "NewsscrapeError": "newsscrape.errors", "ArgumentError": "newsscrape.errors",
    "ArgumentTypeError": "newsscrape.errors",
}

__all__ = ["ArgumentError", "ArgumentTypeError", "BatchOptions", "ExtractOptions", "Failure",
           "FetchOptions", "NewsscrapeError", "Outcome", "Record", "__version__", "extract",
           "extract_many", "fetch", "fetch_many"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsscrape' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
