"""Hand-labelled truth: every page with a ``<name>.labels.json`` is checked field by field.

Golden records (``test_golden.py``) catch any change; these labels say what is *right*.
A field the pipeline is known to get wrong is listed in the label's ``known_failures``
and runs as a strict xfail, so fixing it is noticed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import newsscrape

ROOT = Path(__file__).resolve().parent.parent
LABELS = sorted([*ROOT.glob("tests/fixtures/pages/*.labels.json"),
                 *ROOT.glob("tests/fixtures/heldout/*.labels.json"),
                 *ROOT.glob("tests/fixtures/heldout2/*.labels.json")])
FIELDS = ("title", "authors", "publisher", "published", "modified", "language", "section", "tags")


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _cases() -> list[Any]:
    cases = []
    for path in LABELS:
        labels = _load(path)
        known = set(labels.get("known_failures", ()))
        for field in (*(f for f in FIELDS if f in labels), "text"):  # heldout2: no publisher
            marks = [pytest.mark.xfail(strict=True, reason="known failure")] if field in known \
                else []
            cases.append(pytest.param(path, field, marks=marks,
                                      id=f"{path.name.removesuffix('.labels.json')}-{field}"))
    return cases


_RECORDS: dict[Path, dict[str, Any]] = {}


def _record(labels_path: Path) -> dict[str, Any]:
    if labels_path not in _RECORDS:
        page = labels_path.with_name(labels_path.name.replace(".labels.json", ".html"))
        url = _load(labels_path)["url"]
        _RECORDS[labels_path] = newsscrape.extract(page.read_bytes(), url=url).to_dict()
    return _RECORDS[labels_path]


@pytest.mark.parametrize(("labels_path", "field"), _cases())
def test_field_matches_label(labels_path: Path, field: str) -> None:
    labels = _load(labels_path)
    record = _record(labels_path)
    if field != "text":
        assert record[field] == labels[field]
        return
    text = record["text"]
    if "text" in labels:  # a page whose whole text is known (an empty one, say)
        assert text == labels["text"]
    assert text.startswith(labels["text_starts"])
    assert text.endswith(labels["text_ends"])
    leaked = [s for s in labels.get("text_must_not_contain", ()) if s in text]
    assert not leaked
