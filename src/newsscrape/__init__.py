"""newsscrape: fetch news pages and turn them into clean, normalized records.

The library surface is small::

    from newsscrape import extract
    record = extract(html, url="https://example.com/story")
    record.to_dict()

Heavy modules (trafilatura, httpx) are imported on first use so that
``newsscrape --version`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from newsscrape.errors import NewsscrapeError
    from newsscrape.options import Options
    from newsscrape.record import Record

__all__ = ["NewsscrapeError", "Options", "Record", "__version__", "extract"]


def extract(
    html: str | bytes,
    *,
    url: str | None = None,
    options: Options | None = None,
    headers: dict[str, str] | None = None,
) -> Record:
    """Extract one normalized article record from an HTML document (str or bytes).

    Raises ``newsscrape.errors.NotHTMLError`` (kind ``not_html``) when the document is
    not an HTML page at all (binary data, a feed, text without markup) and
    ``ExtractError`` (kind ``no_article``) when it holds no article text; both are
    ``NewsscrapeError``.
    """
    from newsscrape.pipeline import extract_html

    return extract_html(html, url=url, options=options, headers=headers)


def __getattr__(name: str) -> Any:
    if name == "Record":
        from newsscrape.record import Record

        return Record
    if name == "Options":
        from newsscrape.options import Options

        return Options
    if name == "NewsscrapeError":
        from newsscrape.errors import NewsscrapeError

        return NewsscrapeError
    raise AttributeError(name)
