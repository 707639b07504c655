"""The URLs a run has emitted, as 64-bit digests in one flat array.

A Python ``set`` of digests costs some 70 bytes a URL (70 MB for a million); this open
addressing table costs 16 (8 bytes a slot, at most half full), so discovery's memory
stays nearly flat however many URLs a site lists. A collision of two 64-bit digests
(which would drop one URL) is about 3 in 10^8 likely at a million URLs.
"""

from __future__ import annotations

import hashlib
from array import array


def _digest(url: str) -> int:
    value = int.from_bytes(hashlib.blake2b(url.encode("utf-8", "surrogatepass"),
                                           digest_size=8).digest(), "big")
    return value or 1  # 0 marks an empty slot


class DigestSet:
    """A set of URLs stored as 64-bit digests (linear probing, doubled at half full)."""

    def __init__(self, capacity: int = 1 << 14) -> None:
        self._table = array("Q", bytes(8 * capacity))
        self._mask = capacity - 1
        self._size = 0

    def _find(self, key: int) -> int:
        """The slot holding ``key``, or the empty slot where it would go."""
        table, mask = self._table, self._mask
        slot = key & mask
        while (found := table[slot]) != 0 and found != key:
            slot = (slot + 1) & mask
        return slot

    def add(self, url: str) -> bool:
        """Add ``url``; False if it was there already."""
        key = _digest(url)
        slot = self._find(key)
        if self._table[slot]:
            return False
        self._table[slot] = key
        self._size += 1
        if self._size * 2 > len(self._table):
            self._grow()
        return True

    def __contains__(self, url: object) -> bool:
        return isinstance(url, str) and self._table[self._find(_digest(url))] != 0

    def _grow(self) -> None:
        old = self._table
        self._table = array("Q", bytes(16 * len(old)))
        self._mask = len(self._table) - 1
        table, mask = self._table, self._mask
        for key in old:
            if key:
                slot = key & mask
                while table[slot] != 0:
                    slot = (slot + 1) & mask
                table[slot] = key

    def __len__(self) -> int:
        return self._size
