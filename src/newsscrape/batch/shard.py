"""``--shard K/N``: cut one input list into N disjoint parts that N workers can run apart.

URLs (``fetch``) are cut by site: a URL belongs to shard ``crc32(site) % N``, where the
site is the registrable domain of its host (``www.bbc.co.uk`` and ``m.bbc.co.uk`` are
both ``bbc.co.uk``), so every site lives on exactly one worker and its politeness
(per-origin spacing, robots.txt) holds with no coordination between workers. The
public suffix list is tldextract's bundled copy; it is never fetched from the network.
An IP address, ``localhost`` or a host under no public suffix is its own site; a line
that has no host at all is keyed by its text, so it still fails in exactly one shard.

Files (``extract``) are sorted by name and taken ``[K::N]``: every worker sees the
same list and takes every Nth name from its own offset.

The same key, ``site_shard``, partitions ``spark-fetch``'s URL list.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from newsscrape.errors import ArgumentError


@dataclass(frozen=True, slots=True)
class Shard:
    """Part ``index`` (0-based) of ``count`` parts."""

    index: int
    count: int

    def __post_init__(self) -> None:
        if not 0 <= self.index < self.count:
            raise ArgumentError("shard", f"K/N needs 0 <= K < N, not {self.index}/{self.count}")

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"2/8"`` -> ``Shard(2, 8)``; ``ArgumentError`` for anything else."""
        index, slash, count = text.strip().partition("/")
        if not slash or not index.isdigit() or not count.isdigit():
            raise ArgumentError("shard", f"expected K/N (such as 0/4), not {text!r}")
        return cls(int(index), int(count))

    def urls(self, urls: Iterable[str]) -> Iterator[str]:
        """The URLs of this shard, in input order (the rest are skipped as read)."""
        return (url for url in urls if site_shard(url, self.count) == self.index)

    def files(self, names: Iterable[str]) -> list[str]:
        """The file names of this shard: every Nth of the sorted names from offset K."""
        return sorted(names)[self.index::self.count]


def site_shard(url: str, count: int) -> int:
    """The shard (0 <= shard < count) that ``url``'s site belongs to."""
    return zlib.crc32(site_key(url).encode("utf-8", "surrogatepass")) % count


def site_key(url: str) -> str:
    """The site a URL belongs to: its host's registrable domain, lower case, in ASCII
    (IDNA) form; the host itself when it has none (an IP address, ``localhost``); the
    stripped line itself when it has no host."""
    text = url.strip()
    try:
        host = urlsplit(text).hostname
    except ValueError:  # an invalid IPv6 literal, say
        host = None
    if not host:
        return text
    host = _ascii(host.rstrip("."))
    return _registrable(host) or host


def _ascii(host: str) -> str:
    """``bücher.de`` -> ``xn--bcher-kva.de``, so both spellings are one site."""
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


@functools.lru_cache(maxsize=65536)
def _registrable(host: str) -> str:
    """The registrable domain (``bbc.co.uk``), or "" for an IP address or a bare name."""
    return str(_extractor()(host).top_domain_under_public_suffix)


@functools.cache
def _extractor() -> Any:
    import tldextract

    # the bundled suffix list only: no download, no cache directory written
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
