"""``--shard K/N``: cut one input list into N disjoint parts that N workers can run apart.

URLs (``fetch``) are cut by site: a URL belongs to shard ``crc32(site) % N``, where the
site is the registrable domain of its host (``batch.sites``: ``www.bbc.co.uk`` and
``m.bbc.co.uk`` are both ``bbc.co.uk``), so every site lives on exactly one worker and
its politeness (per-origin spacing, robots.txt) holds with no coordination between
workers. An IP address, ``localhost`` or a host under no public suffix is its own site;
a line that has no host at all is keyed by its text, so it still fails in exactly one
shard.

Files (``extract``) are sorted by name and taken ``[K::N]``: every worker sees the
same list and takes every Nth name from its own offset.

The same key, ``site_shard``, partitions ``spark-fetch``'s URL list.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsscrape.batch.sites import site_key
from newsscrape.errors import ArgumentError
from newsscrape.record import HintedURL, URLInput


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

    def urls(self, urls: Iterable[URLInput]) -> Iterator[URLInput]:
        """The URLs of this shard, in input order (the rest are skipped as read)."""
        return (url for url in urls if site_shard(url, self.count) == self.index)

    def files(self, names: Iterable[str]) -> list[str]:
        """The file names of this shard: every Nth of the sorted names from offset K."""
        return sorted(names)[self.index::self.count]


def site_shard(url: URLInput, count: int) -> int:
    """The shard (0 <= shard < count) that ``url``'s site belongs to."""
    text = url.url if isinstance(url, HintedURL) else url
    return zlib.crc32(url_site(text).encode("utf-8", "surrogatepass")) % count


def url_site(url: str) -> str:
    """The site a URL belongs to (``batch.sites.site_key`` of its host); the stripped
    line itself when it has no host."""
    text = url.strip()
    try:
        host = urlsplit(text).hostname
    except ValueError:  # an invalid IPv6 literal, say
        host = None
    return site_key(host) if host else text
