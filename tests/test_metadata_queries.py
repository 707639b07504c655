"""metadata's cheaper queries list what lexbor's plain queries list, in the same order."""

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsscrape.extractors.metadata import (
    _ANY_BYLINE,
    _author_links,
    _author_tests,
    _byline_containers,
)
from newsscrape.extractors.selectors import METADATA

PAGE = """<body><header><a href="/">Home</a> <a href="/autos/">Autos</a></header>
<article><div class="byline Author-box"><span itemprop="author" itemscope>
<span itemprop="name"><a rel="Author" href="/author/jane-roe/">Jane Roe</a></span></span>
<a href="/authors/john-doe/">John Doe</a> and <a rel="me author" href="/autoren/x/">X</a></div>
<p class="post-writer">Text: <a href="/autore/mario/">Mario</a></p>
<div id="author-card"><a href="/auteur/Zoe/" rel="nofollow author">Zoé</a></div>
<byline>By Lea</byline><span class="reporter">Kim</span><span class="AUTOR">Uwe</span></article>
<footer><a href="/Author/caps/">Caps</a> <a href="/autor/">Autor</a>
<a href="/about/autorin">About</a> <a rel="authors">Team</a></footer></body>"""


@pytest.mark.parametrize("doctype", ["<!DOCTYPE html>", ""])  # standards, quirks
def test_author_links_as_the_query_lists_them(doctype: str) -> None:
    tree = LexborHTMLParser(doctype + PAGE)
    expected = [n.mem_id for n in tree.css(", ".join(METADATA.author_links))]
    assert len(expected) > len(set(expected)) > 5  # repeats: links matching two selectors
    assert [n.mem_id for n in _author_links(tree)] == expected


@pytest.mark.parametrize("doctype", ["<!DOCTYPE html>", ""])
def test_byline_containers_in_the_selectors_order(doctype: str) -> None:
    tree = LexborHTMLParser(doctype + PAGE)
    candidates = tree.css(_ANY_BYLINE)
    expected: list[int] = []
    for selector in METADATA.byline:  # each selector's turn over all of them, each once
        expected += [n.mem_id for n in candidates
                     if n.css_matches(selector) and n.mem_id not in expected]
    assert len(expected) > 5
    assert [n.mem_id for n in _byline_containers(tree)] == expected


def test_unknown_author_link_forms_fail() -> None:
    with pytest.raises(ValueError, match="not supported"):
        _author_tests(["a[href^='/author']"])
