"""``--resume``: which URLs an earlier run already wrote as records, and a clean file end.

Records are written as whole lines and flushed one by one, but a killed machine can
still leave a torn last line. It is cut off here (that URL is simply fetched again),
so the file stays valid JSONL and the appended records start on a line of their own.
A last line that is whole but lacks its newline is kept (the newline is added).

The file is changed only when it looks like our output: its first line must be a JSON
object. Anything else (the wrong file named by ``-o``) raises ``ResumeError`` and is
left untouched.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO

from newsscrape.batch.urls import UrlSet
from newsscrape.errors import ResumeError

_BLOCK = 65536
_FIRST_LINE_CAP = 256 * 1024 * 1024


def check_resumable(path: str | os.PathLike[str]) -> None:
    """Raise ``ResumeError`` if ``path`` exists and is not a JSONL file of records; reads
    only (so a run can refuse before it changes any file)."""
    file = Path(path)
    if file.is_file():
        _check_jsonl(file)


def load_done(path: str | os.PathLike[str]) -> UrlSet:
    """The ``url`` of every complete record line in ``path`` (empty if it does not exist)."""
    done = UrlSet()
    file = Path(path)
    if not file.is_file():  # absent (a first run), or a device such as /dev/null
        return done
    _check_jsonl(file)
    _mend_tail(file)
    with file.open("rb") as stream:
        for line in stream:
            url = _record_url(line)
            if url is not None:
                done.add(url)
    return done


def _record(line: bytes) -> dict[str, object] | None:
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    return obj if isinstance(obj, dict) else None


def _record_url(line: bytes) -> str | None:
    url = (_record(line) or {}).get("url")
    return url if isinstance(url, str) else None


def _check_jsonl(file: Path) -> None:
    """Raise ``ResumeError`` unless the file starts with a record line (whole, or torn:
    the one line a run killed while writing its first record leaves)."""
    with file.open("rb") as stream:
        first = stream.readline(_FIRST_LINE_CAP)
    if not first:
        return
    torn = not first.endswith(b"\n") and len(first) < _FIRST_LINE_CAP
    if _record(first) is None and not (torn and first.startswith(b'{"')):
        raise ResumeError(f"{file} does not look like a JSONL file of records (its first "
                          "line is not a JSON object); not resuming from it")


def _mend_tail(file: Path) -> None:
    """End ``file`` with a newline: keep a whole last record, drop a torn one."""
    with file.open("r+b") as stream:
        size = stream.seek(0, os.SEEK_END)
        if size == 0:
            return
        stream.seek(size - 1)
        if stream.read(1) == b"\n":
            return
        start = _last_line_start(stream, size)
        stream.seek(start)
        if _record(stream.read(size - start)) is not None:
            stream.seek(size)
            stream.write(b"\n")
        else:
            stream.truncate(start)


def _last_line_start(stream: IO[bytes], size: int) -> int:
    """Offset just after the last newline (0 if there is none)."""
    position = size
    while position > 0:
        start = max(0, position - _BLOCK)
        stream.seek(start)
        chunk = stream.read(position - start)
        newline = chunk.rfind(b"\n")
        if newline >= 0:
            return start + newline + 1
        position = start
    return 0
