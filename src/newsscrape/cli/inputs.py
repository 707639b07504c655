"""Where ``fetch`` gets its URLs: arguments, ``-i FILE`` lists (``-`` is stdin), piped stdin.

Lists are read lazily, one line at a time, so a list of a million URLs is never held
whole; the batch layer pulls from the iterator only as fast as it works.

Lists are UTF-8. Bytes that are not are kept as lone surrogates (``surrogateescape``,
as Python does for command-line arguments), so such a line fails as ``invalid_url``
under its own name instead of being fetched as some other URL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, AnyStr

from newsscrape.batch.offline import stdin_bytes
from newsscrape.errors import InputError


def iter_lines(stream: IO[AnyStr]) -> Iterator[str]:
    """The URLs in a list: one per line, blank lines and ``#`` comments skipped."""
    for line in stream:
        text = line.decode("utf-8", "surrogateescape") if isinstance(line, bytes) else line
        url = text.strip()
        if url and not url.startswith("#"):
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
