"""``UrlSet``: URLs already seen (duplicates, or done in an earlier run), kept as digests.

128-bit digests take about half the memory of the strings themselves: some 70 MB for
a million URLs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def url_key(url: str) -> int:
    """A 128-bit digest standing for a URL (collisions are ~2^-64 likely in a billion)."""
    return int.from_bytes(hashlib.blake2b(url.strip().encode("utf-8", "surrogatepass"),
                                          digest_size=16).digest(), "big")


class UrlSet:
    """A set of URLs stored as digests."""

    def __init__(self, urls: Iterable[str] = ()) -> None:
        self._keys: set[int] = {url_key(url) for url in urls}

    def add(self, url: str) -> bool:
        """Add ``url``; False if it was already there."""
        key = url_key(url)
        if key in self._keys:
            return False
        self._keys.add(key)
        return True

    def __contains__(self, url: object) -> bool:
        return isinstance(url, str) and url_key(url) in self._keys

    def __len__(self) -> int:
        return len(self._keys)
