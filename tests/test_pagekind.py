"""Pages that are no article end as ``no_article``; short, video and attachment pages
that declare an article still give records (see the golden fixtures for those)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import invoke

import newsscrape
from newsscrape.errors import ExtractError
from newsscrape.extractors.pagekind import declares_article, refusal

NONARTICLES = Path(__file__).resolve().parent / "fixtures" / "nonarticles"
WHY = {
    "wordpress-404": "error page",
    "incapsula-wall": "bot check",
    "cloudflare-check": "bot check",
    "consent-wall": "consent dialog",
    "section-front": "section front",
}


@pytest.mark.parametrize("name", sorted(WHY))
def test_a_page_that_is_no_article_raises_no_article_saying_why(name: str) -> None:
    with pytest.raises(ExtractError) as info:
        newsscrape.extract((NONARTICLES / f"{name}.html").read_bytes())
    assert info.value.kind == "no_article"
    assert WHY[name] in str(info.value)


def test_every_nonarticle_fixture_is_in_the_table() -> None:
    assert sorted(p.stem for p in NONARTICLES.glob("*.html")) == sorted(WHY)


def test_the_command_line_reports_it_as_an_error_line(tmp_path: Path) -> None:
    errors = tmp_path / "errors.jsonl"
    result = invoke("extract", NONARTICLES / "section-front.html", "--errors", errors)
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = errors.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["error"]["kind"] == "no_article"


PARAGRAPH = "The council met on Tuesday and voted on the riverside park plan after a long debate."
TEASERS = "".join(
    f"<article class='card'><a href='/s/{i}'><h3>Headline of another story number {i}</h3>"
    f"</a><p>Teaser line {i} for that other story.</p></article>" for i in range(8))


@pytest.mark.parametrize(
    ("text", "html", "refused"),
    [
        # an article whose text mentions cookies and a 404 is still an article
        (PARAGRAPH * 8, "<title>Why 404 pages matter</title><p>We use cookies</p>", False),
        ("Checking the connection.", "<title>Just a moment...</title>", True),
        # a short article text with teaser cards around it: not made of teasers
        ("\n".join([PARAGRAPH] * 5), f"<body><article><p>{PARAGRAPH}</p></article>{TEASERS}",
         False),
        # the same cards, and the text is their teaser lines: a story list
        ("\n".join(f"Teaser line {i} for that other story." for i in range(8)),
         f"<body>{TEASERS}</body>", True),
        # ...unless the page declares an article (a list article)
        ("\n".join(f"Teaser line {i} for that other story." for i in range(8)),
         f"<head><meta property='og:type' content='article'></head><body>{TEASERS}</body>",
         False),
        # no text: a declared article gives a record, anything else does not
        ("", "<script type='application/ld+json'>{\"@type\": \"NewsArticle\"}</script>", False),
        ("", "<html><body><div>Menu</div></body></html>", True),
    ],
)
def test_refusal_cases(text: str, html: str, refused: bool) -> None:
    title = html.partition("<title>")[2].partition("</title>")[0]
    assert (refusal(text, html, (title,) if title else ()) is not None) == refused


@pytest.mark.parametrize(
    ("html", "declared"),
    [
        ('<meta property="og:type" content="article">', True),
        ("<meta content='video.other' property='og:type'>", True),
        ('<meta property="og:type" content="website">', False),
        ('<meta property="article:published_time" content="2024-05-01T10:00:00Z">', True),
        ('<script type="application/ld+json">{"@graph":[{"@type":["WebPage"]},'
         '{"@type":"schema:BlogPosting"}]}</script>', True),
        ('<script type="application/ld+json">{"@type":"VideoObject"}</script>', True),
        ('<script type="application/ld+json">{"@type":"CollectionPage"}</script>', False),
        ('<div itemscope itemtype="https://schema.org/NewsArticle">', True),
        ("<p>No declaration at all.</p>", False),
    ],
)
def test_declares_article(html: str, declared: bool) -> None:
    assert declares_article(html) == declared


@pytest.mark.parametrize(
    ("title", "not_found"),
    [
        ("Page not found – Riverbend Gazette", True),
        ("Oops! That page can’t be found.", True),
        ("404 - Seite nicht gefunden", True),
        ("Error 404 | Harbor Ledger", True),
        ("Página no encontrada", True),
        ("Why 404 pages matter to readers", False),
        ("Lost and found: the harbour's oldest ferry returns", False),
    ],
)
def test_error_page_titles(title: str, not_found: bool) -> None:
    html = f"<html><head><title>{title}</title></head><body><p>Short.</p></body></html>"
    assert (refusal("Short.", html, (title,)) is not None) == not_found
