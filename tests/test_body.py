"""The body's fast path on small pages: which path is taken, and what text comes out."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsscrape.extractors.blocks import read_article, read_blocks
from newsscrape.extractors.body import read_body, read_tree_body
from newsscrape.extractors.strip import (
    ROOT_MARK,
    find_article_root,
    find_body_root,
    strip_chrome,
)

PROSE = "This sentence is long enough to count as a paragraph of the article body. "
BODY = "".join(f"<p>{i}. {PROSE * 2}</p>" for i in range(6))  # ~900 characters
CJK = "北京市今天发布了新的交通规划，将在未来五年内建设更多的地铁线路和公交专用道。"


def _root(body: str) -> LexborNode:
    tree = LexborHTMLParser(f"<html><body><div id='r'>{body}</div></body></html>")
    root = tree.css_first("#r")
    assert root is not None
    return root


def _cleaned(body: str) -> LexborHTMLParser:
    tree = LexborHTMLParser(f"<html><body>{body}</body></html>")
    strip_chrome(tree)
    return tree


# --------------------------------------------------------------------------- which path


def test_clear_article_root_takes_the_fast_path() -> None:
    tree = _cleaned(f"<nav><a href='/'>Home</a></nav><article><h1>T</h1>{BODY}</article>")
    assert tree.css_first(f"article[{ROOT_MARK}]") is not None
    body = read_body(tree.html or "", url=None)
    assert body.path == "fast"
    assert body.text.startswith("0. This sentence")
    assert body.text.count("\n") == 5  # one line per paragraph


def test_html_and_tree_entry_points_agree() -> None:
    tree = _cleaned(f"<article><h1>T</h1>{BODY}</article>")
    assert read_body(tree.html or "", url=None) == read_tree_body(tree, url=None)


def test_page_without_a_clear_root_goes_to_trafilatura() -> None:
    # two equal halves of the prose in unrelated containers: no root holds enough of it
    tree = _cleaned(f"<div class='a'>{BODY}</div><div class='b'>{BODY}</div>")
    assert tree.css_first(f"[{ROOT_MARK}]") is None
    assert read_body(tree.html or "", url=None).path == "trafilatura: no root"


def test_short_root_goes_to_trafilatura() -> None:
    tree = _cleaned(f"<article><p>{PROSE}</p></article>")
    assert read_body(tree.html or "", url=None).path == "trafilatura: little text"


def test_root_full_of_links_goes_to_trafilatura() -> None:
    links = "".join(f"<li><a href='/s{i}'>Another story headline number {i}</a></li>"
                    for i in range(20))
    verdict = read_article(_root(f"{BODY}<ul>{links}</ul>"))
    assert verdict == (None, "many links")


def test_root_made_of_loose_text_goes_to_trafilatura() -> None:
    loose = "".join(f"<div>{PROSE * 2}</div>" for _ in range(6))
    verdict = read_article(_root(f"<p>{PROSE * 4}</p>{loose}"))
    assert verdict.text is None


def test_root_with_much_furniture_goes_to_trafilatura() -> None:
    captions = "".join(f"<div class='caption'>{PROSE}</div>" for _ in range(5))
    assert read_article(_root(BODY + captions)).reason == "skipped text"


def test_densest_paragraph_parent_is_the_root_when_no_selector_fits() -> None:
    tree = LexborHTMLParser(f"<html><body><div class='x'><div id='story'>{BODY}</div>"
                            "<p>Short.</p></div></body></html>")
    root = find_body_root(tree, find_article_root(tree))
    assert root is not None and root.attributes.get("id") == "story"


# --------------------------------------------------------------------------- what text


def test_blocks_one_line_each_with_inline_text_joined() -> None:
    blocks = read_blocks(_root(
        "<h2>A <em>sub</em>heading</h2><p>One <a href='#'>linked</a> <b>bold</b> line.</p>"
        "<ul><li>First item</li><li>Second <i>item</i></li></ul>"
        "<blockquote><p>A quote.</p></blockquote><pre>code  here</pre>"
        "<table><tr><th>k</th><td>v</td></tr></table><p>Line one<br>line two</p>"
    )).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("h", "A subheading"), ("p", "One linked bold line."), ("li", "First item"),
        ("li", "Second item"), ("p", "A quote."), ("p", "code here"), ("tr", "| k | v"),
        ("p", "Line one"), ("p", "line two"),
    ]


def test_captions_figures_controls_and_furniture_are_left_out() -> None:
    verdict = read_article(_root(
        f"{BODY}<figure><figcaption>A photo caption</figcaption></figure>"
        "<div class='img-credit'>Photo: Agency</div><button>Close</button>"
        "<div class='post-meta'>5 min read</div><span class='hidden'>Secret</span>"
    ))
    assert verdict.text is not None
    for furniture in ("caption", "Agency", "Close", "min read", "Secret"):
        assert furniture not in verdict.text


def test_text_loose_beside_paragraphs_is_kept() -> None:
    verdict = read_article(_root(f"{BODY}<strong>A subheading in bold</strong>"
                                 f"<p>{PROSE}</p>Then a paragraph without its tag."))
    assert verdict.text is not None
    assert "A subheading in bold" in verdict.text
    assert "Then a paragraph without its tag." in verdict.text


def test_loose_text_in_a_wrapper_without_paragraphs_is_left_out() -> None:
    verdict = read_article(_root(f"<div class='body'>{BODY}</div>"
                                 "<div><div>Image 1 of 23</div></div>"))
    assert verdict.text is not None
    assert "Image 1 of 23" not in verdict.text


def test_link_lists_go_but_a_cited_address_stays() -> None:
    verdict = read_article(_root(
        f"{BODY}<ul><li><a href='/a'>Read another story</a></li></ul>"
        "<p><a href='https://example.org/report'>https://example.org/report</a></p>"
    ))
    assert verdict.text is not None
    assert "Read another story" not in verdict.text
    assert "https://example.org/report" in verdict.text


def test_headings_after_the_last_paragraph_go() -> None:
    verdict = read_article(_root(f"{BODY}<h3>More from the section</h3>"))
    assert verdict.text is not None
    assert verdict.text.endswith(PROSE.strip())


def test_furniture_name_on_a_wrapper_holding_the_body_is_read() -> None:
    verdict = read_article(_root(f"<div class='content-with-sidebar'>{BODY}</div>"))
    assert verdict.text is not None and verdict.text.startswith("0. This sentence")


def test_cjk_text_is_read_without_spaces_added() -> None:
    verdict = read_article(_root("".join(f"<p>{CJK}<b>重点</b>{CJK}</p>" for _ in range(10))))
    assert verdict.text is not None
    assert verdict.text.split("\n")[0] == f"{CJK}重点{CJK}"


def test_promotional_tail_is_trimmed_on_the_fast_path() -> None:
    tree = _cleaned(f"<article><h1>T</h1>{BODY}<p>Sign up for our newsletter.</p></article>")
    body = read_body(tree.html or "", url=None)
    assert body.path == "fast"
    assert "newsletter" not in body.text


def test_thousands_of_nested_tags_still_give_the_text() -> None:
    """Unclosed ``<font>`` tags nest every following element a level deeper; past Python's
    recursion limit the reader still reads them (trafilatura would drop the subtree)."""
    from newsscrape import extract

    prose = "A sentence of the article that is long enough to be read as prose. " * 20
    for opener, closer in (("<font>", ""), ("<div>", "</div>")):
        html = ("<html><body><article><h1>Deep</h1>" + opener * 5000 + f"<p>{prose}</p>"
                + closer * 5000 + "<p>The closing paragraph of this deeply nested page.</p>"
                "</article></body></html>")
        record = extract(html, url="http://example.com/deep")
        assert record.text is not None
        assert record.text.startswith("A sentence of the article")
        assert record.text.endswith("The closing paragraph of this deeply nested page.")


@pytest.mark.parametrize("name", ["imageCaption", "image-caption", "photoCredit"])
def test_caption_classes_are_skipped_in_camel_case_too(name: str) -> None:
    reading = read_blocks(_root(f"<p class='{name}'>A photo of the scene</p>{BODY}"))
    assert "A photo of the scene" not in " ".join(b.text for b in reading.blocks)
    assert reading.skipped == len("A photo of the scene")


def test_camel_case_split_does_not_invent_furniture() -> None:
    reading = read_blocks(_root(f"<p class='paraWithFont'>Kept text of the story</p>{BODY}"))
    assert reading.blocks[0].text == "Kept text of the story"


# --------------------------------------------------------------------------- short readings

LONG_PAGE = "".join(f"<div class='post'>{i}. {PROSE * 2}</div>" for i in range(12))
FIRST = "1. " + PROSE.strip()


@pytest.mark.parametrize(
    ("fast", "full", "expected_path"),
    [
        # fast mode kept one post of twelve; the full reading holds it and the rest
        (FIRST, f"{FIRST}\n2. more of the thread", "trafilatura full: no root"),
        # ...but a longer reading without any of the fast text is another story
        (FIRST, "Another story entirely, from the next-story box under the post.\n" * 9,
         "trafilatura: no root"),
        # a fast reading holding most of the page is never second-guessed
        ("\n".join([FIRST] * 12), "\n".join([FIRST] * 13), "trafilatura: no root"),
    ],
)
def test_a_short_fast_reading_is_checked_against_the_full_one(
        monkeypatch: pytest.MonkeyPatch, fast: str, full: str, expected_path: str) -> None:
    import newsscrape.extractors.body as body

    def reading(html: str, *, url: str | None, fast_mode: bool = True) -> str:
        return fast if fast_mode else full

    monkeypatch.setattr(body, "trafilatura_text",
                        lambda html, *, url, fast=True: reading(html, url=url, fast_mode=fast))
    tree = LexborHTMLParser(f"<html><body>{LONG_PAGE}</body></html>")
    result = body.read_tree_body(tree, url=None)
    assert result.path == expected_path
    assert result.text == (full if expected_path.startswith("trafilatura full") else fast)


def test_an_article_of_short_paragraphs_takes_the_fast_path() -> None:
    """No paragraph reaches the prose length, but the root holds all the page's text:
    it is read from the tree (trafilatura's time grows faster than the page)."""
    paragraphs = "".join(f"<p>Paragraph number {i} says something short here.</p>"
                         for i in range(60))
    tree = _cleaned(f"<nav><a href='/'>Home</a></nav><article><h1>T</h1>{paragraphs}</article>")
    body = read_tree_body(tree, url=None)
    assert body.path == "fast"
    assert body.text.count("says something short here.") == 60


def test_the_slow_path_keeps_paragraphs_apart_and_the_byline_out_of_the_text() -> None:
    """A page without paragraphs marked up as such goes to trafilatura; its record still
    has one blank line between paragraphs and does not open with the byline."""
    import newsscrape

    lines = "".join(f"<div class='txt'>Line {i}: {PROSE}</div>" for i in range(8))
    page = (f"<html><body><div class='main'><h1>Park plan approved</h1>"
            f"<div class='info'>By Jane Doe | March 5, 2024</div>{lines}</div>"
            f"<div class='side'><p>{PROSE}</p></div></body></html>")
    tree = _cleaned(page.removeprefix("<html><body>").removesuffix("</body></html>"))
    assert read_tree_body(tree, url=None).path.startswith("trafilatura")
    text = newsscrape.extract(page.encode()).text
    assert text.startswith("Line 0: ")
    assert text.split("\n\n")[:2] == [f"Line 0: {PROSE.strip()}", f"Line 1: {PROSE.strip()}"]
