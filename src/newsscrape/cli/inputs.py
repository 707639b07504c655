"""Where ``fetch`` gets its URLs: arguments, ``-i FILE`` lists (``-`` is stdin), piped stdin.

Lists are read lazily, one line at a time, so a list of a million URLs is never held
whole; the batch layer pulls from the iterator only as fast as it works.

A line may also be a JSON object with a ``url`` (what ``newsscrape discover`` prints):
its URL is the input, and the candidate's feed or sitemap fields travel with it as
``record.Hints`` (a ``record.HintedURL``), to become the record's evidence of last
resort. A line starting with ``{`` that is not such an object stays itself, and fails
as ``invalid_url`` under its own text.

Lists are UTF-8. Bytes that are not are kept as lone surrogates (``surrogateescape``,
as Python does for command-line arguments), so such a line fails as ``invalid_url``
under its own name instead of being fetched as some other URL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, AnyStr

from newsscrape.batch.offline import stdin_bytes
from newsscrape.errors import InputError
from newsscrape.record import HintedURL, Hints, URLInput


def iter_lines(stream: IO[AnyStr]) -> Iterator[URLInput]:
    """The URLs in a list: one per line (or a candidate's JSON line), blank lines and
    ``#`` comments skipped."""
    for line in stream:
        text = line.decode("utf-8", "surrogateescape") if isinstance(line, bytes) else line
        url = text.strip()
        if url.startswith("{"):
            yield hinted_url(url)
        elif url and not url.startswith("#"):
            yield url


def hinted_url(line: str) -> URLInput:
    """The input a JSON line stands for: its ``url``, with the candidate's fields as
    hints when its source gives some; the line itself when it is no such object."""
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError):
        return line
    url = obj.get("url") if isinstance(obj, dict) else None
    if not isinstance(url, str) or not url.strip():
        return line
    hints = Hints.from_candidate(obj)
    return HintedURL(url.strip(), hints) if hints is not None else url.strip()


def iter_urls(args: Iterable[str], lists: Iterable[str], *,
              use_stdin: bool = False) -> Iterator[URLInput]:
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


def plain_urls(inputs: Iterable[URLInput]) -> Iterator[str]:
    """The URLs alone (for commands that take sites, not pages: their hints say nothing)."""
    for given in inputs:
        yield given.url if isinstance(given, HintedURL) else given


def _iter_list(name: str) -> Iterator[URLInput]:
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
