"""Where commands get their inputs: arguments, ``-i FILE`` lists (``-`` is stdin), piped stdin.

Lists are read lazily, one line at a time, so a list of a million URLs is never held
whole; the batch layer pulls from the iterator only as fast as it works.

Lists are UTF-8; a byte-order mark at the start of a list is dropped. Bytes that are
not UTF-8 are kept as lone surrogates (``surrogateescape``, as Python does for
command-line arguments), so such a line fails under its own name (``invalid_url`` for
``fetch``) instead of being fetched as some other URL; outputs show those bytes
escaped as ``\\xe9``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, AnyStr

from newsscrape.batch.offline import stdin_bytes
from newsscrape.errors import InputError

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
