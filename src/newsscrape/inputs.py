"""Where the URLs come from: arguments, ``-i FILE`` lists (``-`` is stdin), piped stdin.

Lists are read lazily, one line at a time, so a list of a million URLs is never held
whole; the batch layer pulls from the iterator only as fast as it works. ``UrlSet``
remembers URLs already seen (duplicates, or done in an earlier run) as 128-bit digests,
about half the memory of the strings themselves: some 70 MB for a million URLs.

A line may also be a JSON object with a ``url`` (what ``newsscrape discover`` prints):
its URL is the input, and the candidate's feed or sitemap fields travel with it as
``record.Hints`` (see ``hinted_url``).

Lists are UTF-8. Bytes that are not are kept as lone surrogates (``surrogateescape``,
as Python does for command-line arguments), so such a line fails as ``invalid_url``
under its own name instead of being fetched as some other URL.
"""

from __future__ import annotations

import errno
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import IO, Any, AnyStr

from newsscrape.errors import InputError
from newsscrape.record import Hints, Page


def iter_lines(stream: IO[AnyStr]) -> Iterator[str]:
    """The URLs in a list: one per line, blank lines and ``#`` comments skipped."""
    for line in stream:
        text = line.decode("utf-8", "surrogateescape") if isinstance(line, bytes) else line
        url = text.strip()
        if url.startswith("{"):
            yield hinted_url(url)
        elif url and not url.startswith("#"):
            yield url


def iter_urls(args: Iterable[str], lists: Iterable[str], *,
              use_stdin: bool = False) -> Iterator[str]:
    """Every URL: the arguments (``-`` = stdin), then each list file (``-`` = stdin),
    then stdin if asked."""
    for arg in args:
        if arg == "-":
            yield from _iter_list("-")
        else:
            yield arg
    for name in lists:
        yield from _iter_list(name)
    if use_stdin:
        yield from _iter_list("-")


def _iter_list(name: str) -> Iterator[str]:
    label = "stdin" if name == "-" else name
    try:
        stream = stdin_bytes() if name == "-" else open(name, "rb")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"cannot read {label}: {exc.strerror or exc}") from exc
    try:
        yield from iter_lines(stream)
    except OSError as exc:  # an unreadable device or network file system, midway
        raise InputError(f"cannot read {label}: {exc.strerror or exc}") from exc
    finally:
        if name != "-":
            stream.close()


def stdin_bytes() -> IO[bytes]:
    """Standard input as bytes (an ``OSError`` when Python started with it closed)."""
    if sys.stdin is None:  # Python started with descriptor 0 closed
        raise OSError(errno.EBADF, "stdin is closed")
    return sys.stdin.buffer


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


# --- discovered candidates as input (``newsscrape discover … | newsscrape fetch``) -------

_HINT_SOURCES = {"rss": "feed", "atom": "feed", "jsonfeed": "feed", "sitemap": "sitemap",
                 "news-sitemap": "sitemap"}
"""A candidate's ``source`` -> the provenance its fields get in the record."""


class HintedUrl(str):
    """A URL read from a candidate line, carrying the candidate's fields."""

    hints: Hints | None

    def __new__(cls, url: str, hints: Hints | None) -> HintedUrl:
        obj = super().__new__(cls, url)
        obj.hints = hints
        return obj


def hinted_url(line: str) -> str:
    """The input a JSON line stands for: its ``url`` with the candidate's fields as hints.

    A line that is not a JSON object with a string ``url`` stays itself (and fails as
    ``invalid_url``, under its own text).
    """
    try:
        obj = json.loads(line)
    except ValueError:
        return line
    url = obj.get("url") if isinstance(obj, dict) else None
    if not isinstance(url, str):
        return line
    return HintedUrl(url.strip(), candidate_hints(obj))


def candidate_hints(obj: dict[str, Any]) -> Hints | None:
    """The hints in a candidate object, or None when its source gives none (``homepage``)."""
    source = _HINT_SOURCES.get(str(obj.get("source")))
    if source is None:
        return None

    def text(key: str) -> str | None:
        value = obj.get(key)
        return value if isinstance(value, str) and value.strip() else None

    return Hints(source=source, title=text("title"), published=text("published"),
                 modified=text("modified"), language=text("language"))


def with_input_hints(page: Page, url: str) -> Page:
    """``page`` with the hints its input line carried, if any."""
    hints = getattr(url, "hints", None)
    return replace(page, hints=hints) if hints is not None else page
