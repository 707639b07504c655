"""Lists of inputs, read line by line: what ``fetch -i``, ``extract -i``, ``spark-fetch``'s
URL list and ``spark-warc``'s manifest have in common.

One entry a line; blank lines and ``#`` comments are skipped. Lists are UTF-8; a
byte-order mark at the start of a list is dropped. Bytes that are not UTF-8 are kept
as lone surrogates (``surrogateescape``, as Python does for command-line arguments), so
such a line fails under its own name (``invalid_url`` for a URL) instead of being
fetched as some other URL; outputs show those bytes escaped as ``\\xe9``.

A URL list's line may also be a JSON object with a ``url`` (what ``newsscrape
discover`` prints): its URL is the input, and the candidate's feed or sitemap fields
travel with it as ``record.Hints`` (a ``record.HintedURL``), to become the record's
evidence of last resort. A line starting with ``{`` that is not such an object stays
itself, and fails as ``invalid_url`` under its own text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from newsscrape.record import HintedURL, Hints, URLInput

_BOM = "\ufeff"


def iter_lines(lines: Iterable[bytes] | Iterable[str]) -> Iterator[str]:
    """The entries of a list (a binary or text file, or any lines): one per line, blank
    lines and ``#`` comments skipped."""
    first = True
    for line in lines:
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
