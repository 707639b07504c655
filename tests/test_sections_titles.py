"""Case tables for the small normalizers: titles, sections, language tags."""

from __future__ import annotations

from typing import Any

import pytest

import newsscrape
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
        # issue 9: the root comes off whatever it says, the site's name around it too
        (["Lahntal Anzeiger Startseite", "Politik"], "x", ["Politik"]),
        (["Home & Garden", "Tools"], "x", ["Home & Garden", "Tools"]),
        # a date archive's trail and an issue number are no sections
        (["Home", "2023", "October", "27"], "x", []),
        (["2023/43", "Disko"], "x", ["Disko"]),
        # a site menu read as a trail is no trail
        (["Fashion", "Beauty", "Travel", "Europa", "Amerika", "Asien", "Kontakt"], "x", []),
        # the headline without the kicker the title has is the page itself
        (["Handel", "Pflanzen per Lastenrad zum Festplatz"],
         "Landesgartenschau in Lahr: Pflanzen per Lastenrad zum Festplatz", ["Handel"]),
        # ...but a section named by the headline's last words is a section
        (["Notícias", "São Paulo"], "Chuva forte alaga ruas em São Paulo",
         ["Notícias", "São Paulo"]),
    ],
)
def test_trail_to_section(trail: list[str], title: str, expected: list[str]) -> None:
    assert trail_to_section(trail, title=title, site_names=["World Today News"]) == expected


def test_trail_item_naming_the_page_as_its_title_does_is_no_section() -> None:
    """issue 9: a trail's last item that the ``<title>`` names, where the headline
    comes from the article's own heading, is the page itself."""
    trail = ["Startseite", "Reisen", "Wandern im Harz - Die schönsten Touren"]
    headline = "Sieben Wege über den Brocken"
    assert trail_to_section(trail, title=headline, site_names=[]) == ["Reisen", trail[-1]]
    assert trail_to_section(trail, title=headline, site_names=[],
                            page="Wandern im Harz - Die schönsten Touren | Wanderblatt") \
        == ["Reisen"]


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("en-US", "en"), ("zh_CN", "zh"), ("DE", "de"), ("pt-BR,en", "pt"), ("und", None),
     ("english", None), ("", None)],
)
def test_primary_language(tag: str, expected: str | None) -> None:
    assert primary_language(tag) == expected


def _record(html: str) -> dict[str, Any]:
    return newsscrape.extract(html.encode(), url="https://example.hu/a/b").to_dict()


def test_trail_root_dropped_in_any_language() -> None:
    """Issue 9: the root links to "/" (or is the BreadcrumbList's item for the site's
    root) whatever it says, in words no table lists."""
    visible = ('<html><body><div class="breadcrumb"><a href="/">Címlap</a> › '
               '<a href="/belfold/">Belföld</a></div><article><h1>Hír a vízről</h1>'
               f'<p>{"A víz szintje emelkedik a folyón. " * 20}</p></article></body></html>')
    assert _record(visible)["section"] == ["Belföld"]
    georgian = visible.replace("Címlap", "მთავარი").replace("Belföld", "პოლიტიკა")
    assert _record(georgian)["section"] == ["პოლიტიკა"]
    jsonld = ('<html><head><script type="application/ld+json">{"@type": "BreadcrumbList", '
              '"itemListElement": [{"@type": "ListItem", "position": 1, "name": "Címlap", '
              '"item": "https://example.hu/"}, {"@type": "ListItem", "position": 2, '
              '"name": "Sport", "item": "https://example.hu/sport/"}]}</script></head>'
              f'<body><article><h1>Győzelem</h1><p>{"A csapat nyert. " * 30}</p></article>'
              '</body></html>')
    assert _record(jsonld)["section"] == ["Sport"]


def test_category_links_are_the_section_without_a_trail() -> None:
    """Issue 9 (K1): WordPress's category links ("Posted in …", rel="category tag")."""
    html = ('<html><body><article class="post"><h1 class="entry-title">Ein Titel</h1>'
            f'<div class="entry-content"><p>{"Ein Satz über das Thema. " * 30}</p></div>'
            '<footer class="entry-footer"><span class="cat-links">Veröffentlicht in '
            '<a href="https://example.hu/category/blog/" rel="category tag">Blog</a>, '
            '<a href="https://example.hu/category/reisen/" rel="category tag">Reisen</a>'
            '</span></footer></article><nav class="menu"><a href="/category/sport/">Sport'
            '</a></nav></body></html>')
    assert _record(html)["section"] == ["Blog", "Reisen"]
