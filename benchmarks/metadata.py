"""Metadata accuracy on the hand-labelled fixture corpus, against trafilatura and htmldate.

Every page in ``tests/fixtures/pages`` with a ``<name>.labels.json`` is run through
``newsscrape.extract`` and, in the same run, ``trafilatura.bare_extraction(...,
with_metadata=True)`` and ``htmldate.find_date(..., original_date=True)``. A field
counts as right when it equals the label exactly (titles and names compared with
whitespace collapsed; lists in order). Timestamps are scored twice: the full normal
form (``published``) and the calendar day alone (``published day``), since the
anchors only report a day.

    python benchmarks/metadata.py            # the table
    python benchmarks/metadata.py --misses   # also every wrong value, per page
    python benchmarks/metadata.py --corpus DIR   # a labelled set kept outside the repo

The ``heldout`` corpora were written blind (by someone who had not seen the code or
the other pages); each was scored once as written, then became development data.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
CORPORA = {
    "development corpus (tests/fixtures/pages)": ROOT / "tests" / "fixtures" / "pages",
    "corpus written blind, after the rules (tests/fixtures/heldout)":
        ROOT / "tests" / "fixtures" / "heldout",
    "second blind corpus, 11 languages (tests/fixtures/heldout2)":
        ROOT / "tests" / "fixtures" / "heldout2",
}
FIELDS = ("title", "authors", "published", "published day", "modified", "tags", "section",
          "language")


@dataclass
class Tally:
    """Right answers per field for one extractor, and the misses."""

    right: dict[str, int] = field(default_factory=dict)
    asked: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def score(self, page: str, name: str, got: Any, want: Any) -> None:
        """Count one comparison (``got`` is ``NotImplemented`` when the tool has no such field)."""
        if got is NotImplemented:
            return
        self.asked[name] = self.asked.get(name, 0) + 1
        if _canon(got) == _canon(want):
            self.right[name] = self.right.get(name, 0) + 1
        else:
            self.misses.append(f"{page}: {name}: got {got!r}, want {want!r}")


def _canon(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list | tuple):
        return [_canon(v) for v in value]
    return value


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def newsscrape_fields(html: bytes, url: str) -> dict[str, Any]:
    """The record's fields as the labels name them."""
    import newsscrape

    record = newsscrape.extract(html, url=url).to_dict()
    return {**record, "published day": _day(record["published"])}


def trafilatura_fields(html: bytes, url: str) -> dict[str, Any]:
    """trafilatura's metadata, mapped to the label fields it has."""
    from trafilatura import bare_extraction

    doc = bare_extraction(html, url=url, with_metadata=True)
    meta = doc.as_dict() if doc is not None else {}
    author = meta.get("author")
    return {
        "title": meta.get("title"),
        "authors": [a.strip() for a in author.split(";")] if author else [],
        "published": NotImplemented,
        "published day": meta.get("date"),
        "modified": NotImplemented,
        "tags": meta.get("tags") or [],
        "section": meta.get("categories") or [],
        "language": meta.get("language"),
    }


def htmldate_fields(html: bytes, url: str) -> dict[str, Any]:
    """htmldate's original publication date (a day)."""
    from htmldate import find_date

    day = find_date(html.decode("utf-8", "replace"), url=url, original_date=True)
    return {name: NotImplemented for name in FIELDS} | {"published day": day}


EXTRACTORS: dict[str, Callable[[bytes, str], dict[str, Any]]] = {
    "newsscrape": newsscrape_fields,
    "trafilatura": trafilatura_fields,
    "htmldate": htmldate_fields,
}


def run(pages: list[Path]) -> dict[str, Tally]:
    """Score every extractor on every labelled page."""
    tallies = {name: Tally() for name in EXTRACTORS}
    for labels_path in pages:
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        if "published" in labels:
            labels["published day"] = _day(labels["published"])
        html = labels_path.with_name(labels_path.name.replace(".labels.json", ".html")).read_bytes()
        page = labels_path.name.removesuffix(".labels.json")
        for name, extract in EXTRACTORS.items():
            try:
                got = extract(html, labels.get("url") or f"https://example.com/{page}")
            except Exception as exc:  # an anchor failing on a page scores as wrong
                got = {f: None for f in FIELDS}
                tallies[name].misses.append(f"{page}: raised {type(exc).__name__}: {exc}")
            for f in FIELDS:
                if f in labels:  # a field the labels leave out is not scored (as in the tests)
                    tallies[name].score(page, f, got.get(f, NotImplemented), labels[f])
    return tallies


def print_table(tallies: dict[str, Tally], pages: int, name: str = "") -> None:
    """Per-field accuracy, one column per extractor."""
    print(f"metadata accuracy on {pages} hand-labelled pages: {name}\n")
    names = list(tallies)
    print(f"{'field':<15}" + "".join(f"{n:>13}" for n in names))
    for f in FIELDS:
        cells = []
        for n in names:
            asked = tallies[n].asked.get(f, 0)
            cells.append(f"{tallies[n].right.get(f, 0) / asked:>13.1%}" if asked else f"{'-':>13}")
        print(f"{f:<15}" + "".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every wrong value")
    parser.add_argument("--only", choices=list(EXTRACTORS), help="show misses of one tool")
    parser.add_argument("--corpus", action="append", type=Path, metavar="DIR",
                        help="score this folder of NAME.html + NAME.labels.json instead "
                             "(repeatable; for a blind set kept outside the repository)")
    args = parser.parse_args()
    corpora = {str(folder): folder for folder in args.corpus} if args.corpus else CORPORA
    for name, folder in corpora.items():
        pages = sorted(folder.glob("*.labels.json"))
        tallies = run(pages)
        print_table(tallies, len(pages), name)
        if args.misses:
            for tool, tally in tallies.items():
                if args.only and tool != args.only:
                    continue
                print(f"\n{tool}: {len(tally.misses)} misses")
                for miss in tally.misses:
                    print("  " + miss)
        print()


if __name__ == "__main__":
    main()
