"""Headlines without the site name glued on.

Normal form: the headline as the page shows it, whitespace collapsed, with a
trailing (or leading) `` | Site``, `` – Site``, `` - Site`` part removed when that
part names the site (publisher, og:site_name, the host name) or when the page's
``<h1>`` shows the headline without it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

TITLE_SEPARATORS = re.compile(r"\s+(?:\||–|—|-|::|·|»|•|/)\s+|\s*[|｜]\s*")


def comparison_key(text: str) -> str:
    """Casefolded letters and digits only: how titles, site names and trail items compare."""
    return re.sub(r"\W+", "", text.casefold())


_key = comparison_key


def strip_site_name(title: str, site_names: Iterable[str]) -> str:
    """Remove a separator-delimited part of ``title`` that names the site."""
    title = " ".join(title.split())
    keys = {_key(name) for name in site_names if _key(name)}
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    for edge in (-1, 0):
        part_key = _key(parts[edge])
        if part_key and any(part_key in k or k in part_key for k in keys):
            rest = parts[:-1] if edge == -1 else parts[1:]
            return _rejoin(title, rest)
    return title


def _rejoin(title: str, parts: list[str]) -> str:
    """The span of ``title`` covering ``parts`` (keeps the original separators inside)."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else " ".join(parts)


def _agrees(h1: str, title: str) -> bool:
    """The ``<h1>`` is the title, its start, or one separator-delimited part of it."""
    h1_key = _key(h1)
    if not h1_key:
        return False
    title_key = _key(title)
    if title_key == h1_key or title_key.startswith(h1_key):
        return True
    return any(_key(part) == h1_key for part in TITLE_SEPARATORS.split(title))


def choose_title(candidates: list[str], headline: str | None, site_names: list[str]) -> str | None:
    """The headline: the ``<h1>`` when a metadata title agrees with it, else the best title."""
    cleaned = [strip_site_name(c, site_names) for c in candidates if c.strip()]
    if headline:
        h1 = " ".join(headline.split())
        for title in cleaned:
            if _agrees(h1, title):
                return h1
            if _key(title) and _key(h1).endswith(_key(title)):
                return title  # the <h1> adds a kicker ("Verkehr") before the headline
    if cleaned:
        return cleaned[0]
    return " ".join(headline.split()) if headline else None


def site_from_title(title_tag: str, headline: str) -> str | None:
    """The site name a ``<title>`` adds around the headline ("Headline - Site" -> "Site")."""
    parts = [p.strip() for p in TITLE_SEPARATORS.split(" ".join(title_tag.split())) if p.strip()]
    head = _key(headline)
    if len(parts) < 2 or not head:
        return None
    if _key(parts[0]) == head or _key(parts[0]).startswith(head):
        return parts[-1]
    if _key(parts[-1]) == head:
        return parts[0]
    return None
