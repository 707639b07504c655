"""Language tags to their BCP 47 primary subtag (``en-US`` -> ``en``, ``zh_CN`` -> ``zh``)."""

from __future__ import annotations

import re

_PRIMARY = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")


def primary_language(tag: str) -> str | None:
    """The lowercase primary subtag of a language tag, or None if it is not one."""
    first = tag.split(",")[0]
    match = _PRIMARY.match(first)
    if not match:
        return None
    code = match.group(1).lower()
    return None if code in {"und", "mul", "zxx", "xx"} else code


_MIN_DETECT_CHARS = 40


def detect_language(text: str) -> str | None:
    """The language of ``text`` by py3langid's bundled model, or None for short text.

    Used when the page declares no language, or declares one whose script the text
    does not use (``normalize.dating``). The model ships inside the
    package (nothing is downloaded); it is memory-mapped on first use
    (``document.langid_model``).
    """
    sample = " ".join(text[:3000].split())
    if len(sample) < _MIN_DETECT_CHARS:
        return None
    from newsscrape.document.langid_model import identifier

    code, _score = identifier().classify(sample)
    return primary_language(str(code))
