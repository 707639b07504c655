"""``--resume``: which URLs an earlier run already wrote as records, and a clean file end.

Records are written as whole lines and flushed one by one, but a killed machine can
still leave a torn last line. It is cut off here (that URL is simply fetched again),
so the file stays valid JSONL and the appended records start on a line of their own.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from newsscrape.inputs import UrlSet


def load_done(path: str | os.PathLike[str]) -> UrlSet:
    """The ``url`` of every complete record line in ``path`` (empty if it does not exist)."""
    done = UrlSet()
    file = Path(path)
    if not file.exists():
        return done
    _cut_torn_tail(file)
    with file.open("rb") as stream:
        for line in stream:
            url = _record_url(line)
            if url is not None:
                done.add(url)
    return done


def _record_url(line: bytes) -> str | None:
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    url = obj.get("url") if isinstance(obj, dict) else None
    return url if isinstance(url, str) else None


def _cut_torn_tail(file: Path) -> None:
    """Truncate ``file`` after its last newline (drop a partial last line)."""
    with file.open("r+b") as stream:
        size = stream.seek(0, os.SEEK_END)
        if size == 0:
            return
        stream.seek(size - 1)
        if stream.read(1) == b"\n":
            return
        position = size
        block = 65536
        while position > 0:
            start = max(0, position - block)
            stream.seek(start)
            chunk = stream.read(position - start)
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                stream.truncate(start + newline + 1)
                return
            position = start
        stream.truncate(0)
