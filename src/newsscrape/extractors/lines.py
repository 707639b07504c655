"""Line-level clean-up of the body text.

trafilatura finds the main text; the lines it returns are then checked for page
furniture that lives *inside* article containers on many sites (a hashtag line, a
bare timestamp line, a breadcrumb line, a "Source:" line, a "Leave a Comment"
heading). Those lines are moved into metadata and removed from the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsscrape.extractors.strip import COMMENT_TEXT
from newsscrape.normalize.tags import is_hashtag_line, parse_tags
from newsscrape.normalize.timestamps import is_timestamp_line
from newsscrape.record import Found

BREADCRUMB_LINE = re.compile(
    r"^(?:home|homepage|start|startseite|accueil|inicio|首页|主页|ホーム|главная)\s*"
    r"(?:»|›|>|→|/|\|)\s*.+",
    re.IGNORECASE,
)
BREADCRUMB_SPLIT = re.compile(r"\s*(?:»|›|>|→|\|)\s*")
SOURCE_LINE = re.compile(r"^(?:source|quelle|source de l'article|来源|出处|fuente|fonte)\s*[:：]\s*"
                         r"(?P<name>.{2,80})$", re.IGNORECASE)
_UPDATED = re.compile(r"updat|modif|aktualisiert|actualis|更新", re.IGNORECASE)


@dataclass(slots=True)
class BodyFindings:
    """Metadata found in the body's own lines, and the text left once they are gone."""

    text: str = ""
    tags: list[Found] = field(default_factory=list)
    published: list[Found] = field(default_factory=list)
    modified: list[Found] = field(default_factory=list)
    breadcrumbs: list[tuple[Found, ...]] = field(default_factory=list)
    publishers: list[Found] = field(default_factory=list)


def clean_lines(text: str) -> BodyFindings:
    """Split metadata lines out of the body; paragraphs are joined by a blank line."""
    out = BodyFindings()
    kept: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if line and not _take_metadata_line(line, out):
            kept.append(line)
    out.text = "\n\n".join(kept)
    return out


def _take_metadata_line(line: str, out: BodyFindings) -> bool:
    """If ``line`` is page furniture, record what it says and return True."""
    if len(line) > 400:
        return False
    if is_hashtag_line(line):
        out.tags.extend(Found(tag, "text") for tag in parse_tags(line))
        return True
    if is_timestamp_line(line):
        # "Published March 5, 2024 | Updated March 6, 2024": each part to its field.
        for part in line.split(" | "):
            target = out.modified if _UPDATED.search(part) else out.published
            target.append(Found(part.strip(), "text"))
        return True
    if BREADCRUMB_LINE.match(line):
        out.breadcrumbs.append(tuple(Found(p, "text") for p in BREADCRUMB_SPLIT.split(line) if p))
        return True
    match = SOURCE_LINE.match(line)
    if match:
        out.publishers.append(Found(match.group("name").strip(), "text"))
        return True
    return bool(COMMENT_TEXT.match(line))
