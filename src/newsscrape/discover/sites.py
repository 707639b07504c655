"""What "the same site" means: the registrable domain of a URL's host (``tld``)."""

from __future__ import annotations

from urllib.parse import urlsplit


def site_key(host: str) -> str:
    """What "the same site" means for a host: its registrable domain (``bbc.co.uk`` for
    ``news.bbc.co.uk``), or the host itself without ``www.`` (IP addresses, unknown
    suffixes)."""
    from tld import get_fld

    host = host.lower().rstrip(".")
    return get_fld(host, fix_protocol=True, fail_silently=True) or host.removeprefix("www.")


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
