"""What ``discover`` looks at and what it keeps: one frozen object, built by the CLI or
by library users (the fetching knobs stay in ``newsscrape.options.Options``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from newsscrape.discover.window import Window
from newsscrape.errors import ArgumentError

SOURCE_KINDS = frozenset({"sitemaps", "feeds", "homepage"})
DEFAULT_SOURCES = frozenset({"sitemaps", "feeds"})
MAX_DEPTH = 3
"""Sitemap indexes nested deeper than this are not followed (an error line says so)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Discovery's own settings; the defaults are the CLI's."""

    window: Window = field(default_factory=Window)
    undated: Literal["keep", "drop"] = "keep"
    """Candidates with no usable date: kept (default) or dropped, when a window is set."""
    max_urls: int | None = None
    """At most this many candidates from each input."""
    include: re.Pattern[str] | None = None
    exclude: re.Pattern[str] | None = None
    same_site: bool = True
    """Keep only URLs on the input's site (its registrable domain, or its host)."""
    sources: frozenset[str] = DEFAULT_SOURCES
    """Any of ``sitemaps``, ``feeds``, ``homepage`` (harvesting article links)."""
    max_depth: int = MAX_DEPTH
    now: datetime | None = None
    """The clock (``--since 24h`` counts back from it); None = the real time."""

    def __post_init__(self) -> None:
        unknown = set(self.sources) - SOURCE_KINDS
        if unknown or not self.sources:
            raise ArgumentError("sources", f"expected some of {sorted(SOURCE_KINDS)}, "
                                f"not {sorted(self.sources)}")
        if self.undated not in ("keep", "drop"):
            raise ArgumentError("undated", f"expected 'keep' or 'drop', not {self.undated!r}")
        if self.max_urls is not None and self.max_urls < 1:
            raise ArgumentError("max_urls", f"must be at least 1, not {self.max_urls}")
        if self.max_depth < 0:
            raise ArgumentError("max_depth", f"must be at least 0, not {self.max_depth}")
        since, until = self.window.since, self.window.until
        if since is not None and until is not None and since >= until:
            raise ArgumentError("window", "since must come before until")

    def clock_now(self) -> datetime:
        """``now``, or the real time."""
        return self.now or datetime.now(UTC)

    def url_wanted(self, url: str) -> bool:
        """Whether ``--include``/``--exclude`` let ``url`` through."""
        if self.include is not None and not self.include.search(url):
            return False
        return self.exclude is None or not self.exclude.search(url)


def site_key(host: str) -> str:
    """What "the same site" means for a host: its registrable domain (``bbc.co.uk`` for
    ``news.bbc.co.uk``), or the host itself without ``www.`` (IP addresses, unknown
    suffixes)."""
    from tld import get_fld

    host = host.lower().rstrip(".")
    return get_fld(host, fix_protocol=True, fail_silently=True) or host.removeprefix("www.")


def host_of(url: str) -> str | None:
    """The lower-case host of an http(s) URL, or None when it is not one."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return host
