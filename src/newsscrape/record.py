"""The typed values that flow between stages: Page -> Candidates -> Record, or a Failure.

``Page`` is what the fetcher (or a file reader) produced, ``Candidates`` is what the
extractors found on it (raw strings with where they came from), and ``Record`` is
the normalized result whose ``to_dict()`` is exactly the JSON object the CLI prints.
Every input ends as one ``Outcome``: its ``Record``, or a ``Failure`` saying why not.

Discovery (``newsscrape discover``) ends each article URL it finds as a
``DiscoveredURL`` (a "candidate" line; a source that cannot be read is a ``Failure``).
A candidate line handed back to ``fetch`` is a ``HintedURL``: the URL, and what its
feed or sitemap said as ``Hints``, which reach the ``Page`` and become the record's
evidence of last resort.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, NamedTuple

from newsscrape.errors import InternalError, NewsscrapeError


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """A downloaded or read HTML document, decoded to text (or, in a batch, on its way to
    the extraction process that decodes it: ``body``)."""

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
    hints: Hints | None = None
    """What a feed or sitemap said about the page before it was fetched (weak evidence)."""
    source: str | None = None
    """Where the page came from (``Record.source``)."""
    body: bytes | None = None
    """The document's bytes, not decoded yet (``html`` is empty until then): the batch
    hands fetched pages to its extraction processes undecoded, which is cheaper to copy
    between processes, and they decode them (``document.decode.decoded``)."""

    @property
    def size(self) -> int:
        """The document's length: bytes while undecoded, else characters."""
        return len(self.body) if self.body is not None else len(self.html)

    @property
    def input_name(self) -> str:
        """The input as given, for a failure: the page's URL when it has one, else where
        it was read from (``source`` says that too)."""
        return self.url or self.source or ""


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
    organization_authors: tuple[Found, ...] = ()
    """JSON-LD authors typed as an organization: weaker than a visible byline."""
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
    source: str | None = None
    """Where the page came from: the input URL (fetch), a file path, ``stdin``, or a WARC
    file and the record's id (``crawl.warc.gz#urn:uuid:…``); None for a document
    handed to the library in memory."""
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

    @property
    def published_utc(self) -> str | None:
        """``published`` as an instant in UTC (``2023-11-02T12:14:37Z``), when its UTC
        offset is known (stated by the page, or given by ``--tz``); else None."""
        return utc_instant(self.published)

    @property
    def modified_utc(self) -> str | None:
        """``modified`` as an instant in UTC, as ``published_utc``."""
        return utc_instant(self.modified)

    def to_dict(self) -> dict[str, Any]:
        """The mapping the CLI prints: every key present, lists as lists."""
        out: dict[str, Any] = {
            "url": self.url,
            "source": self.source,
            "final_url": self.final_url,
            "canonical_url": self.canonical_url,
            "status": self.status,
            "fetched_at": self.fetched_at,
            "title": self.title,
            "authors": list(self.authors),
            "publisher": self.publisher,
            "published": self.published,
            "published_utc": self.published_utc,
            "modified": self.modified,
            "modified_utc": self.modified_utc,
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
    source: str | None = None
    """Where the input came from, as ``Record.source`` says it."""

    @classmethod
    def from_exception(cls, input: str, exc: BaseException, *,
                       source: str | None = None) -> Failure:
        """The failure of ``input`` by ``exc``: a ``NewsscrapeError`` gives its kind,
        message and status; anything else is ``internal``, ``Type: message``."""
        error = exc if isinstance(exc, NewsscrapeError) else InternalError.wrapping(exc)
        return cls(input=input, kind=error.kind, message=error.message, status=error.status,
                   source=source)


Outcome = Record | Failure
"""What one input ends as."""


def utc_instant(value: str | None) -> str | None:
    """An ISO 8601 time with a UTC offset as the same instant in UTC, ``Z``-suffixed
    (``2023-11-02T08:14:37-04:00`` -> ``2023-11-02T12:14:37Z``); None for a naive time
    or a date alone, which name no instant."""
    if not value or "T" not in value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.utcoffset() is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- discovery: candidates, and what they hand to the page fetched for them ----------------

SourceKind = Literal["rss", "atom", "jsonfeed", "sitemap", "news-sitemap", "homepage"]
HINT_SOURCES: dict[str, str] = {"rss": "feed", "atom": "feed", "jsonfeed": "feed",
                                "sitemap": "sitemap", "news-sitemap": "sitemap"}
"""A candidate's ``source`` -> the provenance its fields get in a record (``homepage``
candidates say nothing about their page)."""


class DiscoveredURL(NamedTuple):
    """One article URL found by discovery, and what its feed, sitemap or page said.

    ``to_dict()`` is the JSON object ``newsscrape discover`` prints (``output`` writes it).
    A ``NamedTuple`` (immutable, typed) rather than a frozen dataclass: a run makes a
    million of them, and one is built in a quarter of a frozen dataclass's time.
    """

    url: str
    source: SourceKind
    """``rss``, ``atom``, ``jsonfeed``, ``sitemap``, ``news-sitemap`` or ``homepage``."""
    via: str
    """The feed, sitemap or page it was found in (after redirects)."""
    published: str | None = None
    modified: str | None = None
    title: str | None = None
    language: str | None = None
    """BCP 47 primary subtag as the source states it (``en``), or None."""
    keywords: tuple[str, ...] = ()
    """``news:keywords``, feed categories."""
    discovered_at: str = ""
    """UTC ISO 8601 time the candidate was found."""

    @property
    def date(self) -> str | None:
        """The date a window judges it on: when published, else when last modified."""
        return self.published or self.modified

    def merged(self, other: DiscoveredURL) -> DiscoveredURL:
        """This candidate with the fields it lacks taken from ``other`` (same URL)."""
        return self._replace(published=self.published or other.published,
                             modified=self.modified or other.modified,
                             title=self.title or other.title,
                             language=self.language or other.language,
                             keywords=self.keywords or other.keywords)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object ``newsscrape discover`` prints: every key, ``null`` or ``[]``
        when unknown."""
        return {"url": self.url, "source": self.source, "via": self.via,
                "published": self.published, "modified": self.modified, "title": self.title,
                "language": self.language, "keywords": list(self.keywords),
                "discovered_at": self.discovered_at}


@dataclass(frozen=True, slots=True, kw_only=True)
class Hints:
    """A discovered candidate's fields, handed to the page fetched for it.

    They are evidence of last resort: the record takes one only where the page itself
    states nothing, with provenance ``source``.
    """

    source: str
    """``feed`` or ``sitemap``: the provenance the values get."""
    title: str | None = None
    published: str | None = None
    modified: str | None = None
    language: str | None = None

    @classmethod
    def from_candidate(cls, candidate: dict[str, Any]) -> Hints | None:
        """The hints in a candidate's JSON object, or None when its source gives none
        (``homepage``, or a source we do not know). Values that are not non-blank
        strings are ignored: the object comes from outside."""
        source = HINT_SOURCES.get(str(candidate.get("source")))
        if source is None:
            return None

        def text(key: str) -> str | None:
            value = candidate.get(key)
            return value if isinstance(value, str) and value.strip() else None

        return cls(source=source, title=text("title"), published=text("published"),
                   modified=text("modified"), language=text("language"))


@dataclass(frozen=True, slots=True)
class HintedURL:
    """An input URL with what its discovery line said (``discover … | fetch``)."""

    url: str
    hints: Hints


URLInput = str | HintedURL
"""What a fetch batch reads: a URL, or a URL with hints."""
