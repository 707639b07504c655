"""Where commands get their inputs: arguments, ``-i FILE`` lists (``-`` is stdin), piped stdin.

Lists are read lazily, one line at a time, so a list of a million URLs is never held
whole; the batch layer pulls from the iterator only as fast as it works.

A line may also be a JSON object with a ``url`` (what ``newsscrape discover`` prints):
its URL is the input, and the candidate's feed or sitemap fields travel with it as
``record.Hints`` (a ``record.HintedURL``), to become the record's evidence of last
resort. A line starting with ``{`` that is not such an object stays itself, and fails
as ``invalid_url`` under its own text.

Lists are UTF-8; a byte-order mark at the start of a list is dropped. Bytes that are
not UTF-8 are kept as lone surrogates (``surrogateescape``, as Python does for
command-line arguments), so such a line fails under its own name (``invalid_url`` for
``fetch``) instead of being fetched as some other URL; outputs show those bytes
escaped as ``\\xe9``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, AnyStr

from newsscrape.batch.offline import stdin_bytes
from newsscrape.errors import InputError
from newsscrape.record import HintedURL, Hints, URLInput

_BOM = "\ufeff"


def iter_lines(stream: IO[AnyStr]) -> Iterator[str]:
    """The entries of a list: one per line, blank lines and ``#`` comments skipped."""
    first = True
    for line in stream:
        text = line.decode("utf-8", "surrogateescape") if isinstance(line, bytes) else line
        if first:
            text, first = text.removeprefix(_BOM), False
        entry = text.strip()
        if entry and not entry.startswith("#"):
            yield entry


def url_inputs(entries: Iterable[str]) -> Iterator[URLInput]:
    """Each entry as a URL to fetch: a candidate's JSON line (``discover``'s output)
    becomes its URL with the candidate's hints."""
    for entry in entries:
        yield hinted_url(entry) if entry.startswith("{") else entry


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
    """Every URL to fetch (``iter_inputs``, JSON lines read as ``url_inputs``)."""
    return url_inputs(iter_inputs(args, lists, use_stdin=use_stdin))


def iter_inputs(args: Iterable[str], lists: Iterable[str], *, use_stdin: bool = False,
                dash_is_list: bool = True) -> Iterator[str]:
    """Every input: the arguments, then each list file's entries, then stdin's if asked.
    ``-`` in ``lists`` is stdin; as an argument it is stdin's list with
    ``dash_is_list`` (``fetch``), else it stays ``-`` (``extract`` reads stdin as a page)."""
    for arg in args:
        if arg == "-" and dash_is_list:
            yield from _iter_list("-")
        else:
            yield arg
    for name in lists:
        yield from _iter_list(name)
    if use_stdin:
        yield from _iter_list("-")


def stdin_has_input() -> bool:
    """Whether stdin holds anything at all (a terminal always may; ``< /dev/null`` or
    an empty pipe holds nothing). Waits for the first byte of a pipe; reads nothing."""
    try:
        stream = stdin_bytes()
        if stream.isatty():
            return True
        peek = getattr(stream, "peek", None)
        return True if peek is None else bool(peek(1))
    except (OSError, ValueError):
        return False


def plain_urls(inputs: Iterable[URLInput]) -> Iterator[str]:
    """The URLs alone (for commands that take sites, not pages: their hints say nothing)."""
    for given in inputs:
        yield given.url if isinstance(given, HintedURL) else given


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
