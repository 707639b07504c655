"""Which URLs a run has written: exactly within a source, and across sources in a table of
fixed size, so that memory stays flat however many URLs a site lists.

A URL stands as its 64-bit ``hash()`` (computed in C and cached on the string; the
hash is salted per process, which is all a run needs). Within one feed or sitemap a
URL comes out once, exactly: each source keeps a set of its own URLs' hashes while it
is read (a sitemap lists at most 50,000 URLs; any source is capped by ``max_bytes``),
then drops it. Across sources a fixed table of ``RECENT`` slots remembers the URLs
written (one slot per hash, the later one taking the slot), so a URL written by an
earlier source is dropped as long as its slot has not been taken since.

The trade-off: a URL listed by two sources far apart in a run (more than about a
million URLs between them) may come out twice; never is a URL dropped that did not
come out before (a slot holds a whole hash, and only an equal one counts). Feed and
news-sitemap entries are held per input and merged exactly (``keeper``), and
``newsscrape fetch`` drops repeated URLs of its own input exactly, so a repeat costs a
line, not a second download. The alternative, an exact set of every URL of the run,
grew by 16 MB a million URLs (25 MB at the peak of a resize).
"""

from __future__ import annotations

from array import array

RECENT = 1 << 20
"""Slots of the cross-source table (8 bytes each: 8 MB)."""


class Seen:
    """The URLs written so far (see the module doc)."""

    def __init__(self, slots: int = RECENT) -> None:
        if slots & (slots - 1):
            raise ValueError("slots must be a power of two")
        self._table = array("q", bytes(8 * slots))
        self._mask = slots - 1

    def first(self, url: str, source: set[int]) -> bool:
        """Whether ``url`` comes out now for the first time (it is then remembered, in
        ``source``, the set of the source being read, and in the table)."""
        key = hash(url) or 1  # 0 marks an empty slot
        if key in source:
            return False
        source.add(key)
        slot = key & self._mask
        if self._table[slot] == key:
            return False
        self._table[slot] = key
        return True

    def known(self, url: str) -> bool:
        """Whether ``url`` came out from an earlier source (as far as the table recalls)."""
        key = hash(url) or 1
        return self._table[key & self._mask] == key
