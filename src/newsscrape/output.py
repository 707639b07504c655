"""JSONL writers: the only place outcomes become JSON, one compact UTF-8 object per line.

stdout carries data only; error lines go to stderr, with control characters and
escape sequences from the page neutralised so a hostile page cannot drive the terminal.

The two kinds of stream fail differently. A record or ``--errors`` line that cannot be
written (a closed pipe, a full disk) raises ``OutputError``: the run stops, since
every later outcome would be lost too. stderr is only the human's copy, so a closed or
full stderr is ignored and the run goes on.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections import Counter
from typing import IO, Any, Protocol

from newsscrape.errors import OutputError
from newsscrape.record import DiscoveredURL, Failure, Outcome, Record

_CONTROL = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _visible(char: str) -> str:
    """How a character that must not be written as itself is shown: an undecodable byte
    (kept by ``surrogateescape`` as U+DC80..U+DCFF) as ``\\xe9``, the byte it was; any
    other as ``\\x1b`` or ``\\u202e``."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def undecodable_escaped(text: str) -> str:
    """``text`` as valid Unicode: each undecodable input byte (a lone surrogate, which
    no UTF-8 reader accepts, not even escaped in JSON) written as the text ``\\xe9``."""
    return _SURROGATE.sub(lambda m: _visible(m.group()), text)


def _escaped_strings(value: Any) -> Any:
    if isinstance(value, str):
        return undecodable_escaped(value)
    if isinstance(value, dict):
        return {key: _escaped_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_escaped_strings(item) for item in value]
    return value


def to_jsonl(obj: dict[str, Any]) -> str:
    """The JSONL line for one object (no trailing newline): always valid UTF-8 JSON.

    Lone surrogates (undecodable bytes in a file name, a URL list, an argument) are
    written as visible ``\\xe9`` text: UTF-8 cannot hold them, and a ``\\udce9``
    escape, though valid JSON, is refused by strict readers such as DuckDB.
    """
    line = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    if not line.isascii() and _SURROGATE.search(line):
        line = json.dumps(_escaped_strings(obj), ensure_ascii=False, separators=(",", ":"))
    return line


_encode = json.encoder.encode_basestring  # what json.dumps uses with ensure_ascii=False


def discovered_line(candidate: DiscoveredURL) -> str:
    """``to_jsonl(candidate.to_dict())``, written directly: at a million candidates a
    run, building the dict and encoding it was a third of the time an entry cost."""
    url, source, via, published, modified, title, language, keywords, found = candidate
    enc = _encode
    line = (f'{{"url":{enc(url)},"source":"{source}","via":{enc(via)},"published":'
            f'{"null" if published is None else enc(published)},"modified":'
            f'{"null" if modified is None else enc(modified)},"title":'
            f'{"null" if title is None else enc(title)},"language":'
            f'{"null" if language is None else enc(language)},"keywords":['
            f'{",".join(map(enc, keywords)) if keywords else ""}],"discovered_at":'
            f'{enc(found)}}}')
    if not line.isascii():
        try:
            line.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: to_jsonl escapes them
            return to_jsonl(candidate.to_dict())
    return line


def safe_for_terminal(text: str) -> str:
    """Text from a page with control and bidi characters made visible, not obeyed (and
    undecodable bytes shown as ``\\xe9``)."""
    return _CONTROL.sub(lambda m: _visible(m.group()), text)


class JsonlWriter:
    """Writes whole lines and flushes each, so a reader never sees a partial record."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, obj: dict[str, Any]) -> None:
        """Write one object as a line and flush."""
        self.stream.write(to_jsonl(obj) + "\n")
        self.stream.flush()


def error_line(url: str, message: str) -> str:
    """The stderr line for one failed input."""
    return f"newsscrape: {safe_for_terminal(url)}: {safe_for_terminal(message)}"


def error_object(failure: Failure) -> dict[str, Any]:
    """The ``--errors`` JSONL object for one failed input (``newsscrape schema error``)."""
    return {"url": failure.input, "source": failure.source,
            "error": {"kind": failure.kind, "message": failure.message,
                      "status": failure.status}}


def record_row(record: Record) -> dict[str, Any]:
    """A record as a table row (Parquet, Spark): the keys and values of its JSON line,
    undecodable bytes escaped the same way."""
    row: dict[str, Any] = _escaped_strings(record.to_dict())
    return row


def error_row(failure: Failure) -> dict[str, Any]:
    """A failure as a table row: the ``--errors`` line's values, flat (``url``,
    ``source``, ``kind``, ``message``, ``status``)."""
    line = error_object(failure)
    row: dict[str, Any] = _escaped_strings({"url": line["url"], "source": line["source"],
                                            **line["error"]})
    return row


class Clearable(Protocol):
    """Something drawn on the terminal that must step aside for a stderr line."""

    def clear(self) -> None: ...


BATCH_LINES = 512
"""Candidate lines (``discover``) written at once, at most (one write and flush per
line cost a tenth of a sitemap entry's time)."""
BATCH_SECONDS = 0.25
"""A candidate line waits at most this long for others to join it (while more come)."""


class Reporter:
    """Where outcomes go: records (and discovery's candidates) to the output, failures to
    stderr and ``--errors``.

    It also counts them, for the progress display and the closing summary. Discovery's
    candidate lines are written in batches, whole lines only: ``flush`` writes what
    waits, and a failure always comes after the candidates before it.
    """

    def __init__(self, output: IO[str], errors_file: IO[str] | None = None, *,
                 stderr: IO[str] | None = None, output_name: str = "output",
                 errors_name: str = "--errors file") -> None:
        self.records = JsonlWriter(output)
        self.errors = JsonlWriter(errors_file) if errors_file else None
        self.stderr = stderr
        self.output_name = output_name
        self.errors_name = errors_name
        self.stderr_failed = False
        """A stderr write failed; stderr lines are dropped from then on."""
        self.overlay: Clearable | None = None
        self.records_on_terminal = _is_terminal(output)
        self.ok = 0
        self.failed_by_kind: Counter[str] = Counter()
        self._pending: list[str] = []
        self._pending_since = 0.0

    @property
    def failed(self) -> int:
        """Inputs that ended as an error."""
        return self.failed_by_kind.total()

    def write(self, outcome: Outcome | DiscoveredURL) -> None:
        """One input's outcome (or one candidate); ``OutputError`` if it cannot be
        written."""
        if isinstance(outcome, Record):
            self.record(outcome)
        elif isinstance(outcome, DiscoveredURL):
            self.discovered(outcome)
        else:
            self.failure(outcome)

    def discovered(self, candidate: DiscoveredURL) -> None:
        """One candidate: a line of the output, written with the ones around it."""
        pending = self._pending
        if not pending:
            self._pending_since = time.monotonic()
        pending.append(discovered_line(candidate))
        waiting = len(pending)
        if waiting >= BATCH_LINES or (waiting % 32 == 0 and  # the clock read now and then
                                      time.monotonic() - self._pending_since >= BATCH_SECONDS):
            self.flush()

    def flush(self) -> None:
        """Write the candidate lines that wait (one write, then a flush)."""
        if not self._pending:
            return
        lines, self._pending = self._pending, []
        stream = self.records.stream
        try:
            stream.write("\n".join(lines) + "\n")
            stream.flush()
        except OSError as exc:
            raise OutputError(self.output_name, exc) from exc
        self.ok += len(lines)

    def record(self, record: Record) -> None:
        """One successful input: a line of the output (the progress line cleared first
        when both are on the same terminal)."""
        if self.overlay is not None and self.records_on_terminal:
            self.overlay.clear()
        try:
            self.records.write(record.to_dict())
        except OSError as exc:
            raise OutputError(self.output_name, exc) from exc
        self.ok += 1

    def failure(self, failure: Failure) -> None:
        """One failed input: a stderr line and, with ``--errors``, a JSON line."""
        self.flush()
        self.say(error_line(failure.input, failure.message))
        if self.errors is not None:
            try:
                self.errors.write(error_object(failure))
            except OSError as exc:
                raise OutputError(self.errors_name, exc) from exc
        self.failed_by_kind[failure.kind] += 1

    def say(self, line: str) -> None:
        """One (already terminal-safe) line on stderr, clearing the progress line first.

        A stderr that is closed or full costs the message, never the run.
        """
        stream = self.stderr or sys.stderr
        if self.stderr_failed or stream is None:  # None: Python started with fd 2 closed
            return
        try:
            if self.overlay is not None:
                self.overlay.clear()
            stream.write(line + "\n")
            stream.flush()
        except (OSError, ValueError):
            self.stderr_failed = True
            discard_unwritten(stream)

    def exit_code(self) -> int:
        """0 when everything succeeded, else 1."""
        return 1 if self.failed else 0


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError, AttributeError):
        return False


def discard_unwritten(stream: IO[str]) -> None:
    """Point a failed stream's descriptor at /dev/null, so that the text still buffered in
    it is dropped when Python flushes it at exit, not reported as a second failure."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(devnull, stream.fileno())
    except (OSError, ValueError, AttributeError):  # no descriptor (in memory): no flush
        pass
    finally:
        os.close(devnull)


def summary_line(ok: int, failed_by_kind: Counter[str], elapsed: float, *,
                 duplicates: int = 0, resumed: int = 0, interrupted: int | bool = 0,
                 ok_label: str = "ok") -> str:
    """``newsscrape: done: 98 ok, 2 failed (timeout 1, robots 1), 3 duplicates, in 4.2 s``.

    ``interrupted``: how many inputs were left unfinished, or True when the run was
    interrupted without such a count; ``ok_label`` names what ``ok`` counts.
    """
    parts = [f"{ok} {ok_label}"]
    failed = failed_by_kind.total()
    if failed:
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(failed_by_kind.items()))
        parts.append(f"{failed} failed ({kinds})")
    else:
        parts.append("0 failed")
    if duplicates:
        parts.append(f"{duplicates} duplicate{'s' if duplicates != 1 else ''} skipped")
    if resumed:
        parts.append(f"{resumed} already done")
    head = "interrupted" if interrupted else "done"
    if interrupted and interrupted is not True:
        parts.append(f"{interrupted} unfinished")
    return f"newsscrape: {head}: {', '.join(parts)}, in {elapsed:.1f} s"
