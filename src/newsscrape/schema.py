"""The published shape of the output: JSON Schemas (draft 2020-12) of a record line and of
an ``--errors`` line, printed by ``newsscrape schema [record|error]``.

``RECORD_FIELDS`` describes each key of ``Record.to_dict()``; a test checks that the two
name the same keys, and validates real outputs against the schemas, so they cannot
drift apart.
"""

from __future__ import annotations

from typing import Any

from newsscrape.version import __version__

_ID = "https://github.com/newsscrape/newsscrape/schema"
_TEXT = {"type": ["string", "null"]}
_TEXTS = {"type": "array", "items": {"type": "string"}}
_INSTANT = {"type": ["string", "null"], "format": "date-time",
            "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$"}
_PAGE_TIME = {"type": ["string", "null"],
              "pattern": r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})?)?$"}
_UTC = {"type": ["string", "null"], "format": "date-time",
        "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"}


def _field(shape: dict[str, Any], description: str) -> dict[str, Any]:
    return {**shape, "description": description}


RECORD_FIELDS: dict[str, dict[str, Any]] = {
    "url": _field(_TEXT, "The input as given: the URL fetched, the first URL of a WARC "
                  "record's redirect chain, or extract's --url (null without it)."),
    "source": _field(_TEXT, "Where the page came from: the input URL (fetch), a file path, "
                     "'stdin', or a WARC file and record id ('crawl.warc.gz#urn:uuid:...'); "
                     "null for a document given to the library in memory."),
    "final_url": _field(_TEXT, "Where redirects ended (fetched and archived pages)."),
    "canonical_url": _field(_TEXT, "<link rel=canonical>, else JSON-LD url, absolute."),
    "status": _field({"type": ["integer", "null"]}, "The HTTP status of the page."),
    "fetched_at": _field(_INSTANT, "When the origin answered (a cached answer: when it was "
                         "stored), UTC, ISO 8601."),
    "title": _field(_TEXT, "The headline, without a site-name suffix."),
    "authors": _field(_TEXTS, "Person names, in byline order."),
    "publisher": _field(_TEXT, "The outlet."),
    "published": _field(_PAGE_TIME, "ISO 8601 as the page states it: with its UTC offset "
                        "when known, naive when not (unless --tz), a date alone when only "
                        "the day is given."),
    "published_utc": _field(_UTC, "published as an instant in UTC ('...Z') when its offset "
                            "is known (stated, or given by --tz); else null."),
    "modified": _field(_PAGE_TIME, "As published, for the last modification."),
    "modified_utc": _field(_UTC, "modified as an instant in UTC, as published_utc."),
    "language": _field(_TEXT, "BCP 47 primary subtag (en, zh)."),
    "section": _field(_TEXTS, "The breadcrumb trail, without Home-like roots and the "
                      "headline."),
    "tags": _field(_TEXTS, "The article's tags, deduplicated case-insensitively."),
    "description": _field(_TEXT, "From meta or JSON-LD."),
    "image": _field(_TEXT, "The lead image URL, absolute."),
    "text": _field({"type": "string"}, "The article body, paragraphs separated by a blank "
                   "line."),
    "word_count": _field({"type": "integer", "minimum": 0},
                         "Runs of letters/digits, plus one per CJK character."),
}
PROVENANCE = _field(
    {"type": "object", "additionalProperties": {
        "type": "object", "required": ["source", "raw"],
        "properties": {"source": {"type": "string"}, "raw": {"type": "string"}}}},
    "Only with --provenance: per field, where its value came from and the raw string.")

RECORD_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": f"{_ID}/record.json",
    "title": f"newsscrape record ({__version__})",
    "description": "One line of newsscrape's output: one article page.",
    "type": "object",
    "required": list(RECORD_FIELDS),
    "properties": {**RECORD_FIELDS, "provenance": PROVENANCE},
    "additionalProperties": False,
}

ERROR_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": f"{_ID}/error.json",
    "title": f"newsscrape error line ({__version__})",
    "description": "One line of an --errors file: one input that gave no record.",
    "type": "object",
    "required": ["url", "source", "error"],
    "properties": {
        "url": _field({"type": "string"}, "The input as given (a URL, a file name); bytes "
                      "that were not UTF-8 are written as the text \\xe9."),
        "source": RECORD_FIELDS["source"],
        "error": {
            "type": "object",
            "required": ["kind", "message", "status"],
            "properties": {
                "kind": _field({"type": "string"}, "Machine-readable: see the README's "
                               "error table (http_status, timeout, robots, ...)."),
                "message": _field({"type": "string"}, "What happened, in plain language."),
                "status": _field({"type": ["integer", "null"]},
                                 "The HTTP status of the answer that failed, if any."),
            },
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}
