"""What discovery finds: one ``Candidate`` per article URL, with what its source said.

A candidate's line (``to_dict``) has every key below, ``null`` or ``[]`` when unknown::

    url, source, via, published, modified, title, language, keywords, discovered_at

``source`` is where the URL was found: ``rss``, ``atom``, ``jsonfeed`` (feeds),
``sitemap``, ``news-sitemap`` (a sitemap entry with ``news:`` fields) or ``homepage``
(a link on the home or a section page); ``via`` is that feed's, sitemap's or page's
URL. Timestamps are in the record's normal forms (``newsscrape.normalize.parse_timestamp``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from newsscrape.errors import NewsscrapeError

_encode = json.encoder.encode_basestring  # what json.dumps uses with ensure_ascii=False


def _maybe(value: str | None) -> str:
    return "null" if value is None else _encode(value)


SourceKind = Literal["rss", "atom", "jsonfeed", "sitemap", "news-sitemap", "homepage"]
FEED_KINDS: frozenset[str] = frozenset({"rss", "atom", "jsonfeed"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """One article URL and what its feed, sitemap or page said about it."""

    url: str
    source: SourceKind
    via: str
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
        """The date the window is judged on: when published, else when last modified."""
        return self.published or self.modified

    @property
    def rich(self) -> bool:
        """From a feed or a news sitemap (titles, publication dates), not a plain list."""
        return self.source in FEED_KINDS or self.source == "news-sitemap"

    def merged(self, other: Candidate) -> Candidate:
        """This candidate with the fields it lacks taken from ``other`` (same URL)."""
        missing = {f.name: getattr(other, f.name) for f in fields(self)
                   if not getattr(self, f.name) and getattr(other, f.name)}
        return replace(self, **missing) if missing else self

    def to_json(self) -> str:
        """``output.to_jsonl(self.to_dict())``, written directly: at a million candidates
        a run, building the dict and encoding it was a third of the time an entry cost."""
        keywords = ",".join(_encode(k) for k in self.keywords)
        line = (f'{{"url":{_encode(self.url)},"source":"{self.source}",'
                f'"via":{_encode(self.via)},"published":{_maybe(self.published)},'
                f'"modified":{_maybe(self.modified)},"title":{_maybe(self.title)},'
                f'"language":{_maybe(self.language)},"keywords":[{keywords}],'
                f'"discovered_at":{_encode(self.discovered_at)}}}')
        if not line.isascii():
            try:
                line.encode("utf-8")
            except UnicodeEncodeError:  # lone surrogates: to_jsonl escapes them
                from newsscrape.output import to_jsonl

                return to_jsonl(self.to_dict())
        return line

    def to_dict(self) -> dict[str, Any]:
        """The JSON object ``newsscrape discover`` prints."""
        return {"url": self.url, "source": self.source, "via": self.via,
                "published": self.published, "modified": self.modified, "title": self.title,
                "language": self.language, "keywords": list(self.keywords),
                "discovered_at": self.discovered_at}


@dataclass(frozen=True, slots=True)
class SourceFailure:
    """An input or a source (feed, sitemap, page) that could not be read."""

    url: str
    error: NewsscrapeError

    def to_dict(self) -> dict[str, Any]:
        """The ``--errors`` line: ``{"url": ..., "error": {"kind", "message", "status"}}``."""
        return {"url": self.url, "error": self.error.to_dict()}
