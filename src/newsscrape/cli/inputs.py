"""Where commands get their inputs: arguments, ``-i FILE`` lists (``-`` is stdin), piped stdin.

Lists are read lazily, one line at a time (``batch.lists``: comments, a byte-order mark,
bytes that are not UTF-8, discover's JSON lines), so a list of a million URLs is never
held whole; the batch layer pulls from the iterator only as fast as it works.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsscrape.batch.lists import iter_lines, url_inputs
from newsscrape.batch.offline import stdin_bytes
from newsscrape.errors import InputError
from newsscrape.record import HintedURL, URLInput


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
