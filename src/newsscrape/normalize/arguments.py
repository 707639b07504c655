"""The one rule at the edges of the public parse functions.

``None`` means "nothing found" and gives the function's empty result; a value of the
wrong type raises :class:`~newsscrape.errors.ArgumentTypeError` naming the argument
(a ``TypeError``), a bad value :class:`~newsscrape.errors.ArgumentError` (a ``ValueError``).
"""

from __future__ import annotations

from newsscrape.errors import ArgumentTypeError


def optional_text(name: str, value: object) -> str:
    """``value`` if it is a string, ``""`` for None; anything else raises."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ArgumentTypeError.expected(name, "str or None", value)
    return value
