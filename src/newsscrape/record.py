"""The typed values that flow between stages: Page -> Candidates -> Record, or a Failure.

``Page`` is what the fetcher (or a file reader) produced, ``Candidates`` is what the
extractors found on it (raw strings with where they came from), and ``Record`` is
the normalized result whose ``to_dict()`` is exactly the JSON object the CLI prints.
Every input ends as one ``Outcome``: its ``Record``, or a ``Failure`` saying why not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsscrape.errors import InternalError, NewsscrapeError


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """A downloaded or read HTML document, already decoded to text."""

    url: str | None
    """The input exactly as given (URL, or None for a file without --url)."""
    html: str
    final_url: str | None = None
    """Where redirects ended; None when nothing was fetched."""
    status: int | None = None
    fetched_at: str | None = None
    """UTC ISO 8601 time the response was received; None when nothing was fetched."""
    encoding: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Found:
    """One raw value found on a page, with where it came from."""

    value: str
    source: str
    """``json-ld``, ``meta``, ``microdata``, ``time``, ``html``, ``text``, ``list`` (a date
    shown down a list of items) or ``url``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidates:
    """What the extractors found, before normalization (each list best first)."""

    titles: tuple[Found, ...] = ()
    """Metadata titles (JSON-LD headline, og:title, microdata), then ``<title>``."""
    headline: Found | None = None
    """The visible ``<h1>`` headline."""
    title_tag: Found | None = None
    """The document's ``<title>``."""
    authors: tuple[Found, ...] = ()
    """Structured author names (JSON-LD, meta, microdata)."""
    bylines: tuple[Found, ...] = ()
    """Visible byline strings (byline elements, the lead paragraph's dateline)."""
    author_links: tuple[Found, ...] = ()
    """Texts of single author links (``rel=author``, ``/author/`` URLs)."""
    publishers: tuple[Found, ...] = ()
    site_names: tuple[Found, ...] = ()
    published: tuple[Found, ...] = ()
    modified: tuple[Found, ...] = ()
    languages: tuple[Found, ...] = ()
    breadcrumbs: tuple[tuple[Found, ...], ...] = ()
    """Each trail found, as its items in order."""
    sections: tuple[Found, ...] = ()
    tags: tuple[Found, ...] = ()
    """Article's own tags: article:tag, rel=tag, JSON-LD keywords, hashtag lines."""
    keywords: tuple[Found, ...] = ()
    """Site-wide ``meta keywords`` strings (weaker than tags)."""
    canonical_urls: tuple[Found, ...] = ()
    descriptions: tuple[Found, ...] = ()
    images: tuple[Found, ...] = ()
    text: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """The normalized record; ``to_dict()`` is the JSON object written per page."""

    url: str | None
    final_url: str | None = None
    canonical_url: str | None = None
    status: int | None = None
    fetched_at: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    section: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    description: str | None = None
    image: str | None = None
    text: str = ""
    word_count: int = 0
    provenance: dict[str, dict[str, str]] | None = None
    """Per field: ``{"source": ..., "raw": ...}``; only with ``--provenance``."""

    def to_dict(self) -> dict[str, Any]:
        """The mapping the CLI prints: every key present, lists as lists."""
        out: dict[str, Any] = {
            "url": self.url,
            "final_url": self.final_url,
            "canonical_url": self.canonical_url,
            "status": self.status,
            "fetched_at": self.fetched_at,
            "title": self.title,
            "authors": list(self.authors),
            "publisher": self.publisher,
            "published": self.published,
            "modified": self.modified,
            "language": self.language,
            "section": list(self.section),
            "tags": list(self.tags),
            "description": self.description,
            "image": self.image,
            "text": self.text,
            "word_count": self.word_count,
        }
        if self.provenance is not None:
            out["provenance"] = self.provenance
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """An input that ended in an error: what an ``--errors`` line holds."""

    input: str
    """The input as given (a URL, a file name)."""
    kind: str
    """The error's machine-readable kind (``newsscrape.errors``)."""
    message: str
    status: int | None = None
    """The HTTP status of the answer that failed, when there was one."""

    @classmethod
    def from_exception(cls, input: str, exc: BaseException) -> Failure:
        """The failure of ``input`` by ``exc``: a ``NewsscrapeError`` gives its kind,
        message and status; anything else is ``internal``, ``Type: message``."""
        error = exc if isinstance(exc, NewsscrapeError) else InternalError.wrapping(exc)
        return cls(input=input, kind=error.kind, message=error.message, status=error.status)


Outcome = Record | Failure
"""What one input ends as."""
