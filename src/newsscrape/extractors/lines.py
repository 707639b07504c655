"""Line-level clean-up of the body text.

trafilatura finds the main text; the lines it returns are then checked for page
furniture that lives *inside* article containers on many sites (a hashtag line, a
bare timestamp line, a breadcrumb line, a "Source:" line, a "Leave a Comment"
heading). Those lines are moved into metadata and removed from the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from newsscrape.extractors.patterns import breadcrumb_parts
from newsscrape.lexicon.bylinewords import AGENCIES, BYLINE_START
from newsscrape.lexicon.dates import date_expressions, date_line_parts, is_timestamp_line
from newsscrape.lexicon.datewords import RELATIVE
from newsscrape.lexicon.furniture import (
    BREADCRUMB_LINE,
    CLOSING_LINE,
    COMMENT_TEXT,
    CONTACT_HEADING,
    SOURCE_LINE,
    TEASER_LABEL,
    TEASER_LINE,
    is_furniture_line,
)
from newsscrape.lexicon.hashtags import hashtags, is_hashtag_line, trailing_hashtags
from newsscrape.lexicon.names import byline_names
from newsscrape.lexicon.shapes import EMAIL
from newsscrape.lexicon.terms import alternation
from newsscrape.record import Found


@dataclass(slots=True)
class BodyFindings:
    """Metadata found in the body's own lines, and the text left once they are gone."""

    text: str = ""
    tags: list[Found] = field(default_factory=list)
    published: list[Found] = field(default_factory=list)
    modified: list[Found] = field(default_factory=list)
    breadcrumbs: list[tuple[Found, ...]] = field(default_factory=list)
    publishers: list[Found] = field(default_factory=list)


# A closing line that says who wrote it or whom to write to (an e-mail address), or a
# wire's "SOURCE Company" tag. (A bare phone number is not one: an event listing may
# close with its box-office number, and the AEB truth keeps it.)
SIGN_OFF_LINE = re.compile(rf"{EMAIL}|^SOURCE [A-Z]\S*")
_CONTACT_LINES = 8
_SHORT = 160
_DATE_LINE_MAX = 40
# Credits, ad labels, invitations and interface strings are short lines.
_FURNITURE_MAX = 250
_SENTENCE_END = re.compile(r"[.!?。！？…:：]$")
_LEAD_LINES = 3
_DATELINE_HEAD = 60
# A wire agency's slug on a line of its own: "(dpa)", "(AFP/Reuters)", "dpa/lnw", and the
# dpa-infocom story id "dpa:240305-99-123456/3".
_AGENCY = alternation(a for a in AGENCIES if a.text.isascii())
AGENCY_SLUG = re.compile(
    rf"^[(\[]?\s*(?:{_AGENCY})(?:\s*[/,;]\s*(?:{_AGENCY}|[^\W\d_]{{2,5}}))*\s*[)\]]?\.?$"
    r"|^(?:dpa-infocom,?\s*)?dpa:\d{6}-\d{2}-\d+(?:/\d+)?$",
    re.IGNORECASE)
# Invisible hyphenation and word-break hints (soft hyphen, zero-width space, word joiner,
# a stray byte-order mark): they hide words from search ("Mit\xadtel\xadal\xadter").
# (Zero-width (non-)joiners stay: they shape Persian, Indic scripts and emoji.)
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")

StampTest = Callable[[str, bool], bool]
"""``is_timestamp_line(text, thorough=…)`` as the page asks it: in its language, and
answered once per text (``metadata.Collected.is_stamp_line``)."""


def _any_language(text: str, thorough: bool) -> bool:
    return is_timestamp_line(text, thorough=thorough)


def clean_lines(text: str, *, title: str | None = None,
                labels: frozenset[str] = frozenset(),
                date_lines: frozenset[str] = frozenset(),
                is_stamp: StampTest = _any_language) -> BodyFindings:
    """Split metadata lines out of the body; paragraphs are joined by a blank line.

    ``title`` and ``labels`` (section and breadcrumb names, casefolded) let a
    repeated headline or a section badge at the top of the text be recognised;
    ``date_lines`` (casefolded) are the visible lines the article's dates were read
    from ("Severin Tschudin, 17.03.2022"): atop the text, they leave it. ``is_stamp``
    tells date lines (the page's own, in its language; by default any language).
    """
    out = BodyFindings()
    kept: list[str] = []
    for raw in _INVISIBLE.sub("", text).splitlines():
        line = " ".join(raw.split())
        if line and len(kept) < _LEAD_LINES and line.casefold() in date_lines:
            continue  # the date line atop the text; one further down may be content
        if line and not _take_metadata_line(line, out, is_stamp):
            rest, tags = trailing_hashtags(line)  # "… the end. #Olympia #Ski": tags, and
            out.tags.extend(Found(tag, "text") for tag in tags)  # the words stay prose
            if not (tags and _take_metadata_line(rest, out, is_stamp)):  # "2024-02-22 09:26 #a #b"
                kept.append(line)
    kept = _trim_tail(_trim_lead(kept, title, labels))
    out.text = "\n\n".join(kept)
    if kept and (dateline := _dateline(kept[0])):
        out.published.append(Found(dateline, "text"))
    return out


# A dateline's place: up to three capitalised words, then a comma or a dash.
_DATELINE_PLACE = re.compile(r"(?:[^\W\d_a-z][\w.'-]*\s?){1,3}[,–—-]\s*\(?\s*")
_DATELINE_AFTER = re.compile(r"\s*\)?\s*[.:–—-]|\s+[„\"“«]")


def _dateline(paragraph: str) -> str | None:
    """The date a dateline opens the first paragraph with ("Freiburg, (09.03.2022).
    Zum Frühjahrsbeginn …", "03.05.2022 „Der Wohnungsbau …", "(3. März 2024) Die
    Stadtwerke …"): a place at most before it, or the date alone in brackets."""
    head = paragraph[:_DATELINE_HEAD]
    found = date_expressions(head)
    if not found:
        return None
    expression = found[0][1]
    start = head.find(expression.split()[0])
    before, after = head[:start], head[start + len(expression):]
    bracketed = before.strip() == "(" and after.startswith(")")  # "(21. März 2024) Die …"
    if start < 0 or (before and not bracketed and not _DATELINE_PLACE.fullmatch(before)) \
            or not (bracketed or _DATELINE_AFTER.match(after)):
        return None
    return expression


def _trim_tail(lines: list[str]) -> list[str]:
    """Drop closing boilerplate: a press release's contact block, then copyright lines
    and sign-offs ("김민수 기자 minsu.kim@…", "SOURCE Helvion Systems AG")."""
    for index in range(max(1, len(lines) - _CONTACT_LINES), len(lines)):
        if CONTACT_HEADING.match(lines[index]):
            lines = lines[:index]
            break
    while len(lines) > 1 and len(lines[-1]) <= _SHORT and (
            CLOSING_LINE.search(lines[-1]) or SIGN_OFF_LINE.search(lines[-1])):
        lines.pop()
    return lines


def _trim_lead(lines: list[str], title: str | None, labels: frozenset[str]) -> list[str]:
    """Drop the headline, a standfirst, a section badge or a byline kept above the body."""
    title_key = " ".join((title or "").split()).casefold()
    start = 0
    while start < min(_LEAD_LINES, len(lines) - 1) and \
            _is_lead_furniture(lines[start], title_key, labels):
        start += 1
    return lines[start:]


def _is_lead_furniture(line: str, title_key: str, labels: frozenset[str]) -> bool:
    """A line above the body that is not prose: headline, label, byline, lone word."""
    folded = line.casefold()
    if folded == title_key or folded in labels:
        return True
    if len(line) <= 100 and BYLINE_START.match(line):
        return True
    if len(line) <= 40 and byline_names(line):
        return True
    # A badge, kicker or dateline city ("Madrid", "Technology", a stray "di"):
    # a short fragment with no sentence punctuation is not the first paragraph.
    return len(line) < 30 and len(line.split()) <= 3 and not _SENTENCE_END.search(line)


def _take_metadata_line(line: str, out: BodyFindings, is_stamp: StampTest) -> bool:
    """If ``line`` is page furniture, record what it says and return True."""
    if len(line) > 400:
        return False
    if is_hashtag_line(line):
        out.tags.extend(Found(tag, "text") for tag in hashtags(line))
        return True
    # dateparser (milliseconds a call) only for a short line with a relative word ("vor
    # 2 Tagen", which the fast readers leave to it): a date line is short, and an absolute
    # date only dateparser reads is read where the page marks it as a date
    # (``metadata``); in the body's lines it reads too much into fragments (a clock in a
    # programme, "Ora 18:30", would be today at 18:30).
    if is_stamp(line, len(line) <= _DATE_LINE_MAX and RELATIVE.search(line) is not None):
        # "Published March 5, 2024 | Updated March 6, 2024": each part to its field.
        for name, part in date_line_parts(line):
            (out.modified if name == "modified" else out.published).append(Found(part, "text"))
        return True
    if BREADCRUMB_LINE.match(line):
        out.breadcrumbs.append(tuple(Found(p, "text") for p in breadcrumb_parts(line)))
        return True
    match = SOURCE_LINE.match(line)
    if match:
        out.publishers.append(Found(match.group("name").strip(), "text"))
        return True
    if len(line) <= _SHORT and TEASER_LINE.match(line):
        return True
    if len(line) <= _DATE_LINE_MAX and AGENCY_SLUG.match(line):
        return True
    core = line.strip(" |")  # a table row's cells
    if len(core) <= _FURNITURE_MAX and (is_furniture_line(core) or (
            len(core) <= _SHORT and TEASER_LABEL.match(core))):
        return True
    return bool(COMMENT_TEXT.match(core))
