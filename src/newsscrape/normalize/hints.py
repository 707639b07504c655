"""A discovered candidate's feed or sitemap fields as the weakest evidence for its record.

``newsscrape discover … | newsscrape fetch`` hands each page what its feed or sitemap
said (``record.Hints``). The page wins wherever it states a value: a hinted date is tried
only after every date the page gives (and before a date read from the URL, which is
weaker still), a hinted title only when the page has no title at all, a hinted language
only after the languages the page declares (and before guessing from the text).
"""

from __future__ import annotations

from dataclasses import replace

from newsscrape.record import Candidates, Found, Hints


def with_hints(found: Candidates, hints: Hints) -> Candidates:
    """``found`` with the hinted values after its own, as ``Found(value, hints.source)``."""

    def hinted(value: str | None) -> tuple[Found, ...]:
        return (Found(value, hints.source),) if value else ()

    no_title = not found.titles and found.headline is None
    return replace(
        found,
        published=(*found.published, *hinted(hints.published)),
        modified=(*found.modified, *hinted(hints.modified)),
        titles=hinted(hints.title) if no_title else found.titles,
        languages=(*found.languages, *hinted(hints.language)),
    )
