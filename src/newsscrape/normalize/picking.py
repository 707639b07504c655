"""Picking a field's value from its found values, and saying where it came from.

Each field's candidates arrive best first; the first that yields a valid normal form
wins, and with ``provenance`` the record says which source and raw string that was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from newsscrape.record import Found

__all__ = ["Provenance", "first_valid", "pick"]

Provenance = dict[str, dict[str, str]]
"""Per field: ``{"source": ..., "raw": ...}`` (the record's ``provenance``)."""


def first_valid(
    found: Iterable[Found], convert: Callable[[str], str | None]
) -> tuple[str, Found] | tuple[None, None]:
    """The first found value that converts to a normal form, with the value it came from."""
    for item in found:
        value = convert(item.value)
        if value:
            return value, item
    return None, None


def pick(found: Iterable[Found], convert: Callable[[str], str | None], name: str,
         prov: Provenance) -> str | None:
    """The first found value that converts, its source and raw string noted as ``name``."""
    value, item = first_valid(found, convert)
    if item is not None:
        prov[name] = {"source": item.source, "raw": item.value}
    return value
