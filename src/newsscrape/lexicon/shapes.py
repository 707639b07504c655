"""Shapes of text that are the same in every language: addresses, title separators and
script ranges."""

from __future__ import annotations

import re

EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
"""An e-mail address (a regex piece): in bylines it is dropped, closing a body it signs off."""

URL_TEXT = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
"""A text that is nothing but a web address (a link showing its target, a cited source)."""

TITLE_SEPARATORS = re.compile(r"\s+(?:\||–|—|-|::|·|»|•|/)\s+|\s*[|｜]\s*")
"""What sets the parts of a page title apart ("Headline | Site", "Site » Section » Headline"):
the headline layer (which heading a title names) and the normalizer (a title without the
site's name) split titles alike."""

# Unicode ranges, for character classes.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""CJK ideographs: extension A, the unified block, compatibility ideographs."""
KANA = "\u3040-\u309f\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
"""Hiragana and katakana (without the middle dot ``・``, which joins names)."""
HANGUL = "\uac00-\ud7a3"
"""Hangul syllables."""
