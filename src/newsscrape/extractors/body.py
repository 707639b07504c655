"""The article body: trafilatura over the cleaned tree."""

from __future__ import annotations


def extract_text(html: str, *, url: str | None) -> str:
    """trafilatura's plain text for an (already cleaned) HTML document, or ''."""
    import trafilatura

    text = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        favor_recall=True,
    )
    return text or ""
