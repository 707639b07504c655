"""Separators of visible trails and labelled lines, shared by the metadata readers and
the body-line clean-up.

Selectors say *where* page furniture sits (``selectors.py``); the lexicon says what its
words are (``newsscrape.lexicon``); these say how a visible line, or a class name, is
cut into parts.
"""

from __future__ import annotations

import re

# A short label before a trail or a tag list: "You are here:", "当前位置：", "微博话题：".
LINE_LABEL = re.compile(r"^[^:：>»›|#＃]{1,20}[:：]\s*")

BREADCRUMB_SPLIT = re.compile(r"\s*(?:»|›|>|→|＞)\s*|\s+/\s+")
# Inside a container already known to be a breadcrumb, more separators are safe.
BREADCRUMB_SEPARATORS = re.compile(r"\s*(?:»|›|>|/|→|\||::|·)\s*")
SEPARATOR_EDGES = "»›>/→|:·- \u00a0"


def breadcrumb_parts(line: str) -> list[str]:
    """The items of a visible trail line ("Home » News » World")."""
    return [part for part in BREADCRUMB_SPLIT.split(line) if part]

# Where a camelCase class name's words meet ("headerLogo" -> "header-Logo").
CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
