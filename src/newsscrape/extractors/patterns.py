"""Text patterns shared by the metadata readers and the body-line clean-up.

Selectors say *where* page furniture sits (``selectors.py``); these say what its
text looks like: a byline's marker, a "modified" label, a visible breadcrumb trail.
Both the visible-line scan (``metadata.py``) and the line clean-up of the body
(``lines.py``) read lines with them, so one list serves both.
"""

from __future__ import annotations

import re

from newsscrape.normalize.sections import HOME_WORDS
from newsscrape.normalize.timestamps import MODIFIED_HINT

# A byline's opening marker. Latin/Cyrillic markers are whole words; CJK and Arabic ones
# run straight into the name ("記者王小明"), so no word boundary is asked of them.
BYLINE_START = re.compile(
    r"^(?:(?:by|par|von|por|di|door|av|af|autor|autora|автор|текст)\b\s*[:：/]?\s*\S"
    r"|(?:記者|记者|撰文|文|作者|작성자|بقلم|كتب|إعداد)\s*[:：/／]?\s*\S)",
    re.IGNORECASE)

# A short label before a trail or a tag list: "You are here:", "当前位置：", "微博话题：".
LINE_LABEL = re.compile(r"^[^:：>»›|#＃]{1,20}[:：]\s*")

# A visible trail: a home-like root, then items. "|" is left out on purpose: site menus
# ("Startseite | Lokales | Region") use it far more often than trails do.
BREADCRUMB_LINE = re.compile(
    r"^(?:" + "|".join(re.escape(w) for w in sorted(HOME_WORDS, key=len, reverse=True)) + r")"
    r"\s*(?:»|›|>|→|＞|\s/)\s*.+",
    re.IGNORECASE,
)
BREADCRUMB_SPLIT = re.compile(r"\s*(?:»|›|>|→|＞)\s*|\s+/\s+")
# Inside a container already known to be a breadcrumb, more separators are safe.
BREADCRUMB_SEPARATORS = re.compile(r"\s*(?:»|›|>|/|→|\||::|·)\s*")
SEPARATOR_EDGES = "»›>/→|:·- \u00a0"


def breadcrumb_parts(line: str) -> list[str]:
    """The items of a visible trail line ("Home » News » World")."""
    return [part for part in BREADCRUMB_SPLIT.split(line) if part]


def date_line_parts(line: str) -> list[tuple[str, str]]:
    """``(field, text)`` per ``" | "`` part: "Published … | Updated …" -> published, modified.

    A bare clock continues the part before it ("Aug 14, 2024 | 9:05 AM EDT" is one time).
    """
    parts: list[tuple[str, str]] = []
    for part in (p.strip() for p in line.split(" | ")):
        if parts and _BARE_CLOCK.match(part):
            parts[-1] = (parts[-1][0], f"{parts[-1][1]} {part}")
        else:
            parts.append(("modified" if MODIFIED_HINT.search(part) else "published", part))
    return parts


# A clock and what may follow it (a.m./p.m., a zone), with no label and no date.
_BARE_CLOCK = re.compile(
    r"^\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s+[A-Za-z]{1,5})?$", re.IGNORECASE)
