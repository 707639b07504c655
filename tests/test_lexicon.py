"""The lexicon: its place beneath the stages, its tables, and what the rows drive."""

from __future__ import annotations

import ast
from datetime import date, datetime
from pathlib import Path

import pytest

from newsscrape.lexicon import bylinewords, datewords, furniture
from newsscrape.lexicon.bylinewords import BYLINE_START
from newsscrape.lexicon.dates import read_date
from newsscrape.lexicon.furniture import COMMENT_TEXT, TEASER_LABEL, TEASER_LINE
from newsscrape.lexicon.terms import Row, Term, alternation, terms, words

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsscrape"
ANCHOR = datetime.fromisoformat("2024-03-10T12:00:00+00:00")


def _imports(folder: str) -> dict[str, set[str]]:
    """``newsscrape`` modules imported by each module of ``folder`` (at any depth)."""
    found: dict[str, set[str]] = {}
    for path in sorted((PACKAGE / folder).glob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        found[path.name] = {n for n in names if n.split(".")[0] == "newsscrape"}
    return found


def test_extractors_never_import_normalize() -> None:
    for module, names in _imports("extractors").items():
        assert not [n for n in names if n.startswith("newsscrape.normalize")], module


def test_lexicon_imports_no_stage() -> None:
    for module, names in _imports("lexicon").items():
        assert all(n.startswith("newsscrape.lexicon") for n in names), (module, names)


def _tables() -> list[tuple[str, tuple[Row, ...]]]:
    """Every table of rows in the lexicon's vocabulary modules."""
    tables = []
    for module in (datewords, bylinewords, furniture):
        for name, value in vars(module).items():
            if isinstance(value, tuple) and value and all(
                    isinstance(row, tuple) and hasattr(row, "lang") for row in value):
                tables.append((f"{module.__name__}.{name}", value))
    return tables


def test_every_row_names_its_language() -> None:
    tables = _tables()
    assert len(tables) >= 20
    for name, table in tables:
        for row in table:
            assert row.lang == "*" or row.lang == "multi" or (
                row.lang.isalpha() and row.lang.islower() and 2 <= len(row.lang) <= 3), (name, row)
            assert row.text and row.text == row.text.strip(), (name, row)


def test_no_term_twice_in_a_table() -> None:
    for name, table in _tables():
        keys = [(row.lang, row.text) for row in table]
        assert len(keys) == len(set(keys)), name


def test_rows_compile_to_alternatives() -> None:
    table = (*terms("en", "home index"), Term("en", "front page"))
    assert words(table) == {"home", "index", "front page"}
    assert alternation(table, literal=True, longest_first=True) == r"front\ page|index|home"


@pytest.mark.parametrize("lang", sorted(datewords.MONTH_NAMES))
def test_every_month_spelling_reads(lang: str) -> None:
    """A language's month rows are all the reader needs: "5 <month> 2024" is a date."""
    for number, spellings in enumerate(datewords.MONTH_NAMES[lang], start=1):
        for spelling in spellings.split():
            stamp = read_date(f"5 {spelling} 2024", ANCHOR)
            assert stamp is not None and stamp.day.month == datewords.MONTHS[spelling], spelling
            if datewords.MONTHS[spelling] != number:  # the same spelling in two languages
                assert any(spelling in other.split() for other in
                           (s for table in datewords.MONTH_NAMES.values() for s in table))


@pytest.mark.parametrize("lang", sorted(datewords.WEEKDAY_NAMES))
def test_every_weekday_spelling_is_skipped(lang: str) -> None:
    for spellings in datewords.WEEKDAY_NAMES[lang]:
        for spelling in spellings.split():
            stamp = read_date(f"{spelling}, 2024-03-05", ANCHOR)
            assert stamp is not None and stamp.day == date(2024, 3, 5), spelling


@pytest.mark.parametrize("row", datewords.RELATIVE_DAYS, ids=lambda row: row.text)
def test_every_relative_day_reads(row: datewords.RelativeDay) -> None:
    stamp = read_date(row.text, ANCHOR)
    assert stamp is not None and (ANCHOR.date() - stamp.day).days == row.days_back


@pytest.mark.parametrize(("line", "expected"), [
    ("By Jane Doe", True),
    ("Reporting by Jane Doe; Editing by John Roe", True),
    ("Autorin: Wiebke Haarmann", True),
    ("Auteur : Klára Novotná", True),
    ("Av Kari Nordmann", True),
    ("记者 王小明", True),
    ("本报记者王小明", True),
    ("بقلم: أحمد خالد", True),
    ("מאת דנה כהן", True),
    ("Reporters said the fire started overnight.", False),  # "Reporter" opens prose too
    ("Reporter's Notebook", False),
    ("Text messages show the plan changed.", False),  # "Text" only with a colon
    ("Author Jane Doe wrote three novels.", False),  # "Author" only with a colon
    ("Autor*in Tanja Berg", False),
    ("Byzantine art", False),
    ("文化部召开会议", False),
])
def test_byline_start(line: str, expected: bool) -> None:
    assert (BYLINE_START.match(line) is not None) is expected


@pytest.mark.parametrize(("line", "label", "opens_line"), [
    ("Read more: Storm closes schools", False, True),
    ("Read more", True, True),
    ("Lesen Sie auch", True, True),
    ("相关阅读", True, True),
    ("More", True, False),
    ("More than 100 people were evacuated on Tuesday.", False, False),
    ("Recommended for you", True, False),
    ("Recommended doses vary by age.", False, False),
])
def test_teasers(line: str, label: bool, opens_line: bool) -> None:
    """One table: every teaser labels a block alone; only some also open a line."""
    assert (TEASER_LABEL.match(line) is not None) is label
    assert (TEASER_LINE.match(line) is not None) is opens_line


@pytest.mark.parametrize(("text", "expected"), [
    ("Leave a Reply", True), ("12 Comments", True), ("Kommentare (3)", True),
    ("Comentários", True), ("评论", True), ("댓글 5", True),
    ("Kommentar", True),  # a short block that says it, not a section name
    ("Comments on the draft are due Friday.", False),
])
def test_comment_text(text: str, expected: bool) -> None:
    assert (COMMENT_TEXT.match(text) is not None) is expected


def test_comment_section_names_come_from_the_comment_rows() -> None:
    from newsscrape.extractors.selectors import CHROME, OTHER_STORY_NAMES

    for name in furniture.COMMENT_SECTIONS:
        assert f"[class~='{name}']" in CHROME.comments and f"#{name}" in CHROME.comments
        assert name in OTHER_STORY_NAMES or any(
            stem in name for stem in furniture.COMMENT_STEMS)
    assert "kommentar" not in furniture.COMMENT_SECTIONS  # an opinion piece in German


@pytest.mark.parametrize(("label", "modified"), [
    ("Updated", True), ("Last updated on", True), ("Zuletzt aktualisiert am", True),
    ("Mis à jour le", True), ("更新时间", True), ("최종수정", True), ("date-modified", True),
    ("Letzte Änderung", True), ("Klimaveränderung", False),
    ("Published", False), ("Veröffentlicht am", False), ("发布时间", False), ("Posted", False),
])
def test_modified_hint(label: str, modified: bool) -> None:
    assert (datewords.MODIFIED_HINT.search(label) is not None) is modified
