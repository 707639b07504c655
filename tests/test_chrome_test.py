"""chrome.ElementTest answers as lexbor's page-wide query does, element by element."""

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsscrape.extractors.chrome import ElementTest
from newsscrape.extractors.metadata import _CHROME

PAGE = """<body><header class="site-header"><p>Menu</p></header>
<div id="comments-12"><span>a</span></div><div class="x Comments">b</div>
<div class="comments">c</div><footer class="footer">d</footer><ol class="commentlist">e</ol>
<div class="page-TopBar">f</div><div role="banner">g</div><div role="Banner">h</div>
<section id="comments">i</section><div data-component="comments">j</div>
<div class="comment-form x">k</div><div class="story">l</div><div id="Footer">m</div></body>"""


@pytest.mark.parametrize("doctype", ["<!DOCTYPE html>", ""])  # standards, quirks
def test_element_test_agrees_with_the_query(doctype: str) -> None:
    tree = LexborHTMLParser(doctype + PAGE)
    assert tree.body is not None
    matched = {n.mem_id for n in tree.body.css(_CHROME)}
    test = ElementTest(_CHROME)
    for node in tree.body.css("*"):
        answer = test.test(node)
        # None: the mode decides ("Comments", "Footer"), so the caller asks the query
        assert answer is None or answer == (node.mem_id in matched), node.attributes
    undecided = [n.attributes for n in tree.body.css("*") if test.test(n) is None]
    assert undecided == [{"class": "x Comments"}, {"id": "Footer"}]


def test_unknown_selector_forms_fail() -> None:
    with pytest.raises(ValueError, match="not supported"):
        ElementTest("div:not(.a)")
