"""Case tables for the small normalizers: titles, sections, language tags."""

from __future__ import annotations

import pytest

from newsscrape.document.language import primary_language
from newsscrape.normalize.sections import trail_to_section
from newsscrape.normalize.titles import choose_title, strip_site_name

SEED_TITLE = "10th Anniversary of Coordinated Development of Beijing-Tianjin-Hebei Launched Online"


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        (f"{SEED_TITLE} - World Today News", ["World Today News"], SEED_TITLE),
        ("Council passes budget | Harbor Gazette", ["Harbor Gazette"], "Council passes budget"),
        ("Harbor Gazette | Council passes budget", ["Harbor Gazette"], "Council passes budget"),
        ("Council passes budget – The Daily Ledger", ["Daily Ledger"], "Council passes budget"),
        # A dash inside the headline is not a separator when no part names the site.
        ("Beijing-Tianjin-Hebei plan - what changes", ["World Today News"],
         "Beijing-Tianjin-Hebei plan - what changes"),
        ("No site name here", [], "No site name here"),
    ],
)
def test_strip_site_name(title: str, sites: list[str], expected: str) -> None:
    assert strip_site_name(title, sites) == expected


def test_choose_title_prefers_h1_when_metadata_agrees() -> None:
    assert choose_title([f"{SEED_TITLE} - Site"], SEED_TITLE, []) == SEED_TITLE


def test_choose_title_falls_back_to_metadata() -> None:
    assert choose_title(["Story | Site"], "Menu", ["Site"]) == "Story"


@pytest.mark.parametrize(
    ("trail", "title", "expected"),
    [
        (["Home", "today", "News", SEED_TITLE], SEED_TITLE, ["today", "News"]),
        (["首页", "新闻", "正文"], "某标题", ["新闻"]),
        (["Startseite", "Politik", "Ausland"], "Ein Titel", ["Politik", "Ausland"]),
        (["World Today News", "Business"], "x", ["Business"]),
        (["Home"], "x", []),
        # A truncated headline at the end of the trail is still the page itself.
        (["Home", "News", "10th Anniversary of Coordinated Development"], SEED_TITLE, ["News"]),
        # ...but a section named by the headline's first word is a section.
        (["Home", "Cities", "Bengaluru"],
         "Bengaluru metro's Yellow Line to begin trial runs next month", ["Cities", "Bengaluru"]),
    ],
)
def test_trail_to_section(trail: list[str], title: str, expected: list[str]) -> None:
    assert trail_to_section(trail, title=title, site_names=["World Today News"]) == expected


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("en-US", "en"), ("zh_CN", "zh"), ("DE", "de"), ("pt-BR,en", "pt"), ("und", None),
     ("english", None), ("", None)],
)
def test_primary_language(tag: str, expected: str | None) -> None:
    assert primary_language(tag) == expected
