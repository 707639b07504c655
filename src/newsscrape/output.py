"""JSONL writers: one compact UTF-8 JSON object per line, flushed per line.

stdout carries data only; error lines go to stderr, with control characters and
escape sequences from the page neutralised so a hostile page cannot drive the terminal.
"""

from __future__ import annotations

import json
import re
from typing import IO, Any

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def to_jsonl(obj: dict[str, Any]) -> str:
    """The JSONL line for one object (no trailing newline)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def safe_for_terminal(text: str) -> str:
    """Text from a page with control and bidi characters made visible, not obeyed."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", text)


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


def error_object(url: str, error: dict[str, Any]) -> dict[str, Any]:
    """The ``--errors`` JSONL object for one failed input."""
    return {"url": url, "error": error}
