"""The list of WARC files a ``spark-warc`` job reads.

A manifest has one WARC per line: a local path, or a URI (``file://``, ``s3a://``,
``hdfs://``, ``https://``...); blank and ``#`` lines are skipped, and a manifest whose
name ends in ``.gz`` is read through gzip (Common Crawl's ``warc.paths.gz``). A line
with no scheme is joined to ``--input-base-url`` when one is given (CC-NEWS lists
paths such as ``crawl-data/CC-NEWS/2024/01/CC-NEWS-20240101001518-01234.warc.gz``);
without it, it is a local path, made absolute so every worker reads the same file.

``--since`` / ``--until`` keep the files whose name holds a CC-NEWS timestamp
(``CC-NEWS-YYYYMMDDhhmmss-NNNNN``, UTC) with ``since <= timestamp < until``; a file
whose name holds none is left out of a dated selection (and counted).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO

from newsscrape.batch.lists import iter_lines
from newsscrape.spark.sources import open_uri, scheme_of

_STAMP = re.compile(r"(?<!\d)(\d{14})(?=-\d+\.warc)")
"""The 14-digit time in a CC-NEWS file name (``CC-NEWS-20240101001518-01234.warc.gz``)."""


@dataclass(frozen=True, slots=True)
class Selection:
    """The WARCs a manifest names, after the date window."""

    warcs: tuple[str, ...]
    outside_window: int = 0
    """Files left out by --since/--until."""
    undated: int = 0
    """Files left out of a dated selection because their name holds no timestamp."""


def read_manifest(manifest: str, *, base_url: str | None = None,
                  since: datetime | None = None, until: datetime | None = None) -> Selection:
    """The WARC URIs of ``manifest`` (in its order, each once), within the date window."""
    with open_uri(manifest) as raw, _gunzipped(raw, manifest.endswith(".gz")) as stream:
        entries = [resolve(line, base_url) for line in iter_lines(stream)]
    return select(dict.fromkeys(entries), since=since, until=until)


def _gunzipped(raw: IO[bytes], gz: bool) -> contextlib.AbstractContextManager[IO[bytes]]:
    if gz:
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    return contextlib.nullcontext(raw)


def resolve(line: str, base_url: str | None) -> str:
    """A manifest line as a URI or an absolute local path."""
    if scheme_of(line):
        return line
    if base_url:
        return f"{base_url.rstrip('/')}/{line.lstrip('/')}"
    return os.path.abspath(line)


def select(warcs: Iterable[str], *, since: datetime | None,
           until: datetime | None) -> Selection:
    """The WARCs whose CC-NEWS timestamp lies in ``[since, until)`` (all, with no window)."""
    if since is None and until is None:
        return Selection(tuple(warcs))
    kept: list[str] = []
    outside = undated = 0
    for warc in warcs:
        stamp = warc_time(warc)
        if stamp is None:
            undated += 1
        elif (since is None or stamp >= since) and (until is None or stamp < until):
            kept.append(warc)
        else:
            outside += 1
    return Selection(tuple(kept), outside_window=outside, undated=undated)


def warc_time(uri: str) -> datetime | None:
    """The UTC time in a CC-NEWS file name, or None."""
    match = _STAMP.search(uri.rsplit("/", 1)[-1])
    if match is None:
        return None
    try:
        return datetime.strptime(match.group(1), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def warc_id(uri: str) -> str:
    """A file-name-safe name for one WARC's outputs: its base name (without
    ``.warc.gz``) and a digest of the whole URI, so equal names in two folders differ."""
    base = uri.rstrip("/").rsplit("/", 1)[-1]
    base = re.sub(r"\.warc(\.gz)?$", "", base)
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base)[:100] or "warc"
    digest = hashlib.blake2b(uri.encode("utf-8", "surrogatepass"), digest_size=5).hexdigest()
    return f"{base}-{digest}"

