"""Parameter types of the command line: seconds and sizes, checked as the options are."""

from __future__ import annotations

import re
from typing import Any

import click

from newsscrape.options import seconds_problem

_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?)(b?)\s*", re.IGNORECASE)
_POWERS = {"": 0, "k": 1, "m": 2, "g": 3, "t": 4}


def parse_size(text: str) -> int | None:
    """Bytes from ``10MB``, ``512k``, ``1GiB`` or ``4096``, as GNU tools read them: a
    bare letter or ``KiB``/``MiB``/``GiB`` is a power of 1024, ``KB``/``MB``/``GB`` a
    power of 1000; None if ``text`` is not a size."""
    match = _SIZE.fullmatch(text)
    if not match:
        return None
    number, letter, binary, byte = match.groups()
    if binary and not letter:
        return None
    base = 1000 if letter and byte and not binary else 1024
    return int(float(number) * base ** _POWERS[letter.lower()])


def format_size(size: int) -> str:
    """``10MiB`` for 10 * 1024 * 1024 (the largest whole binary unit)."""
    for unit, power in (("GiB", 3), ("MiB", 2), ("KiB", 1)):
        if size % 1024**power == 0:
            return f"{size // 1024**power}{unit}"
    return str(size)


class Size(click.ParamType[int]):
    """A size in bytes, with an optional unit (``10MB``, ``512k``, ``1GiB``)."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        size = parse_size(str(value))
        if size is None:
            self.fail(f"{value!r} is not a size (bytes, or a number with a unit: 512k, "
                      "10MB, 1GiB)", param, ctx)
        if size < 1:
            self.fail(f"must be at least 1 byte, not {value!r}", param, ctx)
        return size


class Seconds(click.types.FloatParamType):
    """A finite number of seconds within bounds (click's FloatRange lets NaN through)."""

    name = "seconds"

    def __init__(self, *, high: float, low_open: bool = False) -> None:
        self.high = high
        self.low_open = low_open

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> float:
        number = float(super().convert(value, param, ctx))
        problem = seconds_problem(number, high=self.high, low_open=self.low_open)
        if problem:
            self.fail(problem, param, ctx)
        return number
