"""A discovered candidate's feed or sitemap fields as the weakest evidence for its record.

``newsscrape discover … | newsscrape fetch`` hands each page what its feed or sitemap
said (``record.Hints``). The page wins wherever it states a value: a hinted date is tried
only after every date the page gives (and before a date read from the URL, which is
weaker still), a hinted title only when the page has no title at all, a hinted language
only after the languages the page declares (and before guessing from the text).
"""

from __future__ import annotations

from dataclasses import replace

from newsscrape.record import Article, Found, Hints


def with_hints(article: Article, hints: Hints) -> Article:
    """``article`` with the hinted values appended as ``Found(value, hints.source)``."""

    def found(value: str | None) -> tuple[Found, ...]:
        return (Found(value, hints.source),) if value else ()

    no_title = not article.titles and article.headline is None
    return replace(
        article,
        published=(*article.published, *found(hints.published)),
        modified=(*article.modified, *found(hints.modified)),
        titles=found(hints.title) if no_title else article.titles,
        languages=(*article.languages, *found(hints.language)),
    )
