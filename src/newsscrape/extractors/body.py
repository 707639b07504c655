"""The article body: trafilatura over the cleaned tree, minus a promotional tail.

Pages often end the body container itself with calls to action: "Follow us on
Twitter", "Sign up for our newsletter", an affiliate disclosure. They sit among
the body's own paragraphs, so no selector finds them; their wording does.
"""

from __future__ import annotations

import re

# A closing line that asks the reader to do something other than read the story.
PROMO_LINE = re.compile(
    r"\b(?:sign(?:ing)? up|subscribe|subscription|newsletters?|in your inbox|"
    r"follow (?:us|him|her|them|[@\w.'’-]+(?: [@\w.'’-]+){0,4}) on "
    r"(?:twitter|facebook|instagram|linkedin|youtube)|"
    r"share (?:it|this)(?: story| article)? with|click here|download (?:the|our) app|"
    r"(?:may|might) (?:get|earn|receive) a (?:share|commission))\b",
    re.IGNORECASE,
)
# Only this many closing lines are looked at, and only lines this short.
_TAIL_LINES = 3
_PROMO_MAX = 300


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
        fast=True,
    )
    return trim_promo_tail(text or "")


def trim_promo_tail(text: str) -> str:
    """Cut the text at the first promotional line among its last few lines.

    Whatever follows such a line is more of the same (a second call to action,
    a podcast plug), so it goes too; a body of only promotional lines is kept.
    """
    lines = text.split("\n")
    start = max(1, len(lines) - _TAIL_LINES)
    for index in range(start, len(lines)):
        line = lines[index]
        if len(line) <= _PROMO_MAX and PROMO_LINE.search(line):
            return "\n".join(lines[:index]).rstrip()
    return text
