"""The lead paragraph that opens an article (``extractors.lead``), read before stripping."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

import newsscrape
from newsscrape.extractors.lead import find_lead, with_lead

LEAD = "Die Stadt vergibt den Auftrag für die neue Brücke; die Arbeiten beginnen im März."
BODY = "".join(
    f"<p>Absatz {i}: Während der Bauzeit bleibt die Verbindung für Fußgänger offen, "
    "Autos werden über die Magistrale umgeleitet.</p>" for i in range(6))


def _lead(html: str) -> str | None:
    return find_lead(LexborHTMLParser(f"<html><body>{html}</body></html>"))


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # German, French, Spanish, Italian lead classes, in the headline's block or beside it
        (f"<header><h1>T</h1><p class='ts-intro'>{LEAD}</p></header><div>{BODY}</div>", LEAD),
        (f"<h1>T</h1><div class='af-chapo' id='chapo'>{LEAD}</div>{BODY}", LEAD),
        (f"<h1>T</h1><div class='contenedor-bajada'>{LEAD}</div>{BODY}", LEAD),
        (f"<h1>T</h1><div class='sommario'>{LEAD}</div>{BODY}", LEAD),
        (f"<h1>T</h1><div class='ce_articleIntro block'>{LEAD}</div>{BODY}", LEAD),  # camelCase
        # an intro box holding the lead, the byline and the date: its first block
        (f"<header><h1>T</h1><div class='article__intro'><div class='summary'>{LEAD}</div>"
         "<div class='byline'>Von Heike Buchter</div><div class='metadata'>19. Oktober 2019"
         f"</div></div></header>{BODY}", LEAD),
        # a site-wide <h1>, the story's own headline an <h2> in its <article>
        (f"<h1>Stern</h1><article><h2 class='a-h1-title'>Brexit</h2>"
         f"<div class='article-intro'><p>{LEAD}</p></div>{BODY}</article>", LEAD),
    ],
)
def test_a_marked_lead_after_the_headline_is_found(html: str, expected: str) -> None:
    assert _lead(html) == expected


@pytest.mark.parametrize(
    "html",
    [
        # a dek, a standfirst, a subtitle: display lines of the headline, not its first paragraph
        f"<header><h1>T</h1><p class='c-entry-summary p-dek'>{LEAD}</p></header>{BODY}",
        f"<h1>T</h1><div class='tonal__standfirst'>{LEAD}</div>{BODY}",
        # a blog engine's excerpt: the post's summary, shown as its meta description too
        f"<article><header><h1>T</h1><p class='article-excerpt'>{LEAD}</p></header>"
        f"<section class='gh-content'>{BODY}</section></article>",
        f"<h1>T</h1><div class='entry-excerpt'>{LEAD}</div>{BODY}",
        # the lead picture, named "lead" too
        f"<h1>T</h1><div class='ArticlePage-lead'><figure><img src='a.jpg'><figcaption>{LEAD}"
        f"</figcaption></figure></div>{BODY}",
        f"<h1>T</h1><div class='leadMediaRegion video'>{LEAD}</div>{BODY}",
        # a teaser card's excerpt in a story list under the headline
        f"<h1>T</h1><article class='story'><h3><a href='/x'>Other story</a></h3>"
        f"<div class='excerpt'>{LEAD}</div></article>{BODY}",
        # a lead-named block after the body has begun is not the lead
        f"<h1>T</h1>{BODY}<div class='intro'>{LEAD}</div>",
        # no headline, no lead
        f"<div class='lead'>{LEAD}</div>{BODY}",
        # a lead made of links is a list of stories
        f"<h1>T</h1><div class='lead'><a href='/a'>{LEAD}</a></div>{BODY}",
    ],
)
def test_other_blocks_are_not_the_lead(html: str) -> None:
    assert _lead(html) is None


@pytest.mark.parametrize(
    ("text", "lead", "expected"),
    [
        ("First.\nSecond.", LEAD, f"{LEAD}\nFirst.\nSecond."),
        (f"{LEAD}\nSecond.", LEAD, f"{LEAD}\nSecond."),  # already there
        # a teaser's shortened copy of the first paragraph
        ("Three hikers in Norway have been rescued from the glacier, police said.",
         "Three hikers in Norway have been rescued from the glacier,...",
         "Three hikers in Norway have been rescued from the glacier, police said."),
        ("First.", None, "First."),
        # a lead that opens with the body's first sentence and says more
        ("Die Imkervereine fordern einen Zuschuss. So sollen Blühstreifen entstehen.",
         "Die Imkervereine fordern einen Zuschuss. Der Landrat zeigte sich offen.",
         "Die Imkervereine fordern einen Zuschuss. Der Landrat zeigte sich offen.\n"
         "Die Imkervereine fordern einen Zuschuss. So sollen Blühstreifen entstehen."),
        ("", LEAD, ""),  # no body, no record made of a lead alone
    ],
)
def test_with_lead_puts_it_first_once(text: str, lead: str | None, expected: str) -> None:
    assert with_lead(text, lead) == expected


def test_the_lead_opens_the_record_text() -> None:
    page = (f"<html lang='de'><head><title>Neue Brücke</title></head><body><article><header>"
            f"<h1>Neue Brücke</h1><p class='a-lead'>{LEAD}</p></header>"
            f"<div class='article-body'>{BODY}</div></article></body></html>")
    text = newsscrape.extract(page.encode()).text
    assert text.startswith(LEAD + "\n\nAbsatz 0:")
    assert text.count(LEAD) == 1
