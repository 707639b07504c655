"""What "the same site" means: the registrable domain of a URL's host
(``batch.sites.site_key``)."""

from __future__ import annotations

from urllib.parse import urlsplit

from newsscrape.batch.sites import site_key

__all__ = ["host_of", "same_site", "site_key"]


def host_of(url: str) -> str | None:
    """The lower-case host of an http(s) URL, or None when it is not one."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return host


def same_site(first: str, second: str) -> bool:
    """Whether two URLs are http(s) URLs on the same site."""
    a, b = host_of(first), host_of(second)
    return a is not None and b is not None and site_key(a) == site_key(b)
