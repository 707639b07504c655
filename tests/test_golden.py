"""Golden records: every fixture page runs through the library and the CLI.

Pages live in ``tests/fixtures/pages/*.html`` with the expected
record beside each as ``<name>.json``; its ``url`` is also the URL given to the
extractor. Regenerating expectations is deliberate: ``NEWSSCRAPE_REGEN=1 pytest
tests/test_golden.py`` rewrites them, and the diff is then reviewed by hand.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import invoke

import newsscrape

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(ROOT.glob("tests/fixtures/pages/*.html"))
REGEN = os.environ.get("NEWSSCRAPE_REGEN") == "1"


def _expected(page: Path) -> dict[str, Any]:
    return json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))


def _url(page: Path) -> str | None:
    path = page.with_suffix(".json")
    return _expected(page)["url"] if path.exists() else None


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_library_matches_golden(page: Path) -> None:
    record = newsscrape.extract(page.read_bytes(), url=_url(page)).to_dict()
    if REGEN:
        text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
        page.with_suffix(".json").write_text(text, encoding="utf-8")
    assert record == _expected(page)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_cli_matches_golden(page: Path) -> None:
    url = _url(page)
    args = ["extract", str(page), *(["--url", url] if url else [])]
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["source"] == str(page)  # the file it was read from (the library: None)
    assert {**record, "source": None} == _expected(page)


def test_every_page_has_an_expectation() -> None:
    assert PAGES, "no fixture pages found"
    missing = [p.name for p in PAGES if not p.with_suffix(".json").exists()]
    assert not missing
